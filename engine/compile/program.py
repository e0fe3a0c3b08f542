"""Compile the checked law to a clingo program, and case facts to clingo symbols.

The law becomes ASP text once. Every name in it was checked against the
grammar's identifier pattern and is prefixed (p_ predicates, c_ constants,
pv_ provisions), and every string is escaped, so no user text becomes solver
syntax. Case facts never become text at all: they reach the grounder as symbols
through the `@fact`, `@unknown`, `@asof` and `@inforce` context functions.

Per rule alternative n (one per disjunct of the body):

    r<n>(C, Vars) :- inforce(C, pv_<provision>), Body.          % the rule fired
    b<n>(C, Vars) :- inforce(C, pv_<provision>), Body.          % with `unless`: conditions met
    x<n>(C, Vars) :- b<n>(C, Vars), Exception.                  %   the exception holds
    r<n>(C, Vars) :- b<n>(C, Vars), not x<n>(C, Vars).          %   ... fired unless excepted
    p_<head>(C, Args) :- r<n>(C, Vars).

C is the case: one grounding decides a whole batch of cases.
"""

from __future__ import annotations

import datetime as dt
from dataclasses import dataclass, field

import clingo

from .. import model as M


def asp_string(s: str) -> str:
    return '"' + s.replace("\\", "\\\\").replace('"', '\\"').replace("\n", "\\n") + '"'


def value_symbol(v: M.Value) -> clingo.Symbol:
    if isinstance(v, M.Name):
        return clingo.Function("c_" + v.id)
    if isinstance(v, bool):
        raise TypeError("no booleans in Writ")
    if isinstance(v, int):
        return clingo.Number(v)
    if isinstance(v, M.Percent):
        return clingo.Number(v.hundredths)
    if isinstance(v, dt.date):
        return clingo.Number(v.toordinal())
    if isinstance(v, str):
        return clingo.String(v)
    raise TypeError(f"not a Writ value: {v!r}")


def symbol_value(sym: clingo.Symbol, typ: str | None) -> M.Value:
    if sym.type is clingo.SymbolType.String:
        return sym.string
    if sym.type is clingo.SymbolType.Number:
        n = sym.number
        if typ == "date":
            # arithmetic can carry a date past year 9999: show the day number rather than fail
            return dt.date.fromordinal(n) if 1 <= n <= dt.date.max.toordinal() else n
        if typ == "percent":
            return M.Percent(n)
        return n
    return M.Name(sym.name[2:])


def value_text(v: M.Value) -> str:
    """The ASP text of a value (for the statute part of the program)."""
    if isinstance(v, M.Name):
        return "c_" + v.id
    if isinstance(v, M.Percent):
        return str(v.hundredths)
    if isinstance(v, dt.date):
        return str(v.toordinal())
    if isinstance(v, int):
        return str(v)
    return asp_string(v)


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
    text: str
    instances: dict[int, RuleInstance]
    source_map: dict[int, tuple[str, int]] = field(default_factory=dict)  # program line -> (file, line)
    fact_preds: tuple[str, ...] = ()
    # every statement of each atom in the law (one atom may be stated for several periods)
    law_fact_index: dict[M.GroundAtom, tuple[M.Fact, ...]] = field(default_factory=dict)
    _data_cache: dict[tuple, dict[str, frozenset[tuple]]] = field(default_factory=dict, repr=False)

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

    def atom_symbol(self, case: int, atom: M.GroundAtom) -> clingo.Symbol:
        pred = self.law.predicates[atom.pred]
        args = [value_symbol(a) for a in atom.args]
        if pred.timeless:
            return clingo.Function("p_" + atom.pred, args)
        return clingo.Function("p_" + atom.pred, [clingo.Number(case), *args])

    def fact_tuple(self, case: int, atom: M.GroundAtom) -> clingo.Symbol:
        args = [clingo.Number(case), *(value_symbol(a) for a in atom.args)]
        return args[0] if len(args) == 1 else clingo.Tuple_(args)


def compile_law(law: M.Law) -> CompiledLaw:
    return _Compiler(law).run()


