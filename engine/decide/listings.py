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

import datetime as dt
from dataclasses import dataclass, field

from .. import model as M
from ..lists.catalog import Catalog
from ..lists.law import LISTING_PREDICATES, ListLaw, list_code
from ..lists.records import ListEntry, Snapshot
from ..lists.timeline import LISTED, UNDETERMINED, Status, Timeline
from ..match.identify import Query
from ..match.index import NameIndex
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
                    latest[(code, e.entry_id)] = e
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
        queries = [Query(d, _PARTY_KIND.get(t)) for _, t, d in names]
        out = CaseListings()
        for (name, typ, _), screening in zip(names, screen_names(self.index, queries, workers=1)):
            self.apply(M.Name(name), typ, screening, case.as_of, out, stated)
        return out

    def apply(self, party: M.Name, typ: str, screening: Screening, on: dt.date, out: CaseListings,
              stated: set = frozenset()) -> CaseListings:  # type: ignore[assignment]
        """Add to `out` the facts the screening's matches support about the party on the date."""
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
                would = f"whether {party} is the listed '{match.name}' ({code} entry {match.entry.entry_id}): confirm the identity"
            reason = f"{match.reason}; {status.reason}"
            atoms, cautions = self.law.facts(match.entry, party, typ, on)
            for atom in atoms:
                if atom.args and (atom.pred, atom.args[0]) in stated or atom in out.sources and out.sources[atom].holds == "true":
                    continue
                out.sources[atom] = ListedFact(atom, "true" if certain else "unknown", code, match.entry.entry_id, match.name,
                                               self.newest[(code, match.entry.entry_id)], match.kind, match.score, reason,
                                               would, tuple(cautions))
        out.true = [a for a, f in out.sources.items() if f.holds == "true"]
        out.unknown = [a for a, f in out.sources.items() if f.holds == "unknown"]
        named = {v.id for a in out.sources for v in a.args if isinstance(v, M.Name)}
        out.constants = {n: c for n, c in self.law.constants.items() if n in named}
        return out
