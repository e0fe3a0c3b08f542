"""Many people and acts with nothing stated: decided at once, or refused at once with a limit
that names what blows up, never bounded only by the solving time (issue 13)."""

from __future__ import annotations

from writ.solve import Limits, Outcome, Solver, prepare


def _case(mini, n: int):
    text = ("use mini\ncase big \"many\" as of 2020-07-09\n"
            + "".join(f'  entity p{i} "P{i}".\n' for i in range(n))
            + "".join(f'  act a{i} "A{i}".\n' for i in range(n))
            + "  question meets_criteria(p0).\n")
    [case] = mini.cases_from_text(text, "big.writ")
    return prepare(mini.law, case)


def test_sixty_by_sixty_with_nothing_stated_is_decided_within_a_small_limit(mini):
    inp = _case(mini, 60)
    assert len(inp.unknown_facts) == 3_720  # 60 x 60 engaged_in, 60 foreign_person, 60 serious_abuse
    # measured 0.1 s CPU; brave and cautious enumeration in clingo's default order needed
    # thousands of models and ran into a 20 s limit
    [cons] = Solver(mini.compiled, Limits(solve_seconds=5)).solve([inp])
    assert cons.outcome is Outcome.decided, cons.reason
    assert cons.holds(mini.compiled.atom_symbol(0, inp.case.questions[0])) == "undetermined"


def test_too_many_unknowns_are_refused_naming_the_predicates_that_multiply(mini):
    inp = _case(mini, 30)
    [cons] = Solver(mini.compiled, Limits(unknown_facts=500)).solve([inp])
    assert cons.outcome is Outcome.limit_reached
    assert "960 facts unknown" in cons.reason and "Limits.unknown_facts" in cons.reason
    assert "900 of engaged_in (30 x 30 things)" in cons.reason
