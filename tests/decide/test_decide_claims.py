"""One claim typed on the command line, checked in a case's scope: one fact, or a clear refusal."""

import pytest

from writ.core.diagnostics import WritError
from writ.model import GroundAtom, Name


def case(mini, name="xpsb"):
    [c] = [c for c in mini.cases if c.name == name]
    return c


def test_an_atom_and_a_sentence_are_the_same_fact(mini):
    abuse = GroundAtom("serious_abuse", (Name("detentions"),))
    assert mini.parse_atom("serious_abuse(detentions)", case(mini)) == abuse
    assert mini.parse_atom("detentions is serious human rights abuse.", case(mini)) == abuse


@pytest.mark.parametrize("text, hint", [
    ('serious_abuse(detentions). case c2 as of 2020-01-01 entity z "Z"', "not a case"),
    ("serious_abuse(A)", "replace each variable"),
    ("serious_abuse(detentions)\nforeign_person(xpsb)", "on one line"),
])
def test_anything_but_one_fact_is_refused_with_a_hint(mini, text, hint):
    with pytest.raises(WritError) as info:
        mini.parse_atom(text, case(mini))
    [d] = info.value.diagnostics
    assert (d.code, d.span.file, d.span.line) == ("E330", "<command line>", 1)
    assert hint in d.hint


def test_an_error_points_into_what_was_typed(mini):
    with pytest.raises(WritError) as info:
        mini.parse_atom("serious_abus(detentions)", case(mini))
    [d] = info.value.diagnostics
    assert (d.code, d.span.file, d.span.line, d.span.column) == ("E205", "<command line>", 1, 1)
