"""Decide cases with clingo.

The law program is parsed by clingo once (to an AST) when a `Solver` is built;
each batch of cases is grounded together (every atom carries its case number)
and solved twice at most: brave consequences (true in some answer set) and
cautious consequences (true in all). An atom certain in every answer set is a
yes; one in none is a no; anything between depends on the unknown facts.
"""

from __future__ import annotations

import datetime as dt
from dataclasses import dataclass
from typing import Iterable, Sequence

import clingo
import clingo.ast

from .. import model as M
from ..compile import encoding as enc
from ..compile.program import CompiledLaw
from ..core.diagnostics import Reporter


@dataclass
class CaseInput:
    """One case's facts, reduced to what the solver needs on its as-of date."""

    case: M.Case
    true_facts: list[M.GroundAtom]
    unknown_facts: list[M.GroundAtom]  # stated unknown, or open and not stated
    open_unknowns: set[M.GroundAtom]  # the subset that is unknown only because the predicate is open
    inforce: list[str]  # provisions in force on the as-of date


@dataclass
class Consequences:
    """What holds for one case: in every answer set (certain) and in some (possible)."""

    certain: frozenset[clingo.Symbol]
    possible: frozenset[clingo.Symbol]
    index: int = 0  # the case's number in the grounding that decided it
    consistent: bool = True  # False: there is no answer set at all

    def holds(self, sym: clingo.Symbol) -> str:
        if sym in self.certain:
            return "yes"
        if sym not in self.possible:
            return "no"
        return "undetermined"


def prepare(law: M.Law, case: M.Case, extra_true: Iterable[M.GroundAtom] = (),
            extra_false: Iterable[M.GroundAtom] = ()) -> CaseInput:
    """Select the facts valid on the as-of date and enumerate the open unknowns."""
    day = case.as_of
    extra_true, extra_false = set(extra_true), set(extra_false)
    true_facts: dict[M.GroundAtom, None] = {}
    unknown: dict[M.GroundAtom, None] = {}
    stated: set[M.GroundAtom] = set()
    for f in case.facts:
        if not f.valid_on(day):
            continue
        stated.add(f.atom)
        if f.polarity == "true":
            true_facts.setdefault(f.atom)
        elif f.polarity == "unknown":
            unknown.setdefault(f.atom)
    for a in extra_true:
        true_facts.setdefault(a)
        unknown.pop(a, None)
        stated.add(a)
    for a in extra_false:
        true_facts.pop(a, None)
        unknown.pop(a, None)
        stated.add(a)
    open_unknowns = set()
    relevant = relevant_predicates(law, [q.pred for q in case.all_questions()] + [p.pred for p in case.patterns])
    for atom in open_domain(law, case, relevant):
        if atom not in stated:
            unknown.setdefault(atom)
            open_unknowns.add(atom)
    inforce = [p.name for p in law.provisions.values() if p.in_force_on(day)]
    return CaseInput(case, list(true_facts), list(unknown), open_unknowns, inforce)


def case_names(law: M.Law, case: M.Case) -> dict[str, str]:
    """The constants a case is about (name -> type): declared in it or named in its facts."""
    names: dict[str, str] = {c.name: c.type for c in case.constants.values()}
    for f in case.facts:
        for a in f.atom.args:
            if isinstance(a, M.Name) and a.id not in names:
                c = case.constants.get(a.id) or law.constants.get(a.id)
                if c:
                    names[a.id] = c.type
    for q in [*case.all_questions(), *case.patterns]:
        for a in q.args:
            if isinstance(a, M.Name) and a.id not in names:
                c = case.constants.get(a.id) or law.constants.get(a.id)
                if c:
                    names[a.id] = c.type
    return names


def relevant_predicates(law: M.Law, questions: Iterable[str]) -> set[str]:
    """The predicates a question can depend on, through the rules."""
    seen: set[str] = set()
    stack = list(questions)
    while stack:
        p = stack.pop()
        if p not in seen:
            seen.add(p)
            stack.extend(law.dependencies.get(p, ()))
    return seen


def open_domain(law: M.Law, case: M.Case, relevant: set[str] | None = None) -> list[M.GroundAtom]:
    """Every instance of an open predicate over the things the case is about
    (only predicates the case's questions can depend on, when `relevant` is given)."""
    names = case_names(law, case)
    out: list[M.GroundAtom] = []
    for pred in law.predicates.values():
        if not pred.open or (relevant is not None and pred.name not in relevant):
            continue
        pools = [[M.Name(n) for n, t in names.items() if law.is_subtype(t, ptype)] for _, ptype in pred.params]
        if not pred.params:
            out.append(M.GroundAtom(pred.name, ()))
            continue
        _product(pred.name, pools, [], out)
    return out


def _product(pred: str, pools, prefix, out) -> None:
    if len(prefix) == len(pools):
        out.append(M.GroundAtom(pred, tuple(prefix)))
        return
    for v in pools[len(prefix)]:
        prefix.append(v)
        _product(pred, pools, prefix, out)
        prefix.pop()


