"""Import OFAC's legacy CSV files (SDN and the consolidated non-SDN list) into a `Snapshot`.

The format: no header; the literal `-0- ` is null; several programs are joined as
`SDGT] [IFSR`; official files end lines in CRLF and the file in 0x1A (the 2018 copies
use LF and no final newline). `sdn.csv`/`cons_prim.csv` hold the entries, `add.csv`,
`alt.csv` their addresses and aliases, and `sdn_comments.csv` continues a `Remarks`
field cut at 1000 characters (starting mid-word, so the two are joined before parsing).
The Remarks are parsed into identifiers, dates of birth, nationalities, aliases and
`Linked To:` names; the verbatim text is kept beside them.

A malformed file is refused whole, with the file and line of each problem.
"""

from __future__ import annotations

import csv
import datetime as dt
import io
import re
import sys
from dataclasses import dataclass, field
from pathlib import Path
from typing import Iterator

from .reading import HashingReader, Refusal, check_bom, check_size, decode_error_line, open_binary, refuse
from .records import Address, Alias, Identifier, ListEntry, Snapshot, Source

csv.field_size_limit(min(sys.maxsize, 1 << 24))  # Remarks run to 1000 characters; a corrupt file may not

NULL = "-0-"
PUBLISHER = "OFAC, U.S. Department of the Treasury"
LICENCE = "public domain (U.S. Government work)"
TYPES = {"": "entity", "individual": "individual", "vessel": "vessel", "aircraft": "aircraft"}

# file roles: (primary, add, alt, comments) names for each list
FILE_SETS = {
    "SDN": ("sdn.csv", "add.csv", "alt.csv", "sdn_comments.csv"),
    "NONSDN": ("cons_prim.csv", "cons_add.csv", "cons_alt.csv", "cons_comments.csv"),
}
WIDTH = {"primary": 12, "add": 6, "alt": 5, "comments": 2}

# Non-SDN programs -> the Consolidated Screening List's short list codes, so a cons_prim
# entry can be compared with the CSL's record of the same listing.
NONSDN_LISTS = {
    "NS-PLC": "PLC",
    "CMIC-EO13959": "CMIC",
    "UKRAINE-EO13662": "SSI",
    "RUSSIA-EO14024": "MBS",
    "NS-ISA": "NS-ISA",
    "FSE-IR": "FSE",
    "FSE-SY": "FSE",
    "CAPTA": "CAP",
}


_VESSEL = ("call_sign", "vessel_type", "tonnage", "gross_registered_tonnage", "vessel_flag", "vessel_owner")
_NO_VESSEL = ["-0- "] * 6


def null(value: str) -> str | None:
    v = value.strip()
    return None if v == NULL or v == "" else v


def split_programs(value: str) -> tuple[str, ...]:
    v = null(value)
    if v is None:
        return ()
    return tuple(p.strip() for p in v.strip("[] ").split("] [") if p.strip())


# ---- reading rows ---------------------------------------------------------------------


@dataclass
class _File:
    path: Path
    sha256: str = ""


def rows(path: Path, width: int, refusal: Refusal, meta: _File) -> Iterator[tuple[int, list[str]]]:
    """(line, fields) for each record; problems go to `refusal`; the 0x1A end mark is dropped."""
    raw = open_binary(path)
    with raw:
        head = raw.read(4096)
        skip = check_bom(path, head)
        size = raw.seek(0, 2)
        raw.seek(max(0, size - 4))
        tail = raw.read(4)  # how the file ends: a cut-off official file lacks its final CRLF
        raw.seek(skip)
        hashing = HashingReader(raw)
        hashing.sha.update(head[:skip])  # a skipped BOM is still part of the file's bytes
        text = io.TextIOWrapper(io.BufferedReader(hashing, 1 << 16), encoding="utf-8", errors="strict", newline="")
        reader = csv.reader(text, strict=True)
        pending: tuple[int, list[str]] | None = None
        line = 1
        try:
            for fields in reader:
                if pending is not None:
                    yield _check_width(pending, width, path, refusal)
                    pending = None
                start, line = line, reader.line_num + 1
                if not fields or fields == [""]:
                    continue  # a blank line carries nothing
                pending = (start, fields)
        except UnicodeDecodeError:
            bad_line, detail = decode_error_line(path)
            refusal.error("E602", path, bad_line, detail)
            pending = None
        except csv.Error as e:
            refusal.error("E608", path, reader.line_num or line, str(e))
            pending = None
        crlf = b"\r\n" in head
        if pending is not None and crlf and not (tail.endswith(b"\r\n") or tail.endswith(b"\r\n\x1a")) and not refusal.failed:
            # an official file ends its last row with CRLF (and 0x1A); one that stops short was cut off
            refusal.error("E603", path, pending[0], "the file ends in the middle of a row (no final CRLF): it was cut off")
            pending = None
        if pending is not None:
            start, fields = pending
            if fields[-1].endswith("\x1a"):  # the DOS end-of-file mark, after or without a final CRLF
                fields[-1] = fields[-1][:-1]
                if fields == [""]:
                    pending = None
            if pending is not None:
                yield _check_width((start, fields), width, path, refusal)
        meta.sha256 = hashing.drain()


