"""Typed records of the official lists, each keeping where it came from.

Every importer (OFAC legacy CSV, OFAC advanced XML, the Consolidated Screening List,
the BIS Denied Persons List) produces `ListEntry` records; nothing downstream reads a
list file. A record never becomes Writ text or solver text: `lists.facts` turns
records into dated model facts of predicates the statutes declare, and `match`
indexes their names.
"""

from __future__ import annotations

import datetime as dt
import dataclasses
from dataclasses import dataclass, field


@dataclass(frozen=True, slots=True)
class Source:
    """Where a record was read: the file, the line (1-based) and the record's own key."""

    file: str
    line: int
    record: str | None = None  # e.g. the OFAC ent_num, the CSL _id

    def __str__(self) -> str:
        return f"{self.file}:{self.line}" + (f" (record {self.record})" if self.record else "")


@dataclass(frozen=True, slots=True)
class Alias:
    name: str
    kind: str = "aka"  # aka | fka | nka | weak aka (OFAC's "low quality" a.k.a.)
    source: Source | None = None


@dataclass(frozen=True, slots=True)
class Address:
    street: str | None = None
    city: str | None = None  # OFAC's City/State/Postal column keeps them together
    state: str | None = None
    postal_code: str | None = None
    country: str | None = None  # as the list writes it (a name or an ISO code)
    source: Source | None = None


@dataclass(frozen=True, slots=True)
class Identifier:
    """An identifying detail as listed: a passport, a registration number, a date of birth..."""

    kind: str  # e.g. "Passport", "National ID No.", "Registration Number", "DOB", "POB", "nationality"
    value: str
    country: str | None = None
    note: str | None = None  # what the list adds: "issued 28 Jun 2010 expires 27 Jun 2020"


@dataclass(frozen=True, slots=True)
class ListEntry:
    """One entry of one list, as the list states it."""

    list: str  # SDN, NONSDN, EL, DPL, UVL, MEU, ISN, DTC, CMIC, PLC, SSI, CAP, MBS, ...
    entry_id: str  # the list's own number for it (ent_num, entity_number, or the CSL _id)
    name: str
    type: str  # individual | entity | vessel | aircraft | unknown
    source: Source
    programs: tuple[str, ...] = ()
    aliases: tuple[Alias, ...] = ()
    addresses: tuple[Address, ...] = ()
    identifiers: tuple[Identifier, ...] = ()
    countries: tuple[str, ...] = ()  # ISO-2 codes where the list gives them
    dates_of_birth: tuple[str, ...] = ()  # as written: "1956", "12 Jan 1960", "circa 1960"
    nationalities: tuple[str, ...] = ()
    title: str | None = None
    remarks: str | None = None
    linked_to: tuple[str, ...] = ()  # OFAC "Linked To:" names
    start_date: dt.date | None = None  # the listing's effective date, where the record gives it
    end_date: dt.date | None = None
    federal_register: tuple[str, ...] = ()  # e.g. ("84 FR 54002", "85 FR 44159")
    license_requirement: str | None = None  # Entity List: the License Requirement column, verbatim
    license_policy: str | None = None  # Entity List: the License Review Policy column, verbatim
    extra: dict[str, str] = field(default_factory=dict, hash=False, compare=False)

    def all_names(self) -> tuple[str, ...]:
        """The primary name first, then every alias."""
        return (self.name, *(a.name for a in self.aliases))


@dataclass(frozen=True, slots=True)
class Snapshot:
    """One list file set as published on a date: what a listing "as of" that date rests on."""

    list: str  # the list's short name, e.g. SDN
    as_of: dt.date  # the date the snapshot speaks for
    files: tuple[tuple[str, str], ...]  # (file name, sha256)
    entries: tuple[ListEntry, ...]
    publisher: str | None = None  # e.g. "OFAC, U.S. Department of the Treasury"
    licence: str | None = None  # "public domain (U.S. Government work)" or the compaction's licence

    @property
    def digest(self) -> str:
        """One hash over the snapshot's files, to say which data an answer rests on."""
        import hashlib

        h = hashlib.sha256()
        for name, sha in sorted(self.files):
            h.update(f"{name}\0{sha}\n".encode())
        return h.hexdigest()


def _fast_pickle(cls):
    """Pickle a record as (class, field values): the dataclass default for slotted classes
    calls `fields()` per object and made loading a cached 15k-entry list take seconds."""
    names = tuple(f.name for f in dataclasses.fields(cls))

    def __reduce__(self):
        return (cls, tuple(getattr(self, n) for n in names))

    cls.__reduce__ = __reduce__
    return cls


for _cls in (Source, Alias, Address, Identifier, ListEntry, Snapshot):
    _fast_pickle(_cls)
