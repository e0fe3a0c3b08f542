"""The law as encoded: Annex limb, foreign person, licence expiry, non-blocking measures, clean text."""

import re
from pathlib import Path

import pytest

from writ.api import Writ
from writ.decision import Answer

ROOT = Path(__file__).parent.parent.parent
STATUTES = ROOT / "statutes"


def _decide(*files):
    writ = Writ.load([ROOT / f for f in files])
    return {d.case: {r.question: r for r in d.results} for d in writ.decide_many(writ.cases, explain=True)}


def test_annex_persons_are_blocked_by_the_annex_limb_only():
    # 31 CFR 583.201(a)(1): the Annex blocks; the determination limb (a)(2) must not be cited
    for case, person in [("karimova_2017", "gulnara_karimova"), ("jammeh_2017", "yahya_jammeh")]:
        file = f"cases/glomag/{case}.writ"
        blocked = _decide(file)[case][f"blocked({person})"]
        assert blocked.answer is Answer.yes
        assert {g.id for g in blocked.grounds} == {"eo13818_1_a_i"}


def test_a_designated_non_annex_person_is_still_blocked_by_the_determination_limb():
    blocked = _decide("cases/glomag/xpsb_2020.writ")["xpsb_2020"]["blocked(xpsb)"]
    assert {g.id for g in blocked.grounds} == {"ofac_583_201_a"}


def test_foreign_person_follows_from_nationality_and_organisation(tmp_path):
    case = tmp_path / "fp.writ"
    case.write_text('''use glomag, common/countries
case fp "foreign person" as of 2024-01-01
  person dual "a dual national".
  person american "a US national only".
  entity firm "a company organized in China".
  entity state "a foreign state itself".
  national_of(dual, united_states).
  national_of(dual, china).
  national_of(american, united_states).
  organized_under(firm, china).
  organized_under(state, china).
  foreign_state(state).
  question foreign_person(dual).
  question foreign_person(american).
  question foreign_person(firm).
  question foreign_person(state).
''')
    writ = Writ.load([case])
    [d] = writ.decide_many(writ.cases, explain=False)
    got = {r.question: r for r in d.results}
    assert got["foreign_person(dual)"].answer is Answer.yes
    assert {g.id for g in got["foreign_person(dual)"].grounds} == {"ofac_583_foreign_person"}
    assert got["foreign_person(firm)"].answer is Answer.yes
    # open world: neither a US national nor a foreign state is concluded a foreign person
    assert got["foreign_person(american)"].answer is Answer.undetermined
    assert got["foreign_person(state)"].answer is Answer.undetermined


def test_an_expired_general_license_is_reported_expired_not_revoked():
    expired = _decide("cases/glomag/xpcc_gl2a_2020.writ")["xpcc_gl2a_2020_expired"]
    auth = expired["authorized(wind_down)"]
    assert auth.answer is Answer.no
    reasons = [(w.provision.id, w.reason, w.condition) for w in auth.why_not]
    assert ("ofac_specific_license", "exception applied", "unless license_expired(gl_2a)") in reasons
    assert any("2020-11-30" in (w.reading or "") for w in auth.why_not)
    assert expired["license_revoked(gl_2a)"].answer is Answer.no
    assert expired["license_issued(gl_2a)"].answer is Answer.yes


def test_non_blocking_measures_name_what_an_unblocked_party_is_under():
    got = _decide("cases/glomag/xinjiang_measures.writ")
    for case, party, measure in [("chen_quanguo_measures_visa_only", "chen_quanguo", "visa_7031c"),
                                 ("sensetime_measures_2021", "sensetime", "ns_cmic_securities"),
                                 ("uflpa_only_2022", "cotton_mill", "uflpa_presumption")]:
        assert got[case][f"blocked({party})"].answer is Answer.no
        assert got[case][f"subject_to_measure({party}, {measure})"].answer is Answer.yes


MARKERS = re.compile(r"/work/|/home/|/tmp/|\[(U|S|V)\b[^\]]*\]")


def _statute_files():
    yield from sorted(STATUTES.rglob("*.writ"))


@pytest.mark.parametrize("path", list(_statute_files()), ids=lambda p: str(p.relative_to(STATUTES)))
def test_statute_text_shows_no_machine_paths_or_research_markers(path):
    bad = [f"{path.name}:{n}: {line.strip()}" for n, line in enumerate(path.read_text().splitlines(), 1)
           if MARKERS.search(line)]
    assert bad == []


@pytest.mark.parametrize("provision", ["p738_supp1", "p740_supp1", "p774_supp1_cc"])
def test_snapshot_data_says_its_version_in_a_caution(provision):
    writ = Writ.load([ROOT / "cases" / "ear" / "hikvision_ear99.writ"])
    p = writ.law.provisions[provision]
    assert any("2026-07-23" in c for c in p.cautions)
