"""The wording of syntax errors: what the parser expected, and a hint for the
characters people type by mistake (braces, look-alike letters, non-ASCII digits,
a byte-order mark, control characters).

Lines are counted as Lark counts them, on "\\n" only (`source_lines`), so a
caret never lands on the wrong line after a form feed or U+2028.
"""

from __future__ import annotations

import unicodedata

from typing import cast

from lark import Token
from lark.exceptions import UnexpectedCharacters, UnexpectedInput, UnexpectedToken

from ..core.diagnostics import Diagnostic, Severity, Span

# What a terminal is called in an error message.
_TERMINAL_NAMES = {
    "NAME": "a name", "VAR": "a variable", "STRING": "a quoted string", "DOC": 'a """doc string"""',
    "NUMBER": "a number", "PERCENT": "a percentage", "DATE": "a date (YYYY-MM-DD)",
    "DOT": "'.'", "COMMA": "','", "LPAR": "'('", "RPAR": "')'", "LSQB": "'['", "RSQB": "']'",
    "COLON": "':'", "SLASH": "'/'", "COMPARE": "a comparison (=, !=, <, <=, >, >=)",
    "ADDOP": "'+' or '-'", "MULOP": "'*' or '/'", "AGGFN": "sum, count, min or max", "$END": "the end of the file",
}

# Cyrillic and Greek letters that look like Latin ones (a name in ASCII letters
# retyped from a PDF or a foreign keyboard layout picks them up unseen).
_LOOKALIKES = dict(zip(
    "аеорсухіјѕԁһԛԝӏАВЕКМНОРСТХУІЈЅαονικυχτΑΒΕΖΗΙΚΜΝΟΡΤΥΧ",
    "aeopcyxijsdhqwlABEKMHOPCTXYIJSaovikuxtABEZHIKMNOPTYX"))


def source_lines(text: str) -> list[str]:
    """The lines of a source as the parser numbers them: split on "\\n" only
    (str.splitlines also splits on \\x0b, \\x0c, \\x85, U+2028 and U+2029)."""
    return [line.removesuffix("\r") for line in text.split("\n")]


def position(text: str, offset: int) -> tuple[int, int]:
    """Line and column (from 1) of a character offset, counted as the parser counts."""
    line = text.count("\n", 0, offset) + 1
    return line, offset - (text.rfind("\n", 0, offset) + 1) + 1


def describe_char(char: str) -> str:
    """A character as an error names it: quoted, and with its code point and name
    when it is not plain ASCII (an invisible or look-alike character must be findable)."""
    if char and (ord(char) > 0x7E or ord(char) < 0x20):
        name = unicodedata.name(char, "")
        return f"{char!r} (U+{ord(char):04X}{' ' + name if name else ''})"
    return repr(char)


def _describe_terminal(name: str) -> str:
    if name in _TERMINAL_NAMES:
        return _TERMINAL_NAMES[name]
    return f"'{name.lower()}'"


def _expected_list(expected: set[str]) -> str:
    names = sorted({_describe_terminal(t) for t in expected})
    if len(names) > 8:
        names = names[:8] + ["..."]
    return ", ".join(names)


def syntax_diagnostic(exc: UnexpectedInput, text: str, path: str) -> Diagnostic:
    line, col = exc.line, exc.column
    hint: str | None
    if isinstance(exc, UnexpectedCharacters):
        # lark types pos_in_stream by its class default (None); UnexpectedCharacters always sets the lexer's offset
        at = cast(int, exc.pos_in_stream)
        char = text[at] if at < len(text) else ""
        if char == '"':
            msg, hint = "unterminated string", 'a string opens and closes with " on the same line; use """...""" for text over several lines'
        else:
            msg, hint = f"unexpected character {describe_char(char)}", char_hint(char, at)
        end_col = col + 1
    elif isinstance(exc, UnexpectedToken) and exc.token.type != "$END":
        tok = exc.token
        expected = set(exc.expected) if exc.expected else set(exc.accepts or ())
        msg = f"unexpected {_token_text(tok)}; expected {_expected_list(expected)}"
        hint = _token_hint(tok, expected)
        end_col = tok.end_column if tok.end_line == tok.line else col + len(str(tok))
    else:
        expected = set(getattr(exc, "expected", None) or ())
        lines = source_lines(text)
        if len(lines) > 1 and lines[-1] == "":  # a final newline ends the last line, it opens none
            lines.pop()
        line, col = len(lines), len(lines[-1]) + 1
        msg = "unexpected end of file" + (f"; expected {_expected_list(expected)}" if expected else "")
        hint = "is a closing ')' or a final '.' missing?" if "DOT" in expected or "RPAR" in expected else None
        end_col = col + 1
    return Diagnostic(severity=Severity.error, code="E101", message=msg,
                      span=Span(path, line, col, line, end_col), hint=hint)


def _token_text(tok: Token) -> str:
    if tok.type in ("NAME", "VAR"):
        return f"'{tok}'"
    if tok.type in _TERMINAL_NAMES and _TERMINAL_NAMES[tok.type] != f"'{tok}'":
        return f"{_describe_terminal(tok.type)} {str(tok)!r}"
    return f"'{tok}'"


def char_hint(char: str, offset: int = -1) -> str | None:
    if char in "{};":
        return "Writ has no braces or semicolons: statements end with '.', rules read 'head if condition and condition.'"
    if char == ":":
        return "a colon is only used in predicate parameters, e.g. predicate owns(O: party, E: entity, S: percent)"
    if char == "'":
        return 'strings use double quotes: "like this"'
    if char == "\ufeff":
        if offset == 0:
            return "the file starts with a byte-order mark; save it as UTF-8 without BOM"
        return "this is an invisible byte-order mark (zero-width no-break space); delete it"
    if char in _LOOKALIKES:
        return (f"this {unicodedata.name(char).split()[0].title()} letter looks like the Latin letter "
                f"'{_LOOKALIKES[char]}': names are written in ASCII letters; retype it")
    if char and unicodedata.category(char) == "Nd":
        if 0xFF10 <= ord(char) <= 0xFF19:
            return "full-width digits are not digits in Writ: write numbers, percentages and dates with the ASCII digits 0-9"
        return ("only the ASCII digits 0-9 are digits in Writ (a digit of another script can look like a different one): "
                "write numbers, percentages and dates with 0-9")
    if char and unicodedata.category(char) in ("Cc", "Cf", "Zl", "Zp", "Zs") and char not in " \t\n\r\f":
        return "an invisible or control character: delete it (names, numbers and keywords are plain ASCII)"
    return None


def _token_hint(tok: Token, expected: set[str]) -> str | None:
    if str(tok) in ("from", "until", "under") and "DOT" in expected:
        return f"'{tok}' ends a sentence (it starts a date range or a list of provisions); write this fact as predicate(arguments)"
    if "DOT" in expected and tok.type in ("NAME", "VAR", "STRING", "PROVISION", "CASE", "PREDICATE", "TYPE", "USE"):
        return "statements end with a period: is one missing before this?"
    if tok.type == "VAR" and "NAME" in expected:
        return "names of predicates and constants start with a lowercase letter; capitalised words are variables"
    if tok.type == "NAME" and "VAR" in expected and "NAME" not in expected:
        return "a parameter is a variable with a type, e.g. P: party"
    if tok.type == "DOT" and "RPAR" in expected:
        return "is a closing ')' missing before the period?"
    if "DATE" in expected:
        return "dates are written YYYY-MM-DD"
    return None
