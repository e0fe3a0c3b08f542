"""The open world over unnamed things (issue 14, item 2): a rule that reaches "some act" ranges
over the acts the case names; a case that names none has not said there is none, so the answer
is undetermined (not a silent no), says what would decide it, and `no other act.` closes it."""

from __future__ import annotations

import pytest

from writ import model as M
from writ.core.diagnostics import WritError

BASE = 'use mini\ncase c "c" as of 2020-07-09\n  person p "P".\n  p is a foreign person.\n'


def _decide(mini, body: str, explain: bool = True):
    [case] = mini.cases_from_text(BASE + body, "open.writ")
    return mini.decide(case, explain=explain)


def _result(decision, question: str):
    [r] = [r for r in decision.results if r.question == question]
    return r


def test_no_act_named_is_undetermined_and_says_what_would_decide_it(mini):
    r = _result(_decide(mini, "  question meets_criteria(p).\n"), "meets_criteria(p)")
    assert r.answer.value == "undetermined"
    [turns] = [f for f in r.why_not if f.reason == "unknown"]
    assert turns.reading == "P engaged in an act the case does not name"
    assert "declare the act" in (turns.detail or "") and "no other act." in (turns.detail or "")
    facts = [f for ds in r.deciding for f in ds.facts]
    assert facts and all("no other act." in f.question for f in facts if "_act" in f.statement)


def test_no_other_act_closes_the_world_and_the_answer_is_no(mini):
    r = _result(_decide(mini, "  no other act.\n  question meets_criteria(p).\n"), "meets_criteria(p)")
    assert r.answer.value == "no"


def test_a_named_act_takes_the_place_of_the_unnamed_one(mini):
    d = _decide(mini, '  act a "A".\n  p engaged in a.\n  not serious_abuse(a).\n  question meets_criteria(p).\n')
    assert _result(d, "meets_criteria(p)").answer.value == "no"
    d = _decide(mini, '  act a "A".\n  p engaged in a.\n  a is serious human rights abuse.\n  question meets_criteria(p).\n')
    assert _result(d, "meets_criteria(p)").answer.value == "yes"


def test_the_stand_in_is_no_party_and_no_answer_to_which(mini):
    d = _decide(mini, "  question engaged_in(p, A).\n")
    [r] = d.results
    assert r.question == "engaged_in(p, A)" and r.answer.value == "undetermined"
    assert "_act" not in r.reading and "an act the case does not name" in r.reading
    [case] = mini.cases_from_text(BASE + "  question engaged_in(p, A).\n", "open.writ")
    assert M.stand_in("act").id not in mini.engine.parties(case)


def test_the_solver_adds_a_stand_in_only_where_no_thing_of_the_sort_is_named(mini):
    from writ.solve.inputs import prepare

    [open_case, closed, named] = mini.cases_from_text(
        BASE + "  question meets_criteria(p).\n"
        + 'case d "d" as of 2020-07-09\n  person p "P".\n  no other act.\n  question meets_criteria(p).\n'
        + 'case e "e" as of 2020-07-09\n  person p "P".\n  act a "A".\n  question meets_criteria(p).\n', "open.writ")
    assert prepare(mini.law, open_case).stand_ins == {"act": M.stand_in("act")}
    assert M.GroundAtom("engaged_in", (M.Name("p"), M.stand_in("act"))) in prepare(mini.law, open_case).unknown_facts
    assert closed.closed == ("act",) and prepare(mini.law, closed).stand_ins == {}
    assert prepare(mini.law, named).stand_ins == {}


@pytest.mark.parametrize("sort, why", [("thing", "not a sort"), ("date", "not a sort")])
def test_a_closing_of_no_sort_is_an_error(mini, sort, why):
    with pytest.raises(WritError) as info:
        mini.cases_from_text(BASE + f"  no other {sort}.\n", "open.writ")
    [d] = [d for d in info.value.diagnostics if d.is_error]
    assert d.code == "E332" and why in d.message and (d.span.line, d.span.column) == (5, 12)


def test_a_closing_belongs_in_a_case(load_text):
    with pytest.raises(WritError) as info:
        load_text('use mini\nprovision p "P"\n  cite "x"\n  no other act.\n')
    assert [d.code for d in info.value.diagnostics if d.is_error] == ["E314"]
