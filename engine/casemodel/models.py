"""The parts of a case as objects: things, claims, facts, questions, expectations (pydantic).

A case model (`casemodel.case.CaseModel`) holds what a case file states: its parties, acts, items and transactions (and
any other named thing), its facts (each positive, negated or unknown, and dated), its
questions and its expectations. Every field is validated so that it becomes exactly one token
of Writ text: a name is a name, a text is quoted and escaped, a sentence is words only. So
the text generated from a model (`casemodel.text`) says what the model says, nothing more, and
is checked by the same checker as a case file, with the same diagnostics.
"""

from __future__ import annotations

import datetime as dt
import re
from decimal import Decimal
from enum import Enum
from typing import Annotated, Union

from pydantic import AfterValidator, BaseModel, ConfigDict, Field, StrictInt, model_validator

from ..syntax.words import AGGREGATES, ATTRIBUTE_KEYWORDS, DECLARATION_KEYWORDS, KEYWORDS

# the grammar's tokens (grammar/writ.lark), anchored: a field matching one is one token
NAME = r"[a-z][A-Za-z0-9_]*"
VAR = r"[A-Z][A-Za-z0-9_]*|_"
DATE = r"[0-9]{4}-[0-9]{2}-[0-9]{2}"
PERCENT = r"[0-9]+(\.[0-9]+)?%"
NUMBER = r"[0-9]+(\.[0-9]+)?"
STRING = r'"([^"\\\n]|\\.)*"'
_ARG = re.compile(rf"^(?:{NAME}|{VAR}|{DATE}|{PERCENT}|{NUMBER})$")
_SENTENCE = re.compile(rf"^\s*{NAME}(?:\s+(?:{STRING}|{DATE}|{PERCENT}|{NUMBER}|{NAME}|{VAR}))+\s*$")
_PATH = re.compile(rf"^{NAME}(/{NAME})*$")


def _matches(pattern: str, what: str):
    compiled = re.compile(rf"^(?:{pattern})$")

    def check(value: str) -> str:
        if not compiled.match(value):
            raise ValueError(f"{value!r} is not {what}")
        return value
    return check


def _no_triple_quote(value: str | None) -> str | None:
    if value is not None and '"""' in value:
        raise ValueError('a doc string cannot contain """')
    return value


def _arg(value):
    if isinstance(value, str) and not _ARG.match(value):
        raise ValueError(f"{value!r} is not a Writ value: write a name (xpsb), a variable (G), a date (2020-07-09), "
                         'a percentage (25%), a number (12), or a text as {"text": "..."}')
    if isinstance(value, int) and value < 0:
        raise ValueError("Writ's numbers are not negative")
    return value


def _sentence(value: str) -> str:
    if not _SENTENCE.match(value):
        raise ValueError(f"{value!r} is not a sentence: it must be a name, then one or more words (names, "
                         'variables, numbers, percentages, dates, "quoted text"), with no period')
    return " ".join(value.split()) if '"' not in value else value.strip()


# the language's own words: the parser reads some of them as keywords where a name stands
# ("act if.", "blocked(sum)"), so a name that is one would give text that does not parse back
RESERVED = frozenset(KEYWORDS + DECLARATION_KEYWORDS + ATTRIBUTE_KEYWORDS + AGGREGATES)


def _not_reserved(value: str) -> str:
    if value in RESERVED:
        raise ValueError(f"{value!r} is a word of the Writ language (a keyword), so it cannot be a name: choose another")
    return value


Name = Annotated[str, AfterValidator(_matches(NAME, "a Writ name (a lowercase letter, then letters, digits, _)")),
                 AfterValidator(_not_reserved),
                 Field(json_schema_extra={"pattern": f"^{NAME}$", "not": {"enum": sorted(RESERVED)}})]
ModulePath = Annotated[str, AfterValidator(_matches(rf"{NAME}(/{NAME})*", "a module path such as glomag or ear/part744")),
                       Field(json_schema_extra={"pattern": rf"^{NAME}(/{NAME})*$"})]
Doc = Annotated[str | None, AfterValidator(_no_triple_quote)]


class Text(BaseModel):
    """A text value (Writ's "quoted text"), as an argument."""

    model_config = ConfigDict(extra="forbid")
    text: str


Arg = Annotated[Union[StrictInt, Text, str], AfterValidator(_arg),
                Field(description="a name (xpsb), a variable in a question (G), a date (2020-07-09), a percentage "
                      '("25%"), a number (12 or "2.5"), or {"text": "..."}')]


class Polarity(str, Enum):
    """positive: the fact holds; negated: it does not (`not`); unknown: it is not known (`unknown`)."""

    positive = "positive"
    negated = "negated"
    unknown = "unknown"


