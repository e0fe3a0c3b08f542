"""`writ ask`: only the facts that can still change the answer, one at a time,
driven here by scripted answers; answers written back into the case file."""

import re
import shutil
import subprocess
import sys
from pathlib import Path

import pytest

from conftest import FIXTURES, ROOT
from writ.api import Writ
from writ.decision import Answer
from writ.model import GroundAtom, Name

XPSB = ROOT / "cases" / "glomag" / "xpsb_2020.writ"


def ask(*args, answers: str, cwd=None):
    return subprocess.run([sys.executable, "-m", "writ.cli", "ask", *args], input=answers,
                          capture_output=True, text=True, cwd=cwd)


def asked(stdout: str) -> list[str]:
    """The facts the interview asked, in order (each printed indented under its question)."""
    return [line.strip() for line in stdout.splitlines() if re.fullmatch(r"  [a-z_]+\(.*\)", line)]


@pytest.fixture
def interview(mini):
    def start(case_name):
        [case] = [c for c in mini.cases if c.name == case_name]
        return mini.interview(case, GroundAtom("meets_criteria", (Name("xpsb"),)))
    return start


ABUSE = GroundAtom("serious_abuse", (Name("detentions"),))


@pytest.mark.parametrize("value, answer", [(True, Answer.yes), (False, Answer.no)])
def test_the_one_deciding_fact_is_asked_and_settles_it(interview, value, answer):
    iv = interview("xpsb_unknown")
    fact, question = iv.next_fact()
    assert fact == ABUSE
    assert question.question == "Is it the case that mass arbitrary detention is serious human rights abuse?"
    iv.give(fact, value)
    assert iv.next_fact() is None
    assert iv.answer() is answer


def test_a_declined_fact_leaves_it_undetermined_and_ends_the_interview(interview):
    iv = interview("xpsb_unknown")
    fact, _ = iv.next_fact()
    iv.give(fact, None)
    assert iv.next_fact() is None
    assert iv.answer() is Answer.undetermined
    assert iv.answers == {}


def test_a_decided_case_asks_nothing(interview):
    assert interview("xpsb").next_fact() is None


def test_cli_asks_only_what_can_still_change_the_answer(tmp_path):
    # XPSB with the abuse finding unstated: engaged_in, responsible_for and complicit_in are
    # open. Denying engagement and declining responsibility leaves complicity as the one
    # fact that can still decide it; the Act's own findings are never asked.
    case = shutil.copy(XPSB, tmp_path / "xpsb_2020.writ")
    out = ask(str(case), "--case", "xpsb_2020_abuse_unstated", "--no-save", answers="n\n?\ny\n")
    assert out.returncode == 0, out.stderr
    assert asked(out.stdout) == ["engaged_in(xpsb, detentions)", "responsible_for(xpsb, detentions)",
                                 "complicit_in(xpsb, detentions)"]
    assert "Did Xinjiang Public Security Bureau directly or indirectly engage in" in out.stdout
    assert "YES          Xinjiang Public Security Bureau meets the Global Magnitsky criteria" in out.stdout
    assert "given: Xinjiang Public Security Bureau is complicit in" in out.stdout
    assert Path(case).read_text() == XPSB.read_text()  # --no-save


def test_cli_saves_answers_as_facts_and_the_case_then_decides(tmp_path):
    case = Path(shutil.copy(XPSB, tmp_path / "xpsb_2020.writ"))
    out = ask(str(case), "--case", "xpsb_2020_abuse_unstated", answers="n\ny\ny\n")  # the last y: save
    assert out.returncode == 0, out.stderr
    assert asked(out.stdout) == ["engaged_in(xpsb, detentions)", "responsible_for(xpsb, detentions)"]
    text = case.read_text()
    assert "  # answered in `writ ask` on " in text
    assert "  not xpsb engaged in detentions.\n  xpsb is responsible for detentions.\n" in text
    writ = Writ.load([case])
    [saved] = [c for c in writ.cases if c.name == "xpsb_2020_abuse_unstated"]
    [result] = [r for r in writ.decide(saved).results if r.question == "meets_criteria(xpsb)"]
    assert result.answer is Answer.yes
    # the case's own expectation (undetermined) now fails: the file says what was answered
    assert [e.passed for e in writ.decide(saved).expectations] == [False]


def test_cli_edits_a_stated_unknown_in_place(tmp_path):
    for name in ("mini.writ", "mini_cases.writ"):
        shutil.copy(FIXTURES / name, tmp_path / name)
    cases = tmp_path / "mini_cases.writ"
    out = ask(str(cases), "--case", "xpsb_unknown", "--save", answers="n\n")
    assert out.returncode == 0, out.stderr
    assert "NO           Xinjiang Public Security Bureau meets the designation criteria" in out.stdout
    before = (FIXTURES / "mini_cases.writ").read_text().splitlines()
    after = cases.read_text().splitlines()
    changed = [(b, a) for b, a in zip(before, after) if b != a]
    assert changed == [("  unknown detentions is serious human rights abuse.", "  not detentions is serious human rights abuse.")]
    assert len(before) == len(after)


