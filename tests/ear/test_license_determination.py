"""A whole license determination, asked as "which" questions: the general prohibitions
triggered, the License Exceptions considered and why each is barred, and the review policy.

The expected answers were read against the provisions: 736.2(b)(1) and (b)(5); 740.2(a)(4)
(no License Exception for 742.7 items outside Australia, India, Japan, New Zealand and NATO);
744.16 (no License Exception to an Entity List party unless the entry allows one); the
Hikvision entry of 84 FR 54002 (presumption of denial); 742.7(b) as amended by 85 FR 63007
and the Tiananmen Square suspension (Pub. L. 101-246, sec. 902(a)(4)) for China.
"""

import pytest

from conftest import ROOT
from writ.api import Writ

WHICH = """
  question prohibited_by(sale, G).
  question exception_considered(sale, X).
  question exception_barred(sale, X).
  question exception_available(sale, X).
  question review_policy(sale, P).
"""

HIKVISION = """use ear
case hik "EAR99 facial-recognition software to Hikvision" as of 2019-10-09
  transaction sale "sale of facial-recognition software to Hikvision".
  item frs "US-origin facial-recognition software".
  sale moves frs.
  frs is of US origin.
  frs is classified as ear99.
  sale is destined for china.
  hikvision is the end user of sale.
""" + WHICH

AFIS = """use ear
case afis "3A981 fingerprint system to an ordinary Chinese bank" as of 2024-03-01
  transaction sale "export of an AFIS to a Chinese bank".
  item afis "US-origin automated fingerprint identification system".
  entity bank "an ordinary Chinese commercial bank".
  sale moves afis.
  afis is of US origin.
  afis is classified as eccn_3a981.
  sale is destined for china.
  bank is the end user of sale.
""" + WHICH


@pytest.fixture(scope="module")
def ear():
    return Writ.load([ROOT / "statutes"])


def determination(ear, text):
    [case] = ear.cases_from_text(text, "determination.writ")
    decision = ear.decide(case)
    table = {}
    for r in decision.results:
        table.setdefault(r.asked, []).append((r.question, r.answer.value, [g.id for g in r.grounds]))
    return table


def test_ear99_to_a_listed_entity(ear):
    t = determination(ear, HIKVISION)
    # General Prohibition Five (the Entity List), not One: EAR99 needs no license to China on the chart
    assert t["prohibited_by(sale, G)"] == [("prohibited_by(sale, gp5)", "yes", ["p736_2_b_5"])]
    assert [q for q, _, _ in t["exception_considered(sale, X)"]] == [
        "exception_considered(sale, enc)", "exception_considered(sale, gov)",
        "exception_considered(sale, lvs)", "exception_considered(sale, tmp)"]
    # every exception considered is barred by the Entity List entry (744.16), none is available
    assert t["exception_barred(sale, X)"] == [
        (f"exception_barred(sale, {x})", "yes", ["p740_2_entity_list"]) for x in ("enc", "gov", "lvs", "tmp")]
    assert t["exception_available(sale, X)"] == [("exception_available(sale, X)", "no", [])]
    assert t["review_policy(sale, P)"] == [
        ("review_policy(sale, presumption_of_denial)", "yes", ["p744_review_denial_prevails"])]


def test_crime_control_item_to_china(ear):
    t = determination(ear, AFIS)
    assert t["prohibited_by(sale, G)"] == [("prohibited_by(sale, gp1)", "yes", ["p736_2_b_1"])]
    # 740.2(a)(4) bars LVS, TMP and ENC for a 742.7 item to China (GOV is not eligible on these
    # facts); LVS is also barred by the 3A981 entry itself, which allows no LVS (740.3)
    assert t["exception_barred(sale, X)"] == [
        ("exception_barred(sale, enc)", "yes", ["p740_2_a_4"]),
        ("exception_barred(sale, lvs)", "yes", ["p740_2_a_4", "p740_3_lvs"]),
        ("exception_barred(sale, tmp)", "yes", ["p740_2_a_4"])]
    assert t["exception_available(sale, X)"] == [("exception_available(sale, X)", "no", [])]
    assert t["review_policy(sale, P)"] == [
        ("review_policy(sale, statutory_suspension)", "yes", ["p744_review_denial_prevails"])]
