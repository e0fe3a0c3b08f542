"""The 50 percent rules decided natively: their conclusions computed by `writ.ownership` and
handed to clingo as symbols, the recursive #sum left out of the grounding.

One job: ground a batch of cases the way `Solver.control` does, except that each rule of
the shape of 31 CFR 583.411 (statutes/glomag/blocking.writ) or of the BIS Affiliates rule
(statutes/ear/part744/affiliates.writ),

    H(E) if owns(_, E, _) and sum(S where owns(O, E, S) and P(O)) >= T     [unless ...]

has its body's line (`r<n>(C, V_E) :- ..., #sum{..} >= T.`, or `b<n>` with an exception)
replaced by `r<n>(C, V_E) :- (C, V_E) = @native(n).`, whose tuples are the native least
fixpoint. The statute stays the specification: the rule is found in the compiled law, not
named here, and everything after its body (the exception, `H :- r<n>`, other rules) is
grounded as before, so answers and explanations are those of the ASP rule (tests/solve/
test_native.py checks it through the whole engine on random graphs).

Staging. The seeds (who is P other than through the rule) come from the rest of the law,
and P may rest on H again (el_restricted on affiliate_restricted; blocked on itself).
Everything in that loop is monotone (check.dependencies refuses the rest), so the least
fixpoint is reached by iteration: ground the part of the law H depends on with the
conclusions found so far (none at first), read P from its one answer set, evaluate the rule
natively from those seeds, and repeat until the conclusions do not change. Each round's
conclusions are true in the ASP rule's answer too (seeds found from true conclusions are
true, and the native evaluator adds only what the rule concludes from them), and the last
round is closed under the rule, so it is that least fixpoint.

Fallback (None: the caller grounds the ASP rule): the rule is not of that shape, a case
leaves unknown a fact that H can depend on (the seeds or owns would be a choice), owns is
concluded by a rule or is law data, or the native path is switched off (`ENABLED`).
"""

from __future__ import annotations

from dataclasses import dataclass
from typing import TYPE_CHECKING, Sequence

import clingo
import clingo.ast

from .. import model as M
from ..compile import encoding as enc
from .inputs import CaseInput, Context, relevant_predicates

if TYPE_CHECKING:
    from .solver import Solver

ENABLED = True  # the native path; False grounds the ASP rule (the benchmark compares both)
MIN_EDGES = 1  # below this many owns facts in a batch, the ASP rule is as fast: not used
_OWNS = "owns"
_MAX_ROUNDS = 1000  # the loop ends long before (each round adds a conclusion); a guard, not a limit


@dataclass(frozen=True)
class FiftyShape:
    """One compiled rule alternative of the 50 percent shape: what the native evaluator needs."""

    n: int  # the alternative r<n>
    head: str  # H
    seed: str  # P
    provision: str
    threshold: int  # hundredths of a percent, ">=" (a ">" is one more)
    body_line: str  # the compiled line that the native tuples replace
    native_line: str


def shapes(solver: "Solver") -> tuple[FiftyShape, ...]:
    """The compiled law's rules of the 50 percent shape (found once per compiled law)."""
    cache = solver.__dict__.setdefault("_native", {})
    if "shapes" not in cache:
        cache["shapes"] = tuple(_find(solver.compiled))
    return cache["shapes"]


def _find(compiled) -> list[FiftyShape]:
    law: M.Law = compiled.law
    if (_OWNS not in law.predicates or law.predicates[_OWNS].fixed or _OWNS in compiled.law_rows
            or any(r.head.pred == _OWNS for p in law.provisions.values() for r in p.rules)):
        return []  # owns must be the case's stated facts alone: no rule, no statute states it
    lines = {t for _, t in compiled.lines}
    out = []
    for n, inst in compiled.instances.items():
        found = _match(inst.rule.alternatives[inst.alternative], inst.rule.head)
        if found is None or inst.variables != ("E",):
            continue
        seed, threshold = found
        head = (enc.conditions_met(n) if inst.has_exception else enc.fired(n)) + "(C, " + enc.variable("E") + ")"
        body = [t for t in lines if t.startswith(head + " :- inforce(C, " + enc.provision(inst.rule.provision) + ")")]
        if len(body) != 1:
            continue
        out.append(FiftyShape(n, inst.rule.head.pred, seed, inst.rule.provision, threshold, body[0],
                              f"{head} :- (C, {enc.variable('E')}) = @native({n})."))
    return out


