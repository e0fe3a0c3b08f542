"""The Entity List policy model: the columns' English read into the statutes' el_policy shape."""

from __future__ import annotations

import json
import re
from pathlib import Path

import pytest
from listdata import shared_data

from writ.lists.el_policy import DECLARED_SCOPES, SCOPES, coverage, eccn_constant, entry_facts, parse_policy, parse_requirement
from writ.lists.records import ListEntry, Source

XINJIANG = ("Case-by-case review for ECCNs 1A004.c, 1A004.d, 1A995, 1A999.a, 1D003, 2A983, 2D983, and 2E983, and for EAR99 items "
            "described in the Note to ECCN 1A995; case-by-case review for items necessary to detect, identify and treat infectious "
            "disease; and presumption of denial for all other items subject to the EAR.")
STATUTES = Path(__file__).resolve().parents[2] / "statutes" / "ear"


def test_xinjiang_policy_in_the_statutes_shape():
    p = parse_policy(XINJIANG)
    assert p.understood and p.text == XINJIANG
    assert p.case_by_case_eccns == ("1A004.c", "1A004.d", "1A995", "1A999.a", "1D003", "2A983", "2D983", "2E983")
    assert p.case_by_case_scopes == ("note_1a995_items", "infectious_disease_items") and p.default == "presumption_of_denial"
    facts = p.facts("xinjiang_policy")
    assert ("el_case_by_case_eccn", ("xinjiang_policy", "eccn_1a004_c")) in facts
    assert ("el_default_policy", ("xinjiang_policy", "presumption_of_denial")) in facts and len(facts) == 11


def test_the_facts_match_what_entity_list_writ_states():
    """The statute's hand-encoded xinjiang_policy (2019 facts, plus the infectious-disease scope from 2020-07-22) is what the parser derives."""
    text = (STATUTES / "part744" / "entity_list.writ").read_text()
    stated = set(re.findall(r"^(el_case_by_case_eccn|el_case_by_case_scope|el_default_policy)\((xinjiang_policy), (\w+)\)", text, re.M))
    derived = {(pred, *args) for pred, args in parse_policy(XINJIANG).facts("xinjiang_policy")}
    assert stated and derived == stated
    vocab = (STATUTES / "vocabulary.writ").read_text()
    for scope in DECLARED_SCOPES:
        assert f"item_scope {scope} " in vocab
    ccl = (STATUTES / "part774" / "ccl.writ").read_text()
    assert all(f"eccn {eccn_constant(e)} " in ccl for e in parse_policy(XINJIANG).case_by_case_eccns)


@pytest.mark.parametrize("text, default, eccns, scopes, sections", [
    ("Presumption of denial.", "presumption_of_denial", (), (), ()),
    ("Presumption for denial", "presumption_of_denial", (), (), ()),
    ("Case-by-case basis.", "case_by_case", (), (), ()),
    ("Policy of denial. See §§ 746.8(b) and 744.21(e)", "policy_of_denial", (), (), ("746.8(b)", "744.21(e)")),
    ("See §§ 744.2(d), 744.3(d), and 744.4(d) of this part.", None, (), (), ("744.2(d)", "744.3(d)", "744.4(d)")),
    ("See §744.2 (d) of the EAR", None, (), (), ("744.2(d)",)),
    ("Case-by-case for all items listed on the CCL. Presumption of approval for EAR99 items.", "presumption_of_approval", (), ("ccl_items",), ()),
    ("Presumption of approval for EAR99; case-by-case review for all items on the CCL", "presumption_of_approval", (), ("ccl_items",), ()),
    ("Policy of denial for all items subject to the EAR apart from food and medicine designated as EAR99 and for items for U.S. Government supported use in the International Space Station (ISS), which will be reviewed on a case-by-case basis. See §§ 746.8(b) and 744.21(e).",
     "policy_of_denial", (), ("ear99_food_and_medicine", "iss_items"), ("746.8(b)", "744.21(e)")),
    ("Policy of denial Case-by-case basis for items for U.S. Government supported use in the International Space Station (ISS).", "policy_of_denial", (), ("iss_items",), ()),
    ("Case-by-case review for telecommunications infrastructure items described in Category 5 Part 1 or Category 5 Part 2 and consumer communications devices identified in § 740.19; Presumption of denial for all other items subject to the EAR",
     "presumption_of_denial", (), ("telecom_and_consumer_communications_items",), ()),
])
def test_forms_the_list_uses(text, default, eccns, scopes, sections):
    p = parse_policy(text)
    assert p.understood, p.unparsed
    assert (p.default, p.case_by_case_eccns, p.case_by_case_scopes, p.sections) == (default, eccns, scopes, sections)
    assert all(s in SCOPES for s in p.case_by_case_scopes)