def _check_width(row: tuple[int, list[str]], width: int, path: Path, refusal: Refusal) -> tuple[int, list[str]]:
    line, fields = row
    if len(fields) != width:
        refusal.error("E603", path, line, f"{len(fields)} fields, {width} expected")
        return line, []
    return row


# ---- Remarks ------------------------------------------------------------------------

_ALIAS = re.compile(r"^(a|f|n)\.k\.a\.,? '(.+)'$")
_SIMPLE_KINDS = frozenset({"DOB", "POB", "nationality", "citizen", "Gender", "Website"})
# an identifier: words, then a value holding a digit, an optional (country), then issued/expires notes
_ID = re.compile(r"^(?P<kind>[^0-9():;]+?) (?P<value>[A-Za-z0-9#][^ ()]*\d[^ ()]*)(?: \((?P<country>[^)]+)\))?(?P<rest>\s.*)?$")


@dataclass
class Remarks:
    """What the Remarks field says, parsed; `other` keeps the items no pattern read."""

    aliases: list[Alias] = field(default_factory=list)
    identifiers: list[Identifier] = field(default_factory=list)
    dates_of_birth: list[str] = field(default_factory=list)
    nationalities: list[str] = field(default_factory=list)
    linked_to: list[str] = field(default_factory=list)
    other: list[str] = field(default_factory=list)


def parse_remarks(text: str | None, source: Source | None = None) -> Remarks:
    """Parse OFAC Remarks ("DOB 1962; POB Gaza; a.k.a. 'X'; Linked To: Y.") into their parts."""
    out = Remarks()
    if not text:
        return out
    body = text.strip()
    if body.endswith("."):
        body = body[:-1]  # the remark's own full stop; a name's "C.V." loses its dot here, restored later
    for item in body.split("; "):
        core = item[5:] if item.startswith("alt. ") else item
        if not core:
            continue
        # cheap prefix tests first: this runs for every item of 15,000 entries
        if core[1:6] == ".k.a." and (m := _ALIAS.match(core)):
            out.aliases.append(Alias(m.group(2).strip(), m.group(1) + "ka", source))
            continue
        if core.startswith("Linked To: "):
            out.linked_to.append(core[11:].strip())
            continue
        head, _, value = core.partition(" ")
        if head in _SIMPLE_KINDS or core.startswith("Email Address "):
            if head == "Email":
                head, value = "Email Address", core[14:]
            value = value.strip()
            if head == "DOB":
                out.dates_of_birth.append(value)
            elif head == "nationality":
                out.nationalities.append(value)
            out.identifiers.append(Identifier("citizenship" if head == "citizen" else head, value))
        elif m := _ID.match(core):
            rest = (m.group("rest") or "").strip() or None
            out.identifiers.append(Identifier(m.group("kind").strip(), m.group("value"), m.group("country"), rest))
        else:
            out.other.append(item)
    return out


# ---- the import ---------------------------------------------------------------------


