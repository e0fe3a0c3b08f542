"""A case built from objects is checked exactly as its text is: the same diagnostics, naming the object."""

import json

import pytest
from pydantic import ValidationError

from writ import Answer, CaseModel, Writ
from writ.casemodel import Fact, ModelError, Party, Polarity, Text
from writ.core.diagnostics import format_diagnostic

XPSB = {
    "name": "xpsb_objects", "title": "XPSB, as objects", "as_of": "2020-07-09", "uses": ["glomag"],
    "parties": [{"name": "xpsb", "display": "Xinjiang Public Security Bureau"}],
    "acts": [{"name": "detentions", "display": "mass arbitrary detention"}],
    "facts": [
        {"sentence": "xpsb is a foreign person"},
        {"predicate": "engaged_in", "args": ["xpsb", "detentions"]},
        {"sentence": "detentions is serious human rights abuse"},
    ],
    "questions": [{"predicate": "meets_criteria", "args": ["xpsb"]}],
    "expectations": [{"predicate": "meets_criteria", "args": ["xpsb"], "under": ["eo13818_1_a_ii_A"]}],
}


@pytest.fixture(scope="module")
def writ() -> Writ:
    return Writ.load()


def test_a_case_from_json_is_decided_like_its_text(writ):
    model = CaseModel.model_validate_json(json.dumps(XPSB))
    decision = writ.decide(writ.case_from_model(model))
    assert [r.answer for r in decision.results] == [Answer.yes]
    assert decision.passed and decision.expectations[0].under == ["eo13818_1_a_ii_A"]
    [twin] = writ.cases_from_text(model.to_text())
    assert writ.decide(twin).results[0].answer is Answer.yes


def test_polarity_unknown_makes_the_answer_undetermined_and_negated_makes_it_no(writ):
    model = CaseModel.model_validate(XPSB)
    model.expectations = []
    model.facts[1].polarity = Polarity.unknown
    assert writ.decide(writ.case_from_model(model)).results[0].answer is Answer.undetermined
    model.facts[1].polarity = Polarity.negated  # and the other two open ways to the criterion denied
    model.facts += [Fact(predicate=p, args=["xpsb", "detentions"], polarity="negated") for p in ("responsible_for", "complicit_in")]
    assert writ.decide(writ.case_from_model(model)).results[0].answer is Answer.no


def test_a_typo_in_a_predicate_is_an_error_naming_the_object_and_the_generated_line(writ):
    data = json.loads(json.dumps(XPSB))
    data["facts"][1]["predicate"] = "engagd_in"
    with pytest.raises(ModelError) as info:
        writ.case_from_model(CaseModel.model_validate(data))
    [d] = [d for d in info.value.diagnostics if d.is_error]
    assert (d.code, d.path, d.hint) == ("E205", "$.facts[1].predicate", "did you mean 'engaged_in'?")
    text = format_diagnostic(d, info.value.source)
    assert "engagd_in(xpsb, detentions)." in text and "in the object: $.facts[1].predicate" in text
    assert info.value.source.splitlines()[d.span.line - 1].strip() == "engagd_in(xpsb, detentions)."


def test_the_same_typo_as_text_gets_the_same_diagnostic(writ):
    data = json.loads(json.dumps(XPSB))
    data["facts"][1]["predicate"] = "engagd_in"
    model = CaseModel.model_validate(data)
    with pytest.raises(ModelError) as objects:
        writ.case_from_model(model, name="case.writ")
    with pytest.raises(Exception) as text:
        writ.cases_from_text(model.to_text(), "case.writ")
    strip = lambda ds: [d.model_dump(exclude={"path"}) for d in ds]  # noqa: E731
    assert strip(objects.value.diagnostics) == strip(text.value.diagnostics)


@pytest.mark.parametrize("where, value, code, path", [
    (("facts", 1, "args"), ["xpsb"], "E210", "$.facts[1]"),                              # arity: the whole fact
    (("facts", 1, "args"), ["xpsb", "detentons"], "E207", "$.facts[1].args[1]"),          # an undeclared name
    (("expectations", 0, "under"), ["eo13818_1_a_ii_a"], "E320", "$.expectations[0].under[0]"),
    (("facts", 0, "sentence"), "xpsb is a foreign persn", "E211", "$.facts[0].sentence"),
])
def test_each_error_points_at_its_field(writ, where, value, code, path):
    data = json.loads(json.dumps(XPSB))
    data[where[0]][where[1]][where[2]] = value
    with pytest.raises(ModelError) as info:
        writ.case_from_model(CaseModel.model_validate(data))
    found = [(d.code, d.path) for d in info.value.diagnostics if d.is_error]
    assert found[0][0] == code and found[0][1].startswith(path), found


def test_a_contradiction_names_both_statements(writ):
    model = CaseModel.model_validate(XPSB)
    model.facts.append(Fact(predicate="engaged_in", args=["xpsb", "detentions"], polarity=Polarity.negated))
    with pytest.raises(ModelError) as info:
        writ.case_from_model(model)
    [d] = info.value.diagnostics
    assert d.code == "E319" and d.path.startswith("$.facts[3]")


@pytest.mark.parametrize("bad", [
    {"parties": [{"name": "xpsb. blocked(acme)"}]},                 # a name is one name, nothing more
    {"facts": [{"sentence": "xpsb is blocked. question blocked(acme)"}]},  # a sentence has no period
    {"facts": [{"predicate": "owns", "args": ["a", "b", "25 %"]}]},
    {"facts": [{"predicate": "p", "sentence": "a b"}]},              # both forms
    {"facts": [{"predicate": "p", "polarity": "maybe"}]},
    {"doc": 'ends """ here'},
    {"colour": "red"},                                               # no unknown fields
])
def test_a_field_that_would_not_be_one_token_is_refused(bad):
    with pytest.raises(ValidationError):
        CaseModel.model_validate({**XPSB, **bad})


def test_text_values_are_quoted_so_they_cannot_break_out(writ):
    model = CaseModel.model_validate(XPSB)
    model.parties = [Party(name="xpsb", display='Bureau "X".\n  xpsb is blocked')]
    model.facts.append(Fact(predicate="engaged_in", args=["xpsb", Text(text="x")]))
    with pytest.raises(ModelError) as info:  # the text is a text, so the type is wrong: no new statement
        writ.case_from_model(model)
    assert [(d.code, d.path) for d in info.value.diagnostics] == [("E209", "$.facts[3].args[1]")]
    assert CaseModel.from_text(model.to_text(), writ.law) == model


def test_the_schema_describes_every_part_of_a_case():
    schema = CaseModel.model_json_schema()
    assert set(schema["required"]) == {"name", "as_of"}
    assert {"parties", "acts", "items", "transactions", "things", "facts", "questions", "expectations"} <= set(schema["properties"])
    assert schema["$defs"]["Polarity"]["enum"] == ["positive", "negated", "unknown"]
    assert schema["$defs"]["Fact"]["properties"]["valid_from"]["anyOf"][0]["format"] == "date"


@pytest.mark.parametrize("word", ["if", "from", "until", "under", "sum", "count"])
def test_a_keyword_is_refused_as_a_name_before_it_can_make_text_that_does_not_parse(word):
    # found by the round-trip property: Act(name="if") wrote "act if.", which the parser refuses
    with pytest.raises(ValidationError, match="is a word of the Writ language"):
        CaseModel(name="k", as_of="2020-01-01", parties=[Party(name=word)])
