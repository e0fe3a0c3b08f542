"""Import the US Consolidated Screening List (trade.gov): the official CSV and the JSON compaction.

The CSV has a header of 29 columns and joins several values in a field with `; `. Some
copies repeat the header (skipped); a row with fewer fields is a truncated file and is
refused with its line. `screening-list.json` is a compaction of the CSL by
seelpeed-debug/export-controls-agent-mcp (MIT licence, "Copyright (c) 2026
seelpeed-debug"): fields are abbreviated and several are indexes into lookup tables
(`fieldKey` names them). It drops addresses, start dates, remarks and ids.

Every entry keeps the Entity List columns verbatim (`license_requirement`,
`license_policy`); the Federal Register notices are split into citations ("84 FR 54002").
"""

from __future__ import annotations

import csv
import datetime as dt
import hashlib
import io
import re
from pathlib import Path
from typing import Any

from .reading import HashingReader, Refusal, check_bom, check_size, decode_error_line, open_binary, read_json, refuse
from .records import Address, Alias, Identifier, ListEntry, Snapshot, Source

COLUMNS = (
    "_id", "source", "entity_number", "type", "programs", "name", "title", "addresses", "federal_register_notice",
    "start_date", "end_date", "standard_order", "license_requirement", "license_policy", "call_sign", "vessel_type",
    "gross_tonnage", "gross_registered_tonnage", "vessel_flag", "vessel_owner", "remarks", "source_list_url",
    "alt_names", "citizenships", "dates_of_birth", "nationalities", "places_of_birth", "source_information_url", "ids",
)
PUBLISHER = "International Trade Administration, U.S. Department of Commerce (Consolidated Screening List)"
LICENCE = "public domain (U.S. Government work)"
JSON_LICENCE = "MIT licence, Copyright (c) 2026 seelpeed-debug (export-controls-agent-mcp); the underlying list is a U.S. Government work"

# the CSL's long source names -> short codes (the code in parentheses, except where it is not a list code)
SOURCES = {
    "Entity List (EL) - Bureau of Industry and Security": "EL",
    "Specially Designated Nationals (SDN) - Treasury Department": "SDN",
    "Denied Persons List (DPL) - Bureau of Industry and Security": "DPL",
    "Unverified List (UVL) - Bureau of Industry and Security": "UVL",
    "Military End User (MEU) List - Bureau of Industry and Security": "MEU",
    "Nonproliferation Sanctions (ISN) - State Department": "ISN",
    "ITAR Debarred (DTC) - State Department": "DTC",
    "Non-SDN Chinese Military-Industrial Complex Companies List (CMIC) - Treasury Department": "CMIC",
    "Palestinian Legislative Council List (PLC) - Treasury Department": "PLC",
    "Sectoral Sanctions Identifications List (SSI) - Treasury Department": "SSI",
    "Capta List (CAP) - Treasury Department": "CAP",
    "Non-SDN Menu-Based Sanctions List (NS-MBS List) - Treasury Department": "MBS",
    "Foreign Sanctions Evaders (FSE) - Treasury Department": "FSE",
    "Non-SDN Iranian Sanctions Act List (NS-ISA) - Treasury Department": "NS-ISA",
}
TYPES = {"entity": "entity", "individual": "individual", "vessel": "vessel", "aircraft": "aircraft"}
FR = re.compile(r"\b(\d{1,3})\s*F\.?\s?R\.?\s*(\d{1,6})\b")  # "84 FR 54002", and the DPL's "68 F.R. 38290"


def source_code(long_name: str) -> str | None:
    """EL for "Entity List (EL) - Bureau of Industry and Security"; None for a name not seen before."""
    if long_name in SOURCES:
        return SOURCES[long_name]
    m = re.search(r"\(([A-Z][A-Z-]{1,10})(?: List)?\)", long_name)
    return m.group(1).removeprefix("NS-") if m else None


def fr_citations(text: str | None) -> tuple[str, ...]:
    """ "84 FR 54002; 85 FR 44159" -> ("84 FR 54002", "85 FR 44159"), in order, once each."""
    if not text:
        return ()
    return tuple(dict.fromkeys(f"{v} FR {p}" for v, p in FR.findall(text)))


def _split(value: str) -> list[str]:
    return [v.strip() for v in value.split(";") if v.strip()] if value else []


def _ids(value: str) -> tuple[Identifier, ...]:
    out = []
    for item in _split(value):
        parts = [p.strip() for p in item.split(", ")]
        country = parts.pop() if len(parts) >= 3 and re.fullmatch(r"[A-Z]{2}", parts[-1]) else None
        out.append(Identifier(parts[0], ", ".join(parts[1:]) or parts[0], country))
    return tuple(out)


