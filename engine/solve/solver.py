"""Decide cases with clingo: the `Solver` holds the compiled law and decides batches.

Each case is grounded against only the part of the law its questions depend on
(`CaseInput.relevant`); that part, with the law data in force on the case's date, is
grounded once and kept (`world.World`), and cases are added to it step by step. An
atom certain in every answer set is a yes; one in none is a no; anything between
depends on the unknown facts. How a batch is split into groundings is `batch`; what a
case's outcome can be is `outcome`. `control` still builds a fresh, separate grounding
of given cases, for callers that solve it again and again under assumptions.
"""

from __future__ import annotations

from contextlib import contextmanager, nullcontext
from typing import Sequence

import clingo
import clingo.ast

from ..compile.program import CompiledLaw
from . import batch, native
from .batch import satisfiable
from .inputs import CaseInput, Context, case_names, open_domain, prepare, relevant_predicates
from .outcome import DEFAULT_LIMITS, Consequences, Limits, Outcome
from .world import Parts, World, split

__all__ = ["Solver", "CaseInput", "Consequences", "Limits", "Outcome", "prepare", "relevant_predicates",
           "satisfiable", "open_domain", "case_names"]


class Solver:
    """Holds the law, parsed by clingo once per slice; decides batches of cases against it."""

    def __init__(self, compiled: CompiledLaw, limits: Limits = DEFAULT_LIMITS):
        self.compiled = compiled
        self.limits = limits
        self._parsed: dict[frozenset[str] | None, list[clingo.ast.AST]] = {}
        self._keys: dict[object, frozenset[int]] = {}
        self._split: dict[frozenset[str] | None, Parts] = {}
        self._worlds: dict[tuple[frozenset[str] | None, frozenset[int], frozenset[str]], World] = {}

    def law_key(self, inp: CaseInput) -> frozenset[int]:
        """Which law data holds for the case (it follows from the as-of date alone)."""
        day = inp.case.as_of
        if day not in self._keys:
            self._keys[day] = self.compiled.law_key(day, frozenset(inp.inforce))
        return self._keys[day]

    def _program(self, relevant: frozenset[str] | None) -> list[clingo.ast.AST]:
        if relevant not in self._parsed:
            stms: list[clingo.ast.AST] = []
            clingo.ast.parse_string(self.compiled.program(relevant), stms.append)
            self._parsed[relevant] = stms
        return self._parsed[relevant]

    def _slice(self, inputs: Sequence[CaseInput]) -> tuple[frozenset[str] | None, frozenset[int]]:
        """The part of the law the cases need, and the one version of its data they share."""
        keys = {self.law_key(i) for i in inputs}
        if len(keys) > 1:  # law data carries no case number: one grounding, one version of it
            raise ValueError("cases grounded together must have the same law data in force")
        return _union([i.relevant for i in inputs]), keys.pop() if keys else frozenset()

    def control(self, inputs: Sequence[CaseInput]) -> clingo.Control:
        """The cases grounded together (case k numbered k) against the law their questions need."""
        relevant, key = self._slice(inputs)
        ctl = native.control(self, inputs, relevant, key)  # the 50 percent rules natively, where sound
        if ctl is None:
            ctl = clingo.Control(["--warn=none"])
            with clingo.ast.ProgramBuilder(ctl) as builder:
                for stm in self._program(relevant):
                    builder.add(stm)
            ctl.ground([("base", [])], context=Context(self.compiled, inputs, key))
        batch.check_size(ctl, self.limits)
        return ctl

    def world(self, inputs: Sequence[CaseInput]) -> World:
        """The kept grounding of the part of the law the cases need, with their law data."""
        return self._world(*self._slice(inputs), _inforce(inputs))

    def _world(self, relevant: frozenset[str] | None, key: frozenset[int], inforce: frozenset[str]) -> World:
        """One per slice, version of the law data and set of provisions in force (grounded once in it)."""
        world = self._worlds.get((relevant, key, inforce))
        if world is None:
            if relevant not in self._split:
                self._split[relevant] = split(self.compiled.program(relevant), self.compiled.case_lines)
            world = self._worlds[(relevant, key, inforce)] = World(self.compiled, relevant, key, self._split[relevant], inforce)
        return world

    def _step(self, inputs: Sequence[CaseInput]):
        """The cases' grounding for one solve: the 50 percent rules natively where that is sound
        (a grounding of their own), else a step of the kept grounding of their part of the law."""
        relevant, key = self._slice(inputs)
        ctl = native.control(self, inputs, relevant, key)
        if ctl is not None:
            batch.check_size(ctl, self.limits)
            return nullcontext((ctl, 0, None))
        return _in_world(self._world(relevant, key, _inforce(inputs)), inputs, self.limits)

    def solve(self, inputs: Sequence[CaseInput]) -> list[Consequences]:
        """Brave and cautious consequences for every case of the batch, each with its outcome."""
        if not inputs:
            return []
        return batch.decide(inputs, self._step, self.limits,
                            key=lambda i: (i.relevant, self.law_key(i), frozenset(i.inforce)))

    def _one(self, inp: CaseInput) -> Consequences:
        return batch.one(inp, self._step, self.limits)

    def consequences(self, ctl: clingo.Control, n: int, has_choices: bool) -> list[Consequences]:
        """The consequences of n cases grounded in ctl (for callers holding a grounding)."""
        return batch.consequences(ctl, n, has_choices, self.limits)


@contextmanager
def _in_world(world: World, inputs: Sequence[CaseInput], limits: Limits):
    """A step of the kept grounding: (Control, number of its first case, the law-level atoms its cases share)."""
    with world.step(inputs, limits) as (ctl, first):
        yield ctl, first, world.shared


def _inforce(inputs: Sequence[CaseInput]) -> frozenset[str]:
    """The provisions in force for the cases of one world (a step refuses cases that differ)."""
    return frozenset(inputs[0].inforce) if inputs else frozenset()


def _union(sets: list[frozenset[str]]) -> frozenset[str] | None:
    if not sets or any(not s for s in sets):  # an input without its relevant set: the whole law
        return None
    first = sets[0]
    return first if all(s is first or s == first for s in sets) else frozenset().union(*sets)
