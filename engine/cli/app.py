"""The `writ` command line.

Exit codes: 0 success; 1 an expectation failed (`writ test`); 2 the input has
errors (diagnostics are printed compiler-style); 3 an internal error.
"""

from __future__ import annotations

import json
import sys
from pathlib import Path
from typing import List, Optional

import typer

from ..core.diagnostics import WritError, format_diagnostic

app = typer.Typer(add_completion=False, no_args_is_help=True,
                  help="Writ: US sanctions and export-control law as executable, citable rules.")

EXIT_OK, EXIT_FAILED, EXIT_INPUT, EXIT_INTERNAL = 0, 1, 2, 3


def _print_diagnostics(diags, sources: dict[str, str] | None = None) -> None:
    from ..syntax.project import read_source

    for d in sorted(diags, key=lambda d: not d.is_error):  # errors first, then warnings
        text = None
        if sources and d.span.file in sources:
            text = sources[d.span.file]
        else:
            try:
                text = read_source(Path(d.span.file))  # bounded: the diagnostic may be that the file is too large
            except (OSError, UnicodeDecodeError):  # the diagnostic may be that the file cannot be read
                text = None
        typer.echo(format_diagnostic(d, text), err=True)


def _load(paths: List[Path]):
    from ..api import Writ

    try:
        writ = Writ.load(paths)
    except WritError as exc:
        _print_diagnostics(exc.diagnostics)
        n = sum(1 for d in exc.diagnostics if d.is_error)
        typer.echo(f"{n} error{'s' if n != 1 else ''}", err=True)
        raise typer.Exit(EXIT_INPUT)
    _print_diagnostics(writ.warnings)  # on stderr: they do not stop the decision
    return writ


@app.command()
def check(paths: List[Path] = typer.Argument(..., help="case files or folders of case files"),
          json_out: bool = typer.Option(False, "--json", help="print the decisions as JSON (see `writ schema`)"),
          memo: bool = typer.Option(False, "--memo", help="print a Markdown memo for each case"),
          case_name: Optional[str] = typer.Option(None, "--case", help="decide only this case")) -> None:
    """Decide every case in PATHS and explain each answer."""
    from ..decision import Report
    from ..render.terminal import make_console, decision_renderable, render_memo

    writ = _load(paths)
    cases = writ.cases if case_name is None else [_pick_case(writ, paths[0], case_name)]
    decisions = writ.decide_many(cases, explain=True)
    if json_out:
        typer.echo(Report(decisions=decisions).model_dump_json(indent=2))
    elif memo:
        typer.echo("\n\n".join(render_memo(d) for d in decisions))
    else:
        console = make_console()
        for d in decisions:
            console.print(decision_renderable(d))
        if not decisions:
            typer.echo("no cases found", err=True)


@app.command()
def test(paths: List[Path] = typer.Argument(None, help="case files or folders (default: cases/)"),
         json_out: bool = typer.Option(False, "--json", help="print the results as JSON")) -> None:
    """Run every case's expectations; exit 1 if any fails."""
    paths = paths or [Path("cases")]
    writ = _load(paths)
    decisions = writ.decide_many(writ.cases, explain=False)
    passed = failed = 0
    rows = []
    for d in decisions:
        for e in d.expectations:
            rows.append({"case": d.case, "question": e.question, "expected": e.expected.value, "actual": e.actual.value,
                         "passed": e.passed, "message": e.message, "source": f"{e.source.file}:{e.source.line}"})
            if e.passed:
                passed += 1
            else:
                failed += 1
    if json_out:
        typer.echo(json.dumps({"passed": passed, "failed": failed, "results": rows}, indent=2))
    else:
        for r in rows:
            mark = "PASS" if r["passed"] else "FAIL"
            typer.echo(f"{mark}  {r['source']}  {r['case']}: {r['question']}: {r['message']}")
        typer.echo(f"{passed} passed, {failed} failed")
    raise typer.Exit(EXIT_FAILED if failed else EXIT_OK)


