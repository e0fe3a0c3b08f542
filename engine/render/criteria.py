"""The criterion-by-criterion view of an answer: each provision's own answer, side by side.

Shown where two or more provisions in force could conclude the question (the Act's
criteria beside the order's, the listing beside the 50 percent rule), in the terminal
and the memo; JSON always carries it (`QuestionResult.by_provision`).
"""

from __future__ import annotations

from rich.text import Text
from rich.tree import Tree

from ..decision import Answer, ProvisionAnswer, QuestionResult
from .escape import md_code, md_inline, visible as _v

_STYLE = {Answer.yes: "green", Answer.no: "red", Answer.undetermined: "yellow"}


def shown(r: QuestionResult) -> list[ProvisionAnswer]:
    """The provisions an answer shows one by one: those in force, when there are two or more and
    one of them does not answer no (a no from every one is what the why-not already lists)."""
    in_force = [pa for pa in r.by_provision if pa.in_force]
    return in_force if len(in_force) >= 2 and any(pa.answer is not Answer.no for pa in in_force) else []


def short_cite(pa: ProvisionAnswer) -> str:
    """The citation's first part ("22 USC 10102(a)(1)"), the rest being parallel citations."""
    return (pa.provision.cite or pa.provision.id).split(";")[0].strip()


def add_terminal(tree: Tree, r: QuestionResult) -> None:
    rows = shown(r)
    if not rows:
        return
    sub = tree.add(Text("criterion by criterion (each provision's own answer):", style="dim"))
    for pa in rows:
        t = Text()
        t.append(f"{pa.answer.value:<13}", style=_STYLE[pa.answer])
        t.append(_v(short_cite(pa)), style="cyan")
        if pa.provision.title:
            t.append(f" — {_v(pa.provision.title)}")
        t.append(f"  {_v(pa.provision.id)}", style="dim")
        row = sub.add(t)
        if pa.turns_on:
            row.add(Text("turns on whether " + "; ".join(_v(x) for x in pa.turns_on), style="yellow"))


def memo_lines(r: QuestionResult) -> list[str]:
    rows = shown(r)
    if not rows:
        return []
    out = ["Criterion by criterion (each provision's own answer):", ""]
    for pa in rows:
        title = f" — {md_inline(pa.provision.title)}" if pa.provision.title else ""
        out.append(f"- **{pa.answer.value}**: {md_inline(short_cite(pa))}{title} ({md_code(pa.provision.id)})"
                   + (": it turns on whether " + "; ".join(md_inline(x) for x in pa.turns_on) if pa.turns_on else ""))
    return out + [""]
