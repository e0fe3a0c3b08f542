"""Decoded consequences: the atoms and rule firings of one set of answer sets, indexed for matching.

A `World` is what the explainer reads instead of clingo symbols: the atoms of a
predicate, the rule firings that conclude an atom, and the firings whose exception
held. Symbols are decoded through `compile.encoding`, never by spelling a solver
name here.

Decoding is lazy, one predicate at a time: the symbols are grouped by name in one
pass, and a predicate's atoms (or the firings concluding it) are decoded the first
time they are asked for. An explanation reads a few predicates of the hundreds a
case decides; a 10,000-link ownership chain never decodes its 10,001 `entity` facts.

Matching a rule's condition against a world asks "which atoms of p have these
values at these positions?"; the answer comes from an index built once per
(predicate, bound positions), so a chain costs one pass over the owns facts rather
than one pass per link.
"""

from __future__ import annotations

from collections import defaultdict
from typing import Callable, Mapping

import clingo

from .. import model as M
from ..compile import encoding as enc
from ..compile.encoding import symbol_value
from ..compile.program import CompiledLaw, RuleInstance
from ..solve.outcome import SharedAtoms

Bindings = dict[str, M.Value]
Firing = tuple[RuleInstance, Bindings]
DIRECT_LOOKUPS = 32
"""How many atoms' firings of one rule are looked up symbol by symbol before all are decoded."""
Head = Callable[[M.RAtom, Bindings], "M.GroundAtom | None"]


class World:
    """One set of consequences, decoded on demand: atoms by predicate and rule firings by head."""

    def __init__(self, compiled: CompiledLaw, syms: frozenset[clingo.Symbol], data: Mapping[str, frozenset[tuple]],
                 head: Head, case: int, shared: SharedAtoms | None = None):
        self.compiled = compiled
        self.data = data  # fixed law data is not in the answer sets: it is the law's own index
        self.head = head  # grounds a rule's conclusion under a firing's bindings
        self._syms = syms  # the case's own shown atoms
        self._shared = shared  # and those it shares with the other cases of its grounding (solve.lawpart)
        self._case = case  # the case's number in its grounding: every shown atom carries it first
        self._by_name: dict[str, list[clingo.Symbol]] | None = None
        self._values = _Values()
        self._atoms: dict[str, frozenset[tuple] | set[tuple]] = {}
        self._firings: dict[M.GroundAtom, list[Firing]] = {}
        self._decoded: dict[int, dict[M.GroundAtom, list[Firing]]] = {}
        self._lookups: dict[int, int] = {}  # direct lookups made, by rule alternative
        self._excepted: dict[int, set[tuple]] = {}
        self._ordered: dict[str, list[tuple]] = {}
        self._index: dict[tuple[str, tuple[int, ...]], dict[tuple, list[tuple]]] = {}

    def _named(self, name: str) -> list[clingo.Symbol]:
        """The symbols of one name (all of them grouped in one pass, the first time any is asked for)."""
        if self._by_name is None:
            self._by_name = defaultdict(list)
            for s in self._syms:
                self._by_name[s.name].append(s)
        return self._by_name.get(name, [])

    def _rows(self, name: str, types: tuple[str | None, ...]) -> list[tuple]:
        """The values (after the case number, decoded as `types`) of every atom of one name: the
        case's own, then the shared ones."""
        value = self._values.get_value
        own = [tuple(value(a, t) for a, t in zip(s.arguments[1:], types)) for s in self._named(name)]
        return own + self._shared_rows(name, types)[0] if self._shared else own

    def _shared_rows(self, name: str, types: tuple[str | None, ...]) -> tuple[list[tuple], frozenset[tuple]]:
        """The shared atoms of one name, decoded once for every case of the grounding (and as a set)."""
        if self._shared is None:
            return [], frozenset()
        key = (name, types)
        got = self._shared.memo.get(key)
        if got is None:
            value = self._values.get_value
            rows = [tuple(value(a, t) for a, t in zip(args, types)) for args in self._shared.by_name.get(name, ())]
            got = self._shared.memo[key] = (rows, frozenset(rows))
        return got

    def args(self, pred: str) -> frozenset[tuple] | set[tuple]:
        """The argument tuples of pred's atoms (decoded on first use)."""
        got = self._atoms.get(pred)
        if got is None:
            got = self.data.get(pred, frozenset())
            p = self.compiled.law.predicates.get(pred)
            # shown atoms all carry their case first (law data is not shown)
            rows = self._rows(enc.pred(pred), tuple(t for _, t in p.params)) if p is not None else None
            if rows:
                got = set(got) | set(rows)
            self._atoms[pred] = got
        return got

    def has(self, atom: M.GroundAtom) -> bool:
        return atom.args in self.args(atom.pred)

    def firings(self, atom: M.GroundAtom) -> list[Firing]:
        """The rule firings that conclude atom, in the law's order of rules.

        Where a rule's conclusion binds every variable of its firing (`blocked(E) if ...`
        under blocked(e_7)), the firing's symbol is built and looked up: nothing is decoded
        (a decision asks about one atom). Otherwise, or once a rule has been asked about
        `DIRECT_LOOKUPS` atoms (an explanation walking a chain asks about thousands, and
        building a symbol costs more than decoding one), that rule's firings are decoded,
        once, and grouped by what they conclude."""
        got = self._firings.get(atom)
        if got is None:
            got = self._firings[atom] = []
            for inst in self.compiled.concluding(atom.pred):
                b = _bound_by_head(inst, atom) if inst.n not in self._decoded else None
                if b is None:
                    got.extend(self._decoded_firings(inst).get(atom, ()))
                    continue
                asked = self._lookups[inst.n] = self._lookups.get(inst.n, 0) + 1
                if asked > DIRECT_LOOKUPS:
                    got.extend(self._decoded_firings(inst).get(atom, ()))
                elif b and (enc.firing_symbol(inst.n, self._case, [b[v] for v in inst.variables]) in self._syms
                            or tuple(b[v] for v in inst.variables) in self._shared_rows(enc.fired(inst.n), inst.var_types)[1]):
                    got.append((inst, b))
        return got

    def _decoded_firings(self, inst: RuleInstance) -> dict[M.GroundAtom, list[Firing]]:
        by_head = self._decoded.get(inst.n)
        if by_head is None:
            by_head = self._decoded[inst.n] = {}
            for values in self._rows(enc.fired(inst.n), inst.var_types):
                b = dict(zip(inst.variables, values))
                concluded = self.head(inst.rule.head, b)
                if concluded is not None:
                    by_head.setdefault(concluded, []).append((inst, b))
        return by_head

    def excepted(self, n: int, values: tuple) -> bool:
        """Whether rule alternative n's exception held under these values of its variables."""
        got = self._excepted.get(n)
        if got is None:
            inst = self.compiled.instances.get(n)
            got = self._excepted[n] = set() if inst is None else set(self._rows(enc.excepted(n), inst.var_types))
        return values in got

    def ordered(self, pred: str) -> list[tuple]:
        """A predicate's atoms in a fixed order (sorted once), so output is reproducible."""
        got = self._ordered.get(pred)
        if got is None:
            got = self._ordered[pred] = sorted(self.args(pred), key=repr)
        return got

    def with_values(self, pred: str, positions: tuple[int, ...], values: tuple) -> list[tuple]:
        """The atoms of pred with these values at these argument positions, in `ordered` order."""
        if not positions:
            return self.ordered(pred)
        index = self._index.get((pred, positions))
        if index is None:
            index = self._index[(pred, positions)] = defaultdict(list)
            for args in self.ordered(pred):
                index[tuple(args[i] for i in positions)].append(args)
        return index.get(values, [])


