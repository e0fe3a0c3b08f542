"""The one wording: "some X" is written the same way by the explainer and the documentation site,
and a question fills its slots in one pass."""

from writ import model as M
from writ.core.diagnostics import Span
from writ.docsite.reading import Reader
from writ.explain.wording import fact_question, some
from writ.syntax import tree as S


def test_some_uses_words_not_the_type_identifier():
    assert some("general_prohibition") == "some general prohibition"
    assert some(None) == "something"


def test_the_site_reads_an_anonymous_variable_as_the_explainer_does(mini):
    # the site used to write "some general_prohibition"
    assert Reader(mini.law).term(S.Var("_", Span("x.writ", 1, 1, 1, 1)), "general_prohibition") == "some general prohibition"


def test_a_display_name_holding_a_slot_is_not_filled_again():
    span = Span("x.writ", 1, 1, 1, 1)
    pred = M.Predicate("p", (("A", "party"), ("B", "party")), None, "Did {A} pay {B}?", True, False, span)
    consts = {"x": M.Constant("x", "party", "{B}", span, None), "y": M.Constant("y", "party", "Y", span, None)}
    law = M.Law({}, {"p": pred}, consts, {}, (), {})
    q = fact_question(law, M.GroundAtom("p", (M.Name("x"), M.Name("y"))), {})
    assert q.question == "Did {B} pay Y?"  # the chained str.replace gave "Did Y pay Y?"
