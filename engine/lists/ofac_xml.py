"""Import OFAC's advanced XML (`SDN_ADVANCED.XML`, `cons_advanced.xml`) into a `Snapshot`.

The format (namespace `http://www.un.org/sanctions/1.0`) keeps every label in
`ReferenceValueSets` and refers to it by ID: a `DistinctParty` has a profile whose
identity holds aliases (`DocumentedName` parts, typed through `NamePartGroups`),
features (birth date, nationality, address...) pointing at `Locations`, documents in
`IDRegDocuments`, relations in `ProfileRelationships`, and its listings in
`SanctionsEntries` (list, program in the `SanctionsMeasure` comment, the dated entry
events). `DateOfIssue` is the date the snapshot speaks for.

It is read with ElementTree's streaming pull parser (the parser behind `iterparse`), fed
line by line so that every element's line is known for error messages. A file with a
DOCTYPE or an entity declaration is refused before the parser sees it (no XXE, no
entity expansion).
"""

from __future__ import annotations

import datetime as dt
import io
import re
import xml.etree.ElementTree as ET
from collections.abc import Iterator
from pathlib import Path
from typing import cast

from .reading import HashingReader, Refusal, check_bom, check_size, open_binary
from .records import Address, Alias, Identifier, ListEntry, Snapshot, Source

NS = "{http://www.un.org/sanctions/1.0}"
PUBLISHER = "OFAC, U.S. Department of the Treasury"
LICENCE = "public domain (U.S. Government work)"
ALIAS_KINDS = {"A.K.A.": "aka", "F.K.A.": "fka", "N.K.A.": "nka", "Name": "name"}
PARTY_TYPES = {"Individual": "individual", "Entity": "entity", "Vessel": "vessel", "Aircraft": "aircraft"}
# the XML's list names -> the short codes of the legacy files and the CSL
LIST_CODES = {
    "SDN List": "SDN",
    "Non-SDN Palestinian Legislative Council List": "PLC",
    "FSE List": "FSE",
    "Sectoral Sanctions Identifications List": "SSI",
    "Consolidated List": "NONSDN",
    "CAPTA List": "CAP",
    "Non-SDN Menu-Based Sanctions List": "MBS",
    "Non-SDN Chinese Military-Industrial Complex Companies List": "CMIC",
}
TOP = {NS + t for t in ("DateOfIssue", "ReferenceValueSets", "Locations", "IDRegDocuments", "DistinctParties", "ProfileRelationships", "SanctionsEntries")}
ITEMS = {NS + t for t in ("Location", "IDRegDocument", "DistinctParty", "ProfileRelationship", "SanctionsEntry")}


def _local(tag: str) -> str:
    return tag[len(NS):] if tag.startswith(NS) else tag


def _date(el: ET.Element | None) -> dt.date | None:
    """A <Date>/<From> with Year, Month, Day children."""
    if el is None:
        return None
    try:
        return dt.date(int(el.findtext(NS + "Year") or ""), int(el.findtext(NS + "Month") or 1), int(el.findtext(NS + "Day") or 1))
    except (TypeError, ValueError):
        return None


def _period_text(period: ET.Element) -> str | None:
    """A DatePeriod as OFAC's legacy files write it: "1962", "12 Jan 1960", or "1960 to 1962"."""
    start, end = _date(period.find(f"{NS}Start/{NS}From")), _date(period.find(f"{NS}End/{NS}To"))
    if start is None:
        return None
    end = end or start
    if start == end:
        return start.strftime("%d %b %Y")
    if (start.month, start.day, end.month, end.day) == (1, 1, 12, 31):
        return str(start.year) if start.year == end.year else f"{start.year} to {end.year}"
    if start.day == 1 and start.year == end.year and start.month == end.month:
        return start.strftime("%b %Y")
    return f"{start.strftime('%d %b %Y')} to {end.strftime('%d %b %Y')}"


