"""The measures a "not blocked" answer names: what the party is under instead (terminal and memo)."""

from __future__ import annotations

from rich.text import Text
from rich.tree import Tree

from ..decision import Answer, QuestionResult
from .escape import md_code, md_inline, visible as _v

_WORD = {Answer.yes: "is under", Answer.undetermined: "may be under"}


def _basis(m: QuestionResult) -> str:
    """The provisions the measure rests on, or what would decide it."""
    if m.answer is Answer.yes:
        return "; ".join(g.cite or g.id for g in m.grounds)
    asked = [q.question for d in m.deciding[:1] for q in d.facts]
    return "it turns on: " + " ".join(asked) if asked else "it turns on facts not known"


def add_terminal(tree: Tree, r: QuestionResult) -> None:
    shown = [m for m in r.other_measures if m.answer is not Answer.no]
    if not shown:
        return
    sub = tree.add(Text("not blocked, but restricted otherwise (measures that do not block property):", style="bold"))
    for m in shown:
        t = Text()
        t.append(f"{m.answer.value.upper():<13}", style="green" if m.answer is Answer.yes else "yellow")
        t.append(_v(m.reading))
        t.append(f"  [{_v(_basis(m))}]", style="cyan")
        sub.add(t)


def memo_lines(r: QuestionResult) -> list[str]:
    shown = [m for m in r.other_measures if m.answer is not Answer.no]
    if not shown:
        return []
    out = ["Not blocked, but restricted otherwise (measures that do not block property):", ""]
    for m in shown:
        out.append(f"- **{m.answer.value}**: {md_inline(m.reading)} ({md_code(m.question)}): {md_inline(_basis(m))}")
    return out + [""]


def short_answer(r: QuestionResult) -> str:
    """For the memo's short answer: 'but it is under ...' (empty when no measure bears on it)."""
    parts = [f"{_WORD[m.answer]} {m.reading.split(' is subject to ', 1)[-1]}" for m in r.other_measures if m.answer is not Answer.no]
    return (" It is not blocked, but it " + "; it ".join(md_inline(p) for p in parts) + ".") if parts else ""
