"""Parse Writ source text into a syntax tree (`syntax.SourceFile`).

Lark LALR(1) with a contextual lexer, so English words that are keywords
elsewhere ("in", "of", "and") read as plain words inside a sentence. Syntax
errors become diagnostics naming what was expected; the parser recovers after
each (recover.py), so a file's every syntax error is reported in one run.
"""

from __future__ import annotations

import datetime as dt
import functools
import re
import textwrap
from decimal import Decimal
from typing import cast

from lark import Lark, Token, Transformer, v_args
from lark.exceptions import VisitError

from . import fastpath, recover, tree as S
from .guards import MAX_DEPTH, limit_depth, refuse_nul  # noqa: F401 (MAX_DEPTH: tests read it here)
from ..core.diagnostics import Diagnostic, Reporter, Span
from ..core.values import MAX_NUMBER
from ..core.resources import grammar_path


@functools.lru_cache(maxsize=1)
def _lark() -> Lark:
    return Lark(
        grammar_path().read_text(encoding="utf-8"),
        parser="lalr",
        lexer="contextual",
        propagate_positions=True,
        maybe_placeholders=True,
        cache=True,
    )


class _Build(Transformer):
    """Lark tree -> syntax nodes. Collects lexical errors (bad dates, numbers)."""

    def __init__(self, path: str, reporter: Reporter):
        super().__init__()
        self.file = path
        self.reporter = reporter

    # -- helpers
    def span(self, item) -> Span:
        if isinstance(item, Token):
            # lark types a token's position Optional (a token made by hand has none); the lexer's always have one
            return Span(self.file, cast(int, item.line), cast(int, item.column), cast(int, item.end_line), cast(int, item.end_column))
        return Span(self.file, item.line, item.column, item.end_line, item.end_column)

    def _str(self, tok: Token) -> S.Str:
        if tok.type == "DOC":
            return S.Str(_doc_text(tok.value), self.span(tok))
        return S.Str(_unescape(tok.value[1:-1]), self.span(tok))

    def _date(self, tok: Token) -> S.DateLit:
        try:
            value = dt.date.fromisoformat(tok.value)
        except ValueError:
            value = None
            self.reporter.error("E103", self.span(tok), f"'{tok.value}' is not a calendar date",
                                "dates are written YYYY-MM-DD with a real month and day, e.g. 2020-07-09")
        return S.DateLit(value, tok.value, self.span(tok))

    def _doc(self, tok: Token | None) -> str | None:
        return _doc_text(tok.value) if tok is not None else None

    # -- top level
    def start(self, items):
        return items

    def path(self, names):
        return "/".join(str(n) for n in names)

    @v_args(meta=True)
    def module_decl(self, meta, items):
        return S.ModuleDecl(items[0], self.span(meta))

    @v_args(meta=True)
    def use_decl(self, meta, items):
        return [S.UseDecl(p, self.span(meta)) for p in items]

    @v_args(meta=True)
    def type_decl(self, meta, items):
        doc, name, parent, desc = items
        return S.TypeDecl(str(name), str(parent) if parent else None, self._str(desc).value if desc else None,
                          self.span(meta), self.span(name), self._doc(doc))

    @v_args(meta=True)
    def predicate_decl(self, meta, items):
        doc, name, params, *attrs = items
        reads = asks = None
        is_open = is_fixed = False
        for kind, value in attrs:
            if kind == "reads":
                reads = value
            elif kind == "asks":
                asks = value
            elif kind == "open":
                is_open = True
            elif kind == "fixed":
                is_fixed = True
        return S.PredicateDecl(str(name), tuple(params or ()), reads, asks, is_open, is_fixed,
                               self.span(meta), self.span(name), self._doc(doc))

    def params(self, items):
        return tuple(p for p in items if p is not None)

    @v_args(meta=True)
    def param(self, meta, items):
        var, typ = items
        return S.Param(str(var), str(typ), self.span(meta), self.span(typ))

    def reads(self, items):
        return ("reads", self._str(items[0]))

    def asks(self, items):
        return ("asks", self._str(items[0]))

    def open(self, items):
        return ("open", True)

    def fixed(self, items):
        return ("fixed", True)

    @v_args(meta=True)
    def provision(self, meta, items):
        doc, name, title, *attrs = items
        prov = S.Provision(str(name), self._str(title).value if title else None, None, None, None, None, [],
                           self.span(meta), self.span(name), self._doc(doc))
        cautions = []
        for kind, value in attrs:
            if kind == "cite":
                prov.cite = value
            elif kind == "period":
                prov.in_force_from, prov.in_force_until = value
            elif kind == "text":
                prov.text = value
            elif kind == "note":
                prov.notes.append(value)
            elif kind == "caution":
                cautions.append(value)
        prov.cautions = cautions
        return prov

    def cite(self, items):
        return ("cite", self._str(items[0]))

    def period(self, items):
        start, end = items
        return ("period", (self._date(start), self._date(end) if end else None))

    def text(self, items):
        return ("text", self._str(items[0]))

    def note(self, items):
        return ("note", self._str(items[0]))

    def caution(self, items):
        return ("caution", self._str(items[0]))

    @v_args(meta=True)
    def case(self, meta, items):
        doc, name, title, date = items
        return S.Case(str(name), self._str(title).value if title else None, self._date(date),
                      self.span(meta), self.span(name), self._doc(doc))

    # -- statements
    @v_args(meta=True)
    def statement(self, meta, items):
        doc, stmt, caution = items
        span = self.span(meta)
        kind, *rest = stmt
        if kind == "fact":
            polarity, claim, (vfrom, vuntil) = rest
            return S.Fact(claim, polarity, vfrom, vuntil, span, self._doc(doc), caution)
        if kind == "rule":
            head, body, unless = rest
            return S.Rule(head, body, unless, span, self._doc(doc), caution)
        if kind == "expect":
            verdict, claim, under = rest
            return S.Expectation(verdict, claim, under, span, self._doc(doc), caution)
        if kind == "identify":
            party, what, value = rest
            date = self._date(value) if value.type == "DATE" else None
            text = self._str(value).value if value.type == "STRING" else str(value)
            return S.Identify(str(party), self.span(party), str(what), self.span(what), text, value.type.lower(),
                              date, self.span(value), span, self._doc(doc), caution)
        if kind == "closing":
            (sort,) = rest
            return S.Closing(str(sort), self.span(sort), span, self._doc(doc), caution)
        (claim,) = rest
        return S.Question(claim, span, self._doc(doc), caution)

    def fact_caution(self, items):
        return self._str(items[0])  # the optional closing period is anonymous: not among the items

    def _fact(self, polarity, items):
        claim, validity = items
        return ("fact", polarity, claim, validity or (None, None))

    def fact(self, items):
        return self._fact("true", items)

    def negated_fact(self, items):
        return self._fact("false", items)

    def unknown_fact(self, items):
        return self._fact("unknown", items)

    def validity(self, items):
        start, end = items
        return (self._date(start), self._date(end) if end else None)

    def validity_until(self, items):
        return (None, self._date(items[0]))

    def claim(self, items):
        return items[0]

    @v_args(meta=True)
    def sentence(self, meta, tokens):
        words = tuple(self._word(t) for t in tokens)
        return S.Sentence(words, self.span(meta))

    def _word(self, tok: Token) -> S.Word:
        kind = {"NAME": "name", "VAR": "var", "STRING": "string", "NUMBER": "number",
                "PERCENT": "percent", "DATE": "date"}[tok.type]
        term = {"NAME": lambda: S.Const(str(tok), self.span(tok)), "VAR": lambda: S.Var(str(tok), self.span(tok)),
                "STRING": lambda: self._str(tok), "NUMBER": lambda: self.number(tok),
                "PERCENT": lambda: self.percent(tok), "DATE": lambda: self._date(tok)}[tok.type]()
        return S.Word(kind, str(tok), term, self.span(tok))

    def rule(self, items):
        head, body, unless = items
        return ("rule", head, body, unless)

    def expectation(self, items):
        verdict, claim, *under = items
        names = tuple((str(t), self.span(t)) for t in under if t is not None)
        return ("expect", verdict or "yes", claim, names)

    def verdict_no(self, _):
        return "no"

    def verdict_undetermined(self, _):
        return "undetermined"

    def question(self, items):
        return ("question", items[0])

    def identify(self, items):
        return ("identify", *items)

    def closing(self, items):
        return ("closing", *items)

    # -- bodies and terms
    @v_args(meta=True)
    def body(self, meta, conjs):
        return S.Body(tuple(conjs), self.span(meta))

    def conj(self, literals):
        return tuple(literals)

    @v_args(meta=True)
    def negation(self, meta, items):
        return S.Negation(items[0], self.span(meta))

    @v_args(meta=True)
    def atom(self, meta, items):
        name, *args = items
        parens = len(items) > 1
        args = tuple(a for a in args if a is not None)
        return S.Atom(str(name), args, self.span(meta), self.span(name), parens)

    @v_args(meta=True)
    def comparison(self, meta, items):
        left, op, right = items
        return S.Comparison(str(op), left, right, self.span(meta))

    @v_args(meta=True)
    def binop(self, meta, items):
        left, op, right = items
        return S.BinOp(str(op), left, right, self.span(meta))

    def var(self, items):
        return S.Var(str(items[0]), self.span(items[0]))

    def const(self, items):
        return S.Const(str(items[0]), self.span(items[0]))

    def string(self, items):
        return self._str(items[0])

    def number(self, tok):
        tok = tok[0] if isinstance(tok, list) else tok
        return S.Num(Decimal(str(tok)), self.span(tok))

    def percent(self, tok):
        tok = tok[0] if isinstance(tok, list) else tok
        value = Decimal(str(tok)[:-1])
        if value * 100 > MAX_NUMBER:  # the solver counts hundredths of a percent in 32 bits
            self.reporter.error("E106", self.span(tok), f"{tok} is out of range: percentages go up to {Decimal(MAX_NUMBER) / 100}%",
                                "a share or a rate is at most a few hundred percent; check the number")
        return S.Pct(value, self.span(tok))

    def date(self, items):
        return self._date(items[0])

    @v_args(meta=True)
    def today(self, meta, _):
        return S.Today(self.span(meta))

    @v_args(meta=True)
    def aggregate(self, meta, items):
        fn, expr, conj = items
        return S.Aggregate(str(fn), expr, tuple(conj), self.span(meta))