class _Reader:
    """The state of one import: reference values, locations, documents, parties, entries."""

    def __init__(self, path: Path, refusal: Refusal):
        self.path, self.refusal = path, refusal
        self.ref: dict[str, dict[str, ET.Element]] = {}
        self.locations: dict[str, dict] = {}
        self.documents: dict[str, list[Identifier]] = {}
        self.parties: dict[str, dict] = {}
        self.relations: list[tuple[str, str, str]] = []
        self.issued: dt.date | None = None

    def label(self, kind: str, ident: str | None) -> str | None:
        el = self.ref.get(kind, {}).get(ident or "")
        return el.text if el is not None else None

    # -- the sections, each called with a complete element --------------------------

    def reference_values(self, el: ET.Element) -> None:
        for values in el:
            kind = _local(values.tag).removesuffix("Values")
            self.ref[kind] = {v.get("ID", ""): v for v in values}

    def location(self, el: ET.Element, line: int) -> None:
        country = el.find(NS + "LocationCountry")
        parts = {self.label("LocPartType", p.get("LocPartTypeID")): p.findtext(f"{NS}LocationPartValue/{NS}Value") for p in el.findall(NS + "LocationPart")}
        area = el.find(NS + "LocationAreaCode")
        iso = self.label("AreaCode", area.get("AreaCodeID")) if area is not None else None
        self.locations[el.get("ID", "")] = dict(country=self.label("Country", country.get("CountryID")) if country is not None else None, parts=parts, iso=iso)

    def document(self, el: ET.Element, line: int) -> None:
        kind = self.label("IDRegDocType", el.get("IDRegDocTypeID")) or "document"
        number = (el.findtext(NS + "IDRegistrationNo") or "").strip()
        dates = [f"{(self.label('IDRegDocDateType', d.get('IDRegDocDateTypeID')) or 'date').lower()} {_period_text(p)}" for d in el.findall(NS + "DocumentDate") for p in d.findall(NS + "DatePeriod") if _period_text(p)]
        self.documents.setdefault(el.get("IdentityID", ""), []).append(
            Identifier(kind, number, self.label("Country", el.get("IssuedBy-CountryID")), "; ".join(dates) or None))

    def party(self, el: ET.Element, line: int) -> None:
        ref = el.get("FixedRef")
        profile = el.find(NS + "Profile")
        if not ref or profile is None:
            self.refusal.error("E604", self.path, line, "a DistinctParty without FixedRef or Profile")
            return
        sub = self.ref.get("PartySubType", {}).get(profile.get("PartySubTypeID", ""))
        kind = sub.text if sub is not None and sub.text in PARTY_TYPES else self.label("PartyType", sub.get("PartyTypeID") if sub is not None else None)
        src = Source(str(self.path), line, ref)
        names: list[tuple[str, str, bool]] = []
        identity_ids: list[str] = []
        for identity in profile.findall(NS + "Identity"):
            identity_ids.append(identity.get("ID", ""))
            groups = {g.get("ID"): self.label("NamePartType", g.get("NamePartTypeID")) for g in identity.iter(NS + "NamePartGroup")}
            for alias in identity.findall(NS + "Alias"):
                alias_kind = ALIAS_KINDS.get(self.label("AliasType", alias.get("AliasTypeID")) or "", "aka")
                if alias.get("LowQuality") == "true" and alias_kind == "aka":
                    alias_kind = "weak aka"
                for dn in alias.findall(NS + "DocumentedName"):
                    names.append((_compose(dn, groups), alias_kind, alias.get("Primary") == "true"))
        if not names:
            self.refusal.error("E604", self.path, line, f"DistinctParty {ref} has no name")
            return
        primary = next((n for n, _, p in names if p), names[0][0])
        ids: list[Identifier] = []
        dobs, nats, addresses, isos = [], [], [], []
        for feature in profile.findall(NS + "Feature"):
            ftype = self.label("FeatureType", feature.get("FeatureTypeID")) or "feature"
            for version in feature.findall(NS + "FeatureVersion"):
                value = self._feature_value(version)
                for loc in version.findall(NS + "VersionLocation"):
                    place = self.locations.get(loc.get("LocationID", ""))
                    if place is None:
                        self.refusal.error("E605", self.path, line, f"Location {loc.get('LocationID')} is not in <Locations>")
                        continue
                    if ftype == "Location":
                        if place["iso"] and place["iso"] not in isos:
                            isos.append(place["iso"])
                        p = place["parts"]
                        street = ", ".join(v for k, v in p.items() if k and k.startswith("ADDRESS") and v) or None
                        if street or place["country"] or p.get("CITY"):
                            addresses.append(Address(street=street, city=p.get("CITY"), state=p.get("STATE/PROVINCE"), postal_code=p.get("POSTAL CODE"), country=place["country"], source=src))
                    else:
                        value = value or ", ".join(v for v in (*place["parts"].values(), place["country"]) if v and v != "undetermined") or None
                if value is None or ftype == "Location":
                    continue
                if ftype == "Birthdate":
                    dobs.append(value)
                    ids.append(Identifier("DOB", value))
                elif ftype in ("Citizenship Country", "Nationality Country"):
                    nats.append(value)
                    ids.append(Identifier("nationality" if ftype.startswith("Nationality") else "citizenship", value))
                else:
                    ids.append(Identifier("POB" if ftype == "Place of Birth" else ftype, value))
        for iid in identity_ids:
            ids.extend(self.documents.get(iid, ()))
        self.parties[profile.get("ID", ref)] = dict(
            ref=ref, name=primary, type=PARTY_TYPES.get(kind or "", "unknown"), source=src, ids=ids, dobs=dobs, nats=nats, addresses=addresses, isos=isos,
            aliases=[Alias(n, k, src) for n, k, p in names if not (p and n == primary)], programs=[], lists=[], events=[], comment=(el.findtext(NS + "Comment") or "").strip() or None,
        )

    def _feature_value(self, version: ET.Element) -> str | None:
        period = version.find(NS + "DatePeriod")
        if period is not None:
            return _period_text(period)
        detail = version.find(NS + "VersionDetail")
        if detail is None:
            return None
        if detail.get("DetailReferenceID"):
            return self.label("DetailReference", detail.get("DetailReferenceID"))
        return (detail.text or "").strip() or None

    def relation(self, el: ET.Element, line: int) -> None:
        self.relations.append((el.get("From-ProfileID", ""), el.get("To-ProfileID", ""), self.label("RelationType", el.get("RelationTypeID")) or "related to"))

    def entry(self, el: ET.Element, line: int) -> None:
        party = self.parties.get(el.get("ProfileID", ""))
        if party is None:
            self.refusal.error("E605", self.path, line, f"SanctionsEntry {el.get('ID')} names profile {el.get('ProfileID')!r}, which is not a DistinctParty above")
            return
        list_name = self.label("List", el.get("ListID")) or el.get("ListID", "?")
        party["lists"].append(list_name)
        for event in el.findall(NS + "EntryEvent"):
            when = _date(event.find(NS + "Date"))
            if when is not None:
                party["events"].append((when, list_name, self.label("EntryEventType", event.get("EntryEventTypeID")) or "event"))
        for measure in el.findall(NS + "SanctionsMeasure"):
            program = (measure.findtext(NS + "Comment") or "").strip()
            if program and program not in party["programs"]:
                party["programs"].append(program)


