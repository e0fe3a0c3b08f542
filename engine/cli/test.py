"""`writ test`: run every case's expectations and count them (the runner is `decide.runner`, shared with pytest)."""

from __future__ import annotations

import json
from pathlib import Path
from typing import List

import typer

from .common import EXIT_FAILED, EXIT_OK, load, report_undecided, require_cases


def test(paths: List[Path] = typer.Argument(None, help="case files or folders (default: cases/)"),
         json_out: bool = typer.Option(False, "--json", help="print the results as JSON")) -> None:
    """Run every case's expectations; exit 1 if any fails."""
    from ..decide.runner import run_expectations

    paths = paths or [Path("cases")]
    engine = load(paths)
    require_cases(engine, paths)
    run = run_expectations(engine, engine.cases)
    if json_out:
        typer.echo(json.dumps({"passed": run.passed, "failed": run.failed, "results": [r.as_json() for r in run.rows]},
                              indent=2))
    else:
        for r in run.rows:
            typer.echo(f"{'PASS' if r.passed else 'FAIL'}  {r.source}  {r.case}: {r.question}: {r.message}")
        typer.echo(f"{run.passed} passed, {run.failed} failed")
    code = report_undecided(run.decisions)
    raise typer.Exit(code or (EXIT_FAILED if run.failed else EXIT_OK))