def test_cli_end_of_input_stops_without_saving(tmp_path):
    case = Path(shutil.copy(XPSB, tmp_path / "xpsb_2020.writ"))
    out = ask(str(case), "--case", "xpsb_2020_abuse_unstated", answers="")
    assert out.returncode == 0, out.stderr
    assert "UNDETERMINED" in out.stdout
    assert case.read_text() == XPSB.read_text()


def test_cli_names_the_cases_when_a_file_has_several():
    out = ask(str(XPSB), answers="")
    assert out.returncode == 2
    assert "choose one with --case" in out.stderr and "xpsb_2020_abuse_unstated" in out.stderr


LAW_AND_CASE = '''predicate a(X: party) reads "{X} is a" open
predicate b(X: party) reads "{X} is b" open
predicate q(X: party) reads "{X} is q"
provision pp "t"
  cite "t"
  text "t"
  q(X) if a(X) and b(X).
case k "K" as of 2020-06-01
  entity e "E".
  """Both findings are pending."""
  unknown e is a. unknown e is b.
  question q(e).
'''


@pytest.mark.parametrize("newline", ["\n", "\r\n"])
def test_saving_edits_each_unknown_in_place_and_keeps_the_line_endings(tmp_path, newline):
    from writ.casefile import save_answers

    path = tmp_path / "k.writ"
    path.write_bytes(LAW_AND_CASE.replace("\n", newline).encode())
    writ = Writ.load([path])  # a file holding both its law and its case
    [case] = writ.cases
    a, b = (GroundAtom(p, (Name("e"),)) for p in ("a", "b"))
    save_answers(writ, case, {a: False, b: True})
    text = path.read_bytes().decode()
    assert "  not e is a. e is b." + newline in text  # two unknowns on one line, after a doc string
    assert text.count("\r\n") == (text.count("\n") if newline == "\r\n" else 0)
    [again] = Writ.load([path]).cases
    assert {(str(f.atom), f.polarity) for f in again.facts} == {("a(e)", "false"), ("b(e)", "true")}


def test_saving_an_unstated_fact_adds_it_after_the_case_s_own_statements(tmp_path):
    from writ.casefile import save_answers

    path = tmp_path / "k.writ"
    path.write_text(LAW_AND_CASE.replace("  unknown e is a. unknown e is b.\n", ""), encoding="utf-8")
    writ = Writ.load([path])
    [case] = writ.cases
    save_answers(writ, case, {GroundAtom("a", (Name("e"),)): True}, on=__import__("datetime").date(2026, 1, 2))
    lines = path.read_text(encoding="utf-8").splitlines()
    at = lines.index('  entity e "E".')
    assert lines[at + 1:at + 3] == ["  # answered in `writ ask` on 2026-01-02", "  e is a."]


def test_saving_checks_the_edit_against_the_loaded_law_without_loading_it_again(tmp_path, monkeypatch):
    from writ.casefile import save_answers
    from writ.decide.engine import Engine
    from writ.syntax.project import Loader

    for name in ("mini.writ", "mini_cases.writ"):
        shutil.copy(FIXTURES / name, tmp_path / name)
    writ = Writ.load([tmp_path / "mini_cases.writ"])
    [case] = [c for c in writ.cases if c.name == "xpsb_unknown"]

    def no_reload(*args, **kw):
        raise AssertionError("saving re-entered Engine.load: the whole law was checked again")

    monkeypatch.setattr(Engine, "load", no_reload)
    monkeypatch.setattr(Loader, "load_path", no_reload)  # how a reload reads the edited file
    save_answers(writ, case, {ABUSE: True})
    assert "  detentions is serious human rights abuse." in (tmp_path / "mini_cases.writ").read_text().splitlines()


def test_an_edit_that_would_not_state_the_answer_is_refused_and_nothing_is_written(tmp_path):
    from writ.casefile import save_answers
    from writ.core.diagnostics import WritError

    for name in ("mini.writ", "mini_cases.writ"):
        shutil.copy(FIXTURES / name, tmp_path / name)
    before = (tmp_path / "mini_cases.writ").read_text()
    writ = Writ.load([tmp_path / "mini_cases.writ"])
    [case] = [c for c in writ.cases if c.name == "xpsb_unknown"]
    bad = GroundAtom("serious_abuse", ("not a name",))  # a text where the vocabulary wants an act
    with pytest.raises(WritError) as info:
        save_answers(writ, case, {bad: True})
    assert info.value.diagnostics[0].code == "E402"
    assert (tmp_path / "mini_cases.writ").read_text() == before
