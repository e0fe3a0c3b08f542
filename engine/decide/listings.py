"""The official lists applied to a case: every party the case names is matched against the
loaded lists, and each listing it holds on the case's date becomes a fact of the case.

A user names a party (`entity hetian_taida "Hetian Taida Apparel Co., Ltd."`) and types no
listing fact: the lists say whether it is listed, under which list entry, since when.

- An exact match of the party's name to a listed name or alias (after normalisation, with no
  identifying detail ruling it out) makes the entry's facts the case's, from the listing's
  effective date: true where the snapshots and dates settle it, unknown (undetermined) where
  they do not, with what would settle it (the listing's effective date, a newer snapshot).
- A possible match (similar, not equal) makes them unknown: the answer is undetermined and
  says that confirming the party's identity with the entry would decide it. Never silently
  listed.
- What the case itself states of a listing (`listed_sdn(xpsb, glomag) from 2020-07-09.`, or
  its denial) is the writer's evidence and is not overridden: for that party and predicate the
  lists add nothing.

Every fact made here keeps its source (list, entry, the name as listed, the snapshot, the
Federal Register rule), which explanations cite.
"""

from __future__ import annotations

import dataclasses
import datetime as dt
from dataclasses import dataclass, field

from .. import model as M
from ..lists.catalog import Catalog
from ..lists.law import LISTING_PREDICATES, ListLaw, list_code
from ..lists.records import ListEntry, Snapshot
from ..lists.timeline import LISTED, UNDETERMINED, Status, Timeline
from ..match.identify import Query
from ..match.index import NameIndex
from ..match.score import Match
from ..match.screen import Screening, screen_names

# the predicates a listing makes true: a case stating one of them about a party takes charge of it
_PARTY_KIND = {"person": "individual", "entity": "entity"}


@dataclass(frozen=True)
class ListedFact:
    """Why a fact about a party holds (or may hold): the entry behind it."""

    atom: M.GroundAtom
    holds: str  # "true" | "unknown"
    list: str
    entry_id: str
    listed_name: str  # the name or alias as the list writes it
    snapshot: dt.date  # the newest snapshot that holds the entry
    match: str  # exact | confirmed | possible
    score: float  # 0-100
    reason: str  # the match's reason, and the status's
    would_decide: str | None = None
    cautions: tuple[str, ...] = ()
    confirmed_by: tuple[str, ...] = ()  # the identifiers that confirmed the match, as sentences
    federal_register: tuple[str, ...] = ()  # the rules the entry's record cites ("85 FR 44159")
    start: dt.date | None = None  # the listing's effective date, where the record or its rule gives it

    @property
    def text(self) -> str:
        """One line for an explanation: which entry, which snapshot, how matched and dated."""
        s = f"{self.list} entry {self.entry_id}, listed as '{self.listed_name}' (snapshot of {self.snapshot.isoformat()}): {self.reason}"
        return s + (f"; what would decide it: {self.would_decide}" if self.would_decide else "")


@dataclass
class CaseListings:
    true: list[M.GroundAtom] = field(default_factory=list)
    unknown: list[M.GroundAtom] = field(default_factory=list)
    sources: dict[M.GroundAtom, ListedFact] = field(default_factory=dict)
    constants: dict[str, M.Constant] = field(default_factory=dict)  # programs and policies the facts name
    not_in_effect: list[str] = field(default_factory=list)  # matches whose listing does not hold on the date, and why
    # (predicate, party) -> why a name match was ruled out by an identifier: the explanation of a "no" says so
    ruled_out: dict[tuple[str, M.Name], str] = field(default_factory=dict)


