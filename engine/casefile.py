"""Write answered facts back into a case file (what `writ ask --save` does).

A fact the case stated as `unknown` is edited in place: the keyword becomes
nothing (true) or `not` (false), so the claim's wording and its dates stay as
the lawyer wrote them. A fact the case never mentioned (an open-world fact) is
added after the case's last fact or declaration, in the vocabulary's sentence
form where the predicate has one. The file keeps its line endings. The edited
text is checked again (by check/, against the law already loaded) before it
replaces the original, and must state exactly the answered facts: otherwise
nothing is written and the error says why.
"""

from __future__ import annotations

import datetime as dt
from pathlib import Path
from typing import Protocol

from . import model as M
from .check import check, check_cases
from .core.diagnostics import Reporter, Span, WritError
from .syntax.parser import parse_text
from .syntax.project import Loaded


class LoadedLaw(Protocol):
    """What saving needs of the engine (a `decide.Engine` or the `Writ` facade): the law and its sources."""

    law: M.Law
    loaded: Loaded

_KEYWORD = "unknown"


def claim_text(law: M.Law, atom: M.GroundAtom) -> str:
    """The atom as a Writ claim: its sentence form if the predicate reads as one."""
    pred = law.predicates[atom.pred]
    values = dict(zip((v for v, _ in pred.params), atom.args))
    if pred.reads is not None and pred.reads.parts and pred.reads.parts[0][0] == "slot":
        return pred.reads.fill({var: _value_text(v) for var, v in values.items()})
    return str(atom)


def _value_text(v: M.Value) -> str:
    if isinstance(v, M.Name):
        return v.id
    if isinstance(v, M.Percent):
        return f"{v}"
    return M.format_value(v)


def save_answers(writ: LoadedLaw, case: M.Case, answers: dict[M.GroundAtom, bool], on: dt.date | None = None) -> Path:
    """Write `answers` into the file that defines `case`; returns the path."""
    path = Path(case.file)
    with open(path, encoding="utf-8", newline="") as f:  # newline="": keep the file's own line endings
        original = f.read()
    newline = "\r\n" if "\r\n" in original else "\n"
    starts = _line_starts(original)
    stated = {f.atom: f for f in case.facts if f.polarity == "unknown"}
    edits: list[tuple[int, int, str]] = []  # (start, end, replacement) in the original text
    added: list[str] = []
    for atom, value in answers.items():
        fact = stated.get(atom)
        if fact is not None:
            edits.append(_unknown_keyword(original, starts, fact.span) + ("" if value else "not ",))
        else:
            added.append(("" if value else "not ") + claim_text(writ.law, atom) + ".")
    if added:
        own = [f.span for f in case.facts] + [c.span for c in case.constants.values() if c.scope == case.name]
        anchor = max((s.end_line for s in own), default=case.span.line)
        at = starts[anchor] if anchor < len(starts) else len(original)
        indent = _indent_of(original[starts[anchor - 1]:at]) if own else "  "
        day = (on or dt.date.today()).isoformat()
        block = "".join(f"{indent}{line}{newline}" for line in [f"# answered in `writ ask` on {day}", *added])
        if at == len(original) and original and not original.endswith("\n"):
            block = newline + block
        edits.append((at, at, block))
    edited = original
    for start, end, replacement in sorted(edits, reverse=True):  # from the end: earlier offsets stay valid
        edited = edited[:start] + replacement + edited[end:]
    _verify(writ, case, edited, answers)
    with open(path, "w", encoding="utf-8", newline="") as f:
        f.write(edited)
    return path


def _line_starts(text: str) -> list[int]:
    """The offset of the start of each line (index 0 is line 1)."""
    starts = [0]
    for i, ch in enumerate(text):
        if ch == "\n":
            starts.append(i + 1)
    return starts


def _unknown_keyword(text: str, starts: list[int], span: Span) -> tuple[int, int]:
    """Where the statement's `unknown ` is: after a doc string, if the statement has one."""
    at = starts[span.line - 1] + span.column - 1
    if text.startswith('"""', at):
        close = text.find('"""', at + 3)
        at = close + 3 if close >= 0 else at
        while at < len(text) and text[at] in " \t\r\n":
            at += 1
    if not text.startswith(_KEYWORD, at):
        _fail("E401", span, "cannot find the 'unknown' of this fact to edit it")
    end = at + len(_KEYWORD)
    while end < len(text) and text[end] in " \t":
        end += 1
    return at, end


def _indent_of(line: str) -> str:
    return line[: len(line) - len(line.lstrip())].strip("\r\n")


def _verify(writ: LoadedLaw, case: M.Case, edited: str, answers: dict[M.GroundAtom, bool]) -> None:
    """The edited text must parse and check in place of the file, with the law it uses, and state
    each answer as given. A file of cases only is checked against the law already loaded; a file
    that also holds law is checked with the whole law, since its law is part of what changed hands."""
    module = next((m for m, src in writ.loaded.files.items() if src.path == case.file), None)
    if module is None:
        _fail("E402", case.span, f"the file of case '{case.name}' was not loaded with the law")
    assert module is not None  # _fail raises: it reports an error and raises it
    loaded = Loaded(dict(writ.loaded.files), {k: list(v) for k, v in writ.loaded.uses.items()},
                    list(writ.loaded.order), dict(writ.loaded.aliases))
    try:
        src = parse_text(edited, case.file)
        loaded.files[module] = src  # the same `use` lines: the edit changes facts only
        if src.types or src.predicates or src.provisions:
            cases = check(loaded).cases
        else:
            cases = check_cases(writ.law, loaded, [module])
    except WritError as exc:
        first = next(d for d in exc.diagnostics if d.is_error)
        _fail("E402", case.span, f"the edited file would not check: {first.message}")
    again = [c for c in cases if c.name == case.name and c.file == case.file]
    polarity = {f.atom: f.polarity for c in again for f in c.facts if f.valid_on(c.as_of)}
    for atom, value in answers.items():
        if polarity.get(atom) != ("true" if value else "false"):
            _fail("E402", case.span, f"writing {atom} back would not state it as {'true' if value else 'false'}")


def _fail(code: str, span: Span, message: str) -> None:
    rep = Reporter()
    rep.error(code, span, message, "nothing was written; state the answer in the case file by hand")
    rep.raise_if_errors()