def _compose(dn: ET.Element, groups: dict) -> str:
    """OFAC's own order: "LAST, First Middle" for individuals, the parts in order otherwise."""
    parts = [(groups.get(v.get("NamePartGroupID")), (v.text or "").strip()) for v in dn.iter(NS + "NamePartValue")]
    last = [t for k, t in parts if k == "Last Name" and t]
    rest = [t for k, t in parts if k != "Last Name" and t]
    return f"{' '.join(last)}, {' '.join(rest)}" if last and rest else " ".join(last + rest)


def import_ofac_xml(path: str | Path, *, as_of: dt.date | None = None, previous: Snapshot | None = None, allow_shrink: bool = False) -> Snapshot:
    """Read an advanced-XML file into one snapshot dated by its DateOfIssue, or refuse it."""
    path = Path(path)
    refusal = Refusal()
    reader = _Reader(path, refusal)
    handlers = {NS + "Location": reader.location, NS + "IDRegDocument": reader.document, NS + "DistinctParty": reader.party,
                NS + "ProfileRelationship": reader.relation, NS + "SanctionsEntry": reader.entry}
    parser: ET.XMLPullParser[ET.Element] = ET.XMLPullParser(events=("start", "end"))
    starts: dict[int, int] = {}  # id(element) -> the line its start tag was on
    depth, root_seen = 0, False
    raw = open_binary(path)
    with raw:
        skip = check_bom(path, raw.read(4096))
        raw.seek(0)
        hashing = HashingReader(raw)
        stream = io.BufferedReader(hashing, 1 << 16)
        line = 0
        try:
            for line, chunk in enumerate(stream, 1):
                if line == 1 and skip:
                    chunk = chunk[skip:]
                if b"<!DOCTYPE" in chunk or b"<!ENTITY" in chunk:
                    refusal.error("E609", path, line, "a DOCTYPE or ENTITY declaration")
                    break
                if line == 1 and (m := re.search(rb'encoding=["\']([A-Za-z0-9._-]+)', chunk)) and m.group(1).lower() not in (b"utf-8", b"utf8", b"us-ascii", b"ascii"):
                    refusal.error("E602", path, 1, f"the file declares encoding {m.group(1).decode()!r}; OFAC's XML is UTF-8")
                    break
                try:
                    chunk.decode("utf-8")  # expat would only say "not well-formed"; name the encoding problem
                except UnicodeDecodeError as e:
                    refusal.error("E602", path, line, f"byte 0x{chunk[e.start]:02X} is not UTF-8", e.start + 1)
                    break
                parser.feed(chunk)
                # the "start" and "end" events asked for carry an element each
                for event, el in cast("Iterator[tuple[str, ET.Element]]", parser.read_events()):
                    if event == "start":
                        depth += 1
                        if depth == 1:
                            root_seen = True
                            if el.tag != NS + "Sanctions":
                                refusal.error("E610", path, line, f"the root element is <{el.tag}>, not <Sanctions> in {NS[1:-1]}")
                                raise StopIteration
                        if el.tag in ITEMS or el.tag in TOP:
                            starts[id(el)] = line
                        continue
                    depth -= 1
                    if el.tag in ITEMS and depth == 2:
                        handlers[el.tag](el, starts.pop(id(el), line))
                        el.clear()
                    elif el.tag == NS + "DateOfIssue" and depth == 1:
                        reader.issued = _date(el)
                    elif el.tag == NS + "ReferenceValueSets" and depth == 1:
                        reader.reference_values(el)
            else:
                parser.close()
        except StopIteration:
            pass
        except ET.ParseError as e:
            refusal.error("E608", path, e.position[0], str(e).split(":")[0], e.position[1] + 1)
        sha = hashing.drain()
    if not refusal.failed and not root_seen:
        refusal.error("E608", path, max(1, line), "no XML element in the file")
    when = as_of or reader.issued
    if when is None and not refusal.failed:
        refusal.error("E604", path, 1, "no <DateOfIssue>, and no as_of date was given")
    check_size(refusal, path, len(reader.parties), len(previous.entries) if previous else None, allow_shrink)
    refusal.raise_if_any()
    assert when is not None  # E604 above refused a file with no date
    return _snapshot(reader, path, sha, when)


