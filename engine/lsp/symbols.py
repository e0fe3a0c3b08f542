"""The names of a document and of the law, for hover, go to definition and completion:
a name under the cursor is looked up among the predicates, provisions, constants,
types and cases the document can name (its own declarations first, then the law's),
each with its declaration's place and a Markdown description.
"""

from __future__ import annotations

import re
from dataclasses import dataclass

from .. import model as M
from ..check.vocabulary import as_declaration
from ..core.diagnostics import Span
from ..syntax.words import AGGREGATES, ATTRIBUTE_KEYWORDS, BUILTIN_TYPES, DECLARATION_KEYWORDS, KEYWORDS
from .analysis import Analysis, bundled

_WORD = re.compile(r"[A-Za-z0-9_]+")
# every keyword once, in the order the lists give them
KEYWORD_WORDS = tuple(dict.fromkeys(DECLARATION_KEYWORDS + ATTRIBUTE_KEYWORDS + KEYWORDS + AGGREGATES
                                    + ("in", "force", "as", "of", "is", "today")))


@dataclass(frozen=True)
class Symbol:
    kind: str  # predicate | provision | constant | type | case
    name: str
    span: Span | None  # where it is declared (None: built into Writ)
    markdown: str
    detail: str = ""  # one line, for a completion list


def word_at(text: str, line: int, column: int) -> tuple[str, int, int] | None:
    """The name under (or just before) a 0-based line and column in code points, with its columns."""
    lines = text.split("\n")
    if not 0 <= line < len(lines):
        return None
    for m in _WORD.finditer(lines[line]):
        if m.start() <= column <= m.end():
            return m.group(), m.start(), m.end()
    return None


def lookup(analysis: Analysis, name: str, line: int | None = None) -> list[Symbol]:
    """Every declaration `name` may mean, the document's own first; of a constant that
    several cases declare, the declaration nearest above `line` (from 1), in its case."""
    found = {(s.kind, s.name): s for s in _law_symbols(analysis, name)}
    own = [s for s in _own_symbols(analysis) if s.name == name]
    if line is not None:  # the nearest declaration above the cursor last, so that it wins
        own.sort(key=lambda s: (s.span is not None and s.span.line <= line, s.span.line if s.span else 0))
    for s in own:
        found[(s.kind, s.name)] = s  # the text being edited wins over the law checked before
    return sorted(found.values(), key=lambda s: ("predicate", "provision", "constant", "type", "case").index(s.kind))


def completions(analysis: Analysis, prefix: str) -> list[Symbol]:
    """The vocabulary that starts with `prefix`: predicates, provisions, constants, types,
    cases, then keywords."""
    law = analysis.law or bundled().law
    out: dict[tuple[str, str], Symbol] = {}
    names = [*law.predicates, *law.provisions, *law.constants, *law.types]
    for name in names:
        if name.startswith(prefix):
            for s in _law_symbols(analysis, name):
                out.setdefault((s.kind, s.name), s)
    for s in _own_symbols(analysis):
        if s.name.startswith(prefix):
            out[(s.kind, s.name)] = s
    for word in KEYWORD_WORDS:
        if word.startswith(prefix) and ("type", word) not in out:
            out[("keyword", word)] = Symbol("keyword", word, None, f"`{word}`: a keyword of Writ", "keyword")
    return list(out.values())


# ---- the law's declarations ---------------------------------------------------------


def _law_symbols(analysis: Analysis, name: str) -> list[Symbol]:
    law = analysis.law or bundled().law
    out = []
    if name in law.predicates:
        out.append(_predicate(law.predicates[name]))
    if name in law.provisions:
        out.append(_provision(law.provisions[name]))
    constant = law.constants.get(name) or next((c.constants[name] for c in analysis.cases if name in c.constants), None)
    if constant is not None:
        out.append(_constant(constant))
    if name in law.types:
        t = law.types[name]
        builtin = " (built into Writ)" if name in BUILTIN_TYPES else ""
        is_a = f" is a `{t.parent}`" if t.parent else ""
        out.append(Symbol("type", name, t.span, _join(f"**type** `{name}`{is_a}{builtin}", t.description, t.doc), "type"))
    return out


