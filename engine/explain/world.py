"""Decoded consequences: the atoms and rule firings of one set of answer sets, indexed for matching.

A `World` is what the explainer reads instead of clingo symbols: the atoms by
predicate, the rule firings by the atom they conclude, and the firings whose
exception held. Symbols are decoded through `compile.encoding`, never by
spelling a solver name here.

Matching a rule's condition against a world asks "which atoms of p have these
values at these positions?"; the answer comes from an index built once per
(predicate, bound positions), so a 10,000-link ownership chain costs one pass
over the owns facts rather than one pass per link.
"""

from __future__ import annotations

from collections import defaultdict
from typing import Callable, Iterable, Mapping

import clingo

from .. import model as M
from ..compile import encoding as enc
from ..compile.encoding import symbol_value
from ..compile.program import CompiledLaw, RuleInstance

Bindings = dict[str, M.Value]
Firing = tuple[RuleInstance, Bindings]


class World:
    """One set of consequences, decoded: atoms by predicate and rule firings by head."""

    def __init__(self, atoms: Mapping[str, Iterable[tuple]], fired: dict[M.GroundAtom, list[Firing]],
                 excepted: set[tuple[int, tuple]]):
        self.atoms = atoms
        self.fired = fired
        self.excepted = excepted  # (rule n, binding values) whose exception held
        self._ordered: dict[str, list[tuple]] = {}
        self._index: dict[tuple[str, tuple[int, ...]], dict[tuple, list[tuple]]] = {}

    def has(self, atom: M.GroundAtom) -> bool:
        return atom.args in self.atoms.get(atom.pred, ())

    def ordered(self, pred: str) -> list[tuple]:
        """A predicate's atoms in a fixed order (sorted once), so output is reproducible."""
        got = self._ordered.get(pred)
        if got is None:
            got = self._ordered[pred] = sorted(self.atoms.get(pred, ()), key=repr)
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


def decode(compiled: CompiledLaw, syms: Iterable[clingo.Symbol], data: Mapping[str, frozenset[tuple]],
           head: Callable[[M.RAtom, Bindings], M.GroundAtom | None]) -> World:
    """The world of a set of symbols; `head` grounds a rule's conclusion under a firing's bindings."""
    # fixed law data is not in the answer set: it is the law's own index
    atoms: dict[str, set[tuple]] = defaultdict(set, data)  # type: ignore[arg-type]
    fired: dict[M.GroundAtom, list[Firing]] = defaultdict(list)
    excepted: set[tuple[int, tuple]] = set()
    values = _Values()
    for s in syms:
        kind = enc.decode_name(s)
        if kind is None:
            continue
        if kind.kind == "pred":
            atom = decode_atom(compiled.law, s, values)
            if atom is not None:
                atoms[atom.pred].add(atom.args)
        elif kind.kind in ("fired", "excepted"):
            inst = compiled.instances.get(kind.key)  # type: ignore[arg-type]
            if inst is None:
                continue
            vals = firing_values(inst, s, values)
            if kind.kind == "excepted":
                excepted.add((inst.n, vals))
                continue
            b = dict(zip(inst.variables, vals))
            concluded = head(inst.rule.head, b)
            if concluded is not None:
                fired[concluded].append((inst, b))
    return World(dict(atoms), dict(fired), excepted)


class _Values(dict):
    """Decoded argument values, by symbol and type: a name or a share recurs in many atoms,
    and reading a symbol through clingo's C interface costs more than a lookup."""

    def get_value(self, sym: clingo.Symbol, typ: str | None) -> M.Value:
        key = (sym, typ)
        v = self.get(key)
        if v is None:
            v = self[key] = symbol_value(sym, typ)
        return v


def decode_atom(law: M.Law, s: clingo.Symbol, values: _Values | None = None) -> M.GroundAtom | None:
    """The ground atom a shown predicate symbol stands for; None for anything else."""
    kind = enc.decode_name(s)
    pred = law.predicates.get(kind.key) if kind is not None and kind.kind == "pred" else None  # type: ignore[arg-type]
    if pred is None:
        return None
    args = s.arguments[1:]  # shown atoms all carry their case first (law data is not shown)
    value = values.get_value if values is not None else symbol_value
    return M.GroundAtom(pred.name, tuple(value(a, t) for a, (_, t) in zip(args, pred.params)))


def firing_values(inst: RuleInstance, s: clingo.Symbol, values: _Values | None = None) -> tuple:
    """The values of a rule instance's variables in one of its symbols (after the case number)."""
    value = values.get_value if values is not None else symbol_value
    return tuple(value(a, t) for a, t in zip(s.arguments[1:], inst.var_types))
