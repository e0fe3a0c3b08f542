"""`writ docs`: generate the documentation site of the law from the statutes and the cases, and build it."""

from __future__ import annotations

import sys
from pathlib import Path
from typing import List

import typer

from ..core.diagnostics import WritError
from .common import EXIT_FAILED, EXIT_INPUT, print_diagnostics


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
        print_diagnostics(exc.diagnostics)
        raise typer.Exit(EXIT_INPUT) from None
    generated = DocSite(writ, decisions).pages()
    try:
        write_pages(pages, hand_written, generated)
    except ValueError as exc:
        typer.echo(str(exc), err=True)
        raise typer.Exit(EXIT_INPUT) from None
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
        raise typer.Exit(EXIT_INPUT) from None
    from ..docsite.site import build_site

    handler = logging.StreamHandler(sys.stderr)  # MkDocs reports its warnings through logging
    handler.setLevel(logging.WARNING)
    logging.getLogger("mkdocs").addHandler(handler)
    try:
        build_site(config, pages, site)
    except Abort as exc:
        typer.echo(f"the site did not build: {exc}", err=True)
        raise typer.Exit(EXIT_FAILED) from None
    finally:
        logging.getLogger("mkdocs").removeHandler(handler)
