"""Generate the documentation site of the law from the statutes and the cases.

The pages are Markdown written from the checked law and from the decisions of the
bundled cases, so the documentation cannot drift from the code of the law: a page
per provision, per regime and per case, the vocabulary and the timeline. They are
written, beside a copy of the hand-written pages of docs/, into a build folder
that MkDocs (Material theme, mkdocs.yml) turns into the site.
"""

from __future__ import annotations

import datetime as dt
from collections import defaultdict
from dataclasses import dataclass
from pathlib import Path
from typing import Iterable, Sequence

from .. import model as M
from ..syntax import tree as S
from ..syntax.messages import source_lines
from ..render.escape import md_code
from .build import GENERATED_MARK, build_site, unsafe_site_dir, write_pages  # noqa: F401 (the CLI imports them from here)
from .markdown import fenced, md_escape, paragraphs, period, source_slice
from ..api import Writ
from ..decision import Answer, Decision, Node
from .diagram import DiagramNode, layered_columns, layered_svg
from .lawgraph import LawGraph
from .reading import Group, Reader
from ..render.terminal import render_memo
from ..core.resources import statutes_dir

# Regimes are the top folders of statutes/; these are their names for a reader.
REGIME_TITLES = {"glomag": "Global Magnitsky (GloMag)", "ear": "Export Administration Regulations (EAR)"}
FACTS_SHOWN_OPEN = 25  # a provision with more facts of law shows them folded


ANSWER_MARK = {Answer.yes: "**yes**", Answer.no: "**no**", Answer.undetermined: "**undetermined**"}
ROLE_ORDER = {"grounds the answer": 0, "in the reasoning": 1, "considered, condition failed": 2,
              "considered, not in force": 3, "considered, not on this date": 3, "considered, exception applied": 4,
              "considered, unknown": 5}


@dataclass(frozen=True)
class Exercise:
    """One question of one case in which a provision played a part."""

    case: str
    question: str
    answer: Answer
    role: str


