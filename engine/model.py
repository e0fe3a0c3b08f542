"""The checked model: what the checker produces and the compiler consumes.

Names are resolved, sentences are matched to predicates, every term has a type,
rule bodies are in disjunctive normal form. Values are plain Python objects:
`Name` for declared constants, int for numbers, `Percent`, `datetime.date`, str.
"""

from __future__ import annotations

import datetime as dt
from dataclasses import dataclass, field
from typing import Any, Callable, Iterable, TypeVar, Union

from .core.diagnostics import Span
from .core.graphs import reachable

BUILTIN_TYPES: dict[str, tuple[str | None, str]] = {
    # name: (parent, description)
    "party": (None, "a person or an entity"),
    "person": ("party", "a natural person"),
    "entity": ("party", "a legal person: company, government body, organisation"),
    "act": (None, "an act or course of conduct"),
    "item": (None, "a commodity, software or technology"),
    "country": (None, "a country or territory"),
    "date": (None, "a calendar date"),
    "number": (None, "a whole number"),
    "percent": (None, "a percentage"),
    "text": (None, "a piece of text"),
}
SCALAR_TYPES = {"date", "number", "percent", "text"}


from .core.values import MAX_NUMBER, Name, Percent, Value, display_value, format_value  # noqa: E402, F401 (the model's values)


@dataclass(frozen=True, slots=True)
class GroundAtom:
    pred: str
    args: tuple[Value, ...]
    # Atoms are the explainer's dictionary keys (a 10,000-link chain hashes them half a million
    # times): the hash is computed once. It is never pickled, since str hashes differ by process.
    _hash: int = field(init=False, repr=False, compare=False)

    def __post_init__(self) -> None:
        object.__setattr__(self, "_hash", hash((self.pred, self.args)))

    def __hash__(self) -> int:
        return self._hash

    def __reduce__(self):
        return (GroundAtom, (self.pred, self.args))

    def __str__(self) -> str:
        if not self.args:
            return self.pred
        return f"{self.pred}({', '.join(format_value(a) for a in self.args)})"


@dataclass(frozen=True, slots=True)
class Pattern:
    """A question with variables: `question prohibited_by(sale, G).` asks which G."""

    pred: str
    args: tuple[Value | None, ...]  # None where the argument is a variable
    variables: tuple[str | None, ...]  # the variable's name at each such position

    def __str__(self) -> str:
        shown = [v if a is None else format_value(a) for a, v in zip(self.args, self.variables)]
        return f"{self.pred}({', '.join(shown)})"  # type: ignore[arg-type]

    def matches(self, atom: GroundAtom) -> bool:
        if atom.pred != self.pred:
            return False
        bound: dict[str, Value] = {}
        for want, var, got in zip(self.args, self.variables, atom.args):
            if want is None:
                if var != "_" and bound.setdefault(var, got) != got:  # type: ignore[arg-type]
                    return False
            elif want != got:
                return False
        return True



# ---- vocabulary -----------------------------------------------------------------


@dataclass(slots=True)
class TypeInfo:
    name: str
    parent: str | None
    description: str | None
    span: Span | None
    doc: str | None = None
    module: str | None = None


@dataclass(slots=True)
class Template:
    """A reading such as "{P} is a foreign person", split into words and slots."""

    source: str
    parts: tuple[tuple[str, str], ...]  # ("word", "is") or ("slot", "P")

    def fill(self, slots: dict[str, str]) -> str:
        """The reading with each slot replaced by its text."""
        return " ".join(slots[t] if kind == "slot" else t for kind, t in self.parts)


@dataclass(slots=True)
class Predicate:
    name: str
    params: tuple[tuple[str, str], ...]  # (variable, type)
    reads: Template | None
    asks: str | None
    open: bool
    fixed: bool
    span: Span | None
    doc: str | None = None
    module: str | None = None
    # fixed, and none of its facts is dated or in a provision with a period in
    # force: the same for every case and date, so it is compiled once, without a case
    timeless: bool = False

    @property
    def arity(self) -> int:
        return len(self.params)


@dataclass(slots=True)
class Constant:
    name: str
    type: str
    display: str | None
    span: Span
    scope: str | None  # None: law-wide; otherwise the case's name
    module: str | None = None  # where a law-wide constant is declared


# ---- rules ----------------------------------------------------------------------
# Terms inside rules keep variables; ground terms are Values wrapped in `Lit`.


@dataclass(frozen=True, slots=True)
class TVar:
    name: str
    type: str | None


