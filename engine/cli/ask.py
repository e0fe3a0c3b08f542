"""`writ ask`: an interview that asks only the facts that can still change the answer, then decides."""

from __future__ import annotations

from pathlib import Path
from typing import Optional

import typer

from ..core.diagnostics import WritError
from .common import EXIT_INPUT, claim, load, pick_case, print_diagnostics, report_undecided

_REPLIES = {"y": True, "yes": True, "n": False, "no": False, "?": None, "q": "quit"}


def _reply():
    """y, n, ? or q from the user; the end of input counts as q."""
    while True:
        try:
            text = typer.prompt("[y]es, [n]o, [?] do not know, [q]uit").strip().lower()
        except (EOFError, typer.Abort):
            return "quit"
        if text in _REPLIES:
            return _REPLIES[text]
        typer.echo("please answer y, n, ? or q")


def ask(path: Path = typer.Argument(..., help="a case file"),
        question: Optional[str] = typer.Argument(None, help="e.g. 'meets_criteria(xpsb)' (default: the case's first open question)"),
        case_name: Optional[str] = typer.Option(None, "--case", help="the case, when the file has several"),
        save: Optional[bool] = typer.Option(None, "--save/--no-save", help="write the answers into the case file (default: ask)"),
        width: Optional[int] = typer.Option(None, "--width", min=40, help="columns of the report (default: the terminal's; 100 when piped)")) -> None:
    """Ask, one at a time, only the facts that can still change the answer; then decide."""
    from ..casefile import save_answers
    from ..decision import Answer
    from ..render.terminal import make_console, question_renderable

    engine = load([path])
    case = pick_case(engine, path, case_name)
    if question is not None:
        q = claim(engine, question, case)
    else:
        # the questions about particular facts, instances of "which" questions included
        first = engine.decide(case, explain=False)
        if not first.decided:
            raise typer.Exit(report_undecided([first]))
        facts = [r for r in first.results if not (r.asked and r.question == r.asked)]
        open_ = [r for r in facts if r.answer is Answer.undetermined] or facts
        if not open_:
            typer.echo(f"case {case.name} asks about no particular fact; name one: writ ask {path} 'FACT'", err=True)
            raise typer.Exit(EXIT_INPUT)
        q = claim(engine, open_[0].question, case)
    iv = engine.interview(case, q)
    console = make_console(width=width)
    console.print(f"[bold]{case.title or case.name}[/bold], as of {case.as_of}: {engine.law.reading(q, case.constants)}?")
    while (step := iv.next_fact()) is not None:
        fact, fq = step
        console.print(f"\n{fq.question}")
        console.print(f"  [dim]{fq.statement}[/dim]")
        reply = _reply()
        if reply == "quit":
            break
        iv.give(fact, reply)  # type: ignore[arg-type]
    console.print()
    console.print(question_renderable(iv.result(), console.width))
    if not iv.answers:
        return
    if save is None:
        n = len(iv.answers)
        save = typer.confirm(f"Write {'this answer' if n == 1 else f'these {n} answers'} into {case.file}?", default=False)
    if save:
        try:
            written = save_answers(engine, case, iv.answers)
        except WritError as exc:
            print_diagnostics(exc.diagnostics)
            raise typer.Exit(EXIT_INPUT) from None
        console.print(f"saved to {written}")