def _address(text: str, src: Source) -> Address:
    parts = [p.strip() for p in text.split(", ")]
    country = parts[-1] if parts and re.fullmatch(r"[A-Z]{2}", parts[-1]) else None
    return Address(street=text, country=country, source=src)


def _date(value: str, refusal: Refusal, path: Path, line: int, column: str) -> dt.date | None:
    if not value:
        return None
    try:
        return dt.date.fromisoformat(value.strip()[:10])
    except ValueError:
        refusal.error("E604", path, line, f"{column} {value!r} is not a date (YYYY-MM-DD)")
        return None


def import_csl_csv(path: str | Path, *, as_of: dt.date | None, previous: Snapshot | None = None, allow_shrink: bool = False) -> Snapshot:
    """Read the official CSL CSV (every source list in one file), or refuse it whole."""
    path = Path(path)
    if as_of is None:  # the format states no date, and a snapshot without one cannot speak for any date
        raise refuse("E604", path, 1, "the file states no date: give the date the list speaks for (as_of)")
    refusal = Refusal()
    out: list[ListEntry] = []
    raw = open_binary(path)
    with raw:
        head = raw.read(4096)
        skip = check_bom(path, head)
        raw.seek(skip)
        hashing = HashingReader(raw)
        hashing.sha.update(head[:skip])
        reader = csv.reader(io.TextIOWrapper(io.BufferedReader(hashing), encoding="utf-8", newline=""), strict=True)
        line = 1
        try:
            for fields in reader:
                start, line = line, reader.line_num + 1
                if start == 1:
                    if tuple(f.strip() for f in fields) != COLUMNS:
                        refusal.error("E610", path, 1, f"the header is not the CSL's {len(COLUMNS)} columns ({', '.join(fields[:3])}...)")
                        break
                    continue
                if tuple(fields) == COLUMNS or not fields:
                    continue  # a repeated header (the 2023 copy has one on line 2), or a blank line
                if len(fields) != len(COLUMNS):
                    refusal.error("E603", path, start, f"{len(fields)} fields, {len(COLUMNS)} expected")
                    continue
                out.append(_csv_entry(dict(zip(COLUMNS, fields)), Source(str(path), start, fields[0] or None), refusal, path))
        except UnicodeDecodeError:
            refusal.error("E602", path, *decode_error_line(path))
        except csv.Error as e:
            if "unexpected end of data" in str(e):  # the file stops inside a quoted field: a cut-off last row
                refusal.error("E603", path, line, "the last row is cut off inside a quoted field")
            else:
                refusal.error("E608", path, reader.line_num or line, str(e))
        sha = hashing.drain()
    check_size(refusal, path, len(out), len(previous.entries) if previous else None, allow_shrink)
    refusal.raise_if_any()
    return Snapshot(list="CSL", as_of=as_of, files=((path.name, sha),), entries=tuple(out), publisher=PUBLISHER, licence=LICENCE)


def _csv_entry(r: dict[str, str], src: Source, refusal: Refusal, path: Path) -> ListEntry:
    code = source_code(r["source"])
    if code is None:
        refusal.error("E604", path, src.line, f"source {r['source']!r} is not a list the CSL is known to carry")
    extra = {k: r[k] for k in ("call_sign", "vessel_type", "gross_tonnage", "gross_registered_tonnage", "vessel_flag", "vessel_owner", "standard_order", "source_list_url", "source_information_url") if r[k]}
    extra["source_name"] = r["source"]
    if r["federal_register_notice"]:
        extra["federal_register_notice"] = r["federal_register_notice"]
    pobs = tuple(Identifier("POB", p) for p in _split(r["places_of_birth"]))
    cits = tuple(Identifier("citizenship", c) for c in _split(r["citizenships"]))
    addresses = tuple(_address(a, src) for a in _split(r["addresses"]))
    return ListEntry(
        list=code or "?", entry_id=r["entity_number"] or r["_id"], name=r["name"].strip(), type=TYPES.get(r["type"].lower(), "unknown"),
        source=src, programs=tuple(_split(r["programs"])), aliases=tuple(Alias(a, "aka", src) for a in _split(r["alt_names"])),
        addresses=addresses, identifiers=_ids(r["ids"]) + pobs + cits,
        countries=tuple(dict.fromkeys(a.country for a in addresses if a.country)), dates_of_birth=tuple(_split(r["dates_of_birth"])),
        nationalities=tuple(_split(r["nationalities"])), title=r["title"] or None, remarks=r["remarks"] or None,
        start_date=_date(r["start_date"], refusal, path, src.line, "start_date"), end_date=_date(r["end_date"], refusal, path, src.line, "end_date"),
        federal_register=fr_citations(r["federal_register_notice"]), license_requirement=r["license_requirement"] or None,
        license_policy=r["license_policy"] or None, extra=extra,
    )