@dataclass(frozen=True, slots=True)
class Lit:
    value: Value
    type: str


@dataclass(frozen=True, slots=True)
class TToday:
    pass


@dataclass(frozen=True, slots=True)
class TBin:
    op: str
    left: "RTerm"
    right: "RTerm"
    type: str


@dataclass(frozen=True, slots=True)
class TAgg:
    fn: str
    expr: "RTerm | None"
    body: tuple["RLiteral", ...]
    local_vars: tuple[str, ...]
    global_vars: tuple[str, ...]
    span: Span


RTerm = Union[TVar, Lit, TToday, TBin, TAgg]


@dataclass(frozen=True, slots=True)
class RAtom:
    pred: str
    args: tuple[RTerm, ...]
    span: Span


@dataclass(frozen=True, slots=True)
class RNot:
    atom: RAtom
    span: Span


@dataclass(frozen=True, slots=True)
class RCmp:
    op: str
    left: RTerm
    right: RTerm
    span: Span


RLiteral = Union[RAtom, RNot, RCmp]


@dataclass(slots=True)
class Rule:
    id: str  # stable within a law: "r<n>"
    provision: str
    head: RAtom
    alternatives: tuple[tuple[RLiteral, ...], ...]  # the body in DNF; one ASP rule each
    unless: tuple[tuple[RLiteral, ...], ...]  # the exception in DNF; empty if none
    variables: tuple[tuple[str, ...], ...]  # per alternative: all its variables, in order
    span: Span
    doc: str | None = None


@dataclass(slots=True)
class Fact:
    atom: GroundAtom
    polarity: str  # true | false | unknown
    valid_from: dt.date | None
    valid_until: dt.date | None
    span: Span
    owner: str  # provision name (law facts) or case name
    doc: str | None = None
    cautions: tuple[str, ...] = ()  # the writer's interpretation (`fact. caution "..."`), shown with every answer relying on it

    def valid_on(self, day: dt.date) -> bool:
        return (self.valid_from is None or self.valid_from <= day) and (self.valid_until is None or day <= self.valid_until)


@dataclass(slots=True)
class Provision:
    name: str
    title: str | None
    cite: str | None
    in_force_from: dt.date | None
    in_force_until: dt.date | None
    text: str | None
    notes: list[str]
    span: Span
    doc: str | None
    module: str
    rules: list[Rule] = field(default_factory=list)
    facts: list[Fact] = field(default_factory=list)
    # shown with every answer that relies on the provision (e.g. text not verified)
    cautions: list[str] = field(default_factory=list)

    def in_force_on(self, day: dt.date) -> bool:
        return (self.in_force_from is None or self.in_force_from <= day) and (
            self.in_force_until is None or day <= self.in_force_until)


@dataclass(slots=True)
class Expectation:
    verdict: str  # yes | no | undetermined
    atom: GroundAtom
    under: tuple[str, ...]
    span: Span


@dataclass(slots=True)
class Case:
    name: str
    title: str | None
    as_of: dt.date
    facts: list[Fact]
    expectations: list[Expectation]
    questions: list[GroundAtom]
    constants: dict[str, Constant]
    span: Span
    file: str
    doc: str | None = None
    patterns: list[Pattern] = field(default_factory=list)  # questions with variables
    # dated before every provision with rules the case can see (W325): which is the first, and when
    before_law: str | None = None
    identifiers: list["Identifier"] = field(default_factory=list)  # what identifies its parties (list matching)
    # the sorts it names completely (`no other act.`): no thing of them exists beyond those it declares
    closed: tuple[str, ...] = ()

    def all_questions(self) -> list[GroundAtom]:
        seen: dict[GroundAtom, None] = {}
        for q in self.questions:
            seen.setdefault(q)
        for e in self.expectations:
            seen.setdefault(e.atom)
        return list(seen)


@dataclass(frozen=True, slots=True)
class Identifier:
    """An identifier of a case's party (`identify kadyrov by passport "..."`), for list matching.

    `kind` is one of `IDENTIFIER_KINDS`; `value` is an ISO date or a year (date_of_birth), a
    country constant (nationality), or the number as written."""

    party: str
    kind: str
    value: str
    span: Span
    display: str | None = None  # a nationality's country as its constant displays it


