"""`writ check`: decide every case in the files and explain each answer (terminal, JSON or memo)."""

from __future__ import annotations

from pathlib import Path
from typing import List, Optional

import typer

from ..decision import OutcomeKind
from .common import EXIT_FAILED, EXIT_OK, load, pick_case, report_undecided, require_cases


def check(paths: List[Path] = typer.Argument(..., help="case files or folders of case files"),
          json_out: bool = typer.Option(False, "--json", help="print the decisions as JSON (see `writ schema`)"),
          memo: bool = typer.Option(False, "--memo", help="print a Markdown memo for each case"),
          case_name: Optional[str] = typer.Option(None, "--case", help="decide only this case"),
          width: Optional[int] = typer.Option(None, "--width", min=40, help="columns of the report (default: the terminal's; 100 when piped)")) -> None:
    """Decide every case in PATHS and explain each answer; exit 1 if an expectation fails."""
    from ..decision import Report
    from ..render.terminal import decision_renderable, make_console, render_memo, summary_line

    engine = load(paths)
    require_cases(engine, paths)
    cases = engine.cases if case_name is None else [pick_case(engine, paths[0], case_name)]
    decisions = engine.decide_many(cases, explain=True)
    decided = [d for d in decisions if d.decided]
    # a case dated before its law is rendered too: its decision says there was no law to answer under
    shown = [d for d in decisions if d.decided or d.outcome.kind is OutcomeKind.no_law]
    if json_out:
        typer.echo(Report(decisions=decisions).model_dump_json(indent=2))
    elif memo:
        typer.echo("\n\n".join(render_memo(d) for d in shown))
    else:
        console = make_console(width=width)
        for d in shown:
            console.print(decision_renderable(d, console.width))
        console.print(summary_line(decisions), markup=False)
    code = report_undecided(decisions)
    if code == EXIT_OK and not all(d.passed for d in decided):
        code = EXIT_FAILED
    raise typer.Exit(code)
