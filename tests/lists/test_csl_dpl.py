"""The Consolidated Screening List (CSV and JSON compaction) and the BIS Denied Persons List."""

from __future__ import annotations

import datetime as dt
import json
import time

import pytest
from listdata import LISTS, real_csl_json, shared_data

from writ.core.diagnostics import WritError
from writ.lists.csl import fr_citations, import_csl, import_csl_csv, import_csl_json, source_code
from writ.lists.dpl import import_dpl

DAY = dt.date(2025, 6, 1)


def refused(call):
    with pytest.raises(WritError) as info:
        call()
    return [(d.code, d.span.line) for d in info.value.diagnostics]


def test_source_codes_and_citations():
    assert source_code("Entity List (EL) - Bureau of Industry and Security") == "EL"
    assert source_code("Non-SDN Menu-Based Sanctions List (NS-MBS List) - Treasury Department") == "MBS"
    assert source_code("Military End User (MEU) List - Bureau of Industry and Security") == "MEU"
    assert source_code("Some New List (SNL) - Department of Examples") == "SNL"
    assert source_code("no code at all") is None
    assert fr_citations("84 FR 54002; 85 FR 44159; 84 FR 54002") == ("84 FR 54002", "85 FR 44159")
    assert fr_citations("68 F.R. 38290 6/27/03 71 F.R. 38843 7/10/06") == ("68 FR 38290", "71 FR 38843")


def test_csv_fixture():
    s = import_csl_csv(LISTS / "csl" / "csl.csv", as_of=DAY)
    el, sdn, cmic, dpl = s.entries
    assert (el.list, sdn.list, cmic.list, dpl.list) == ("EL", "SDN", "CMIC", "DPL")
    assert el.federal_register == ("84 FR 54002", "85 FR 44159") and el.start_date == dt.date(2019, 10, 9)
    assert el.license_policy.startswith("Case-by-case review for ECCNs 1A004.c") and el.license_requirement.startswith("For all items")
    assert [a.name for a in el.aliases] == ["Hikvision", "Hangzhou Hikvision Digital Technology"] and el.countries == ("CN",)
    assert ("Tax ID No.", "1234567", "CN") in {(i.kind, i.value, i.country) for i in sdn.identifiers}
    assert sdn.entry_id == "29159" and el.entry_id == "a1" and el.source.line == 2
    assert dpl.end_date == dt.date(2028, 12, 13) and dpl.dates_of_birth == ("1980",) and dpl.type == "individual"


def test_csv_repeated_header_is_skipped_and_a_cut_row_refused():
    assert refused(lambda: import_csl_csv(LISTS / "csl" / "csl_quirks.csv", as_of=DAY)) == [("E603", 6)]


def test_csv_wrong_header_and_bad_date(tmp_path):
    p = tmp_path / "c.csv"
    p.write_text("name,source\nA,B\n")
    assert refused(lambda: import_csl_csv(p, as_of=DAY)) == [("E610", 1)]
    p.write_text((LISTS / "csl" / "csl.csv").read_text().replace("2019-10-09", "09/10/2019"))
    assert refused(lambda: import_csl_csv(p, as_of=DAY)) == [("E604", 2)]


def test_json_fixture():
    s = import_csl(LISTS / "csl" / "screening-list.json")
    assert s.as_of == dt.date(2026, 7, 31) and "MIT" in s.licence and "seelpeed-debug" in s.licence
    el, cmic, mbs = s.entries
    assert el.list == "EL" and el.federal_register == ("84 FR 54002", "85 FR 44159") and el.license_policy.startswith("Case-by-case")
    assert el.entry_id.startswith("EL-") and el.source.record == "entries[0]"
    assert cmic.entry_id == "30946" and cmic.programs == ("CMIC-EO13959",) and cmic.type == "entity"
    assert mbs.list == "MBS" and mbs.programs == ("UKRAINE-EO13662", "RUSSIA-EO14024")


