"""`writ what-if`: decide a case again with facts added or denied, and show which answers change."""

from __future__ import annotations

import json
from pathlib import Path
from typing import List, Optional

import typer

from ..core.diagnostics import WritError
from .common import COMMAND_LINE, EXIT_INPUT, claim, load, pick_case, print_diagnostics, report_undecided


def what_if(path: Path = typer.Argument(..., help="a case file"),
            case_name: Optional[str] = typer.Option(None, "--case", help="the case, when the file has several"),
            set_: List[str] = typer.Option([], "--set", help="a fact to add, e.g. --set 'engaged_in(acme, sales)'"),
            unset: List[str] = typer.Option([], "--unset", help="a fact to remove (or deny)"),
            json_out: bool = typer.Option(False, "--json", help="print both decisions as JSON: {before, after}"),
            width: Optional[int] = typer.Option(None, "--width", min=40, help="columns of the report (default: the terminal's; 100 when piped)")) -> None:
    """Decide a case again with facts added or removed, and show what changes."""
    from ..render.terminal import answer_changes, decision_renderable, make_console

    engine = load([path])
    case = pick_case(engine, path, case_name)
    plus = [claim(engine, s, case) for s in set_]
    minus = [claim(engine, s, case) for s in unset]
    try:
        before, after = engine.what_if(case, plus, minus)
    except WritError as exc:
        print_diagnostics(exc.diagnostics, {COMMAND_LINE: " ".join(set_ + unset)})
        raise typer.Exit(EXIT_INPUT) from None
    code = report_undecided([before, after])
    if json_out:
        typer.echo(json.dumps({"before": before.model_dump(mode="json"), "after": after.model_dump(mode="json")}, indent=2))
        raise typer.Exit(code)
    if code:
        raise typer.Exit(code)
    console = make_console(width=width)
    console.print("[bold]what if[/bold] " + ", ".join([f"+ {p}" for p in plus] + [f"- {m}" for m in minus]))
    changes = answer_changes(before, after)
    if not changes:
        console.print("no answer changes")
    for question, was, now, grounds in changes:
        line = f"{question}: [bold]{was}[/bold] -> [bold]{now}[/bold]"
        console.print(line + (f"  (grounds now: {grounds})" if grounds is not None and was == now else ""))
    console.print(decision_renderable(after, console.width))
