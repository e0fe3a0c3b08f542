"""Per-case outcomes: one case that cannot be decided never takes its batch down."""

import shutil

import pytest

from conftest import FIXTURES
from writ.api import Writ
from writ.decision import Answer, OutcomeKind

# A checked Writ law always has an answer set (recursion only through monotone conditions,
# negation stratified: check.dependencies), so the inconsistency is put where only the solver
# sees it: the compiled program gets the integrity constraint NO_ANSWER, which no answer set
# with c blocked can satisfy. Case `stuck` blocks c, so clingo genuinely finds no stable model.
BATCH = '''use mini
case fine_before "Listed, before the stuck case" as of 2020-07-09
  entity x "X".
  listed(x, glomag).
  expect blocked(x).
case stuck "A case the solver finds no answer for" as of 2020-07-09
  entity a "A". entity b "B". entity c "C".
  listed(a, glomag).
  owns(a, b, 50%). owns(b, c, 30%). owns(a, c, 20%). owns(c, b, 10%).
  expect blocked(c).
case fine_after "Not listed, after the stuck case" as of 2020-07-09
  entity y "Y".
  expect not blocked(y).
'''
NO_ANSWER = ":- p_blocked(_, c_c).\n"
# the same, for a CLI run in a fresh interpreter
PATCHED_CLI = ("import sys; from writ.compile.program import CompiledLaw as L; p = L.program; "
               f"L.program = lambda self, r=None: p(self, r) + {NO_ANSWER!r}; "
               "from writ.cli.app import main; sys.argv[0] = 'writ'; main()")


def refuse_c(compiled) -> None:
    """Add NO_ANSWER to this compiled law's program (every slice of it)."""
    program = compiled.program
    compiled.program = lambda relevant=None: program(relevant) + NO_ANSWER


@pytest.fixture(scope="module")
def batch(tmp_path_factory):
    folder = tmp_path_factory.mktemp("outcomes")
    shutil.copy(FIXTURES / "mini.writ", folder / "mini.writ")
    (folder / "batch.writ").write_text(BATCH, encoding="utf-8")
    writ = Writ.load([folder / "batch.writ"])
    refuse_c(writ.compiled)
    return folder / "batch.writ", writ


@pytest.mark.parametrize("explain", [False, True])
def test_an_inconsistent_case_is_its_own_outcome_and_the_batch_is_decided(batch, explain):
    path, writ = batch
    decisions = writ.decide_many(writ.cases, explain=explain)
    assert [(d.case, d.outcome.kind) for d in decisions] == [
        ("fine_before", OutcomeKind.decided), ("stuck", OutcomeKind.inconsistent), ("fine_after", OutcomeKind.decided)]
    fine_before, stuck, fine_after = decisions
    assert [r.answer for r in fine_before.results] == [Answer.yes] and fine_before.passed
    assert [r.answer for r in fine_after.results] == [Answer.no] and fine_after.passed
    assert (stuck.outcome.code, stuck.outcome.source.line) == ("E501", 6)
    assert stuck.outcome.reason == "the law has no consistent answer for case 'stuck' (no stable model)"
    assert stuck.results == [] and not stuck.passed


def test_a_batch_decided_in_chunks_and_streamed_gives_the_same_decisions(batch, monkeypatch):
    from writ.decide import engine

    path, writ = batch
    whole = [d.model_dump_json() for d in writ.decide_many(writ.cases * 3)]
    monkeypatch.setattr(engine, "SOLVE_CHUNK", 2)  # chunks that cut through the inconsistent case's neighbours
    assert [d.model_dump_json() for d in writ.decide_many(writ.cases * 3)] == whole
    solved: list[int] = []
    real = writ.solver.solve

    def solve(inputs):
        solved.append(len(inputs))
        return real(inputs)

    monkeypatch.setattr(writ.solver, "solve", solve)
    stream = writ.decide_iter(iter(writ.cases * 3))
    first = next(stream)
    assert solved == [2]  # only the first chunk is solved before the first decision comes back
    assert [first.model_dump_json(), *(d.model_dump_json() for d in stream)] == whole
    assert solved == [2, 2, 2, 2, 1]


