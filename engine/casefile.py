"""Write answered facts back into a case file (what `writ ask --save` does).

A fact the case stated as `unknown` is edited in place: the keyword becomes
nothing (true) or `not` (false), so the claim's wording and its dates stay as
the lawyer wrote them. A fact the case never mentioned (an open-world fact) is
added after the case's last fact, in the vocabulary's sentence form where the
predicate has one. The edited file is checked again before it replaces the
original, and must state exactly the answered facts: otherwise nothing is
written and the error says why.
"""

from __future__ import annotations

import datetime as dt
from pathlib import Path
from typing import TYPE_CHECKING

from . import model as M
from .diagnostics import Reporter, Span

if TYPE_CHECKING:
    from .api import Writ


def claim_text(law: M.Law, atom: M.GroundAtom) -> str:
    """The atom as a Writ claim: its sentence form if the predicate reads as one."""
    pred = law.predicates[atom.pred]
    values = dict(zip((v for v, _ in pred.params), atom.args))
    if pred.reads is not None and pred.reads.parts and pred.reads.parts[0][0] == "slot":
        return " ".join(_value_text(values[text]) if kind == "slot" else text for kind, text in pred.reads.parts)
    return str(atom)


def _value_text(v: M.Value) -> str:
    if isinstance(v, M.Name):
        return v.id
    if isinstance(v, M.Percent):
        return f"{v}"
    return M.format_value(v)


def save_answers(writ: "Writ", case: M.Case, answers: dict[M.GroundAtom, bool], on: dt.date | None = None) -> Path:
    """Write `answers` into the file that defines `case`; returns the path."""
    path = Path(case.file)
    original = path.read_text(encoding="utf-8")
    lines = original.splitlines(keepends=True)
    stated = {f.atom: f for f in case.facts if f.polarity == "unknown"}
    added: list[str] = []
    for atom, value in answers.items():
        fact = stated.get(atom)
        if fact is not None:
            _edit_unknown(lines, fact.span, value)
        else:
            added.append(("" if value else "not ") + claim_text(writ.law, atom) + ".")
    if added:
        anchor = max((f.span.end_line for f in case.facts), default=case.span.line)
        indent = _indent_of(lines[anchor - 1]) if case.facts else "  "
        day = (on or dt.date.today()).isoformat()
        block = [f"{indent}# answered in `writ ask` on {day}\n"] + [f"{indent}{a}\n" for a in added]
        if not lines[anchor - 1].endswith("\n"):
            lines[anchor - 1] += "\n"
        lines[anchor:anchor] = block
    edited = "".join(lines)
    _verify(writ, case, path, edited, answers)
    path.write_text(edited, encoding="utf-8")
    return path


def _edit_unknown(lines: list[str], span: Span, value: bool) -> None:
    line = lines[span.line - 1]
    start = span.column - 1
    keyword = "unknown"
    if line[start:start + len(keyword)] != keyword:  # the span starts at the statement's first word
        _fail("E401", span, "cannot find the 'unknown' of this fact to edit it")
    rest = line[start + len(keyword):].lstrip()
    lines[span.line - 1] = line[:start] + ("" if value else "not ") + rest


def _indent_of(line: str) -> str:
    return line[: len(line) - len(line.lstrip())]


def _verify(writ: "Writ", case: M.Case, path: Path, edited: str, answers: dict[M.GroundAtom, bool]) -> None:
    """The edited file must check, and state each answer as given."""
    cases = writ.cases_from_text(edited, str(path), path.parent)
    [again] = [c for c in cases if c.name == case.name]
    polarity = {f.atom: f.polarity for f in again.facts if f.valid_on(again.as_of)}
    for atom, value in answers.items():
        if polarity.get(atom) != ("true" if value else "false"):
            _fail("E402", case.span, f"writing {atom} back would not state it as {'true' if value else 'false'}")


def _fail(code: str, span: Span, message: str) -> None:
    rep = Reporter()
    rep.error(code, span, message, "nothing was written; state the answer in the case file by hand")
    rep.raise_if_errors()
