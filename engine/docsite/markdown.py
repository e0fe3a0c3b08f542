"""Markdown for the generated pages: statute and case strings as literal text (no
HTML, links, attribute lists or control characters get through), code fences no line
can close early, and the small formatting helpers the pages share."""

from __future__ import annotations

import textwrap

from .. import model as M
from ..render.escape import code_fence, visible
from ..syntax.messages import source_lines


def visible_controls(text: str) -> str:
    """Control characters as escapes, except the line breaks and tabs of multi-line statute text."""
    return "\n".join("\t".join(visible(part) for part in line.split("\t")) for line in text.split("\n"))


def md_escape(text: str) -> str:
    """Free text from the statutes as literal Markdown: no stray emphasis, links, tags or
    attribute lists ({: onclick=...}); control characters shown as escapes."""
    text = text.replace("\\", "\\\\")
    for ch in "`*_[]{}":
        text = text.replace(ch, "\\" + ch)
    return visible_controls(text.replace("<", "&lt;").replace("|", "\\|"))


def paragraphs(text: str) -> list[str]:
    """Hard-wrapped statute text as paragraphs of single-spaced lines."""
    return [" ".join(p.split()) for p in text.split("\n\n") if p.strip()]


def period(p: M.Provision) -> str:
    if p.in_force_from and p.in_force_until:
        return f"from {p.in_force_from.isoformat()} until {p.in_force_until.isoformat()} (inclusive)"
    if p.in_force_from:
        return f"from {p.in_force_from.isoformat()}"
    if p.in_force_until:
        return f"until {p.in_force_until.isoformat()} (inclusive)"
    return "no period stated"


def source_slice(text: str, span) -> str:
    """The source of a statement from its span, dedented to its first column."""
    lines = source_lines(text)[span.line - 1: span.end_line]
    lines[-1] = lines[-1][: span.end_column - 1]  # before the start is cut: end_column counts from the line start
    lines[0] = " " * (span.column - 1) + lines[0][span.column - 1:]
    return textwrap.dedent("\n".join(lines)).rstrip()


def fenced(code: str, language: str = "writ", title: str | None = None) -> list[str]:
    fence = code_fence(code)  # longer than any run of backticks in the code, so no line closes it early
    head = f"{fence}{language}" + (f' title="{visible(title).replace(chr(34), chr(39))}"' if title else "")
    return [head, code, fence, ""]


