"""Witnesses on cycles: the part of a monotone sum or count that a derivation rests on.

One job: finish the derivation depths (`Deriver.levels`) for conclusions that rest on a
cycle, and say which elements of their aggregate a tree shows. The 50 percent rule of
31 CFR 583.411 sums every blocked owner's stake; when owners own each other in a cycle,
some of those stakes are held by entities blocked only because of the conclusion being
explained (c is 30% owned by b and 20% by the listed a, and 40% by d, which c itself
blocks). All of the stakes cannot come first, so the depth pass, which waits for every
atom a firing rests on, leaves c without a derivation. A sum compared from below
(`sum(...) >= 50%`, refused by check.dependencies unless monotone) needs only enough
of its elements: the least fixpoint reached c from a's and b's stakes alone. Such a firing
is settled here once its other conditions and elements that reach the bound have depths;
its tree shows only those elements (of lower depth), and the sum they come to.

Conclusions that the depth pass settles keep their trees exactly as before.
"""

from __future__ import annotations

import heapq
import itertools
from typing import TYPE_CHECKING, Any, cast

from .. import model as M
from ..compile.program import RuleInstance
from .evaluate import aggregates_in
from .world import Bindings

if TYPE_CHECKING:
    from .derive import Deriver


def monotone(lit: M.RLiteral) -> M.TAgg | None:
    """The aggregate of `sum/count(...) >= / > bound`, the form that needs only part of its elements."""
    if (isinstance(lit, M.RCmp) and lit.op in (">=", ">") and isinstance(lit.left, M.TAgg)
            and lit.left.fn in ("sum", "count") and not _has_aggregate(lit.right)):
        return lit.left
    return None


def _has_aggregate(t) -> bool:
    if isinstance(t, M.TAgg):
        return True
    return isinstance(t, M.TBin) and (_has_aggregate(t.left) or _has_aggregate(t.right))


def acceptable(d: "Deriver", atom: M.GroundAtom, inst: RuleInstance, b: Bindings) -> bool:
    """Whether a firing of a cycle-resting atom is well founded: its atoms below it, and enough
    of each monotone aggregate's elements below it to reach the bound."""
    ev, certain, mine = d.ex.ev, d.ex.certain, d.level.get(atom)
    if mine is None:
        return False
    for lit in inst.rule.alternatives[inst.alternative]:
        if isinstance(lit, M.RAtom):
            g = ev.ground(lit, b) or ev.first_instance(lit, b, certain)
            if g is not None and d.level.get(g, mine) >= mine:
                return False
        agg = monotone(lit)
        if agg is not None:
            assert isinstance(lit, M.RCmp)  # monotone finds an aggregate only on a comparison's left
            total, _ = shown(d, atom, agg, ev.aggregate(agg, b, certain)[1])
            if not _reaches(total, lit.op, ev.value(lit.right, b)):
                return False
        elif list(aggregates_in(lit)):
            return False  # any other aggregate: the depth pass's rule (all elements first) applies
    return True


def _reaches(total, op: str, bound) -> bool:
    t = total.hundredths if isinstance(total, M.Percent) else total
    x = bound.hundredths if isinstance(bound, M.Percent) else bound
    if not isinstance(t, int) or not isinstance(x, int):
        return False
    return t >= x if op == ">=" else t > x


def _weight(agg: M.TAgg, val) -> int:
    if agg.fn == "count":
        return 1
    return val.hundredths if isinstance(val, M.Percent) else (val if isinstance(val, int) else 0)