class DocSite:
    """The generated pages of a law and its decided cases, as {relative path: Markdown}."""

    def __init__(self, writ: Writ, decisions: Sequence[Decision]):
        self.writ = writ
        self.law = writ.law
        self.graph = LawGraph(writ.law)
        self.reader = Reader(writ.law)
        self.decisions = list(decisions)
        self.cases = {c.name: c for c in writ.cases}
        self.exercises = self._exercises()
        self.syntax_provisions = {p.name: (sf, p) for sf in writ.loaded.files.values() for p in sf.provisions}

    # ---- the whole site --------------------------------------------------------------------
    def pages(self) -> dict[str, str]:
        pages = {"law/provisions.md": self.provisions_index(), "law/vocabulary.md": self.vocabulary(),
                 "law/timeline.md": self.timeline(), "cases/index.md": self.cases_index()}
        for regime in self.regimes():
            pages[f"law/{regime}.md"] = self.regime_page(regime)
        for name in self.law.provisions:
            pages[f"provisions/{name}.md"] = self.provision_page(name)
        for d in self.decisions:
            pages[f"cases/{d.case}.md"] = self.case_page(d)
        return pages

    def regimes(self) -> list[str]:
        return list(dict.fromkeys(p.module.split("/")[0] for p in self.law.provisions.values()))

    def regime_of(self, provision: str) -> str:
        return self.law.provisions[provision].module.split("/")[0]

    # ---- one provision ---------------------------------------------------------------------
    def provision_page(self, name: str) -> str:
        p = self.law.provisions[name]
        sf, sp = self.syntax_provisions[name]
        title = p.title or name
        out = [f"# {md_escape(title)}", "", f"`{name}` · [{REGIME_TITLES.get(self.regime_of(name), self.regime_of(name))}]"
               f"(../law/{self.regime_of(name)}.md)", "",
               f"- **Citation:** {md_escape(p.cite or 'none stated')}",
               f"- **In force:** {period(p)}",
               f"- **Source:** {md_code(p.span.file)}, line {p.span.line} (module {md_code(p.module)})", ""]
        if p.doc:
            out += [md_escape(p.doc), ""]
        out += ["## The text", ""]
        if p.text:
            for para in paragraphs(p.text):
                out += [f"> {md_escape(para)}", ">"]
            out[-1] = ""
        else:
            out += ["No text is quoted for this provision.", ""]
        rules = [s for s in sp.statements if isinstance(s, S.Rule)]
        facts = [s for s in sp.statements if not isinstance(s, S.Rule)]
        if rules:
            out += ["## The rule in Writ", ""]
            out += fenced("\n\n".join(source_slice(sf.text, s.span) for s in rules))
            out += ["## In plain English", ""]
            for s in rules:
                out += self._rule_reading(s)
        if facts:
            out += ["## Facts of law", ""]
            code = "\n".join(source_slice(sf.text, s.span) for s in facts)
            if len(facts) > FACTS_SHOWN_OPEN:
                out += [f'??? note "The {len(facts)} facts this provision states"', ""]
                # every line of the block inside the collapsible note, not only its first
                out += ["    " + line if line else "" for line in "\n".join(fenced(code)).split("\n")]
            else:
                out += fenced(code)
                out += [f"- {md_escape(self.law.reading(f.atom))}" + ("" if f.polarity == "true" else f" ({f.polarity})")
                        for f in p.facts] + [""]
        for c in p.cautions:
            out += ['!!! warning "Caution"', "", f"    {md_escape(c)}", ""]
        if p.notes:
            out += ["## Notes on interpretation", ""]
            out += [f"- {md_escape(' '.join(n.split()))}" for n in p.notes] + [""]
        out += self._dependencies(name)
        out += self._exercised(name)
        return "\n".join(out)

    def _rule_reading(self, rule: S.Rule) -> list[str]:
        r = self.reader.rule(rule)
        lines = _reading_lines(f"**{md_escape(r.conclusion)}** if", r.condition)
        if r.exception is not None:
            lines += _reading_lines("Unless", r.exception)
        return lines

    def _dependencies(self, name: str) -> list[str]:
        before = self.graph.depends_on(name)
        after = self.graph.depended_on_by(name)
        supplied = self.graph.case_facts_used(name)
        out = ["## What it depends on, and what depends on it", ""]
        if not before and not after:
            out += ["No other provision concludes what this provision uses, and none uses what it concludes.", ""]
        else:
            nodes = [self._node(q, focus=(q == name), prefix="") for q in [*before, name, *after]]
            edges = [(q, name) for q in before] + [(name, q) for q in after]
            out += ['<div class="writ-diagram-frame" markdown="0">',
                    layered_svg(_unique_nodes(nodes), edges, f"Provisions {title_of(self.law, name)} depends on and that depend on it"),
                    "</div>", "",
                    "*Arrows run from a provision to the provisions that rely on what it concludes.*", ""]
        out += ["It relies on: " + (", ".join(self._link(q) for q in before) or "no other provision") + ".", ""]
        out += ["It is relied on by: " + (", ".join(self._link(q) for q in after) or "no other provision") + ".", ""]
        if supplied:
            out += ["Facts a case states for it: " + ", ".join(f"[`{pred}`](../law/vocabulary.md#{anchor(pred)})"
                                                            for pred in supplied) + ".", ""]
        concluded = self.graph.concludes[name]
        if concluded:
            out += ["It concludes: " + ", ".join(f"[`{pred}`](../law/vocabulary.md#{anchor(pred)})" for pred in concluded) + ".", ""]
        return out

    def _exercised(self, name: str) -> list[str]:
        out = ["## Cases that exercise it", ""]
        rows = sorted(self.exercises.get(name, ()), key=lambda e: (e.case, e.question))
        if not rows:
            return out + ["No bundled case reaches this provision.", ""]
        out += ["| Case | Question | Answer | How the provision applies |", "|---|---|---|---|"]
        for e in rows:
            out.append(f"| [{e.case}](../cases/{e.case}.md) | {md_code(e.question)} | {ANSWER_MARK[e.answer]} | {e.role} |")
        return out + [""]

    def _node(self, name: str, focus: bool = False, prefix: str = "") -> DiagramNode:
        p = self.law.provisions[name]
        return DiagramNode(name, p.title or name, name, href=f"{prefix}{name}.html", emphasis=focus)

    def _link(self, name: str, prefix: str = "") -> str:
        return f"[{md_escape(title_of(self.law, name))}]({prefix}{name}.md)"

    # ---- regimes --------------------------------------------------------------------------
    def regime_page(self, regime: str) -> str:
        names = [n for n in self.law.provisions if self.regime_of(n) == regime]
        title = REGIME_TITLES.get(regime, regime)
        edges = self.graph.edges(names)
        columns = layered_columns(names, edges)
        concluded = {pred for n in names for pred in self.graph.concludes[n]}
        used = {pred for n in names for pred in self.graph.uses[n]}
        questions = [pred for pred in self.law.predicates if pred in concluded - used]
        out = [f"# {title}", "",
               f"The {len(names)} provisions of `statutes/{regime}/`, in the order the decision runs: "
               "each step relies only on the facts of the case and on what earlier steps concluded.", ""]
        out += ["## The questions it answers", ""]
        for pred in questions:
            makers = [n for n in self.graph.concluded_by[pred] if n in names]
            out.append(f"- [`{pred}`](vocabulary.md#{anchor(pred)}): {md_escape(reading_template(self.law, pred))} — "
                       f"concluded by {', '.join(self._link(n, '../provisions/') for n in makers)}.")
        out += ["", "## The decision as a diagram", "",
                '<div class="writ-diagram-frame" markdown="0">',
                layered_svg([self._node(n, prefix="../provisions/") for n in names], edges, f"The decision under {title}"),
                "</div>", "", "*Arrows run from a provision to the provisions that rely on what it concludes.*", ""]
        out += ["## Step by step", ""]
        for step, column in enumerate(columns, start=1):
            out += [f"### Step {step}", ""]
            for n in column:
                p = self.law.provisions[n]
                concludes = ", ".join(f"`{pred}`" for pred in self.graph.concludes[n])
                out.append(f"- {self._link(n, '../provisions/')} — {md_escape(p.cite or '')}"
                           + (f"; concludes {concludes}" if concludes else "")
                           + (f"; relies on {', '.join(self._link(d, '../provisions/') for d in self.graph.depends_on(n) if d in names)}"
                              if any(d in names for d in self.graph.depends_on(n)) else "") + ".")
            out.append("")
        return "\n".join(out)

    # ---- indexes -----------------------------------------------------------------------------
    def provisions_index(self) -> str:
        out = ["# Provisions", "", "Every provision of the bundled statutes, as the statutes lay them out.", ""]
        by_module: dict[str, list[M.Provision]] = defaultdict(list)
        for p in self.law.provisions.values():
            by_module[p.module].append(p)
        for regime in self.regimes():
            out += [f"## {REGIME_TITLES.get(regime, regime)}", ""]
            for module, provisions in by_module.items():
                if module.split("/")[0] != regime:
                    continue
                out += [f"### `{module}`", "", "| Provision | Citation | In force |", "|---|---|---|"]
                out += [f"| {self._link(p.name, '../provisions/')} | {md_escape(p.cite or '')} | {period(p)} |" for p in provisions]
                out.append("")
        return "\n".join(out)

    def vocabulary(self) -> str:
        out = ["# Vocabulary", "", "Every predicate the law declares: its reading, where it is declared, "
               "which provisions conclude it and which use it. A case states facts in these words.", "",
               "## Types", "", "| Type | Is a | Description |", "|---|---|---|"]
        for t in self.law.types.values():
            out.append(f"| `{t.name}` | {f'`{t.parent}`' if t.parent else ''} | {md_escape(t.description or '')} |")
        out += ["", "## Predicates", ""]
        for pred in sorted(self.law.predicates.values(), key=lambda q: q.name):
            params = ", ".join(f"{v}: {t}" for v, t in pred.params)
            out += [f"### `{pred.name}` {{#{anchor(pred.name)}}}", "", f"`{pred.name}({params})`", ""]
            if pred.reads:
                out += [f"Reads: *{md_escape(pred.reads.source)}*", ""]
            if pred.asks:
                out += [f"Asks: *{md_escape(pred.asks)}*", ""]
            kind = ("open: what a case does not state is unknown" if pred.open else
                    "fixed: stated only by the law" if pred.fixed else "closed: what a case does not state is false")
            out += [f"Kind: {kind}.", ""]
            if pred.doc:
                out += [md_escape(" ".join(pred.doc.split())), ""]
            where = f"`{pred.span.file}`, line {pred.span.line}" if pred.span else "built in"
            out += [f"Declared in {where}" + (f" (module `{pred.module}`)" if pred.module else "") + ".", ""]
            concluded = self.graph.concluded_by.get(pred.name, [])
            used = self.graph.used_by.get(pred.name, [])
            out += ["Concluded by: " + (", ".join(self._link(n, "../provisions/") for n in concluded) or "no provision; a case states it") + ".", ""]
            out += ["Used by: " + (", ".join(self._link(n, "../provisions/") for n in used) or "no provision's rule") + ".", ""]
        return "\n".join(out)

    def timeline(self) -> str:
        starts: dict[dt.date, list[str]] = defaultdict(list)
        ends: dict[dt.date, list[str]] = defaultdict(list)
        for p in self.law.provisions.values():
            if p.in_force_from:
                starts[p.in_force_from].append(p.name)
            if p.in_force_until:
                ends[p.in_force_until].append(p.name)
        out = ["# Timeline of the law", "",
               "What came into force, and what ended, on each date. The last day in force is inclusive: "
               "a provision ending on a date no longer applies the day after.", "",
               "| Date | Came into force | Last day in force |", "|---|---|---|"]
        for day in sorted(set(starts) | set(ends)):
            out.append(f"| {day.isoformat()} | {'<br>'.join(self._link(n, '../provisions/') for n in starts.get(day, []))} "
                       f"| {'<br>'.join(self._link(n, '../provisions/') for n in ends.get(day, []))} |")
        return "\n".join(out + [""])

    def cases_index(self) -> str:
        out = ["# Cases", "", "Every bundled case, decided by the engine as this site was built. "
               "A case passes when every answer is the one it expects.", "",
               "| Case | Title | As of | File | Expectations |", "|---|---|---|---|---|"]
        for d in self.decisions:
            passed = sum(e.passed for e in d.expectations)
            out.append(f"| [{d.case}]({d.case}.md) | {md_escape(' '.join((d.title or '').split()))} | {d.as_of.isoformat()} | {md_code(d.file)} "
                       f"| {passed} of {len(d.expectations)} met |")
        return "\n".join(out + [""])

    # ---- one case ---------------------------------------------------------------------------
    def case_page(self, d: Decision) -> str:
        out = [render_memo(d), "## Expectations", ""]
        for e in d.expectations:
            mark = "met" if e.passed else "**not met**"
            out.append(f"- {md_code(e.question)}: expected {e.expected.value}" + (f" under {', '.join(e.under)}" if e.under else "")
                       + f"; {mark} ({md_escape(e.message)}).")
        if not d.expectations:
            out.append("- The case states no expectation.")
        out += ["", "## Provisions", ""]
        involved = sorted({(p, e.role) for p, es in self.exercises.items() for e in es if e.case == d.case},
                          key=lambda pr: (ROLE_ORDER.get(pr[1], 9), pr[0]))
        for p, role in involved:
            out.append(f"- {self._link(p, '../provisions/')}: {role}.")
        if not involved:
            out.append("- No provision was reached.")
        out += ["", "## The case as written", ""]
        written = self._case_source(d)
        if written is not None:
            out += fenced(written, title=d.file)
        return "\n".join(out)

    def _case_source(self, d: Decision) -> str | None:
        for sf in self.writ.loaded.files.values():
            for c in sf.cases:
                if c.name == d.case and sf.path == d.file:
                    last = max([s.span.end_line for s in c.statements] + [c.span.end_line])
                    return "\n".join(source_lines(sf.text)[c.span.line - 1: last]).rstrip()
        return None

    # ---- who exercises what --------------------------------------------------------------------
    def _exercises(self) -> dict[str, list[Exercise]]:
        best: dict[tuple[str, str, str], Exercise] = {}

        def note(provision: str, e: Exercise) -> None:
            if provision not in self.law.provisions:  # a list entry cited as a fact's source has no page
                return
            key = (provision, e.case, e.question)
            if key not in best or ROLE_ORDER[e.role] < ROLE_ORDER[best[key].role]:
                best[key] = e

        for d in self.decisions:
            for r in d.results:
                for g in r.grounds:
                    note(g.id, Exercise(d.case, r.question, r.answer, "grounds the answer"))
                for n in _walk(r.explanation):
                    if n.provision is not None:
                        note(n.provision.id, Exercise(d.case, r.question, r.answer, "in the reasoning"))
                for f in r.why_not:
                    note(f.provision.id, Exercise(d.case, r.question, r.answer, f"considered, {f.reason}"))
        found: dict[str, list[Exercise]] = defaultdict(list)
        for (provision, _, _), e in best.items():
            found[provision].append(e)
        return found