def _predicate(p: M.Predicate) -> Symbol:
    signature = f"{p.name}(" + ", ".join(f"{v}: {t}" for v, t in p.params) + ")"
    reading = p.reads.source if p.reads else None
    return _predicate_symbol(p.name, signature, reading, p.asks, p.open, p.fixed, p.doc, p.span, p.module)


def _predicate_symbol(name, signature, reading, asks, is_open, fixed, doc, span, module) -> Symbol:
    world = "open: what is not stated is unknown" if is_open else None
    return Symbol("predicate", name, span, _join(
        f"**predicate** `{signature}`",
        f"reads: *{reading}*" if reading else "no reading declared",
        f"asks: *{asks}*" if asks else None, world, "fixed: facts of the law, not of a case" if fixed else None,
        doc, f"declared in `{module}`" if module else None), reading or signature)


def _provision(p: M.Provision) -> Symbol:
    period = _period(p.in_force_from, p.in_force_until)
    return _provision_symbol(p.name, p.title, p.cite, period, p.text, p.notes, p.span, p.module)


def _provision_symbol(name, title, cite, period, text, notes, span, module) -> Symbol:
    quoted = "\n".join("> " + line for line in text.splitlines()) if text else "no text of the law quoted"
    return Symbol("provision", name, span, _join(
        f"**provision** `{name}`" + (f": {title}" if title else ""),
        " · ".join(x for x in (f"*{cite}*" if cite else "no citation", period) if x), quoted,
        *(f"note: {n}" for n in notes), f"declared in `{module}`" if module else None), cite or title or "provision")


def _constant(c: M.Constant) -> Symbol:
    where = f"declared in case `{c.scope}`" if c.scope else (f"declared in `{c.module}`" if c.module else None)
    shown = f' "{c.display}"' if c.display else ""
    return Symbol("constant", c.name, c.span, _join(f"**{c.type}** `{c.name}`{shown}", where), f"{c.type}{shown}")


# ---- the document's own declarations (read from its parse: they may not check yet) ------


def _own_symbols(analysis: Analysis) -> list[Symbol]:
    src = analysis.source
    if src is None:
        return []
    law = bundled().law
    out = []
    for p in src.predicates:
        signature = f"{p.name}(" + ", ".join(f"{q.var}: {q.type}" for q in p.params) + ")"
        out.append(_predicate_symbol(p.name, signature, p.reads.value if p.reads else None, p.asks.value if p.asks else None,
                                     p.open, p.fixed, p.doc, p.name_span, None))
    for v in src.provisions:
        period = _period(v.in_force_from.value if v.in_force_from else None, v.in_force_until.value if v.in_force_until else None)
        out.append(_provision_symbol(v.name, v.title, v.cite.value if v.cite else None, period,
                                     v.text.value if v.text else None, [n.value for n in v.notes], v.name_span, None))
    for t in src.types:
        out.append(Symbol("type", t.name, t.name_span, _join(f"**type** `{t.name}`", t.description, t.doc), "type"))
    for c in src.cases:
        out.append(Symbol("case", c.name, c.name_span, _join(f"**case** `{c.name}`" + (f": {c.title}" if c.title else ""),
                                                             f"as of {c.as_of.text}", c.doc), "case"))
    blocks: list[tuple[str | None, list]] = [(None, src.loose), *((None, p.statements) for p in src.provisions),
                                             *((c.name, c.statements) for c in src.cases)]
    for scope, statements in blocks:
        for stmt in statements:
            decl = as_declaration(law, stmt)
            if decl is not None:
                typ, name, display, span, _ = decl
                out.append(_constant(M.Constant(name, typ, display, span, scope)))
    return out


def _period(start, end) -> str | None:
    if start is None and end is None:
        return None
    return "in force" + (f" from {start}" if start else "") + (f" until {end}" if end else "")


def _join(*parts: str | None) -> str:
    return "\n\n".join(p for p in parts if p)
