"""Identifiers of a case's parties: `identify kadyrov by date_of_birth 1952-10-05.`

One job: check each `identify` statement of a case (the party is a declared party, the kind is
one Writ knows, the value is of that kind, a second date of birth or list entry number does not
contradict the first) and give the model's `Identifier`s, which list matching weighs
(decide/listings.py). A nationality is a country constant, so a misspelt country is caught here,
not silently unmatched.
"""

from __future__ import annotations

import datetime as dt
import re

from .. import model as M
from ..core.diagnostics import did_you_mean
from ..syntax import tree as S
from .scope import Context, Scope

_SINGLE = ("date_of_birth", "sdn_uid")  # one person has one date of birth; one entry one number
_NUMBER = re.compile(r"[0-9A-Za-z]")


def check_identifier(ctx: Context, scope: Scope, stmt: S.Identify, as_of: dt.date | None,
                     seen: dict[tuple[str, str], M.Identifier]) -> M.Identifier | None:
    """The identifier a statement states, or None (reported)."""
    rep = ctx.rep
    party = ctx.constant(scope, stmt.party, stmt.party_span)
    if party is None:
        return None
    if not ctx.subtype(party.type, "party"):
        rep.error("E351", stmt.party_span, f"'{stmt.party}' is a {party.type}, and only parties have identifiers",
                  "identify a person or an entity the case declares")
        return None
    if stmt.kind not in M.IDENTIFIER_KINDS:
        rep.error("E350", stmt.kind_span, f"no identifier kind '{stmt.kind}'",
                  did_you_mean(stmt.kind, M.IDENTIFIER_KINDS) or f"the kinds: {', '.join(M.IDENTIFIER_KINDS)}")
        return None
    value, display = _value(ctx, scope, stmt, as_of)
    if value is None:
        return None
    found = M.Identifier(stmt.party, stmt.kind, value, stmt.span, display)
    prev = seen.get((stmt.party, stmt.kind))
    if prev is not None and stmt.kind in _SINGLE and prev.value != value:
        rep.error("E352", stmt.value_span, f"this contradicts line {prev.span.line}, which gives {stmt.party}'s "
                  f"{stmt.kind} as {prev.value}",
                  "a party has one; where the sources differ, state the one the case relies on and say why in a comment")
        return None
    seen.setdefault((stmt.party, stmt.kind), found)
    return found


def _value(ctx: Context, scope: Scope, stmt: S.Identify, as_of: dt.date | None) -> tuple[str | None, str | None]:
    rep, kind, what = ctx.rep, stmt.kind, M.IDENTIFIER_KINDS[stmt.kind][1]
    if kind == "date_of_birth":
        if stmt.value_type == "date":
            if stmt.date is None or stmt.date.value is None:
                return None, None  # not a calendar date: reported by the parser (E103)
            if as_of is not None and stmt.date.value > as_of:
                rep.error("E351", stmt.value_span, f"born {stmt.value} is after the case's date {as_of}", "check the date")
                return None, None
            return stmt.date.value.isoformat(), None
        if stmt.value_type == "number" and re.fullmatch(r"(1[89]|20)[0-9]{2}", stmt.value):
            return stmt.value, None
        rep.error("E351", stmt.value_span, f"'{stmt.value}' is not a date of birth", f"write {what}")
        return None, None
    if kind == "nationality":
        if stmt.value_type != "name":
            rep.error("E351", stmt.value_span, f"a nationality is a country, not {stmt.value_type} '{stmt.value}'", f"write {what}")
            return None, None
        c = ctx.constant(scope, stmt.value, stmt.value_span)
        if c is None:
            return None, None
        if not ctx.subtype(c.type, "country"):
            rep.error("E351", stmt.value_span, f"'{stmt.value}' is a {c.type}, not a country", f"write {what}")
            return None, None
        return c.name, c.display or c.name
    if kind == "sdn_uid" and not stmt.value.isdigit():
        rep.error("E351", stmt.value_span, f"'{stmt.value}' is not an SDN entry number", f"write {what}")
        return None, None
    if stmt.value_type not in ("string", "number") or not _NUMBER.search(stmt.value):
        rep.error("E351", stmt.value_span, f"'{stmt.value}' is not a {kind.replace('_', ' ')} number", f"write {what}")
        return None, None
    return " ".join(stmt.value.split()), None