def _match(alt: tuple, head: M.RAtom) -> tuple[str, int] | None:
    """(P, threshold) if the alternative is `owns(_, E, _) and sum(S where owns(O, E, S) and P(O)) >= T`."""
    if len(head.args) != 1 or not isinstance(head.args[0], M.TVar) or len(alt) != 2:
        return None
    e = head.args[0].name
    anchor, cmp = alt
    if not (isinstance(anchor, M.RAtom) and anchor.pred == _OWNS and _vars(anchor.args) == ["_", e, "_"]):
        return None
    if not (isinstance(cmp, M.RCmp) and cmp.op in (">=", ">") and isinstance(cmp.left, M.TAgg)
            and isinstance(cmp.right, M.Lit) and isinstance(cmp.right.value, M.Percent)):
        return None
    agg = cmp.left
    if agg.fn != "sum" or not isinstance(agg.expr, M.TVar) or len(agg.body) != 2:
        return None
    owns, seed = agg.body
    if not (isinstance(owns, M.RAtom) and isinstance(seed, M.RAtom) and owns.pred == _OWNS and len(seed.args) == 1):
        return None
    o, s = _vars(owns.args)[0], agg.expr.name
    if _vars(owns.args) != [o, e, s] or _vars(seed.args) != [o] or len({o, e, s}) != 3 or "_" in (o, s):
        return None
    threshold = cmp.right.value.hundredths + (1 if cmp.op == ">" else 0)
    return (seed.pred, threshold) if threshold > 0 else None


def _vars(args) -> list[str | None]:
    return [a.name if isinstance(a, M.TVar) else None for a in args]


class NativeContext(Context):
    """The grounding context, with the native conclusions as `@native(n)` tuples (case, entity)."""

    def __init__(self, compiled, inputs, law_key, conclusions: dict[int, list[clingo.Symbol]]):
        super().__init__(compiled, inputs, law_key)
        self.conclusions = conclusions

    def native(self, n):
        return self.conclusions.get(n.number, [])


def control(solver: "Solver", inputs: Sequence[CaseInput], relevant: frozenset[str] | None,
            law_key: frozenset[int]) -> clingo.Control | None:
    """The batch grounded with the 50 percent rules' conclusions computed natively; None: not applicable."""
    if not ENABLED:
        return None
    rules = [s for s in shapes(solver) if relevant is None or s.head in relevant]
    if not rules:
        return None
    edges = [[a for a in inp.true_facts if a.pred == _OWNS] for inp in inputs]
    if sum(map(len, edges)) < MIN_EDGES:  # checked first: most cases state no ownership at all
        return None
    law = solver.compiled.law
    loop = relevant_predicates(law, [s.head for s in rules])  # what H, and so its seeds, can rest on
    if any(a.pred in loop for inp in inputs for a in inp.unknown_facts):
        return None  # a choice bears on the rule: its answer is not one fixpoint
    graphs = [_graph(es) for es in edges]
    ctx = NativeContext(solver.compiled, inputs, law_key, {s.n: [] for s in rules})  # one context: the facts once
    seeds_only = _seed_slice(solver, rules)
    if seeds_only is not None:
        # the seeds do not rest on the rules' conclusions: one small grounding finds them all
        model = _model(_ground(solver, ctx, seeds_only, rules))
        if model is None:
            return None
        ctx.conclusions = _conclude(inputs, rules, graphs, model)
        return _ground(solver, ctx, relevant, rules)
    staged = frozenset(loop)
    for _ in range(_MAX_ROUNDS):
        ctl = _ground(solver, ctx, staged, rules)
        model = _model(ctl)
        if model is None:
            return None  # no answer without the rule: let the ASP path say so
        found = _conclude(inputs, rules, graphs, model)
        if found == ctx.conclusions:
            break
        ctx.conclusions = found
    else:  # pragma: no cover - the loop is monotone over a finite set
        return None
    if relevant is not None and relevant == staged:
        return ctl  # the last round grounded exactly this (a fresh solve starts from it)
    return _ground(solver, ctx, relevant, rules)


