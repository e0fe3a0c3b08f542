"""Compile the checked law to a clingo program, and case facts to clingo symbols.

The law becomes ASP text once. Every name in it was checked against the
grammar's identifier pattern and is prefixed (p_ predicates, c_ constants,
pv_ provisions), and every string is escaped, so no user text becomes solver
syntax. Case facts never become text at all: they reach the grounder as symbols
through the `@fact`, `@unknown`, `@denied`, `@asof` and `@inforce` context functions
(`@denied`: a case's stated "not" facts of predicates a rule concludes, each a constraint).

Per rule alternative n (one per disjunct of the body):

    r<n>(C, Vars) :- inforce(C, pv_<provision>), Body.          % the rule fired
    b<n>(C, Vars) :- inforce(C, pv_<provision>), Body.          % with `unless`: conditions met
    x<n>(C, Vars) :- b<n>(C, Vars), Exception.                  %   the exception holds
    r<n>(C, Vars) :- b<n>(C, Vars), not x<n>(C, Vars).          %   ... fired unless excepted
    p_<head>(C, Args) :- r<n>(C, Vars).

C is the case: one grounding decides a whole batch of cases.

Every line of the program is tagged with the predicate it is about (None: the
engine's own lines, always kept), so a case is grounded against only the part
of the law its questions depend on (`CompiledLaw.program`).
"""

from __future__ import annotations

import datetime as dt
from dataclasses import dataclass, field

import clingo

from .. import model as M
from . import encoding as enc
from .encoding import asp_string, value_text


@dataclass(frozen=True, slots=True)
class RuleInstance:
    """One compiled alternative of a rule: r<n>."""

    n: int
    rule: M.Rule
    alternative: int
    variables: tuple[str, ...]
    var_types: tuple[str | None, ...]
    has_exception: bool


@dataclass
class CompiledLaw:
    law: M.Law
    text: str  # the whole program
    instances: dict[int, RuleInstance]
    # every statement of each atom in the law (one atom may be stated for several periods)
    law_fact_index: dict[M.GroundAtom, tuple[M.Fact, ...]] = field(default_factory=dict)
    _data_cache: dict[tuple, dict[str, frozenset[tuple]]] = field(default_factory=dict, repr=False)
    # each line of the program with the predicate it is about (None: always part of it)
    lines: tuple[tuple[str | None, str], ...] = ()
    # law data: validity class k = (provision, from, until), (None, None, None) holding always;
    # the rows of each fixed predicate with their class
    law_classes: tuple[tuple, ...] = ()
    law_rows: dict[str, tuple[tuple[int, tuple], ...]] = field(default_factory=dict)
    _symbols: dict[frozenset[int], dict[str, list[clingo.Symbol]]] = field(default_factory=dict, repr=False)
    _slices: dict[frozenset[str] | None, str] = field(default_factory=dict, repr=False)
    # the lines that read a case's facts, its date and provisions in force through context functions:
    # a kept grounding (solve.world) hands these over through the backend instead
    case_lines: frozenset[str] = frozenset()
    _by_head: dict[str, tuple[RuleInstance, ...]] | None = field(default=None, repr=False)

    def concluding(self, pred: str) -> tuple[RuleInstance, ...]:
        """The rule alternatives whose conclusion is of pred, in the law's order (indexed once)."""
        if self._by_head is None:
            by_head: dict[str, list[RuleInstance]] = {}
            for inst in self.instances.values():
                by_head.setdefault(inst.rule.head.pred, []).append(inst)
            self._by_head = {p: tuple(v) for p, v in by_head.items()}
        return self._by_head.get(pred, ())

    def program(self, relevant: frozenset[str] | None = None) -> str:
        """The program text restricted to the predicates in `relevant` (None: all of it).

        `relevant` is closed under the rules' dependencies (inputs.relevant_predicates),
        so every rule kept has every rule its body needs: the answers about those
        predicates are those of the whole program."""
        if relevant is None or not self.lines:
            return self.text
        if relevant not in self._slices:
            self._slices[relevant] = "\n".join(t for p, t in self.lines if p is None or p in relevant) + "\n"
        return self._slices[relevant]

    def law_data(self, day: dt.date, in_force: frozenset[str]) -> dict[str, frozenset[tuple]]:
        """The fixed law data (the country chart, the groups) that holds on a date.

        Law data is not shown in answer sets: thousands of chart rows decoded
        back from every model would cost more than the solve. Answers and
        explanations read it here instead, from the statutes' own statements."""
        key = (day, in_force)
        if key not in self._data_cache:
            data: dict[str, set[tuple]] = {}
            for atom, facts in self.law_fact_index.items():
                if self.law.predicates[atom.pred].fixed and any(
                        f.polarity == "true" and f.owner in in_force and f.valid_on(day) for f in facts):
                    data.setdefault(atom.pred, set()).add(atom.args)
            self._data_cache[key] = {p: frozenset(a) for p, a in data.items()}
        return self._data_cache[key]

    def law_key(self, day: dt.date, in_force: frozenset[str]) -> frozenset[int]:
        """The validity classes of law data that hold on a date: cases with one key share law data."""
        return frozenset(k for k, (prov, vfrom, vuntil) in enumerate(self.law_classes)
                         if prov is None or (prov in in_force and (vfrom is None or vfrom <= day)
                                             and (vuntil is None or day <= vuntil)))

    def law_symbols(self, key: frozenset[int]) -> dict[str, list[clingo.Symbol]]:
        """The rows of each law-data predicate in the classes of `key`, as the @law context hands them over
        (built once per key and reused by every grounding)."""
        if key not in self._symbols:
            out: dict[str, list[clingo.Symbol]] = {}
            for pred, rows in self.law_rows.items():
                syms: dict[clingo.Symbol, None] = {}
                for k, args in rows:
                    if k in key:
                        vals = [enc.value_symbol(a) for a in args]
                        syms.setdefault(vals[0] if len(vals) == 1 else clingo.Tuple_(vals))
                out[pred] = list(syms)
            self._symbols[key] = out
        return self._symbols[key]

    def atom_symbol(self, case: int, atom: M.GroundAtom) -> clingo.Symbol:
        return enc.atom_symbol(atom.pred, atom.args, None if self.law.predicates[atom.pred].fixed else case)

    def fact_tuple(self, case: int, atom: M.GroundAtom) -> clingo.Symbol:
        return enc.fact_tuple(case, atom.args)


