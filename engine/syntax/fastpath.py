"""A fast path for the plain fact lines that make up most of a large case:
`owns(e_1, e_2, 60%).` or `entity e_3.` alone on a line, read by regular expressions
into exactly the nodes (and spans) the Lark parser would build, while the rest of the
file goes through Lark with those lines blanked out (so every position stays put).

A line takes the fast path only where the grammar cannot read it any other way: it
follows a statement's closing period (never a doc string, which would attach to it,
nor a header, nor half a rule), it is not followed by a `caution` (which would attach
to it), none of its words is a keyword, and reading it reports nothing (a bad date or
percentage goes to Lark, which reports it). If the blanked text has any syntax error,
parser.py parses the original text whole, so diagnostics are Lark's own.
(tests/syntax/test_fastpath.py holds the two paths to the same nodes.)
"""

from __future__ import annotations

import datetime as dt
import functools
import heapq
import re
from decimal import Decimal

from lark import Lark

from . import tree as S
from ..core.diagnostics import Span
from ..core.values import MAX_NUMBER

ENABLED = True  # tests switch it off to compare with Lark alone

_NAME = r"[a-z][A-Za-z0-9_]*"
_WORD = r"[0-9]{4}-[0-9]{2}-[0-9]{2}|[0-9]+(?:\.[0-9]+)?%?|" + _NAME  # DATE | PERCENT | NUMBER | NAME
_ATOM = _NAME + r"[ \t]*\([ \t]*(?:" + _WORD + r")(?:[ \t]*,[ \t]*(?:" + _WORD + r"))*[ \t]*\)"
_SENTENCE = _NAME + r"(?:[ \t]+(?:" + _WORD + r"))+"
# One scan over the text: doc strings, strings and comments are stepped over whole (what
# is inside them is not a line), a candidate line is matched from the newline before it.
_SCAN = re.compile(r'(?P<doc>"""[\s\S]*?""")|"(?:[^"\\\n]|\\.)*"?|#[^\n]*'
                   r"|(?P<fact>\n[ \t]*(?:" + _ATOM + "|" + _SENTENCE + r")[ \t]*\.[ \t]*(?=\n|\Z))|(?P<run>[^\s\"#]+)")
_CAUTION_NEXT = re.compile(r"(?:\s|#[^\n]*)*caution\b")
_TOKEN = re.compile(r"(?P<date>[0-9]{4}-[0-9]{2}-[0-9]{2})|(?P<percent>[0-9]+(?:\.[0-9]+)?%)|(?P<number>[0-9]+(?:\.[0-9]+)?)"
                    r"|(?P<name>" + _NAME + r")|(?P<punct>[(),.])")
_LETTERS = re.compile(_NAME)


def split(text: str, path: str, keywords: frozenset[str]) -> tuple[str, list[S.Fact]]:
    """The text with each fast line blanked, and the facts read from those lines, in order."""
    if not ENABLED:
        return text, []
    facts: list[S.Fact] = []
    pieces: list[str] = []
    done = 0  # text[:done] is in pieces
    line, counted = 1, 1  # the line number at src offset `counted`
    prev = "."  # the last significant character before the scan's position: a file starts as after a statement
    src = "\n" + text  # the first line has a newline before it too; offsets in src are one past text's
    for m in _SCAN.finditer(src):
        kind = m.lastgroup
        if kind == "fact":
            start = m.start() + 1  # the line's first character, in src
            if prev == "." and not _CAUTION_NEXT.match(src, m.end()):
                line += src.count("\n", counted, start)
                counted = start
                fact = _read(src, start, m.end(), line, path, keywords)
                if fact is not None:
                    facts.append(fact)
                    pieces.append(text[done:start - 1])
                    pieces.append(" " * (m.end() - start))
                    done = m.end() - 1
            prev = "."
        elif kind == "run":
            prev = m.group()[-1]
        elif kind == "doc":
            prev = "D"
        elif m.group().startswith('"'):
            prev = '"'
    pieces.append(text[done:])
    return "".join(pieces), facts


def _read(src: str, start: int, end: int, line: int, path: str, keywords: frozenset[str]) -> S.Fact | None:
    """The fact on src[start:end], as Lark's transformer builds it; None where the line
    must go to Lark (a keyword among its words, or something to report)."""
    body = src[start:end]
    if not keywords.isdisjoint(_LETTERS.findall(body)):
        return None
    toks = list(_TOKEN.finditer(body))  # columns count from 1: a token's are start() + 1 and end() + 1
    words = []
    for t in toks[:-1]:
        kind = t.lastgroup or ""
        if kind == "punct":
            continue
        value = t.group()
        sp = Span(path, line, t.start() + 1, line, t.end() + 1)
        if kind == "name":
            term: S.Term = S.Const(value, sp)
        elif kind == "percent":
            pct = _decimal(value[:-1])
            if pct * 100 > MAX_NUMBER:
                return None
            term = S.Pct(pct, sp)
        elif kind == "number":
            term = S.Num(_decimal(value), sp)
        else:
            try:
                term = S.DateLit(dt.date.fromisoformat(value), value, sp)
            except ValueError:
                return None
        words.append(S.Word(kind, value, term, sp))
    column = toks[0].start() + 1
    claim_span = Span(path, line, column, line, toks[-2].end() + 1)
    claim: S.Claim
    if toks[1].lastgroup == "punct":  # NAME "(" args ")"
        claim = S.Atom(words[0].text, tuple(w.term for w in words[1:]), claim_span, words[0].span, True)
    else:
        claim = S.Sentence(tuple(words), claim_span)
    return S.Fact(claim, "true", None, None, Span(path, line, column, line, toks[-1].end() + 1))


@functools.lru_cache(maxsize=4096)
def _decimal(text: str) -> Decimal:
    return Decimal(text)  # immutable, so one per spelling is shared


@functools.lru_cache(maxsize=1)
def keywords(lark: Lark) -> frozenset[str]:
    """Every word the grammar spells out (and the aggregates): a fast line has none of them."""
    words = {t.pattern.value for t in lark.terminals if t.pattern.type == "str"}
    return frozenset(words | {"sum", "count", "min", "max"})


def merge(entries: list, fast: list[S.Fact]) -> list:
    """Lark's entries and the fast facts in the order of the text (a fast line is a line
    of its own, between entries)."""
    if not fast:
        return entries
    return list(heapq.merge(entries, fast, key=_start))


def _start(entry) -> tuple[int, int]:
    span = (entry[0] if isinstance(entry, list) else entry).span
    return span.line, span.column
