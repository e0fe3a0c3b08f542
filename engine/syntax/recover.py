"""Error recovery for the parser: after a syntax error, report it, skip to the next
statement or declaration, and go on parsing, so one run reports every syntax error
of a file and an editor still sees the entries that parse.

A statement skips to its closing period (or to the next header line, when the
period is missing); a header (`provision`, `case`, `predicate`, `type`, `module`,
`use`) skips to the next header line, so the statements of a provision or case
whose header is broken are dropped with it rather than attached to the block
before. Recovery drives Lark's interactive parser: the parser's stacks are cut
back to the state before the broken entry, and the lexer is moved past the skip.
"""

from __future__ import annotations

import re

from lark import Lark, Token, Tree
from lark.exceptions import UnexpectedCharacters, UnexpectedInput, UnexpectedToken

from .messages import syntax_diagnostic
from ..core.diagnostics import Diagnostic

# Past this many syntax errors in one file the rest is not worth reporting: it is
# rarely Writ at all (and each recovery re-lexes from the skip).
MAX_SYNTAX_ERRORS = 50

_HEADERS = ("provision", "case", "predicate", "type", "module", "use")
_HEADER_TOKENS = {h.upper() for h in _HEADERS}
_LINE_HEAD = r"\n[ \t]*(?:(?:" + "|".join(_HEADERS) + r')\b|""")'
# What the skip must step over whole (a period inside them ends nothing) and what stops it.
_SCAN = re.compile(r'"""[\s\S]*?"""|"(?:[^"\\\n]|\\.)*"?|#[^\n]*|[0-9]+(?:\.[0-9]+)?|\.|' + _LINE_HEAD)
_AT_LINE_HEAD = re.compile(r"[ \t]*(?:(?:" + "|".join(_HEADERS) + r')\b|""")')


def parse(lark: Lark, text: str, path: str, diagnostics: list[Diagnostic]) -> Tree | None:
    """Parse `text`, appending a diagnostic for each syntax error; the tree of every entry
    that parsed, or None when there were too many errors to go on."""
    shift = _entry_start_test(lark)
    last = [-1]

    def on_error(exc: UnexpectedInput) -> bool:
        diagnostics.append(syntax_diagnostic(exc, text, path))
        if len(diagnostics) >= MAX_SYNTAX_ERRORS:
            return False
        _resynchronise(exc, text, shift, last)
        return True

    try:
        return lark.parse(text, on_error=on_error)
    except UnexpectedInput:
        return None


def _entry_start_test(lark: Lark):
    """Whether a parser state is the one before an entry: it shifts `provision`
    (a state inside an entry reduces on it, or rejects it)."""
    table = lark.parser.parser.parser.parse_table

    def starts_entry(state) -> bool:
        action = table.states[state].get("PROVISION")
        return action is not None and action[0].name == "Shift"
    return starts_entry


def _resynchronise(exc: UnexpectedInput, text: str, starts_entry, last: list[int]) -> None:
    ip = exc.interactive_parser
    state = ip.parser_state
    _complete_entries(state)
    keep = max(i for i, s in enumerate(state.state_stack) if starts_entry(s))
    partial = state.value_stack[keep:]
    del state.state_stack[keep + 1:]
    del state.value_stack[keep:]
    if isinstance(exc, UnexpectedToken):
        pos = len(text) if exc.token.type == "$END" else exc.token.start_pos
    else:
        pos = exc.pos_in_stream
    if isinstance(exc, UnexpectedCharacters) and text.startswith('"', pos):
        target = text.find("\n", pos) % (len(text) + 1)  # an unterminated string ends its line: go on at the next
    elif _AT_LINE_HEAD.match(text, _line_start(text, pos)) and text[_line_start(text, pos):pos].strip() == "" and pos > last[0]:
        target = pos  # the error is the next header itself (a statement left open before it): parse it afresh
    else:
        target = _skip(text, pos, header=_is_header(partial))
    last[0] = pos
    lexer_state = ip.lexer_thread.state
    assert lexer_state is not None  # the parser failed while lexing this text, so its lexer has a state
    _move(lexer_state.line_ctr, text, target)


def _complete_entries(state) -> None:
    """Reduce the entries that are complete but wait for a lookahead to be reduced (a
    header before a bad token): feed a trial `provision`, which only an entry's start takes."""
    trial = state.copy(deepcopy_values=False)  # reductions build new values: the old ones stay untouched
    try:
        trial.feed_token(Token("PROVISION", "provision"))
    except UnexpectedToken:
        return
    state.state_stack[:] = trial.state_stack[:-1]
    state.value_stack[:] = trial.value_stack[:-1]


def _is_header(partial: list) -> bool:
    first = [v for v in partial[:2] if not (getattr(v, "type", None) == "DOC")][:1]
    return bool(first) and getattr(first[0], "type", None) in _HEADER_TOKENS


def _skip(text: str, pos: int, header: bool) -> int:
    """Where parsing resumes: past the statement's period, or at the next header line."""
    for m in _SCAN.finditer(text, pos):
        tok = m.group()
        if tok == "." and not header:
            return m.end()
        if tok.startswith("\n"):
            return m.start() + 1
    return len(text)


def _line_start(text: str, pos: int) -> int:
    return text.rfind("\n", 0, pos) + 1


def _move(line_ctr, text: str, target: int) -> None:
    """Put the lexer at `target`, with the line and column Lark would have counted there."""
    line_ctr.char_pos = target
    line_ctr.line = text.count("\n", 0, target) + 1
    line_ctr.line_start_pos = _line_start(text, target)
    line_ctr.column = target - line_ctr.line_start_pos + 1
