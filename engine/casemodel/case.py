"""A case as objects: `CaseModel`, the pydantic input model of a whole case, and its JSON Schema.

It holds what a case file states, each part validated so that it becomes exactly one token of
Writ text (`casemodel.models`); `to_text` and `from_text` convert it to and from a case file.
"""

from __future__ import annotations

import datetime as dt
from typing import TYPE_CHECKING

from pydantic import BaseModel, ConfigDict, Field

from .models import Act, Doc, Expectation, Fact, Identifier, Item, ModulePath, Name, Party, Question, Thing, Transaction
from .text import read_cases, to_text

if TYPE_CHECKING:
    from .. import model as M


class CaseModel(BaseModel):
    """One case, as objects: what a case file states, checked and decided exactly as the text is.

        model = CaseModel.from_text(TEXT)           # or CaseModel.model_validate(json_data)
        model.to_text()                             # the case file
        writ.decide(writ.case_from_model(model))    # checked like text: a typo is an error
    """

    model_config = ConfigDict(extra="forbid")
    name: Name = Field(description="the case's identifier, e.g. xpsb_2020")
    title: str | None = Field(default=None, description="what the case is about")
    as_of: dt.date = Field(description="the date the case is decided on")
    uses: list[ModulePath] = Field(default_factory=list, description="the statutes' modules, e.g. glomag or ear")
    doc: Doc = Field(default=None, description="the case's doc string")
    parties: list[Party] = Field(default_factory=list)
    acts: list[Act] = Field(default_factory=list)
    items: list[Item] = Field(default_factory=list)
    transactions: list[Transaction] = Field(default_factory=list)
    things: list[Thing] = Field(default_factory=list, description="any other named thing: a country, a program, ...")
    facts: list[Fact] = Field(default_factory=list)
    questions: list[Question] = Field(default_factory=list)
    expectations: list[Expectation] = Field(default_factory=list)
    identifiers: list[Identifier] = Field(default_factory=list, description="what identifies its parties, for list matching")
    closed: list[Name] = Field(default_factory=list, description="the sorts the case names completely ('no other act.'): "
                               "without one, a case that names no act leaves open an act it does not name")

    # text <-> objects: casemodel.text does the work
    def to_text(self) -> str:
        """The case as Writ text (a case file)."""
        return to_text([self]).text

    @classmethod
    def from_text(cls, text: str, law: "M.Law | None" = None) -> "CaseModel":
        """The one case of a case file's text (see `many_from_text`)."""
        found = cls.many_from_text(text, law)
        if len(found) != 1:
            raise ValueError(f"the text holds {len(found)} cases, not one: use CaseModel.many_from_text")
        return found[0]

    @classmethod
    def many_from_text(cls, text: str, law: "M.Law | None" = None) -> list["CaseModel"]:
        """Every case of a case file's text, as objects.

        Args:
            text: Writ text: `use` lines and cases.
            law: the checked law (`Writ.law`), to tell declarations from facts and parties from
                other things by their types; default: the built-in types and the bundled statutes'.

        Raises:
            WritError: the text does not parse.
            ValueError: the text holds what a case model cannot (a rule, a statement outside a case).
        """
        return [cls(**fields) for fields in read_cases(text, law)]
