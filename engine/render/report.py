"""Screening results as text: the CSV a compliance team files, JSON, and a readable summary.

The CSV keeps every input column, in the input's order, and adds the screening columns;
text from the input or the lists that a spreadsheet would run as a formula (a cell starting
with =, +, - or @) is prefixed with a quote, so a hostile name cannot execute.
"""

from __future__ import annotations

import csv
import io
import json
from collections import Counter
from typing import Sequence

from ..decide.screen import STATUSES, ScreenRow

ADDED = ("status", "lists", "programs", "entry", "score", "reason")


def _cell(text: str) -> str:
    return "'" + text if text[:1] in ("=", "+", "-", "@", "\t", "\r") else text


def screen_csv(rows: Sequence[ScreenRow], columns: Sequence[str]) -> str:
    out = io.StringIO()
    writer = csv.writer(out, lineterminator="\n")
    writer.writerow([*columns, *ADDED])
    for r in rows:
        added = [r.status, "; ".join(r.lists), "; ".join(r.programs), "; ".join(r.entry),
                 "" if r.score is None else f"{r.score:.1f}", r.reason + ("" if not r.cautions else " Caution: " + " ".join(r.cautions))]
        writer.writerow([_cell(r.columns.get(c, "") or "") for c in columns] + [_cell(a) for a in added])
    return out.getvalue()


def screen_json(rows: Sequence[ScreenRow]) -> str:
    return json.dumps([r.model_dump(mode="json") for r in rows], indent=2, ensure_ascii=False)


def screen_summary(rows: Sequence[ScreenRow], as_of, lists_line: str) -> str:
    counts = Counter(r.status for r in rows)
    parts = [f"{counts[s]} {s}" for s in STATUSES if counts[s]]
    return f"{len(rows)} parties screened as of {as_of.isoformat()} against {lists_line}: " + ", ".join(parts or ["none"])