class Verdict(str, Enum):
    """The answer an expectation requires."""

    yes = "yes"
    no = "no"
    undetermined = "undetermined"


class Thing(BaseModel):
    """A named thing the case declares: `TYPE name "display".`"""

    model_config = ConfigDict(extra="forbid")
    name: Name = Field(description="the name facts use, e.g. xpsb")
    display: str | None = Field(default=None, description="the name reports show, e.g. Xinjiang Public Security Bureau")
    type: Name = Field(description="its type: a built-in type (person, entity, act, item, country) or one the statutes declare")


class Party(Thing):
    """A party: a person, an entity, or a type of party the statutes declare (government_entity)."""

    type: Name = Field(default="entity", description="person, entity, party, or a subtype of party")


class Act(Thing):
    """An act or course of conduct."""

    type: Name = Field(default="act", description="act, or a subtype of act")


class Item(Thing):
    """A commodity, software or technology."""

    type: Name = Field(default="item", description="item, or a subtype of item")


class Transaction(Thing):
    """An export, reexport or transfer (the EAR's `transaction`, a kind of act)."""

    type: Name = Field(default="transaction", description="transaction, or a subtype of it")


class Claim(BaseModel):
    """An atom, `predicate(args...)`, or a sentence in a predicate's reading: exactly one of the two."""

    model_config = ConfigDict(extra="forbid")
    predicate: Name | None = Field(default=None, description="the predicate, e.g. engaged_in")
    args: list[Arg] = Field(default_factory=list, description="its arguments, in order")
    sentence: Annotated[str, AfterValidator(_sentence)] | None = Field(
        default=None, description="the claim as a sentence, e.g. 'xpsb engaged in detentions' (instead of predicate and args)")
    doc: Doc = Field(default=None, description="a doc string for the statement")

    @model_validator(mode="after")
    def _one_form(self):
        if (self.predicate is None) == (self.sentence is None):
            raise ValueError("give either 'predicate' (with 'args') or 'sentence'")
        if self.sentence is not None and self.args:
            raise ValueError("a sentence takes no 'args'")
        return self


class Fact(Claim):
    """A fact of the case: it holds (positive), does not (negated), or is not known (unknown), on some dates."""

    polarity: Polarity = Polarity.positive
    valid_from: dt.date | None = Field(default=None, description="the first day it holds (inclusive)")
    valid_until: dt.date | None = Field(default=None, description="the last day it holds (inclusive)")
    caution: Doc = Field(default=None, description="the writer's interpretation, shown with every answer relying on the fact")


class Question(Claim):
    """A question: decide the claim; a variable (G) in it asks which."""


class Expectation(Claim):
    """An expectation: the answer the case must get, and the provisions that must ground a yes."""

    verdict: Verdict = Verdict.yes
    under: list[Name] = Field(default_factory=list, description="provisions each of which must give the verdict: "
                              "the claim concluded through that provision (yes), not (no), or on some facts only (undetermined)")


class IdForm(str, Enum):
    """How an identifier's value is written: a date, a whole number, a quoted text or a name."""

    date = "date"
    number = "number"
    string = "string"
    name = "name"


_ID_VALUE = {IdForm.date: re.compile(rf"^{DATE}$"), IdForm.number: re.compile(r"^[0-9]+$"),
             IdForm.name: re.compile(rf"^{NAME}$")}


class Identifier(BaseModel):
    """An identifier of a party, `identify PARTY by KIND VALUE.` (a date of birth, a nationality,
    a passport or registration number, an SDN uid), which list matching weighs."""

    model_config = ConfigDict(extra="forbid")
    party: Name = Field(description="the party it identifies, e.g. dan")
    kind: Name = Field(description="date_of_birth, nationality, passport, national_id, registration, tax_id, imo, sdn_uid or csl_id")
    value: str = Field(description="the value as written: 1973-12-23, israel, 10945182")
    form: IdForm = Field(default=IdForm.string, description="date, number, string (quoted) or name (a country constant)")
    doc: Doc = Field(default=None, description="a doc string for the statement")

    @model_validator(mode="after")
    def _one_token(self):
        pattern = _ID_VALUE.get(self.form)
        if pattern is not None and not pattern.match(self.value):
            raise ValueError(f"'{self.value}' is not written as a {self.form.value}")
        if self.form is IdForm.string and ("\n" in self.value or '"' in self.value or "\\" in self.value):
            raise ValueError("an identifier's text holds no quotes, backslashes or line breaks")
        return self


def number_arg(value: Decimal) -> int | str:
    """A number as an argument: a whole number as an int, any other as its text."""
    return int(value) if value == value.to_integral_value() and abs(value) < 2**31 else format(value, "f")