def test_json_bad_index_truncation_and_count(tmp_path):
    doc = json.loads((LISTS / "csl" / "screening-list.json").read_text())
    p = tmp_path / "s.json"
    doc["entries"][1]["lp"] = 7
    p.write_text(json.dumps(doc))
    with pytest.raises(WritError) as info:
        import_csl_json(p)
    assert [d.code for d in info.value.diagnostics] == ["E604"] and "entries[1].lp" in info.value.diagnostics[0].message
    p.write_text(json.dumps(doc)[:-40])
    assert refused(lambda: import_csl_json(p))[0][0] == "E608"
    doc["entries"][1]["lp"] = 0
    doc["entryCount"] = 3000
    p.write_text(json.dumps(doc))
    assert refused(lambda: import_csl_json(p)) == [("E608", 1)]


def test_dpl_fixture():
    s = import_dpl(LISTS / "dpl.txt")
    assert s.as_of == dt.date(2020, 3, 20)  # the 3033 typo is not the snapshot's date
    ash, sheng, villa = s.entries
    assert ash.name == "I. ASH" and ash.start_date == dt.date(2003, 6, 19) and ash.federal_register == ("68 FR 38290", "71 FR 38843", "72 FR 4236")
    assert [a.city for a in sheng.addresses] == ["MILWAUKEE", "JIANGSU"] and sheng.countries == ("CN",) and sheng.source.line == 3
    assert villa.end_date == dt.date(2026, 1, 14)


def test_dpl_refusals(tmp_path):
    text = (LISTS / "dpl.txt").read_text()
    p = tmp_path / "dpl.txt"
    p.write_text(text.replace('"08/24/2022"', '"2022-08-24"'))
    assert refused(lambda: import_dpl(p)) == [("E604", 5)]
    p.write_text(text[:-60])
    assert refused(lambda: import_dpl(p)) == [("E603", 5)]
    p.write_text(text.replace("\t", ",", 1))
    assert refused(lambda: import_dpl(p)) == [("E610", 1)]


# ---- the real files ---------------------------------------------------------------------

XINJIANG_OCT_2019 = ["Hikvision", "Dahua", "SenseTime", "Megvii", "iFlytek", "Yitu", "Meiya Pico", "Yixin"]


@pytest.fixture(scope="module")
def csl_json():
    return real_csl_json()


def test_real_json_counts(csl_json):
    from collections import Counter

    counts = Counter(e.list for e in csl_json.entries)
    assert len(csl_json.entries) == 25921 and counts["EL"] == 3420 and counts["SDN"] == 19181 and counts["DPL"] == 1596
    assert len({(e.list, e.entry_id) for e in csl_json.entries}) == 25921  # every entry has its own key within its list


def test_real_json_has_the_october_2019_xinjiang_additions(csl_json):
    el = [e for e in csl_json.entries if e.list == "EL"]
    for name in XINJIANG_OCT_2019:
        hits = [e for e in el if any(name.casefold() in n.casefold() for n in e.all_names())]
        assert hits, name
        assert any("84 FR 54002" in e.federal_register for e in hits), name
        assert all(e.license_policy and e.license_requirement for e in hits), name
    hik = next(e for e in el if "Hikvision" in e.name)
    assert "1A004.c" in hik.license_policy and "infectious disease" in hik.license_policy


def test_real_partial_csv_is_refused_at_its_cut_row():
    path = shared_data() / "watchman/trade-csl-2023-11-partial/csl.csv"
    lines = path.read_bytes().count(b"\n") + 1
    assert refused(lambda: import_csl_csv(path, as_of=dt.date(2023, 11, 30))) == [("E603", lines)]


def test_real_sample_csv_and_dpl():
    s = import_csl_csv(shared_data() / "watchman/trade-csl-2025-sample/consolidated.csv", as_of=DAY)
    assert len(s.entries) == 13 and [e.list for e in s.entries].count("EL") == 1
    t = time.process_time()
    d = import_dpl(shared_data() / "watchman/bis-dpl-2023-11/dpl.txt")
    assert time.process_time() - t < 0.5
    assert d.as_of == dt.date(2023, 11, 28) and sum(len(e.addresses) for e in d.entries) == 665