class Listings:
    """The lists of a catalog, indexed once, ready to be applied to cases."""

    def __init__(self, law: M.Law, catalog: Catalog):
        by_list: dict[str, list[Snapshot]] = {}
        for snap in catalog.snapshots():
            if snap.list == "CSL":  # the Consolidated Screening List holds several lists: split it
                for code in sorted({list_code(e) for e in snap.entries}):
                    part = tuple(e for e in snap.entries if list_code(e) == code)
                    by_list.setdefault(code, []).append(Snapshot(code, snap.as_of, snap.files, part, snap.publisher, snap.licence))
            else:
                by_list.setdefault(list_code(snap.entries[0]) if snap.entries else snap.list, []).append(snap)
        self.timelines = {code: Timeline(snaps) for code, snaps in by_list.items()}
        latest: dict[tuple[str, str], ListEntry] = {}
        newest: dict[tuple[str, str], dt.date] = {}
        for code, snaps in by_list.items():
            for snap in sorted(snaps, key=lambda s: s.as_of):
                for e in snap.entries:
                    latest[(code, e.entry_id)] = _with_details(e, latest.get((code, e.entry_id)))
                    newest[(code, e.entry_id)] = snap.as_of
        self.newest = newest
        self.entries = latest
        self.index = NameIndex(latest.values())
        self.law = ListLaw(law, {code: max(s.as_of for s in snaps) for code, snaps in by_list.items()})
        self.law.register(latest.values())
        # what the statutes themselves state of a listing (the hand-checked Entity List entries of
        # part744/entity_list.writ) is the law's word: the lists add nothing for that party and predicate
        self.law_stated = {(f.atom.pred, f.atom.args[0]) for f in law.facts if f.atom.pred in LISTING_PREDICATES and f.atom.args}

    def for_case(self, case: M.Case, parties: dict[str, tuple[str, str]]) -> CaseListings:
        """The listing facts of the case's parties on its date.

        Args:
            case: the checked case.
            parties: constant name -> (type, display name) of every party the case names.
        """
        stated = self.law_stated | {(f.atom.pred, f.atom.args[0]) for f in case.facts if f.atom.pred in LISTING_PREDICATES and f.atom.args}
        names = [(n, t, d) for n, (t, d) in sorted(parties.items()) if d]
        queries = [query_of(d, _PARTY_KIND.get(t), [i for i in case.identifiers if i.party == n]) for n, t, d in names]
        out = CaseListings()
        for (name, typ, _), query, screening in zip(names, queries, screen_names(self.index, queries, workers=1)):
            screening = self.by_entry_number(query, screening)
            self.apply(M.Name(name), typ, screening, case.as_of, out, stated)
        return out

    def by_entry_number(self, query: Query, screening: Screening) -> Screening:
        """The screening with the entry the party's list entry number names, when its name did not
        find it: the case writer's entry number is evidence of identity (confirmed), and the reason
        shows the entry's listed name beside the party's."""
        if not query.entry_id or any(m.entry.entry_id == query.entry_id for m in screening.matches):
            return screening
        found = [e for (code, eid), e in self.entries.items() if eid == query.entry_id and query.entry_list in (None, e.list, code)]
        if len(found) != 1:
            return screening
        [entry] = found
        kind = f"{query.entry_list or list_code(entry)} entry number"
        match = Match(entry, entry.name, False, 0.0, "confirmed",
                      f"the case identifies the party by its {kind} {entry.entry_id}, listed as '{entry.name}' "
                      f"(the name '{query.name}' is not one of the entry's names)", (f"the {kind} {entry.entry_id}",))
        ruled = tuple(m for m in screening.ruled_out if m.entry is not entry)
        return Screening(screening.query, screening.exact, (match, *screening.possible), ruled)

    def apply(self, party: M.Name, typ: str, screening: Screening, on: dt.date, out: CaseListings,
              stated: set = frozenset()) -> CaseListings:  # type: ignore[assignment]
        """Add to `out` the facts the screening's matches support about the party on the date."""
        for match in screening.ruled_out:  # a name match an identifier ruled out: a "no" says which
            atoms, _ = self.law.facts(match.entry, party, typ, on)
            for atom in atoms:
                out.ruled_out.setdefault((atom.pred, party), f"{list_code(match.entry)} entry {match.entry.entry_id} "
                                         f"is not {party}: {match.reason}")
        for match in screening.matches:
            code = list_code(match.entry)
            timeline = self.timelines.get(code)
            status = timeline.status(match.entry.entry_id, on) if timeline else Status(UNDETERMINED, on, "no timeline")
            if status.state not in (LISTED, UNDETERMINED):
                out.not_in_effect.append(f"{code} entry {match.entry.entry_id}, listed as '{match.name}', matches "
                                         f"({match.reason}), but is not listed on {on.isoformat()}: {status.reason}")
                continue
            certain = match.kind in ("exact", "confirmed") and status.state == LISTED
            would = status.would_decide if status.state == UNDETERMINED else None
            if match.kind == "possible":
                would = (f"whether {party} is the listed '{match.name}' ({code} entry {match.entry.entry_id}): confirm the identity"
                         + would_identify(party, match.entry))
            reason = f"{match.reason}; {status.reason}"
            atoms, cautions = self.law.facts(match.entry, party, typ, on)
            start = timeline.history(match.entry.entry_id).start if timeline else None
            for atom in atoms:
                if (atom.args and (atom.pred, atom.args[0]) in stated) or (atom in out.sources and out.sources[atom].holds == "true"):
                    continue
                out.sources[atom] = ListedFact(atom, "true" if certain else "unknown", code, match.entry.entry_id, match.name,
                                               self.newest[(code, match.entry.entry_id)], match.kind, match.score, reason,
                                               would, tuple(cautions), match.confirms,
                                               tuple(match.entry.federal_register), start)
        out.true = [a for a, f in out.sources.items() if f.holds == "true"]
        out.unknown = [a for a, f in out.sources.items() if f.holds == "unknown"]
        named = {v.id for a in out.sources for v in a.args if isinstance(v, M.Name)}
        out.constants = {n: c for n, c in self.law.constants.items() if n in named}
        return out


