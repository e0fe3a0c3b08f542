"""The checker's passes used alone: one claim (check/claims.py), the warnings pass
(check/lint.py), and `check` returning its result as a value."""

import pytest

from diagnosed import FIXTURES

from writ.check import Checked, Scope, check
from writ.check.claims import check_claim
from writ.syntax.parser import parse_text
from writ.syntax.project import Loader

CASE = 'use mini\ncase c "C" as of 2020-07-09\n  entity acme "Acme Ltd".\n  act sales "sales".\n'


def claim(text: str):
    [case] = parse_text(f'case c "C" as of 2020-01-01\n  question {text}.\n', "<claim>").cases
    return case.statements[0].claim


def xpsb(mini) -> Scope:
    """The scope of the mini cases' xpsb case: its constants, every module visible."""
    return Scope(None, next(c for c in mini.cases if c.name == "xpsb").constants)


def test_one_claim_checks_against_the_law_alone(mini):
    atom, diagnostics = check_claim(mini.law, claim("xpsb is a foreign person"), xpsb(mini))
    assert (str(atom), diagnostics) == ("foreign_person(xpsb)", [])


def test_one_claim_reports_its_errors_as_values(mini):
    atom, diagnostics = check_claim(mini.law, claim("foreign_person(xpsbb)"), xpsb(mini))
    assert atom is None
    assert [(d.code, d.message, d.hint) for d in diagnostics] == [("E207", "undeclared name 'xpsbb'", "did you mean 'xpsb' (Xinjiang Public Security Bureau)?")]


def test_a_question_scope_lets_variables_stand_for_arguments(mini):
    scope = xpsb(mini)
    assert check_claim(mini.law, claim("engaged_in(xpsb, A)"), scope)[0] is None
    atom, diagnostics = check_claim(mini.law, claim("engaged_in(xpsb, A)"), Scope(None, scope.case_constants, allow_question_vars=True))
    assert diagnostics == [] and atom.args[1].name == "A"


def test_check_returns_the_law_the_cases_and_the_warnings():
    loader = Loader()
    loader.load_path(FIXTURES / "mini.writ")
    loader.load_path(FIXTURES / "mini_cases.writ")
    checked = check(loader.loaded)
    assert isinstance(checked, Checked)
    assert "blocked" in checked.law.predicates and "xpsb" in {c.name for c in checked.cases}
    assert {d.code for d in checked.warnings} == {"W312"} and not any(d.is_error for d in checked.warnings)


def test_a_percentage_over_100_is_warned_once_however_many_alternatives_read_it(load_text):
    # the rule has two alternatives (the `or`); each used to report the same literal again
    w = load_text('use mini\nprovision p "P"\n  cite "x"\n  text "t"\n'
                  "  blocked(E) if owns(O, E, 150%) and (listed(O, glomag) or foreign_person(O)).\n")
    assert [(d.code, d.span.line, d.span.column) for d in w.warnings if d.code != "W312"] == [("W105", 5, 28)]


def test_a_stated_share_over_100_is_e325_alone_and_any_other_percentage_w105(load_text):
    # E325 owns a share a case states (an error: it would decide wrongly); W105 every other
    # percentage over 100%, here one in a question: one finding is reported once, not twice
    from writ.core.diagnostics import WritError

    text = CASE + '  entity o "O".\n  owns(o, acme, 150%).\n  question owns(o, acme, 120%).\n'
    with pytest.raises(WritError) as err:
        load_text(text)
    found = [(d.code, d.span.line) for d in err.value.diagnostics if d.code != "W312"]
    assert found == [("E325", 6), ("W105", 7)]


def test_a_case_that_asks_nothing_is_warned(load_text):
    w = load_text(CASE + "  foreign_person(acme).\n")
    assert [(d.code, d.message) for d in w.warnings if d.code != "W312"] == [("W321", "case 'c' asks nothing")]


def test_a_fact_built_from_values_checks_against_the_vocabulary(mini):
    from writ.check.claims import check_values
    from writ.core.diagnostics import Span
    from writ.model import Name, Percent

    span = Span("sdn.csv", 7, 1, 7, 2)
    atom, diagnostics = check_values(mini.law, "listed", (Name("xpsb"), Name("glomag")), span, xpsb(mini))
    assert (str(atom), diagnostics) == ("listed(xpsb, glomag)", [])
    atom, diagnostics = check_values(mini.law, "listed", (Name("glomag"), Percent(5000)), span, xpsb(mini))
    assert atom is None
    assert [(d.code, d.span.line, d.message) for d in diagnostics] == [
        ("E209", 7, "argument P of 'listed' must be a party, but glomag is a program"),
        ("E209", 7, "argument G of 'listed' must be a program, but 50% is a percent")]
    assert [d.code for d in check_values(mini.law, "listed", (Name("xpsb"),), span, xpsb(mini))[1]] == ["E210"]
