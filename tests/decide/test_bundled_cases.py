"""The bundled statutes and real cases: every GloMag provision is exercised, the key decisions hold.

Each case's own expectations are pytest items (tests/writ_cases.py); these tests share their engine."""

from pathlib import Path

import pytest

from writ.api import Writ
from writ.compile.encoding import rule_number
from writ.decision import Answer

ROOT = Path(__file__).parent.parent.parent


@pytest.fixture(scope="module")
def bundled(bundled_cases):
    return bundled_cases, bundled_cases.decide_many(bundled_cases.cases, explain=False)


def test_the_bundled_cases_state_their_expectations_and_pytest_collects_each(request, bundled_cases):
    # each `expect` is an item of its own (tests/writ_cases.py); here only that they are all there
    assert sum(len(c.expectations) for c in bundled_cases.cases) >= 150
    items = [i for i in request.session.items if i.nodeid.startswith("cases/")]
    if items and not request.config.option.keyword:  # the whole suite collected and selected
        assert len(items) == sum(len(c.expectations) for c in bundled_cases.cases)
        assert "cases/glomag/xpsb_2020.writ::xpsb_2020::meets_criteria(xpsb)" in {i.nodeid.split("@")[0] for i in items}


def _provisions_in(node, out):
    if node is None:
        return
    if node.provision is not None:
        out.add(node.provision.id)
    for c in node.children:
        _provisions_in(c, out)


def test_every_glomag_provision_is_exercised_by_a_case(bundled):
    writ, decisions = bundled
    # exercised: one of its rules fires in some case, or a case asks what it concludes,
    # or a question depends on one of its facts of law
    from writ.solve.solver import prepare, relevant_predicates

    used: set[str] = set()
    asked = {q.pred for c in writ.cases for q in c.all_questions()}
    for cons in writ.solver.solve([prepare(writ.law, c) for c in writ.cases]):
        for sym in cons.possible:
            n = rule_number(sym)
            if n is not None:
                used.add(writ.compiled.instances[n].rule.provision)
    relevant = relevant_predicates(writ.law, asked)
    for p in writ.law.provisions.values():
        if any(rule.head.pred in asked for rule in p.rules) or any(f.atom.pred in relevant for f in p.facts):
            used.add(p.name)
    # provisions that quote the law but state no rule or fact (e.g. "control does not block")
    # have nothing to execute; they are listed in the docs, not exercised here
    glomag = {p.name for p in writ.law.provisions.values() if p.module.startswith("glomag/") and (p.rules or p.facts)}
    assert glomag, "no GloMag provisions loaded"
    assert sorted(glomag - used) == []


def test_xpsb_decision_reports_eo_13818_ii_A_and_no_without_the_abuse(bundled):
    _, decisions = bundled
    by_case = {d.case: d for d in decisions}
    main = {r.question: r for r in by_case["xpsb_2020"].results}
    assert main["meets_criteria(xpsb)"].answer is Answer.yes
    assert "eo13818_1_a_ii_A" in {g.id for g in main["meets_criteria(xpsb)"].grounds}
    twin = {r.question: r for r in by_case["xpsb_2020_no_abuse"].results}
    assert twin["meets_criteria(xpsb)"].answer is Answer.no


def test_glomag_authority_in_time(bundled):
    _, decisions = bundled
    answers = {(d.case, r.question): r.answer for d in decisions for r in d.results}
    before = [a for (case, q), a in answers.items() if "2016" in case and q.startswith("meets_criteria")]
    assert before and all(a is Answer.no for a in before)


def test_the_motivating_question_names_both_regimes_and_what_would_decide_the_supplier():
    writ = Writ.load([ROOT / "cases" / "xinjiang"])
    decisions = {d.case: d for d in writ.decide_many(writ.cases, explain=True)}
    sale = {r.question: r for r in decisions["xinjiang_cameras_2021"].results}
    assert sale["license_required(sale)"].answer is Answer.yes  # the EAR, through the Entity List
    assert sale["prohibited_dealing(us_vendor, deal)"].answer is Answer.yes  # GloMag, through the blocking
    assert {g.id for g in sale["prohibited_dealing(us_vendor, deal)"].grounds} == {"ofac_583_201_dealing"}
    [supplier] = [r for r in decisions["hikvision_glomag"].results if r.question == "meets_criteria(hikvision)"]
    assert supplier.answer is Answer.undetermined
    assert [[f.statement for f in s.facts] for s in supplier.deciding] == [
        ["complicit_in(hikvision, detentions)", "materially_supported(hikvision, xuar_psb)"]]
