"""Explain answers: derivation trees for a yes, the failed condition of every
candidate rule for a no, and the unknown facts that would decide an undetermined.

Works on the consequences the solver found: for a yes, only atoms true in every
answer set are used, so the tree never rests on a guessed unknown.
"""

from __future__ import annotations

import datetime as dt
import functools
import itertools
from collections import defaultdict
from dataclasses import dataclass
from typing import Callable, Iterator

import clingo

from .. import model as M
from ..core import arith
from ..compile import encoding as enc
from ..compile.encoding import symbol_value
from ..compile.program import CompiledLaw, RuleInstance
from ..decision import (Answer, DecidingSet, FactQuestion, FailedCondition, Node, ProvisionRef, QuestionResult, Source)
from ..solve.solver import CaseInput, Consequences

Bindings = dict[str, M.Value]


def provision_ref(p: M.Provision) -> ProvisionRef:
    return ProvisionRef(id=p.name, title=p.title, cite=p.cite, text=p.text,
                        in_force_from=p.in_force_from, in_force_until=p.in_force_until, cautions=list(p.cautions))


def source(span) -> Source:
    return Source(file=span.file, line=span.line, column=span.column)


@dataclass
class _World:
    """One set of consequences, decoded: atoms by predicate and rule firings by head."""

    atoms: dict[str, set[tuple]]
    fired: dict[M.GroundAtom, list[tuple[RuleInstance, Bindings]]]
    excepted: set[tuple[int, tuple]]  # (rule n, binding values) whose exception held

    def has(self, atom: M.GroundAtom) -> bool:
        return atom.args in self.atoms.get(atom.pred, ())

    def ordered(self, pred: str) -> list[tuple]:
        """A predicate's atoms in a fixed order (sorted once), so output is reproducible."""
        cache = self.__dict__.setdefault("_ordered", {})
        if pred not in cache:
            cache[pred] = sorted(self.atoms.get(pred, ()), key=repr)
        return cache[pred]


