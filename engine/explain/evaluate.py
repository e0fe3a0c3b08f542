"""The Python semantics of rule bodies: bindings, unification, matching, comparisons and aggregates.

The explainer re-evaluates a rule's conditions on decoded worlds to find out which
facts a conclusion rests on, or which condition failed. It computes as the solver
does: arithmetic comes from `core.arith` (the one copy the checker's types use too).
"""

from __future__ import annotations

import datetime as dt
from typing import Iterator, Protocol, cast

from .. import model as M
from ..core import arith
from .world import Bindings, World


class Worlds(Protocol):
    """What evaluation reads: the consequences true in every answer set and in some."""

    # read-only: the explainer decodes each world once, on first use (a cached property)
    @property
    def certain(self) -> World: ...

    @property
    def possible(self) -> World: ...


class Evaluator:
    """Evaluates terms and matches conditions for one case (its date, its two worlds)."""

    def __init__(self, as_of: dt.date, worlds: Worlds):
        self.as_of = as_of
        self.worlds = worlds
        # by (aggregate, world, bindings): the worlds live as long as this evaluator, so ids are stable
        self._plans: dict[int, tuple] = {}  # by id(literal); the literal is kept, so its id stays its own
        self._aggregates: dict[tuple, tuple[M.Value | None, list[tuple[Bindings, M.Value | None]]]] = {}

    def value(self, t: M.RTerm, b: Bindings) -> M.Value | None:
        if isinstance(t, M.TVar):
            return b.get(t.name)
        if isinstance(t, M.Lit):
            return t.value
        if isinstance(t, M.TToday):
            return self.as_of
        if isinstance(t, M.TBin):
            left, right = self.value(t.left, b), self.value(t.right, b)
            if left is None or right is None:
                return None
            return arith.apply(t.op, left, right)
        if isinstance(t, M.TAgg):
            return self.aggregate(t, b, self.worlds.certain)[0]
        return None

    def ground(self, atom: M.RAtom, b: Bindings) -> M.GroundAtom | None:
        vals = []
        for a in atom.args:
            v = self.value(a, b)
            if v is None:
                return None
            vals.append(v)
        return M.GroundAtom(atom.pred, tuple(vals))

    def aggregate(self, agg: M.TAgg, b: Bindings, world: World) -> tuple[M.Value | None, list[tuple[Bindings, M.Value | None]]]:
        """The aggregate's value under b in world, and its elements (bindings and value of each).

        Memoised (read the result, never change it): a tree, its depths and its facts each ask
        for the same firing's sum, and a 10,000-link chain has 10,000 of them."""
        key = (id(agg), id(world), tuple(b.items()))
        got = self._aggregates.get(key)
        if got is None:
            got = self._aggregates[key] = self._aggregate(agg, b, world)
        return got

    def _aggregate(self, agg: M.TAgg, b: Bindings, world: World) -> tuple[M.Value | None, list[tuple[Bindings, M.Value | None]]]:
        elements: dict[tuple, tuple[Bindings, M.Value | None]] = {}
        for eb in self.match(list(agg.body), dict(b), world):
            val = self.value(agg.expr, eb) if agg.expr is not None else None
            key = ((val,) if agg.fn == "count" and agg.expr is not None else (val,) + tuple(eb.get(v) for v in agg.local_vars))
            elements.setdefault(key, (eb, val))
        vals = [v for _, v in elements.values()]
        if agg.fn == "count":
            return len(elements), list(elements.values())
        nums = [v for v in vals if v is not None]
        if agg.fn == "sum":
            if not nums and isinstance(agg.expr, M.TVar) and agg.expr.type == "percent":
                return M.Percent(0), []  # a sum of no shares is 0%, comparable with 50%
            if nums and isinstance(nums[0], M.Percent):
                shares = cast(list[M.Percent], nums)  # the checker gives a sum's elements one type: percents, as the first is
                return M.Percent(sum(v.hundredths for v in shares)), list(elements.values())
            return sum(nums), list(elements.values())  # type: ignore[arg-type]
        if not nums:
            return None, []
        return (min(nums) if agg.fn == "min" else max(nums)), list(elements.values())  # type: ignore[type-var]

    def match(self, lits: list[M.RLiteral], b: Bindings, world: World) -> Iterator[Bindings]:
        """Every extension of b that satisfies the literals in `world` (atoms first)."""
        ordered = [l for l in lits if isinstance(l, M.RAtom)] + [l for l in lits if not isinstance(l, M.RAtom)]
        yield from self._match(ordered, 0, b, world)

    def match_one(self, lit: M.RLiteral, b: Bindings, world: World) -> Iterator[Bindings]:
        """Every extension of b that satisfies one literal in `world`."""
        yield from self._match([lit], 0, b, world)

    def _match(self, lits: list[M.RLiteral], i: int, b: Bindings, world: World) -> Iterator[Bindings]:
        if i == len(lits):
            yield b
            return
        lit = lits[i]
        if isinstance(lit, M.RAtom):
            for args in self.candidates(lit, b, world):  # sorted: set order varies with the hash seed
                nb = self.unify(lit.args, args, b)
                if nb is not None:
                    yield from self._match(lits, i + 1, nb, world)
        elif isinstance(lit, M.RNot):
            g = self.ground(lit.atom, b)
            if g is not None and self.not_holds(g, world):
                yield from self._match(lits, i + 1, b, world)
        else:
            ok = self.compare(lit, b)
            if ok:
                yield from self._match(lits, i + 1, b, world)
            elif ok is None and lit.op == "=" and isinstance(lit.left, M.TVar) and lit.left.name not in b:
                v = self.value(lit.right, b)
                if v is not None:
                    yield from self._match(lits, i + 1, {**b, lit.left.name: v}, world)

    def not_holds(self, g: M.GroundAtom, world: World) -> bool:
        """Whether `not g` can hold in world.

        In the possible world, `not g` may hold wherever g is not certain: in some
        answer set g is false, and there the rule can fire. (g being possible too
        does not stop it, as it would if the possible world were one answer set.)
        Elsewhere, `not g` holds where g does not."""
        if world is self.worlds.possible:
            return not self.worlds.certain.has(g)
        return not world.has(g)

    def candidates(self, lit: M.RAtom, b: Bindings, world: World) -> list[tuple]:
        """The atoms of lit's predicate that agree with b where lit's arguments are already known,
        from the world's index (the rest of unification is left to `unify`)."""
        plan = self._plans.get(id(lit))
        if plan is None:  # per literal, once: its constants' positions, and its named variables'
            plan = self._plans[id(lit)] = (lit, [(i, t.value) for i, t in enumerate(lit.args) if isinstance(t, M.Lit)],
                                           [(i, t.name) for i, t in enumerate(lit.args) if isinstance(t, M.TVar) and t.name != "_"])
        _, fixed, named = plan
        known = sorted(fixed + [(i, b[n]) for i, n in named if n in b]) if fixed else [(i, b[n]) for i, n in named if n in b]
        return world.with_values(lit.pred, tuple(i for i, _ in known), tuple(v for _, v in known))

    def first_instance(self, lit: M.RAtom, b: Bindings, world: World) -> M.GroundAtom | None:
        for args in self.candidates(lit, b, world):
            if self.unify(lit.args, args, b) is not None:
                return M.GroundAtom(lit.pred, args)
        return None

    def unify(self, terms, values, b: Bindings) -> Bindings | None:
        nb = b
        for t, v in zip(terms, values):
            if isinstance(t, M.TVar):
                if t.name == "_":
                    continue
                if t.name in nb:
                    if nb[t.name] != v:
                        return None
                else:
                    nb = {**nb, t.name: v}
            else:
                if self.value(t, nb) != v:
                    return None
        return nb

    def compare(self, cmp: M.RCmp, b: Bindings) -> bool | None:
        left, right = self.value(cmp.left, b), self.value(cmp.right, b)
        if left is None or right is None:
            return None
        try:
            return {"=": left == right, "!=": left != right}.get(cmp.op) if cmp.op in ("=", "!=") else {
                "<": left < right, "<=": left <= right, ">": left > right, ">=": left >= right}[cmp.op]  # type: ignore[operator]
        except TypeError:
            return False


def aggregates_in(lit: M.RLiteral) -> Iterator[M.TAgg]:
    """The aggregates a literal's terms hold (outermost first on each side)."""
    terms: list = []
    if isinstance(lit, M.RCmp):
        terms = [lit.left, lit.right]
    elif isinstance(lit, M.RAtom):
        terms = list(lit.args)
    stack = terms
    while stack:
        t = stack.pop()
        if isinstance(t, M.TAgg):
            yield t
        elif isinstance(t, M.TBin):
            stack += [t.left, t.right]


def atoms_first(lits) -> list[M.RLiteral]:
    """A body's literals with its atoms first: they bind the variables the others test."""
    lits = list(lits)
    return [l for l in lits if isinstance(l, M.RAtom)] + [l for l in lits if not isinstance(l, M.RAtom)]
