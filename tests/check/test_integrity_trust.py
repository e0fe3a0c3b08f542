"""Checks of stated facts (check/integrity.py) and the law/facts boundary (check/trust.py)."""

import pytest

from writ.api import Writ
from writ.core.diagnostics import WritError

HEAD = 'use glomag\nuse ear\ncase c "C" as of 2020-07-09\n  entity t "Target".\n  person o "Owner".\n  person p "Other".\n'


@pytest.fixture(scope="module")
def writ() -> Writ:
    return Writ.load()


def diagnostics(writ, body: str):
    with pytest.raises(WritError) as info:
        writ.cases_from_text(HEAD + body + "  question blocked(t).\n")
    return [(d.code, d.span.line, d.message) for d in info.value.diagnostics]


def test_one_share_stated_with_two_values_is_a_contradiction_not_a_sum(writ):
    # before: summed, 30% + 25% = 55%, and t was blocked
    (code, line, msg), = [d for d in diagnostics(writ, "  owns(o, t, 30%).\n  owns(o, t, 25%).\n  listed_sdn(o, glomag).\n")
                          if d[0] == "E324"]
    assert line == 8 and "line 7 states 30%" in msg and "owns(o, t, 30%) and owns(o, t, 25%)" in msg


def test_the_same_share_on_different_dates_does_not_collide(writ):
    (case,) = writ.cases_from_text(HEAD + "  owns(o, t, 30%) until 2019-12-31.\n  owns(o, t, 25%) from 2020-01-01.\n"
                                   "  question blocked(t).\n")
    assert len(case.facts) == 2


def test_a_share_stated_twice_counts_once_and_is_said(tmp_path):
    path = tmp_path / "c.writ"
    path.write_text(HEAD + "  listed_sdn(o, glomag).\n  owns(o, t, 25%).\n  owns(o, t, 25%).\n  question blocked(t).\n", encoding="utf-8")
    w = Writ.load([path])
    (warn,) = [d for d in w.warnings if d.code == "W324"]
    assert warn.span.line == 9 and "counts once" in warn.message
    (d,) = w.decide_many(w.cases)
    assert d.results[0].answer.value == "no"  # 25%, not 50%: a fact is a fact once


@pytest.mark.parametrize("body, needle", [
    ("  owns(o, t, 50%).\n  owns(p, t, 90%).\n", "add up to 140%"),
    ("  owns(o, t, 150%).\n", "a share of 150% is more than 100%"),
    ("  owns(o, t, 60%) from 2020-01-01.\n  owns(p, t, 60%) from 2021-01-01.\n", "add up to 120%, more than 100% on 2021-01-01"),
])
def test_shares_over_100_percent_are_errors(writ, body, needle):
    assert any(code == "E325" and needle in msg for code, _, msg in diagnostics(writ, body))


def test_shares_that_add_up_over_time_only_count_when_valid_together(writ):
    writ.cases_from_text(HEAD + "  owns(o, t, 60%) until 2019-12-31.\n  owns(p, t, 60%) from 2020-01-01.\n  question blocked(t).\n")


@pytest.mark.parametrize("fact, pred, said", [
    ("affiliates_rule_suspended.", "affiliates_rule_suspended", "state"),
    ("not hikvision is on the Entity List for china.", "entity_listed", "deny"),
    ("el_default_policy(xinjiang_policy, presumption_of_denial).", "el_default_policy", "state"),
])
def test_a_case_cannot_state_the_laws_data(writ, fact, pred, said):
    with pytest.raises(WritError) as info:
        writ.cases_from_text('use ear\ncase c "C" as of 2020-07-09\n  ' + fact + "\n  question license_required(x).\n")
    d = [d for d in info.value.diagnostics if d.code == "E326"]
    assert d and f"'{pred}' is the law's" in d[0].message and f"a case cannot {said} one" in d[0].message
    assert "a law module of your own" in d[0].hint


OWN_LAW = '''use glomag
provision my_rule "A made-up rule"
  cite "Made-up Act sec. 1"
  in force from 2000-01-01
  blocked(P) if foreign_person(P).

case c "C" as of 2020-07-09
  person o "Owner".
  o is a foreign person.
  question blocked(o).
'''


def test_a_provision_in_a_case_file_is_marked_as_not_bundled_law(tmp_path):
    path = tmp_path / "own.writ"
    path.write_text(OWN_LAW, encoding="utf-8")
    w = Writ.load([path])
    (d,) = w.decide_many(w.cases, explain=True)
    (r,) = d.results
    assert r.answer.value == "yes"
    (g,) = [g for g in r.grounds if g.id == "my_rule"]
    assert g.cautions == [f"this provision is not part of Writ's bundled law; it is written in {w.law.provisions['my_rule'].span.file}"]


def test_bundled_provisions_carry_no_such_caution(writ):
    assert not [p for p in writ.law.provisions.values() if any("bundled law" in c for c in p.cautions)]


def test_a_case_before_any_law_is_warned(tmp_path):
    path = tmp_path / "old.writ"
    path.write_text('use glomag\ncase c "C" as of 1900-01-01\n  entity t "T".\n  question blocked(t).\n', encoding="utf-8")
    (warn,) = [d for d in Writ.load([path]).warnings if d.code == "W325"]
    assert "no provision of the law is in force on 1900-01-01" in warn.message and "is in force from" in warn.message


def test_a_case_under_the_law_is_not_warned(tmp_path):
    path = tmp_path / "new.writ"
    path.write_text('use glomag\ncase c "C" as of 2020-01-01\n  entity t "T".\n  question blocked(t).\n', encoding="utf-8")
    assert not [d for d in Writ.load([path]).warnings if d.code == "W325"]


def test_a_hypothetical_listing_of_the_cases_own_party_is_allowed(writ):
    # it cannot contradict the law: the law says nothing of a party only the case declares
    (case,) = writ.cases_from_text('use ear\ncase c "C" as of 2020-07-09\n  entity acme "Acme".\n'
                                   "  entity_listed(acme, china).\n  question entity_listed(acme, china).\n")
    assert [f.atom.pred for f in case.facts] == ["entity_listed"]