def settle(d: "Deriver", pending: list[tuple[M.GroundAtom, RuleInstance, Bindings]]) -> None:
    """Give depths to the heads of `pending` firings (head, inst, bindings) the depth pass left out,
    counting a monotone aggregate ready when the elements with depths reach its bound."""
    ex, level = d.ex, d.level
    ev, certain = ex.ev, ex.certain
    waiting: dict[M.GroundAtom, list[tuple[int, int]]] = {}  # atom -> (firing, part): part -1 a plain dep
    # mutable records of mixed fields, so typed Any: each is a list of [int, int, list[...]] and so on
    state: list[list[Any]] = []  # per firing: [missing plain deps, floor, per monotone agg: [total, bound, op, elements]]
    queue: list[tuple[int, int, M.GroundAtom]] = []
    order = itertools.count()
    for i, (head, inst, b) in enumerate(pending):
        plain: list[M.GroundAtom] = []
        parts: list[list[Any]] = []  # per monotone aggregate: [total, bound, op, elements]
        for lit in inst.rule.alternatives[inst.alternative]:
            agg = monotone(lit)
            if isinstance(lit, M.RAtom):
                g = ev.ground(lit, b) or ev.first_instance(lit, b, certain)
                if g is not None:
                    plain.append(g)
            if agg is None:
                for other in aggregates_in(lit):  # any other aggregate needs all its elements
                    for eb, _ in ev.aggregate(other, b, certain)[1]:
                        plain += [g for l in other.body if isinstance(l, M.RAtom) and (g := ev.ground(l, eb)) is not None]
                continue
            assert isinstance(lit, M.RCmp)  # monotone finds an aggregate only on a comparison's left
            elements: list[list[Any]] = []  # per element: [atoms without depth, weight, atoms]
            for eb, val in ev.aggregate(agg, b, certain)[1]:
                atoms = [g for l in agg.body if isinstance(l, M.RAtom) and (g := ev.ground(l, eb)) is not None]
                elements.append([len(atoms), _weight(agg, val), atoms])
            parts.append([0, ev.value(lit.right, b), lit.op, elements])
        st: list[Any] = [0, 0, parts]
        state.append(st)
        for g in plain:
            if g in level:
                st[1] = max(st[1], level[g])
            else:
                st[0] += 1
                waiting.setdefault(g, []).append((i, -1))
        for k, part in enumerate(parts):
            for j, el in enumerate(part[3]):
                for g in el[2]:
                    if g in level:
                        el[0] -= 1
                    else:
                        waiting.setdefault(g, []).append((i, k * 1_000_000 + j))
                if el[0] == 0:
                    part[0] += el[1]
                    st[1] = max([st[1]] + [level[g] for g in el[2]])
        if _ready(st):
            queue.append((1 + st[1], next(order), head))
    heapq.heapify(queue)
    while queue:
        lv, _, a = heapq.heappop(queue)
        if a in level:
            continue
        level[a] = lv
        d.witnessed.add(a)
        for i, where in waiting.pop(a, ()):
            st = state[i]
            was = _ready(st)
            if where < 0:
                st[0] -= 1
                st[1] = max(st[1], lv)
            else:
                part = st[2][where // 1_000_000]
                el = part[3][where % 1_000_000]
                el[0] -= 1
                if el[0] == 0:
                    part[0] += el[1]
                    st[1] = max(st[1], lv)
            if not was and _ready(st):
                heapq.heappush(queue, (1 + st[1], next(order), pending[i][0]))


def _ready(st) -> bool:
    return st[0] == 0 and all(_reaches(total, op, bound) for total, bound, op, _ in st[2])


def shown(d: "Deriver", atom: M.GroundAtom, agg: M.TAgg, elements: list[tuple[Bindings, M.Value | None]]
          ) -> tuple[M.Value | None, list[tuple[Bindings, M.Value | None]]]:
    """The elements of atom's aggregate its tree shows, and their total: all of them, unless the
    atom rests on a cycle (`settle`), then those of lower depth only."""
    if atom not in d.witnessed:
        return None, elements
    mine = d.level.get(atom)
    assert mine is not None  # settle gives a witnessed atom its depth before it marks it witnessed
    ev = d.ex.ev
    keep = [(eb, val) for eb, val in elements
            if all(d.level.get(g, mine) < mine for l in agg.body if isinstance(l, M.RAtom) and (g := ev.ground(l, eb)) is not None)]
    if agg.fn == "count":
        return len(keep), keep
    vals = [v for _, v in keep if v is not None]
    if vals and isinstance(vals[0], M.Percent):  # the checker gives a sum's elements one type: percents, as the first is
        return M.Percent(sum(v.hundredths for v in cast(list[M.Percent], vals))), keep
    return sum(cast(list[int], vals)), keep  # else numbers: a sum of names or dates is refused by the checker
