"""Read an Entity List entry's License Review Policy and License Requirement into a structure.

The policy column is English ("Case-by-case review for ECCNs 1A004.c, 1A004.d, ... and for
EAR99 items described in the Note to ECCN 1A995; ...; and presumption of denial for all
other items subject to the EAR."). This module reads the forms the list uses into the
shape `statutes/ear/part744/entity_list.writ` encodes: a default policy for all other
items (`el_default_policy`), the ECCNs and item scopes with case-by-case review
(`el_case_by_case_eccn`, `el_case_by_case_scope`), the requirement's reach
(`el_all_items`) and the footnotes the CSL marks (`el_footnote`). The text is kept
verbatim beside the result. A clause no pattern reads is named in `unparsed` and the
result is `understood=False`: that becomes a caution on every answer relying on it,
never a silent drop.
"""

from __future__ import annotations

import re
from dataclasses import dataclass, field

# license_policy constants of statutes/ear/vocabulary.writ; policy_of_denial is not declared there yet
POLICIES = {"presumption_of_denial", "case_by_case", "presumption_of_approval", "policy_of_denial"}
DECLARED_POLICIES = {"presumption_of_denial", "case_by_case", "presumption_of_approval", "favorable_case_by_case"}

# item scopes: constant -> reading. The first two are declared in vocabulary.writ; the others
# are new and must be declared by the integration before their facts are emitted.
SCOPES = {
    "note_1a995_items": "EAR99 items described in the Note to ECCN 1A995",
    "infectious_disease_items": "items necessary to detect, identify and treat infectious disease",
    "ccl_items": "items listed on the CCL",
    "ear99_items": "EAR99 items",
    "ear99_food_and_medicine": "food and medicine designated as EAR99",
    "iss_items": "items for U.S. Government supported use in the International Space Station (ISS)",
    "us_government_space_programs": "items for U.S. Government supported space programs",
    "civil_aviation_safety_items": "licenses for the safety of civil aviation of aircraft",
    "telecom_and_consumer_communications_items": "telecommunications infrastructure items described in Category 5 Part 1 or Category 5 Part 2 and consumer communications devices identified in § 740.19",
    "wafer_200mm_items": "items designed for production of 200mm wafers destined to a 200mm wafer production facility",
}
DECLARED_SCOPES = {"note_1a995_items", "infectious_disease_items"}

ECCN = re.compile(r"^\d[a-e]\d{3}(?:\.[a-z0-9]+)*$")
_ONE = r"\d{3}\.\d+[a-z]?(?:\s?\([a-z0-9]+\))*"
_OF = r"(?:\s+of\s+(?:the\s+ear|this\s+part))?"
SECTION = r"§§?\s?" + _ONE + _OF + r"(?:[,\s]+(?:and\s+)?(?:§\s?)?" + _ONE + _OF + r")*"
SEE = re.compile(r"\(?see\s*(?:part\s*)?" + SECTION + r"\.?\)?\.?", re.I)
SECTION_REF = re.compile(r"(\d{3}\.\d+(?:\s?\([a-z0-9]+\))*)")
# the CSL prints footnote marks as a bare digit after a section or "EAR": "734.9(e)1", "EAR)2", "734.9(g),3"
FOOTNOTE = re.compile(r"(?:(?<=\))|(?<=\),)|(?<=\), )|(?<=\) )|(?<=EAR)|(?<=EAR ))([1-5])(?!\d|\.\d|\()")


def eccn_constant(eccn: str) -> str:
    """ "1A004.c" -> "eccn_1a004_c", the constant naming rule of vocabulary.writ."""
    return "eccn_" + eccn.lower().replace(".", "_")


@dataclass(frozen=True)
class Requirement:
    """What the License Requirement column says."""

    text: str
    all_items: bool = False  # "For all items subject to the EAR"
    sections: tuple[str, ...] = ()  # "744.11", "734.9(g)"
    footnotes: tuple[int, ...] = ()
    license_exceptions: tuple[str, ...] = ()  # "GOV" where "may be overcome by License Exception GOV"
    worldwide: bool = False  # "also extend to ... the entity wherever located worldwide"
    understood: bool = True
    unparsed: tuple[str, ...] = ()


