"""Render decisions: a terminal report (rich), JSON, and a Markdown memo.

Every string from a case or a statute passes through `escape`: control characters
reach no terminal raw, and nothing in the memo is read as Markdown structure or HTML.
"""

from __future__ import annotations

import shutil
import sys
from collections import Counter
from typing import Sequence

from rich.console import Console, Group
from rich.text import Text
from rich.tree import Tree

from ..decision import Answer, Decision, Node, ProvisionRef, QuestionResult
from .deciding import outcome_rule
from . import criteria, measures
from .escape import md_code, md_inline, visible as _v

_STYLE = {Answer.yes: "bold green", Answer.no: "bold red", Answer.undetermined: "bold yellow"}


def _where(src) -> str:
    return f"{_v(src.file)}:{src.line}" if src else ""


def _node_label(n: Node) -> Text:
    t = Text()
    mark = {"rule": "because ", "case fact": "fact: ", "given fact": "given: ", "law fact": "law: ", "list fact": "listed: ", "not shown": "", "comparison": "",
            "exception not met": ""}.get(n.kind, "")
    t.append(mark, style="dim")
    t.append(_v(n.reading))
    if n.valid_from or n.valid_until:
        t.append(f"  ({_period(n)})", style="dim")
    if n.provision is not None and n.kind in ("rule", "law fact", "list fact"):
        t.append(f"  [{_v(n.provision.cite or n.provision.id)}]", style="cyan")
    if n.source is not None:
        t.append(f"  {_where(n.source)}", style="dim")
    return t


TERMINAL_DEPTH = 16
"""Levels of a yes-tree the terminal shows at 100 columns or more: past it the guides leave no width
for the text, so the tree says how many levels it leaves out, and `--json` and `--memo` show them."""

WIDTH = 100
"""The report's width when it is not written to a terminal (a pipe, a file)."""


