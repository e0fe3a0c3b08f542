"""A question asked as of a date before any provision that decides it says so, in the
decision itself (terminal, JSON, memo), instead of answering "no" (issues 13 and 14)."""

from __future__ import annotations

import json

from writ.decision import OutcomeKind
from writ.render.terminal import decision_renderable, make_console, render_memo

CASE = """use mini
case c "C" as of {day}
  entity acme "Acme Ltd".
  act detentions "mass arbitrary detention".
  acme is a foreign person.
  acme engaged in detentions.
  detentions is serious human rights abuse.
  question meets_criteria(acme).
"""


def _decide(mini, day: str):
    [case] = mini.cases_from_text(CASE.format(day=day), "old.writ")
    return mini.decide(case)


def test_a_case_before_the_law_is_not_answered_and_says_why(mini):
    d = _decide(mini, "1900-01-01")
    assert d.outcome.kind is OutcomeKind.no_law and d.outcome.code == "W325"
    assert d.results == []  # no "no" for want of law
    assert "in force on 1900-01-01" in d.outcome.reason and "the first, recency (Test provision), is in force from 2000-01-01" in d.outcome.reason
    assert json.loads(d.model_dump_json())["outcome"]["kind"] == "no law in force"
    console = make_console(width=200, color=False)
    with console.capture() as cap:
        console.print(decision_renderable(d))
    assert "NOT ANSWERED" in cap.get() and "1900-01-01" in cap.get()
    assert "**Not answered.**" in render_memo(d)


def test_the_same_case_once_the_law_is_in_force_is_answered(mini):
    d = _decide(mini, "2020-07-09")
    assert d.decided and d.results[0].answer.value == "yes"