class Explainer:
    def __init__(self, compiled: CompiledLaw, inp: CaseInput, cons: Consequences):
        self.compiled = compiled
        self.law = compiled.law
        self.case = inp.case
        self.inp = inp
        self.cons = cons
        self.case_facts: dict[M.GroundAtom, M.Fact] = {}
        for f in self.case.facts:
            if f.polarity == "true" and f.valid_on(self.case.as_of):
                self.case_facts.setdefault(f.atom, f)
        # facts given on top of the case (what-if, interview answers): true, with no line to cite
        self.given = frozenset(a for a in inp.true_facts if a not in self.case_facts)
        self.law_facts = compiled.law_fact_index
        self.in_force = frozenset(inp.inforce)
        self._levels: dict[M.GroundAtom, int] = {}
        self._explored: set[M.GroundAtom] = set()
        self._deps_memo: dict[tuple, list[M.GroundAtom]] = {}

    def law_fact(self, atom: M.GroundAtom) -> M.Fact | None:
        """The statement of a law fact that holds on the as-of date (the first, if none does)."""
        facts = self.law_facts.get(atom, ())
        for f in facts:
            if f.owner in self.in_force and f.valid_on(self.case.as_of):
                return f
        return facts[0] if facts else None

    @functools.cached_property
    def data(self) -> dict[str, frozenset[tuple]]:
        """The fixed law data that holds on the as-of date."""
        return self.compiled.law_data(self.case.as_of, self.in_force)

    def verdict(self, q: M.GroundAtom, sym: clingo.Symbol) -> Answer:
        if self.law.predicates[q.pred].fixed:  # law data is certain, and not in the answer sets
            return Answer.yes if q.args in self.data.get(q.pred, ()) else Answer.no
        return Answer(self.cons.holds(sym))

    # ---- decoding (only when an explanation needs it) ----------------------------------
    @functools.cached_property
    def certain(self) -> _World:
        return self._decode(self.cons.certain)

    @functools.cached_property
    def possible(self) -> _World:
        return self._decode(self.cons.possible)

    def grounds(self, q: M.GroundAtom) -> list[str]:
        """The provisions of the rules that conclude q in every answer set (decodes only those rules)."""
        provs: set[str] = set()
        for s in self.cons.certain:
            n = enc.rule_number(s)
            if n is None:
                continue
            inst = self.compiled.instances[n]
            if inst.rule.head.pred != q.pred or inst.rule.provision in provs:
                continue
            values = tuple(symbol_value(a, t) for a, t in zip(s.arguments[1:], inst.var_types))
            if self.ground(inst.rule.head, dict(zip(inst.variables, values))) == q:
                provs.add(inst.rule.provision)
        lf = self.law_fact(q)
        if not provs and lf is not None and lf.polarity == "true":
            provs.add(lf.owner)
        return sorted(provs)

    def _decode(self, syms) -> _World:
        # fixed law data is not in the answer set: it is the law's own index
        atoms: dict[str, set[tuple]] = defaultdict(set, self.data)  # type: ignore[arg-type]
        fired: dict[M.GroundAtom, list] = defaultdict(list)
        excepted: set = set()
        for s in syms:
            kind = enc.decode_name(s)
            if kind is None:
                continue
            if kind.kind == "pred":
                atom = self.decode_atom(s)
                if atom is not None:
                    atoms[atom.pred].add(atom.args)
            elif kind.kind in ("fired", "excepted"):
                inst = self.compiled.instances.get(kind.key)  # type: ignore[arg-type]
                if inst is None:
                    continue
                values = tuple(symbol_value(a, t) for a, t in zip(s.arguments[1:], inst.var_types))
                if kind.kind == "excepted":
                    excepted.add((inst.n, values))
                    continue
                b = dict(zip(inst.variables, values))
                head = self.ground(inst.rule.head, b)
                if head is not None:
                    fired[head].append((inst, b))
        return _World(dict(atoms), dict(fired), excepted)

    def decode_atom(self, s: clingo.Symbol) -> M.GroundAtom | None:
        kind = enc.decode_name(s)
        pred = self.law.predicates.get(kind.key) if kind is not None and kind.kind == "pred" else None  # type: ignore[arg-type]
        if pred is None:
            return None
        args = s.arguments[1:]  # shown atoms all carry their case first (law data is not shown)
        return M.GroundAtom(pred.name, tuple(symbol_value(a, t) for a, (_, t) in zip(args, pred.params)))

    # ---- evaluation of rule terms under bindings -----------------------------------------
    def value(self, t: M.RTerm, b: Bindings) -> M.Value | None:
        if isinstance(t, M.TVar):
            return b.get(t.name)
        if isinstance(t, M.Lit):
            return t.value
        if isinstance(t, M.TToday):
            return self.case.as_of
        if isinstance(t, M.TBin):
            left, right = self.value(t.left, b), self.value(t.right, b)
            if left is None or right is None:
                return None
            return arith.apply(t.op, left, right)
        if isinstance(t, M.TAgg):
            return self.aggregate(t, b, self.certain)[0]
        return None

    def ground(self, atom: M.RAtom, b: Bindings) -> M.GroundAtom | None:
        vals = []
        for a in atom.args:
            v = self.value(a, b)
            if v is None:
                return None
            vals.append(v)
        return M.GroundAtom(atom.pred, tuple(vals))

    def aggregate(self, agg: M.TAgg, b: Bindings, world: _World) -> tuple[M.Value | None, list[tuple[Bindings, M.Value | None]]]:
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
                return M.Percent(sum(v.hundredths for v in nums)), list(elements.values())  # type: ignore[union-attr]
            return sum(nums), list(elements.values())  # type: ignore[arg-type]
        if not nums:
            return None, []
        return (min(nums) if agg.fn == "min" else max(nums)), list(elements.values())  # type: ignore[type-var]

    def match(self, lits: list[M.RLiteral], b: Bindings, world: _World) -> Iterator[Bindings]:
        """Every extension of b that satisfies the literals in `world` (atoms first)."""
        ordered = [l for l in lits if isinstance(l, M.RAtom)] + [l for l in lits if not isinstance(l, M.RAtom)]
        yield from self._match(ordered, 0, b, world)

    def _match(self, lits, i, b, world) -> Iterator[Bindings]:
        if i == len(lits):
            yield b
            return
        lit = lits[i]
        if isinstance(lit, M.RAtom):
            for args in world.ordered(lit.pred):  # sorted: set order varies with the hash seed
                nb = self._unify(lit.args, args, b)
                if nb is not None:
                    yield from self._match(lits, i + 1, nb, world)
        elif isinstance(lit, M.RNot):
            g = self.ground(lit.atom, b)
            if g is not None and not self.certain.has(g) if world is self.possible else (g is not None and not world.has(g)):
                yield from self._match(lits, i + 1, b, world)
        else:
            ok = self.compare(lit, b)
            if ok:
                yield from self._match(lits, i + 1, b, world)
            elif ok is None and lit.op == "=" and isinstance(lit.left, M.TVar) and lit.left.name not in b:
                v = self.value(lit.right, b)
                if v is not None:
                    yield from self._match(lits, i + 1, {**b, lit.left.name: v}, world)

    def first_instance(self, lit: M.RAtom, b: Bindings, world: _World) -> M.GroundAtom | None:
        for args in world.ordered(lit.pred):
            if self._unify(lit.args, args, b) is not None:
                return M.GroundAtom(lit.pred, args)
        return None

    def _unify(self, terms, values, b: Bindings) -> Bindings | None:
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

    # ---- text --------------------------------------------------------------------------
    def reading(self, atom: M.GroundAtom) -> str:
        return self.law.reading(atom, self.case.constants)

    def pattern_reading(self, pattern: M.Pattern) -> str:
        """A question with variables in English: "a sale is caught by some general prohibition"."""
        pred = self.law.predicates[pattern.pred]
        shown = [some(typ) if arg is None else self.law.show(arg, self.case.constants)
                 for (_, typ), arg in zip(pred.params, pattern.args)]
        if pred.reads is None:
            return f"{pattern.pred}({', '.join(shown)})"
        return pred.reads.fill(dict(zip((v for v, _ in pred.params), shown)))

    def literal_text(self, lit: M.RLiteral, b: Bindings) -> tuple[str, str]:
        """(the literal as Writ text with bindings substituted, its English reading)."""
        if isinstance(lit, M.RNot):
            text, reading = self.literal_text(lit.atom, b)
            return "not " + text, "it is not established that " + reading
        return self._positive_text(lit, b)

    def failed_text(self, lit: M.RLiteral, b: Bindings) -> tuple[str, str]:
        """(text, reading) of a condition that failed: a failed `not X` means X holds."""
        if isinstance(lit, M.RNot):
            text, reading = self._positive_text(lit.atom, b)
            return "not " + text, f"it must not be that {reading}, but it is"
        return self.literal_text(lit, b)

    def _positive_text(self, lit: M.RLiteral, b: Bindings) -> tuple[str, str]:
        if isinstance(lit, M.RAtom):
            shown = [self.term_text(a, b) for a in lit.args]
            text = f"{lit.pred}({', '.join(shown)})" if shown else lit.pred
            pred = self.law.predicates[lit.pred]
            if pred.reads is None:
                return text, text
            return text, pred.reads.fill({var: self.term_reading(a, b) for (var, _), a in zip(pred.params, lit.args)})
        text = f"{self.term_text(lit.left, b)} {lit.op} {self.term_text(lit.right, b)}"
        return text, text

    def term_text(self, t: M.RTerm, b: Bindings) -> str:
        v = self.value(t, b) if not isinstance(t, M.TAgg) else None
        if v is not None:
            return M.format_value(v)
        if isinstance(t, M.TVar):
            return t.name
        if isinstance(t, M.TToday):
            return "today"
        if isinstance(t, M.TBin):
            return f"{self.term_text(t.left, b)} {t.op} {self.term_text(t.right, b)}"
        if isinstance(t, M.TAgg):
            inner = " and ".join(self.literal_text(l, b)[0] for l in t.body)
            expr = self.term_text(t.expr, b) + " " if t.expr is not None else ""
            return f"{t.fn}({expr}where {inner})"
        return "?"

    def term_reading(self, t: M.RTerm, b: Bindings) -> str:
        v = self.value(t, b) if not isinstance(t, M.TAgg) else None
        if v is not None:
            return self.law.show(v, self.case.constants)
        if isinstance(t, M.TVar):  # a variable no fact binds: "some general prohibition", not "G"
            return some(t.type)
        return self.term_text(t, b)

    # ---- yes: derivation trees ----------------------------------------------------------------
    def levels(self, root: M.GroundAtom) -> dict[M.GroundAtom, int]:
        """Depth of the shallowest derivation of each certain atom below root (so trees never loop).

        Only the firings reachable from root are looked at: a case decides
        hundreds of atoms (a chart row per country), an explanation needs few.
        The depths of those atoms depend on nothing outside what is reachable."""
        if root in self._explored:
            return self._levels
        firings: list[tuple[M.GroundAtom, list[M.GroundAtom]]] = []
        stack = [root]
        while stack:
            a = stack.pop()
            if a in self._explored:
                continue
            self._explored.add(a)
            if a in self.case_facts or a in self.given or a in self.law_facts or self.law.predicates[a.pred].fixed:
                self._levels[a] = 0
            for inst, b in self.certain.fired.get(a, ()):
                deps = self._positive_deps(inst, b)
                firings.append((a, deps))
                stack.extend(deps)
        level = self._levels
        changed = True
        while changed:
            changed = False
            for head, deps in firings:
                if all(d in level for d in deps):
                    lv = 1 + max((level[d] for d in deps), default=0)
                    if lv < level.get(head, 1 << 30):
                        level[head] = lv
                        changed = True
        return level

    def _positive_deps(self, inst: RuleInstance, b: Bindings) -> list[M.GroundAtom]:
        """The atoms a firing rests on (memoised: derive() asks again for every node)."""
        key = (inst.n, tuple(b.get(v) for v in inst.variables))
        cached = self._deps_memo.get(key)
        if cached is None:
            cached = self._deps_memo[key] = self._compute_positive_deps(inst, b)
        return cached

    def _compute_positive_deps(self, inst: RuleInstance, b: Bindings) -> list[M.GroundAtom]:
        deps = []
        for lit in inst.rule.alternatives[inst.alternative]:
            if isinstance(lit, M.RAtom):
                g = self.ground(lit, b)
                if g is None:
                    g = self.first_instance(lit, b, self.certain)
                if g is not None:
                    deps.append(g)
            for agg in _aggs(lit):
                for eb, _ in self.aggregate(agg, b, self.certain)[1]:
                    for l in agg.body:
                        if isinstance(l, M.RAtom):
                            g = self.ground(l, eb)
                            if g is not None:
                                deps.append(g)
        return deps

    # ---- undetermined: which unknown facts can matter --------------------------------------------
    def support(self, q: M.GroundAtom) -> set[M.GroundAtom]:
        """Every atom that q can rest on in some answer set: the premises, negated premises,
        aggregate elements and exceptions of every rule instance that may conclude it, and theirs.

        Only unknown facts in here can change the answer: with one binary open predicate
        over twenty parties, q(e0) rests on 40 of its 400 atoms."""
        seen: set[M.GroundAtom] = set()
        stack = [q]
        while stack:
            a = stack.pop()
            if a in seen:
                continue
            seen.add(a)
            for inst, b in self.possible.fired.get(a, ()):
                lits = list(inst.rule.alternatives[inst.alternative]) + [l for alt in inst.rule.unless for l in alt]
                for lit in lits:
                    stack.extend(self._possible_atoms(lit, b))
        return seen

    def _possible_atoms(self, lit: M.RLiteral, b: Bindings) -> list[M.GroundAtom]:
        """The atoms a literal can refer to under b in the possible world (all instances where b leaves variables open)."""
        out: list[M.GroundAtom] = []
        atom = lit.atom if isinstance(lit, M.RNot) else lit
        if isinstance(atom, M.RAtom):
            g = self.ground(atom, b)
            if g is not None:
                out.append(g)
            else:
                out += [M.GroundAtom(atom.pred, args) for args in self.possible.ordered(atom.pred)
                        if self._unify(atom.args, args, b) is not None]
        for agg in _aggs(lit):
            for eb in self.match(list(agg.body), dict(b), self.possible):
                for l in agg.body:
                    out += self._possible_atoms(l, eb)
        return out

    def derive(self, atom: M.GroundAtom, seen: frozenset = frozenset()) -> Node:
        fact = self.case_facts.get(atom)
        if atom in self.given:
            return Node(statement=str(atom), reading=self.reading(atom), kind="given fact")
        if fact is not None:
            return Node(statement=str(atom), reading=self.reading(atom), kind="case fact", source=source(fact.span))
        levels = self.levels(atom)
        firings = [(inst, b) for inst, b in self.certain.fired.get(atom, ())
                   if all(levels.get(d, 1 << 30) < levels.get(atom, 1 << 30) for d in self._positive_deps(inst, b))]
        if not firings or atom in seen:
            lf = self.law_fact(atom)
            prov = self.law.provisions.get(lf.owner) if lf else None
            return Node(statement=str(atom), reading=self.reading(atom), kind="law fact",
                        provision=provision_ref(prov) if prov else None, source=source(lf.span) if lf else None)
        # the same derivation whatever the hash seed: rule, then alternative, then the bindings' values
        inst, b = min(firings, key=lambda f: (f[0].rule.id, f[0].n, tuple(repr(f[1].get(v)) for v in f[0].variables)))
        prov = self.law.provisions[inst.rule.provision]
        node = Node(statement=str(atom), reading=self.reading(atom), kind="rule", provision=provision_ref(prov),
                    rule=inst.rule.id, source=source(inst.rule.span))
        for lit in inst.rule.alternatives[inst.alternative]:
            node.children.append(self._condition_node(lit, b, seen | {atom}))
        if inst.has_exception:
            texts = [" and ".join(self.literal_text(l, b)[1] for l in alt) for alt in inst.rule.unless]
            node.children.append(Node(statement="unless " + " or ".join(" and ".join(self.literal_text(l, b)[0] for l in alt) for alt in inst.rule.unless),
                                      reading="exception not shown: " + " or ".join(texts),
                                      kind="exception not met", holds=False))
        return node

    def _condition_node(self, lit: M.RLiteral, b: Bindings, seen: frozenset) -> Node:
        if isinstance(lit, M.RAtom):
            g = self.ground(lit, b)
            if g is None:  # an anonymous variable: show one instance that holds
                g = self.first_instance(lit, b, self.certain)
            if g is not None:
                return self.derive(g, seen)
            text, reading = self.literal_text(lit, b)
            return Node(statement=text, reading=reading, kind="law fact")
        if isinstance(lit, M.RNot):
            text, reading = self.literal_text(lit, b)
            return Node(statement=text, reading=reading, kind="not shown")
        assert isinstance(lit, M.RCmp)
        aggs = list(_aggs(lit))
        text, _ = self.literal_text(lit, b)
        if aggs:
            agg = aggs[0]
            total, elements = self.aggregate(agg, b, self.certain)
            node = Node(statement=f"{text}: {agg.fn} is {M.format_value(total) if total is not None else 'nothing'}",
                        reading=f"the {agg.fn} comes to {M.format_value(total) if total is not None else 'nothing'}",
                        kind=agg.fn)
            for eb, _ in elements:
                for l in agg.body:
                    if isinstance(l, M.RAtom):
                        g = self.ground(l, eb)
                        if g is not None:
                            node.children.append(self.derive(g, seen))
            return node
        left, right = self.term_text(lit.left, b), self.term_text(lit.right, b)
        return Node(statement=f"{left} {lit.op} {right}", reading=f"{left} {lit.op} {right}", kind="comparison")

    # ---- no: what failed ------------------------------------------------------------------------
    def why_not(self, q: M.GroundAtom | M.Pattern) -> list[FailedCondition]:
        """For each rule that could conclude q (or an instance of a question with variables),
        the condition that failed; for law data stated for other dates, those dates."""
        out: list[FailedCondition] = []
        stated = (self.law_facts.get(q, ()) if isinstance(q, M.GroundAtom)
                  else [f for a, fs in self.law_facts.items() if q.matches(a) for f in fs])
        for fact in stated:
            prov = self.law.provisions[fact.owner]
            if fact.owner in self.in_force and fact.valid_on(self.case.as_of):
                continue
            if fact.owner not in self.in_force:  # the provision stating it is not in force
                out.append(FailedCondition(provision=provision_ref(prov), rule=f"{fact.owner} (fact)", source=source(fact.span),
                                           reason="not in force", detail=self._out_of_period("in force", prov.in_force_from, prov.in_force_until)))
                continue
            out.append(FailedCondition(provision=provision_ref(prov), rule=f"{fact.owner} (fact)", source=source(fact.span),
                                       reason="not on this date", condition=str(fact.atom), reading=self.reading(fact.atom),
                                       detail=self._out_of_period("the law states it", fact.valid_from, fact.valid_until)))
        for inst in self.compiled.instances.values():
            rule = inst.rule
            if rule.head.pred != q.pred:
                continue
            # an argument the rule computes (due(X, D + 30)) is matched after its conditions bind it;
            # an argument a question leaves open (which G?) matches anything
            simple = [(t, v) for t, v in zip(rule.head.args, q.args) if isinstance(t, (M.TVar, M.Lit)) and v is not None]
            b = self._unify([t for t, _ in simple], [v for _, v in simple], {})
            if b is None:
                continue
            prov = self.law.provisions[rule.provision]
            ref = provision_ref(prov)
            if not prov.in_force_on(self.case.as_of):
                out.append(FailedCondition(provision=ref, rule=rule.id, source=source(rule.span), reason="not in force",
                                           detail=self._out_of_period("in force", prov.in_force_from, prov.in_force_until)))
                continue
            out.append(self._first_failure(inst, b, ref, q if isinstance(q, M.GroundAtom) else None))
        # a rule written with `or` compiles to one alternative each; the same failure is reported once
        # (and two rules of one provision that fail on the same condition, once too)
        unique = {(f.provision.id, f.reason, f.condition, f.detail): f for f in reversed(out)}
        return [f for f in out if unique[(f.provision.id, f.reason, f.condition, f.detail)] is f]

    def _out_of_period(self, what: str, start: dt.date | None, until: dt.date | None) -> str:
        """'in force from 2017-12-21; the case is as of 2016-06-01'."""
        period = " ".join(([f"from {start}"] if start else []) + ([f"until {until}"] if until else []))
        return f"{what} {period}; the case is as of {self.case.as_of}"

    def _first_failure(self, inst: RuleInstance, b: Bindings, ref: ProvisionRef, q: M.GroundAtom | None) -> FailedCondition:
        lits = list(inst.rule.alternatives[inst.alternative])
        ordered = [l for l in lits if isinstance(l, M.RAtom)] + [l for l in lits if not isinstance(l, M.RAtom)]
        frontier = [b]
        for lit in ordered:
            nxt = [nb for fb in frontier for nb in self._match([lit], 0, fb, self.possible)]
            if not nxt:
                sample = frontier[0]
                text, reading = self.failed_text(lit, sample)
                detail = None
                for agg in _aggs(lit):
                    total, _ = self.aggregate(agg, sample, self.possible)
                    detail = f"the {agg.fn} comes to {M.format_value(total) if total is not None else 'nothing'}"
                return FailedCondition(provision=ref, rule=inst.rule.id, source=source(inst.rule.span),
                                       reason="condition failed", condition=text, reading=reading, detail=detail)
            frontier = nxt[:200]
        concluded = [g for g in (self.ground(inst.rule.head, fb) for fb in frontier) if g is not None]
        if q is not None and concluded and q not in concluded:  # the conditions hold, but the rule computes another conclusion
            return FailedCondition(provision=ref, rule=inst.rule.id, source=source(inst.rule.span), reason="condition failed",
                                   condition=f"the conclusion {concluded[0]}", reading=f"the rule concludes {self.reading(concluded[0])}",
                                   detail=f"not {q}")
        if inst.has_exception:
            for fb in frontier:
                values = tuple(fb.get(v) for v in inst.variables)
                if (inst.n, values) in self.possible.excepted:
                    texts = [" and ".join(self.literal_text(l, fb)[0] for l in alt) for alt in inst.rule.unless]
                    readings = [" and ".join(self.literal_text(l, fb)[1] for l in alt) for alt in inst.rule.unless]
                    return FailedCondition(provision=ref, rule=inst.rule.id, source=source(inst.rule.span),
                                           reason="exception applied", condition="unless " + " or ".join(texts),
                                           reading=" or ".join(readings))
        if not self.inp.unknown_facts:  # nothing is unknown, yet every condition seemed met: an arithmetic term had no value
            return FailedCondition(provision=ref, rule=inst.rule.id, source=source(inst.rule.span), reason="condition failed",
                                   detail="an arithmetic term has no value (beyond the solver's range of "
                                          f"±{M.MAX_NUMBER:,}, or a division by zero)")
        uncertain = self._first_uncertain(ordered, frontier)  # bindings of a possible firing: names, not "some act"
        if uncertain is not None:
            text, reading = uncertain
            return FailedCondition(provision=ref, rule=inst.rule.id, source=source(inst.rule.span), reason="unknown",
                                   condition=text, reading=reading,
                                   detail="it holds on some resolutions of the unknown facts, not all")
        return FailedCondition(provision=ref, rule=inst.rule.id, source=source(inst.rule.span), reason="unknown",
                               detail="the conditions hold on some resolutions of the unknown facts, not all")

    def _first_uncertain(self, lits: list, frontier: list[Bindings]) -> tuple[str, str] | None:
        """The first condition that holds in some answer set but not in all: what the answer turns on."""
        for lit in lits:
            if isinstance(lit, M.RAtom):
                nxt = [nb for fb in frontier for nb in self._match([lit], 0, fb, self.certain)]
            elif isinstance(lit, M.RNot):  # certainly not X only where X is not even possible
                nxt = [fb for fb in frontier if (g := self.ground(lit.atom, fb)) is not None and not self.possible.has(g)]
            else:
                nxt = [fb for fb in frontier if self.compare(lit, fb)]
            if not nxt:
                sample = frontier[0]
                if isinstance(lit, M.RNot):
                    text, reading = self._positive_text(lit.atom, sample)
                    return "not " + text, f"{reading} (if it does, the rule does not apply)"
                return self.literal_text(lit, sample)
            frontier = nxt[:200]
        return None

    # ---- the whole answer ---------------------------------------------------------------------
    def answer(self, q: M.GroundAtom, sym: clingo.Symbol) -> QuestionResult:
        verdict = self.verdict(q, sym)
        result = QuestionResult(question=str(q), reading=self.reading(q), answer=verdict)
        if verdict is Answer.yes:
            result.grounds = [provision_ref(self.law.provisions[p]) for p in self.grounds(q)]
            tree = self.derive(q)
            result.explanation = tree
            result.facts_used = _leaves(tree)
        else:
            result.why_not = self.why_not(q)
        for f in self.case.facts:  # the case may state the answer itself (`not p(x).`)
            if f.atom == q and f.polarity != "unknown" and f.valid_on(self.case.as_of):
                result.stated = source(f.span)
        return result


