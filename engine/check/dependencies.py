"""The dependency graph between predicates, and the cycles it must not have.

A definition may be recursive only through conditions that can only become true as more
holds (positive atoms, a count compared with >= or >, a sum of stated shares compared with
>= or >): otherwise the solver's answer would depend on guessing, and the law would have
several meanings or none.
"""

from __future__ import annotations

from .. import model as M
from ..core.diagnostics import Reporter
from ..core.graphs import shortest_path, strongly_connected

Edges = dict[str, list[tuple[str, str, M.Rule]]]  # head -> (body predicate, sign, rule)


def check_cycles(law: M.Law, rep: Reporter) -> dict[str, set[str]]:
    """Report cycles through negation; returns the dependency graph (head -> body predicates)."""
    rules = [rule for prov in law.provisions.values() for rule in prov.rules]
    stated = _stated_shares(law, {rule.head.pred for rule in rules})
    edges: Edges = {}
    for rule in rules:
        h = rule.head.pred
        for alt in rule.alternatives:
            for lit in alt:
                for dep, sign in _deps(lit, "+", stated):
                    edges.setdefault(h, []).append((dep, sign, rule))
        for alt in rule.unless:
            for lit in alt:
                for dep, _ in _deps(lit, "-", stated):
                    edges.setdefault(h, []).append((dep, "-", rule))
    for comp in _sccs(edges):
        for src in sorted(comp):
            for dep, sign, rule in edges.get(src, ()):
                if dep in comp and sign in ("-", "agg!"):
                    path = _cycle_path(edges, dep, src, comp)
                    why = ("through 'not' or 'unless'" if sign == "-" else
                           "through a min/max, a '<' on a sum or count, or a sum of numbers (which can be negative)")
                    hint = ("a definition cannot rest on its own negation; restructure the rules, e.g. with a separate predicate for the exception"
                            if sign == "-" else "only a count, or a sum of percentages, compared with >= or >, may take part in a recursive definition")
                    rep.error("E322", rule.span, f"'{src}' depends on itself {why}: {' -> '.join([src] + path)}", hint)
                    return {}
    return {head: {dep for dep, _, _ in es} for head, es in edges.items()}


def _stated_shares(law: M.Law, concluded: set[str]) -> set[tuple[str, int]]:
    """(predicate, position) of every percent argument no rule concludes: its values are
    the percentages written in facts, which are never negative."""
    return {(p.name, i) for p in law.predicates.values() if p.name not in concluded
            for i, (_, t) in enumerate(p.params) if t == "percent"}


def _deps(lit: M.RLiteral, sign: str, stated):
    if isinstance(lit, M.RAtom):
        yield lit.pred, sign
        for a in lit.args:
            yield from _agg_deps(a, sign, None, stated)
    elif isinstance(lit, M.RNot):
        yield lit.atom.pred, "-"
    elif isinstance(lit, M.RCmp):
        for side, other_side in ((lit.left, "left"), (lit.right, "right")):
            monotone = (other_side == "left" and lit.op in (">=", ">")) or (other_side == "right" and lit.op in ("<=", "<"))
            yield from _agg_deps(side, sign, monotone, stated)


def _nonnegative(term: M.TAgg, stated) -> bool:
    """Whether every value an aggregate adds is >= 0, so it only grows as its set grows.

    A count is. A sum is only when it adds a variable that a positive condition of its own
    binds to a stated percent argument: a computed share (X - Y, or a share a rule concludes
    from one) can be negative, and a number can (an amount of 0 - 1)."""
    if term.fn == "count":
        return True
    if term.fn != "sum" or not isinstance(term.expr, M.TVar):
        return False
    name = term.expr.name
    # only atoms have arguments: a negated condition or a comparison binds nothing
    return any(isinstance(a, M.TVar) and a.name == name and (l.pred, i) in stated
               for l in term.body if isinstance(l, M.RAtom) for i, a in enumerate(l.args))


def _agg_deps(term, sign, monotone, stated):
    if isinstance(term, M.TAgg):
        ok = _nonnegative(term, stated) and monotone
        for l in term.body:
            for dep, s in _deps(l, sign, stated):
                yield dep, (s if s == "-" else (sign if ok else "agg!"))
    elif isinstance(term, M.TBin):
        yield from _agg_deps(term.left, sign, None, stated)
        yield from _agg_deps(term.right, sign, None, stated)


def _sccs(edges: Edges) -> list[set[str]]:
    nodes = set(edges) | {d for es in edges.values() for d, _, _ in es}
    return [set(c) for c in strongly_connected(sorted(nodes), lambda v: [w for w, _, _ in edges.get(v, ())])]


def _cycle_path(edges: Edges, start: str, goal: str, comp: set[str]) -> list[str]:
    """A shortest path start -> ... -> goal inside one component (for the message)."""
    return shortest_path(start, goal, lambda v: [w for w, _, _ in edges.get(v, ())], lambda w: w in comp)
