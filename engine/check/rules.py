"""Rule typing: a rule's conclusion, conditions, comparisons and aggregates, checked and
turned into `model.Rule`.

Variable types come from the predicate positions they fill; a rule written with `or` is
checked once per alternative of its disjunctive normal form.
"""

from __future__ import annotations

import itertools

from .. import model as M
from ..core import arith
from ..syntax import tree as S
from .claims import a_, arity_ok, ground_value, show, type_hint
from .safety import check_safety, term_vars
from .scope import Context, Scope


def check_rule(ctx: Context, scope: Scope, rule: S.Rule, provision: str, rule_id: str) -> M.Rule | None:
    rep = ctx.rep
    errors_before = len(rep.diagnostics)
    head_pred = ctx.predicate(scope, rule.head.pred, rule.head.pred_span)
    if head_pred and head_pred.fixed:
        rep.error("E316", rule.head.pred_span, f"'{head_pred.name}' is fixed law data: no rule can conclude it",
                  "state its facts, or declare the predicate without 'fixed'")
    alternatives = dnf(rule.body)
    unless = dnf(rule.unless) if rule.unless else []
    out_alts: list[tuple[M.RLiteral, ...]] = []
    out_vars: list[tuple[str, ...]] = []
    head = None
    unless_out: list[tuple[M.RLiteral, ...]] = []
    for alt in alternatives:
        env: dict[str, str | None] = {}
        order: list[str] = []
        _collect_var_types(ctx, alt, env, order)
        head_args = _head_args(ctx, scope, rule.head, head_pred, env) if head_pred else None
        lits = tuple(_literal(ctx, scope, l, env) for l in alt)
        bound = check_safety(rep, alt, rule.head)
        if head_pred and head_args is not None:
            head = M.RAtom(head_pred.name, head_args, rule.head.span)
        for ualt in unless:
            uenv = dict(env)
            uorder = list(order)
            _collect_var_types(ctx, ualt, uenv, uorder)
            ulits = tuple(_literal(ctx, scope, l, uenv) for l in ualt)
            check_safety(rep, ualt, None, outer=bound)
            if len(unless_out) < len(unless):
                unless_out.append(ulits)
        out_alts.append(lits)
        out_vars.append(tuple(v for v in order if v != "_"))
    if any(d.is_error for d in rep.diagnostics[errors_before:]):
        return None
    assert head is not None
    return M.Rule(rule_id, provision, head, tuple(out_alts), tuple(unless_out), tuple(out_vars), rule.span, rule.doc)


def _head_args(ctx: Context, scope: Scope, head: S.Atom, pred: M.Predicate, env) -> tuple[M.RTerm, ...] | None:
    rep = ctx.rep
    if not arity_ok(ctx, pred, head):
        return None
    out: list[M.RTerm] = []
    for (var, ptype), arg in zip(pred.params, head.args):
        if isinstance(arg, S.Var):
            if arg.name == "_":
                rep.error("E213", arg.span, "'_' cannot stand in a conclusion", "name the variable and bind it in the conditions")
                return None
            t = env.get(arg.name)
            if t is not None and not ctx.compatible(t, ptype):
                rep.error("E209", arg.span, f"'{arg.name}' is {a_(t)} in the conditions but argument {var} of '{pred.name}' is {a_(ptype)}",
                          type_hint(pred, ptype))
            out.append(M.TVar(arg.name, t or ptype))
        elif isinstance(arg, (S.Aggregate, S.BinOp, S.Today)):
            term, ttype = _term(ctx, scope, arg, env)
            if term is None:
                return None
            if ttype and not ctx.subtype(ttype, ptype):
                rep.error("E209", arg.span, f"argument {var} of '{pred.name}' must be {a_(ptype)}, not {a_(ttype)}", type_hint(pred, ptype))
            out.append(term)
        else:
            got = ground_value(ctx, scope, arg, head.span)
            if got is None:
                return None
            value, vtype = got
            if not ctx.subtype(vtype, ptype):
                rep.error("E209", arg.span, f"argument {var} of '{pred.name}' must be {a_(ptype)}, but {show(arg)} is {a_(vtype)}",
                          type_hint(pred, ptype))
            out.append(M.Lit(value, vtype))
    return tuple(out)


def _collect_var_types(ctx: Context, lits, env: dict[str, str | None], order: list[str]) -> None:
    """Variable types come from the predicate positions they fill."""
    for lit in lits:
        atoms = []
        if isinstance(lit, S.Atom):
            atoms = [lit]
        elif isinstance(lit, S.Negation):
            atoms = [lit.atom]
        for atom in atoms:
            pred = ctx.law.predicates.get(atom.pred)
            for i, arg in enumerate(atom.args):
                if isinstance(arg, S.Var) and arg.name != "_":
                    if arg.name not in order:
                        order.append(arg.name)
                    ptype = pred.params[i][1] if pred and i < pred.arity else None
                    old = env.get(arg.name)
                    if old is None:
                        env[arg.name] = ptype
                    elif ptype is not None and not ctx.compatible(old, ptype):
                        ctx.rep.error("E214", arg.span, f"'{arg.name}' is used as {a_(old)} and here as {a_(ptype)}",
                                      "one variable stands for one thing; use two variables")
                    elif ptype is not None and ctx.subtype(ptype, old):
                        env[arg.name] = ptype
        if isinstance(lit, S.Comparison):
            for side in (lit.left, lit.right):
                for v in term_vars(side, top_only=True):
                    if v not in order:
                        order.append(v)


