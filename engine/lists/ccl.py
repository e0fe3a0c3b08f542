"""Read the Commerce Control List (15 CFR 774 Supp. 1) from `ccl.json` into records.

`ccl.json` is built from the eCFR XML by seelpeed-debug/export-controls-agent-mcp (MIT
licence, "Copyright (c) 2026 seelpeed-debug"). Each ECCN has its heading, reasons for
control and a License Requirements table of (control, country chart) rows, e.g.
("NS applies to entire entry", "NS Column 2") or ("NP applies to 1A002.b.1 in the form of
tubes ...", "NP Column 1"). Each row becomes a `Control`: the reason, the Country Chart
columns it names (as the chart_column constants of vocabulary.writ: ns2, at1, ...), and
whether it reaches the entire entry or only the paragraphs or items its text names. Rows
whose country chart cell is not a column ("See § 746.1(b) for UN controls", "Worldwide
control ...") keep that text as `note`. `facts()` gives the eccn_column and
eccn_column_limited facts the statutes expect.
"""

from __future__ import annotations

import datetime as dt
import hashlib
import re
from dataclasses import dataclass
from pathlib import Path

from .el_policy import eccn_constant
from .reading import read_json, refuse

LICENCE = "MIT licence, Copyright (c) 2026 seelpeed-debug (export-controls-agent-mcp); built from the eCFR, a U.S. Government work"
REASONS = ("NS", "NP", "MT", "CB", "CC", "RS", "FC", "AT", "UN", "SL", "EI", "CW", "SI", "MBS")
COLUMN = re.compile(r"\b(CB|NP|NS|MT|RS|FC|CC|AT)\s+Column\s+(\d)\b")
BARE_COLUMN = re.compile(r"^Column\s+(\d)\b")  # "Column 1." with the reason left off: it is the row's reason
PARAGRAPH = re.compile(r"\b\d[A-E]\d{3}(?:\.[a-z0-9]+)+")
ENTIRE = re.compile(r"applies to (?:the )?entire entry\b(?!\s*except)", re.I)
ECCN_RX = re.compile(r"^(\d)([A-E])(\d{3})$")


@dataclass(frozen=True)
class Control:
    reason: str  # NS, RS, AT, ...
    columns: tuple[str, ...]  # chart_column constants: ("ns2",)
    text: str  # the control cell, verbatim
    entire_entry: bool  # "applies to entire entry" (without "except ...")
    paragraphs: tuple[str, ...] = ()  # paragraphs the text names, where it is limited
    note: str | None = None  # the country chart cell when it is not a column
    excepted: tuple[str, ...] = ()  # "applies to entire entry except 0A501.y": what is left out

    @property
    def scope(self) -> str | None:
        """What a limited control reaches, in the list's words (None for the entire entry)."""
        return None if self.entire_entry else self.text


@dataclass(frozen=True)
class CclEntry:
    eccn: str  # "1A004"
    category: str
    product_group: str
    heading: str
    reasons: tuple[str, ...]  # "Reason for Control", or derived from the rows where the JSON has none
    reasons_stated: bool  # False: the JSON had no "Reason for Control" line; reasons come from the rows
    controls: tuple[Control, ...]
    license_exceptions: dict[str, str]  # LVS, GBS, ... as printed
    related_controls: str | None

    @property
    def constant(self) -> str:
        return eccn_constant(self.eccn)

    def columns(self) -> set[str]:
        return {c for ctl in self.controls for c in ctl.columns}

    def facts(self) -> list[tuple[str, tuple[str, ...]]]:
        """eccn_column(E, Col) for entire-entry rows; eccn_column_limited(E, Col, scope text) otherwise."""
        out: list[tuple[str, tuple[str, ...]]] = []
        for ctl in self.controls:
            for col in ctl.columns:
                if ctl.entire_entry:
                    out.append(("eccn_column", (self.constant, col)))
                else:
                    out.append(("eccn_column_limited", (self.constant, col, ctl.text)))
        return out