def _unescape(body: str) -> str:
    return re.sub(r"\\(.)", lambda m: {"n": "\n", "t": "\t"}.get(m.group(1), m.group(1)), body)


def _doc_text(raw: str) -> str:
    inner = raw[3:-3]
    first, _, rest = inner.partition("\n")
    return (first.strip() + ("\n" + textwrap.dedent(rest) if rest else "")).strip()


def parse_text(text: str, path: str = "<input>") -> S.SourceFile:
    """Parse one file. Raises WritError with located diagnostics, every syntax error among them."""
    src, diagnostics = parse_recovering(text, path)
    reporter = Reporter()
    reporter.diagnostics.extend(diagnostics)
    reporter.raise_if_errors()
    assert src is not None  # no file without errors fails to parse
    return src


def parse_recovering(text: str, path: str = "<input>") -> tuple[S.SourceFile | None, list[Diagnostic]]:
    """Parse one file, going on after each syntax error (recover.py): the entries that
    parsed (None if nothing could be), and every diagnostic. For an editor, which shows
    the rest of a file while one statement is half typed."""
    reporter = Reporter()
    refuse_nul(text, path, reporter)
    if reporter.has_errors:
        return None, reporter.diagnostics
    rest, fast = fastpath.split(text, path, fastpath.keywords(_lark()))
    tree = recover.parse(_lark(), rest, path, reporter.diagnostics)
    if fast and reporter.diagnostics:  # a syntax error: Lark reads the whole text, so the diagnostics are its own
        fast, reporter.diagnostics[:] = [], []
        tree = recover.parse(_lark(), text, path, reporter.diagnostics)
    if tree is None:
        return None, reporter.diagnostics
    limit_depth(tree, path, reporter)
    try:
        entries = _Build(path, reporter).transform(tree)
    except VisitError as exc:  # a bug in the transformer, not in the user's text
        raise exc.orig_exc from None
    entries = fastpath.merge(entries, fast)
    return _group(path, text, entries), reporter.diagnostics



def _group(path: str, text: str, entries) -> S.SourceFile:
    """Attach each statement to the provision or case header before it."""
    src = S.SourceFile(path, text)
    block: S.Provision | S.Case | None = None
    flat = []
    for e in entries:
        flat.extend(e if isinstance(e, list) else [e])
    for e in flat:
        if isinstance(e, S.ModuleDecl):
            src.module = e
        elif isinstance(e, S.UseDecl):
            src.uses.append(e)
            block = None
        elif isinstance(e, S.TypeDecl):
            src.types.append(e)
            block = None
        elif isinstance(e, S.PredicateDecl):
            src.predicates.append(e)
            block = None
        elif isinstance(e, S.Provision):
            src.provisions.append(e)
            block = e
        elif isinstance(e, S.Case):
            src.cases.append(e)
            block = e
        elif block is not None:
            block.statements.append(e)
        else:
            src.loose.append(e)
    return src
