"""Explanations a lawyer signs, on the bundled law: "not blocked" names the measure the party
is under; a listing carries its date and Federal Register citation in the tree; an unlisted
co-owner is never cited as a ground of the 50 percent rule; an undetermined Act answer names
its victim class; a did-you-mean shows who it proposes."""

import pytest

from writ.api import Writ
from writ.core.diagnostics import WritError
from writ.decision import Answer
from writ.render.terminal import render_memo


@pytest.fixture(scope="module")
def law() -> Writ:
    return Writ.load()


def decide(law, text, name=None):
    cases = law.cases_from_text(text, "signed.writ")
    case = cases[0] if name is None else next(c for c in cases if c.name == name)
    return law.decide(case)


def result(d, question):
    return next(r for r in d.results if r.question == question)


def test_not_blocked_names_the_measures_the_party_is_under(law):
    d = decide(law, """use glomag, measures, ear
case h "Hikvision" as of 2025-12-19
  question blocked(hikvision).
""")
    r = result(d, "blocked(hikvision)")
    assert r.answer is Answer.no
    under = {m.question: m.answer for m in r.other_measures}
    assert under["subject_to_measure(hikvision, entity_list_license)"] is Answer.yes
    assert under["subject_to_measure(hikvision, ns_cmic_securities)"] is Answer.yes
    assert "It is not blocked, but it is under the license requirement of the Entity List" in render_memo(d)


def test_a_blocked_answer_names_no_other_measure(law):
    d = decide(law, """use glomag
case x "XPSB" as of 2021-03-01
  listed_sdn(xuar_psb, glomag) from 2020-07-09.
  question blocked(xuar_psb).
""")
    assert result(d, "blocked(xuar_psb)").other_measures == []


def _nodes(n):
    yield n
    for c in n.children:
        yield from _nodes(c)


def test_a_listing_in_the_tree_carries_its_federal_register_citation_and_date(law):
    d = decide(law, """use ear
case t "Hetian Taida" as of 2020-07-22
  transaction sale "sale of EAR99 cotton shirts".
  item shirts "cotton shirts".
  entity hetian_taida "Hetian Taida Apparel Co., Ltd.".
  sale moves shirts.
  shirts is of US origin.
  shirts is classified as ear99.
  sale is destined for china.
  hetian_taida is the end user of sale.
  question license_required(sale).
""")
    listed = [n for n in _nodes(result(d, "license_required(sale)").explanation) if n.kind == "list fact"]
    assert listed and all("85 FR 44159" in n.provision.cite and "in effect from 2020-07-22" in n.provision.cite for n in listed)


def test_a_stated_listing_shows_its_date_in_the_tree(law):
    d = decide(law, """use glomag
case x "XPSB" as of 2021-03-01
  listed_sdn(xuar_psb, glomag) from 2020-07-09.
  question blocked(xuar_psb).
""")
    [n] = [n for n in _nodes(result(d, "blocked(xuar_psb)").explanation) if n.statement == "listed_sdn(xuar_psb, glomag)"]
    assert n.valid_from.isoformat() == "2020-07-09"


def test_an_unlisted_co_owner_is_not_cited_as_a_ground_of_the_50_percent_rule(law):
    d = decide(law, """use glomag
case co "co-owner" as of 2020-01-01
  person owner_a "Blocked Owner A".
  entity aaron "Aaron Unlisted Holdings".
  entity target "Target Company".
  listed_sdn(owner_a, glomag) from 2019-01-01.
  not listed_sdn(aaron, glomag).
  owns(aaron, target, 50%).
  owns(owner_a, target, 50%).
  question blocked(target).
""")
    tree = result(d, "blocked(target)").explanation
    cited = [n.statement for n in _nodes(tree) if n.statement.startswith("owns(")]
    assert cited and all("aaron" not in s for s in cited)


def test_an_undetermined_act_answer_names_the_victim_class(law):
    d = decide(law, """use glomag
case x "XPSB" as of 2020-07-09
  entity xpsb "Xinjiang Public Security Bureau".
  act detentions "mass arbitrary detention".
  xpsb is a foreign person.
  xpsb engaged in detentions.
  detentions is serious human rights abuse.
  question meets_criteria(xpsb).
""")
    r = result(d, "meets_criteria(xpsb)")
    assert r.answer is Answer.yes
    [act1] = [pa for pa in r.by_provision if pa.provision.id == "glomag_act_10102_a_1"]
    assert act1.answer is Answer.undetermined
    turns = " ".join(act1.turns_on)
    assert "sought to expose illegal activity carried out by government officials" in turns
    assert "sought to obtain or exercise or defend or promote internationally recognized human rights" in turns


def test_did_you_mean_shows_the_party_it_proposes(law):
    with pytest.raises(WritError) as info:
        law.cases_from_text("""use glomag, measures
case s "SenseTime" as of 2021-12-10
  question blocked(sensetime).
""", "signed.writ")
    [d] = [d for d in info.value.diagnostics if d.code == "E207"]
    assert "'beijing_sensetime' (Beijing Sensetime Technology Development Co., Ltd., an entity the law declares)" in d.hint
    assert "If that is not the one you mean" in d.hint
