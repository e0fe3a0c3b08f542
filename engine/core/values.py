"""Writ's values: names, numbers, exact percentages, dates and text, and how each is written and shown.

One wording of a value for every stage: `format_value` writes it as Writ source
(it reads back), `display_value` as a reading shows it.
"""

from __future__ import annotations

import datetime as dt
from dataclasses import dataclass
from typing import Union


@dataclass(frozen=True, slots=True, order=True)
class Name:
    """A declared constant (a party, an act, a country...)."""

    id: str

    def __hash__(self) -> int:  # the id's own hash: names are hashed in every atom (no tuple built)
        return hash(self.id)

    def __repr__(self) -> str:  # the dataclass's text, without its recursion guard (worlds sort by repr)
        return f"Name(id={self.id!r})"

    def __str__(self) -> str:
        return self.id


@dataclass(frozen=True, slots=True, order=True)
class Percent:
    """A percentage held exactly, in hundredths of a percent (50% -> 5000)."""

    hundredths: int

    def __repr__(self) -> str:  # the dataclass's text, without its recursion guard (worlds sort by repr)
        return f"Percent(hundredths={self.hundredths!r})"

    def __str__(self) -> str:
        whole, frac = divmod(self.hundredths, 100)
        return f"{whole}%" if frac == 0 else f"{whole}.{frac:02d}".rstrip("0") + "%"


Value = Union[Name, int, Percent, dt.date, str]

MAX_NUMBER = 2**31 - 1  # clingo's integers are 32-bit; larger numbers are refused by the checker


def format_value(v: Value) -> str:
    """A value as Writ source writes it (a string quoted and escaped, so the text reads back)."""
    if isinstance(v, dt.date):
        return v.isoformat()
    if isinstance(v, str):
        return '"' + v.replace("\\", "\\\\").replace('"', '\\"') + '"'
    return str(v)


def display_value(v: Value) -> str:
    """A value as a reading shows it: a string without quotes."""
    return v if isinstance(v, str) else format_value(v)
