"""Federal Register rules that changed the lists, with their publication and effective dates.

A listing without a start date of its own (the CSL JSON drops `start_date`) is dated by
the rule its record cites. Only dates read in a source are here, each with where it was
read; a rule whose effective date was not found keeps its publication date only, which
bounds nothing (84 FR 22961 took effect five days before it was published), so a listing
dated by it stays undetermined before it is first seen.
Page ranges are recorded only where the source printed them: a citation of an entry
page ("84 FR 54004") is matched to a rule only inside a known range.
"""

from __future__ import annotations

import datetime as dt
from dataclasses import dataclass

from .csl import fr_citations


@dataclass(frozen=True)
class Rule:
    citation: str  # "84 FR 54002": volume, FR, first page
    published: dt.date
    effective: dt.date | None  # None: not found, so never assumed
    last_page: int | None  # the rule's last page, where the source gives the range
    title: str
    source: str  # where the dates were read

    @property
    def volume(self) -> int:
        return int(self.citation.split()[0])

    @property
    def first_page(self) -> int:
        return int(self.citation.split()[-1])


D = dt.date
RULES: tuple[Rule, ...] = (
    # "This document is scheduled to be published in the Federal Register on 10/09/2019 ...
    # federalregister.gov/d/2019-22210 ... This rule is effective [date of publication]" (docslib.org/doc/243735);
    # "effective upon publication ... scheduled for October 9, 2019" (lexology.com, Oct. 2019)
    Rule("84 FR 54002", D(2019, 10, 9), D(2019, 10, 9), None, "Addition of Certain Entities to the Entity List (28 Xinjiang entities)",
         "docslib.org/doc/243735 (FR Doc. 2019-22210, effective on publication 10/09/2019); lexology.com alert"),
    # "On June 5, 2020, BIS added 33 Chinese entities ... See 85 Fed. Reg. 34495 and 85 Fed. Reg. 34503" (reedsmith.com);
    # the 24-entity rule (Docket 200407-0100) "is effective [date of publication]" (docslib.org/doc/3826731)
    Rule("85 FR 34495", D(2020, 6, 5), D(2020, 6, 5), None, "Addition of Entities to the Entity List, Revision of Certain Entries (24 entities)",
         "bis.doc.gov Federal Register notices 2020 table; reedsmith.com client alert, July 2020; docslib.org/doc/3826731"),
    Rule("85 FR 34503", D(2020, 6, 5), D(2020, 6, 5), None, "Addition of Certain Entities to the Entity List (nine Xinjiang entities)",
         "bis.doc.gov Federal Register notices 2020 table; reedsmith.com client alert, July 2020"),
    # "scheduled to be published in the Federal Register on 07/22/2020 ... federalregister.gov/d/2020-15827 ...
    # effective [date of publication]" (docslib.org/doc/1561680); "The additions take effect July 22" (tradelawdaily.com)
    Rule("85 FR 44159", D(2020, 7, 22), D(2020, 7, 22), None, "Addition of Certain Entities to the Entity List; Revision of Existing Entries (11 added, 37 revised)",
         "docslib.org/doc/1561680 (FR Doc. 2020-15827); tradelawdaily.com, 2020-07-20"),
    # govinfo.gov/content/pkg/FR-2021-06-24/html/2021-13395.htm: "[Pages 33119-33122] ... This rule is effective June 24, 2021."
    Rule("86 FR 33119", D(2021, 6, 24), D(2021, 6, 24), 33122, "Addition of Certain Entities to the Entity List (five Xinjiang entities, incl. XPCC)",
         "govinfo.gov FR-2021-06-24 2021-13395"),
    # "36496 Federal Register / Vol. 86, No. 130 / Monday, July 12, 2021 ... thirty-four entities" (docslib.org/doc/2204285);
    # the effective date was not in the text found
    Rule("86 FR 36496", D(2021, 7, 12), None, None, "Addition of Entities to the Entity List (34 entities under 43 entries)",
         "docslib.org/doc/2204285 (publication date only)"),
    # The Huawei rule of Aug. 2020 recites: "added to the Entity List effective May 16, 2019 (84 FR 22961, May 21, 2019).
    # Effective August 19, 2019 (84 FR 43487, August 21, 2019), an additional forty-six non-U.S. affiliates" (docslib.org/doc/1064644)
    Rule("84 FR 22961", D(2019, 5, 21), D(2019, 5, 16), None, "Addition of Entities to the Entity List (Huawei and 68 affiliates)",
         "85 FR 51596 as quoted at docslib.org/doc/1064644"),
    Rule("84 FR 43487", D(2019, 8, 21), D(2019, 8, 19), None, "Addition of Certain Entities to the Entity List (46 Huawei affiliates)",
         "85 FR 51596 as quoted at docslib.org/doc/1064644"),
    # "51596 Federal Register / Vol. 85, No. 162 / Thursday, August 20, 2020" (docslib.org/doc/1064644);
    # "Both actions are final rules, and are effective as of August 17, 2020" (hugheshubbard.com, 2020-08-20)
    Rule("85 FR 51596", D(2020, 8, 20), D(2020, 8, 17), None, "Addition of Huawei Non-U.S. Affiliates to the Entity List ... (Foreign-Produced Direct Product Rule)",
         "docslib.org/doc/1064644; hugheshubbard.com alert 2020-08-20"),
    # "Addition of Entities to the Entity List and Revision of an Entry on the Entity List, 29371-29375 [2019-13245] ...
    # Monday, June 24, 2019" (regulations.justia.com); "On June 24, 2019 the BIS added ..." (learnexportcompliance.com)
    Rule("84 FR 29371", D(2019, 6, 24), D(2019, 6, 24), 29375, "Addition of Entities to the Entity List and Revision of an Entry (five Chinese entities)",
         "regulations.justia.com 2019-13245; learnexportcompliance.com"),
    # govinfo.gov FR-2022-04-11 2022-07643: "[Pages 21011-21015] ... effective April 11, 2022. ... applicable as of February 14, 2022."
    Rule("87 FR 21011", D(2022, 4, 11), D(2022, 4, 11), 21015, "Addition of Certain Entities to the Entity List; Correction (Huawei entries)",
         "govinfo.gov FR-2022-04-11 2022-07643"),
    # lexbuild.dev/fr/2024/02/2024-03674: fr_citation 89 FR 14403, publication_date and effective_date 2024-02-27
    Rule("89 FR 14403", D(2024, 2, 27), D(2024, 2, 27), None, "Additions of Entities, Revisions of Entries, and Removal of an Entity From the Entity List",
         "lexbuild.dev/fr/2024/02/2024-03674"),
    # frtracker.app/fr/2025-00704 and /2025-00480: "Pages 4617-4620", "Pages 4621-4624", published and effective Jan 16, 2025
    Rule("90 FR 4617", D(2025, 1, 16), D(2025, 1, 16), 4620, "Addition of Entities to and Revision of Entry on the Entity List (11 Chinese entities)",
         "frtracker.app/fr/2025-00704"),
    Rule("90 FR 4621", D(2025, 1, 16), D(2025, 1, 16), 4624, "Additions to the Entity List (16 entities, China and Singapore)",
         "frtracker.app/fr/2025-00480"),
    # api.ai-analytics.org/commerce-rule/2022-21714: "Published 2022-10-13 · Effective 2022-10-07 · 87 FR 61971";
    # "On October 13, 2022, ... BIS published a rule (87 FR 61971) effective October 7, 2022" (ecscreening.com)
    Rule("87 FR 61971", D(2022, 10, 13), D(2022, 10, 7), None, "Revisions to the Unverified List; Clarifications to Activities and Criteria That May Lead to Additions to the Entity List",
         "api.ai-analytics.org/commerce-rule/2022-21714; ecscreening.com blog"),
    # BIS's own tables of its rules (bis.doc.gov "Federal Register Notices" by year), columns "Publication Date",
    # "Effective Date (if not date of publication)": a blank effective date there means effective on publication.
    *(Rule(c, D(*p), D(*(e or p)), None, t, f"bis.doc.gov Federal Register notices {p[0]} table") for c, p, e, t in (
        ("83 FR 37423", (2018, 8, 1), None, "Addition of Certain Entities; and Modification of Entry on the Entity List"),
        ("83 FR 44821", (2018, 9, 4), None, "Addition of Certain Persons to the Entity List, Revision of Entries and Removal of Certain Entities"),
        ("83 FR 48532", (2018, 9, 26), None, "Addition of Certain Entities to the Entity List, Revision of an Entry and Removal of an Entity"),
        ("83 FR 54519", (2018, 10, 30), None, "Addition of an Entity to the Entity List"),
        ("85 FR 29849", (2020, 5, 19), (2020, 5, 15), "Amendments to General Prohibition Three (Foreign-Produced Direct Product Rule) and the Entity List"),
        ("85 FR 36719", (2020, 6, 18), (2020, 6, 18), "Release of 'Technology' to Certain Entities on the Entity List in the Context of Standards Organizations"),
        ("87 FR 60064", (2022, 10, 4), (2022, 9, 30), "Additions of Entities to the Entity List"),
        ("87 FR 75174", (2022, 12, 7), None, "Additions of Entities to the Entity List; Removal of an Entity from the Entity List"),
        ("87 FR 76924", (2022, 12, 16), None, "Revisions to the Unverified List and the Entity List"),
        ("87 FR 77505", (2022, 12, 19), (2022, 12, 16), "Additions and Revisions to the Entity List and Conforming Removal from the Unverified List"),
        ("87 FR 78856", (2022, 12, 23), (2022, 12, 21), "Modification to the Entity List"),
        ("88 FR 32640", (2023, 5, 22), (2023, 5, 19), "Addition of Entities to the Entity List"),
        ("88 FR 71991", (2023, 10, 19), (2023, 10, 17), "Entity List Additions"),
        ("88 FR 76128", (2023, 11, 6), (2023, 11, 2), "Entity List Additions"),
        ("88 FR 80131", (2023, 11, 17), (2023, 11, 16), "Entity List Removals"),
        ("88 FR 80955", (2023, 11, 21), (2023, 11, 17), "Additions to the Entity List"),
        ("88 FR 85095", (2023, 12, 7), None, "Additions to the Entity List"),
        ("88 FR 87668", (2023, 12, 19), (2023, 12, 15), "Removals from the Unverified List"),
        ("88 FR 87897", (2023, 12, 20), (2023, 12, 19), "Additions to the Unverified List"),
    )),
    # the same 2022 table gives 87 FR 62186 three effective dates (10/07, 10/12, 10/21/2022): none is taken
    Rule("87 FR 62186", D(2022, 10, 13), None, None, "Implementation of Additional Export Controls: Certain Advanced Computing and Semiconductor Manufacturing Items; ... Entity List Modification",
         "bis.doc.gov Federal Register notices 2022 table (several effective dates)"),
    # "83416 Federal Register / Vol. 85, No. 246 / Tuesday, December 22, 2020 ... This rule is effective December 18, 2020"
    # (docslib.org/doc/1759320; FR Doc. 2020-28031, docslib.org/doc/4470430)
    Rule("85 FR 83416", D(2020, 12, 22), D(2020, 12, 18), None, "Addition of Entities to the Entity List, Revision of Entry and Removal of Entities (77 entities incl. SMIC, DJI)",
         "docslib.org/doc/1759320; docslib.org/doc/4470430"),
    # api.ai-analytics.org/commerce-rule/E9-17295: "Published 2009-07-21 · Effective 2009-07-21 · 74 FR 35797"
    Rule("74 FR 35797", D(2009, 7, 21), D(2009, 7, 21), None, "Addition and Removal of Certain Persons on the Entity List",
         "api.ai-analytics.org/commerce-rule/E9-17295"),
)