def _seed_slice(solver: "Solver", rules: list[FiftyShape]) -> frozenset[str] | None:
    """The predicates the seeds rest on through the law's other rules, when no native rule's
    head is among them (None: the seeds may rest on the conclusions, so the rounds are needed)."""
    cache = solver.__dict__.setdefault("_native", {})
    key = ("seeds", tuple(s.n for s in rules))
    if key not in cache:
        law, instances = solver.compiled.law, solver.compiled.instances
        native = {(inst.rule.id, inst.alternative) for n, inst in instances.items() if n in {s.n for s in rules}}
        heads = {s.head for s in rules}
        seen: set[str] = set()
        reached: set[str] = set()
        stack = [s.seed for s in rules]
        while stack:
            p = stack.pop()
            if p in seen:
                continue
            seen.add(p)
            for rule in (r for prov in law.provisions.values() for r in prov.rules if r.head.pred == p):
                bodies = [alt for j, alt in enumerate(rule.alternatives) if (rule.id, j) not in native]
                if bodies:
                    bodies += list(rule.unless)
                for alt in bodies:
                    deps = set().union(*(_preds(lit) for lit in alt)) if alt else set()
                    reached |= deps
                    stack.extend(deps)
        cache[key] = None if reached & heads else frozenset(seen)
    return cache[key]


def _preds(lit) -> set[str]:
    out: set[str] = set()
    stack: list = [lit]
    while stack:
        x = stack.pop()
        if isinstance(x, M.RAtom):
            out.add(x.pred)
            stack.extend(x.args)
        elif isinstance(x, M.RNot):
            stack.append(x.atom)
        elif isinstance(x, M.RCmp):
            stack += [x.left, x.right]
        elif isinstance(x, M.TAgg):
            stack.extend(x.body)
        elif isinstance(x, M.TBin):
            stack += [x.left, x.right]
    return out


def _graph(edges: list[M.GroundAtom]):
    from ..ownership.graph import OwnershipGraph  # lazy: numpy only when the path is taken

    ids: dict[str, int] = {}
    owner, owned, share = [], [], []
    for a in edges:
        o, e, s = a.args
        if not (isinstance(o, M.Name) and isinstance(e, M.Name) and isinstance(s, M.Percent)):
            continue
        # nodes named by their solver constants (c_<name>): seeds and conclusions stay symbols
        owner.append(ids.setdefault(enc.const(o.id), len(ids)))
        owned.append(ids.setdefault(enc.const(e.id), len(ids)))
        share.append(s.hundredths)
    return OwnershipGraph.from_arrays(list(ids), owner, owned, share, source="<case>")


def _conclude(inputs, rules, graphs, model) -> dict[int, list[clingo.Symbol]]:
    """Per rule, the (case, entity) tuples the native least fixpoint concludes from the model's seeds."""
    from ..ownership.fifty import FiftyRule, fixpoint

    seeds: dict[tuple[str, int], set[str]] = {}
    wanted = {enc.pred(s.seed): s.seed for s in rules}
    for sym in model:
        p = wanted.get(sym.name)
        if p is not None and len(sym.arguments) == 2 and sym.arguments[1].type == clingo.SymbolType.Function:
            seeds.setdefault((p, sym.arguments[0].number), set()).add(sym.arguments[1].name)
    out: dict[int, list[clingo.Symbol]] = {}
    for s in rules:
        rule = FiftyRule(provision=s.provision, concludes=s.head, seed=s.seed, threshold=s.threshold)
        syms: list[clingo.Symbol] = []
        for k, (inp, g) in enumerate(zip(inputs, graphs)):
            if s.provision not in inp.inforce or not g.n_nodes:
                continue
            fp = fixpoint(g, inp.case.as_of, seeds.get((s.seed, k), set()), rule)
            num = clingo.Number(k)
            syms.extend(clingo.Tuple_([num, clingo.Function(e)]) for e in sorted(fp.concluded_names()))
        out[s.n] = syms
    return out


def _ground(solver, ctx: NativeContext, relevant, rules) -> clingo.Control:
    ctl = clingo.Control(["--warn=none"])
    with clingo.ast.ProgramBuilder(ctl) as builder:
        for stm in _program(solver, relevant, rules):
            builder.add(stm)
    ctl.ground([("base", [])], context=ctx)
    return ctl


def _program(solver, relevant, rules) -> list:
    """The law's slice with each native rule's body line replaced (parsed once per slice)."""
    cache = solver.__dict__.setdefault("_native", {})
    key = ("program", relevant, tuple(s.n for s in rules))
    if key not in cache:
        swap = {s.body_line: s.native_line for s in rules}
        text = "\n".join(swap.get(t, t) for t in solver.compiled.program(relevant).split("\n"))
        stms: list = []
        clingo.ast.parse_string(text, stms.append)
        cache[key] = stms
    return cache[key]


def _model(ctl: clingo.Control) -> list[clingo.Symbol] | None:
    ctl.configuration.solve.models = 1  # type: ignore[union-attr]
    with ctl.solve(yield_=True) as handle:  # type: ignore[union-attr]
        for m in handle:
            return m.symbols(shown=True)
    return None