# kind -> (what it identifies, the value it takes); the list entry kinds name the list
IDENTIFIER_KINDS = {
    "date_of_birth": ("a person's date of birth", "a date (1976-10-05) or a year (1976)"),
    "nationality": ("a person's nationality, or the country an entity is organised in", "a country, e.g. russia"),
    "passport": ("a passport number", "the number, e.g. \"10945182\""),
    "national_id": ("a national identity number", "the number"),
    "registration": ("a company registration number", "the number"),
    "tax_id": ("a tax identification number", "the number"),
    "imo": ("a vessel's IMO number", "the number"),
    "sdn_uid": ("an OFAC SDN list entry number (uid, ent_num)", "a whole number, e.g. 29159"),
    "csl_id": ("a Consolidated Screening List entry id", "the id, e.g. \"EL-517fdbf7ac\""),
}
ENTRY_KINDS = {"sdn_uid": "SDN", "csl_id": None}  # a list entry number: of the SDN list, or of any CSL list


# ---- the open world over unnamed things -------------------------------------------------------
# A rule that reaches "some act" ranges over the acts the case names; a case that names none
# has not said there is none. The solver then adds one stand-in of the sort, "_act", whose open
# facts are unknown (solve.inputs.stand_ins). No declared name begins with "_" (the grammar's
# NAME starts with a lowercase letter), so a stand-in is never a party of the case.


def stand_in(sort: str) -> Name:
    """The stand-in for a thing of `sort` the case does not name."""
    return Name("_" + sort)


def stand_in_type(v: Value) -> str | None:
    """The sort a stand-in stands for; None for any other value."""
    return v.id[1:] if isinstance(v, Name) and v.id.startswith("_") else None


def has_stand_in(atom: "GroundAtom") -> bool:
    return any(stand_in_type(a) is not None for a in atom.args)


def unnamed(sort: str) -> str:
    """How a reading shows a stand-in: "an act the case does not name"."""
    words = sort.replace("_", " ")
    return f"{'an' if words[:1] in 'aeiou' else 'a'} {words} the case does not name"


_T = TypeVar("_T")


@dataclass(slots=True)
class Law:
    """Everything the statutes declare: vocabulary, constants, provisions."""

    types: dict[str, TypeInfo]
    predicates: dict[str, Predicate]
    constants: dict[str, Constant]
    provisions: dict[str, Provision]
    modules: tuple[str, ...]
    sources: dict[str, str]  # file path -> text, for diagnostics and docs
    dependencies: dict[str, set[str]] = field(default_factory=dict)  # head predicate -> predicates its rules use
    # module -> constants it declares under a name another module, which neither sees, declared
    # first (two case files by different authors, each with its own `acme`): the module's own
    file_constants: dict[str, dict[str, "Constant"]] = field(default_factory=dict)
    _derived: dict[str, Any] = field(default_factory=dict, repr=False, compare=False)

    def derived(self, key: str, compute: Callable[["Law"], "_T"]) -> "_T":
        """An index computed from the law once and kept with it (the law is not changed once
        checked): later stages' lookups, such as the provisions that conclude a predicate."""
        try:
            return self._derived[key]
        except KeyError:
            out = self._derived[key] = compute(self)
            return out

    @property
    def rules(self) -> list[Rule]:
        return [r for p in self.provisions.values() for r in p.rules]

    @property
    def facts(self) -> list[Fact]:
        return [f for p in self.provisions.values() for f in p.facts]

    def depends_on(self, preds: Iterable[str]) -> set[str]:
        """The predicates `preds` can rest on through the rules, `preds` among them."""
        return reachable(preds, lambda p: self.dependencies.get(p, ()))

    def is_subtype(self, sub: str, sup: str) -> bool:
        t: str | None = sub
        while t is not None:
            if t == sup:
                return True
            info = self.types.get(t)
            t = info.parent if info else None
        return False

    def show(self, v: Value, constants: dict[str, Constant] | None = None) -> str:
        """A value as a reading shows it: a name by its display name (a case's own first)."""
        if isinstance(v, Name):
            if (sort := stand_in_type(v)) is not None:
                return unnamed(sort)
            c = (constants or {}).get(v.id) or self.constants.get(v.id)
            return c.display if c and c.display else v.id
        return display_value(v)

    def reading(self, atom: GroundAtom, constants: dict[str, Constant] | None = None) -> str:
        """The plain-English reading of a ground atom, from the predicate's template."""
        pred = self.predicates.get(atom.pred)
        if pred is None or pred.reads is None:
            return str(atom)
        return pred.reads.fill({var: self.show(v, constants) for (var, _), v in zip(pred.params, atom.args)})