@dataclass(frozen=True)
class Ccl:
    as_of: dt.date  # the eCFR issue date the JSON was built from
    sha256: str
    entries: dict[str, CclEntry]
    licence: str = LICENCE
    file: str = "ccl.json"

    @property
    def digest(self) -> str:
        """The same hash as Snapshot.digest over this one file, so `writ lists` shows one kind of hash."""
        return hashlib.sha256(f"{self.file}\0{self.sha256}\n".encode()).hexdigest()

    def __getitem__(self, eccn: str) -> CclEntry:
        return self.entries[eccn.upper()]

    def __len__(self) -> int:
        return len(self.entries)


def _control(row: dict, fallback_reason: str | None) -> Control:
    text = " ".join(str(row.get("control") or "").split())
    chart = " ".join(str(row.get("countryChart") or "").split())
    reason = text.split(" ", 1)[0].upper() if text else (fallback_reason or "?")
    cols = [f"{r.lower()}{n}" for r, n in COLUMN.findall(chart)]
    if not cols and (m := BARE_COLUMN.match(chart)):
        cols = [f"{reason.lower()}{m.group(1)}"]
    # "CB applies to entire entry CB Column 2." put the column in the control cell
    cols += [f"{r.lower()}{n}" for r, n in COLUMN.findall(text) if f"{r.lower()}{n}" not in cols]
    entire = bool(ENTIRE.search(text))
    named = tuple(dict.fromkeys(PARAGRAPH.findall(text)))
    excepted = named if re.search(r"entire entry,? except", text, re.I) else ()
    paras = () if entire or excepted else named
    note = None if cols else (chart or None)
    return Control(reason, tuple(dict.fromkeys(cols)), text, entire, paras, note, excepted)


def import_ccl(path: str | Path) -> Ccl:
    """Read ccl.json; a file that is not the CCL compaction is refused with the reason."""
    path = Path(path)
    doc, data = read_json(path)
    if not isinstance(doc, dict) or not isinstance(doc.get("entries"), list):
        raise refuse("E610", path, 1, "no 'entries' list: this is not ccl.json")
    try:
        as_of = dt.date.fromisoformat(str(doc.get("ecfrIssueDate")))
    except ValueError:
        raise refuse("E604", path, 1, f"ecfrIssueDate {doc.get('ecfrIssueDate')!r} is not a date") from None
    entries: dict[str, CclEntry] = {}
    for i, e in enumerate(doc["entries"]):
        eccn = str(e.get("eccn", "")).upper() if isinstance(e, dict) else ""
        if not ECCN_RX.match(eccn):
            raise refuse("E604", path, 1, f"entries[{i}] has no ECCN of the form 1A004 ({eccn!r})")
        if eccn in entries:
            raise refuse("E611", path, 1, f"entries[{i}] repeats ECCN {eccn}")
        stated = [r.strip() for r in str(e.get("reasonForControl") or "").split(",") if r.strip()]
        chart = e.get("countryChart") if isinstance(e.get("countryChart"), list) else []
        controls = tuple(_control(r, None) for r in chart if isinstance(r, dict))
        reasons = tuple(stated) if stated else tuple(dict.fromkeys(c.reason for c in controls if c.reason in REASONS))
        flags = e.get("licenceExceptionFlags") if isinstance(e.get("licenceExceptionFlags"), dict) else {}
        entries[eccn] = CclEntry(
            eccn, str(e.get("category", eccn[0])), str(e.get("productGroup", eccn[1])), " ".join(str(e.get("heading") or "").split()),
            reasons, bool(stated), controls, {str(k): str(v) for k, v in flags.items()},
            e.get("relatedControls") if isinstance(e.get("relatedControls"), str) else None,
        )
    declared = doc.get("entryCount")
    if isinstance(declared, int) and declared != len(entries):
        raise refuse("E608", path, 1, f"entryCount says {declared} ECCNs, the file holds {len(entries)}")
    return Ccl(as_of, hashlib.sha256(data).hexdigest(), entries, file=path.name)
