"""Ownership edges from CSV or Parquet, checked, into an `OwnershipGraph`; or refused.

One job: read a table of stated ownership (`owns(Owner, E, Share)` of
statutes/common/parties.writ, one row a fact) with the columns

    owner, owned, percent, from, until        (from and until optional, ISO dates)

where a percent is written `50`, `50%` or `12.5%` (at most two decimals: Writ holds a
percentage in hundredths, exactly), and refuse it, naming the file and the line (CSV)
or the row (Parquet) with a hint, when a row is wrong or the rows contradict each
other:

    E701 the file cannot be read          E706 a date is not a date
    E702 a column is missing              E707 a period ends before it starts
    E703 an owner or owned name is empty  E708 one owner stated twice for one entity on a day
    E704 a percent is not a percent       E709 the stated shares of an entity exceed 100% on a day
    E705 a share is negative or over 100%

Nothing is half-loaded: one error and `WritError` carries every diagnostic (at most
`MAX_PER_CODE` of each code, then one that counts the rest). Reading and checking are
columnar (polars): a million rows load in about three seconds on a 2-core machine,
most of it mapping names to node ids. Contradictions are looked
for only where they can be: among the pairs stated more than once, and among the
entities whose stated shares, all periods together, exceed 100%.
"""

from __future__ import annotations

import csv
import io
from collections import defaultdict
from pathlib import Path
from typing import Sequence

import numpy as np
import polars as pl

from ..core.diagnostics import Diagnostic, Reporter, Span, WritError, did_you_mean
from ..model import Percent
from .graph import OPEN_FROM, OPEN_UNTIL, OwnershipGraph, day_date

COLUMNS = ("owner", "owned", "percent", "from", "until")
REQUIRED = ("owner", "owned", "percent")
MAX_PER_CODE = 20  # a million bad rows must not become a million diagnostics
_PERCENT = r"^\s*(\d+)(?:\.(\d+))?\s*%?\s*$"


def load_edges(path: Path | str) -> OwnershipGraph:
    """Read ownership edges from a `.csv` or `.parquet` file and build the graph.

    Raises:
        WritError: the file cannot be read, or a row is wrong, or rows contradict each
            other; each diagnostic names the file and the line (CSV) or row (Parquet).
    """
    path = Path(path)
    name = str(path)
    parquet = path.suffix.lower() in (".parquet", ".pq")
    try:
        if parquet:
            df = pl.read_parquet(path)
            lines = None
        else:
            data = path.read_bytes()
            df = pl.read_csv(data, infer_schema=False, has_header=True)
            lines = _csv_lines(data, len(df))
    except (OSError, pl.exceptions.PolarsError) as e:
        kind = "Parquet" if parquet else "CSV"
        _refuse("E701", Span(name, 1, 1, 1, 1), f"cannot read {name} as {kind}: {_first_line(e)}",
                "ownership edges are a CSV file with a header line, or a Parquet file, with the columns "
                + ", ".join(COLUMNS))
    return edges_from_frame(df, name, lines, unit="row" if parquet else "line")


def edges_from_columns(owner: Sequence[str], owned: Sequence[str], percent: Sequence[str | int],
                       valid_from: Sequence[str | None] | None = None, valid_until: Sequence[str | None] | None = None,
                       *, source: str = "<arrays>") -> OwnershipGraph:
    """Build the graph from in-memory columns, checked as a file would be (positions are rows).

    A column may be a list or a polars Series; percents may be numbers (50, 12.5) or text."""
    given = {"owner": owner, "owned": owned, "percent": percent, "from": valid_from, "until": valid_until}
    cols = [(v if isinstance(v, pl.Series) else pl.Series(k, v, dtype=None if k == "percent" else pl.String, strict=False))
            .cast(pl.String).alias(k) for k, v in given.items() if v is not None]
    return edges_from_frame(pl.DataFrame(cols), source, None, unit="row")


