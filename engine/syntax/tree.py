"""The syntax tree: what the parser produces, before any name is resolved.

Plain frozen dataclasses: cheap to build for every token of a large statute file.
"""

from __future__ import annotations

import datetime as dt
from dataclasses import dataclass, field
from decimal import Decimal
from typing import Union

from ..core.diagnostics import Span

# ---- terms -------------------------------------------------------------------


@dataclass(frozen=True, slots=True)
class Var:
    name: str
    span: Span


@dataclass(frozen=True, slots=True)
class Const:
    name: str
    span: Span


@dataclass(frozen=True, slots=True)
class Str:
    value: str
    span: Span


@dataclass(frozen=True, slots=True)
class Num:
    value: Decimal
    span: Span


@dataclass(frozen=True, slots=True)
class Pct:
    """A percentage; `value` is the percentage itself (50% -> Decimal('50'))."""

    value: Decimal
    span: Span


@dataclass(frozen=True, slots=True)
class DateLit:
    value: dt.date | None  # None when the text is not a real calendar date
    text: str
    span: Span


@dataclass(frozen=True, slots=True)
class Today:
    span: Span


@dataclass(frozen=True, slots=True)
class BinOp:
    op: str
    left: "Term"
    right: "Term"
    span: Span


@dataclass(frozen=True, slots=True)
class Aggregate:
    fn: str  # sum | count | min | max
    expr: "Term | None"
    body: tuple["Literal", ...]
    span: Span


Term = Union[Var, Const, Str, Num, Pct, DateLit, Today, BinOp, Aggregate]

# ---- claims and literals ---------------------------------------------------------


@dataclass(frozen=True, slots=True)
class Atom:
    pred: str
    args: tuple[Term, ...]
    span: Span
    pred_span: Span
    parens: bool = True  # False for a bare name (a predicate of no arguments)


@dataclass(frozen=True, slots=True)
class Word:
    """One token of a sentence: kind is name, var, string, number, percent or date."""

    kind: str
    text: str
    term: Term
    span: Span


@dataclass(frozen=True, slots=True)
class Sentence:
    """A claim written in English, matched against the predicates' reading templates."""

    words: tuple[Word, ...]
    span: Span


Claim = Union[Atom, Sentence]


@dataclass(frozen=True, slots=True)
class Negation:
    atom: Atom
    span: Span


@dataclass(frozen=True, slots=True)
class Comparison:
    op: str
    left: Term
    right: Term
    span: Span


@dataclass(frozen=True, slots=True)
class Body:
    """A disjunction of conjunctions; a nested Body is a parenthesised group."""

    alternatives: tuple[tuple["Literal", ...], ...]
    span: Span


Literal = Union[Atom, Negation, Comparison, Body]

# ---- statements -----------------------------------------------------------------


@dataclass(frozen=True, slots=True)
class Rule:
    head: Atom
    body: Body
    unless: Body | None
    span: Span
    doc: str | None = None
    caution: Str | None = None  # `. caution "..."`: the writer's interpretation (facts only)


@dataclass(frozen=True, slots=True)
class Fact:
    claim: Claim
    polarity: str  # "true", "false" or "unknown"
    valid_from: DateLit | None
    valid_until: DateLit | None
    span: Span
    doc: str | None = None
    caution: Str | None = None  # `. caution "..."`: the writer's interpretation (facts only)


@dataclass(frozen=True, slots=True)
class Expectation:
    verdict: str  # "yes", "no" or "undetermined"
    claim: Claim
    under: tuple[tuple[str, Span], ...]
    span: Span
    doc: str | None = None
    caution: Str | None = None  # `. caution "..."`: the writer's interpretation (facts only)


@dataclass(frozen=True, slots=True)
class Question:
    claim: Claim
    span: Span
    doc: str | None = None
    caution: Str | None = None  # `. caution "..."`: the writer's interpretation (facts only)


@dataclass(frozen=True, slots=True)
class Identify:
    """`identify PARTY by KIND VALUE.`: an identifier of a party (date of birth, passport ...)."""

    party: str
    party_span: Span
    kind: str
    kind_span: Span
    value: str  # as written (a string without its quotes)
    value_type: str  # date | number | string | name
    date: "DateLit | None"  # the value, when a date
    value_span: Span
    span: Span
    doc: str | None = None
    caution: Str | None = None  # refused (E328): only a fact carries the writer's interpretation


@dataclass(frozen=True, slots=True)
class Closing:
    """`no other act.`: the case names every thing of the sort (the open world closed over it)."""

    sort: str
    sort_span: Span
    span: Span
    doc: str | None = None
    caution: Str | None = None  # refused (E328): only a fact carries the writer's interpretation


Statement = Union[Rule, Fact, Expectation, Question, Identify, Closing]

# ---- declarations and blocks -----------------------------------------------------


@dataclass(frozen=True, slots=True)
class ModuleDecl:
    path: str
    span: Span


@dataclass(frozen=True, slots=True)
class UseDecl:
    path: str
    span: Span


@dataclass(frozen=True, slots=True)
class TypeDecl:
    name: str
    parent: str | None
    description: str | None
    span: Span
    name_span: Span
    doc: str | None = None


@dataclass(frozen=True, slots=True)
class Param:
    var: str
    type: str
    span: Span
    type_span: Span


@dataclass(frozen=True, slots=True)
class PredicateDecl:
    name: str
    params: tuple[Param, ...]
    reads: Str | None
    asks: Str | None
    open: bool
    fixed: bool
    span: Span
    name_span: Span
    doc: str | None = None


@dataclass(slots=True)
class Provision:
    name: str
    title: str | None
    cite: Str | None
    in_force_from: DateLit | None
    in_force_until: DateLit | None
    text: Str | None
    notes: list[Str]
    span: Span
    name_span: Span
    doc: str | None = None
    statements: list[Statement] = field(default_factory=list)
    cautions: list[Str] = field(default_factory=list)  # what a reader relying on it must know


@dataclass(slots=True)
class Case:
    name: str
    title: str | None
    as_of: DateLit
    span: Span
    name_span: Span
    doc: str | None = None
    statements: list[Statement] = field(default_factory=list)


@dataclass(slots=True)
class SourceFile:
    path: str  # as shown in diagnostics
    text: str
    module: ModuleDecl | None = None
    uses: list[UseDecl] = field(default_factory=list)
    types: list[TypeDecl] = field(default_factory=list)
    predicates: list[PredicateDecl] = field(default_factory=list)
    provisions: list[Provision] = field(default_factory=list)
    cases: list[Case] = field(default_factory=list)
    loose: list[Statement] = field(default_factory=list)  # statements outside any block
