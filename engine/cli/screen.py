"""`writ screen`: a CSV or JSON of parties in, each row's status under the lists and the law out."""

from __future__ import annotations

import csv
import datetime as dt
import io
import json
import sys
from pathlib import Path
from typing import List, Optional

import typer

EXIT_OK, EXIT_INPUT = 0, 2


def _fail(message: str, hint: str | None = None) -> None:
    typer.echo(f"error: {message}" + (f"\n  hint: {hint}" if hint else ""), err=True)
    raise typer.Exit(EXIT_INPUT)


def read_parties(path: Path):
    """The rows of a CSV (a header with at least `name`) or a JSON list of objects, and the column order."""
    try:
        text = path.read_text(encoding="utf-8-sig")
    except (OSError, UnicodeDecodeError) as exc:
        _fail(f"cannot read {path}: {exc}", "give a UTF-8 CSV or JSON file")
    if path.suffix.lower() == ".json":
        try:
            data = json.loads(text)
        except json.JSONDecodeError as exc:
            _fail(f"{path}:{exc.lineno}:{exc.colno}: not JSON: {exc.msg}")
        if not isinstance(data, list) or not all(isinstance(r, dict) for r in data):
            _fail(f"{path}: expected a JSON list of objects, one per party", 'e.g. [{"name": "Acme Ltd", "type": "entity"}]')
        rows = [{str(k): "" if v is None else str(v) for k, v in r.items()} for r in data]
        columns = list(dict.fromkeys(k for r in rows for k in r))
        lines = list(range(1, len(rows) + 1))
    else:
        reader = csv.DictReader(io.StringIO(text))
        columns = list(reader.fieldnames or [])
        rows, lines = [], []
        for r in reader:
            if None in r:
                _fail(f"{path}:{reader.line_num}: the row has more fields than the header", "quote fields that hold commas")
            rows.append({k: v or "" for k, v in r.items()})
            lines.append(reader.line_num)
    if "name" not in [c.strip().lower() for c in columns]:
        _fail(f"{path}: no 'name' column", "the first line names the columns: name[,type,country,dob,id]")
    for r, line in zip(rows, lines):
        if not next((v for k, v in r.items() if k.strip().lower() == "name"), "").strip():
            _fail(f"{path}:{line}: the row has no name")
    return rows, columns


def load_screener(lists: list[Path] | None):
    """The bundled law and the lists (bundled and updated, or those given), ready to screen."""
    from ..decide.scaleout import load_screener as load

    return load(lists)


def screen(file: Path = typer.Argument(..., help="a CSV (header: name[,type,country,dob,id]) or a JSON list of parties"),
           as_of: Optional[str] = typer.Option(None, "--as-of", help="the date to screen as of (YYYY-MM-DD; default: today)"),
           lists: Optional[List[Path]] = typer.Option(None, "--lists", help="list files or folders to screen against (default: the bundled lists)"),
           json_out: bool = typer.Option(False, "--json", help="print the rows as JSON"),
           out: Optional[Path] = typer.Option(None, "--out", "-o", help="write the CSV or JSON here instead of standard output"),
           workers: int = typer.Option(2, "--workers", help="processes for fuzzy name scoring"),
           dask: Optional[str] = typer.Option(None, "--dask", metavar="SCHEDULER",
                                              help="screen on a Dask cluster: its scheduler's address, e.g. tcp://10.0.0.5:8786")) -> None:
    """Screen every party of FILE against the lists, each row decided by the law."""
    from ..decide.screen import parties_from_rows

    try:
        day = dt.date.fromisoformat(as_of) if as_of else dt.date.today()
    except ValueError:
        _fail(f"--as-of {as_of!r} is not a date", "write it as YYYY-MM-DD")
    rows, columns = read_parties(file)
    parties = parties_from_rows(rows)
    if dask:
        from ..decide.scaleout import describe_lists, screen_on_dask

        try:
            result = screen_on_dask(dask, parties, day, lists)
        except (OSError, TimeoutError) as exc:
            _fail(f"cannot screen on the Dask cluster at {dask}: {exc}", "start one with `dask scheduler` and `dask worker ADDRESS`")
        _write(result, columns, json_out, out, day, describe_lists(lists))
        return
    screener, lists_line = load_screener(lists)
    progress = None
    if len(parties) >= 5000 and sys.stderr.isatty():
        from rich.progress import Progress

        bar = Progress(transient=True)
        task = bar.add_task("screening", total=len(parties))
        bar.start()
        progress = lambda n: bar.advance(task, n)  # noqa: E731
    result = screener.screen(parties, day, workers=workers, progress=progress)
    if progress:
        bar.stop()
    _write(result, columns, json_out, out, day, lists_line)


def _write(result, columns, json_out: bool, out: Path | None, day: dt.date, lists_line: str) -> None:
    from ..render.report import screen_csv, screen_json, screen_summary

    text = screen_json(result) if json_out else screen_csv(result, columns)
    if out:
        out.write_text(text, encoding="utf-8")
    else:
        typer.echo(text, nl=False)
    typer.echo(screen_summary(result, day, lists_line), err=True)
