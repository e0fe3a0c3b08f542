"""Variable safety: every variable of a rule is bound by a positive condition.

A separate analysis over the syntax of one alternative of a rule body; the solver would
otherwise refuse the rule, or ground it over everything.
"""

from __future__ import annotations

from ..core.diagnostics import Reporter, Span
from ..syntax import tree as S


def check_safety(rep: Reporter, alt, head: S.Atom | None, outer: set[str] | None = None) -> set[str]:
    """Every variable must be bound by a positive condition (or an assignment from bound ones).
    Returns the variables bound, which an `unless` alternative may use."""
    bound = set(outer or ())
    for lit in alt:
        if isinstance(lit, S.Atom):
            for a in lit.args:
                if isinstance(a, S.Var):
                    bound.add(a.name)
    changed = True
    while changed:
        changed = False
        for lit in alt:
            if isinstance(lit, S.Comparison) and lit.op == "=":
                for target, other in ((lit.left, lit.right), (lit.right, lit.left)):
                    if isinstance(target, S.Var) and target.name not in bound and set(term_vars(other, top_only=True)) <= bound:
                        bound.add(target.name)
                        changed = True
    needed: list[tuple[str, Span, str]] = []
    if head is not None:
        needed += [(v.name, v.span, "the conclusion") for v in vars_in(head.args)]
    for lit in alt:
        if isinstance(lit, S.Negation):
            needed += [(v.name, v.span, "a 'not' condition") for v in vars_in(lit.atom.args)]
        elif isinstance(lit, S.Comparison):
            needed += [(v.name, v.span, "a comparison") for v in vars_in((lit.left, lit.right), top_only=True)]
        elif isinstance(lit, S.Atom):
            for a in lit.args:
                if not isinstance(a, S.Var):
                    needed += [(v.name, v.span, "an expression") for v in vars_in((a,), top_only=True)]
        for agg in aggregates(lit):
            inner = set()
            for l in agg.body:
                if isinstance(l, S.Atom):
                    inner |= {v.name for v in vars_in(l.args)}
            for l in agg.body:
                if isinstance(l, S.Negation):
                    needed += [(v.name, v.span, "a 'not' condition") for v in vars_in(l.atom.args) if v.name not in inner]
    reported = set()
    for name, span, where in needed:
        if name != "_" and name not in bound and name not in reported:
            reported.add(name)
            rep.error("E219", span, f"unsafe variable '{name}': it appears in {where} but no positive condition binds it",
                      f"add a condition that names {name}, e.g. a predicate it is an argument of")
        if name == "_" and where != "an expression" and where != "a 'not' condition":
            rep.error("E213", span, f"'_' cannot stand in {where}", "name the variable")
    return bound


def term_vars(term, top_only: bool = False) -> list[str]:
    """The names of the variables of a term (not inside its aggregates, if `top_only`)."""
    return [v.name for v in vars_in((term,), top_only)]


def vars_in(terms, top_only: bool = False):
    for t in terms:
        if isinstance(t, S.Var):
            if t.name != "_":
                yield t
        elif isinstance(t, S.BinOp):
            yield from vars_in((t.left, t.right), top_only)
        elif isinstance(t, S.Aggregate) and not top_only:
            if t.expr is not None:
                yield from vars_in((t.expr,))
            for l in t.body:
                if isinstance(l, S.Atom):
                    yield from vars_in(l.args)


def aggregates(lit):
    """The aggregates a literal holds at its top level (in an argument or a comparison)."""
    if isinstance(lit, S.Comparison):
        for side in (lit.left, lit.right):
            yield from _aggs_in(side)
    elif isinstance(lit, S.Atom):
        for a in lit.args:
            yield from _aggs_in(a)


def _aggs_in(term):
    if isinstance(term, S.Aggregate):
        yield term
    elif isinstance(term, S.BinOp):
        yield from _aggs_in(term.left)
        yield from _aggs_in(term.right)