BY_CITATION = {r.citation: r for r in RULES}


# Entry pages inside a rule, where the rule's page range is not known: the pages at which the
# entries of these rules are printed, as statutes/ear/part744/entity_list.writ records them
# (checked there against the rules' public-inspection copies and the CSL's citations).
ENTRY_PAGES = {"84 FR 54004": "84 FR 54002", "85 FR 34497": "85 FR 34495", "85 FR 34501": "85 FR 34495",
               "85 FR 34505": "85 FR 34503"}


def rule_for(citation: str) -> Rule | None:
    """The rule a citation names: its first page, a known entry page, or a page inside a known range."""
    citation = ENTRY_PAGES.get(citation, citation)
    if citation in BY_CITATION:
        return BY_CITATION[citation]
    try:
        vol_text, _, page_text = citation.split()
        vol, page = int(vol_text), int(page_text)
    except ValueError:
        return None
    for r in RULES:
        if r.volume == vol and r.last_page is not None and r.first_page <= page <= r.last_page:
            return r
    return None


def rules_cited(text_or_citations) -> list[Rule]:
    """Every known rule among the citations (a "84 FR 54002; 85 FR 44159" text or a tuple of citations)."""
    cits = fr_citations(text_or_citations) if isinstance(text_or_citations, str) else tuple(text_or_citations)
    return [r for c in cits if (r := rule_for(c)) is not None]