@dataclass(frozen=True)
class Policy:
    """What the License Review Policy column says, in the statutes' shape."""

    text: str
    default: str | None = None  # license_policy constant for all other items
    case_by_case_eccns: tuple[str, ...] = ()  # as the CCL prints them
    case_by_case_scopes: tuple[str, ...] = ()  # item_scope constants (SCOPES)
    sections: tuple[str, ...] = ()  # "See § 744.2(d)": the policy is stated there
    footnotes: tuple[int, ...] = ()
    notes: tuple[str, ...] = ()  # how an evident slip was read ("casa-by-case")
    understood: bool = True
    unparsed: tuple[str, ...] = ()

    @property
    def by_reference(self) -> bool:
        """The column only points at a section (e.g. "See §744.2(d)"), which then states the policy."""
        return self.default is None and not self.case_by_case_eccns and not self.case_by_case_scopes and bool(self.sections)

    def facts(self, name: str) -> list[tuple[str, tuple[str, ...]]]:
        """The el_policy facts for a policy constant `name`, as (predicate, arguments)."""
        out: list[tuple[str, tuple[str, ...]]] = [("el_case_by_case_eccn", (name, eccn_constant(e))) for e in self.case_by_case_eccns]
        out += [("el_case_by_case_scope", (name, s)) for s in self.case_by_case_scopes]
        if self.default:
            out.append(("el_default_policy", (name, self.default)))
        return out


@dataclass
class _Acc:
    default: str | None = None
    eccns: list[str] = field(default_factory=list)
    scopes: list[str] = field(default_factory=list)
    notes: list[str] = field(default_factory=list)
    unparsed: list[str] = field(default_factory=list)

    def set_default(self, policy: str, clause: str) -> None:
        if self.default not in (None, policy):
            self.unparsed.append(f"{clause} (a second default policy)")
        self.default = policy

    def scope(self, s: str) -> None:
        if s not in self.scopes:
            self.scopes.append(s)


def _normalise(text: str) -> tuple[str, list[str]]:
    notes = []
    t = " ".join(text.replace("\u2019", "'").replace("\u00a0", " ").split())
    if re.search(r"casa-by-case", t, re.I):
        notes.append("'casa-by-case' read as 'case-by-case'")
    if re.search(r"presumption for denial", t, re.I):
        notes.append("'presumption for denial' read as 'presumption of denial'")
    t = re.sub(r"cas[ae][- ]by[- ]case", "case-by-case", t, flags=re.I)
    t = re.sub(r"presumption for denial", "presumption of denial", t, flags=re.I)
    t = re.sub(r"\bU\.S\.", "US", t)
    t = re.sub(r"\b(no)\. (\d)", r"\1 \2", t, flags=re.I)
    return t, notes


def _sections(text: str) -> tuple[str, list[str]]:
    """Take out the "(See § 744.11 of the EAR)" references; return the rest and the sections."""
    found: list[str] = []

    def take(m: re.Match) -> str:
        found.extend(s.replace(" ", "") for s in SECTION_REF.findall(m.group(0)))
        return " "

    rest = SEE.sub(take, text)
    return " ".join(rest.split()), list(dict.fromkeys(found))


def _footnotes(text: str) -> tuple[str, tuple[int, ...]]:
    marks = tuple(sorted({int(m) for m in FOOTNOTE.findall(text)}))
    return FOOTNOTE.sub("", text), marks


def _eccn_list(text: str) -> list[str] | None:
    items = [t.strip() for t in re.split(r",\s*(?:and\s+)?|\s+and\s+", text.strip().rstrip(",")) if t.strip()]
    if not items or not all(ECCN.match(t.lower()) for t in items):
        return None
    return [t[:5].upper() + t[5:].lower() for t in items]


