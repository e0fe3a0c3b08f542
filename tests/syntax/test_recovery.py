"""The parser recovers after a syntax error: every error of a file is reported in one run,
each where it is, and the entries around the broken ones still parse (an editor shows
them while one statement is half typed)."""

import subprocess
import sys

import pytest

from writ.core.diagnostics import WritError
from writ.syntax.parser import parse_recovering, parse_text
from writ.syntax.recover import MAX_SYNTAX_ERRORS

BROKEN = '''use mini

case c "t" as of 2024-01-01
  owns(a b).
  owns(c, d).
  bad { x.
  ok(e)
case d "x" as of 2024-01-01
  fine(q).
case Bad "x" as of 2024-01-01
  lost(z).
case e "y" as of 2024-13-01
  "unterminated
  kept(y).
  last(x'''


def where(diagnostics):
    return [(d.code, d.span.line, d.span.column) for d in diagnostics]


def test_every_syntax_error_is_reported_where_it_is():
    src, diags = parse_recovering(BROKEN, "b.writ")
    assert where(sorted(diags, key=lambda d: d.span.line)) == [
        ("E101", 4, 10),  # 'b': a comma missing
        ("E101", 6, 7),  # '{'
        ("E101", 8, 1),  # 'case': the period of `ok(e)` missing
        ("E101", 10, 6),  # 'Bad': a header's name capitalised
        ("E103", 12, 18),  # not a calendar date: found although syntax errors came before
        ("E101", 13, 3),  # unterminated string
        ("E101", 15, 9),  # the end of the file inside `last(x`
    ]
    assert all(d.hint for d in diags)
    missing_period = next(d for d in diags if d.span.line == 8)
    assert missing_period.hint == "statements end with a period: is one missing before this?"


def test_the_entries_around_the_errors_still_parse():
    src, _ = parse_recovering(BROKEN, "b.writ")
    # a broken statement is dropped alone; a broken header drops its block (lost(z)) rather
    # than hand its statements to the case before
    assert [(c.name, [s.span.line for s in c.statements]) for c in src.cases] == [("c", [5]), ("d", [9]), ("e", [14])]
    assert [u.path for u in src.uses] == ["mini"]


def test_parse_text_raises_with_all_of_them_in_order():
    with pytest.raises(WritError) as info:
        parse_text(BROKEN, "b.writ")
    lines = [d.span.line for d in info.value.diagnostics]
    assert lines == sorted(lines) and len(lines) == 7


def test_a_period_inside_a_string_a_number_or_a_comment_does_not_end_the_skip():
    text = ('case c "t" as of 2024-01-01\n  owns(a b "x. y", 1.5, c). # no. stop\n  still(broken.\n'
            '  kept(z).\n')
    src, diags = parse_recovering(text, "p.writ")
    # the skip from 'b' runs to the period after `c)`, not into the string, number or comment
    assert [d.span.line for d in diags] == [2, 3]
    assert [s.span.line for s in src.cases[0].statements] == [4]


def test_a_file_of_garbage_stops_at_the_limit():
    src, diags = parse_recovering("{.\n" * 500, "g.writ")
    assert src is None
    assert len(diags) == MAX_SYNTAX_ERRORS


def test_a_file_without_errors_parses_as_before():
    src, diags = parse_recovering('case c "t" as of 2024-01-01\n  owns(a, b).\n', "ok.writ")
    assert diags == [] and len(src.cases[0].statements) == 1


def test_writ_check_prints_several_syntax_errors(tmp_path):
    case = tmp_path / "two.writ"
    case.write_text('use glomag\ncase c "C" as of 2020-07-09\n  entity t "T" .\n  owns(t t).\n  x { y.\n  entity u "U".\n')
    out = subprocess.run([sys.executable, "-m", "writ.cli", "check", str(case)], capture_output=True, text=True)
    assert out.returncode == 2
    assert "two.writ:4:10: error[E101]: unexpected 't'" in out.stderr
    assert "two.writ:5:5: error[E101]: unexpected character '{'" in out.stderr
    assert out.stderr.count("hint:") == 2
    assert out.stderr.strip().endswith("2 errors")