class _Compiler:
    def __init__(self, law: M.Law):
        self.law = law
        self.lines: list[str] = []
        self.source_map: dict[int, tuple[str, int]] = {}
        self.instances: dict[int, RuleInstance] = {}
        self.n = 0

    def emit(self, line: str, span=None) -> None:
        self.lines.append(line)
        if span is not None:
            self.source_map[len(self.lines)] = (span.file, span.line)

    def run(self) -> CompiledLaw:
        emit = self.emit
        emit("% Generated by Writ from the statutes; do not edit.")
        emit("case(C) :- asof(C, _).")
        emit("asof(C, D) :- (C, D) = @asof().")
        emit("inforce(C, P) :- (C, P) = @inforce().")
        fact_preds = []
        for name, pred in sorted(self.law.predicates.items()):
            if pred.fixed:  # law data: no case states it
                continue
            fact_preds.append(name)
            vars_ = ["C"] + [f"X{i}" for i in range(pred.arity)]
            head = f"p_{name}({', '.join(vars_)})"
            tup = vars_[0] if len(vars_) == 1 else f"({', '.join(vars_)})"
            emit(f"{head} :- {tup} = @fact({asp_string(name)}).")
            emit(f"{{ {head} }} :- {tup} = @unknown({asp_string(name)}).")
        self._dated_law_facts()
        for prov in self.law.provisions.values():
            emit(_comment(f"---- {prov.name}: {(prov.cite or '')[:100]}"))
            for fact in prov.facts:
                if self.law.predicates[fact.atom.pred].timeless:
                    self.emit(self._atom_text(fact.atom.pred, [value_text(a) for a in fact.atom.args]) + ".", fact.span)
            for rule in prov.rules:
                self._rule(rule)
        for name, pred in sorted(self.law.predicates.items()):
            if not pred.fixed:  # law data is read from the statutes (CompiledLaw.law_data)
                emit(f"#show p_{name}/{pred.arity + 1}.")
        for n, inst in self.instances.items():
            k = len(inst.variables) + 1
            emit(f"#show r{n}/{k}.")
            if inst.has_exception:
                emit(f"#show b{n}/{k}.")
                emit(f"#show x{n}/{k}.")
        index: dict[M.GroundAtom, tuple[M.Fact, ...]] = {}
        for fact in self.law.facts:
            index[fact.atom] = index.get(fact.atom, ()) + (fact,)
        return CompiledLaw(self.law, "\n".join(self.lines) + "\n", self.instances, self.source_map, tuple(fact_preds), index)

    def _atom_text(self, pred_name: str, args: list[str]) -> str:
        pred = self.law.predicates[pred_name]
        if not pred.timeless:
            args = ["C", *args]
        return f"p_{pred_name}({', '.join(args)})" if args else f"p_{pred_name}"

    def _dated_law_facts(self) -> None:
        """Law facts that hold only on some dates, as plain data plus one rule per predicate.

        Each (provision, from, until) is a validity class k: `d_<pred>(k, Args).`
        states the data once for every case, `valid(C, k)` says the class holds on
        the case's date, and `p_<pred>(C, Args) :- d_<pred>(K, Args), valid(C, K).`
        makes it the case's. One rule per predicate grounds far faster than a rule
        per fact (the Country Groups have hundreds).
        """
        classes: dict[tuple, int] = {}
        preds: set[str] = set()
        for prov in self.law.provisions.values():
            for fact in prov.facts:
                if self.law.predicates[fact.atom.pred].timeless:
                    continue
                k = classes.setdefault((prov.name, fact.valid_from, fact.valid_until), len(classes))
                preds.add(fact.atom.pred)
                args = [str(k)] + [value_text(a) for a in fact.atom.args]
                self.emit(f"d_{fact.atom.pred}({', '.join(args)}).", fact.span)
        for (prov_name, vfrom, vuntil), k in classes.items():
            body = [f"inforce(C, pv_{prov_name})"]
            if vfrom or vuntil:
                body.append("asof(C, D)")
                if vfrom:
                    body.append(f"D >= {vfrom.toordinal()}")
                if vuntil:
                    body.append(f"D <= {vuntil.toordinal()}")
            self.emit(f"valid(C, {k}) :- {', '.join(body)}.")
        for name in sorted(preds):
            xs = [f"X{i}" for i in range(self.law.predicates[name].arity)]
            self.emit(f"{self._atom_text(name, xs)} :- d_{name}({', '.join(['K', *xs])}), valid(C, K).")

    def _rule(self, rule: M.Rule) -> None:
        for j, (alt, variables) in enumerate(zip(rule.alternatives, rule.variables)):
            self.n += 1
            n = self.n
            self.agg_count = 0
            self.extra: list[str] = []
            types = _var_types(alt, rule.head)
            body = [f"inforce(C, pv_{rule.provision})"] + [self._literal(l) for l in alt] + self.extra
            vs = ", ".join(["C"] + [_var(v) for v in variables])
            head = self._atom_text(rule.head.pred, [self._term(a) for a in rule.head.args])
            self.emit(_comment(f"{rule.id} ({rule.span.file}:{rule.span.line})"), rule.span)
            if rule.unless:
                self.emit(f"b{n}({vs}) :- {', '.join(body)}.", rule.span)
                for ualt in rule.unless:
                    self.extra = []
                    ulits = [self._literal(l) for l in ualt] + self.extra
                    self.emit(f"x{n}({vs}) :- b{n}({vs}), {', '.join(ulits)}.", rule.span)
                self.emit(f"r{n}({vs}) :- b{n}({vs}), not x{n}({vs}).", rule.span)
            else:
                self.emit(f"r{n}({vs}) :- {', '.join(body)}.", rule.span)
            self.emit(f"{head} :- r{n}({vs}).", rule.span)
            self.instances[n] = RuleInstance(n, rule, j, variables, tuple(types.get(v) for v in variables), bool(rule.unless))

    def _literal(self, lit: M.RLiteral) -> str:
        if isinstance(lit, M.RAtom):
            return self._atom_text(lit.pred, [self._term(a) for a in lit.args])
        if isinstance(lit, M.RNot):
            return "not " + self._literal(lit.atom)
        return f"{self._term(lit.left)} {lit.op} {self._term(lit.right)}"

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
        saved = self.extra
        self.extra = []
        cond = [self._literal(l) for l in t.body] + self.extra
        self.extra = saved
        expr_var = t.expr.name if isinstance(t.expr, M.TVar) else None
        locals_ = [_var(v) for v in t.local_vars if v != expr_var]
        if t.fn == "count":
            elems = [self._term(t.expr)] if t.expr is not None else (locals_ or ["1"])
        else:
            elems = [self._term(t.expr)] + locals_
        self.extra.append(f"{var} = #{t.fn} {{ {', '.join(elems)} : {', '.join(cond)} }}")
        if t.fn in ("min", "max"):  # of nothing, clingo gives #sup / #inf, which compare; Writ gives no value
            self.extra.append(f"{var} != {'#inf' if t.fn == 'max' else '#sup'}")
        return var


def _comment(text: str) -> str:
    """An ASP line comment. A file name or a citation may hold a line break, which would end
    the comment and turn the rest into solver code: every control character becomes a space."""
    return "% " + "".join(" " if ord(ch) < 32 or ord(ch) == 127 or ch in "\u2028\u2029\x85" else ch for ch in text)


def _var(name: str) -> str:
    return "_" if name == "_" else "V_" + name


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