# ---- screening-list.json ------------------------------------------------------------

TABLES = {"s": "sources", "lr": "licenceRequirements", "lp": "licencePolicies", "pg": "programmes", "u": "urls"}


def import_csl_json(path: str | Path, *, as_of: dt.date | None = None, previous: Snapshot | None = None, allow_shrink: bool = False) -> Snapshot:
    """Read the screening-list.json compaction; the snapshot date is its `sourceGeneratedAt`."""
    path = Path(path)
    refusal = Refusal()
    doc, data = read_json(path)
    if not isinstance(doc, dict) or not isinstance(doc.get("entries"), list) or not isinstance(doc.get("tables"), dict):
        raise refuse("E610", path, 1, "no 'entries' list and 'tables' object: this is not screening-list.json")
    tables = {k: doc["tables"].get(v) for k, v in TABLES.items()}
    when = as_of
    if when is None:
        try:
            when = dt.datetime.fromisoformat(str(doc.get("sourceGeneratedAt"))).date()
        except ValueError:
            raise refuse("E604", path, 1, f"sourceGeneratedAt {doc.get('sourceGeneratedAt')!r} is not a date, and no as_of was given") from None
    out: list[ListEntry] = []
    seen: dict[str, int] = {}
    for i, e in enumerate(doc["entries"]):
        entry = _json_entry(i, e, tables, path, refusal, seen)
        if entry is not None:
            out.append(entry)
    declared = doc.get("entryCount")
    if isinstance(declared, int) and declared != len(doc["entries"]):
        refusal.error("E608", path, 1, f"entryCount says {declared} entries, the file holds {len(doc['entries'])}")
    check_size(refusal, path, len(out), len(previous.entries) if previous else None, allow_shrink)
    refusal.raise_if_any()
    return Snapshot(list="CSL", as_of=when, files=((path.name, hashlib.sha256(data).hexdigest()),), entries=tuple(out), publisher=PUBLISHER, licence=JSON_LICENCE)


def _json_entry(i: int, e: Any, tables: dict, path: Path, refusal: Refusal, seen: dict[str, int]) -> ListEntry | None:
    where = f"entries[{i}]"

    def look(key: str) -> str | None:
        if key not in e or e[key] is None:
            return None
        table, idx = tables.get(key), e[key]
        if not isinstance(table, list) or not isinstance(idx, int) or isinstance(idx, bool) or not 0 <= idx < len(table) or not isinstance(table[idx], str):
            refusal.error("E604", path, 1, f"{where}.{key} = {idx!r} is not an index into tables.{TABLES[key]}")
            return None
        return table[idx]

    if not isinstance(e, dict) or not isinstance(e.get("n"), str) or not e["n"].strip():
        refusal.error("E604", path, 1, f"{where} has no name ('n')")
        return None
    source = look("s")
    if not source or (code := source_code(source)) is None:
        refusal.error("E604", path, 1, f"{where} has no known source list ('s')")
        return None
    strings = lambda key: [x for x in e.get(key) or [] if isinstance(x, str)] if isinstance(e.get(key, []), list) else []  # noqa: E731
    key = str(e["e"]) if e.get("e") not in (None, "") else None
    if key is None:  # EL, DPL and others carry no entity number: name the entry by its list and name
        base = f"{code}-{hashlib.sha1(e['n'].encode()).hexdigest()[:10]}"
        seen[base] = seen.get(base, 0) + 1
        key = base if seen[base] == 1 else f"{base}-{seen[base]}"
    src = Source(str(path), 1, where)
    fr = e.get("fr") if isinstance(e.get("fr"), str) else None
    extra: dict[str, str] = {"source_name": source}
    if fr:
        extra["federal_register_notice"] = fr
    if (url := look("u")) is not None:
        extra["source_list_url"] = url
    programs = look("pg")
    return ListEntry(
        list=code, entry_id=key, name=e["n"].strip(), type=TYPES.get(str(e.get("t") or "").lower(), "unknown"), source=src,
        programs=tuple(_split(programs or "")), aliases=tuple(Alias(a, "aka", src) for a in strings("a")),
        countries=tuple(strings("c")), federal_register=fr_citations(fr), license_requirement=look("lr"), license_policy=look("lp"), extra=extra,
    )


def import_csl(path: str | Path, **kw) -> Snapshot:
    """The CSV or the JSON, by the file's first byte."""
    with open_binary(path) as f:
        first = f.read(4).lstrip(b"\xef\xbb\xbf")[:1]
    return import_csl_json(path, **kw) if first in (b"{", b"[") else import_csl_csv(path, **kw)

