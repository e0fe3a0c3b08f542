"""The loaded lists as the law's data: which facts a matched list entry makes true on a date.

The statutes declare the predicates (`listed_sdn`, `listed_non_sdn`, `entity_listed`,
`el_policy_of`, `el_all_items`, `el_citation`, `el_footnote`, `subject_to_denial_order`);
this module says, for one list entry and one party it was matched to, which instances of
them the entry supports, and from when. Nothing here is Writ text or solver text: the
results are model atoms and model law (constants and provisions), checked against the
vocabulary as they are built.

What each list means in the law:
- SDN (OFAC's Specially Designated Nationals list): `listed_sdn(P, G)` for each program tag.
- OFAC's non-SDN lists (NS-CMIC and others): `listed_non_sdn(P, G)`.
- The Entity List (Supplement No. 4 to part 744, from the Consolidated Screening List):
  `entity_listed(P, C)` for each country of the entry, the License Requirement
  (`el_all_items`), the review policy (`el_policy_of` a policy read by `el_policy`), the
  Federal Register rules that added and amended it (`el_citation`) and its footnotes.
- The Denied Persons List: `subject_to_denial_order(P)`.

A review policy becomes a constant with its verbatim text as its display name, and its facts
(`el_default_policy`, `el_case_by_case_eccn`, `el_case_by_case_scope`) come with the entry's;
a policy text `el_policy` does not fully read is kept, and the facts carry a caution, so every
answer relying on them shows it. The law itself is not changed by the lists: they are data
the case's facts are drawn from, each fact with its source.
"""

from __future__ import annotations

import datetime as dt
import functools
import hashlib
import re
from dataclasses import dataclass, field

from .. import model as M
from ..core.diagnostics import Span
from .el_policy import SCOPES, Policy, Requirement, parse_policy, parse_requirement
from .records import ListEntry

# every predicate whose facts the lists add (ListLaw.facts): a question resting on none of them needs no lists
LISTING_PREDICATES = ("listed_sdn", "listed_non_sdn", "entity_listed", "el_all_items", "el_policy_of",
                      "el_citation", "el_footnote", "subject_to_denial_order")

# the infectious-disease clause was written into the Xinjiang entries by 85 FR 44159, effective
# 2020-07-22 (lists/fr_dates.py); before that no entry had it
CLAUSE_FROM = {"infectious_disease_items": (dt.date(2020, 7, 22), "85 FR 44159")}

# program tags whose program the statutes already name
KNOWN_PROGRAMS = {"GLOMAG": "glomag", "MAGNIT": "magnit", "CMIC-EO13959": "ns_cmic"}

_SPAN = Span("<lists>", 1, 1, 1, 1)


@functools.lru_cache(maxsize=4096)
def _policy(text: str) -> Policy:
    return parse_policy(text)


@functools.lru_cache(maxsize=4096)
def _requirement(text: str | None) -> Requirement:
    return parse_requirement(text)


def slug(text: str) -> str:
    return re.sub(r"[^a-z0-9]+", "_", text.lower()).strip("_") or "x"


