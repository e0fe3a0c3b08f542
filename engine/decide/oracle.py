"""The satisfiability oracle behind deciding sets: which unknown facts can settle an undetermined question.

A question's status under an assignment of some unknown facts is found with at most three
satisfiability checks against the case grounded alone (no enumeration of consequences), and
`explain.deciding_sets` searches the smallest sets of facts every assignment of which decides it.
"""

from __future__ import annotations

import clingo

from .. import model as M
from ..decision import DecidingSet
from ..explain import Explainer, deciding_sets
from ..solve.solver import CaseInput, Solver, relevant_predicates, satisfiable


def unknowns_that_matter(solver: Solver, inp: CaseInput, q: M.GroundAtom, *, ctl: clingo.Control | None = None,
                         explainer: Explainer | None = None) -> list[M.GroundAtom]:
    """The unknown facts of the case that q can rest on in some answer set: only these can change it.

    Args:
        solver: the solver holding the law.
        inp: the prepared case.
        q: the question.
        ctl: the case grounded alone, if already at hand.
        explainer: the case's explainer, if its consequences are already computed.
    """
    if explainer is None:
        [base] = solver.consequences(ctl or solver.control([inp]), 1, True)
        if not base.consistent:
            return []
        explainer = Explainer(solver.compiled, inp, base)
    support = explainer.support(q)
    relevant = relevant_predicates(solver.compiled.law, [q.pred])
    return [u for u in inp.unknown_facts if u.pred in relevant and u in support]


def what_would_decide(solver: Solver, inp: CaseInput, q: M.GroundAtom, max_size: int = 3, *,
                      ctl: clingo.Control | None = None, unknowns: list[M.GroundAtom] | None = None) -> list[DecidingSet]:
    """The smallest sets of unknown facts whose values settle `q`, smallest first.

    Args:
        solver: the solver holding the law.
        inp: the prepared case.
        q: the question left undetermined.
        max_size: the largest set considered.
        ctl: the case grounded alone, if already at hand (it is reused, not changed).
        unknowns: the unknown facts that matter to q, if already known (`unknowns_that_matter`).
    """
    compiled = solver.compiled
    ctl = ctl or solver.control([inp])
    qsym = compiled.atom_symbol(0, q)
    cache: dict[tuple, str] = {}
    in_program = ctl.symbolic_atoms[qsym] is not None

    def decide(assignment: list[tuple[M.GroundAtom, bool]]) -> str:
        # q's status under the assignment, by up to three satisfiability checks
        # (no enumeration of consequences: only q's status is needed)
        key = tuple(sorted((str(a), v) for a, v in assignment))
        if key not in cache:
            assumptions = [(compiled.atom_symbol(0, a), v) for a, v in assignment]
            if not satisfiable(ctl, assumptions):
                cache[key] = "contradiction"
            elif not in_program or not satisfiable(ctl, [*assumptions, (qsym, True)]):
                cache[key] = "no"
            else:
                cache[key] = "undetermined" if satisfiable(ctl, [*assumptions, (qsym, False)]) else "yes"
        return cache[key]

    if unknowns is None:
        unknowns = unknowns_that_matter(solver, inp, q, ctl=ctl)
    return deciding_sets(compiled.law, unknowns, decide, inp.case.constants, max_size=max_size)
