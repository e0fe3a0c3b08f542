"""`writ schema`: the JSON Schema of what `writ check --json` prints, or (`--case`) of a case given as JSON."""

from __future__ import annotations

import json

import typer


def schema(case: bool = typer.Option(False, "--case", help="the schema of a case as JSON input (writ.casemodel.CaseModel) "
                                     "instead of the decisions' output")) -> None:
    """Print the JSON Schema of `writ check --json` output (or, with --case, of a case as objects)."""
    typer.echo(json.dumps(case_schema() if case else report_schema(), indent=2))


def report_schema() -> dict:
    from ..decision import Report

    return Report.model_json_schema()


def case_schema() -> dict:
    """The case input's schema, as committed in docs/schema/case.schema.json."""
    from ..casemodel import CaseModel

    return {"$schema": "https://json-schema.org/draft/2020-12/schema", **CaseModel.model_json_schema()}
