"""The law's own part of a kept grounding (solve.lawpart): law rows of a predicate a case may also
state, and what follows from them alone, are grounded once per world, not copied per case; every
case's consequences are those of the old encoding (each case with its own copy), atom for atom."""

from __future__ import annotations

import clingo
import clingo.ast as A
import pytest

from writ.api import Writ
from writ.solve import Solver, prepare
from writ.solve import lawpart
from writ.solve.batch import consequences
from writ.solve.inputs import Context
from writ.solve.outcome import DEFAULT_LIMITS
from writ.solve.world import World, split

LAW = '''module splitlaw
use common/parties

predicate listed(P: party) reads "{P} is listed"
predicate designated(P: party) reads "{P} is designated"
predicate flagged(P: party) reads "{P} is flagged"
predicate cleared(P: party) reads "{P} is cleared"
predicate unlisted(P: party) reads "{P} is unlisted"
predicate listed_owners(E: entity, N: number) reads "{E} has {N} listed owners"

entity acme "Acme".

provision list_data "The list"
  cite "Test list"
  text "Acme is listed."
  listed(acme).

provision flags "Flags"
  cite "Test flags"
  text "A listed party is flagged unless cleared; a designated one is listed."
  listed(P) if designated(P).
  flagged(P) if listed(P) unless cleared(P).
  unlisted(P) if owns(P, _, _) and not listed(P).
  listed_owners(E, N) if owns(_, E, _) and N = count(O where owns(O, E, _) and listed(O)).
'''

CASES = '''use splitlaw

case both "Listed by the law, and by the case's own facts" as of 2024-01-01
  entity bolt "Bolt".
  entity zeta "Zeta".
  acme owns 50% of zeta.
  bolt owns 50% of zeta.
  acme is designated.
  bolt is listed.
  question listed_owners(zeta, 2).
  question listed_owners(zeta, 3).
  question flagged(acme).
  question flagged(bolt).
  question unlisted(acme).

case cleared "Cleared" as of 2024-01-01
  entity bolt "Bolt".
  entity zeta "Zeta".
  acme owns 50% of zeta.
  bolt owns 50% of zeta.
  acme is cleared.
  question flagged(acme).
  question unlisted(acme).
  question unlisted(bolt).
  question listed_owners(zeta, 1).

case denied "Denied what the law alone concludes" as of 2024-01-01
  not flagged(acme).
  question flagged(acme).
'''


@pytest.fixture(scope="module")
def law(tmp_path_factory) -> Writ:
    d = tmp_path_factory.mktemp("splitlaw")
    (d / "splitlaw.writ").write_text(LAW, encoding="utf-8")
    (d / "cases.writ").write_text(CASES, encoding="utf-8")
    return Writ.load([d / "splitlaw.writ", d / "cases.writ"])


def _old(compiled, inp):
    """The case alone in a fresh Control from the compiled text: each case its own copy of the law rows."""
    ctl = clingo.Control(["--warn=none"])
    ctl.add("base", [], compiled.text)
    ctl.ground([("base", [])], context=Context(compiled, [inp]))
    [cons] = consequences(ctl, 1, inp.has_choices, DEFAULT_LIMITS)
    return cons


def _shown(cons):
    """The shown atoms without their case number (a kept grounding numbers its cases across steps)."""
    return (cons.outcome, {(s.name, tuple(s.arguments[1:])) for s in cons.certain},
            {(s.name, tuple(s.arguments[1:])) for s in cons.possible})


def _answers(compiled, inp, cons):
    return [cons.holds(compiled.atom_symbol(cons.index, q)) for q in inp.case.all_questions()]


def test_the_split_world_answers_atom_for_atom_as_the_old_encoding(law):
    solver = Solver(law.compiled)
    inputs = [prepare(law.law, c) for c in law.cases]
    old = [_old(law.compiled, i) for i in inputs]
    for _ in range(2):  # steps of one kept grounding, one case at a time and as a batch
        assert [_shown(solver.solve([i])[0]) for i in inputs] == [_shown(c) for c in old]
        assert [_shown(c) for c in solver.solve(inputs)] == [_shown(c) for c in old]
    both, cleared, denied = (solver.solve([i])[0] for i in inputs)
    # acme is listed by the law and by the case's own rule: one owner of the count, not two
    assert _answers(law.compiled, inputs[0], both) == ["yes", "no", "yes", "yes", "no"]
    assert _answers(law.compiled, inputs[1], cleared) == ["no", "no", "yes", "yes"]
    assert not denied.consistent  # the law alone concludes what the case denies
    worlds = [w for w in solver._worlds.values() if w.parts.law]
    assert worlds and all("p_listed" in w.parts.law for w in worlds)


