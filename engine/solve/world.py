"""The law grounded once, cases added to it step by step: one clingo Control per part of the
law and version of its data, kept across decisions (multi-shot solving).

The law data (the chart, the groups, the lists as law), every statement that does not
mention a case, and what follows from law data alone (`lawpart`: the law-level part of a
predicate a case may also state) are the base part, grounded once. The rules are the part `step(s)`, grounded
again for each batch of cases; each rule is guarded by `in_step(s, C)`, so a step grounds
its own cases and never again those of earlier steps. A case's facts reach the solver
through the backend as atoms (never as text), each conditioned on the step's external
`on_step(s)`; once the step is decided the external is released, so everything of its
cases is false from then on and later models show only their own step's cases. Cases are
numbered across the Control's life (a step's cases from `first`). The Control is rebuilt
when its atoms have grown past a bound, and after any step that raises (a limit, an error),
so a cancelled search never leaves state behind; a step without an answer set is released
like any other (its nogoods all hold its own external, false from then on). One step runs
at a time (a lock): a Control is not for two threads at once.
"""

from __future__ import annotations

import threading
from contextlib import contextmanager
from typing import Iterator, NamedTuple, Sequence

import clingo
import clingo.ast as A

from ..compile import encoding as enc
from ..compile.program import CompiledLaw
from . import lawpart
from .inputs import CaseInput
from .outcome import SharedAtoms
from .outcome import Limits, LimitReached

# The Control is rebuilt once its steps have added this many atoms: a released step's atoms stay
# in the solver's program, and every later step pays for them (adding facts, grounding, solving and
# releasing all slow down: an export-control case from ~30 ms in a fresh Control to ~60 ms after
# 60 steps), while building the Control again costs ~10-15 ms (its base part, grounded once).
_RECYCLE_ATOMS = 12_000


class LawContext:
    """The grounding context of the base and step parts: only the law's own data."""

    def __init__(self, rows: dict[str, list[clingo.Symbol]]):
        self.rows = rows

    def law(self, pred):
        return self.rows.get(pred.string, [])

    # a case's data comes through the backend; a statement other than the compiler's own that reads it gets none
    def fact(self, pred):
        _ = pred.string  # a name, as the compiler writes it; anything else is a grounding error (tests/solve/test_outcome.py)
        return []

    unknown = fact
    denied = fact

    def asof(self):
        return []

    inforce = asof


class _Variables(A.Transformer):
    def __init__(self):
        self.names: set[str] = set()

    def visit_Variable(self, node):
        self.names.add(node.name)
        return node


class Parts(NamedTuple):
    """A slice's statements for a kept grounding: the base part, the step part, the predicates
    whose law-level part is in the base (name -> arity, `lawpart`), and the parts without that
    split (`plain`: what a world falls back on if a law-level atom is not a fact)."""

    base: list[A.AST]
    step: list[A.AST]
    law: dict[str, int]
    plain: tuple[list[A.AST], list[A.AST]] | None = None


def split(program: str, case_lines: frozenset[str]) -> Parts:
    """The statements of a program slice: base and step; the step's rules guarded by in_step(s, C),
    what follows from the law data alone lifted into the base (`lawpart`).

    The compiler's `case_lines` (reading a case's data through context functions) are left out."""
    stms: list[A.AST] = []
    A.parse_string("\n".join(line for line in program.split("\n") if line not in case_lines), stms.append)
    tmpl: list[A.AST] = []
    A.parse_string(f"#program {enc.STEP_PART}({enc.STEP_PARAM}). h :- {enc.IN_STEP}({enc.STEP_PARAM}, C).", tmpl.append)
    header, guard = tmpl[1], tmpl[2].body[0]
    base: list[A.AST] = []
    step: list[A.AST] = [header]
    for stm in stms:
        if stm.ast_type == A.ASTType.Program:
            continue
        if stm.ast_type != A.ASTType.Rule:
            base.append(stm)
            continue
        names = _Variables()
        names(stm)
        if "C" in names.names:
            step.append(A.Rule(stm.location, stm.head, [guard, *(_world_inforce(lit) for lit in stm.body)]))
        else:
            base.append(stm)
    lifted = lawpart.lift(base, step)
    if lifted is None:
        return Parts(base, step, {})
    return Parts(*lifted, plain=(base, step))


def _world_inforce(lit: A.AST) -> A.AST:
    """`inforce(C, P)` read as `w_inforce(P)`: the provisions in force are the same for every case
    of a kept grounding (`World` is one per set of them), so they are grounded once, not per case;
    the rule's guard `in_step(s, C)` still binds C."""
    if lit.ast_type != A.ASTType.Literal or lit.atom.ast_type != A.ASTType.SymbolicAtom:
        return lit
    fn = lit.atom.symbol
    if fn.ast_type != A.ASTType.Function or fn.name != enc.IN_FORCE or len(fn.arguments) != 2 \
            or fn.arguments[0].ast_type != A.ASTType.Variable or fn.arguments[0].name != "C":
        return lit
    atom = A.SymbolicAtom(A.Function(fn.location, enc.WORLD_IN_FORCE, [fn.arguments[1]], False))
    return A.Literal(lit.location, lit.sign, atom)