def edges_from_frame(df: pl.DataFrame, source: str, lines: np.ndarray | None = None, unit: str = "row") -> OwnershipGraph:
    """Check a frame of ownership rows and build the graph, or raise `WritError`.

    Args:
        df: the rows; columns named as `COLUMNS` (case and surrounding spaces ignored).
        source: the file name diagnostics and explanations show.
        lines: the line of each row in the file (default: the row number, from 1).
        unit: "line" or "row": how a position is named in messages.
    """
    rep = _Reporter(source, unit)
    df = df.rename({c: c.strip().lstrip("\ufeff").lower() for c in df.columns})
    missing = [c for c in REQUIRED if c not in df.columns]
    if missing:
        for c in missing:
            hint = did_you_mean(c, df.columns) or f"the columns are {', '.join(COLUMNS)}; from and until may be left out"
            rep.error("E702", 1, f"the column '{c}' is missing from {source}", hint)
        raise WritError(rep.done())
    n = len(df)
    pos = np.arange(1, n + 1, dtype=np.int64) if lines is None else lines
    blank = df.select(pl.all_horizontal(pl.all().is_null())).to_series()
    if blank.any():  # blank lines: no row, but the lines after them keep their numbers
        keep = ~blank
        df, pos = df.filter(keep), pos[keep.to_numpy()]
    # every value read as text, so that one parser decides what is a percent or a date
    df = df.select(pl.col(c).cast(pl.String).str.strip_chars() if c in df.columns else pl.lit(None, pl.String).alias(c)
                   for c in COLUMNS)

    for c in ("owner", "owned"):
        rep.rows("E703", _where(df[c].is_null() | (df[c] == "")), pos, lambda i, c=c: f"the {c} name is empty",
                 f"each row names an owner and the entity it owns (the '{c}' column)")
    share = _percent(df["percent"], pos, rep)
    vf = _date(df["from"], pos, rep, "from", OPEN_FROM)
    vu = _date(df["until"], pos, rep, "until", OPEN_UNTIL)
    if vf is not None and vu is not None:
        rep.rows("E707", np.flatnonzero(vf > vu), pos,
                 lambda i: f"the period ends ({day_date(int(vu[i]))}) before it starts ({day_date(int(vf[i]))})",
                 "'from' is the first day the holding counts and 'until' the last, both inclusive")
    if rep.has_errors:
        raise WritError(rep.done())

    # node ids in sorted name order: the same file gives the same ids, byte for byte
    both = pl.concat([df["owner"], df["owned"]])
    names = both.unique().sort()
    ids = both.cast(pl.Enum(names)).to_physical().cast(pl.Int32).to_numpy()
    owner, owned = ids[:len(df)], ids[len(df):]
    name_list = names.to_list()
    _contradictions(name_list, owner, owned, share, vf, vu, pos, rep)
    if rep.has_errors:
        raise WritError(rep.done())
    return OwnershipGraph.from_arrays(name_list, owner, owned, share, vf, vu, rows=pos, source=source)


# ---- one column at a time --------------------------------------------------------------
def _percent(col: pl.Series, pos: np.ndarray, rep: "_Reporter") -> np.ndarray | None:
    # parsed as text, digits before and after the point, so that 12.5% is 1250 exactly
    parts = col.str.extract_groups(_PERCENT).struct.unnest()
    whole = parts["1"].cast(pl.Int64, strict=False)  # null: not a percent (or absurdly long)
    frac = parts["2"].str.strip_chars_end("0").fill_null("")
    negative = col.str.starts_with("-").fill_null(False)
    parsed = whole.is_not_null()
    fine = parsed & (frac.str.len_chars() > 2)
    hundredths = (whole * 100 + (frac.str.slice(0, 2).str.pad_end(2, "0")).cast(pl.Int64, strict=False)).fill_null(0)
    over = parsed & ~fine & (hundredths > 10000)
    show = lambda i: col[i] if col[i] is not None else ""  # noqa: E731
    rep.rows("E704", _where(~parsed & ~negative), pos, lambda i: f"'{show(i)}' is not a percent",
             "write a share as 50, 50% or 12.5%")
    rep.rows("E704", _where(fine), pos, lambda i: f"'{show(i)}' is finer than a hundredth of a percent",
             "Writ holds percentages exactly, in hundredths: round to at most two decimals")
    rep.rows("E705", _where(negative), pos, lambda i: f"the share '{show(i)}' is negative", "a share is between 0% and 100%")
    rep.rows("E705", _where(over), pos, lambda i: f"the share '{show(i)}' is more than 100%", "a share is between 0% and 100%")
    return None if rep.has_errors else hundredths.to_numpy().astype(np.int32)


def _date(col: pl.Series, pos: np.ndarray, rep: "_Reporter", what: str, open_end: int) -> np.ndarray | None:
    days = col.str.to_date("%Y-%m-%d", strict=False)
    bad = _where(col.is_not_null() & (col != "") & days.is_null())
    rep.rows("E706", bad, pos, lambda i: f"'{col[i]}' in the '{what}' column is not a date",
             "write dates as YYYY-MM-DD (2020-01-31); leave the cell empty for an open end")
    return None if len(bad) else days.cast(pl.Int32).fill_null(open_end).to_numpy().astype(np.int32)


# ---- contradictions between rows ---------------------------------------------------------
def _contradictions(names: list[str], owner, owned, share, vf, vu, pos, rep: "_Reporter") -> None:
    n = max(len(names), 1)
    key = owner.astype(np.int64) * n + owned
    groups: dict[int, list[int]] = defaultdict(list)
    # a hash (polars), not a sort: a million keys in a fifth of a second
    for i in np.flatnonzero(pl.Series(key).is_duplicated().to_numpy()).tolist():
        groups[int(key[i])].append(i)
    for rows in groups.values():
        rows.sort(key=lambda i: (vf[i], pos[i]))
        for a in range(len(rows)):
            for b in range(a + 1, len(rows)):
                i, j = rows[a], rows[b]
                if vf[j] > vu[i]:
                    continue
                i, j = sorted((i, j), key=lambda r: pos[r])
                same = share[i] == share[j]
                rep.error("E708", int(pos[j]),
                          f"{names[owner[j]]} is stated twice as an owner of {names[owned[j]]} for overlapping periods: "
                          f"{Percent(int(share[i]))} on {rep.unit} {pos[i]} and {Percent(int(share[j]))} on {rep.unit} {pos[j]}"
                          + ("" if same else " (a contradiction)"),
                          "state each holding once; when a share changes, end the old row with 'until' the day before the new 'from'")
    # only an entity whose stated shares, all periods together, pass 100% can pass it on a day
    totals = np.zeros(len(names), np.int64)
    np.add.at(totals, owned, share)
    over = np.flatnonzero(totals > 10000)
    if len(over):
        rows_of: dict[int, list[int]] = defaultdict(list)
        for i in np.flatnonzero(np.isin(owned, over)).tolist():
            rows_of[int(owned[i])].append(i)
        for e in over.tolist():
            _over_100(names[e], rows_of[e], share, vf, vu, pos, rep)


