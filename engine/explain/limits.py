"""How much an explanation may show or search, with named defaults, and the sentence it says when cut.

An explanation is never cut silently: where a limit is reached, the answer says
what was left out and which limit left it out (`QuestionResult.not_explained`, or
a node of kind "cut" in a yes-tree). Raise a limit by passing `Limits(...)` to
`Explainer`.
"""

from __future__ import annotations

from dataclasses import dataclass

TREE_DEPTH = 60
"""Levels of a yes-tree shown. Below it, a node of kind "cut" names the conclusion whose derivation
is left out and how deep it goes. Its facts are still in `facts_used`. (pydantic writes JSON to about 250
levels and reads it back to about 100, two JSON levels a node: at 60, a decision round-trips.)"""

TREE_NODES = 5_000
"""Nodes of a yes-tree. A derivation that shares sub-derivations unfolds into a tree that can grow
exponentially; past this many nodes, a conclusion already shown above is not shown again."""

FRONTIER = 200
"""Ways of meeting a rule's conditions that why-not follows from one condition to the next. When a
condition has more, only the first ones (in a fixed order) are followed: the failure found is then
a failure of those, and the answer says so."""

DECIDING_UNKNOWNS = 40
"""Unknown facts weighed one by one for deciding sets (each costs up to six satisfiability checks).
Past it, the rest are not weighed, and the answer says how many were left out. (The bundled
cases weigh at most 9.)"""

DECIDING_CHECKS = 500
"""Assignments of unknown facts tried in the search for one answer's deciding sets (each up to three
satisfiability checks of the whole case). Past it, the search stops with the sets found so far, and
the answer says so. (The bundled cases need at most 381: the triples of xpsb_2020.)"""


@dataclass(frozen=True)
class Limits:
    """The size limits of one case's explanations (see the module constants for each one's effect)."""

    tree_depth: int = TREE_DEPTH
    tree_nodes: int = TREE_NODES
    frontier: int = FRONTIER
    deciding_unknowns: int = DECIDING_UNKNOWNS
    deciding_checks: int = DECIDING_CHECKS


DEFAULT = Limits()