class World:
    """One part of the law with one version of its data, grounded once; cases are added in steps."""

    def __init__(self, compiled: CompiledLaw, relevant: frozenset[str] | None, key: frozenset[int],
                 parts: Parts | tuple[list[A.AST], list[A.AST]], inforce: frozenset[str] = frozenset()):
        self.compiled, self.relevant, self.inforce = compiled, relevant, inforce
        self.context = LawContext(compiled.law_symbols(key))
        self.parts = parts if isinstance(parts, Parts) else Parts(*parts, {})
        self.ctl: clingo.Control | None = None
        self._lock = threading.Lock()
        # the shown law-level atoms (name, arguments after the case number), found on the first grounding
        # and shared by every case's consequences (kept when the Control is rebuilt: the same law)
        self.shared: SharedAtoms | None = None

    def _fresh(self) -> clingo.Control:
        ctl = clingo.Control(["--warn=none"])
        with A.ProgramBuilder(ctl) as builder:
            for stm in [*self.parts[0], *self.parts[1]]:
                builder.add(stm)
        with ctl.backend() as b:  # the provisions in force, for every case of this world
            for p in sorted(self.inforce):
                b.add_rule([b.add_atom(enc.world_inforce_symbol(p))])
        ctl.ground([("base", [])], context=self.context)
        if self.parts.law and self.shared is None:
            shown = self._shown_law(ctl)
            if shown is None:  # a law-level atom that is not certain: this world keeps the program unsplit
                assert self.parts.plain is not None
                self.parts = Parts(*self.parts.plain, {})
                return self._fresh()
            self.shared = SharedAtoms(shown)
        self.ctl, self.steps, self.cases, self.grown = ctl, 0, 0, 0
        self.base_atoms = len(ctl.symbolic_atoms)
        return ctl

    def _shown_law(self, ctl: clingo.Control) -> list[tuple[str, list[clingo.Symbol]]] | None:
        """The law-level atoms of the shown predicates, each as (its case-level name, its arguments);
        None if some law-level atom is not a fact of the base grounding (then not in every answer set)."""
        shown = {(stm.name, stm.arity) for stm in self.parts.base if stm.ast_type == A.ASTType.ShowSignature}
        out: list[tuple[str, list[clingo.Symbol]]] = []
        for name, arity in sorted(self.parts.law.items()):
            for sa in ctl.symbolic_atoms.by_signature(enc.law_level(name), arity - 1):
                if not sa.is_fact:
                    return None
                if (name, arity) in shown:
                    out.append((name, list(sa.symbol.arguments)))
        return out

    @contextmanager
    def step(self, inputs: Sequence[CaseInput], limits: Limits) -> Iterator[tuple[clingo.Control, int]]:
        """The cases grounded as one step: yields (Control, number of the first case)."""
        with self._lock:
            with self._step(inputs, limits) as got:
                yield got

    @contextmanager
    def _step(self, inputs: Sequence[CaseInput], limits: Limits) -> Iterator[tuple[clingo.Control, int]]:
        ctl = self.ctl
        if any(frozenset(i.inforce) != self.inforce for i in inputs):
            raise ValueError("cases grounded in one world must have the same provisions in force")
        if ctl is None or self.grown > _RECYCLE_ATOMS:
            ctl = self._fresh()
        s, first = self.steps, self.cases
        self.steps, self.cases = s + 1, first + len(inputs)
        ok = False
        try:
            before = len(ctl.symbolic_atoms)
            self._add_facts(ctl, s, first, inputs)
            ctl.ground([(enc.STEP_PART, [clingo.Number(s)])], context=self.context)
            added = len(ctl.symbolic_atoms) - before
            self.grown += added
            n = added + self.base_atoms
            if n > limits.ground_atoms:
                raise LimitReached(f"its grounding has {n:,} atoms, over the limit of {limits.ground_atoms:,} (Limits.ground_atoms)")
            yield ctl, first
            ok = True
        finally:
            if ok:
                ctl.release_external(enc.step_on(s))
            else:
                self.ctl = None  # rebuilt on the next step: a failed step leaves nothing behind

    def _add_facts(self, ctl: clingo.Control, s: int, first: int, inputs: Sequence[CaseInput]) -> None:
        law, relevant = self.compiled.law, self.relevant
        preds = law.predicates

        def wanted(pred: str) -> bool:  # the slice reads it (a predicate of this law a case can state)
            p = preds.get(pred)  # a listing of a regime this law does not load is no fact of it
            return p is not None and not p.fixed and (relevant is None or pred in relevant)

        with ctl.backend() as b:
            on = b.add_atom(enc.step_on(s))
            b.add_external(on, clingo.TruthValue.True_)
            cond = [on]
            for k, inp in enumerate(inputs):
                c = first + k
                b.add_rule([b.add_atom(enc.in_step(s, c))], cond)
                b.add_rule([b.add_atom(enc.asof_symbol(c, inp.case.as_of.toordinal()))], cond)
                for a in inp.true_facts:
                    if wanted(a.pred):
                        b.add_rule([b.add_atom(self.compiled.atom_symbol(c, a))], cond)
                for a in inp.unknown_facts:
                    if wanted(a.pred):
                        b.add_rule([b.add_atom(self.compiled.atom_symbol(c, a))], cond, choice=True)
                for a in inp.denied:  # a stated 'not' of a concluded predicate: no answer may conclude it
                    if wanted(a.pred):
                        b.add_rule([], [b.add_atom(self.compiled.atom_symbol(c, a)), on])
                        if enc.pred(a.pred) in self.parts.law:  # nor may the law alone
                            b.add_rule([], [b.add_atom(enc.law_level_symbol(a.pred, a.args)), on])
