"""Screening: many parties against the loaded lists, each row decided by the law.

A row is a party (a name, and where known its type, country, date of birth and an identity
number). Its name is matched against the lists (`match`), the matches become the listing
facts of a one-party case on the screening date (`decide.listings`), and the law decides
that case: is the party blocked (31 CFR 583.201 and the 50 percent rule need a listing
with the GLOMAG tag), is it on the Entity List, the SDN list, a non-SDN list, the Denied
Persons List. Every row gets a status and the reason for it:

    blocked         the law concludes the party is blocked
    listed          the party is on a list (an exact match, in effect on the date), not blocked
    possible match  a listed name is similar, not equal: confirm the identity to decide
    undetermined    an exact match, but the lists cannot settle the date (what would, is said)
    clear           no listed name matches

Rows whose facts are the same up to the party's name have the same answers (the law looks
only at the facts), so each such shape is decided once and its answers are shared.
"""

from __future__ import annotations

import datetime as dt
from dataclasses import dataclass, field
from typing import Callable, Iterable, Sequence

from pydantic import BaseModel, Field

from .. import model as M
from ..core.diagnostics import Span
from ..decision import Answer
from ..match.identify import Query
from ..match.screen import screen_names
from .listings import CaseListings, Listings

PARTY = M.Name("party")  # the one party of a screening case
_TYPES = {"person": "person", "individual": "person", "entity": "entity", "company": "entity",
          "organisation": "entity", "organization": "entity", "vessel": "party", "aircraft": "party", "": "party"}
_QUERY_KIND = {"person": "individual", "entity": "entity"}
STATUSES = ("blocked", "listed", "possible match", "undetermined", "clear")


class ScreenRow(BaseModel):
    """One screened party: the input columns, and what the lists and the law say of it."""

    row: int = Field(description="the row's number in the input, from 1")
    columns: dict[str, str] = Field(description="the input row as given")
    status: str = Field(description="blocked | listed | possible match | undetermined | clear")
    lists: list[str] = Field(default_factory=list, description="the lists the party is (or may be) on, e.g. SDN, EL")
    programs: list[str] = Field(default_factory=list, description="OFAC program tags of the matched entries")
    entry: list[str] = Field(default_factory=list, description="the matched entries, as LIST:ID")
    score: float | None = Field(default=None, description="the best match's score, 0-100")
    reason: str = Field(description="why, in a sentence or two: the law's answer and the match behind it")
    cautions: list[str] = Field(default_factory=list)


@dataclass
class Party:
    name: str
    type: str = "party"  # person | entity | party
    country: str | None = None
    dob: str | None = None
    ids: tuple[str, ...] = ()
    columns: dict[str, str] = field(default_factory=dict)

    @classmethod
    def from_row(cls, row: dict[str, str]) -> "Party":
        get = {k.strip().lower(): (v or "").strip() for k, v in row.items() if k is not None}
        kind = _TYPES.get(get.get("type", "").lower(), "party")
        ids = tuple(x for x in (get.get("id", ""),) if x)
        return cls(get.get("name", ""), kind, get.get("country") or None, get.get("dob") or None, ids, dict(row))

    def query(self) -> Query:
        return Query(self.name, _QUERY_KIND.get(self.type), self.dob, self.country, self.ids)


# decides a batch of one-party cases, each with the listing facts its party's matches support
DecideBatch = Callable[[Sequence[tuple[M.Case, CaseListings]]], list]


