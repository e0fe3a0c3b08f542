"""`writ schema`: the JSON Schema of what `writ check --json` prints."""

from __future__ import annotations

import json

import typer


def schema() -> None:
    """Print the JSON Schema of `writ check --json` output."""
    from ..decision import Report

    typer.echo(json.dumps(Report.model_json_schema(), indent=2))
