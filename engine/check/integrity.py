"""Checks of the facts a case states that no single statement shows wrong: one
share stated twice with two values, shares of one entity over 100%, a case dated
before any provision of its law was in force.

A share is a fact of a predicate with one `percent` parameter: the other arguments
name it, and it has one value on any date (owns(o, t, 30%) and owns(o, t, 25%) are
two answers to one question, not two stakes). Facts are a set, so a share stated
twice with the same value counts once in a sum: that is said, with a warning. Only
statements valid on a common date collide.
"""

from __future__ import annotations

import datetime as dt
from typing import Iterable, cast

from .. import model as M
from ..core.diagnostics import Reporter


def check_shares(rep: Reporter, preds: dict[str, M.Predicate], facts: Iterable[M.Fact],
                 is_subtype=lambda sub, sup: sub == sup) -> None:
    """Report a share stated with two values (E324), stated twice (W324), over 100% (E325),
    and the shares of one entity adding up to more than 100% on some date (E325)."""
    by_share: dict[tuple, list[M.Fact]] = {}
    by_entity: dict[tuple, list[M.Fact]] = {}
    conflicting: set[tuple] = set()  # entities with a share stated twice: their total would only repeat that
    for f in facts:
        pred = preds.get(f.atom.pred)
        slot = _percent_slot(pred)
        if f.polarity != "true" or slot is None:
            continue
        assert pred is not None  # _percent_slot found a slot, so the predicate is known
        share = f.atom.args[slot]
        if not isinstance(share, M.Percent):
            continue
        if share.hundredths > 10000:
            rep.error("E325", f.span, f"a share of {_pct(share)} is more than 100%",
                      "a share is at most 100%; check the number")
            owned = _owned_slot(pred, slot, is_subtype)
            if owned is not None:  # its entity's total would only say it again
                conflicting.add((f.atom.pred, f.atom.args[owned]))
        key = (f.atom.pred,) + tuple(a for i, a in enumerate(f.atom.args) if i != slot)
        for prev in by_share.get(key, ()):
            if not _overlap(prev, f):
                continue
            if prev.atom.args[slot] != share:
                rep.error("E324", f.span, f"this states {_pct(share)}, but line {prev.span.line} states {_pct(cast(M.Percent, prev.atom.args[slot]))} "
                          f"for the same share{_dated(prev, f)}: {prev.atom} and {f.atom}",
                          "a share has one value on any date: correct one statement, or give them periods that do not overlap "
                          "(two stakes of one owner are stated as their total)")
                owned = _owned_slot(pred, slot, is_subtype)
                if owned is not None:
                    conflicting.add((f.atom.pred, f.atom.args[owned]))
            else:
                rep.warning("W324", f.span, f"this states again the share of line {prev.span.line}: a fact stated twice is one fact, "
                            f"so {_pct(share)} counts once in any sum",
                            "if these are two stakes of one owner, state their total; otherwise delete the repetition")
            break
        by_share.setdefault(key, []).append(f)
        owned = _owned_slot(pred, slot, is_subtype)
        if owned is not None:
            by_entity.setdefault((f.atom.pred, f.atom.args[owned]), []).append(f)
    for (pred_name, entity), stated in by_entity.items():
        if (pred_name, entity) not in conflicting:
            _check_total(rep, preds[pred_name], entity, stated)


def _check_total(rep: Reporter, pred: M.Predicate, entity, stated: list[M.Fact]) -> None:
    slot = _percent_slot(pred)
    assert slot is not None  # check_shares passes only predicates with a percent slot
    # the total only rises where a statement starts: checking each start checks every date
    for day in sorted({f.valid_from or dt.date.min for f in stated}):
        valid = {f.atom: f for f in stated if f.valid_on(day)}  # a repeated statement counts once, as in the solver
        # check_shares keeps only the facts whose share is a Percent
        total = sum(cast(M.Percent, f.atom.args[slot]).hundredths for f in valid.values())
        if total > 10000:
            last = max(valid.values(), key=lambda f: (f.span.line, f.span.column))
            lines = ", ".join(str(f.span.line) for f in sorted(valid.values(), key=lambda f: f.span.line))
            rep.error("E325", last.span, f"the shares of {entity} stated on lines {lines} add up to {_pct(M.Percent(total))}, "
                      f"more than 100%" + (f" on {day}" if day != dt.date.min else ""),
                      "check the shares: together the owners of an entity hold at most 100% of it")
            return


def _percent_slot(pred: M.Predicate | None) -> int | None:
    if pred is None:
        return None
    slots = [i for i, (_, t) in enumerate(pred.params) if t == "percent"]
    return slots[0] if len(slots) == 1 else None


def _owned_slot(pred: M.Predicate, slot: int, is_subtype) -> int | None:
    """The argument whose shares add up to at most 100%: for owns(Owner, E: entity, Share), E."""
    others = [i for i in range(pred.arity) if i != slot]
    if len(others) == 2 and is_subtype(pred.params[others[1]][1], "entity"):
        return others[1]
    return None


def check_as_of(rep: Reporter, case: M.Case, provisions: Iterable[M.Provision]) -> str | None:
    """Warn (W325) when a case is dated before every provision with a rule it could use
    came into force; returns when the law begins (None: some is in force), which the case's
    decision then says (decide.outcomes.before_the_law) instead of answering "no"."""
    ruling = [p for p in provisions if p.rules]
    if not ruling or any(p.in_force_on(case.as_of) for p in ruling):
        return None
    later = sorted((p for p in ruling if p.in_force_from and p.in_force_from > case.as_of), key=lambda p: (p.in_force_from, p.name))
    ended = [p for p in ruling if p.in_force_until and p.in_force_until < case.as_of]
    if later:
        first = later[0]
        when = (f"the first, {first.name} ({first.cite or first.title or first.name}), is in force from {first.in_force_from}"
                + (f"; {len(later) - 1} more start later" if len(later) > 1 else ""))
    else:  # every provision of `ended` has an end date (its filter)
        when = f"the last ended on {max(cast(dt.date, p.in_force_until) for p in ended)}"
    rep.warning("W325", case.span, f"no provision of the law is in force on {case.as_of}, the date of case '{case.name}': "
                f"its questions are not answered, for want of law ({when})",
                "check the 'as of' date: the law a case is decided under is the law in force on that date")
    return when


def _overlap(a: M.Fact, b: M.Fact) -> bool:
    lo = max(a.valid_from or dt.date.min, b.valid_from or dt.date.min)
    hi = min(a.valid_until or dt.date.max, b.valid_until or dt.date.max)
    return lo <= hi


def _dated(a: M.Fact, b: M.Fact) -> str:
    return " on some of the same dates" if a.valid_from or a.valid_until or b.valid_from or b.valid_until else ""


def _pct(p: M.Percent) -> str:
    return str(p)