def query_of(name: str, kind: str | None, identifiers: list[M.Identifier]) -> Query:
    """What list matching is told of a party: its name, type and the case's identifiers of it."""
    by = {k: [i for i in identifiers if i.kind == k] for k in M.IDENTIFIER_KINDS}
    entry = next(iter(by["sdn_uid"] + by["csl_id"]), None)
    nationalities = tuple(i.display or i.value for i in by["nationality"])
    numbers = tuple(i.value for k in ("passport", "national_id", "registration", "tax_id", "imo") for i in by[k])
    return Query(name, kind, by["date_of_birth"][0].value if by["date_of_birth"] else None,
                 nationalities[0] if nationalities else None, numbers, entry.value if entry else None,
                 M.ENTRY_KINDS.get(entry.kind) if entry else None, nationalities[1:])


def would_identify(party: M.Name, entry: ListEntry) -> str:
    """What the entry gives that a case could state to decide whether the party is it."""
    known = [f"date of birth {', '.join(entry.dates_of_birth)}"] if entry.dates_of_birth else []
    known += [f"nationality {', '.join(entry.nationalities)}"] if entry.nationalities else []
    numbers = [f"{i.kind} {i.value}" for i in entry.identifiers if i.kind.lower() not in ("dob", "pob", "gender", "nationality")]
    known += numbers[:3]
    kind = "sdn_uid" if entry.list == "SDN" else "csl_id"
    example = f"identify {party} by {kind} {entry.entry_id if kind == 'sdn_uid' else chr(34) + entry.entry_id + chr(34)}"
    return (f" (the entry gives {'; '.join(known)}: state the party's own with `identify {party} by ...`, "
            f"or `{example}` if it is the entry)" if known else f" (`{example}` if it is the entry)")


def _with_details(entry: ListEntry, older: ListEntry | None) -> ListEntry:
    """The newer record of an entry, with the identifying details an older record of it gives and
    it lacks: the CSL compaction keeps no dates of birth, the SDN files of earlier dates do."""
    if older is None:
        return entry
    keep = {f: getattr(older, f) for f in ("dates_of_birth", "nationalities", "identifiers")
            if not getattr(entry, f) and getattr(older, f)}
    return dataclasses.replace(entry, **keep) if keep else entry