def _over_100(entity: str, rows: list[int], share, vf, vu, pos, rep: "_Reporter") -> None:
    # a sweep over the days where holdings start and end; an end is counted the day after
    # 'until', and ends before starts on one day, so that consecutive periods do not add up
    events = sorted([(int(vf[i]), 0, i) for i in rows] + [(int(vu[i]) + 1, -1, i) for i in rows], key=lambda t: (t[0], t[1]))
    active: set[int] = set()
    total = 0
    for day, kind, i in events:
        if kind < 0:
            active.discard(i)
            total -= int(share[i])
            continue
        active.add(i)
        total += int(share[i])
        if total > 10000:
            held = sorted(active, key=lambda r: pos[r])
            on = f" on {day_date(day)}" if day != OPEN_FROM else ""
            listed = ", ".join(f"{Percent(int(share[r]))} on {rep.unit} {pos[r]}" for r in held[:10])
            rep.error("E709", int(pos[held[-1]]),
                      f"the stated shares of {entity} add up to {Percent(total)}{on}, more than 100%: {listed}"
                      + (f" and {len(held) - 10} more" if len(held) > 10 else ""),
                      "an entity's owners hold at most 100% on any day: correct a share, or end an earlier holding with 'until'")
            return


# ---- positions ------------------------------------------------------------------------------
def _csv_lines(data: bytes, n: int) -> np.ndarray | None:
    """The line each CSV record starts on, when records and lines do not match one to one."""
    newlines = data.count(b"\n")
    if newlines in (n, n + 1) and not data.startswith(b"\n"):
        return None if n == 0 else np.arange(2, n + 2, dtype=np.int64)
    # a quoted field spans lines, or there are blank lines: count as the csv module reads
    reader = csv.reader(io.StringIO(data.decode("utf-8", errors="replace"), newline=""))
    starts: list[int] = []
    last = 0
    for _ in reader:
        starts.append(last + 1)  # blank records too: polars reads them as empty rows
        last = reader.line_num
    return np.asarray(starts[1:n + 1], dtype=np.int64) if len(starts) == n + 1 else np.arange(2, n + 2, dtype=np.int64)


def _where(mask: pl.Series) -> np.ndarray:
    """The row indexes where a boolean column is true (null counts as false)."""
    return np.flatnonzero(mask.fill_null(False).to_numpy())


def _first_line(e: Exception) -> str:
    return (str(e).strip().splitlines() or [type(e).__name__])[0]


def _refuse(code: str, span: Span, message: str, hint: str) -> None:
    r = Reporter()
    r.error(code, span, message, hint)
    r.raise_if_errors()


class _Reporter:
    """A `Reporter` that places a diagnostic by line or row and caps each code."""

    def __init__(self, source: str, unit: str) -> None:
        self.source, self.unit = source, unit
        self.reporter = Reporter()
        self.count: dict[str, int] = defaultdict(int)

    @property
    def has_errors(self) -> bool:
        return self.reporter.has_errors

    def error(self, code: str, at: int, message: str, hint: str | None = None) -> None:
        self.count[code] += 1
        if self.count[code] > MAX_PER_CODE:
            return
        where = f" ({self.unit} {at})" if self.unit == "row" and f"row {at}" not in message else ""
        self.reporter.error(code, Span(self.source, at, 1, at, 2), message + where, hint)

    def rows(self, code: str, bad: np.ndarray, pos: np.ndarray, message, hint: str) -> None:
        """One diagnostic per row index in `bad`, placed at `pos[i]`; `message(i)` words it."""
        for i in bad[:MAX_PER_CODE + 1].tolist():
            self.error(code, int(pos[i]), message(i), hint)
        self.count[code] += max(0, len(bad) - MAX_PER_CODE - 1)

    def done(self) -> list[Diagnostic]:
        out = sorted(self.reporter.diagnostics, key=lambda d: (d.span.line, d.code))
        for code, c in sorted(self.count.items()):
            if c > MAX_PER_CODE:
                out.append(Diagnostic(severity=out[0].severity, code=code, span=Span(self.source, 1, 1, 1, 2),
                                      message=f"and {c - MAX_PER_CODE} more errors {code} in {self.source}",
                                      hint="fix the ones shown first; the rest are usually the same mistake"))
        return out
