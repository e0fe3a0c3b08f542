"""Per-case outcomes: a case that cannot be decided is an outcome of that case, never an
exception that takes the batch down (issue 10)."""

from __future__ import annotations

import dataclasses

import pytest

from writ.compile.program import CompiledLaw
from writ.solve import Limits, Outcome, Solver, prepare
from writ.solve.outcome import raise_if_undecided
from writ.core.diagnostics import WritError

CASE = """use mini
case {name} "{name}" as of 2020-07-09
  entity {who} "Someone".
  act detentions "mass arbitrary detention".
  {who} is a foreign person.
  {who} engaged in detentions.
  {unknown}detentions is serious human rights abuse.
  question meets_criteria({who}).
"""


def _with(compiled: CompiledLaw, about: str, extra: str) -> CompiledLaw:
    """The compiled law with extra program lines, kept in every slice that holds `about`."""
    lines = compiled.lines + tuple((about, line) for line in extra.strip().splitlines())
    return dataclasses.replace(compiled, lines=lines, text=compiled.text + extra, _slices={})


def _cases(mini, specs):
    text = "".join(CASE.format(name=n, who=w, unknown="unknown " if u else "") for n, w, u in specs)
    return mini.cases_from_text(text, "batch.writ")


def _meets(solver, inp, cons, _who):
    return cons.holds(solver.compiled.atom_symbol(cons.index, inp.case.questions[0]))


@pytest.mark.parametrize("bad_has_unknowns", [False, True])
def test_one_inconsistent_case_leaves_the_others_decided(mini, bad_has_unknowns):
    # a constraint no answer set of the case about `bad` can meet: that case alone is inconsistent
    solver = Solver(_with(mini.compiled, "meets_criteria", ":- p_engaged_in(C, c_bad, _)."))
    cases = _cases(mini, [("a", "good", False), ("b", "bad", bad_has_unknowns), ("c", "other", False), ("d", "fourth", True)])
    inputs = [prepare(mini.law, c) for c in cases]
    out = solver.solve(inputs)
    assert [c.outcome for c in out] == [Outcome.decided, Outcome.inconsistent, Outcome.decided, Outcome.decided]
    assert "'b'" in out[1].reason and "no consistent answer" in out[1].reason
    assert [_meets(solver, i, c, None) for i, c in zip(inputs, out) if c.consistent] == ["yes", "yes", "undetermined"]
    with pytest.raises(WritError) as err:
        raise_if_undecided(inputs[1].case, out[1])
    assert [d.code for d in err.value.diagnostics] == ["E501"]
    raise_if_undecided(inputs[0].case, out[0])  # a decided case raises nothing


def test_solving_time_limit_names_the_case_and_the_limit(mini):
    # pigeonhole (12 into 11), only for the case about `hard`: far beyond a tenth of a second
    php = """
pigeon(1..12). hole(1..11).
1 { in(C, P, H) : hole(H) } 1 :- pigeon(P), p_meets_criteria(C, c_hard).
:- in(C, P, H), in(C, Q, H), P < Q.
"""
    solver = Solver(_with(mini.compiled, "meets_criteria", php), Limits(solve_seconds=0.2))
    inputs = [prepare(mini.law, c) for c in _cases(mini, [("easy", "good", False), ("slow", "hard", False)])]
    out = solver.solve(inputs)
    assert out[0].outcome is Outcome.decided and _meets(solver, inputs[0], out[0], None) == "yes"
    assert out[1].outcome is Outcome.limit_reached
    assert "'slow'" in out[1].reason and "Limits.solve_seconds" in out[1].reason


def test_grounding_and_unknown_limits(mini):
    inputs = [prepare(mini.law, c) for c in _cases(mini, [("small", "good", True)])]
    [out] = Solver(mini.compiled, Limits(ground_atoms=5)).solve(inputs)
    assert out.outcome is Outcome.limit_reached and "Limits.ground_atoms" in out.reason and "'small'" in out.reason
    [out] = Solver(mini.compiled, Limits(unknown_facts=0)).solve(inputs)
    assert out.outcome is Outcome.limit_reached and "Limits.unknown_facts" in out.reason
    [out] = Solver(mini.compiled).solve(inputs)
    assert out.outcome is Outcome.decided


def test_a_failure_at_run_time_is_the_case_outcome(mini):
    # a context function called with the wrong kind of argument fails inside clingo's grounding
    solver = Solver(_with(mini.compiled, "meets_criteria", "broken(C) :- case(C), C = @fact(1)."))
    inputs = [prepare(mini.law, c) for c in _cases(mini, [("x", "good", False)])]
    [out] = solver.solve(inputs)
    assert out.outcome is Outcome.error and "'x'" in out.reason
