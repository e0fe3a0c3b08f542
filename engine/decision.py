"""Decisions as data: the pydantic models the API returns and `writ schema` publishes."""

from __future__ import annotations

import datetime as dt
from enum import Enum

from pydantic import BaseModel, Field


class Answer(str, Enum):
    """yes: it holds whatever the unknown facts are; no: it holds for none; undetermined: it depends on them."""

    yes = "yes"
    no = "no"
    undetermined = "undetermined"


class Source(BaseModel):
    """Where a statement is written: file, line and column."""

    file: str
    line: int
    column: int


class ProvisionRef(BaseModel):
    """A provision as a decision cites it: identifier, citation, quoted text, period in force."""

    id: str
    title: str | None = None
    cite: str | None = None
    text: str | None = None
    in_force_from: dt.date | None = None
    in_force_until: dt.date | None = None
    cautions: list[str] = Field(default_factory=list, description="what a reader relying on this provision must know "
                                "(e.g. its text is not verified against the primary source)")


class Node(BaseModel):
    """One step of a derivation: a conclusion and what it rests on."""

    statement: str = Field(description="the atom, e.g. meets_criteria(xpsb)")
    reading: str = Field(description="the statement in English, from the vocabulary's reading")
    kind: str = Field(description="rule | case fact | given fact (set by what-if or an interview answer) | law fact | list fact (from an official list; provision is the entry) | not shown | comparison | sum | exception not met | "
                      "cut (a derivation left out because the tree reached a size limit; its reading says which, and how to see it)")
    holds: bool = True
    provision: ProvisionRef | None = None
    rule: str | None = Field(default=None, description="the rule's identifier, provision.k")
    source: Source | None = None
    valid_from: dt.date | None = Field(default=None, exclude_if=lambda v: v is None,
                                       description="for a stated fact: the date it holds from, as the case states it")
    valid_until: dt.date | None = Field(default=None, exclude_if=lambda v: v is None)
    cautions: list[str] = Field(default_factory=list, exclude_if=lambda v: not v,
                                description="for a stated fact: the writer's interpretation (`fact. caution \"...\"`)")
    children: list["Node"] = Field(default_factory=list)


class FailedCondition(BaseModel):
    """Why one rule did not conclude the question."""

    provision: ProvisionRef
    rule: str
    source: Source
    reason: str = Field(description="not in force | not on this date (law data stated for other dates) | condition failed | "
                              "exception applied | unknown")
    condition: str | None = Field(default=None, description="the condition that failed, as written")
    reading: str | None = None
    detail: str | None = None


class FactCaution(BaseModel):
    """A fact an answer relies on that the case marks as its writer's interpretation."""

    statement: str
    reading: str
    caution: str
    source: Source


class FactQuestion(BaseModel):
    """An unknown fact, with the question that would settle it."""

    statement: str
    reading: str
    question: str


class DecidingSet(BaseModel):
    """Unknown facts whose truth values would settle the answer."""

    facts: list[FactQuestion]
    outcomes: list[str] = Field(description="each assignment and the answer it gives")


class ProvisionAnswer(BaseModel):
    """One provision's own answer to a question: whether it is concluded through that provision
    ("X under P"): yes, one of its rules concludes it whatever the unknown facts are; no, none does;
    undetermined, one does for some values of the unknown facts."""

    provision: ProvisionRef
    module: str = Field(description="the statute module the provision is in, e.g. glomag/act")
    answer: Answer
    in_force: bool = Field(description="whether the provision is in force on the as-of date")
    why: list[FailedCondition] = Field(default_factory=list, description="for a no or undetermined: the condition each of "
                                       "its rules failed or turns on (when the answer is explained)")
    turns_on: list[str] = Field(default_factory=list, description="for an undetermined: every unknown fact it can rest on, "
                                "in English (when the answer is explained)")


class QuestionResult(BaseModel):
    """The answer to one question of a case, with its reasons."""

    question: str
    reading: str
    answer: Answer
    asked: str | None = Field(default=None, description="for a question with variables (which G?): the question as asked; "
                              "each instance that holds or may hold is a result, and one 'no' result says none does")
    grounds: list[ProvisionRef] = Field(default_factory=list, description="the provisions that ground a yes")
    by_provision: list[ProvisionAnswer] = Field(default_factory=list, description="each provision that could conclude it, "
                                                "with its own answer (criterion by criterion: the Act's and the order's side by side)")
    explanation: Node | None = Field(default=None, description="the derivation of a yes")
    why_not: list[FailedCondition] = Field(default_factory=list, description="for a no or undetermined: each rule that could have concluded it")
    deciding: list[DecidingSet] = Field(default_factory=list, description="for undetermined: what would decide it")
    stated: Source | None = Field(default=None, description="where the case itself states this fact, true or false")
    facts_used: list[Node] = Field(default_factory=list)
    other_measures: list["QuestionResult"] = Field(default_factory=list, exclude_if=lambda v: not v,
                                                   description="for a 'not blocked' answer: each measure that does not "
                                                   "block property (visa, NS-CMIC, Entity List, UFLPA) the party is under "
                                                   "(yes) or may be under (undetermined), answered in full")
    fact_cautions: list[FactCaution] = Field(default_factory=list, exclude_if=lambda v: not v,
                                             description="the facts it relies on that the case marks as interpretation, "
                                             "with their cautions")
    not_explained: list[str] = Field(default_factory=list, exclude_if=lambda v: not v,
                                     description="what the explanation leaves out because a size limit was reached, and which "
                                     "limit (writ.explain.Limits); absent when nothing is left out")


class ExpectationResult(BaseModel):
    """Whether a case's `expect` statement got the answer (and grounds) it states."""

    question: str
    expected: Answer
    actual: Answer
    under: list[str] = Field(default_factory=list)
    passed: bool
    message: str
    source: Source


class OutcomeKind(str, Enum):
    """decided: every question has its answer; the others: the case has none, for the reason given."""

    decided = "decided"
    inconsistent = "inconsistent"
    limit_reached = "limit reached"
    error = "error"
    no_law = "no law in force"  # dated before any provision that decides its questions


class Outcome(BaseModel):
    """Whether the case was decided, and if not, why: one case's failure is its own, never the batch's."""

    kind: OutcomeKind = OutcomeKind.decided
    reason: str | None = Field(default=None, description="why the case has no answers (none when decided)")
    code: str | None = Field(default=None, description="the diagnostic code, e.g. E501 for a law with no consistent answer")
    hint: str | None = None
    source: Source | None = Field(default=None, description="where the case is written")


class Decision(BaseModel):
    """Everything decided for one case as of its date: the answers and the expectations."""

    case: str
    title: str | None = None
    doc: str | None = Field(default=None, exclude_if=lambda v: v is None, description="the case's doc string: its writer's account")
    as_of: dt.date
    file: str
    outcome: Outcome = Field(default_factory=Outcome, exclude_if=lambda o: o.kind is OutcomeKind.decided,
                             description="why the case has no answers (then `results` and `expectations` are empty); "
                             "absent when the case was decided")
    results: list[QuestionResult]
    expectations: list[ExpectationResult] = Field(default_factory=list)

    @property
    def decided(self) -> bool:
        return self.outcome.kind is OutcomeKind.decided

    @property
    def passed(self) -> bool:
        """The case was decided and every expectation of it is met."""
        return self.decided and all(e.passed for e in self.expectations)


class Report(BaseModel):
    """What `writ check --json` prints: every decision, and the diagnostics."""

    decisions: list[Decision]
    diagnostics: list[dict] = Field(default_factory=list)
