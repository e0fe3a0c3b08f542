"""Malformed inputs: each gets one exact diagnostic (file, line, column, code, message)."""

import pytest

from diagnosed import errors_of

CASE = 'use mini\ncase c "C" as of 2020-07-09\n  entity acme "Acme Ltd".\n  act sales "sales".\n'

BAD = [
    ("missing period", CASE + "  acme is a foreign person\n  acme engaged in sales.\n",
     [(5, 3, "E211", 'no predicate reads "acme is a foreign person acme engaged in sales"')]),
    ("undeclared predicate", CASE + "  foriegn_person(acme).\n",
     [(5, 3, "E205", "undeclared predicate 'foriegn_person'")]),
    ("undeclared constant", CASE + "  foreign_person(acmee).\n",
     [(5, 18, "E207", "undeclared name 'acmee'")]),
    ("wrong arity", CASE + "  engaged_in(acme).\n",
     [(5, 3, "E210", "'engaged_in' takes 2 arguments, not 1")]),
    ("wrong argument types", CASE + "  engaged_in(sales, acme).\n",
     [(5, 14, "E209", "argument P of 'engaged_in' must be a party, but 'sales' is an act"),
      (5, 21, "E209", "argument A of 'engaged_in' must be an act, but 'acme' is an entity")]),
    ("malformed date", 'use mini\ncase c "C" as of 2020-02-30\n',
     [(2, 18, "E103", "'2020-02-30' is not a calendar date")]),
    ("sentence matching no reading", CASE + "  acme is a foreign entity.\n",
     [(5, 3, "E211", 'no predicate reads "acme is a foreign entity"')]),
    ("unterminated string", 'use mini\ncase c "C as of 2020-07-09\n',
     [(2, 8, "E101", "unterminated string")]),
    ("variable in a fact", CASE + "  foreign_person(Acme).\n",
     [(5, 18, "E208", "'Acme' is a variable: facts and expectations name particular things")]),
    ("expectation under a missing provision", CASE + "  expect foreign_person(acme) under abuses.\n",
     [(5, 37, "E320", "no provision 'abuses'")]),
    ("rule inside a case", CASE + "  blocked(P) if foreign_person(P).\n",
     [(5, 3, "E317", "a case states facts; rules belong to provisions")]),
    ("case stating fixed law data", CASE + '  country fr "France".\n  chart(fr, glomag).\n',
     [(6, 3, "E318", "'chart' is fixed law data; a case cannot state it")]),
    ("unknown module", "use minni\n",
     [(1, 1, "E201", "no module 'minni'")]),
    ("unsafe variable", 'use mini\nprovision p "P"\n  cite "x"\n  blocked(P) if not listed(P, glomag).\n',
     [(4, 11, "E219", "unsafe variable 'P': it appears in the conclusion but no positive condition binds it")]),
    ("negation cycle", 'use mini\npredicate a(P: party) reads "{P} is a"\npredicate b(P: party) reads "{P} is b"\n'
     'provision p "P"\n  cite "x"\n  a(P) if foreign_person(P) and not b(P).\n  b(P) if foreign_person(P) and not a(P).\n',
     [(6, 3, "E322", "'a' depends on itself through 'not' or 'unless': a -> b -> a")]),
    ("comparison of different kinds", 'use mini\npredicate q(P: party) reads "{P} is q"\nprovision p "P"\n  cite "x"\n'
     "  q(P) if occurred_on(A, D) and foreign_person(P) and D > 50%.\n",
     [(5, 55, "E215", "cannot compare a date with a percent")]),
    ("braces", 'use mini\nprovision p "P"\n  cite "x"\n  blocked(P) if { listed(P, glomag) }.\n',
     [(4, 17, "E101", "unexpected character '{'")]),
    ("fractional number", CASE + "  owners_count(acme, 1.5).\n",
     [(5, 22, "E105", "1.5 is not a whole number")]),
    ("question naming no parameter", 'predicate z(P: party) reads "{P} is z" asks "Is {Q} z?"\n',
     [(1, 45, "E203", "the question names '{Q}', which is not a parameter of 'z'")]),
    ("contradictory facts", CASE + "  foreign_person(acme).\n  not foreign_person(acme).\n",
     [(6, 3, "E319", "this contradicts line 5, which states it as true")]),
    ("contradictory facts on overlapping dates", CASE + "  foreign_person(acme).\n  not foreign_person(acme) from 2020-01-01.\n",
     [(6, 3, "E319", "this contradicts line 5, which states it as true on some of the same dates")]),
    ("number beyond 32 bits", CASE + "  owners_count(acme, 2147483648).\n",
     [(5, 22, "E106", "2147483648 is out of range: whole numbers go up to 2,147,483,647")]),
    ("undeclared type", 'predicate z(P: partey) reads "{P} is z"\n',
     [(1, 16, "E202", "unknown type 'partey'")]),
    ("reading names no parameter", 'predicate z(P: party) reads "{Q} is z"\n',
     [(1, 29, "E203", "the reading names '{Q}', which is not a parameter of 'z'"),
      (1, 29, "E203", "the reading of 'z' does not mention {P}")]),
    ("sentence word reserved", CASE + "  acme engaged in sales from 2020-13-01.\n",
     [(5, 30, "E103", "'2020-13-01' is not a calendar date")]),
    ("statement outside any block", 'use mini\nforeign_person(x).\n',
     [(2, 1, "E310", "this statement belongs to no provision")]),
    ("fact with the wrong reserved word", 'use mini\ncase c "C" as of 2020-07-09\n  person m "M".\n  m is listed under glomag.\n',
     [(4, 15, "E101", "unexpected 'under'; expected '.', 'from', 'until'")]),
]


@pytest.mark.parametrize("name,text,expected", BAD, ids=[b[0] for b in BAD])
def test_malformed_input_gets_its_exact_diagnostic(load_text, name, text, expected):
    got = [(line, col, code, msg) for file, line, col, code, msg in errors_of(load_text, text)]
    assert sorted(got) == sorted(expected)
    assert all(file == "bad.writ" for file, *_ in errors_of(load_text, text))


def test_diagnostics_carry_hints(load_text):
    from writ.core.diagnostics import WritError

    with pytest.raises(WritError) as info:
        load_text(CASE + "  foriegn_person(acme).\n")
    assert [d for d in info.value.diagnostics if d.is_error][0].hint == "did you mean 'foreign_person'?"


def test_missing_period_hint_names_the_line(load_text):
    from writ.core.diagnostics import WritError

    with pytest.raises(WritError) as info:
        load_text(CASE + "  acme is a foreign person\n  acme engaged in sales.\n")
    assert [d for d in info.value.diagnostics if d.is_error][0].hint == "this sentence runs over lines 5-6: is a period missing at the end of line 5?"


def test_formatted_diagnostic_points_at_the_text(load_text):
    from writ.core.diagnostics import WritError, format_diagnostic

    text = CASE + "  foriegn_person(acme).\n"
    with pytest.raises(WritError) as info:
        load_text(text)
    out = format_diagnostic([d for d in info.value.diagnostics if d.is_error][0], text)
    assert out.splitlines()[1:] == [
        "    5 |   foriegn_person(acme).",
        "      |   ^^^^^^^^^^^^^^",
        "  hint: did you mean 'foreign_person'?",
    ]