def _leaves(node: Node) -> list[Node]:
    out: dict[str, Node] = {}

    def walk(n: Node) -> None:
        if n.kind in ("case fact", "given fact", "law fact"):
            out.setdefault(n.statement, n)
        for c in n.children:
            walk(c)

    walk(node)
    return list(out.values())


def some(type_name: str | None) -> str:
    """How a reading shows a thing no fact names: "some general prohibition"."""
    return f"some {type_name.replace('_', ' ')}" if type_name else "something"


def _aggs(lit: M.RLiteral):
    terms = []
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


# ---- undetermined: what would decide it ------------------------------------------------------------

def deciding_sets(law: M.Law, unknowns: list[M.GroundAtom], decide: Callable[[list[tuple[M.GroundAtom, bool]]], str],
                  case_constants, max_size: int = 3, limit: int = 5) -> list[DecidingSet]:
    """The smallest sets of unknown facts such that every assignment of them decides the answer."""
    found: list[DecidingSet] = []
    covered: list[set] = []
    # facts that settle it on one of their values first; then the others, which may settle it together
    # ((a and b) or c: no one of a, b decides, but {a, b, c} does)
    singles = [u for u in unknowns if any(decide([(u, v)]) != "undetermined" for v in (True, False))]
    pool = (singles + [u for u in unknowns if u not in singles])[:12]
    for size in range(1, max_size + 1):
        if found or size > len(pool):
            break
        # bounded search: pairs among the first 12 facts, triples among the first 8 (the single
        # deciders come first, so the likeliest sets are tried)
        for combo in itertools.combinations(pool[:{1: 12, 2: 12}.get(size, 8)], size):
            if any(c <= set(combo) for c in covered):
                continue
            outcomes = []
            decided = True
            for values in itertools.product((True, False), repeat=size):
                ans = decide(list(zip(combo, values)))
                if ans == "undetermined":
                    decided = False
                    break
                outcomes.append(", ".join(f"{'' if v else 'not '}{a}" for a, v in zip(combo, values)) + f" -> {ans}")
            if decided:
                covered.append(set(combo))
                found.append(DecidingSet(facts=[fact_question(law, a, case_constants) for a in combo], outcomes=outcomes))
                if len(found) >= limit:
                    return found
    return found


def fact_question(law: M.Law, atom: M.GroundAtom, constants) -> FactQuestion:
    reading = law.reading(atom, constants)
    pred = law.predicates[atom.pred]
    if pred.asks:
        q = pred.asks
        for (var, _), v in zip(pred.params, atom.args):
            q = q.replace("{" + var + "}", law.show(v, constants))
    else:
        q = f"Is it the case that {reading}?"
    return FactQuestion(statement=str(atom), reading=reading, question=q)
