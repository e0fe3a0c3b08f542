"""Fuzzed list files: truncated, reordered, re-encoded and byte-mutated copies of the fixtures.

Each importer either imports cleanly or raises a WritError whose diagnostics name the file and
a line; no other exception, and never a result from a file it should have refused. Bounded:
a few dozen examples per importer, a few seconds in all.
"""

from __future__ import annotations

import datetime as dt
import json
import tempfile
from pathlib import Path

from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st
from listdata import LISTS

from writ.core.diagnostics import WritError
from writ.lists.ccl import import_ccl
from writ.lists.csl import import_csl_csv, import_csl_json
from writ.lists.dpl import import_dpl
from writ.lists.ofac_csv import import_ofac
from writ.lists.ofac_xml import import_ofac_xml

DAY = dt.date(2024, 5, 3)
CCL_MINI = json.dumps({"ecfrIssueDate": "2026-07-23", "entryCount": 2, "entries": [
    {"eccn": "1A002", "category": "1", "productGroup": "A", "heading": "Composite structures", "reasonForControl": "NS, NP, AT",
     "countryChart": [{"control": "NS applies to entire entry", "countryChart": "NS Column 2"},
                      {"control": "NP applies to 1A002.b.1 in the form of tubes", "countryChart": "NP Column 1"}],
     "licenceExceptionFlags": {"LVS": "$5000"}},
    {"eccn": "0A979", "reasonForControl": "CC", "countryChart": [{"control": "CC applies to entire entry", "countryChart": "CC Column 1"}]},
]}, indent=1).encode()

CASES = {
    "sdn.csv": ((LISTS / "sdn" / "sdn.csv").read_bytes(), lambda p: import_ofac(p, as_of=DAY)),
    "alt.csv": ((LISTS / "sdn" / "alt.csv").read_bytes(), lambda p: import_ofac(LISTS / "sdn" / "sdn.csv", as_of=DAY, alt=p)),
    "advanced.xml": ((LISTS / "xml" / "advanced.xml").read_bytes(), lambda p: import_ofac_xml(p)),
    "csl.csv": ((LISTS / "csl" / "csl.csv").read_bytes(), lambda p: import_csl_csv(p, as_of=DAY)),
    "screening-list.json": ((LISTS / "csl" / "screening-list.json").read_bytes(), lambda p: import_csl_json(p)),
    "dpl.txt": ((LISTS / "dpl.txt").read_bytes(), lambda p: import_dpl(p)),
    "ccl.json": (CCL_MINI, lambda p: import_ccl(p)),
}


def mutations(data: bytes):
    lines = data.split(b"\n")
    return st.one_of(
        st.integers(0, len(data)).map(lambda n: ("truncate", data[:n])),
        st.permutations(lines).map(lambda ls: ("reorder", b"\n".join(ls))),
        st.lists(st.tuples(st.integers(0, max(0, len(data) - 1)), st.integers(0, 255)), min_size=1, max_size=6).map(
            lambda edits: ("bytes", _edit(data, edits))),
        st.sampled_from(["utf-16", "utf-32", "cp1252-accent"]).map(lambda enc: ("encoding", _encode(data, enc))),
    )


def _edit(data: bytes, edits) -> bytes:
    b = bytearray(data)
    for i, v in edits:
        if b:
            b[i % len(b)] = v
    return bytes(b)


def _encode(data: bytes, enc: str) -> bytes:
    text = data.decode("utf-8")
    if enc == "cp1252-accent":
        return text.replace("a", "\u00e9", 3).encode("cp1252", errors="replace")
    return text.encode(enc)


def check(name: str, mutated: bytes) -> None:
    _, run = CASES[name]
    with tempfile.TemporaryDirectory() as d:
        path = Path(d) / name
        path.write_bytes(mutated)
        try:
            result = run(path)
        except WritError as e:
            assert e.diagnostics, "a refusal names at least one problem"
            for diag in e.diagnostics:
                assert diag.span.file and diag.span.line >= 1 and diag.code.startswith("E6"), diag
            return
        # imported: what came back must be whole and point only at lines the file has
        n_lines = mutated.count(b"\n") + 1
        if hasattr(result, "entries") and isinstance(result.entries, tuple):
            assert result.entries, "an empty list is refused, never returned"
            sources = [s for e in result.entries for s in (e.source, *(a.source for a in e.aliases), *(a.source for a in e.addresses))]
            assert all(1 <= s.line <= n_lines for s in sources if s is not None and s.file == str(path))


def _test_for(name: str):
    @settings(max_examples=15, deadline=None, suppress_health_check=[HealthCheck.too_slow, HealthCheck.data_too_large])
    @given(mutations(CASES[name][0]))
    def test(m):
        check(name, m[1])

    test.__name__ = f"test_fuzz_{name.replace('.', '_').replace('-', '_')}"
    return test


for _name in CASES:
    globals()[f"test_fuzz_{_name.replace('.', '_').replace('-', '_')}"] = _test_for(_name)


def test_truncating_an_official_crlf_file_mid_row_is_refused(tmp_path):
    data = (LISTS / "sdn" / "sdn.csv").read_bytes()
    cut = data[: data.index(b"MMSI 412440923") + 4]  # inside the quoted last field
    p = tmp_path / "sdn.csv"
    p.write_bytes(cut)
    try:
        import_ofac(p, as_of=DAY)
    except WritError as e:
        assert e.diagnostics[0].code in ("E603", "E608") and e.diagnostics[0].span.line == 7
    else:
        raise AssertionError("a cut-off file was imported")
    p.write_bytes(data.replace(b'"Vessel Registration Identification IMO 8679856; MMSI 412440923."\r\n\x1a', b"-0"))
    try:
        import_ofac(p, as_of=DAY)  # cut inside an unquoted "-0- ": only the missing final CRLF tells
    except WritError as e:
        assert e.diagnostics[0].code == "E603" and e.diagnostics[0].span.line == 7
    else:
        raise AssertionError("a cut-off file was imported")
