"""A listing's status on a date: snapshots, record start dates, Federal Register rules."""

from __future__ import annotations

import datetime as dt

import pytest
from listdata import SDN_SETS, real_csl_json, real_sdn

from writ.lists.fr_dates import RULES, rule_for, rules_cited
from writ.lists.records import ListEntry, Snapshot, Source
from writ.lists.timeline import LISTED, NOT_LISTED, UNDETERMINED, Timeline, start_of

D = dt.date


def entry(key, **kw):
    return ListEntry(list="EL", entry_id=key, name=kw.pop("name", key.upper()), type="entity", source=Source("t", 1, key), **kw)


def snap(day, *entries):
    return Snapshot(list="EL", as_of=day, files=(("f", "0"),), entries=tuple(entries))


def test_fr_table_dates():
    r = rule_for("84 FR 54002")
    assert (r.published, r.effective) == (D(2019, 10, 9), D(2019, 10, 9))
    assert rule_for("86 FR 33121").citation == "86 FR 33119"  # an entry page inside the rule's printed range
    assert rule_for("86 FR 33123") is None  # no range known: never guessed
    assert rule_for("84 FR 54004").citation == "84 FR 54002"  # an entry page the statute records
    assert rule_for("84 FR 22961").effective < rule_for("84 FR 22961").published  # effective before publication
    assert rule_for("86 FR 36496").effective is None
    assert [r.citation for r in rules_cited("84 FR 54002; 85 FR 44159")] == ["84 FR 54002", "85 FR 44159"]
    assert all(r.source and r.published for r in RULES) and len({r.citation for r in RULES}) == len(RULES)
    for need in ("84 FR 54002", "85 FR 34495", "85 FR 34503", "85 FR 44159", "86 FR 33119", "86 FR 36496"):
        assert need in {r.citation for r in RULES}
    ymtc = rule_for("87 FR 77505")  # BIS's 2022 table: published 12/19/2022, effective 12/16/2022
    assert (ymtc.published, ymtc.effective) == (D(2022, 12, 19), D(2022, 12, 16)) and "bis.doc.gov" in ymtc.source
    assert rule_for("83 FR 37423").effective == D(2018, 8, 1)  # blank "effective" column: effective on publication
    assert rule_for("87 FR 62186").effective is None  # three effective dates in BIS's table: none is chosen


def test_a_snapshot_speaks_for_its_date_only():
    t = Timeline([snap(D(2024, 5, 3), entry("a"))])
    assert t.status("a", D(2024, 5, 3)).state == LISTED
    before = t.status("a", D(2020, 1, 1))
    assert before.state == UNDETERMINED and before.would_decide == "the listing's effective date"
    after = t.status("a", D(2025, 1, 1))
    assert after.state == UNDETERMINED and "on or after 2025-01-01" in after.would_decide
    assert t.status("zzz", D(2024, 5, 3)).state == NOT_LISTED


def test_a_start_date_from_the_record_or_the_rule():
    own = entry("a", start_date=D(2019, 10, 9))
    fr = entry("b", federal_register=("85 FR 44159", "84 FR 54002"))  # the adding rule is the earliest cited
    t = Timeline([snap(D(2024, 5, 3), own, fr)])
    early = t.status("a", D(2019, 10, 8))  # before the listing took effect: the entry did not exist
    assert early.state == NOT_LISTED and "before the listing took effect" in early.reason
    assert t.status("a", D(2019, 10, 9)).state == LISTED
    s = t.status("b", D(2020, 1, 1))  # between the rules it cites: which one added it is not known
    assert s.state == UNDETERMINED and "84 FR 54002" in s.would_decide and "85 FR 44159" in s.would_decide
    assert t.status("b", D(2020, 7, 22)).state == LISTED  # every rule it cites in effect
    assert t.status("b", D(2019, 10, 8)).state == NOT_LISTED
    pending = entry("c", federal_register=("86 FR 36496",))
    s = Timeline([snap(D(2024, 5, 3), pending)]).status("c", D(2022, 1, 1))
    assert s.state == UNDETERMINED and s.would_decide == "the effective date of 86 FR 36496 (published 2021-07-12)"
    assert start_of(entry("d", federal_register=("99 FR 1",))) == (None, None, "99 FR 1")


def test_between_sightings_and_removal():
    t = Timeline([snap(D(2018, 12, 19)), snap(D(2021, 7, 7), entry("a")), snap(D(2022, 1, 1), entry("a")), snap(D(2024, 5, 3))])
    assert t.status("a", D(2021, 9, 1)).state == LISTED
    gap = t.status("a", D(2023, 1, 1))
    assert gap.state == UNDETERMINED and "between 2022-01-01 and 2024-05-03" in gap.would_decide
    assert t.status("a", D(2024, 6, 1)).state == NOT_LISTED
    assert t.status("a", D(2019, 1, 1)).state == UNDETERMINED  # after a snapshot without it, before one with it
    assert t.status("a", D(2018, 12, 19)).state == NOT_LISTED
    h = t.history("a")
    assert h.seen == (D(2021, 7, 7), D(2022, 1, 1)) and h.absent == (D(2018, 12, 19), D(2024, 5, 3))


def test_real_sdn_xinjiang_psb_across_three_snapshots():
    snaps = [real_sdn(d) for d in SDN_SETS]
    t = Timeline(snaps)
    (key,) = t.find("XINJIANG PUBLIC SECURITY BUREAU")
    assert t.status(key, D(2021, 7, 7)).state == LISTED and t.status(key, D(2018, 12, 19)).state == NOT_LISTED
    assert t.status(key, D(2022, 6, 1)).state == LISTED  # between the 2021 and 2024 sightings
    assert t.status(key, D(2020, 1, 1)).state == UNDETERMINED  # designated July 2020, which no snapshot dates


@pytest.mark.parametrize("name", ["Hangzhou Hikvision Digital Technology Co., Ltd.", "Dahua Technology"])
def test_real_el_dated_by_84_fr_54002(name):
    t = Timeline([real_csl_json()], list_code="EL")
    keys = [k for k in t.find(name)]
    assert keys, name
    st = t.status(keys[0], D(2021, 1, 1))
    if name.startswith("Dahua"):  # it also cites 87 FR 62202, whose date the table lacks
        assert st.state == UNDETERMINED and "87 FR 62202" in st.would_decide
    else:
        assert st.state == LISTED and "84 FR 54002" in st.reason
    assert t.status(keys[0], D(2019, 10, 8)).state == NOT_LISTED  # the day before 84 FR 54002 took effect
    assert Timeline([real_csl_json()], list_code="EL").status(keys[0], real_csl_json().as_of).state == LISTED
