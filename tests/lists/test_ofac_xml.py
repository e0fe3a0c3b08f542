"""OFAC advanced XML: a minimal file in the official schema, hostile files, and the real cons_advanced.xml."""

from __future__ import annotations

import datetime as dt

import pytest
from listdata import LISTS, shared_data

from writ.core.diagnostics import WritError
from writ.lists.ofac_xml import import_ofac_xml

FIXTURE = LISTS / "xml" / "advanced.xml"


@pytest.fixture(scope="module")
def snap():
    return import_ofac_xml(FIXTURE)


def test_parties_names_and_types(snap):
    assert snap.as_of == dt.date(2020, 3, 17) and snap.list == "SDN"
    xpsb, chen = snap.entries
    assert (xpsb.name, xpsb.type, chen.name, chen.type) == ("XINJIANG PUBLIC SECURITY BUREAU", "entity", "CHEN, Mingguo", "individual")
    assert [(a.name, a.kind) for a in xpsb.aliases] == [("XPSB", "weak aka")]
    assert xpsb.source.line == 88 and xpsb.source.record == "10"


def test_features_documents_locations_and_listings(snap):
    xpsb, chen = snap.entries
    assert chen.dates_of_birth == ("Oct 1966",)
    ids = {(i.kind, i.value, i.country, i.note) for i in chen.identifiers}
    assert {("Gender", "Male", None, None), ("POB", "Yilong, Sichuan, China", None, None), ("Passport", "E12345678", "China", "issue date 02 Jun 2015")} <= ids
    assert xpsb.addresses[0].city == "Urumqi" and xpsb.addresses[0].street == "No. 1 Hetian Road" and xpsb.countries == ("CN",)
    assert chen.linked_to == ("XINJIANG PUBLIC SECURITY BUREAU",)
    assert xpsb.programs == ("GLOMAG",) and xpsb.start_date == dt.date(2020, 7, 31)


def refused(tmp_path, text: bytes):
    p = tmp_path / "bad.xml"
    p.write_bytes(text)
    with pytest.raises(WritError) as info:
        import_ofac_xml(p)
    return [(d.code, d.span.line) for d in info.value.diagnostics]


def test_external_and_internal_entities_are_refused(tmp_path):
    xxe = b'<?xml version="1.0"?>\n<!DOCTYPE s [\n<!ENTITY x SYSTEM "file:///etc/passwd">\n]>\n<Sanctions xmlns="http://www.un.org/sanctions/1.0">&x;</Sanctions>\n'
    assert refused(tmp_path, xxe) == [("E609", 2)]
    laughs = b'<?xml version="1.0"?>\n<!DOCTYPE lolz [<!ENTITY lol "lol"><!ENTITY lol2 "&lol;&lol;&lol;">]>\n<Sanctions>&lol2;</Sanctions>'
    assert refused(tmp_path, laughs) == [("E609", 2)]


def test_truncated_and_foreign_files_name_the_line(tmp_path):
    text = FIXTURE.read_bytes()
    cut = text[: text.index(b"<ProfileRelationships>")]
    assert refused(tmp_path, cut)[0][0] == "E608"
    broken = text.replace(b"<Year>1966</Year>", b"<Year>1966</Yr>", 1)
    assert refused(tmp_path, broken) == [("E608", text[: text.index(b"<Year>1966")].count(b"\n") + 1)]
    assert refused(tmp_path, b'<?xml version="1.0"?>\n<rss><channel/></rss>\n') == [("E610", 2)]
    orphan = text.replace(b'ProfileID="11" ListID', b'ProfileID="99" ListID')
    assert refused(tmp_path, orphan) == [("E605", orphan[: orphan.index(b'ProfileID="99"')].count(b"\n") + 1)]
    assert refused(tmp_path, b"") == [("E608", 1)]


def test_real_cons_advanced():
    s = import_ofac_xml(shared_data() / "urban-fortnight/cons_advanced.xml")
    assert s.as_of == dt.date(2020, 3, 17) and len(s.entries) == 375
    assert sum("SSI" in e.extra["lists"].split("; ") for e in s.entries) == 290
    plc = [e for e in s.entries if "NS-PLC" in e.programs]
    assert len(plc) == 78
    haniya = next(e for e in s.entries if e.entry_id == "9639")
    assert haniya.name == "HANIYA, Ismail Abdul Salah" and haniya.dates_of_birth == ("1962",) and haniya.start_date == dt.date(2006, 4, 12)
    assert any(e.linked_to for e in s.entries)


def test_wrong_encoding_is_named(tmp_path):
    text = FIXTURE.read_bytes()
    latin = text.replace(b"Yilong", "Y\u00eflong".encode("latin-1"))
    line = text[: text.index(b"Yilong")].count(b"\n") + 1
    assert refused(tmp_path, latin) == [("E602", line)]
    declared = text.replace(b'encoding="utf-8"', b'encoding="iso-8859-1"')
    assert refused(tmp_path, declared) == [("E602", 1)]
    assert refused(tmp_path, text.decode().encode("utf-16")) == [("E602", 1)]
