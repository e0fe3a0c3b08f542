"""The Commerce Country Chart and the Country Groups encoded in statutes/ear must match,
mark for mark, the machine-readable copies in ../shared/data/export-controls-mcp
(eCFR of 2026-07-23, see /work/shared/data/SOURCES.md). The statutes were generated from those
files, so these tests only guard the generation; test_country_rows_checked.py checks a sample
of rows against a second source (the regulation's text)."""

from __future__ import annotations

import json
import os
import re
from pathlib import Path

import pytest

from writ.syntax.parser import parse_text

REPO = Path(__file__).resolve().parents[2]
DATA = REPO.parent / "shared" / "data" / "export-controls-mcp"
CHART = REPO / "statutes" / "ear" / "part738" / "country_chart.writ"
GROUPS = REPO / "statutes" / "ear" / "part740" / "country_groups.writ"
COUNTRIES = REPO / "statutes" / "common" / "countries.writ"

if not DATA.is_dir():
    if os.environ.get("CI") == "true":
        raise RuntimeError(f"{DATA} is missing, and CI=true forbids skipping the country data checks")
    pytestmark = pytest.mark.skip(reason=f"{DATA} is absent (the shared data directory is not checked out)")

# Names the JSON files use that differ from the chart's row names.
GROUP_ALIAS = {
    "Bosnia & Herzegovina": "Bosnia and Herzegovina", "China (PRC)": "China",
    "Congo (Democratic Republic of)": "Congo (Democratic Republic of the)",
    "Cote d'lvoire": "Cote d'Ivoire", "Micronesia, Federated States of": "Micronesia (Federated State of)",
    "Saint Kitts & Nevis": "St. Kitts and Nevis", "Saint Lucia": "St. Lucia",
    "Saint Vincent and the Grenadines": "St. Vincent and the Grenadines",
    "Sao Tome & Principe": "Sao Tome and Principe", "Seychelles": "Seycheles",
    "The Bahamas": "Bahamas, The", "Trinidad & Tobago": "Trinidad and Tobago",
}


def _display_names() -> dict[str, str]:
    """country constant -> display name, from statutes/common/countries.writ."""
    out = {}
    for m in re.finditer(r'^country (\w+) "([^"]*)"\.', COUNTRIES.read_text(), re.M):
        out[m.group(1)] = m.group(2)
    return out


def _ident_for_row() -> dict[str, str]:
    """chart row name -> constant. Display names equal the row names except a few, which the
    countries file documents; those are matched here explicitly."""
    names = _display_names()
    by_display = {v: k for k, v in names.items()}
    special = {"Bahamas, The": "bahamas", "Gambia, The": "gambia", "Seycheles": "seychelles",
               "Micronesia (Federated State of)": "micronesia",
               "Sint Maarten (the Dutch two-fifths of the island of Saint Martin)": "sint_maarten"}
    chart = json.loads((DATA / "country-chart.json").read_text())
    rows = list(chart["countries"]) + list(chart["embargoed"])
    out = {}
    for r in rows:
        out[r] = special.get(r) or by_display[r]
        assert out[r] in names, r
    return out


def _strip_comments(text: str) -> str:
    return re.sub(r"#[^\n]*", "", text)


def test_files_parse():
    for f in (CHART, GROUPS, COUNTRIES):
        parse_text(f.read_text(), str(f))


def test_every_chart_row_is_a_country():
    ids = _ident_for_row()
    assert len(ids) == 200  # 196 graded rows + 4 embargoed rows
    assert len(set(ids.values())) == 200


def test_chart_marks_match_json_exactly():
    chart = json.loads((DATA / "country-chart.json").read_text())
    ids = _ident_for_row()
    want = {(ids[r], m.replace(" ", "").lower()) for r, v in chart["countries"].items() for m in v["marks"]}
    got = set(re.findall(r"^chart_marks\((\w+), (\w+)\)\.", _strip_comments(CHART.read_text()), re.M))
    assert got == want
    assert len(got) == sum(len(v["marks"]) for v in chart["countries"].values())


def test_embargoed_rows():
    chart = json.loads((DATA / "country-chart.json").read_text())
    ids = _ident_for_row()
    want = {ids[r] for r in chart["embargoed"]}
    got = set(re.findall(r"^chart_refers_to_part746\((\w+)\)\.", CHART.read_text(), re.M))
    assert got == want == {"cuba", "iran", "north_korea", "syria"}


def test_every_row_of_the_json_chart_is_a_row_of_the_encoded_chart():
    got = set(re.findall(r"^chart_has_row\((\w+)\)\.", _strip_comments(CHART.read_text()), re.M))
    assert got == set(_ident_for_row().values())


def test_country_groups_match_json_exactly():
    groups = json.loads((DATA / "country-groups.json").read_text())
    ids = _ident_for_row()
    ids["United States"] = "united_states"
    want = set()
    for g, members in groups["groups"].items():
        for name in members:
            want.add((ids[GROUP_ALIAS.get(name, name)], "group_" + g.replace(":", "").lower()))
    text = _strip_comments(GROUPS.read_text())
    got = set(re.findall(r"^in_country_group\((\w+), (\w+)\)\.", text, re.M))
    hong_kong = {p for p in got if p[0] == "hong_kong"}
    assert hong_kong == {("hong_kong", g) for c, g in want if c == "china"}
    assert got - hong_kong == want