def _walk(n: Node | None) -> Iterable[Node]:
    if n is None:
        return
    yield n
    for c in n.children:
        yield from _walk(c)


def _reading_lines(lead: str, g: Group) -> list[str]:
    """`lead X.` for a single condition, else `lead all of:` / `lead any of:` and a nested list."""
    if len(g.items) == 1 and not isinstance(g.items[0], Group):
        return [f"{lead} {md_escape(g.items[0])}.", ""]
    return [f"{lead} {'all' if g.joiner == 'all' else 'any'} of:", "", *_group_items(g, 0), ""]


def _group_items(g: Group, depth: int) -> list[str]:
    pad = "    " * depth
    lines: list[str] = []
    for item in g.items:
        if isinstance(item, Group):
            lines.append(f"{pad}- {'all' if item.joiner == 'all' else 'any'} of:")
            lines += _group_items(item, depth + 1)
        else:
            lines.append(f"{pad}- {md_escape(item)}")
    return lines


def _unique_nodes(nodes: list[DiagramNode]) -> list[DiagramNode]:
    seen: dict[str, DiagramNode] = {}
    for n in nodes:
        seen.setdefault(n.id, n)
    return list(seen.values())


def anchor(pred: str) -> str:
    return "pred-" + pred.replace("_", "-")


def title_of(law: M.Law, provision: str) -> str:
    return law.provisions[provision].title or provision


def reading_template(law: M.Law, pred: str) -> str:
    """A predicate's reading with its parameters named: "P is blocked by ..."."""
    p = law.predicates[pred]
    if p.reads is None:
        return f"{pred}({', '.join(v for v, _ in p.params)})"
    return " ".join(t for _, t in p.reads.parts)


# ---- writing and building -----------------------------------------------------------------------

def decide_bundled(case_paths: Sequence[Path]) -> tuple[Writ, list[Decision]]:
    """Load every bundled statute with the cases, and decide the cases with explanations."""
    writ = Writ.load([statutes_dir(), *case_paths])
    return writ, writ.decide_many(writ.cases, explain=True)
