"""What every command shares: exit codes, printing diagnostics compiler-style, loading, picking a case.

Exit codes: 0 success; 1 an expectation failed; 2 the input has errors (or a case has no
consistent answer, or reached a limit); 3 an internal error.
"""

from __future__ import annotations

from pathlib import Path
from typing import Iterable, List, Optional

import typer

from .. import model as M
from ..core.diagnostics import Diagnostic, Severity, Span, WritError, format_diagnostic
from ..decide.engine import Engine
from ..decision import Decision, OutcomeKind

EXIT_OK, EXIT_FAILED, EXIT_INPUT, EXIT_INTERNAL = 0, 1, 2, 3
COMMAND_LINE = "<command line>"


def print_diagnostics(diags: Iterable[Diagnostic], sources: dict[str, str] | None = None) -> None:
    for d in sorted(diags, key=lambda d: not d.is_error):  # errors first, then warnings
        text = None
        if sources and d.span.file in sources:
            text = sources[d.span.file]
        else:
            from ..syntax.project import read_source

            try:
                text = read_source(Path(d.span.file))  # bounded: the diagnostic may be that the file is too large
            except (OSError, UnicodeDecodeError, ValueError, WritError):  # ... or that it cannot be read
                text = None
        typer.echo(format_diagnostic(d, text), err=True)


def load(paths: List[Path]) -> Engine:
    """The law and the cases in `paths`, with the checker's warnings printed; exit 2 on errors."""
    try:
        engine = Engine.load(paths)
    except WritError as exc:
        print_diagnostics(exc.diagnostics)
        n = sum(1 for d in exc.diagnostics if d.is_error)
        typer.echo(f"{n} error{'s' if n != 1 else ''}", err=True)
        raise typer.Exit(EXIT_INPUT) from None
    print_diagnostics(engine.warnings)  # on stderr: they do not stop the decision
    return engine


def require_cases(engine: Engine, paths: List[Path]) -> None:
    """Exit 2 when the paths hold no case: nothing decided is not a success."""
    if not engine.cases:
        shown = ", ".join(str(p) for p in paths)
        typer.echo(f"no cases found in {shown}: a case file declares at least one `case NAME as of DATE`", err=True)
        raise typer.Exit(EXIT_INPUT)


def pick_case(engine: Engine, path: Path, case_name: Optional[str]) -> M.Case:
    cases = [c for c in engine.cases if case_name in (None, c.name)]
    if not cases:
        typer.echo(f"no case {case_name!r} in {path}" if case_name else f"no case in {path}", err=True)
        raise typer.Exit(EXIT_INPUT)
    if case_name is None and len(cases) > 1:
        typer.echo(f"{path} has {len(cases)} cases; choose one with --case: {', '.join(c.name for c in cases)}", err=True)
        raise typer.Exit(EXIT_INPUT)
    return cases[0]


def claim(engine: Engine, text: str, case: M.Case) -> M.GroundAtom:
    """One fact typed on the command line, checked in the case's scope; errors point into the text."""
    try:
        return engine.parse_atom(text, case)
    except WritError as exc:
        print_diagnostics(exc.diagnostics, {COMMAND_LINE: text.strip().removesuffix(".").strip()})
        raise typer.Exit(EXIT_INPUT) from None


def report_undecided(decisions: Iterable[Decision]) -> int:
    """Print, compiler-style, why each case without answers has none; returns the exit code they call for."""
    code = EXIT_OK
    for d in decisions:
        o = d.outcome
        if o.kind is OutcomeKind.decided:
            continue
        if o.kind is OutcomeKind.no_law:  # the checker's W325 said it, and the decision itself says it
            code = max(code, EXIT_INPUT)
            continue
        src = o.source
        span = Span(src.file, src.line, src.column, src.line, src.column + 1) if src else Span(d.file, 1, 1, 1, 1)
        if o.code:
            print_diagnostics([Diagnostic(severity=Severity.error, code=o.code, message=o.reason or o.kind.value,
                                          span=span, hint=o.hint)])
        else:  # not a diagnostic of the input: a failure inside Writ, with no code of its own
            typer.echo(f"{span}: error: {o.reason}" + (f"\n  hint: {o.hint}" if o.hint else ""), err=True)
        code = max(code, EXIT_INTERNAL if o.kind is OutcomeKind.error else EXIT_INPUT)
    return code