def depth_for(width: int) -> int:
    """The levels a tree shows in `width` columns: each level's guide takes four, and the deepest
    line keeps some 40 for its text (a citation or a file:line is one long word)."""
    return max(2, min(TERMINAL_DEPTH, (width - 36) // 4))


def _add_tree(parent: Tree, n: Node, depth: int = 1, limit: int = TERMINAL_DEPTH, width: int | None = None) -> None:
    # iterative: a deep derivation is not Python's recursion limit
    stack = [(parent, n, depth)]
    while stack:
        under, node, level = stack.pop()
        label = _node_label(node)
        if width is not None and level > 1 and _longest_word(label) > width - 4 * level:
            # its guides would leave less than its longest word (a file:line): the word would break
            under.add(_cut(node, f"the terminal has no room for it at {width} columns"))
            continue
        branch = under.add(label)
        for c in node.cautions:  # the writer's interpretation, on the fact itself
            branch.add(Text(f"caution (interpretation): {_v(c)}", style="yellow"))
        if node.children and level >= limit:
            branch.add(Text(f"… {_depth(node) - 1:,} more level{'s' if _depth(node) > 2 else ''} not shown here "
                            f"(the terminal shows {limit}; --json and --memo show more)", style="yellow"))
            continue
        stack.extend((branch, c, level + 1) for c in reversed(node.children))


def _longest_word(t: Text) -> int:
    return max((len(w) for w in t.plain.split()), default=0)


def _cut(node: Node, why: str) -> Text:
    levels = _depth(node)
    return Text(f"… {levels:,} more level{'s' if levels > 1 else ''} not shown here ({why}; --json and --memo show them)",
                style="yellow")


def _period(n: Node) -> str:
    """A stated fact's dates as the case states them: "from 2020-07-09", "until ...", "from ... until ..."."""
    parts = ([f"from {n.valid_from.isoformat()}"] if n.valid_from else []) + ([f"until {n.valid_until.isoformat()}"] if n.valid_until else [])
    return " ".join(parts)


def _depth(n: Node) -> int:
    """The number of levels of a tree (1 for a leaf)."""
    deepest, stack = 1, [(n, 1)]
    while stack:
        node, d = stack.pop()
        deepest = max(deepest, d)
        stack.extend((c, d + 1) for c in node.children)
    return deepest


def question_renderable(r: QuestionResult, width: int = WIDTH):
    limit = depth_for(width)
    head = Text()
    head.append(f"{r.answer.value.upper():<13}", style=_STYLE[r.answer])
    head.append(_v(r.reading))
    head.append(f"   {_v(r.question)}", style="dim")
    tree = Tree(head)
    if r.answer is Answer.yes:
        if r.grounds:
            tree.add(Text("under " + "; ".join(_v(g.cite or g.id) for g in r.grounds), style="cyan"))
        if r.explanation and r.explanation.kind in ("law fact", "case fact", "given fact", "list fact"):
            _add_tree(tree, r.explanation, limit=limit, width=width)  # the answer is itself a stated fact: show where it is stated
        elif r.explanation:
            for c in r.explanation.children:
                _add_tree(tree, c, limit=limit, width=width)
    else:
        for f in r.why_not:
            label = Text()
            label.append(f"{_v(f.provision.cite or f.provision.id)}: ", style="cyan")
            if f.reason == "not in force":
                label.append(f"not in force ({_v(f.detail or '')})")
            elif f.reason == "not on this date":
                label.append(f"{_v(f.reading or '')}: {_v(f.detail or '')}")
            elif f.reason == "condition failed":
                label.append("not met: ")
                label.append(_v(f.reading or f.condition or ""))
                if f.detail:
                    label.append(f" ({_v(f.detail)})", style="dim")
            elif f.reason == "exception applied":
                label.append("the exception applies: ")
                label.append(_v(f.reading or ""))
            elif f.reason == "unknown" and f.reading:
                label.append("turns on whether ")
                label.append(_v(f.reading))
                label.append(" (not known)", style="dim")
                if (f.detail or "").startswith(("possibly listed", "the case names no")):  # a possible list match, or
                    # a thing the case does not name: what decides it
                    label.append(f"; {_v(f.detail or '')}", style="dim")
            else:
                label.append(_v(f.detail or f.reason))
            label.append(f"  {_where(f.source)}", style="dim")
            tree.add(label)
        if r.answer is Answer.no and r.stated is not None:
            tree.add(Text(f"the case states that it does not hold  {_where(r.stated)}", style="dim"))
        elif not r.why_not and r.answer is Answer.no:
            tree.add(Text("no provision concludes this, and no fact states it", style="dim"))
        if r.answer is Answer.undetermined and not r.deciding:
            tree.add(Text("no set of up to three unknown facts settles it: it turns on more of them together", style="yellow"))
        for d in r.deciding:  # the facts, and the rule their values follow: not the whole truth table
            sub = tree.add(Text(f"would be decided by {'this fact' if len(d.facts) == 1 else 'these facts'}: "
                                f"{_v(outcome_rule(d))}", style="yellow"))
            for q in d.facts:
                item = Text(_v(q.question))
                item.append(f"  {_v(q.statement)}", style="dim")
                sub.add(item)
    criteria.add_terminal(tree, r)
    measures.add_terminal(tree, r)
    for note in r.not_explained:
        tree.add(Text(f"not explained: {_v(note)}", style="yellow"))
    for p in cautions_of(r):
        for caution in p.cautions:
            tree.add(Text(f"caution ({_v(p.cite or p.id)}): {_v(caution)}", style="yellow"))
    for fc in r.fact_cautions:
        tree.add(Text(f"caution (the case's interpretation, {_where(fc.source)}): {_v(fc.reading)}: {_v(fc.caution)}", style="yellow"))
    return tree


def cautions_of(r: QuestionResult) -> list[ProvisionRef]:
    """The provisions an answer relies on or weighs that carry a caution, each once, in order."""
    seen: dict[str, ProvisionRef] = {}

    def walk(top: Node) -> None:
        stack = [top]
        while stack:
            n = stack.pop()
            if n.provision is not None:
                seen.setdefault(n.provision.id, n.provision)
            stack.extend(reversed(n.children))

    for g in [*r.grounds, *(g for m in r.other_measures if m.answer is not Answer.no for g in m.grounds)]:
        seen.setdefault(g.id, g)
    if r.explanation is not None:
        walk(r.explanation)
    for f in r.why_not:
        seen.setdefault(f.provision.id, f.provision)
    return [p for p in seen.values() if p.cautions]


def decision_renderable(d: Decision, width: int = WIDTH):
    title = Text()
    title.append(f"{d.case}", style="bold")
    if d.title:
        title.append(f" — {_v(d.title)}")
    title.append(f"  (as of {d.as_of.isoformat()}, {_v(d.file)})", style="dim")
    parts = [title]
    if not d.decided:  # a case dated before its law: it says so instead of answering
        t = Text("NOT ANSWERED ", style="bold yellow")
        t.append(_v(d.outcome.reason or d.outcome.kind.value))
        parts.append(t)
    for r in d.results:
        parts.append(question_renderable(r, width))
    for e in d.expectations:
        t = Text("  ")
        t.append("✓ " if e.passed else "✗ ", style="green" if e.passed else "bold red")
        t.append(f"expect {'' if e.expected is Answer.yes else ('not ' if e.expected is Answer.no else 'undetermined ')}{_v(e.question)}: {_v(e.message)}")
        t.append(f"  {_where(e.source)}", style="dim")
        parts.append(t)
    return Group(*parts, Text(""))


def answer_changes(before: Decision, after: Decision) -> list[tuple[str, str, str, str | None]]:
    """(question, answer before, answer after, grounds after if they changed) for each answer that changed.

    Matched by question, not position: a question with variables (which G?) may have other
    instances after the change; an instance absent on one side was answered no there."""
    def table(d: Decision) -> dict[str, tuple[str, frozenset[str]]]:
        return {r.question: (r.answer.value, frozenset(g.id for g in r.grounds)) for r in d.results}

    was, now = table(before), table(after)
    out = []
    for q in dict.fromkeys([*was, *now]):
        a, ga = was.get(q, ("no", frozenset()))
        b, gb = now.get(q, ("no", frozenset()))
        if a != b or ga != gb:
            out.append((q, a, b, ", ".join(sorted(gb)) if ga != gb else None))
    return out


def make_console(file=None, width: int | None = None, color: bool | None = None) -> Console:
    """A console `width` columns wide; by default the terminal's width (or $COLUMNS) when it writes
    to a terminal, and WIDTH when it writes to a file or a pipe, so a saved report does not depend
    on the window it was made in."""
    if width is None:
        width = shutil.get_terminal_size((WIDTH, 24)).columns if file is None and sys.stdout.isatty() else WIDTH
    return Console(file=file, width=max(40, width), force_terminal=color, no_color=color is False, highlight=False,
                   soft_wrap=False)


def summary_line(decisions: Sequence[Decision]) -> str:
    """The report's last line: cases, answers by kind, expectations and how many failed."""
    answers = Counter(r.answer for d in decisions for r in d.results)
    expectations = [e for d in decisions for e in d.expectations]
    failed = sum(not e.passed for e in expectations)
    undecided = sum(not d.decided for d in decisions)
    cases = f"{len(decisions):,} case{'s' if len(decisions) != 1 else ''}" + (f" ({undecided:,} not decided)" if undecided else "")
    counts = ", ".join(f"{answers[a]:,} {a.value}" for a in (Answer.yes, Answer.no, Answer.undetermined))
    return (f"{cases}: {counts}; {len(expectations):,} expectation{'s' if len(expectations) != 1 else ''}, "
            f"{failed:,} failed")


# ---- Markdown memo -------------------------------------------------------------------

def render_memo(d: Decision) -> str:
    """A memo a lawyer can attach to a file: question, short answer, facts, analysis, open questions."""
    out: list[str] = [f"# Memo: {_m(d.title or d.case)}", "", f"*Case {md_code(d.case)}, decided as of {d.as_of.isoformat()} "
                      f"on the facts stated in {md_code(d.file)}. Generated by Writ.*", ""]
    if d.doc:  # the writer's own account of the case
        out += [_m(" ".join(d.doc.split())), ""]
    if not d.decided:
        return "\n".join(out + ["## Short answer", "", f"**Not answered.** {_m(d.outcome.reason or d.outcome.kind.value)}", ""])
    out += ["## Question", ""]
    for r in d.results:
        out.append(f"- Does it hold that {_m(r.reading)}? ({md_code(r.question)})")
    out += ["", "## Short answer", ""]
    for r in d.results:
        ans = {Answer.yes: "**Yes.**", Answer.no: "**No.**", Answer.undetermined: "**Undetermined** on the facts stated."}[r.answer]
        grounds = ""
        if r.grounds:
            grounds = " Grounds: " + "; ".join(_m(g.cite or g.id) for g in r.grounds) + "."
        out.append(f"- {_sentence(_m(r.reading))}: {ans}{grounds}{measures.short_answer(r)}")
    out += ["", "## Facts relied on", ""]
    facts: dict[str, Node] = {}
    for r in d.results:
        for fact in r.facts_used:
            facts.setdefault(fact.statement, fact)
    if facts:
        for fact in facts.values():
            where = f" ({_m(fact.source.file)}, line {fact.source.line})" if fact.source else ""
            kind = ("Stated fact" if fact.kind == "case fact" else "Given fact (what-if or interview answer)" if fact.kind == "given fact"
                    else f"From the list: {_m(fact.provision.cite or '')}" if fact.kind == "list fact" and fact.provision
                    else f"Law ({_m(fact.provision.cite or '')})" if fact.provision else "Law")
            period = f" ({_m(_period(fact))})" if fact.valid_from or fact.valid_until else ""
            out.append(f"- {_sentence(_m(fact.reading))}{period}. *{kind}{where}.*"
                       + "".join(f" **Caution (interpretation):** {_m(c)}" for c in fact.cautions))
    else:
        out.append("- None: no conclusion was reached that rests on the facts.")
    out += ["", "## Analysis by provision", ""]
    for r in d.results:
        out.append(f"### {_sentence(_m(r.reading))}")
        out.append("")
        if r.answer is Answer.yes and r.explanation:
            for g in r.grounds:
                out += _provision_block(g)
            out.append("Reasoning:")
            out.append("")
            out += _memo_tree(r.explanation, 0)
        else:
            if r.answer is Answer.no and r.stated is not None:
                out += [f"The case states that it does not hold ({_m(r.stated.file)}, line {r.stated.line}).", ""]
            elif not r.why_not:
                out.append("No provision of the law applied concludes this, and no fact states it.")
            shown: set[str] = set()
            for f in r.why_not:
                if f.provision.id not in shown:  # a provision with several rules is quoted once
                    out += _provision_block(f.provision)
                    shown.add(f.provision.id)
                if f.reason == "not in force":
                    out.append(f"Not in force on the date of the question: {_m(f.detail or '')}.")
                elif f.reason == "not on this date":
                    out.append(f"Not on the date of the question: {_sentence(_m(f.reading or ''))}: {_m(f.detail or '')}.")
                elif f.reason == "condition failed":
                    out.append(f"Not met: it is not shown that {_m(f.reading or '')}" + (f" ({_m(f.detail)})" if f.detail else "") + ".")
                elif f.reason == "exception applied":
                    out.append(f"The exception applies: {_m(f.reading or '')}.")
                elif f.reading:
                    unnamed = f" {_sentence(_m(f.detail or ''))}" if (f.detail or "").startswith("the case names no") else ""
                    out.append(f"It turns on whether {_m(f.reading)}, which is not known.{unnamed}")
                else:
                    out.append("Its conditions depend on facts that are not known.")
                out.append("")
        out += criteria.memo_lines(r)
        out += measures.memo_lines(r)
        for note in r.not_explained:
            out += [f"Not explained: {note}.", ""]
        out.append("")
    cautions = {p.id: p for r in d.results for p in cautions_of(r)}
    interpreted = {(fc.statement, fc.caution): fc for r in d.results for fc in r.fact_cautions}
    if cautions or interpreted:
        out += ["## Cautions", ""]
        for p in cautions.values():
            out += [f"- **{_m(p.cite or p.id)}** ({md_code(p.id)}): {_m(c)}" for c in p.cautions]
        for fc in interpreted.values():
            out.append(f"- **The case's interpretation** ({_m(fc.source.file)}, line {fc.source.line}): "
                       f"{_sentence(_m(fc.reading))}: {_m(fc.caution)}")
        out.append("")
    out += ["## Open questions", ""]
    open_q = [(r, ds) for r in d.results for ds in r.deciding]
    unsettled = [r for r in d.results if r.answer is Answer.undetermined and not r.deciding]
    if open_q or unsettled:
        for r, ds in open_q:
            out.append(f"- To decide whether {_m(r.reading)}: " + " ".join(_m(q.question) for q in ds.facts))
        for r in unsettled:
            out.append(f"- Whether {_m(r.reading)} turns on more than three of the unknown facts together; "
                       "the analysis above names the conditions it depends on.")
    else:
        out.append("- None: every question is decided on the facts stated.")
    out.append("")
    return "\n".join(out)


def _sentence(text: str) -> str:
    """Readings start with a name as written ("mass arbitrary detention is ..."); a list item starts with a capital."""
    return text[:1].upper() + text[1:]


_m = md_inline


def _quoted_line(line: str) -> str:
    """A line of quoted provision text: literal, and no heading of its own inside the quote."""
    line = md_inline(line)
    return "\\" + line if line.lstrip().startswith(("#", ">")) else line


def _provision_block(g) -> list[str]:
    lines = [f"**{_m(g.cite or g.id)}**" + (f" — {_m(g.title)}" if g.title else "") + f" ({md_code(g.id)})", ""]
    if g.text:
        text = g.text.removesuffix("\n")  # lines as the source has them (not splitlines: no \x0c or U+2028 breaks)
        lines += ["> " + _quoted_line(line) for line in (text.split("\n") if text else [])] + [""]
    lines += [f"**Caution:** {_m(c)}" for c in g.cautions] + ([""] if g.cautions else [])
    return lines


def _memo_tree(n: Node, depth: int) -> list[str]:
    pad = "    " * depth  # four spaces: Python-Markdown (MkDocs) nests lists only at four
    cite = f" [{_m(n.provision.cite or '')}]" if n.provision is not None and n.kind == "rule" else ""
    where = f" (stated: {_m(n.source.file)}, line {n.source.line})" if n.kind == "case fact" and n.source else ""
    caution = "".join(f" **Caution (interpretation):** {_m(c)}" for c in n.cautions)
    lines = [f"{pad}- {_sentence(_m(n.reading))}{cite}{where}{caution}"]
    for c in n.children:
        lines += _memo_tree(c, depth + 1)
    return lines
