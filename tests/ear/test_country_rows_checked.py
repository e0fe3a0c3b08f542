"""Rows of the Commerce Country Chart and Country Groups checked by hand against a second source.

statutes/ear/part738/country_chart.writ and part740/country_groups.writ were generated from the
export-controls-mcp JSON, and test_country_data.py compares them with that same JSON. The tests
here compare a sample of rows with the text of the regulation (or, where marked, a secondary
summary of it) instead, so that the data is checked against two sources. Each test cites what it
was checked against; where the two sources disagree the test pins the disagreement and says why.

Sources read (see the provisions' notes for the full citations):
- 738.4(b)(3) sample analysis: eCFR text of 738.4, MichalOpoka/ecfr git scrape of eCFR
  (as amended to 83 FR 38020, Aug. 3, 2018).
- 742.4(a)(1)-(2): eCFR text of 742.4 as stored in AlextheYounga/ecfr (2024 version, after the
  rule that exempted Australia and the United Kingdom from NS Column 1).
- 740.2(a)(4)(i) and (a)(6): eCFR text of 740.2, MichalOpoka/ecfr git scrape.
- 746.1(a) and 772.1 ("Controlled country"; "North Atlantic Treaty Organization"): eCFR of
  mid-January 2025, /work/shared/data/ecfr-opportunities/title-15_chapter-VII_parts745-799.md.
- Supplement No. 2 to part 742, paragraph (a) (code search excerpt of the eCFR text).
- Baker McKenzie, "Commerce Department removes Hong Kong as a separate destination" (Dec. 2020),
  a secondary summary of FR Doc. 2020-28101.
"""

from __future__ import annotations

import re
from pathlib import Path

import pytest

REPO = Path(__file__).resolve().parents[2]
CHART = REPO / "statutes" / "ear" / "part738" / "country_chart.writ"
GROUPS = REPO / "statutes" / "ear" / "part740" / "country_groups.writ"


def _strip_comments(text: str) -> str:
    return re.sub(r"#[^\n]*", "", text)


def _marks() -> dict[str, set[str]]:
    out: dict[str, set[str]] = {}
    for row, col in re.findall(r"^chart_marks\((\w+), (\w+)\)\.", _strip_comments(CHART.read_text()), re.M):
        out.setdefault(row, set()).add(col)
    return out


def _groups() -> dict[str, set[str]]:
    out: dict[str, set[str]] = {}
    for country, group in re.findall(r"^in_country_group\((\w+), (\w+)\)\.", _strip_comments(GROUPS.read_text()), re.M):
        out.setdefault(group, set()).add(country)
    return out


def _part746_rows() -> set[str]:
    return set(re.findall(r"^chart_refers_to_part746\((\w+)\)\.", _strip_comments(CHART.read_text()), re.M))


def test_chad_row_matches_the_sample_analysis_of_738_4():
    # 738.4(b)(3): "I locate my specific destination, Chad, and see that an 'X' appears in the
    # NS Column 2 cell for Chad, but not in the AT Column 1 cell."
    chad = _marks()["chad"]
    assert "ns2" in chad
    assert "at1" not in chad


def test_ns_column_1_spares_only_australia_canada_and_the_uk():
    # 742.4(a)(1): "A license is required for exports and reexports to all destinations, except
    # Australia, Canada, or the United Kingdom, for all items in ECCNs on the CCL that include NS
    # Column 1". (Before the 2024 amendment the text said "except Canada"; the chart is of 2026.)
    marks = _marks()
    assert {row for row, cols in marks.items() if "ns1" not in cols} == {"australia", "canada", "united_kingdom"}


def test_ns_column_2_spares_exactly_country_group_a1():
    # 742.4(a)(2): "A license is required to all destinations except those specified in Country
    # Group A:1 ..., for all items in ECCNs on the CCL that include NS column 2". This ties the
    # chart to the Country Groups through the regulation's own rule. Liechtenstein has no A:1
    # entry but follows Switzerland (chart footnote 5, "Refer to Switzerland for licensing
    # requirements for Liechtenstein"); the United States has no chart row.
    marks = _marks()
    spared = {row for row, cols in marks.items() if "ns2" not in cols}
    assert spared == (_groups()["group_a1"] - {"united_states"}) | {"liechtenstein"}


def test_cc_column_1_spares_the_destinations_of_740_2_a_4():
    # 740.2(a)(4)(i) lets License Exceptions be used for 742.7 items "to Australia, India, Japan,
    # New Zealand, or a NATO ... member state (see NATO membership listing in § 772.1 of the EAR)";
    # 772.1 (eCFR Jan. 2025) lists: Albania, Belgium, Bulgaria, Canada, Croatia, Czech Republic,
    # Denmark, Estonia, France, Germany, Greece, Hungary, Iceland, Italy, Latvia, Lithuania,
    # Luxembourg, the Netherlands, Norway, Poland, Portugal, Romania, Slovakia, Slovenia, Spain,
    # Turkey, the United Kingdom, and the United States. BIS's 2005 foreign policy report (a
    # secondary summary) says the crime control license is required "to all destinations, except
    # Australia, Japan, New Zealand, and members of the North Atlantic Treaty Organization".
    # None of these rows has an X under CC Column 1.
    nato_772_1 = {
        "albania", "belgium", "bulgaria", "canada", "croatia", "czech_republic", "denmark",
        "estonia", "france", "germany", "greece", "hungary", "iceland", "italy", "latvia",
        "lithuania", "luxembourg", "netherlands", "norway", "poland", "portugal", "romania",
        "slovakia", "slovenia", "spain", "turkiye", "united_kingdom",
    }
    marks = _marks()
    for row in nato_772_1 | {"australia", "india", "japan", "new_zealand"}:
        assert "cc1" not in marks[row], row
    # Disagreement, recorded: Montenegro (NATO since 2017) and North Macedonia (since 2020) are
    # NATO members but not in the stale 772.1 listing, and the chart gives both an X under CC
    # Column 1. The encoding of 740.2(a)(4) follows actual membership (see its note).
    assert "cc1" in marks["montenegro"] and "cc1" in marks["north_macedonia"]