def _snapshot(reader: _Reader, path: Path, sha: str, when: dt.date) -> Snapshot:
    names = {pid: p["name"] for pid, p in reader.parties.items()}
    links: dict[str, list[str]] = {}
    for frm, to, _kind in reader.relations:
        if frm in names and to in names:
            links.setdefault(frm, []).append(names[to])
    out = []
    all_sdn = True
    for pid, p in reader.parties.items():
        codes = sorted({LIST_CODES.get(n, n) for n in p["lists"]})
        all_sdn = all_sdn and codes == ["SDN"]
        events = sorted(p["events"])
        extra = {"lists": "; ".join(codes)}
        if events:
            extra["entry_events"] = "; ".join(f"{d.isoformat()} {kind} ({lst})" for d, lst, kind in events)
        out.append(ListEntry(
            list="SDN" if codes == ["SDN"] else "NONSDN", entry_id=p["ref"], name=p["name"], type=p["type"], source=p["source"],
            programs=tuple(p["programs"]), aliases=tuple(p["aliases"]), addresses=tuple(p["addresses"]), identifiers=tuple(p["ids"]), countries=tuple(p["isos"]),
            dates_of_birth=tuple(p["dobs"]), nationalities=tuple(p["nats"]), remarks=p["comment"], linked_to=tuple(links.get(pid, ())),
            start_date=events[0][0] if events else None, extra=extra,
        ))
    return Snapshot(list="SDN" if all_sdn and out else "NONSDN", as_of=when, files=((path.name, sha),), entries=tuple(out), publisher=PUBLISHER, licence=LICENCE)
