"""The `writ` command line: the commands wired into one Typer app, and `main`, the entry point.

Each command lives in its own module (check, test, what_if, ask, docs, schema, screen, serve, lsp; lists is a group). Exit codes:
0 success; 1 an expectation failed; 2 the input has errors (diagnostics are printed
compiler-style), or a case has no consistent answer; 3 an internal error.
"""

from __future__ import annotations

import sys

import typer

from ..core.diagnostics import WritError
from . import ask, check, docs, lists, lsp, schema, screen, serve, test, what_if
from .common import EXIT_INPUT, EXIT_INTERNAL, print_diagnostics

app = typer.Typer(add_completion=False, no_args_is_help=True,
                  help="Writ: US sanctions and export-control law as executable, citable rules.")


def _version(value: bool) -> None:
    if value:
        from importlib.metadata import version

        typer.echo(f"writ {version('writ')}")
        raise typer.Exit()


@app.callback()
def _options(_: bool = typer.Option(False, "--version", callback=_version, is_eager=True,
                                    help="print Writ's version and exit")) -> None:
    """Writ: US sanctions and export-control law as executable, citable rules."""


app.command()(check.check)
app.command()(test.test)
app.command()(schema.schema)
app.command("what-if")(what_if.what_if)
app.command()(ask.ask)
app.command()(docs.docs)
app.add_typer(lists.app, name="lists")
app.command("screen")(screen.screen)
app.command()(lsp.lsp)
app.command("serve")(serve.serve)


def main() -> None:
    try:
        app()
    except WritError as exc:  # a stage raised outside the commands' own handling
        print_diagnostics(exc.diagnostics)
        sys.exit(EXIT_INPUT)
    except Exception as exc:  # noqa: BLE001 - a bug in Writ, not in the input: no traceback, the documented code
        typer.echo(f"internal error: {exc!r}; please report it with the input that caused it", err=True)
        sys.exit(EXIT_INTERNAL)


if __name__ == "__main__":
    main()
