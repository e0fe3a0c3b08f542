"""OFAC legacy CSV: the fixture set in the official format, and the real snapshots in ../shared."""

from __future__ import annotations

import datetime as dt
import shutil
import time

import pytest
from listdata import LISTS, SDN_SETS, real_sdn, shared_data

from writ.core.diagnostics import WritError
from writ.lists.ofac_csv import import_ofac, import_ofac_dir, parse_remarks

DAY = dt.date(2024, 5, 3)


@pytest.fixture(scope="module")
def snap():
    return import_ofac_dir(LISTS / "sdn", as_of=DAY)


def by_id(snapshot, key):
    return next(e for e in snapshot.entries if e.entry_id == key)


def test_fixture_reads_every_row_and_drops_the_end_mark(snap):
    assert [e.entry_id for e in snap.entries] == ["306", "23252", "29159", "31493", "9647", "40001", "40002"]
    assert snap.list == "SDN" and snap.as_of == DAY
    assert [n for n, _ in snap.files] == ["sdn.csv", "add.csv", "alt.csv", "sdn_comments.csv"]
    assert snap.entries[-1].remarks.endswith("MMSI 412440923.")  # the 0x1A did not reach the last field


def test_null_type_programs_and_vessel_fields(snap):
    bnc, xpsb, ves, zah = by_id(snap, "306"), by_id(snap, "29159"), by_id(snap, "40002"), by_id(snap, "9647")
    assert bnc.type == "entity" and bnc.title is None
    assert xpsb.remarks is None and xpsb.programs == ("GLOMAG",)
    assert zah.programs == ("SDGT", "NS-PLC")
    assert ves.type == "vessel" and ves.extra["call_sign"] == "BZAD9" and "tonnage" not in ves.extra
    assert xpsb.source.line == 3 and xpsb.source.record == "29159" and xpsb.source.file.endswith("sdn.csv")


def test_companions_attach_with_their_own_lines(snap):
    bnc = by_id(snap, "306")
    assert [(a.name, a.kind) for a in bnc.aliases] == [("NATIONAL BANK OF CUBA", "aka"), ("BNC", "aka")]
    assert bnc.aliases[0].source.file.endswith("alt.csv") and bnc.aliases[0].source.line == 1
    assert bnc.addresses[0].city == "Zurich CH-8022" and bnc.addresses[0].country == "Switzerland"
    assert by_id(snap, "29159").addresses[0].source.line == 3


def test_remarks_become_identifiers_aliases_and_links(snap):
    g = by_id(snap, "23252")
    assert g.dates_of_birth == ("23 Dec 1973",)
    assert g.nationalities == ("Israel", "Congo, Democratic Republic of the")
    ids = {(i.kind, i.value, i.country, i.note) for i in g.identifiers}
    assert ("Passport", "10945182", "Israel", "issued 28 Jun 2010 expires 27 Jun 2020") in ids
    assert ("National ID No.", "027100619", "Israel", None) in ids
    assert by_id(snap, "31493").linked_to == ("XINJIANG PUBLIC SECURITY BUREAU",)
    z = by_id(snap, "9647")
    assert [(a.name, a.kind) for a in z.aliases] == [("ZAHAR, Mahmoud", "aka"), ("AL-ZAHAR, Mahmoud", "fka")]
    # the remark's full stop is not the name's: "C.V." is restored because that entry exists
    assert z.linked_to == ("GRUPO IMPERGOZA, S.A. DE C.V.",)


def test_comments_continue_the_remarks_mid_word(snap):
    e = by_id(snap, "40001")
    assert "Linked To: PROMI FEL, S. DE R.L. DE C.V." in e.remarks
    assert e.linked_to[-2:] == ("PROMI FEL, S. DE R.L. DE C.V.", "VILLAS DEL COLLI S.A. DE C.V")
    assert ("Folio Mercantil No.", "12345", "Mexico", None) in {(i.kind, i.value, i.country, i.note) for i in e.identifiers}


def test_lf_without_final_newline_reads_the_same(tmp_path):
    data = (LISTS / "sdn" / "sdn.csv").read_bytes().rstrip(b"\x1a").replace(b"\r\n", b"\n").rstrip(b"\n")
    (tmp_path / "sdn.csv").write_bytes(data)
    a = import_ofac(tmp_path / "sdn.csv", as_of=DAY)
    b = import_ofac(LISTS / "sdn" / "sdn.csv", as_of=DAY)
    assert [(e.entry_id, e.name, e.remarks) for e in a.entries] == [(e.entry_id, e.name, e.remarks) for e in b.entries]
    assert a.files[0][1] != b.files[0][1]  # different bytes, different hash


def refused(call):
    with pytest.raises(WritError) as info:
        call()
    return [(d.code, d.span.file.rsplit("/", 1)[-1], d.span.line) for d in info.value.diagnostics]


def test_truncated_alt_is_refused_at_its_line(tmp_path):
    for name in ("sdn.csv", "add.csv"):
        shutil.copy(LISTS / "sdn" / name, tmp_path / name)
    shutil.copy(LISTS / "alt_truncated.csv", tmp_path / "alt.csv")
    assert refused(lambda: import_ofac_dir(tmp_path, as_of=DAY)) == [("E603", "alt.csv", 3)]