class _Inputs:
    """The clingo context: hands case data to the grounder as symbols, never as text."""

    def __init__(self, compiled: CompiledLaw, inputs: Sequence[CaseInput]):
        self.asof_syms: list[clingo.Symbol] = []
        self.inforce_syms: list[clingo.Symbol] = []
        self.facts: dict[str, list[clingo.Symbol]] = {}
        self.unknowns: dict[str, list[clingo.Symbol]] = {}
        for k, inp in enumerate(inputs):
            num = clingo.Number(k)
            self.asof_syms.append(clingo.Tuple_([num, clingo.Number(inp.case.as_of.toordinal())]))
            for p in inp.inforce:
                self.inforce_syms.append(clingo.Tuple_([num, enc.provision_symbol(p)]))
            for a in inp.true_facts:
                self.facts.setdefault(a.pred, []).append(compiled.fact_tuple(k, a))
            for a in inp.unknown_facts:
                self.unknowns.setdefault(a.pred, []).append(compiled.fact_tuple(k, a))

    def asof(self):
        return self.asof_syms

    def inforce(self):
        return self.inforce_syms

    def fact(self, pred):
        return self.facts.get(pred.string, [])

    def unknown(self, pred):
        return self.unknowns.get(pred.string, [])


class Solver:
    """Holds the law, parsed by clingo once; decides batches of cases against it."""

    def __init__(self, compiled: CompiledLaw):
        self.compiled = compiled
        self._program: list[clingo.ast.AST] = []
        clingo.ast.parse_string(compiled.text, self._program.append)

    def control(self, inputs: Sequence[CaseInput]) -> clingo.Control:
        ctl = clingo.Control(["--warn=none"])
        with clingo.ast.ProgramBuilder(ctl) as builder:
            for stm in self._program:
                builder.add(stm)
        ctl.ground([("base", [])], context=_Inputs(self.compiled, inputs))
        return ctl

    def solve(self, inputs: Sequence[CaseInput]) -> list[Consequences]:
        """Brave and cautious consequences for every case of the batch."""
        if not inputs:
            return []
        if len(inputs) == 1:
            return [self._one(inputs[0])]
        # Enumerating brave and cautious consequences over a batch that has unknown
        # facts needs a model per newly possible atom, each over the whole batch:
        # quadratic. So cases without unknowns share one grounding and one solve,
        # and each case with unknowns is enumerated on its own.
        results: list[Consequences | None] = [None] * len(inputs)
        closed = [k for k, i in enumerate(inputs) if not i.unknown_facts]
        if closed:
            ctl = self.control([inputs[k] for k in closed])
            batch = self.consequences(ctl, len(closed), False)
            if all(c.consistent for c in batch):
                for k, cons in zip(closed, batch):
                    results[k] = cons
            # else one case has no answer set, and a shared grounding fails as a whole:
            # decide each alone, so the error names that case and the others stand
        for k, inp in enumerate(inputs):
            if results[k] is None:
                results[k] = self._one(inp)
        return results  # type: ignore[return-value]

    def _one(self, inp: CaseInput) -> Consequences:
        cons = self.consequences(self.control([inp]), 1, bool(inp.unknown_facts))[0]
        if not cons.consistent:
            rep = Reporter()
            rep.error("E501", inp.case.span, f"the law has no consistent answer for case '{inp.case.name}' (no stable model)",
                      "a rule depends on itself through a sum, min or max whose value can fall as it grows, or "
                      "through 'not'; Writ refuses to answer rather than answer wrongly")
            rep.raise_if_errors()
        return cons

    def consequences(self, ctl: clingo.Control, n: int, has_choices: bool) -> list[Consequences]:
        if has_choices:
            possible = _enumerate(ctl, "brave")
            certain = _enumerate(ctl, "cautious") if possible is not None else None
        else:
            certain = possible = _enumerate(ctl, "auto")
        if possible is None or certain is None:  # no answer set: a law without a consistent answer for the case
            return [Consequences(frozenset(), frozenset(), index=k, consistent=False) for k in range(n)]
        if n == 1:  # every shown atom is the one case's: nothing to split
            return [Consequences(frozenset(certain), frozenset(possible), index=0)]
        # law data is not shown, so every shown atom carries its case's number first
        per_certain: list[set] = [set() for _ in range(n)]
        per_possible: list[set] = [set() for _ in range(n)]
        for syms, per in ((certain, per_certain), (possible, per_possible)):
            for s in syms:
                per[s.arguments[0].number].add(s)
        return [Consequences(frozenset(c), frozenset(p), index=k) for k, (c, p) in enumerate(zip(per_certain, per_possible))]


def satisfiable(ctl: clingo.Control, assumptions: Sequence[tuple[clingo.Symbol, bool]]) -> bool:
    """Whether some answer set agrees with the assumptions (one model, no enumeration)."""
    ctl.configuration.solve.enum_mode = "auto"  # type: ignore[union-attr]
    ctl.configuration.solve.models = 1  # type: ignore[union-attr]
    return bool(ctl.solve(assumptions=list(assumptions)).satisfiable)


def _enumerate(ctl: clingo.Control, mode: str) -> list[clingo.Symbol] | None:
    ctl.configuration.solve.enum_mode = mode  # type: ignore[union-attr]
    ctl.configuration.solve.models = 0 if mode != "auto" else 1  # type: ignore[union-attr]
    last = None
    with ctl.solve(yield_=True) as handle:
        for model in handle:
            last = model.symbols(shown=True)
    return last