@app.command()
def schema() -> None:
    """Print the JSON Schema of `writ check --json` output."""
    from ..decision import Report

    typer.echo(json.dumps(Report.model_json_schema(), indent=2))


@app.command("what-if")
def what_if(path: Path = typer.Argument(..., help="a case file"),
            case_name: Optional[str] = typer.Option(None, "--case", help="the case, when the file has several"),
            set_: List[str] = typer.Option([], "--set", help="a fact to add, e.g. --set 'engaged_in(acme, sales)'"),
            unset: List[str] = typer.Option([], "--unset", help="a fact to remove (or deny)"),
            json_out: bool = typer.Option(False, "--json", help="print both decisions as JSON: {before, after}")) -> None:
    """Decide a case again with facts added or removed, and show what changes."""
    from ..render.terminal import answer_changes, make_console, decision_renderable

    writ = _load([path])
    case = _pick_case(writ, path, case_name)
    plus = [_claim(writ, s, case) for s in set_]
    minus = [_claim(writ, s, case) for s in unset]
    try:
        before, after = writ.what_if(case, plus, minus)
    except WritError as exc:
        _print_diagnostics(exc.diagnostics, {"<command line>": " ".join(set_ + unset)})
        raise typer.Exit(EXIT_INPUT)
    if json_out:
        typer.echo(json.dumps({"before": before.model_dump(mode="json"), "after": after.model_dump(mode="json")}, indent=2))
        return
    console = make_console()
    console.print(f"[bold]what if[/bold] " + ", ".join([f"+ {p}" for p in plus] + [f"- {m}" for m in minus]))
    changes = answer_changes(before, after)
    if not changes:
        console.print("no answer changes")
    for question, was, now, grounds in changes:
        line = f"{question}: [bold]{was}[/bold] -> [bold]{now}[/bold]"
        console.print(line + (f"  (grounds now: {grounds})" if grounds is not None and was == now else ""))
    console.print(decision_renderable(after))


def _pick_case(writ, path: Path, case_name: Optional[str]):
    cases = [c for c in writ.cases if case_name in (None, c.name)]
    if not cases:
        typer.echo(f"no case {case_name!r} in {path}" if case_name else f"no case in {path}", err=True)
        raise typer.Exit(EXIT_INPUT)
    if case_name is None and len(cases) > 1:
        typer.echo(f"{path} has {len(cases)} cases; choose one with --case: {', '.join(c.name for c in cases)}", err=True)
        raise typer.Exit(EXIT_INPUT)
    return cases[0]


def _claim(writ, text: str, case):
    """One fact typed on the command line, checked in the case's scope; errors point into the text."""
    try:
        return writ.parse_atom(text, case)
    except WritError as exc:
        _print_diagnostics(exc.diagnostics, {"<command line>": text.strip().removesuffix(".").strip()})
        raise typer.Exit(EXIT_INPUT)


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


@app.command()
def ask(path: Path = typer.Argument(..., help="a case file"),
        question: Optional[str] = typer.Argument(None, help="e.g. 'meets_criteria(xpsb)' (default: the case's first open question)"),
        case_name: Optional[str] = typer.Option(None, "--case", help="the case, when the file has several"),
        save: Optional[bool] = typer.Option(None, "--save/--no-save", help="write the answers into the case file (default: ask)")) -> None:
    """Ask, one at a time, only the facts that can still change the answer; then decide."""
    from ..casefile import save_answers
    from ..decision import Answer
    from ..render.terminal import make_console, question_renderable

    writ = _load([path])
    case = _pick_case(writ, path, case_name)
    if question is not None:
        q = _claim(writ, question, case)
    else:
        # the questions about particular facts, instances of "which" questions included
        facts = [r for r in writ.decide(case, explain=False).results if not (r.asked and r.question == r.asked)]
        open_ = [r for r in facts if r.answer is Answer.undetermined] or facts
        if not open_:
            typer.echo(f"case {case.name} asks about no particular fact; name one: writ ask {path} 'FACT'", err=True)
            raise typer.Exit(EXIT_INPUT)
        q = _claim(writ, open_[0].question, case)
    iv = writ.interview(case, q)
    console = make_console()
    console.print(f"[bold]{case.title or case.name}[/bold], as of {case.as_of}: {writ.law.reading(q, case.constants)}?")
    while (step := iv.next_fact()) is not None:
        fact, fq = step
        console.print(f"\n{fq.question}")
        console.print(f"  [dim]{fq.statement}[/dim]")
        reply = _reply()
        if reply == "quit":
            break
        iv.give(fact, reply)  # type: ignore[arg-type]
    console.print()
    console.print(question_renderable(iv.result()))
    if not iv.answers:
        return
    if save is None:
        n = len(iv.answers)
        save = typer.confirm(f"Write {'this answer' if n == 1 else f'these {n} answers'} into {case.file}?", default=False)
    if save:
        try:
            written = save_answers(writ, case, iv.answers)
        except WritError as exc:
            _print_diagnostics(exc.diagnostics)
            raise typer.Exit(EXIT_INPUT)
        console.print(f"saved to {written}")


