"""A stated 'not' fact that a rule concludes is a contradiction the case's outcome names
(E327: the stated fact and the rule), never a silent "yes" (issue 13)."""

from __future__ import annotations

from writ.decision import Answer, OutcomeKind

CASE = """use mini
case c "C" as of 2020-07-09
  entity acme "Acme Ltd".
  act detentions "mass arbitrary detention".
  acme is a foreign person.
  acme engaged in detentions.
  {abuse}detentions is serious human rights abuse.
  not acme meets the designation criteria.
  question meets_criteria(acme).
  question serious_abuse(detentions).
"""


def _decide(mini, abuse: str):
    [case] = mini.cases_from_text(CASE.format(abuse=abuse), "neg.writ")
    return mini.decide(case)


def test_a_denied_fact_a_rule_concludes_is_a_contradiction_naming_both(mini):
    d = _decide(mini, "")
    assert d.outcome.kind is OutcomeKind.inconsistent and d.outcome.code == "E327"
    assert d.results == []  # no silent yes: the case has no answer
    reason = d.outcome.reason
    assert "'not Acme Ltd meets the designation criteria'" in reason and "(line 8)" in reason
    assert "the rule of abuse (EO 13818 sec. 1(a)(ii)(A))" in reason and "mini.writ:32" in reason  # the provision and the rule that concludes it
    assert d.outcome.source.line == 8


def test_a_denied_fact_constrains_what_is_unknown(mini):
    # the denial is a fact of the case: the open fact it rests on can no longer be true
    d = _decide(mini, "unknown ")
    assert d.decided
    assert [r.answer for r in d.results] == [Answer.no, Answer.no]


def test_what_if_unset_of_a_concluded_fact_says_the_contradiction(mini):
    [case] = mini.cases_from_text(CASE.format(abuse="").replace("  not acme meets the designation criteria.\n", ""), "w.writ")
    before, after = mini.what_if(case, set_false=[mini.parse_atom("meets_criteria(acme)", case)])
    assert before.decided and before.results[0].answer is Answer.yes
    assert after.outcome.kind is OutcomeKind.inconsistent and after.outcome.code == "E327"
    assert "what-if --unset" in after.outcome.reason