def test_a_slip_is_read_and_said():
    p = parse_policy(XINJIANG.replace("; case-by-case review for items necessary", "; casa-by-case review for items necessary"))
    assert p.understood and "infectious_disease_items" in p.case_by_case_scopes and p.notes == ("'casa-by-case' read as 'case-by-case'",)


@pytest.mark.parametrize("text, remainder", [
    ("Presumption of approval for EAR99 items", "nothing said of items on the CCL"),
    ("Case-by-Case review for licenses for the safety of civil aviation of aircraft.", "no policy stated for all other items"),
    ("Presumption of denial except case-by-case for items not described in ECCN 3B001.a.4, .c, .d, f.1.b.2, .k to .p; 3B002.c, 3B993, or 3B994", "3B002.c, 3B993, or 3B994"),
    ("For all items subject to the EAR. (See § 744.11 of the EAR)", "For all items subject to the EAR"),
    ("", "(no policy text)"),
])
def test_what_is_not_understood_is_named(text, remainder):
    p = parse_policy(text)
    assert not p.understood and any(remainder in u for u in p.unparsed)


def test_requirements_and_footnotes():
    r = parse_requirement("For all items subject to the EAR. (See §744.11 of the EAR)")
    assert r.all_items and r.understood and r.sections == ("744.11",) and r.footnotes == ()
    r = parse_requirement("For all items subject to the EAR, see §§ 734.9(e)1 and 744.11 of the EAR2")
    assert r.all_items and r.understood and r.footnotes == (1, 2) and r.sections == ("734.9(e)", "744.11")
    r = parse_requirement("For all items subject to the EAR. (See §§ 734.9(g),3 746.8(a)(3), and 744.21(b) of the EAR). This license requirement may be overcome by License Exception GOV under § 740.11(b)(2) and (e).")
    assert r.understood and r.footnotes == (3,) and r.license_exceptions == ("GOV",) and "746.8(a)(3)" in r.sections
    assert parse_requirement("For All Items Subject to the EAR (See §734.9(e)(2), and §744.11 of the EAR)4.").footnotes == (4,)
    assert parse_requirement("For all items subject to the EAR. (See §§734.4(a)(9), 734.9(e)(3), and 744.11 of the EAR)5").footnotes == (5,)
    r = parse_requirement("For items on the CCL and listed in supplement no. 7 to part 746 of the EAR")
    assert not r.all_items and not r.understood


# ---- the real list --------------------------------------------------------------------


def test_coverage_of_the_screening_list_policies():
    doc = json.loads((shared_data() / "export-controls-mcp/screening-list.json").read_text())
    t = doc["tables"]
    el = [e for e in doc["entries"] if t["sources"][e["s"]].startswith("Entity List")]
    texts = [t["licencePolicies"][e["lp"]] for e in el if e.get("lp") is not None]
    understood, total = coverage(texts)
    # measured 2026-12-02: 71 of 77 distinct EL policy texts, 3,413 of 3,420 EL entries
    assert total == len(set(texts)) and understood / total > 0.9
    parsed = sum(parse_policy(x).understood for x in texts)
    assert parsed / len(texts) > 0.99
    hik = [e for e in el if "Hikvision" in e["n"]]
    assert hik and parse_policy(t["licencePolicies"][hik[0]["lp"]]).case_by_case_scopes == ("note_1a995_items", "infectious_disease_items")
    reqs = [parse_requirement(t["licenceRequirements"][e["lr"]]) for e in el if e.get("lr") is not None]
    assert sum(r.all_items for r in reqs) / len(reqs) > 0.95


def test_entry_facts_for_the_integration():
    e = ListEntry(list="EL", entry_id="x", name="Dahua Technology", type="entity", source=Source("s", 1), federal_register=("84 FR 54002", "87 FR 62202"),
                  license_requirement="For all items subject to the EAR. (See §§ 734.9(e)(2) and 744.11 of the EAR)4", license_policy=XINJIANG)
    facts, cautions = entry_facts(e, "dahua", "dahua_policy")
    assert facts[:5] == [("el_all_items", ("dahua",)), ("el_policy_of", ("dahua", "dahua_policy")), ("el_citation", ("dahua", "84 FR 54002")),
                         ("el_citation", ("dahua", "87 FR 62202")), ("el_footnote", ("dahua", 4))]
    assert ("el_default_policy", ("dahua_policy", "presumption_of_denial")) in facts and cautions == []
    odd = ListEntry(list="EL", entry_id="y", name="Y", type="entity", source=Source("s", 1), license_requirement="For items on the CCL and listed in supplement no. 7 to part 746 of the EAR",
                    license_policy="Presumption of approval for EAR99 items")
    facts, cautions = entry_facts(odd, "y", "y_policy")
    assert ("el_all_items", ("y",)) not in facts and len(cautions) == 2