@app.command()
def docs(cases: List[Path] = typer.Option([Path("cases")], "--cases", help="case files or folders to decide and document"),
         hand_written: Path = typer.Option(Path("docs"), "--docs", help="the hand-written pages"),
         pages: Path = typer.Option(Path("build/docs-src"), "--pages", help="where to write the pages (wiped first)"),
         site: Path = typer.Option(Path("site"), "--site", help="where MkDocs builds the site"),
         config: Path = typer.Option(Path("mkdocs.yml"), "--config", help="the MkDocs configuration"),
         build: bool = typer.Option(True, "--build/--no-build", help="build the site, or only write the pages")) -> None:
    """Generate the documentation site of the law from the statutes and the cases (MkDocs)."""
    from ..docsite.site import DocSite, decide_bundled, write_pages

    if build and not config.is_file():
        typer.echo(f"no MkDocs configuration at {config}: run from the repository root or pass --config", err=True)
        raise typer.Exit(EXIT_INPUT)
    try:
        writ, decisions = decide_bundled(cases)
    except WritError as exc:
        _print_diagnostics(exc.diagnostics)
        raise typer.Exit(EXIT_INPUT)
    generated = DocSite(writ, decisions).pages()
    try:
        write_pages(pages, hand_written, generated)
    except ValueError as exc:
        typer.echo(str(exc), err=True)
        raise typer.Exit(EXIT_INPUT)
    typer.echo(f"{len(generated)} pages generated in {pages}")
    if build:
        _build_site(config, pages, site)
        typer.echo(f"site built in {site}")


def _build_site(config: Path, pages: Path, site: Path) -> None:
    import logging

    try:
        from mkdocs.exceptions import Abort
    except ImportError:
        typer.echo("MkDocs is not installed: pip install 'writ[docs]'", err=True)
        raise typer.Exit(EXIT_INPUT)
    from ..docsite.site import build_site

    handler = logging.StreamHandler(sys.stderr)  # MkDocs reports its warnings through logging
    handler.setLevel(logging.WARNING)
    logging.getLogger("mkdocs").addHandler(handler)
    try:
        build_site(config, pages, site)
    except Abort as exc:
        typer.echo(f"the site did not build: {exc}", err=True)
        raise typer.Exit(EXIT_FAILED)
    finally:
        logging.getLogger("mkdocs").removeHandler(handler)


from .lists import app as _lists_app  # noqa: E402
from .screen import screen as _screen  # noqa: E402

app.add_typer(_lists_app, name="lists")
app.command("screen")(_screen)


def main() -> None:
    try:
        app()
    except WritError as exc:  # a stage raised outside the commands' own handling
        _print_diagnostics(exc.diagnostics)
        sys.exit(EXIT_INPUT)
    except Exception as exc:  # a bug in Writ, not in the input: no traceback, the documented code
        typer.echo(f"internal error: {exc!r}; please report it with the input that caused it", err=True)
        sys.exit(EXIT_INTERNAL)


if __name__ == "__main__":
    main()
