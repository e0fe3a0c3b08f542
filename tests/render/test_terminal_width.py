"""The terminal report fits its width without breaking a word, shows deciding sets as short lists,
and `writ check` ends with a summary line."""

import io
import subprocess
import sys
from collections import Counter

import pytest

from conftest import FIXTURES, ROOT
from writ import Writ
from writ.decision import DecidingSet, FactQuestion
from writ.render.deciding import outcome_rule
from writ.render.terminal import decision_renderable, make_console, summary_line

GUIDES = {"│", "├──", "└──"}
# deep EAR trees, deciding sets, long citations and file:line locations
FILES = ["cases/xinjiang/facial_recognition.writ", "cases/glomag/xpsb_listing_dates.writ", "cases/ear/affiliates.writ",
         "cases/ear/end_use_transit.writ", "cases/glomag/ownership_50_percent.writ"]


@pytest.fixture(scope="module")
def decisions():
    writ = Writ.load()
    return writ.decide_many(writ.cases_from_files([ROOT / f for f in FILES]), explain=True)


def _render(decisions, layout_width: int, console_width: int) -> str:
    out = io.StringIO()
    console = make_console(out, console_width, color=False)
    for d in decisions:
        console.print(decision_renderable(d, layout_width))
    return out.getvalue()


@pytest.mark.parametrize("width", [60, 80, 120])
def test_the_report_fits_the_width_and_breaks_no_word(decisions, width):
    text = _render(decisions, width, width)
    assert max(len(line) for line in text.splitlines()) <= width
    # the same report on an unbounded line: every word wrapped at `width` is one of its words, whole
    unbroken = _render(decisions, width, 100_000)
    words = lambda t: Counter(w for w in t.split() if w not in GUIDES)  # noqa: E731
    assert words(text) == words(unbroken)
    assert "would be decided by" in text and "-> yes" not in text


def test_a_narrow_report_cuts_a_deep_tree_and_says_so(decisions):
    narrow, wide = _render(decisions, 60, 60), _render(decisions, 120, 120)
    assert "more levels not shown here" in narrow and len(narrow.splitlines()) > len(wide.splitlines())


def _set(*rows):
    n = len(rows[0][0])
    return DecidingSet(facts=[FactQuestion(statement=f"p{i}(a)", reading="", question=f"p{i}?") for i in range(n)],
                       outcomes=[", ".join(("" if v else "not ") + f"p{i}(a, b)" for i, v in enumerate(vs)) + f" -> {a}"
                                 for vs, a in rows])


def test_a_deciding_set_is_stated_as_its_rule_not_its_truth_table():
    T, F = True, False
    assert outcome_rule(_set(((T,), "yes"), ((F,), "no"))) == "yes if it holds, no if it does not"
    assert outcome_rule(_set(((T, T), "yes"), ((T, F), "yes"), ((F, T), "yes"), ((F, F), "no"))) == \
        "yes if any of them holds, no if none does"
    assert outcome_rule(_set(((T, T), "no"), ((T, F), "yes"), ((F, T), "yes"), ((F, F), "yes"))) == \
        "no if all of them hold, yes otherwise"
    assert outcome_rule(_set(((T, T), "yes"), ((T, F), "no"), ((F, T), "no"), ((F, F), "yes"))) == \
        "yes in 2 of the 4 combinations of their values, no in 2 (--json lists each)"


def test_the_summary_counts_cases_answers_and_failed_expectations(decisions):
    line = summary_line(decisions)
    yes = sum(r.answer.value == "yes" for d in decisions for r in d.results)
    failed = sum(not e.passed for d in decisions for e in d.expectations)
    assert line.startswith(f"{len(decisions)} cases: {yes} yes, ") and line.endswith(f", {failed} failed")


def test_writ_check_ends_with_the_summary_line():
    out = subprocess.run([sys.executable, "-m", "writ.cli", "check", "--width", "80", str(FIXTURES / "mini_cases.writ")],
                         capture_output=True, text=True)
    assert out.returncode == 0, out.stderr
    last = out.stdout.splitlines()[-1]
    assert last.startswith("8 cases: ") and last.endswith(" expectations, 0 failed"), last
    assert max(len(line) for line in out.stdout.splitlines()) <= 80
