"""Writ's arithmetic, once: the type of `a op b` (for the checker) and its value (for the explainer
and native evaluators), both as the solver computes them, on its 32-bit integers."""

from __future__ import annotations

import datetime as dt

from .values import MAX_NUMBER, Percent

# (op, left type, right type) -> result type; a pair not here has no arithmetic
_RESULT = {
    ("+", "number", "number"): "number", ("-", "number", "number"): "number",
    ("*", "number", "number"): "number", ("/", "number", "number"): "number",
    ("+", "date", "number"): "date", ("+", "number", "date"): "date",
    ("-", "date", "number"): "date", ("-", "date", "date"): "number",
    ("+", "percent", "percent"): "percent", ("-", "percent", "percent"): "percent",
    ("*", "percent", "number"): "percent", ("*", "number", "percent"): "percent",
    ("/", "percent", "number"): "percent",
}


def result_type(op: str, left: str | None, right: str | None) -> str | None:
    """The type of `left op right`; with one side untyped, the other's; None if it has none."""
    if left is None or right is None:
        return left or right
    return _RESULT.get((op, left, right))


def apply(op: str, a, b):
    """The value of `a op b` as the solver computes it, or None where it has none
    (a date out of range, division by zero, beyond the solver's 32-bit integers)."""
    try:
        value = _apply_unchecked(op, a, b)
    except (OverflowError, ValueError, TypeError, KeyError):
        return None
    as_int = value.hundredths if isinstance(value, Percent) else value
    if isinstance(as_int, int) and abs(as_int) > MAX_NUMBER:
        return None  # the solver has no value for it either
    return value


def _apply_unchecked(op: str, a, b):
    if isinstance(a, dt.date) and isinstance(b, int):
        return a + dt.timedelta(days=b if op == "+" else -b)
    if isinstance(a, int) and isinstance(b, dt.date) and op == "+":
        return b + dt.timedelta(days=a)
    if isinstance(a, dt.date) and isinstance(b, dt.date):
        return (a - b).days
    if isinstance(a, Percent) or isinstance(b, Percent):
        x = a.hundredths if isinstance(a, Percent) else a
        y = b.hundredths if isinstance(b, Percent) else b
        if op == "*":
            return Percent(x * y)
        if op == "/":
            return Percent(int(x / y)) if y else None
        return Percent(x + y if op == "+" else x - y)
    if op == "/":
        return int(a / b) if b else None
    return {"+": a + b, "-": a - b, "*": a * b}[op]
