"""pytest plugin: every `expect` of the bundled cases is a pytest item.

    cases/glomag/xpsb_2020.writ::xpsb_2020::meets_criteria(xpsb)

so `pytest -k xpsb_2020` runs one case's expectations. The runner is `writ test`'s own
(`writ.decide.runner`): the law and every case file are loaded once per process, each file's
cases are decided in one batch when its first item runs, and every item is in one xdist group,
so under `-n 2 --dist loadgroup` one worker decides them all with the law it loaded.
"""

from __future__ import annotations

from pathlib import Path

import pytest

GROUP = "writ-cases"
_ENGINES: dict[Path, object] = {}  # the cases folder -> its Engine, loaded once per process


def bundled_engine(cases_root: Path):
    """The law and every case under `cases_root`, checked and compiled once (raises WritError)."""
    from writ.decide.engine import Engine

    if cases_root not in _ENGINES:
        _ENGINES[cases_root] = Engine.load([cases_root])
    return _ENGINES[cases_root]


@pytest.fixture(scope="session")
def bundled_cases(pytestconfig):
    """The engine the case items use: the bundled law and every case in cases/."""
    return bundled_engine(pytestconfig.rootpath / "cases")


def pytest_collect_file(file_path: Path, parent):
    root = parent.config.rootpath / "cases"
    if file_path.suffix == ".writ" and root in file_path.parents:
        return CaseFile.from_parent(parent, path=file_path)
    return None


class ExpectationFailed(Exception):
    """An expectation did not get its answer; the message is `writ test`'s line."""


class CaseFile(pytest.File):
    """One case file: a collector per case, its cases decided together."""

    def collect(self):
        from writ.core.diagnostics import WritError, format_diagnostic

        try:
            engine = bundled_engine(self.config.rootpath / "cases")
        except WritError as exc:
            raise self.CollectError("\n".join(format_diagnostic(d, None) for d in exc.diagnostics if d.is_error)) from None
        self.engine = engine
        self.cases = [c for c in engine.cases if Path(c.file).resolve() == self.path.resolve()]
        self._rows: dict[str, list] | None = None
        for case in self.cases:
            yield CaseNode.from_parent(self, name=case.name, case=case)

    def rows(self) -> dict[str, list]:
        """Each case's rows (one per `expect`), decided in one batch the first time an item asks."""
        if self._rows is None:
            from writ.decide.runner import rows_of

            decisions = self.engine.decide_many(self.cases, explain=False)
            self._rows = {c.name: rows_of(c, d) for c, d in zip(self.cases, decisions)}
        return self._rows


class CaseNode(pytest.Collector):
    """One case: an item per expectation, named by the question it expects an answer to."""

    def __init__(self, *, case, **kw):
        super().__init__(**kw)
        self.case = case

    def collect(self):
        seen: dict[str, int] = {}
        for i, e in enumerate(self.case.expectations):
            name = str(e.atom)
            seen[name] = seen.get(name, 0) + 1
            item = ExpectationItem.from_parent(self, name=name if seen[name] == 1 else f"{name}[{seen[name]}]",
                                               index=i, line=e.span.line)
            item.add_marker(pytest.mark.xdist_group(GROUP))
            yield item


class ExpectationItem(pytest.Item):
    """One `expect` statement: passes when the case gets the answer (and grounds) it states."""

    def __init__(self, *, index: int, line: int, **kw):
        super().__init__(**kw)
        self.index = index
        self.line = line

    def runtest(self) -> None:
        row = self.parent.parent.rows()[self.parent.case.name][self.index]
        if not row.passed:
            raise ExpectationFailed(f"{row.source}  {row.case}: {row.question}: {row.message}")

    def repr_failure(self, excinfo, style=None):
        if excinfo.errisinstance(ExpectationFailed):
            return f"FAIL  {excinfo.value}"
        return super().repr_failure(excinfo, style)

    def reportinfo(self):
        return self.path, self.line - 1, f"{self.parent.case.name}: {self.name}"