def compile_law(law: M.Law) -> CompiledLaw:
    return _Compiler(law).run()


class _Compiler:
    def __init__(self, law: M.Law):
        self.law = law
        self.lines: list[tuple[str | None, str]] = []
        self.instances: dict[int, RuleInstance] = {}
        self.n = 0

    def emit(self, line: str, about: str | None = None) -> None:
        """One line of the program, about predicate `about` (None: kept in every slice)."""
        self.lines.append((about, line))

    def run(self) -> CompiledLaw:
        emit = self.emit
        emit("% Generated by Writ from the statutes; do not edit.")
        emit("case(C) :- asof(C, _).")
        case_lines = {"asof(C, D) :- (C, D) = @asof().", "inforce(C, P) :- (C, P) = @inforce()."}
        for line in sorted(case_lines):
            emit(line)
        concluded = {rule.head.pred for prov in self.law.provisions.values() for rule in prov.rules}
        for name, pred in sorted(self.law.predicates.items()):
            if pred.fixed:  # law data: no case states it
                continue
            vars_ = ["C"] + [f"X{i}" for i in range(pred.arity)]
            head = f"{enc.pred(name)}({', '.join(vars_)})"
            tup = vars_[0] if len(vars_) == 1 else f"({', '.join(vars_)})"
            lines = [f"{head} :- {tup} = @fact({asp_string(name)}).", f"{{ {head} }} :- {tup} = @unknown({asp_string(name)})."]
            if name in concluded:  # a case's 'not' fact of a concluded predicate: no answer may conclude it
                lines.append(f":- {head}, {tup} = @denied({asp_string(name)}).")
            for line in lines:
                case_lines.add(line)
                emit(line, name)
        self._law_data()
        for prov in self.law.provisions.values():
            emit(_comment(f"---- {prov.name}: {(prov.cite or '')[:100]}"), "")  # "": in the whole text only
            for rule in prov.rules:
                self._rule(rule)
        for name, pred in sorted(self.law.predicates.items()):
            if not pred.fixed:  # law data is read from the statutes (CompiledLaw.law_data)
                emit(f"#show {enc.pred(name)}/{pred.arity + 1}.", name)
        for n, inst in self.instances.items():
            k = len(inst.variables) + 1
            head = inst.rule.head.pred
            emit(f"#show {enc.fired(n)}/{k}.", head)
            if inst.has_exception:
                emit(f"#show {enc.conditions_met(n)}/{k}.", head)
                emit(f"#show {enc.excepted(n)}/{k}.", head)
        index: dict[M.GroundAtom, tuple[M.Fact, ...]] = {}
        for fact in self.law.facts:
            index[fact.atom] = index.get(fact.atom, ()) + (fact,)
        text = "\n".join(t for _, t in self.lines) + "\n"
        return CompiledLaw(self.law, text, self.instances, index, lines=tuple(self.lines),
                           law_classes=self.law_classes, law_rows=self.law_rows, case_lines=frozenset(case_lines))

    def _atom_text(self, pred_name: str, args: list[str]) -> str:
        pred = self.law.predicates[pred_name]
        if not pred.fixed:  # law data is the same for every case of a grounding
            args = ["C", *args]
        return f"{enc.pred(pred_name)}({', '.join(args)})" if args else enc.pred(pred_name)

    def _law_data(self) -> None:
        """Law data (every fixed predicate) as rows handed over by the grounding's context.

        Each (provision, from, until) is a validity class; a timeless fact is in the
        class that always holds. Cases grounded together share the classes that hold
        for them (`Context` checks it), so law data carries no case number and is never
        copied per case: `p_<pred>(Args) :- (Args) = @law("<pred>").`, one statement
        per predicate, however many rows the chart has. (A dated fact of a predicate
        that is not fixed is the case's, as a case could state it: `p_<pred>(C, Args)`.)
        """
        classes: dict[tuple, int] = {}
        rows: dict[str, list[tuple[int, tuple]]] = {}
        for prov in self.law.provisions.values():
            for fact in prov.facts:
                if self.law.predicates[fact.atom.pred].timeless:
                    key: tuple = (None, None, None)  # holds always, as the program had it
                else:
                    key = (prov.name, fact.valid_from, fact.valid_until)
                k = classes.setdefault(key, len(classes))
                rows.setdefault(fact.atom.pred, []).append((k, fact.atom.args))
        for name in sorted(rows):
            xs = [f"X{i}" for i in range(self.law.predicates[name].arity)]
            tup = xs[0] if len(xs) == 1 else f"({', '.join(xs)})"
            # a predicate that is not fixed may also be concluded or stated by a case: each case has its own
            body = "" if self.law.predicates[name].fixed else ", case(C)"
            self.emit(f"{self._atom_text(name, xs)} :- {tup} = @law({asp_string(name)}){body}.", name)
        self.law_classes = tuple(classes)
        self.law_rows = {p: tuple(r) for p, r in rows.items()}

    def _rule(self, rule: M.Rule) -> None:
        for j, (alt, variables) in enumerate(zip(rule.alternatives, rule.variables)):
            self.n += 1
            n = self.n
            self.agg_count = 0
            self.extra: list[str] = []
            types = _var_types(alt, rule.head)
            body = [f"inforce(C, {enc.provision(rule.provision)})"] + [self._literal(l) for l in alt] + self.extra
            vs = ", ".join(["C"] + [_var(v) for v in variables])
            head = self._atom_text(rule.head.pred, [self._term(a) for a in rule.head.args])
            about = rule.head.pred
            self.emit(_comment(f"{rule.id} ({rule.span.file}:{rule.span.line})"), about)
            if rule.unless:
                b, x, r = enc.conditions_met(n), enc.excepted(n), enc.fired(n)
                self.emit(f"{b}({vs}) :- {', '.join(body)}.", about)
                for ualt in rule.unless:
                    self.extra = []
                    ulits = [self._literal(l) for l in ualt] + self.extra
                    self.emit(f"{x}({vs}) :- {b}({vs}), {', '.join(ulits)}.", about)
                self.emit(f"{r}({vs}) :- {b}({vs}), not {x}({vs}).", about)
            else:
                self.emit(f"{enc.fired(n)}({vs}) :- {', '.join(body)}.", about)
            self.emit(f"{head} :- {enc.fired(n)}({vs}).", about)
            self.instances[n] = RuleInstance(n, rule, j, variables, tuple(types.get(v) for v in variables), bool(rule.unless))

    def _literal(self, lit: M.RLiteral) -> str:
        if isinstance(lit, M.RAtom):
            return self._atom_text(lit.pred, [self._term(a) for a in lit.args])
        if isinstance(lit, M.RNot):
            return "not " + self._literal(lit.atom)
        if isinstance(lit.left, M.TAgg) and lit.left.fn in ("sum", "count") and lit.op in (">=", ">") \
                and not isinstance(lit.right, M.TAgg):
            # `#sum{..} >= 50%` as a guard, not `A = #sum{..}, A >= 50%`: clingo treats the guard as
            # monotone, so a recursive sum (the 50 percent rule through a cycle of owners) has its least
            # fixpoint as its answer, where the assignment form has no answer set at all
            return f"{self._aggregate_text(lit.left)} {lit.op} {self._term(lit.right)}"
        return f"{self._term(lit.left)} {lit.op} {self._term(lit.right)}"

    def _aggregate_text(self, t: M.TAgg) -> str:
        """`#fn { elements : conditions }` for an aggregate term."""
        saved = self.extra
        self.extra = []
        cond = [self._literal(l) for l in t.body] + self.extra
        self.extra = saved
        expr_var = t.expr.name if isinstance(t.expr, M.TVar) else None
        locals_ = [_var(v) for v in t.local_vars if v != expr_var]
        if t.fn == "count":
            elems = [self._term(t.expr)] if t.expr is not None else (locals_ or ["1"])
        else:
            assert t.expr is not None  # sum, min and max have a value: the checker refuses one without (E217)
            elems = [self._term(t.expr)] + locals_
        return f"#{t.fn} {{ {', '.join(elems)} : {', '.join(cond)} }}"

    def _term(self, t: M.RTerm) -> str:
        if isinstance(t, M.TVar):
            return _var(t.name)
        if isinstance(t, M.Lit):
            return value_text(t.value)
        if isinstance(t, M.TToday):
            if "asof(C, Today)" not in self.extra:
                self.extra.append("asof(C, Today)")
            return "Today"
        if isinstance(t, M.TBin):
            op = "/" if t.op == "/" else t.op
            return f"({self._term(t.left)} {op} {self._term(t.right)})"
        assert isinstance(t, M.TAgg)
        self.agg_count += 1
        var = f"Agg{self.agg_count}"
        self.extra.append(f"{var} = {self._aggregate_text(t)}")
        if t.fn in ("min", "max"):  # of nothing, clingo gives #sup / #inf, which compare; Writ gives no value
            self.extra.append(f"{var} != {'#inf' if t.fn == 'max' else '#sup'}")
        return var


def _comment(text: str) -> str:
    """An ASP line comment. A file name or a citation may hold a line break, which would end
    the comment and turn the rest into solver code: every control character becomes a space."""
    return "% " + "".join(" " if ord(ch) < 32 or ord(ch) == 127 or ch in "\u2028\u2029\x85" else ch for ch in text)


_var = enc.variable


def _var_types(alt, head: M.RAtom) -> dict[str, str | None]:
    types: dict[str, str | None] = {}

    def visit_term(t):
        if isinstance(t, M.TVar):
            if t.name not in types or types[t.name] is None:
                types[t.name] = t.type
        elif isinstance(t, M.TBin):
            visit_term(t.left)
            visit_term(t.right)

    def visit(lit):
        if isinstance(lit, M.RAtom):
            for a in lit.args:
                visit_term(a)
        elif isinstance(lit, M.RNot):
            visit(lit.atom)
        elif isinstance(lit, M.RCmp):
            visit_term(lit.left)
            visit_term(lit.right)

    for lit in alt:
        visit(lit)
    visit(head)
    return types