class Screener:
    """The lists indexed and the law loaded once; `screen` decides rows in batches."""

    def __init__(self, law: M.Law, listings: Listings, decide: DecideBatch):
        self.law = law
        self.listings = listings
        self.decide = decide
        self.questions = [q for q in ("blocked", "el_restricted") if q in law.predicates]

    def screen(self, parties: Sequence[Party], as_of: dt.date, workers: int = 2,
               progress: Callable[[int], None] | None = None) -> list[ScreenRow]:
        screenings = screen_names(self.listings.index, [p.query() for p in parties], workers=workers)
        shapes: dict[tuple, tuple[M.Case, CaseListings]] = {}
        row_shape: list[tuple[tuple, CaseListings]] = []
        for party, screening in zip(parties, screenings):
            facts = self.listings.apply(PARTY, party.type, screening, as_of, CaseListings())
            key = (party.type, frozenset(facts.true), frozenset(facts.unknown))
            if key not in shapes:
                shapes[key] = (self._case(party.type, as_of, facts), facts)
            row_shape.append((key, facts))
        keys = list(shapes)
        decided = self.decide([shapes[k] for k in keys])
        answers = {k: d for k, d in zip(keys, decided)}
        rows = []
        for n, (party, screening, (key, facts)) in enumerate(zip(parties, screenings, row_shape), start=1):
            rows.append(self._row(n, party, screening, facts, answers[key]))
            if progress and n % 1000 == 0:
                progress(1000)
        if progress:
            progress(len(parties) % 1000)
        return rows

    def _case(self, typ: str, as_of: dt.date, facts: CaseListings) -> M.Case:
        constants = {PARTY.id: M.Constant(PARTY.id, typ, "the party", _SPAN, "screen"), **facts.constants}
        questions = [M.GroundAtom(q, (PARTY,)) for q in self.questions if self.law.predicates[q].params
                     and self.law.is_subtype(typ if typ != "party" else "entity", self.law.predicates[q].params[0][1])]
        return M.Case("screen", "screening", as_of, [], [], questions, constants, _SPAN, "<screen>")

    def _row(self, n: int, party: Party, screening, facts: CaseListings, decision) -> ScreenRow:
        answers = {r.question: r for r in decision.results} if decision is not None else {}
        blocked = answers.get(f"blocked({PARTY.id})")
        restricted = answers.get(f"el_restricted({PARTY.id})")
        sources = list(facts.sources.values())
        lists = sorted({s.list for s in sources})
        programs = sorted({str(a.args[1]) for a in facts.sources if a.pred in ("listed_sdn", "listed_non_sdn")})
        programs = [self.listings.law.program_tag(p) for p in programs]
        entries = sorted({f"{s.list}:{s.entry_id}" for s in sources})
        best = max((s.score for s in sources), default=None) if sources else (max((m.score for m in screening.matches), default=None))
        cautions = sorted({c for s in sources for c in s.cautions})
        outcome = getattr(decision, "outcome", None)
        if decision is None or (outcome is not None and getattr(outcome, "kind", "decided") != "decided"):
            status, reason = "undetermined", "the law could not be applied to this row: " + str(getattr(outcome, "reason", "no decision"))
        elif blocked is not None and blocked.answer is Answer.yes:
            status = "blocked"
            reason = f"blocked: {blocked.reading.replace('the party', party.name)} (" + "; ".join(g.cite or g.id for g in blocked.grounds) + "); " + _first(sources)
        elif facts.true:
            status = "listed"
            what = ", ".join(lists)
            extra = " A license is required for items subject to the EAR (15 CFR 744.11)." if restricted is not None and restricted.answer is Answer.yes else ""
            reason = f"on {what}, not blocked under the Global Magnitsky regulations; {_first(sources)}.{extra}"
        elif facts.unknown:
            possible = [s for s in sources if s.match == "possible"]
            status = "possible match" if possible else "undetermined"
            s = (possible or sources)[0]
            reason = f"{s.text}"
        elif facts.not_in_effect:
            status, reason = "clear", "; ".join(facts.not_in_effect)
        else:
            status, reason = "clear", "no listed name or alias matches the name" + (
                " (candidates ruled out: " + "; ".join(m.reason for m in screening.ruled_out[:2]) + ")" if screening.ruled_out else "")
        return ScreenRow(row=n, columns=party.columns, status=status, lists=lists, programs=programs, entry=entries,
                         score=best, reason=reason, cautions=cautions)


_SPAN = Span("<screen>", 1, 1, 1, 1)


def _first(sources) -> str:
    """The source to cite first: a listing that holds before one that may."""
    ranked = sorted(sources, key=lambda s: (s.holds != "true", s.list, s.entry_id))
    return ranked[0].text if ranked else ""


def parties_from_rows(rows: Iterable[dict[str, str]]) -> list[Party]:
    return [Party.from_row(r) for r in rows]