@pytest.mark.parametrize("country", ["china", "russia", "vietnam"])
def test_cc_column_1_marks_controlled_countries(country):
    # 742.7(a)(1) requires a license "to countries listed in CC Column 1"; the crime control case
    # files depend on China carrying that X. These destinations are outside every list of
    # 740.2(a)(4)(i) and BIS's 2005 summary above.
    assert "cc1" in _marks()[country]


def test_rows_referred_to_part_746():
    # 740.2(a)(6): "a sanctioned destination (Cuba, Iran, North Korea, Syria, and Crimea region of
    # Ukraine)"; 746.1(a) (eCFR Jan. 2025) names "Cuba, Iran, and Syria" as countries subject to
    # general embargoes or comprehensive sanctions, and 746.1(b) refers North Korea to 746.4. The
    # chart gives these four no marks and refers them to part 746 (Crimea has no row).
    assert _part746_rows() == {"cuba", "iran", "north_korea", "syria"}
    marks = _marks()
    assert not ({"cuba", "iran", "north_korea", "syria"} & set(marks))


def test_country_group_e():
    # 772.1 "Controlled country" (eCFR Jan. 2025): "Cuba is listed in Country Group E:2."
    # Supplement No. 2 to part 742, (a): "The Secretary of State has designated North Korea, and
    # Syria as countries whose governments have repeatedly provided support for acts of
    # international terrorism"; Iran has its own anti-terrorism section, 742.8 ("Anti-terrorism:
    # Iran"). E:1 is the group of "Terrorist supporting countries".
    groups = _groups()
    assert groups["group_e2"] == {"cuba"}
    assert groups["group_e1"] == {"iran", "north_korea", "syria"}


# 772.1 "Controlled country" (eCFR Jan. 2025): "The controlled countries are: Albania, Armenia,
# Azerbaijan, Belarus, Cambodia, Cuba, the People's Republic of China, Georgia, Iraq, Kazakhstan,
# Kyrgyzstan, Laos, Macau, Moldova, Mongolia, North Korea, Russia, Tajikistan, Turkmenistan,
# Ukraine, Uzbekistan, and Vietnam. All of the controlled countries except Cuba are listed in
# Country Group D:1 of the EAR."
CONTROLLED_772_1 = [
    "albania", "armenia", "azerbaijan", "belarus", "cambodia", "china", "georgia", "iraq",
    "kazakhstan", "kyrgyzstan", "laos", "macau", "moldova", "mongolia", "north_korea", "russia",
    "tajikistan", "turkmenistan", "ukraine", "uzbekistan", "vietnam",
]
# Disagreements with the data: Albania and Ukraine are not in D:1 in the current supplement.
# The 772.1 definition is stale: Ukraine moved from Country Group D to B on Dec. 28, 2020
# (cmtradelaw.com, Jan. 2021), and Albania has been in A:6 (and NATO) for years.
STALE_IN_772_1 = {"albania", "ukraine"}


@pytest.mark.parametrize("country", CONTROLLED_772_1)
def test_d1_membership_of_the_controlled_countries(country):
    in_d1 = country in _groups()["group_d1"]
    assert in_d1 == (country not in STALE_IN_772_1), country


def test_china_country_groups():
    # Baker McKenzie on FR Doc. 2020-28101 (secondary): "Hong Kong is now considered part of China,
    # which is currently included in Country Groups D:1, D:3, D:4, and D:5". China is in no A, B or
    # E group.
    groups = _groups()
    china = {g for g, members in groups.items() if "china" in members}
    assert china == {"group_d1", "group_d3", "group_d4", "group_d5"}
    hong_kong = {g for g, members in groups.items() if "hong_kong" in members}
    assert hong_kong == china


@pytest.mark.parametrize("country,columns", [
    # China: an X under CC 1 and CC 3 but not CC 2 (742.7's crime control cases depend on it).
    ("china", {"cb1", "cb2", "cb3", "np1", "np2", "ns1", "ns2", "mt1", "rs1", "rs2", "cc1", "cc3"}),
    # Canada: NS 1 is spared by 742.4(a)(1), NS 2 by 742.4(a)(2) (Canada is in A:1), and no CC
    # column (740.2(a)(4)(i): NATO).
    ("canada", {"cb1", "fc1"}),
])
def test_whole_rows_read_off_the_chart(country, columns):
    """Whole rows as read off the data, pinned; the columns named in the comments are the ones a
    second source speaks to. The remaining columns (CB, NP, MT, RS, FC) rest on the JSON alone."""
    assert _marks()[country] == columns