def _literal(ctx: Context, scope: Scope, lit, env) -> M.RLiteral:
    if isinstance(lit, S.Atom):
        return _ratom(ctx, scope, lit, env)
    if isinstance(lit, S.Negation):
        return M.RNot(_ratom(ctx, scope, lit.atom, env), lit.span)
    assert isinstance(lit, S.Comparison)
    left, lt = _term(ctx, scope, lit.left, env)
    right, rt = _term(ctx, scope, lit.right, env)
    if lit.op == "=":
        # an assignment binds a fresh variable to the other side's type
        if isinstance(lit.left, S.Var) and env.get(lit.left.name) is None and rt:
            env[lit.left.name] = lt = rt
            left = M.TVar(lit.left.name, rt)
        elif isinstance(lit.right, S.Var) and env.get(lit.right.name) is None and lt:
            env[lit.right.name] = rt = lt
            right = M.TVar(lit.right.name, lt)
    if lt and rt and not ctx.compatible(lt, rt):
        ctx.rep.error("E215", lit.span, f"cannot compare {a_(lt)} with {a_(rt)}", "both sides of a comparison must be the same kind of value")
    elif lit.op in ("<", "<=", ">", ">=") and lt and lt not in ("date", "number", "percent"):
        ctx.rep.error("E215", lit.span, f"{a_(lt)} has no order; only dates, numbers and percentages compare with {lit.op}",
                      "use = or != to compare names")
    return M.RCmp(lit.op, left or M.Lit(0, "number"), right or M.Lit(0, "number"), lit.span)


def _ratom(ctx: Context, scope: Scope, atom: S.Atom, env) -> M.RAtom:
    pred = ctx.predicate(scope, atom.pred, atom.pred_span)
    if pred is None or not arity_ok(ctx, pred, atom):
        return M.RAtom(atom.pred, (), atom.span)
    args: list[M.RTerm] = []
    for (var, ptype), arg in zip(pred.params, atom.args):
        if isinstance(arg, S.Var):
            args.append(M.TVar(arg.name, env.get(arg.name) or ptype))
            continue
        term, ttype = _term(ctx, scope, arg, env)
        if term is None:
            args.append(M.TVar("_", ptype))
            continue
        if ttype and not ctx.subtype(ttype, ptype):
            ctx.rep.error("E209", arg.span, f"argument {var} of '{pred.name}' must be {a_(ptype)}, but {show(arg)} is {a_(ttype)}",
                          type_hint(pred, ptype))
        args.append(term)
    return M.RAtom(pred.name, tuple(args), atom.span)


def _term(ctx: Context, scope: Scope, term, env) -> tuple[M.RTerm | None, str | None]:
    if isinstance(term, S.Var):
        return M.TVar(term.name, env.get(term.name)), env.get(term.name)
    if isinstance(term, S.Today):
        return M.TToday(), "date"
    if isinstance(term, S.BinOp):
        left, lt = _term(ctx, scope, term.left, env)
        right, rt = _term(ctx, scope, term.right, env)
        if left is None or right is None:
            return None, None
        rtype = arith.result_type(term.op, lt, rt)
        if rtype is None:
            ctx.rep.error("E216", term.span, f"cannot compute {a_(lt or 'value')} {term.op} {a_(rt or 'value')}",
                          "dates add and subtract numbers of days; percentages add to percentages and multiply by numbers")
            return None, None
        return M.TBin(term.op, left, right, rtype), rtype
    if isinstance(term, S.Aggregate):
        return _aggregate(ctx, scope, term, env)
    got = ground_value(ctx, scope, term, term.span)
    if got is None:
        return None, None
    return M.Lit(got[0], got[1]), got[1]


def _aggregate(ctx: Context, scope: Scope, agg: S.Aggregate, env) -> tuple[M.RTerm | None, str | None]:
    rep = ctx.rep
    inner = dict(env)
    order: list[str] = []
    _collect_var_types(ctx, agg.body, inner, order)
    lits = tuple(_literal(ctx, scope, l, inner) for l in agg.body)
    expr, etype = (None, None)
    if agg.expr is not None:
        expr, etype = _term(ctx, scope, agg.expr, inner)
    if agg.fn in ("sum", "min", "max"):
        if agg.expr is None:
            rep.error("E217", agg.span, f"{agg.fn}(...) needs a value before 'where'", f"e.g. {agg.fn}(S where owns(O, E, S))")
            return None, None
        if etype not in ("number", "percent", "date") and etype is not None:
            rep.error("E217", agg.expr.span, f"cannot {agg.fn} {a_(etype)}", "sum numbers or percentages")
        rtype = etype if agg.fn != "sum" or etype != "date" else None
    else:
        rtype = "number"
    body_vars = list(order)
    expr_vars = term_vars(agg.expr) if agg.expr is not None else []
    local = tuple(v for v in dict.fromkeys(body_vars + expr_vars) if v not in env and v != "_")
    glob = tuple(v for v in dict.fromkeys(body_vars + expr_vars) if v in env and v != "_")
    bound_inside = {v for l in agg.body if isinstance(l, S.Atom) for a in l.args for v in term_vars(a)}
    for v in expr_vars:
        if v not in bound_inside and v not in env:
            rep.error("E218", agg.span, f"variable '{v}' of the {agg.fn} is not bound by its condition", "name it in a condition after 'where'")
    return M.TAgg(agg.fn, expr, lits, local, glob, agg.span), rtype


def dnf(body: S.Body) -> list[tuple]:
    """The alternatives of a body with nested `or`, each a flat tuple of literals."""
    out: list[tuple] = []
    for conj in body.alternatives:
        parts: list[list[tuple]] = []
        for lit in conj:
            if isinstance(lit, S.Body):
                parts.append(dnf(lit))
            else:
                parts.append([(lit,)])
        for combo in itertools.product(*parts):
            out.append(tuple(x for group in combo for x in group))
    return out
