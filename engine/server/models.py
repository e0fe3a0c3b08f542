"""The service's requests and responses as pydantic models: FastAPI validates requests with
them and generates the OpenAPI document from them, together with the decision models of
`writ.decision` that the responses carry unchanged."""

from __future__ import annotations

import datetime as dt

from pydantic import BaseModel, ConfigDict, Field, model_validator

from ..casemodel import CaseModel
from ..decide.screen import ScreenRow
from ..decision import Answer, Decision, FactQuestion, ProvisionRef, QuestionResult, Source

EXAMPLE = """use glomag

case xpsb_2020 "Xinjiang Public Security Bureau" as of 2020-07-09
  entity xpsb "Xinjiang Public Security Bureau".
  act detentions "mass arbitrary detention and severe physical abuse".
  xpsb is a foreign person.
  xpsb engaged in detentions.
  detentions is serious human rights abuse.
  question meets_criteria(xpsb).
"""


class _Request(BaseModel):
    model_config = ConfigDict(extra="forbid")  # a misspelt field is an error, not silently ignored


class DiagnosticOut(BaseModel):
    """One problem, as `writ check` prints it compiler-style: where (file, line, column), what, and how to fix it."""

    severity: str = Field(description="error | warning")
    code: str = Field(description="the diagnostic code (docs/language.md lists them), e.g. E205")
    message: str
    file: str
    line: int = Field(description="from 1")
    column: int = Field(description="from 1")
    end_line: int
    end_column: int
    hint: str | None = None
    path: str | None = Field(default=None, description="for cases given as objects: the JSON path of the object at "
                             "fault in the request, e.g. $.cases[0].facts[2].predicate")


class ErrorBody(BaseModel):
    """What every error response carries: the diagnostics, errors first."""

    diagnostics: list[DiagnosticOut]
    source: str | None = Field(default=None, description="for cases given as objects: the Writ text generated from them, "
                               "which the diagnostics' lines and columns count in")


class CaseText(_Request):
    """The cases, as a case file's text (docs/language.md) or as objects (`writ schema --case`): one of the two."""

    text: str | None = Field(default=None, description="the source of one or more cases; `use` lines name bundled statutes",
                             json_schema_extra={"example": EXAMPLE})
    cases: list[CaseModel] | None = Field(default=None, description="the cases as objects, checked exactly as their "
                                          "text would be; a diagnostic's `path` names the object at fault")
    name: str | None = Field(default=None, max_length=200, description="the file name diagnostics and decisions show "
                             "(default: case.writ for text, <objects> for objects; .writ is added to a name without it, so a "
                             "request's text can never stand for a statute's module)")

    @model_validator(mode="after")
    def _one_form(self) -> "CaseText":
        if (self.text is None) == (self.cases is None):
            raise ValueError("give the cases either as `text` or as `cases` (objects), not both or neither")
        return self


class DecideRequest(CaseText):
    """Decide every case of the text (or only `case`)."""

    case: str | None = Field(default=None, description="decide only this case")
    explain: bool = Field(default=True, description="give each answer its derivation, failed conditions and deciding facts")
    memo: bool = Field(default=False, description="also render each decided case's Markdown memo")


class DecideResponse(BaseModel):
    """The decisions, in the order of the cases, as `writ check --json` gives them."""

    decisions: list[Decision]
    memos: list[str] = Field(default_factory=list, description="with memo=true: one Markdown memo per decided case, in order")
    diagnostics: list[DiagnosticOut] = Field(default_factory=list, description="why each case without answers has none "
                                             "(E501 no consistent answer, E502 a limit reached, E503 a fault), at the case's line")


class WhatIfRequest(CaseText):
    """Decide one case as written and again with facts added or denied."""

    case: str | None = Field(default=None, description="the case, when the text declares several")
    set: list[str] = Field(default_factory=list, description="facts to add, e.g. 'xpsb engaged in detentions'")
    unset: list[str] = Field(default_factory=list, description="facts to deny, e.g. 'detentions is serious human rights abuse'")
    explain: bool = True


class AnswerChange(BaseModel):
    """One question whose answer (or grounds) differs after the change."""

    question: str
    before: Answer
    after: Answer
    grounds: str | None = Field(default=None, description="the grounds after the change, when they changed")


class WhatIfResponse(BaseModel):
    before: Decision
    after: Decision
    changes: list[AnswerChange]


class GivenAnswer(_Request):
    """One answer of the interview so far."""

    fact: str = Field(description="the fact asked, as the previous step gave it (its `statement`)")
    value: bool | None = Field(description="true, false, or null for 'do not know'")


class InterviewRequest(CaseText):
    """One step of an interview: the case, the question and the answers given so far.

    The service keeps no state: each step sends the whole interview, and gets the next question."""

    case: str | None = Field(default=None, description="the case, when the text declares several")
    question: str | None = Field(default=None, description="e.g. 'meets_criteria(xpsb)'; default: the case's first "
                                 "undetermined question")
    answers: list[GivenAnswer] = Field(default_factory=list)


class InterviewResponse(BaseModel):
    """Where the interview stands: the answer on the facts given, and the next fact to ask (none: it is over)."""

    case: str
    question: str
    reading: str
    answer: Answer
    next: FactQuestion | None = Field(description="the next fact to ask; null when the answer is decided or nothing "
                                      "left can decide it")
    result: QuestionResult = Field(description="the explained answer on the facts given so far")


class PartyIn(BaseModel):
    """One party to screen; other fields are kept as the row's own columns."""

    model_config = ConfigDict(extra="allow")

    name: str = Field(min_length=1)
    type: str | None = Field(default=None, description="person | entity | vessel | aircraft (default: any party)")
    country: str | None = None
    dob: str | None = None
    id: str | None = Field(default=None, description="an identity number (passport, registration)")


class ScreenRequest(_Request):
    """Screen a batch of parties against the bundled lists, each row decided by the law."""

    parties: list[PartyIn]
    as_of: dt.date | None = Field(default=None, description="the date to screen as of (default: today)")


class ScreenResponse(BaseModel):
    as_of: dt.date
    rows: list[ScreenRow]
    summary: str


class ProvisionOut(ProvisionRef):
    """A provision of the loaded law: its citation, the text it encodes, where its rules are written."""

    module: str = Field(description="the statute module, e.g. glomag/eo13818")
    notes: list[str] = Field(default_factory=list, description="where the law is ambiguous, and how Writ reads it")
    source: Source
    rules: int = Field(description="how many rules encode it")


class LawResponse(BaseModel):
    provisions: list[ProvisionOut]
