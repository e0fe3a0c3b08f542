"""Explanation trees of real cases, compared with trees checked by hand.

Each expected tree was read against the case file and the provisions: every
node is a condition of the rule above it, and no stated fact the conclusion
does not need appears (the XPSB's SDN listing is not in its criteria tree; the
other three officials' facts are not in Chen Quanguo's). Line numbers are the
case facts' lines in the case files.
"""

from textwrap import dedent

import pytest

from conftest import ROOT
from writ.api import Writ
from writ.decision import Answer, Node


@pytest.fixture(scope="module")
def glomag():
    return Writ.load([ROOT / "cases" / "glomag"])


def outline(node: Node, depth: int = 0) -> list[str]:
    where = f" [{node.provision.id}]" if node.provision and node.kind in ("rule", "law fact") else ""
    line = f" @{node.source.line}" if node.kind == "case fact" else ""
    out = ["  " * depth + f"{node.kind}: {node.statement}{where}{line}"]
    for child in node.children:
        out += outline(child, depth + 1)
    return out


def tree_of(writ: Writ, case_name: str, question: str):
    [case] = [c for c in writ.cases if c.name == case_name]
    [result] = [r for r in writ.decide(case).results if r.question == question]
    assert result.answer is Answer.yes
    return result


EXPECTED = {
    # EO 13818 1(a)(ii)(A): a foreign person who engaged in serious human rights abuse.
    ("xpsb_2020", "meets_criteria(xpsb)"): """
        rule: meets_criteria(xpsb) [eo13818_1_a_ii_A]
          case fact: foreign_person(xpsb) @13
          case fact: engaged_in(xpsb, detentions) @14
          case fact: serious_human_rights_abuse(detentions) @15
        """,
    # 31 CFR 583.201(a): blocked because listed; the criteria facts play no part.
    ("xpsb_2020", "blocked(xpsb)"): """
        rule: blocked(xpsb) [ofac_583_201_a]
          case fact: listed_sdn(xpsb, glomag) @16
          not shown: not annex_person(xpsb)
        """,
    # 1(a)(ii)(C)(1): a leader or official of an entity that engaged in the abuse, during the tenure.
    ("xinjiang_officials_2020", "meets_criteria(chen_quanguo)"): """
        rule: meets_criteria(chen_quanguo) [eo13818_1_a_ii_C_1]
          case fact: foreign_person(chen_quanguo) @31
          case fact: leader_or_official_of(chen_quanguo, xpsb) @22
          rule: entity_engaged_in(xpsb, detentions) [eo13818_conduct]
            case fact: engaged_in(xpsb, detentions) @29
            rule: covered_activity(detentions) [eo13818_conduct]
              case fact: serious_human_rights_abuse(detentions) @30
          case fact: relates_to_tenure(detentions, chen_quanguo) @35
        """,
    # 583.411 (the 50 percent rule): 25% + 25% held by two blocked owners.
    ("ownership_aggregate_50", "blocked(target)"): """
        rule: blocked(target) [ofac_583_411]
          case fact: owns(owner_a, target, 25%) @16
          sum: sum(S where owns(O, target, S) and blocked(O)) >= 50%: sum is 50%
            case fact: owns(owner_a, target, 25%) @16
            rule: blocked(owner_a) [ofac_583_201_a]
              case fact: listed_sdn(owner_a, glomag) @14
              not shown: not annex_person(owner_a)
            case fact: owns(owner_b, target, 25%) @17
            rule: blocked(owner_b) [ofac_583_201_a]
              case fact: listed_sdn(owner_b, glomag) @15
              not shown: not annex_person(owner_b)
        """,
    # 583.411 through a chain: the middle company is blocked by the rule itself.
    ("ownership_chain_two_steps", "blocked(bottom)"): """
        rule: blocked(bottom) [ofac_583_411]
          case fact: owns(middle, bottom, 50%) @55
          sum: sum(S where owns(O, bottom, S) and blocked(O)) >= 50%: sum is 50%
            case fact: owns(middle, bottom, 50%) @55
            rule: blocked(middle) [ofac_583_411]
              case fact: owns(owner_a, middle, 50%) @54
              sum: sum(S where owns(O, middle, S) and blocked(O)) >= 50%: sum is 50%
                case fact: owns(owner_a, middle, 50%) @54
                rule: blocked(owner_a) [ofac_583_201_a]
                  case fact: listed_sdn(owner_a, glomag) @53
                  not shown: not annex_person(owner_a)
        """,
    # EO 13818 1(a)(i): the Annex is law, not a case fact; the sec. 10 exception did not apply.
    ("karimova_2017", "blocked(gulnara_karimova)"): """
        rule: blocked(gulnara_karimova) [eo13818_1_a_i]
          law fact: annex_person(gulnara_karimova) [eo13818_1_a_i]
          exception not met: unless annex_blocking_terminated(gulnara_karimova)
        """,
    # 1(a)(iii)(B): owned or controlled by a person blocked under the order (the Annex).
    ("jammeh_2017", "meets_criteria(kanilai_group)"): """
        rule: meets_criteria(kanilai_group) [eo13818_1_a_iii_B]
          case fact: owned_or_controlled_by(kanilai_group, yahya_jammeh) @26
          rule: blocked(yahya_jammeh) [eo13818_1_a_i]
            law fact: annex_person(yahya_jammeh) [eo13818_1_a_i]
            exception not met: unless annex_blocking_terminated(yahya_jammeh)
        """,
    # 583.512 (NGO general license): the exception for knowing transfers did not apply.
    ("ngo_gl_2023", "authorized(permit_fee)"): """
        rule: authorized(permit_fee) [ofac_583_512]
          case fact: conducted_by(permit_fee, relief_ngo) @19
          case fact: nongovernmental_organization(relief_ngo) @17
          case fact: ngo_civilian_activity(permit_fee) @20
          not shown: not blocked(relief_ngo)
          exception not met: unless knowing_transfer_to_blocked(permit_fee) and not tax_fee_or_permit_payment(permit_fee)
        """,
}


@pytest.mark.parametrize("case_name, question", list(EXPECTED))
def test_yes_tree_matches_the_hand_checked_one(glomag, case_name, question):
    result = tree_of(glomag, case_name, question)
    assert outline(result.explanation) == dedent(EXPECTED[case_name, question]).strip().splitlines()


@pytest.mark.parametrize("case_name, question", list(EXPECTED))
def test_facts_relied_on_are_exactly_the_leaves(glomag, case_name, question):
    result = tree_of(glomag, case_name, question)
    leaves = [line.split(": ", 1)[1].split(" [")[0].split(" @")[0] for line in dedent(EXPECTED[case_name, question]).splitlines()
              if line.strip().startswith(("case fact:", "law fact:"))]
    assert [f.statement for f in result.facts_used] == list(dict.fromkeys(leaves))
    # grounds: every provision that concludes the question (the tree shows one derivation)
    root = outline(result.explanation)[0].split("[")[1].rstrip("]")
    assert [g.id for g in result.grounds] == MORE_GROUNDS.get((case_name, question), [root])


# Karimova is also on the SDN List from the same day, but her entry records the Annex
# listing: only 583.201(a)(1), the Annex limb, blocks her (not the determination limb).
MORE_GROUNDS: dict = {}
