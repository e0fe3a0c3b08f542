"""Run cases' expectations and count them: the one runner behind `writ test` and the pytest items.

Each `expect` of a case gives one row: passed or failed, with the message `writ test` prints.
A case that could not be decided fails each of its expectations with its outcome's reason
(or one row, if it states none), so a case with no answer never passes silently.
"""

from __future__ import annotations

from dataclasses import dataclass
from typing import Sequence

from .. import model as M
from ..decision import Decision
from .engine import Engine


@dataclass(frozen=True)
class Row:
    """One expectation's result, as `writ test` prints it."""

    case: str
    question: str
    expected: str
    actual: str
    passed: bool
    message: str
    source: str  # file:line of the `expect`

    def as_json(self) -> dict:
        return {"case": self.case, "question": self.question, "expected": self.expected, "actual": self.actual,
                "passed": self.passed, "message": self.message, "source": self.source}


@dataclass
class Run:
    """The rows of a batch of cases, and the decisions they come from."""

    rows: list[Row]
    decisions: list[Decision]

    @property
    def passed(self) -> int:
        return sum(r.passed for r in self.rows)

    @property
    def failed(self) -> int:
        return sum(not r.passed for r in self.rows)


def run_expectations(engine: Engine, cases: Sequence[M.Case]) -> Run:
    """Decide the cases in one batch (unexplained: only the answers and grounds are needed)."""
    decisions = engine.decide_many(cases, explain=False)
    return Run([row for c, d in zip(cases, decisions) for row in rows_of(c, d)], decisions)


def rows_of(case: M.Case, d: Decision) -> list[Row]:
    """The rows of one case, in the order its expectations are written."""
    if d.decided:
        return [Row(d.case, e.question, e.expected.value, e.actual.value, e.passed, e.message,
                    f"{e.source.file}:{e.source.line}") for e in d.expectations]
    why = f"not decided ({d.outcome.kind.value}): {d.outcome.reason}"
    if not case.expectations:
        return [Row(d.case, "-", "decided", d.outcome.kind.value, False, why, f"{case.span.file}:{case.span.line}")]
    return [Row(d.case, str(e.atom), e.verdict, d.outcome.kind.value, False, why, f"{e.span.file}:{e.span.line}")
            for e in case.expectations]