def test_a_case_that_breaks_the_solver_is_an_error_outcome(mini, monkeypatch):
    real = mini.solver.solve

    def solve(inputs):  # a case whose data the solver cannot take, in a batch or alone
        if any(i.case.name == "ownership" for i in inputs):
            raise OverflowError("Python int too large to convert to C int")
        return real(inputs)

    monkeypatch.setattr(mini.solver, "solve", solve)
    decisions = mini.decide_many(mini.cases)
    broken = [d for d in decisions if not d.decided]
    assert [(d.case, d.outcome.kind) for d in broken] == [("ownership", OutcomeKind.error)]
    assert "OverflowError: Python int too large" in broken[0].outcome.reason
    assert all(d.passed for d in decisions if d.decided) and len(decisions) == len(mini.cases)


def test_a_case_that_fails_while_explained_is_an_error_outcome(mini, monkeypatch):
    from writ.explain import Explainer

    real = Explainer.answer

    def answer(self, q, sym):
        if self.case.name == "dates":
            raise RecursionError("maximum recursion depth exceeded")
        return real(self, q, sym)

    monkeypatch.setattr(Explainer, "answer", answer)
    decisions = mini.decide_many(mini.cases, explain=True)
    assert [d.case for d in decisions if not d.decided] == ["dates"]
    assert "RecursionError" in next(d for d in decisions if d.case == "dates").outcome.reason


def test_writ_test_and_check_report_the_case_and_exit_2(batch):
    import subprocess
    import sys

    path, _ = batch
    out = subprocess.run([sys.executable, "-c", PATCHED_CLI, "test", str(path)], capture_output=True, text=True)
    assert out.returncode == 2, out.stderr
    assert "FAIL" in out.stdout and "stuck: blocked(c): not decided (inconsistent): the law has no consistent answer" in out.stdout
    assert out.stdout.strip().splitlines()[-1] == "2 passed, 1 failed"
    assert "batch.writ:6:1: error[E501]: the law has no consistent answer for case 'stuck'" in out.stderr
    out = subprocess.run([sys.executable, "-c", PATCHED_CLI, "check", "--json", str(path)], capture_output=True, text=True)
    assert out.returncode == 2
    import json

    report = json.loads(out.stdout)
    # a decided case's JSON is as it always was: the outcome appears only when it is not decided
    assert [(d["case"], d.get("outcome")) for d in report["decisions"]] == [
        ("fine_before", None),
        ("stuck", {"kind": "inconsistent", "reason": "the law has no consistent answer for case 'stuck' (no stable model)",
                   "code": "E501", "hint": report["decisions"][1]["outcome"]["hint"],
                   "source": {"file": str(path), "line": 6, "column": 1}}),
        ("fine_after", None)]


def test_an_interview_on_a_case_without_answers_says_why(batch):
    from writ.core.diagnostics import WritError
    from writ.model import GroundAtom, Name

    _, writ = batch
    [stuck] = [c for c in writ.cases if c.name == "stuck"]
    iv = writ.interview(stuck, GroundAtom("blocked", (Name("c"),)))
    with pytest.raises(WritError) as info:
        iv.next_fact()
    assert info.value.diagnostics[0].code == "E501"


def test_a_limit_the_solver_reports_is_that_case_s_outcome(mini, monkeypatch):
    # the solver's own per-case outcome (solve.outcome, where it has one) is carried into the decision
    import types

    from writ.solve.solver import Consequences

    def limited(k):
        cons = Consequences(frozenset(), frozenset(), index=k)
        try:
            cons.consistent = False
        except AttributeError:  # where Consequences carries an outcome, `consistent` follows it
            pass
        cons.outcome = types.SimpleNamespace(value="limit reached")
        cons.reason = "case 'ownership': the grounding reached 2,000,000 atoms"
        return cons

    real = mini.solver.solve

    def solve(inputs):
        return [limited(k) if i.case.name == "ownership" else c for k, (i, c) in enumerate(zip(inputs, real(inputs)))]

    monkeypatch.setattr(mini.solver, "solve", solve)
    by_case = {d.case: d for d in mini.decide_many(mini.cases)}
    limited = by_case.pop("ownership").outcome
    assert (limited.kind, limited.reason) == (OutcomeKind.limit_reached, "case 'ownership': the grounding reached 2,000,000 atoms")
    assert all(d.decided and d.passed for d in by_case.values())
