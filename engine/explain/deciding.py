"""Undetermined: the smallest sets of unknown facts whose values settle the answer.

The search asks a `decide` function (the orchestration's satisfiability checks)
what the question's answer is under an assignment of some unknown facts; it
answers with a `Settled`. The search is bounded: sets of up to three facts, pairs
among the first twelve candidates, triples among the first eight, and at most
`Limits.deciding_unknowns` facts weighed one by one and `Limits.deciding_checks`
assignments tried; where a limit is reached, the result's `left_out` says so.
"""

from __future__ import annotations

import itertools
from enum import Enum
from typing import Callable

from .. import model as M
from ..decision import DecidingSet
from .limits import DEFAULT, Limits
from .wording import fact_question


class Settled(str, Enum):
    """The question's status under an assignment of unknown facts."""

    yes = "yes"
    no = "no"
    undetermined = "undetermined"
    contradiction = "contradiction"  # no answer set agrees with the assignment


class DecidingSets(list):
    """The deciding sets found (a list of DecidingSet), and what a limit left unweighed."""

    def __init__(self, sets=(), left_out: list[str] | None = None):
        super().__init__(sets)
        self.left_out: list[str] = left_out or []


def deciding_sets(law: M.Law, unknowns: list[M.GroundAtom], decide: Callable[[list[tuple[M.GroundAtom, bool]]], "Settled | str"],
                  case_constants, max_size: int = 3, limit: int = 5, limits: Limits = DEFAULT) -> DecidingSets:
    """The smallest sets of unknown facts such that every assignment of them decides the answer."""
    tried = 0

    def settle(assignment: list[tuple[M.GroundAtom, bool]]) -> Settled:
        nonlocal tried
        tried += 1
        if tried > limits.deciding_checks:
            raise _Exhausted
        return Settled(decide(assignment))  # the orchestration may still answer with the enum's strings

    found = DecidingSets()
    try:
        _search(law, unknowns, settle, case_constants, max_size, limit, limits, found)
    except _Exhausted:
        found.left_out.append(f"deciding sets: the search stopped after {limits.deciding_checks:,} assignments of unknown facts "
                              f"(Limits.deciding_checks); {'the sets given are those found by then' if found else 'none was found by then'}, "
                              "and smaller or other sets may exist")
    return found


class _Exhausted(Exception):
    """The search for deciding sets has tried as many assignments as the limit allows."""


def _search(law: M.Law, unknowns: list[M.GroundAtom], settle: Callable[[list[tuple[M.GroundAtom, bool]]], Settled],
            case_constants, max_size: int, limit: int, limits: Limits, found: DecidingSets) -> None:
    """Fill `found`: single facts, then pairs, then triples, smallest sets first."""
    covered: list[set] = []
    # in a fixed order, not the order the case states its facts in: the same facts give the same sets
    unknowns = sorted(dict.fromkeys(unknowns), key=_stable_key(law, case_constants))
    weighed = unknowns[:limits.deciding_unknowns]
    if len(unknowns) > len(weighed):
        found.left_out.append(f"deciding sets: {len(unknowns) - len(weighed):,} of the {len(unknowns):,} unknown facts this "
                              f"answer can rest on were not weighed (Limits.deciding_unknowns is {limits.deciding_unknowns:,})")
    # facts that settle it on one of their values first; then the others, which may settle it together
    # ((a and b) or c: no one of a, b decides, but {a, b, c} does)
    singles = [u for u in weighed if any(settle([(u, v)]) is not Settled.undetermined for v in (True, False))]
    pool = (singles + [u for u in weighed if u not in singles])[:12]
    for size in range(1, max_size + 1):
        if found or size > len(pool):
            break
        # bounded search: pairs among the first 12 facts, triples among the first 8 (the single
        # deciders come first, so the likeliest sets are tried)
        for combo in itertools.combinations(pool[:{1: 12, 2: 12}.get(size, 8)], size):
            if any(c <= set(combo) for c in covered):
                continue
            outcomes = []
            decided = True
            for values in itertools.product((True, False), repeat=size):
                ans = settle(list(zip(combo, values)))
                if ans is Settled.undetermined:
                    decided = False
                    break
                outcomes.append(", ".join(f"{'' if v else 'not '}{a}" for a, v in zip(combo, values)) + f" -> {ans.value}")
            if decided:
                covered.append(set(combo))
                found.append(DecidingSet(facts=[fact_question(law, a, case_constants) for a in combo], outcomes=outcomes))
                if len(found) >= limit:
                    return


def _stable_key(law: M.Law, case_constants):
    """Unknown facts by their predicate's place in the vocabulary, then by the place of their
    names among the case's declared things (the order the open domain enumerates them in)."""
    preds = {name: i for i, name in enumerate(law.predicates)}
    names = {name: i for i, name in enumerate(case_constants or {})}

    def key(atom: M.GroundAtom):
        return (preds.get(atom.pred, len(preds)), atom.pred,
                tuple((0, names[v.id], "") if isinstance(v, M.Name) and v.id in names else (1, 0, repr(v)) for v in atom.args))
    return key
