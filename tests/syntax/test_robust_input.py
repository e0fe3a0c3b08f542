"""Hostile or careless input at the parser and the loader: each gets one clear error
(or a warning) naming the character, the limit or the variable, never a wrong
reading, a crash or a hang."""

import pytest

from writ.api import Writ
from writ.core.diagnostics import WritError, format_diagnostic
from writ.syntax.parser import MAX_DEPTH, parse_text
from writ.syntax.project import MAX_INPUT_ENV, load

CASE = 'use glomag\ncase c "C" as of 2020-07-09\n  entity t "Target".\n  person o "Owner".\n'


@pytest.fixture(scope="module")
def writ() -> Writ:
    return Writ.load()


def errors(text: str):
    with pytest.raises(WritError) as info:
        parse_text(text, "x.writ")
    return [d for d in info.value.diagnostics if d.is_error]


def test_a_bengali_digit_is_not_a_digit():
    # '৪' is BENGALI DIGIT FOUR, which looks like an 8; Python's \d would read `৪0%` as 40%
    (d,) = errors(CASE + "  owns(o, t, \u09ea0%).\n")
    assert (d.code, d.span.line, d.span.column) == ("E101", 5, 14)
    assert d.message == "unexpected character '\u09ea' (U+09EA BENGALI DIGIT FOUR)"
    assert "only the ASCII digits 0-9 are digits" in d.hint


def test_a_date_in_full_width_digits_says_so():
    (d,) = errors('case c "C" as of \uff12\uff10\uff12\uff10-07-09\n')
    assert "U+FF12 FULLWIDTH DIGIT TWO" in d.message
    assert "full-width digits" in d.hint
    assert "calendar" not in d.message


def test_a_nul_in_a_text_value_is_refused(writ):
    # the solver ends strings at NUL: "abc<NUL>def" would be the same text as "abc"
    with pytest.raises(WritError) as info:
        writ.cases_from_text(CASE + '  entity n "abc\x00def".\n  question blocked(n).\n')
    (d,) = info.value.diagnostics
    assert (d.code, d.span.line, d.span.column) == ("E102", 5, 16)
    assert "NUL" in d.message and "U+0000" in d.message


def test_a_raw_nul_in_a_statute_string_is_refused(tmp_path):
    law = tmp_path / "law.writ"
    law.write_text('predicate p(X: text)\nprovision q "Q"\n  cite "made up\x00 cite"\n  p("x").\n', encoding="utf-8")
    with pytest.raises(WritError) as info:
        Writ.load([law])
    assert [d.code for d in info.value.diagnostics] == ["E102"]


def test_a_long_plus_chain_is_a_limit_error_not_a_recursion_error():
    chain = " + ".join(["1"] * 500)
    (d,) = errors(CASE + f"  rule_sum(t) if {chain} > 3.\n")
    assert d.code == "E107" and d.span.line == 5 and str(MAX_DEPTH) in d.message


def test_nested_parentheses_too():
    (d,) = errors(CASE + "  x(t) if " + "(" * 300 + "blocked(t)" + ")" * 300 + ".\n")
    assert d.code == "E107"


def test_nested_brackets_fold_away():
    # `[...]` only groups: the parser drops it, so no stage after it nests
    parse_text(CASE + "  f(" + "[" * 300 + "1" + "]" * 300 + ").\n")


def test_a_chain_under_the_limit_parses():
    parse_text(CASE + "  x(t) if " + " + ".join(["1"] * 40) + " > 3.\n")


@pytest.mark.parametrize("sep", ["\x0c", "\x85", "\u2028", "\u2029", "\x1c"])
def test_the_caret_is_on_the_right_line_after_a_line_separator_python_splits_on(sep):
    # the parser counts lines on \n only; str.splitlines() also splits on these
    text = CASE + f"  # a comment with {sep} inside\n  acme;\n"
    (d,) = errors(text)
    assert d.span.line == 6
    shown = format_diagnostic(d, text).splitlines()[1]
    assert shown == "    6 |   acme;"


def test_a_byte_order_mark_gets_a_hint():
    (d,) = errors("\ufeff" + CASE)
    assert "U+FEFF" in d.message
    assert d.hint == "the file starts with a byte-order mark; save it as UTF-8 without BOM"


def test_a_file_with_a_byte_order_mark_is_read(tmp_path):
    path = tmp_path / "bom.writ"
    path.write_bytes(b"\xef\xbb\xbf" + (CASE + "  question blocked(t).\n").encode())
    assert load([path]).files  # the loader drops the mark, as Notepad writes it


@pytest.mark.parametrize("char, latin, script", [("\u0430", "a", "Cyrillic"), ("\u0441", "c", "Cyrillic"),
                                                 ("\u03bf", "o", "Greek"), ("\u0410", "A", "Cyrillic")])
def test_a_look_alike_letter_names_its_code_point_and_the_latin_letter(char, latin, script):
    (d,) = errors(CASE + f"  {char}cme is a foreign person.\n")
    assert f"U+{ord(char):04X}" in d.message
    assert f"{script} letter looks like the Latin letter '{latin}'" in d.hint


def test_a_look_alike_inside_a_name_too():
    (d,) = errors(CASE + "  t\u0435st is a foreign person.\n")
    assert "U+0435 CYRILLIC SMALL LETTER IE" in d.message and "'e'" in d.hint


def test_a_device_is_refused_not_read(tmp_path):
    with pytest.raises(WritError) as info:
        load([__import__("pathlib").Path("/dev/zero")])
    (d,) = info.value.diagnostics
    assert d.code == "E002" and "not a regular file" in d.message


def test_a_file_over_the_limit_is_refused_and_the_limit_can_be_raised(tmp_path, monkeypatch):
    path = tmp_path / "big.writ"
    path.write_text(CASE + "  question blocked(t).\n" + "# padding\n" * 200, encoding="utf-8")
    monkeypatch.setenv(MAX_INPUT_ENV, "1000")
    with pytest.raises(WritError) as info:
        load([path])
    (d,) = info.value.diagnostics
    assert d.code == "E002" and "1,000 bytes" in d.message and MAX_INPUT_ENV in d.hint
    monkeypatch.setenv(MAX_INPUT_ENV, "100000")
    assert load([path]).files


def test_a_percentage_past_the_solver_range_is_an_error_not_an_overflow(writ):
    with pytest.raises(WritError) as info:
        writ.cases_from_text(CASE + "  owns(o, t, 21474836.48%).\n  question blocked(t).\n")
    (d,) = [d for d in info.value.diagnostics if d.is_error]
    assert d.code == "E106" and "21474836.48% is out of range" in d.message


def test_a_capitalised_name_in_an_atom_question_is_named(tmp_path):
    path = tmp_path / "q.writ"
    path.write_text('use glomag\ncase c "C" as of 2020-07-09\n  entity xpsb "X".\n  question blocked(Xpsb).\n', encoding="utf-8")
    w = Writ.load([path])
    (d,) = [d for d in w.warnings if d.code == "W322"]
    assert d.span.line == 4 and "'Xpsb' starts with a capital letter" in d.message and d.hint.endswith("xpsb")


def test_a_one_letter_variable_in_a_question_is_not_warned(tmp_path):
    path = tmp_path / "q.writ"
    path.write_text('use glomag\ncase c "C" as of 2020-07-09\n  entity xpsb "X".\n  question blocked(P).\n', encoding="utf-8")
    assert not [d for d in Writ.load([path]).warnings if d.code == "W322"]