@dataclass
class ListLaw:
    """The constants and provisions the loaded lists add to a law, and the facts of an entry."""

    law: M.Law
    snapshot_of: dict[str, dt.date]  # list code -> the date of the newest snapshot read
    constants: dict[str, M.Constant] = field(default_factory=dict)
    _programs: dict[str, str] = field(default_factory=dict)
    _policies: dict[str, str] = field(default_factory=dict)  # policy text -> constant
    _countries: dict[str, str] = field(default_factory=dict)  # ISO code -> country constant

    def __post_init__(self) -> None:
        for atom, in ((f.atom,) for f in self.law.facts if f.atom.pred == "iso_code"):
            self._countries[atom.args[1]] = atom.args[0].id  # type: ignore[union-attr,index]

    # ---- law the lists add ----------------------------------------------------------------
    def program(self, tag: str) -> str:
        """The program constant of an OFAC program tag (a new one for a tag the statutes do not name)."""
        if tag not in self._programs:
            name = KNOWN_PROGRAMS.get(tag) or f"program_{slug(tag)}"
            if name not in self.law.constants and name not in self.constants:
                self.constants[name] = M.Constant(name, "program", tag, _SPAN, None, "lists")
            self._programs[tag] = name
        return self._programs[tag]

    def policy(self, text: str, on: dt.date) -> tuple[str, list[M.GroundAtom], list[str]]:
        """The el_policy constant of a License Review Policy text, its facts on a date, and the
        cautions every answer relying on it must show."""
        parsed = _policy(text)
        name = self._policies.get(text)
        if name is None:
            name = self._policies[text] = "el_policy_" + hashlib.sha256(text.encode()).hexdigest()[:10]
            self.constants[name] = M.Constant(name, "el_policy", text, _SPAN, None, "lists")
        facts: list[M.GroundAtom] = []
        skipped: list[str] = []
        for pred, args in parsed.facts(name):
            known = [a == name or a in self.law.constants or (pred == "el_case_by_case_scope" and a in SCOPES) for a in args]
            if not all(known):
                skipped += [a for a, k in zip(args, known) if not k]
                continue
            start = CLAUSE_FROM.get(args[1], (None,))[0] if pred == "el_case_by_case_scope" else None
            if start is not None and on < start:
                continue
            for a in args:
                if a not in self.law.constants and a in SCOPES:
                    self.constants.setdefault(a, M.Constant(a, "item_scope", SCOPES[a], _SPAN, None, "lists"))
            facts.append(M.GroundAtom(pred, tuple(M.Name(a) for a in args)))
        cautions = []
        if not parsed.understood:
            cautions.append("Writ did not fully read this Entity List review policy; the words it could not read are: "
                            + "; ".join(f"'{u}'" for u in parsed.unparsed) + ". Read the policy itself: " + text)
        if skipped:
            cautions.append("The Entity List review policy names items Writ's Commerce Control List does not hold ("
                            + ", ".join(sorted(set(skipped))) + "); for those the policy was not applied.")
        if parsed.by_reference:
            cautions.append("The Entity List review policy refers to " + ", ".join(parsed.sections)
                            + " for the policy; that section's policy is not applied here.")
        return name, facts, cautions

    # ---- the facts one entry supports -------------------------------------------------------
    def facts(self, entry: ListEntry, party: M.Name, party_type: str, on: dt.date) -> tuple[list[M.GroundAtom], list[str]]:
        """The facts the entry supports about the party it names on a date, and the cautions
        they carry (whether the listing holds on the date is the timeline's business)."""
        code = _list_code(entry)
        if code == "SDN":
            return [M.GroundAtom("listed_sdn", (party, M.Name(self.program(g)))) for g in entry.programs], []
        if code == "NONSDN":
            return [M.GroundAtom("listed_non_sdn", (party, M.Name(self.program(g)))) for g in entry.programs], []
        if code == "DPL" and "subject_to_denial_order" in self.law.predicates:
            return [M.GroundAtom("subject_to_denial_order", (party,))], []
        if code == "EL" and "entity_listed" in self.law.predicates and self.law.is_subtype(party_type, "entity"):
            out = [M.GroundAtom("entity_listed", (party, M.Name(c))) for c in self.countries(entry)]
            if not out:
                return [], []
            cautions: list[str] = []
            requirement = _requirement(entry.license_requirement)
            if requirement.all_items:
                out.append(M.GroundAtom("el_all_items", (party,)))
            elif entry.license_requirement:
                cautions.append("The entry's License Requirement is not 'all items subject to the EAR'; Writ applies no "
                                "license requirement from it. The requirement reads: " + entry.license_requirement)
            if entry.license_policy:
                name, policy_facts, policy_cautions = self.policy(entry.license_policy, on)
                out.append(M.GroundAtom("el_policy_of", (party, M.Name(name))))
                out += policy_facts
                cautions += policy_cautions
            for cit in entry.federal_register:
                out.append(M.GroundAtom("el_citation", (party, cit)))
            for n in sorted(set(requirement.footnotes)):
                out.append(M.GroundAtom("el_footnote", (party, n)))
            if len(entry.federal_register) > 1:
                cautions.append(f"The entry is read as the list of {self.snapshot_of.get('EL', on).isoformat()} states it; "
                                f"it cites {len(entry.federal_register)} rules ({'; '.join(entry.federal_register)}), so its "
                                "license requirement or review policy may have been amended since it was first added: "
                                "check the entry as it stood on the date asked.")
            return out, cautions
        return [], []

    def program_tag(self, constant: str) -> str:
        """The OFAC tag of a program constant ("glomag" -> "GLOMAG")."""
        return next((t for t, c in self._programs.items() if c == constant), constant)

    def register(self, entries) -> None:
        """Give every program tag of the entries its constant."""
        for e in entries:
            code = _list_code(e)
            if code in ("SDN", "NONSDN"):
                for g in e.programs:
                    self.program(g)

    def countries(self, entry: ListEntry) -> list[str]:
        return sorted({self._countries[c] for c in entry.countries if c in self._countries})


def _list_code(entry: ListEntry) -> str:
    """SDN, NONSDN (OFAC's other lists, wherever read), EL, DPL, or the list's own code."""
    if entry.list in ("SDN", "EL", "DPL", "NONSDN"):
        return entry.list
    if entry.list in ("CMIC", "PLC", "SSI", "CAP", "MBS", "FSE", "NS-MBS", "NS-ISA"):
        return "NONSDN"
    return entry.list


def list_code(entry: ListEntry) -> str:
    return _list_code(entry)
