"""Undetermined: the atoms a question can rest on in some answer set, so only unknown facts among them are weighed.

With one binary open predicate over twenty parties, q(e0) rests on 40 of its
400 atoms; the deciding sets search only the unknown facts in its support.
"""

from __future__ import annotations

from typing import TYPE_CHECKING

from .. import model as M
from .evaluate import aggregates_in
from .world import Bindings

if TYPE_CHECKING:
    from .answer import Explainer


def support(ex: "Explainer", q: M.GroundAtom) -> set[M.GroundAtom]:
    """Every atom that q can rest on in some answer set: the premises, negated premises,
    aggregate elements and exceptions of every rule instance that may conclude it, and theirs."""
    seen: set[M.GroundAtom] = set()
    stack = [q]
    while stack:
        a = stack.pop()
        if a in seen:
            continue
        seen.add(a)
        for inst, b in ex.possible.firings(a):
            lits = list(inst.rule.alternatives[inst.alternative]) + [l for alt in inst.rule.unless for l in alt]
            for lit in lits:
                stack.extend(possible_atoms(ex, lit, b))
    return seen


def possible_atoms(ex: "Explainer", lit: M.RLiteral, b: Bindings) -> list[M.GroundAtom]:
    """The atoms a literal can refer to under b in the possible world (all instances where b leaves variables open)."""
    ev, possible = ex.ev, ex.possible
    out: list[M.GroundAtom] = []
    atom = lit.atom if isinstance(lit, M.RNot) else lit
    if isinstance(atom, M.RAtom):
        g = ev.ground(atom, b)
        if g is not None:
            out.append(g)
        else:
            out += [M.GroundAtom(atom.pred, args) for args in ev.candidates(atom, b, possible)
                    if ev.unify(atom.args, args, b) is not None]
    for agg in aggregates_in(lit):
        for eb in ev.match(list(agg.body), dict(b), possible):
            for l in agg.body:
                out += possible_atoms(ex, l, eb)
    return out