def test_orphan_duplicate_and_bad_values_are_refused(tmp_path):
    p = tmp_path / "sdn.csv"
    p.write_bytes(b'1,"A",-0- ,"X",-0- ,-0- ,-0- ,-0- ,-0- ,-0- ,-0- ,-0- \r\n1,"B",-0- ,"X",-0- ,-0- ,-0- ,-0- ,-0- ,-0- ,-0- ,-0- \r\nx,"C","robot","X",-0- ,-0- ,-0- ,-0- ,-0- ,-0- ,-0- ,-0- \r\n')
    (tmp_path / "alt.csv").write_bytes(b'7,1,"aka","Z",-0- \r\n')
    got = refused(lambda: import_ofac(p, as_of=DAY, alt=tmp_path / "alt.csv"))
    assert sorted(got) == [("E604", "sdn.csv", 3), ("E605", "alt.csv", 1), ("E611", "sdn.csv", 2)]


def test_wrong_encoding_names_the_line(tmp_path):
    data = (LISTS / "sdn" / "sdn.csv").read_bytes().replace(b"Tel Aviv", b"T\xe9l Aviv")
    (tmp_path / "sdn.csv").write_bytes(data)
    assert refused(lambda: import_ofac(tmp_path / "sdn.csv", as_of=DAY)) == [("E602", "sdn.csv", 2)]
    (tmp_path / "u16.csv").write_bytes("1,\"A\"".encode("utf-16"))
    assert refused(lambda: import_ofac(tmp_path / "u16.csv", as_of=DAY))[0][0] == "E602"


def test_empty_and_shrunken_lists_are_refused_unless_allowed(tmp_path, snap):
    (tmp_path / "sdn.csv").write_bytes(b"\x1a")
    assert refused(lambda: import_ofac(tmp_path / "sdn.csv", as_of=DAY)) == [("E606", "sdn.csv", 1)]
    assert import_ofac(tmp_path / "sdn.csv", as_of=DAY, allow_shrink=True).entries == ()
    one = (LISTS / "sdn" / "sdn.csv").read_bytes().split(b"\r\n")[0]
    (tmp_path / "sdn.csv").write_bytes(one)
    assert refused(lambda: import_ofac(tmp_path / "sdn.csv", as_of=DAY, previous=snap)) == [("E607", "sdn.csv", 1)]
    assert len(import_ofac(tmp_path / "sdn.csv", as_of=DAY, previous=snap, allow_shrink=True).entries) == 1


def test_parse_remarks_keeps_what_it_cannot_read():
    r = parse_remarks("DOB circa 1960; Secondary sanctions risk: section 1(b) of Executive Order 13224; Website www.x.org.")
    assert r.dates_of_birth == ["circa 1960"] and r.other == ["Secondary sanctions risk: section 1(b) of Executive Order 13224"]
    assert ("Website", "www.x.org") in {(i.kind, i.value) for i in r.identifiers}


# ---- the real snapshots ---------------------------------------------------------------


@pytest.fixture(scope="module")
def real():
    return {d: real_sdn(d) for d in SDN_SETS}


def test_real_counts_match_sources_md(real):
    counts = {d: (len(s.entries), sum("GLOMAG" in e.programs for e in s.entries)) for d, s in real.items()}
    assert counts == {"jackdwyer-sdn/2024-05-03": (14965, 694), "watchman/ofac-sdn-2021-07": (8976, 315), "watchman/ofac-sdn-2018-12": (7379, 99)}
    glomag = [e.type for e in real["jackdwyer-sdn/2024-05-03"].entries if "GLOMAG" in e.programs]
    assert (glomag.count("individual"), glomag.count("entity"), glomag.count("vessel")) == (235, 302, 157)


def test_xinjiang_psb_listed_2021_and_2024_not_2018(real):
    has = {d: any(e.name == "XINJIANG PUBLIC SECURITY BUREAU" for e in s.entries) for d, s in real.items()}
    assert has == {"jackdwyer-sdn/2024-05-03": True, "watchman/ofac-sdn-2021-07": True, "watchman/ofac-sdn-2018-12": False}
    gao = next(e for e in real["jackdwyer-sdn/2024-05-03"].entries if e.name == "GAO, Qi")
    assert gao.programs == ("GLOMAG", "UHRPA") and gao.linked_to == ("XINJIANG PUBLIC SECURITY BUREAU",)


def test_real_comments_join_and_aliases(real):
    s = real["watchman/ofac-sdn-2018-12"]
    e = next(e for e in s.entries if e.entry_id == "12300")
    assert len(e.remarks) > 1000 and "PROMO RAIZ S.A.S." in e.linked_to and "Linked To: PROMO RAIZ S.A.S." in e.remarks
    assert sum(len(e.aliases) for e in s.entries) >= 9682  # every alt.csv row, plus Remarks a.k.a.s


def test_nonsdn_programs_map_to_csl_lists():
    s = import_ofac_dir(shared_data() / "watchman/ofac-nonsdn-2025-12", as_of=dt.date(2025, 12, 19))
    assert s.list == "NONSDN" and len(s.entries) == 442
    cmic = [e for e in s.entries if "CMIC-EO13959" in e.programs]
    assert len(cmic) == 68 and all("CMIC" in e.extra["csl_lists"] for e in cmic)
    assert any("HIKVISION" in n.upper() for e in cmic for n in e.all_names())


def test_real_import_is_fast():
    """15k entries in well under 2 s; CPU time, so a busy neighbouring test worker does not count."""
    path = shared_data() / "jackdwyer-sdn/2024-05-03"
    t = time.process_time()
    import_ofac_dir(path, as_of=DAY)
    assert time.process_time() - t < 10  # measured 0.6 s of CPU; the bound only catches a lost order of magnitude
