"""Cases as objects: pydantic input models of a case, their JSON Schema, and text <-> objects.

    from writ.casemodel import CaseModel, Fact
    model = CaseModel.from_text(TEXT)          # or CaseModel.model_validate(data) / model_validate_json(json)
    model.to_text()                            # the same case as Writ text
    CaseModel.model_json_schema()              # the schema `writ schema --case` prints

`Writ.case_from_model` checks a model exactly as it checks text (the text is generated and
checked); its diagnostics name the object (`Diagnostic.path`, a JSON path such as
`$.facts[2].predicate`) as well as the generated line.
"""

from .case import CaseModel
from .models import (Act, Arg, Claim, Expectation, Fact, Item, Party, Polarity, Question, Text, Thing,
                     Transaction, Verdict)
from .text import Generated, ModelError, to_text


def from_text(text: str, law=None) -> list[CaseModel]:
    """Every case of a case file's text as a model (`CaseModel.many_from_text`)."""
    return CaseModel.many_from_text(text, law)

__all__ = ["Act", "Arg", "CaseModel", "Claim", "Expectation", "Fact", "Generated", "Item", "ModelError", "Party",
           "Polarity", "Question", "Text", "Thing", "Transaction", "Verdict", "from_text", "to_text"]