def import_ofac(
    primary: str | Path,
    *,
    as_of: dt.date | None,
    add: str | Path | None = None,
    alt: str | Path | None = None,
    comments: str | Path | None = None,
    list_name: str | None = None,
    previous: Snapshot | None = None,
    allow_shrink: bool = False,
) -> Snapshot:
    """Read a primary file and its companions into one dated snapshot, or refuse them all."""
    primary = Path(primary)
    if as_of is None:  # the format states no date, and a snapshot without one cannot speak for any date
        raise refuse("E604", primary, 1, "the file states no date: give the date the list speaks for (as_of)")
    name = list_name or ("NONSDN" if primary.name.startswith("cons") else "SDN")
    refusal = Refusal()
    files: list[_File] = []
    entries: dict[str, dict] = {}
    order: list[str] = []

    meta = _File(primary)
    files.append(meta)
    for line, f in rows(primary, WIDTH["primary"], refusal, meta):
        if not f:
            continue
        key = f[0].strip()
        if not key.isdigit():
            refusal.error("E604", primary, line, f"ent_num {key!r} is not a number")
            continue
        if key in entries:
            refusal.error("E611", primary, line, f"ent_num {key} appears again (first on line {entries[key]['source'].line})")
            continue
        kind = (null(f[2]) or "").lower()
        if kind not in TYPES:
            refusal.error("E604", primary, line, f"SDN_Type {f[2]!r} is not individual, vessel, aircraft or -0-")
            continue
        extra = {} if f[5:11] == _NO_VESSEL else {k: v.strip() for k, v in zip(_VESSEL, f[5:11]) if null(v)}
        entries[key] = dict(
            source=Source(str(primary), line, key), name=f[1].strip(), type=TYPES[kind], programs=split_programs(f[3]),
            title=null(f[4]), remarks=null(f[11]), extra=extra, aliases=[], addresses=[],
        )
        order.append(key)

    def companion(path, role, handle):
        if path is None:
            return
        path = Path(path)
        m = _File(path)
        files.append(m)
        for line, f in rows(path, WIDTH[role], refusal, m):
            if not f:
                continue
            key = f[0].strip()
            if key not in entries:
                refusal.error("E605", path, line, f"ent_num {key!r} is not in {primary.name}")
                continue
            handle(entries[key], Source(str(path), line, key), f)

    def on_add(e, src, f):
        if any(null(v) for v in f[2:5]):
            e["addresses"].append(Address(street=null(f[2]), city=null(f[3]), country=null(f[4]), source=src))

    def on_alt(e, src, f):
        if (alias := null(f[3])) is not None:
            e["aliases"].append(Alias(alias, (null(f[2]) or "aka").lower().replace(".", ""), src))

    def on_comment(e, src, f):
        e["remarks"] = (e["remarks"] or "") + f[1].rstrip(" ")  # continues mid-word: no separator

    companion(add, "add", on_add)
    companion(alt, "alt", on_alt)
    companion(comments, "comments", on_comment)
    check_size(refusal, primary, len(order), len(previous.entries) if previous else None, allow_shrink)
    refusal.raise_if_any()

    names = {entries[k]["name"] for k in order}
    out = []
    for key in order:
        e = entries[key]
        r = parse_remarks(e["remarks"], e["source"])
        seen = {(a.name.casefold(), a.kind) for a in e["aliases"]}
        aliases = list(e["aliases"]) + [a for a in r.aliases if (a.name.casefold(), a.kind) not in seen]
        linked = tuple(n + "." if n not in names and n + "." in names else n for n in r.linked_to)
        extra = dict(e["extra"])
        if name == "NONSDN":
            codes = sorted({NONSDN_LISTS[p] for p in e["programs"] if p in NONSDN_LISTS})
            if codes:
                extra["csl_lists"] = ";".join(codes)
        if r.other:
            extra["remarks_unparsed"] = "; ".join(r.other)
        out.append(ListEntry(
            list=name, entry_id=key, name=e["name"], type=e["type"], source=e["source"], programs=e["programs"],
            aliases=tuple(_dedupe(aliases)), addresses=tuple(e["addresses"]), identifiers=tuple(r.identifiers),
            dates_of_birth=tuple(r.dates_of_birth), nationalities=tuple(r.nationalities), title=e["title"],
            remarks=e["remarks"], linked_to=linked, extra=extra,
        ))
    return Snapshot(
        list=name, as_of=as_of, files=tuple((m.path.name, m.sha256) for m in files), entries=tuple(out),
        publisher=PUBLISHER, licence=LICENCE,
    )


def _dedupe(aliases: list[Alias]) -> list[Alias]:
    seen, out = set(), []
    for a in aliases:
        k = (a.name.casefold(), a.kind)
        if k not in seen:
            seen.add(k)
            out.append(a)
    return out


def import_ofac_dir(directory: str | Path, *, as_of: dt.date, list_name: str | None = None, previous: Snapshot | None = None, allow_shrink: bool = False) -> Snapshot:
    """Import whichever OFAC set the folder holds (sdn.csv and companions, or cons_prim.csv and companions)."""
    d = Path(directory)
    for name, (prim, add, alt, com) in FILE_SETS.items():
        if (d / prim).is_file() and (list_name is None or list_name == name):
            opt = lambda n: d / n if (d / n).is_file() else None  # noqa: E731
            return import_ofac(d / prim, as_of=as_of, add=opt(add), alt=opt(alt), comments=opt(com), list_name=name, previous=previous, allow_shrink=allow_shrink)
    from .reading import refuse

    raise refuse("E601", d, 1, "no sdn.csv or cons_prim.csv in this folder")