_CBC = "case-by-case (?:review|basis)?\\s*(?:for\\s+)?"
_RULES: list[tuple[re.Pattern, str]] = [
    (re.compile(r"^(?:and )?presumption of denial(?: for all (?:other )?items(?: subject to the ear)?(?: to include items described in .+)?)?$"), "denial"),
    (re.compile(r"^(?:and )?policy of denial(?: for all items subject to the ear)?$"), "policy_denial"),
    (re.compile(r"^policy of denial for all items subject to the ear apart from food and medicine designated as ear99(?P<iss> and (?:for )?(?:items for )?us government supported use in the international space station \(iss\))?,? which will be reviewed on a case-by-case basis$"), "denial_apart_food"),
    (re.compile(r"^(?:and )?case-by-case (?:review|basis)$"), "cbc_default"),
    (re.compile(r"^(?:and )?case-by-case (?:review )?for (?:all )?items (?:listed )?on the ccl$"), "cbc_ccl"),
    (re.compile(r"^(?:and )?presumption of approval for ear99(?: items)?$"), "approve_ear99"),
    (re.compile(r"^(?:and )?" + _CBC + r"eccns? (?P<list>.+?)(?:,? and for ear99 items described in the note to eccn 1a995)?$"), "cbc_eccns"),
    (re.compile(r"^(?:and )?" + _CBC + r"items necessary to detect, identify and treat infectious disease$"), "infectious"),
    (re.compile(r"^(?:and )?" + _CBC + r"(?:licenses for )?(?:the )?safety of civil aviation(?: of aircraft)?$"), "aviation"),
    (re.compile(r"^(?:and )?" + _CBC + r"(?:items for )?us government supported use in the international space station \(iss\)$"), "iss"),
    (re.compile(r"^(?:and )?" + _CBC + r"us government supported space programs$"), "space"),
    (re.compile(r"^(?:and )?" + _CBC + r"telecommunications infrastructure items described in category 5 part 1 or category 5 part 2 and consumer communications devices identified in § ?740\.19$"), "telecom"),
    (re.compile(r"^(?:and )?" + _CBC + r"items designed for production of 200mm wafers destined to a 200mm wafer production facility$"), "wafer"),
]


def parse_policy(text: str | None) -> Policy:
    """Parse one License Review Policy text; `understood` is False if any clause was not read."""
    if text is None or not text.strip():
        return Policy(text or "", understood=False, unparsed=("(no policy text)",))
    t, notes = _normalise(text)
    t, marks = _footnotes(t)
    t, sections = _sections(t)
    acc = _Acc(notes=notes)
    ccl_cbc = approve = False
    if re.fullmatch(r"the license application procedure and license review policy for entities specified in supplement no 2 to part 744 is specified in §\s?744\.21\(d\) and \(e\)\.?", t.strip(), re.I):
        return Policy(text, sections=("744.21(d)", "744.21(e)"), footnotes=marks, notes=tuple(notes))
    # clauses end at ";" or ". ", and once at a missing stop ("Policy of denial Case-by-case basis ...")
    for clause in re.split(r";\s*|\.\s+(?=[A-Za-z])|\.$|(?<=denial)\s+(?=case-by-case)", t, flags=re.I):
        c = clause.strip().rstrip(".").strip().lower()
        if not c:
            continue
        for rx, kind in _RULES:
            m = rx.match(c)
            if not m:
                continue
            if kind == "denial":
                acc.set_default("presumption_of_denial", clause)
            elif kind == "policy_denial":
                acc.set_default("policy_of_denial", clause)
            elif kind == "denial_apart_food":
                acc.set_default("policy_of_denial", clause)
                acc.scope("ear99_food_and_medicine")
                if m.group("iss"):
                    acc.scope("iss_items")
            elif kind == "cbc_default":
                acc.set_default("case_by_case", clause)
            elif kind == "cbc_ccl":
                ccl_cbc = True
            elif kind == "approve_ear99":
                approve = True
            elif kind == "cbc_eccns":
                eccns = _eccn_list(m.group("list"))
                if eccns is None:
                    acc.unparsed.append(clause.strip())
                    break
                acc.eccns.extend(e for e in eccns if e not in acc.eccns)
                if "note to eccn 1a995" in c:
                    acc.scope("note_1a995_items")
            else:
                acc.scope({"infectious": "infectious_disease_items", "aviation": "civil_aviation_safety_items", "iss": "iss_items",
                           "space": "us_government_space_programs", "telecom": "telecom_and_consumer_communications_items", "wafer": "wafer_200mm_items"}[kind])
            break
        else:
            acc.unparsed.append(clause.strip())
    # every item subject to the EAR is on the CCL or EAR99: "case-by-case for CCL items, approval for
    # EAR99" is case-by-case review of CCL items and approval for all other items
    if approve:
        acc.set_default("presumption_of_approval", "presumption of approval for EAR99 items")
        if ccl_cbc:
            acc.scope("ccl_items")
        else:
            acc.unparsed.append("presumption of approval for EAR99 items, and nothing said of items on the CCL")
    elif ccl_cbc:
        acc.scope("ccl_items")
        acc.unparsed.append("case-by-case for items on the CCL, and nothing said of EAR99 items")
    if acc.default is None and (acc.eccns or acc.scopes) and not sections:
        acc.unparsed.append("no policy stated for all other items")
    if acc.default is None and not acc.eccns and not acc.scopes and not sections and not acc.unparsed:
        acc.unparsed.append(text.strip())
    return Policy(text, acc.default, tuple(acc.eccns), tuple(acc.scopes), tuple(sections), marks, tuple(acc.notes), not acc.unparsed, tuple(acc.unparsed))


