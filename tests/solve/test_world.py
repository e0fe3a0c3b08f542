"""The kept grounding (solve.world): the law grounded once per slice and law-data version, cases
added step by step, gives the answers a fresh grounding of each case gives; a failed step leaves
nothing behind; the solving limit counts CPU time, not time spent waiting."""

from __future__ import annotations

import dataclasses
import time

import clingo
import pytest

from writ.compile.program import CompiledLaw
from writ.solve import Outcome, Solver, prepare
from writ.solve.batch import _Budget, consequences
from writ.solve.inputs import Context
from writ.solve.outcome import DEFAULT_LIMITS


def _fresh(compiled, inp):
    """The case alone in a fresh Control from the whole program's text (the naive way)."""
    ctl = clingo.Control(["--warn=none"])
    ctl.add("base", [], compiled.text)
    ctl.ground([("base", [])], context=Context(compiled, [inp]))
    [cons] = consequences(ctl, 1, inp.has_choices, DEFAULT_LIMITS)
    return cons


def _answers(compiled, inp, cons):
    return [cons.holds(compiled.atom_symbol(cons.index, q)) for q in inp.case.all_questions()]


def test_many_steps_in_one_grounding_answer_as_fresh_groundings(mini):
    solver = Solver(mini.compiled)
    inputs = [prepare(mini.law, c) for c in mini.cases]
    expected = [_answers(mini.compiled, i, _fresh(mini.compiled, i)) for i in inputs]
    for _ in range(3):  # the same cases again and again: later steps must not see earlier ones
        assert [_answers(mini.compiled, i, c) for i, c in zip(inputs, solver.solve(inputs))] == expected
        for inp, want in zip(inputs, expected):  # and one at a time
            [cons] = solver.solve([inp])
            assert _answers(mini.compiled, inp, cons) == want
    worlds = list(solver._worlds.values())
    assert worlds and all(w.steps > 3 for w in worlds)  # the groundings were kept, not rebuilt per case


def _with(compiled: CompiledLaw, about: str, extra: str) -> CompiledLaw:
    lines = compiled.lines + tuple((about, line) for line in extra.strip().splitlines())
    return dataclasses.replace(compiled, lines=lines, text=compiled.text + extra, _slices={})


CASE = """use mini
case {name} "{name}" as of 2020-07-09
  entity {who} "Someone".
  act detentions "mass arbitrary detention".
  {who} is a foreign person.
  {who} engaged in detentions.
  detentions is serious human rights abuse.
  question meets_criteria({who}).
"""


def test_an_inconsistent_step_does_not_spoil_the_next(mini):
    solver = Solver(_with(mini.compiled, "meets_criteria", ":- p_engaged_in(C, c_bad, _)."))
    cases = mini.cases_from_text("".join(CASE.format(name=n, who=w) for n, w in [("a", "good"), ("b", "bad"), ("c", "other")]),
                                 "steps.writ")
    inputs = [prepare(mini.law, c) for c in cases]
    out = [solver.solve([i])[0] for i in inputs]  # one step each, the bad one in the middle
    assert [c.outcome for c in out] == [Outcome.decided, Outcome.inconsistent, Outcome.decided]
    assert _answers(solver.compiled, inputs[2], out[2]) == ["yes"]


def test_the_solving_limit_counts_cpu_time_not_waiting():
    budget = _Budget(1.0)
    time.sleep(0.3)  # a process starved of CPU by others waits like this: no CPU time spent
    assert budget.left() > 0.9
    spin = time.process_time()
    while time.process_time() - spin < 0.2:
        pass
    assert budget.left() < 0.85


def test_provisions_in_force_are_the_worlds_not_copied_per_case(mini):
    solver = Solver(mini.compiled)
    inp = prepare(mini.law, mini.cases[0])
    world = solver.world([inp])
    with world.step([inp], DEFAULT_LIMITS) as (ctl, first):
        names = {(sa.symbol.name, sa.symbol.arguments[0]) for sa in ctl.symbolic_atoms if sa.symbol.arguments}
        assert not any(n == "inforce" for n, _ in names)  # no per-case copy of the provisions in force
        assert {str(a) for n, a in names if n == "w_inforce"} == {"pv_" + p for p in inp.inforce}
    # cases with other provisions in force are another world, and answer as a fresh grounding of each does
    none_in_force = dataclasses.replace(inp, inforce=[])
    both = [inp, none_in_force]
    expected = [_answers(mini.compiled, i, _fresh(mini.compiled, i)) for i in both]
    assert expected[0] != expected[1]  # the provisions in force decide the answer: the test can fail
    assert [_answers(mini.compiled, i, c) for i, c in zip(both, solver.solve(both))] == expected
    assert solver.world([none_in_force]) is not world
    with pytest.raises(ValueError, match="same provisions in force"):
        with world.step(both, DEFAULT_LIMITS):
            pass


def test_the_control_is_rebuilt_once_its_steps_have_grown(mini, monkeypatch):
    from writ.solve import world as W

    monkeypatch.setattr(W, "_RECYCLE_ATOMS", 1)  # every step after the first on a Control rebuilds it
    solver = Solver(mini.compiled)
    inp = prepare(mini.law, mini.cases[0])
    want = _answers(mini.compiled, inp, _fresh(mini.compiled, inp))
    controls = set()
    for _ in range(4):
        [cons] = solver.solve([inp])
        assert _answers(mini.compiled, inp, cons) == want
        controls.add(id(solver.world([inp]).ctl))
        assert solver.world([inp]).steps == 1
    assert len(controls) > 1
