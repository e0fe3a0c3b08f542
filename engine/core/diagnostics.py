"""Diagnostics: errors and warnings as values, with the source span they point at.

Every stage reports problems as `Diagnostic` objects; nothing prints. A stage that
cannot go on raises `WritError` carrying all the diagnostics found so far.
"""

from __future__ import annotations

import difflib
from dataclasses import dataclass
from enum import Enum
from typing import Iterable, Sequence

from pydantic import BaseModel, ConfigDict

from .codes import is_registered


@dataclass(frozen=True, slots=True)
class Span:
    """A region of a source file; lines and columns count from 1."""

    file: str
    line: int
    column: int
    end_line: int
    end_column: int

    def __str__(self) -> str:
        return f"{self.file}:{self.line}:{self.column}"


class Severity(str, Enum):
    error = "error"
    warning = "warning"


class Diagnostic(BaseModel):
    """One problem in the source: where, what, and how to fix it."""

    model_config = ConfigDict(frozen=True)

    severity: Severity
    code: str
    message: str
    span: Span
    hint: str | None = None
    # where in an object input (a case model) the problem is: a JSON path such as $.facts[2].predicate
    path: str | None = None

    @property
    def is_error(self) -> bool:
        return self.severity is Severity.error


class WritError(Exception):
    """Raised when a stage finds errors; carries every diagnostic it found."""

    def __init__(self, diagnostics: Sequence[Diagnostic]):
        self.diagnostics = list(diagnostics)
        first = self.diagnostics[0] if self.diagnostics else None
        super().__init__(f"{first.span}: {first.message}" if first else "error")


@dataclass
class Reporter:
    """Collects diagnostics for one stage."""

    diagnostics: list[Diagnostic]

    def __init__(self) -> None:
        self.diagnostics = []

    # The asserts hold the engine to the registry (core/codes.py) under test; a test also scans
    # the source for every code, so production (python -O) need not pay for the lookup.
    def error(self, code: str, span: Span, message: str, hint: str | None = None) -> None:
        assert is_registered(code, "error"), f"{code} is not a registered error code (core/codes.py)"
        self.diagnostics.append(Diagnostic(severity=Severity.error, code=code, message=message, span=span, hint=hint))

    def warning(self, code: str, span: Span, message: str, hint: str | None = None) -> None:
        assert is_registered(code, "warning"), f"{code} is not a registered warning code (core/codes.py)"
        self.diagnostics.append(Diagnostic(severity=Severity.warning, code=code, message=message, span=span, hint=hint))

    @property
    def has_errors(self) -> bool:
        return any(d.is_error for d in self.diagnostics)

    def raise_if_errors(self) -> None:
        if self.has_errors:
            raise WritError(sorted(self.diagnostics, key=_order))


def _order(d: Diagnostic) -> tuple:
    return (d.span.file, d.span.line, d.span.column, d.code)


def did_you_mean(name: str, candidates: Iterable[str]) -> str | None:
    """A hint naming the closest known spelling, if one is close enough."""
    close = difflib.get_close_matches(name, sorted(set(candidates)), n=1, cutoff=0.6)
    return f"did you mean '{close[0]}'?" if close else None


def format_diagnostic(d: Diagnostic, source: str | None) -> str:
    """Compiler-style text: location, message, the offending line with a caret, hint."""
    head = f"{d.span}: {d.severity.value}[{d.code}]: {d.message}"
    lines = [head]
    if source is not None:
        src_lines = [line.removesuffix("\r") for line in source.split("\n")]  # as the parser counts: not splitlines()
        if 1 <= d.span.line <= len(src_lines):
            text = src_lines[d.span.line - 1]
            width = (d.span.end_column - d.span.column) if d.span.end_line == d.span.line else len(text) - d.span.column + 1
            width = max(1, width)
            gutter = f"{d.span.line:>5} | "
            lines.append(gutter + text)
            lines.append(" " * (len(gutter) - 2) + "| " + " " * (d.span.column - 1) + "^" * width)
    if d.path:
        lines.append(f"  in the object: {d.path}")
    if d.hint:
        lines.append(f"  hint: {d.hint}")
    return "\n".join(lines)