_GOV = re.compile(r"this license requirement may be overcome by license exception (gov) under § ?740\.11\(b\)\(2\) and \(?e\)?\.?", re.I)
_WORLD = re.compile(r"the license requirements under this entry also extend to any export, reexport and transfer \(in-country\) to the entity wherever located worldwide\.?", re.I)


def parse_requirement(text: str | None) -> Requirement:
    """Parse one License Requirement text (the reach of the entry's license requirement)."""
    if text is None or not text.strip():
        return Requirement(text or "", understood=False, unparsed=("(no requirement text)",))
    t, _ = _normalise(text)
    t, marks = _footnotes(t)
    exceptions = tuple(m.upper() for m in _GOV.findall(t))
    t = _GOV.sub(" ", t)
    worldwide = bool(_WORLD.search(t))
    t = _WORLD.sub(" ", t)
    t, sections = _sections(t)
    t = re.sub(r",?\s*see\s*$", "", t.strip(), flags=re.I)  # "..., see §§ ... of the EAR" left a dangling "see"
    rest = t.strip().rstrip(".").strip()
    m = re.fullmatch(r"(?:for )?all items subject to the ear,?(?P<rest>.*)", rest, re.I)
    all_items = bool(m)
    leftover = (m.group("rest") if m else rest).strip(" .,")
    unparsed = (leftover,) if leftover else ()
    return Requirement(text, all_items, tuple(sections), marks, exceptions, worldwide, not unparsed, unparsed)


def entry_facts(entry, entity: str, policy_name: str) -> tuple[list[tuple[str, tuple]], list[str]]:
    """The Entity List facts of one ListEntry, for an entity constant and a policy constant.

    Returns (facts, cautions): el_all_items, el_policy_of, el_citation and el_footnote for the
    entry, the policy's own facts, and a caution for every text not fully understood.
    """
    req, pol = parse_requirement(entry.license_requirement), parse_policy(entry.license_policy)
    facts: list[tuple[str, tuple]] = []
    if req.all_items:
        facts.append(("el_all_items", (entity,)))
    facts.append(("el_policy_of", (entity, policy_name)))
    facts += [("el_citation", (entity, c)) for c in entry.federal_register]
    facts += [("el_footnote", (entity, n)) for n in sorted(set(req.footnotes) | set(pol.footnotes))]
    facts += pol.facts(policy_name)
    cautions = [f"License Requirement not fully read: {u!r}" for u in req.unparsed]
    cautions += [f"License Review Policy not fully read: {u!r}" for u in pol.unparsed]
    return facts, cautions


def coverage(texts) -> tuple[int, int]:
    """(fully understood, total) over distinct policy texts."""
    distinct = {t for t in texts if t}
    return sum(parse_policy(t).understood for t in distinct), len(distinct)
