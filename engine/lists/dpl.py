"""Import the BIS Denied Persons List text file (`dpl.txt`) into a `Snapshot`.

The format: tab-delimited, every field quoted, a header naming 12 columns; dates are
MM/DD/YYYY (`Effective_Date`, `Expiration_Date`) and ISO (`Last_Update`); a denied
person with several addresses has one row per address, so rows with the same name,
effective date and order are one entry. `FR_Citation` holds the Federal Register
notices ("68 F.R. 38290 6/27/03 71 F.R. 38843 7/10/06").
"""

from __future__ import annotations

import csv
import datetime as dt
import hashlib
import io
from pathlib import Path

from .csl import fr_citations
from .reading import HashingReader, Refusal, check_bom, check_size, decode_error_line, open_binary, parse_date
from .records import Address, ListEntry, Snapshot, Source

COLUMNS = ("Name", "Street_Address", "City", "State", "Country", "Postal_Code", "Effective_Date", "Expiration_Date", "Standard_Order", "Last_Update", "Action", "FR_Citation")
PUBLISHER = "Bureau of Industry and Security, U.S. Department of Commerce"
LICENCE = "public domain (U.S. Government work)"


def import_dpl(path: str | Path, *, as_of: dt.date | None = None, previous: Snapshot | None = None, allow_shrink: bool = False) -> Snapshot:
    """Read dpl.txt; without `as_of`, the snapshot speaks for its newest Last_Update."""
    path = Path(path)
    refusal = Refusal()
    groups: dict[tuple, dict] = {}
    updates: list[dt.date | None] = []
    latest_effective: dt.date | None = None
    raw = open_binary(path)
    with raw:
        head = raw.read(4096)
        skip = check_bom(path, head)
        raw.seek(skip)
        hashing = HashingReader(raw)
        hashing.sha.update(head[:skip])
        reader = csv.reader(io.TextIOWrapper(io.BufferedReader(hashing), encoding="utf-8", newline=""), delimiter="\t", strict=True)
        line = start = 1
        try:
            for fields in reader:
                start, line = line, reader.line_num + 1
                if start == 1:
                    if tuple(f.strip() for f in fields) != COLUMNS:
                        refusal.error("E610", path, 1, f"the header is not the Denied Persons List's {len(COLUMNS)} tab-separated columns")
                        break
                    continue
                if not fields:
                    continue
                if len(fields) != len(COLUMNS):
                    refusal.error("E603", path, start, f"{len(fields)} fields, {len(COLUMNS)} expected")
                    continue
                r = dict(zip(COLUMNS, (f.strip() for f in fields)))
                if not r["Name"]:
                    refusal.error("E604", path, start, "the Name is empty")
                    continue
                dates = {}
                for col, fmts, required in (("Effective_Date", ("%m/%d/%Y",), True), ("Expiration_Date", ("%m/%d/%Y",), False), ("Last_Update", ("%Y-%m-%d",), False)):
                    dates[col] = parse_date(r[col], fmts) if r[col] else None
                    if dates[col] is None and (r[col] or required):
                        refusal.error("E604", path, start, f"{col} {r[col]!r} is not a date ({'MM/DD/YYYY' if 'Date' in col else 'YYYY-MM-DD'})")
                updates.append(dates["Last_Update"])
                if dates["Effective_Date"] and (latest_effective is None or dates["Effective_Date"] > latest_effective):
                    latest_effective = dates["Effective_Date"]
                src = Source(str(path), start, None)
                key = (r["Name"], r["Effective_Date"], r["Standard_Order"], r["FR_Citation"])
                g = groups.setdefault(key, dict(row=r, dates=dates, source=src, addresses=[]))
                if any(r[c] for c in ("Street_Address", "City", "State", "Country", "Postal_Code")):
                    g["addresses"].append(Address(street=r["Street_Address"] or None, city=r["City"] or None, state=r["State"] or None,
                                                  postal_code=r["Postal_Code"] or None, country=r["Country"] or None, source=src))
        except UnicodeDecodeError:
            refusal.error("E602", path, *decode_error_line(path))
        except csv.Error as e:
            if start == 1:  # the header itself does not read as tab-separated quoted fields
                refusal.error("E610", path, 1, f"the header is not the Denied Persons List's tab-separated columns ({e})")
            else:
                refusal.error("E603" if "unexpected end of data" in str(e) else "E608", path, line, str(e))
        sha = hashing.drain()
    check_size(refusal, path, len(groups), len(previous.entries) if previous else None, allow_shrink)
    when = as_of or _newest_update(updates, latest_effective)
    if when is None and not refusal.failed:
        refusal.error("E604", path, 1, "no Last_Update date in the file, and no as_of date was given")
    refusal.raise_if_any()
    assert when is not None  # E604 above refused a file with no date
    entries = []
    for (name, eff, order, fr), g in groups.items():
        entry_id = "DPL-" + hashlib.sha1(f"{name}\0{eff}\0{order}\0{fr}".encode()).hexdigest()[:12]
        src = Source(g["source"].file, g["source"].line, entry_id)
        r = g["row"]
        extra = {k: r[k] for k in ("Standard_Order", "Last_Update", "Action", "FR_Citation") if r[k]}
        entries.append(ListEntry(
            list="DPL", entry_id=entry_id, name=name, type="unknown", source=src, addresses=tuple(g["addresses"]),
            countries=tuple(dict.fromkeys(a.country for a in g["addresses"] if a.country)),
            start_date=g["dates"]["Effective_Date"], end_date=g["dates"]["Expiration_Date"], federal_register=fr_citations(fr), extra=extra,
        ))
    return Snapshot(list="DPL", as_of=when, files=((path.name, sha),), entries=tuple(entries), publisher=PUBLISHER, licence=LICENCE)


def _newest_update(updates: list[dt.date | None], latest_effective: dt.date | None) -> dt.date | None:
    """The newest Last_Update, ignoring typos far in the future (the 2023 file has "3033-09-30").

    A date more than a year after the newest Effective_Date cannot be a real update yet;
    the rule depends on the file alone, so the same file always gets the same date.
    """
    limit = latest_effective + dt.timedelta(days=366) if latest_effective else None
    real = [d for d in updates if d is not None and (limit is None or d <= limit)]
    return max(real, default=None)
