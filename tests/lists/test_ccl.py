"""The whole CCL from ccl.json, checked against the regulation's own text for a sample of ECCNs.

The expected rows below are the License Requirements tables of 15 CFR 774 Supp. 1 as the
search corpus quotes them (editions noted per ECCN), not the JSON: a test that read its
expectations from the JSON could not fail.
"""

from __future__ import annotations

import json
import re
from pathlib import Path

import pytest
from listdata import shared_data

from writ.core.diagnostics import WritError
from writ.lists.ccl import import_ccl

STATUTES = Path(__file__).resolve().parents[2] / "statutes" / "ear"

# ECCN -> (reasons for control, {column: entire entry?}) as the regulation prints them
REGULATION = {
    # docslib.org/doc/10725812, pdfslide.net Category 0 (Oct. 5, 2021): "(These items are 'subject to the ITAR.')" - no table
    "0A002": ((), {}),
    # pdfslide.net Category 0 (Oct. 5, 2021): "NS applies to entire entry except 0A501.y NS Column 1 ... UN applies to entire
    # entry See § 746.1 ... AT applies to entire entry AT Column 1"
    "0A501": (("NS", "RS", "FC", "UN", "AT"), {"ns1": False, "rs1": False, "fc1": False, "at1": True}),
    # cupdf.com Category 1 (Sept. 20, 2021): "NS applies to entire entry NS Column 2 AT applies to entire entry AT Column 1"
    "1A001": (("NS", "AT"), {"ns2": True, "at1": True}),
    # docslib.org/doc/3451489: "NS applies to entire entry NS Column 2 NP applies to 1A002.b.1 in the form of tubes ... NP Column 1"
    "1A002": (("NS", "NP", "AT"), {"ns2": True, "np1": False, "at1": True}),
    # docslib.org/doc/1480410 Category 2: "Reason for Control: NS, MT, AT ... NS applies to entire entry NS Column 2 MT applies to
    # radial ball bearings ... MT Column 1"
    "2A001": (("NS", "MT", "AT"), {"ns2": True, "mt1": False, "at1": True}),
    # fdocuments.us Category 3 (Dec. 30, 2014): "NS applies to ... 3A001.b.2 and ... 3A001.b.3 ... NS Column 1 / NS applies to
    # entire entry NS Column 2 / RS applies to ... RS Column 1"; MT, NP, AT rows follow (Reason for Control: NS, RS, MT, NP, AT)
    "3A001": (("NS", "RS", "MT", "NP", "AT"), {"ns1": False, "ns2": True, "rs1": False, "mt1": False, "np1": False, "at1": True}),
    # uptodateregs.com Category 4; edocr.com (2010): "NS applies to entire entry NS Column 2 / MT applies to items in 4A001.a when
    # the parameters in 4A101 are met or exceeded MT Column 1 / AT applies to entire entry AT Column 1 / NP applies, unless ..."
    "4A001": (("NS", "MT", "AT", "NP"), {"ns2": True, "mt1": False, "at1": True}),
    # pdfslide.us Category 6 (Dec. 31, 2016); docslib.org/download/5399484: "NS applies to entire entry NS Column 2 AT ... AT Column 1"
    "6A001": (("NS", "AT"), {"ns2": True, "at1": True}),
    # cupdf.com Category 7 (Oct. 5, 2021): "NS applies to entire entry NS Column 1 MT applies to commodities that meet or exceed the
    # parameters of 7A101. MT Column 1 AT applies to entire entry AT Column 1"
    "7A001": (("NS", "MT", "AT"), {"ns1": True, "mt1": False, "at1": True}),
    # vdocuments.site Category 9 (Jan. 15, 2017): "NS applies to entire entry NS Column 1 MT applies to only to those engines that
    # meet the characteristics listed in 9A101 MT Column 1 AT applies to entire entry AT Column 1"
    "9A001": (("NS", "MT", "AT"), {"ns1": True, "mt1": False, "at1": True}),
}


@pytest.fixture(scope="module")
def ccl():
    return import_ccl(shared_data() / "export-controls-mcp/ccl.json")


def test_whole_ccl(ccl):
    assert len(ccl) == 633 and ccl.as_of.isoformat() == "2026-07-23" and "MIT" in ccl.licence
    assert all(e.constant.startswith("eccn_") for e in ccl.entries.values())


@pytest.mark.parametrize("eccn", sorted(REGULATION))
def test_against_the_regulation_text(ccl, eccn):
    reasons, columns = REGULATION[eccn]
    e = ccl[eccn]
    assert e.reasons == reasons
    got = {}
    for ctl in e.controls:
        for col in ctl.columns:
            got[col] = got.get(col, False) or ctl.entire_entry
    assert got == columns


def test_paragraph_limits_and_exceptions(ccl):
    np1 = next(c for c in ccl["1A002"].controls if c.reason == "NP")
    assert np1.paragraphs == ("1A002.b.1",) and np1.scope.startswith("NP applies to 1A002.b.1 in the form of tubes")
    ns1 = next(c for c in ccl["0A501"].controls if c.reason == "NS")
    assert ns1.excepted == ("0A501.y",) and not ns1.entire_entry
    un = next(c for c in ccl["0A501"].controls if c.reason == "UN")
    assert un.columns == () and un.note.startswith("See § 746.1")
    assert not ccl["2A001"].reasons_stated  # the JSON lost 2A001's "Reason for Control" line; derived from the rows


def test_0a501_cc_column_divergence_is_known(ccl):
    """bis.gov's interactive EAR (last updated Sept. 6, 2024) prints "CC applies to entire entry except 0A501.y CC Column 2"
    and "Reason for Control: NS, RS, FC, CC, UN, AT"; the JSON (eCFR 2026-07-23) has no CC row for 0A501. Recorded, not
    resolved: when the JSON gains the row this test fails and the expectation above must be revisited."""
    assert "cc2" not in ccl["0A501"].columns() and "CC" not in ccl["0A501"].reasons


def test_every_statute_fact_is_derived(ccl):
    text = (STATUTES / "part774" / "ccl.writ").read_text()
    stated = set(re.findall(r"^eccn_column\((\w+), (\w+)\)", text, re.M))
    derived = {args for e in ccl.entries.values() for pred, args in e.facts() if pred == "eccn_column"}
    assert stated and stated <= derived
    limited = set(re.findall(r"^eccn_column_limited\((\w+), (\w+), \w+\)", text, re.M))
    derived_limited = {args[:2] for e in ccl.entries.values() for pred, args in e.facts() if pred == "eccn_column_limited"}
    assert limited and limited <= derived_limited


def test_refusals(tmp_path):
    p = tmp_path / "ccl.json"
    p.write_text(json.dumps({"ecfrIssueDate": "2026-07-23", "entries": [{"eccn": "1A004"}, {"eccn": "1A004"}]}))
    with pytest.raises(WritError) as info:
        import_ccl(p)
    assert info.value.diagnostics[0].code == "E611"
    p.write_text(json.dumps({"ecfrIssueDate": "2026-07-23", "entries": [{"eccn": "A1004"}]}))
    with pytest.raises(WritError) as info:
        import_ccl(p)
    assert info.value.diagnostics[0].code == "E604"
    p.write_text('{"entries": [')
    with pytest.raises(WritError) as info:
        import_ccl(p)
    assert info.value.diagnostics[0].code == "E608"
