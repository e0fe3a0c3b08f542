"""Cases with unknown facts share a grounding (solve.batch groups them): each case's certain
and possible consequences are those it has when solved alone."""

from __future__ import annotations

from pathlib import Path

from writ.api import Writ

ROOT = Path(__file__).resolve().parents[2]


def _strip(cons) -> tuple[frozenset[str], frozenset[str]]:
    """The consequences without the case's number (the first argument of every shown atom)."""
    def one(s):
        return f"{s.name}({','.join(str(a) for a in s.arguments[1:])})"
    return frozenset(map(one, cons.certain)), frozenset(map(one, cons.possible))


def test_cases_with_unknowns_grouped_answer_as_alone():
    writ = Writ.load([ROOT / "statutes", ROOT / "cases"])
    inputs = [writ.engine.prepare(c) for c in writ.cases]
    choosing = [i for i in inputs if i.has_choices]
    assert len(choosing) > 10
    alone = [_strip(writ.solver.solve([i])[0]) for i in choosing]
    together = writ.solver.solve(choosing * 2)  # each twice: the same case in one group
    assert all(c.consistent for c in together)
    assert [_strip(c) for c in together] == alone * 2
    assert any(c != p for c, p in alone)  # some case has possible consequences that are not certain