def _bound_by_head(inst: RuleInstance, atom: M.GroundAtom) -> Bindings | None:
    """The firing's bindings if matching its conclusion with atom binds every variable of it
    ({} if the conclusion cannot be atom); None if the firings must be decoded to know."""
    bound: Bindings = {}
    for t, v in zip(inst.rule.head.args, atom.args):
        if isinstance(t, M.TVar) and t.name != "_":
            if bound.setdefault(t.name, v) != v:
                return {}
        elif isinstance(t, M.Lit):
            if t.value != v:
                return {}
        else:  # arithmetic in the conclusion: not inverted here
            return None
    if len(bound) != len(inst.variables) or any(v not in bound for v in inst.variables):
        return None
    return {v: bound[v] for v in inst.variables}


class _Values(dict):
    """Decoded argument values, by symbol and type: a name or a share recurs in many atoms,
    and reading a symbol through clingo's C interface costs more than a lookup."""

    def get_value(self, sym: clingo.Symbol, typ: str | None) -> M.Value:
        key = (sym._rep, typ)  # clingo's number of the symbol (see compile.encoding's memos)
        v = self.get(key)
        if v is None:
            v = self[key] = symbol_value(sym, typ)
        return v


def firing_values(inst: RuleInstance, s: clingo.Symbol, values: _Values | None = None) -> tuple:
    """The values of a rule instance's variables in one of its symbols (after the case number)."""
    value = values.get_value if values is not None else symbol_value
    return tuple(value(a, t) for a, t in zip(s.arguments[1:], inst.var_types))