def test_law_rows_are_not_copied_into_a_case(law):
    solver = Solver(law.compiled)
    inp = prepare(law.law, law.cases[1])  # states no listing: every listed atom is the law's
    world = solver.world([inp])
    with world.step([inp], DEFAULT_LIMITS) as (ctl, first):
        names = {sa.symbol.name for sa in ctl.symbolic_atoms}
        assert "l_p_listed" in names and "p_listed" not in names
    assert ("p_listed", (clingo.Function("c_acme"),)) in _shown(solver.solve([inp])[0])[1]


def test_the_law_level_atoms_are_held_once_for_every_case_of_a_world(law):
    solver = Solver(law.compiled)
    inputs = [prepare(law.law, c) for c in law.cases[:2]]
    both, cleared = solver.solve(inputs)
    assert both.shared is not None and both.shared is cleared.shared  # one object, decoded once for the batch
    listed = clingo.Function("p_listed", [clingo.Number(cleared.index), clingo.Function("c_acme")])
    assert listed not in cleared.own_certain and cleared.shared.has(listed)
    assert cleared.holds(listed) == "yes" and listed in cleared.certain  # the whole set spells it numbered by the case
    assert cleared.certain == cleared.own_certain | cleared.shared.numbered(cleared.index)
    # the explainer's world reads both parts: the count matches acme's listing, which only the law states
    by_q = {r.question: r for r in law.decide(law.cases[1]).results}
    counted = by_q["listed_owners(zeta, 1)"]
    assert counted.answer.value == "yes"
    assert [(f.kind, f.statement) for f in counted.facts_used] == [("case fact", "owns(acme, zeta, 50%)"), ("law fact", "listed(acme)")]
    assert [w.reading for w in by_q["unlisted(acme)"].why_not] == ["it must not be that Acme is listed, but it is"]


def _step(text: str) -> list[A.AST]:
    """A step part as world.split makes one: its #program header, then its rules."""
    stms: list[A.AST] = []
    A.parse_string("#program step(s). " + text, stms.append)
    return stms[1:]


def test_a_shape_the_split_does_not_handle_keeps_the_program():
    copy = 'p_x(C, X) :- in_step(s, C), X = @law("x"), case(C). '
    lifted = lawpart.lift([], _step(copy + "q(C) :- in_step(s, C), p_x(C, X), not r(X)."))
    assert lifted is not None and lifted[2] == {"p_x": 2, "q": 1}  # q drawn from law rows alone: law-level too
    base, step, _ = lifted
    assert [str(r) for r in base] == ['l_p_x(X) :- X = @law("x").', "l_q :- l_p_x(X); not r(X)."]
    assert [str(r) for r in step[1:]] == ["q(C) :- in_step(s,C); p_x(C,X); not r(X)."]
    # a conditional literal over a split predicate: not one of the shapes rewritten, so nothing is
    assert lawpart.lift([], _step(copy + "q(C) :- in_step(s, C), p_x(C, X) : r(X).")) is None


def test_a_law_level_atom_that_is_not_certain_keeps_the_program(mini):
    # q holds in one answer set and not the other: r1, drawn from it alone, is not a fact of the base
    program = "\n".join([
        "q :- not q2.", "q2 :- not q.", "case(C) :- asof(C, _).",
        'p_a(C) :- () = @law("a"), case(C).', "r1(C) :- q.", "#show r1/1."])
    parts = split(program, frozenset())
    assert parts.law == {"p_a": 1, "r1": 1}
    inp = prepare(mini.law, mini.cases[0])
    world = World(mini.compiled, None, frozenset(), parts, frozenset(inp.inforce))
    with world.step([inp], DEFAULT_LIMITS) as (ctl, first):
        [cons] = consequences(ctl, 1, True, DEFAULT_LIMITS, first)
    assert world.parts.law == {}  # fell back to the per-case program
    assert cons.holds(clingo.Function("r1", [clingo.Number(first)])) == "undetermined"
