"""What the solver found for one case: its consequences and how deciding it ended.

A case whose law has no consistent answer, that runs out of a limit, or that
fails at run time is an outcome of that case, never an exception that takes a
batch down: the other cases of the batch keep their consequences, and the
caller (decide/) turns each outcome into that case's decision.
"""

from __future__ import annotations

import enum
import functools
from dataclasses import dataclass, field
from typing import Sequence

import clingo


class Outcome(str, enum.Enum):
    decided = "decided"
    inconsistent = "inconsistent"  # the law has no answer set for the case
    limit_reached = "limit reached"  # grounding size or solving time (the reason names which)
    error = "error"  # clingo or the engine failed on this case


@dataclass(frozen=True)
class Limits:
    """Per-case limits that keep a laptop responsive; raise them for a known-heavy case.

    solve_seconds bounds each enumeration of one case (or one shared batch grounding);
    ground_atoms bounds the atoms of one case's grounding; unknown_facts bounds the
    choices (stated unknown or open-world facts) a case may leave to the solver."""

    solve_seconds: float = 20.0
    ground_atoms: int = 2_000_000
    unknown_facts: int = 50_000  # 60 people x 60 acts open on every relation: 22,200


DEFAULT_LIMITS = Limits()


class SharedAtoms:
    """The shown law-level atoms of one kept grounding (solve.lawpart): certain for every case
    it decides, so held once for all of them, not copied into each case's consequences.

    Each is its case-level name and its arguments after the case number; `numbered(k)` spells
    them as case k's own symbols, for a reader that wants a case's whole answer set. `memo`
    keeps what a reader decoded from them (the explainer's worlds), so a batch decodes them
    once, not once per case."""

    def __init__(self, rows: Sequence[tuple[str, Sequence[clingo.Symbol]]]):
        self.by_name: dict[str, list[tuple[clingo.Symbol, ...]]] = {}
        for name, args in rows:
            self.by_name.setdefault(name, []).append(tuple(args))
        self._index = {(name, args) for name, group in self.by_name.items() for args in group}
        self.memo: dict = {}

    def __len__(self) -> int:
        return len(self._index)

    def has(self, sym: clingo.Symbol) -> bool:
        """Whether a case-numbered symbol is one of these (whatever its case number)."""
        args = sym.arguments
        return bool(args) and (sym.name, tuple(args[1:])) in self._index

    def numbered(self, case: int) -> frozenset[clingo.Symbol]:
        num = clingo.Number(case)
        return frozenset(clingo.Function(name, [num, *args]) for name, group in self.by_name.items() for args in group)


@dataclass(eq=False)
class Consequences:
    """What holds for one case: in every answer set (certain) and in some (possible).

    `own_certain` and `own_possible` are the atoms of the case's answer sets; `shared`, the
    law-level atoms its grounding shares with every case of a kept grounding (certain, so in
    both). `certain` and `possible` are the whole sets, built on first use: a reader that can
    take the two parts apart (`holds`, the explainer's worlds) never builds them."""

    own_certain: frozenset[clingo.Symbol]
    own_possible: frozenset[clingo.Symbol]
    index: int = 0  # the case's number in the grounding that decided it
    outcome: Outcome = Outcome.decided
    reason: str = ""  # why the case was not decided, naming the case (and the limit)
    shared: SharedAtoms | None = field(default=None, repr=False)

    @property
    def consistent(self) -> bool:
        """Whether the consequences are an answer (False: inconsistent, limit or error)."""
        return self.outcome is Outcome.decided

    @functools.cached_property
    def certain(self) -> frozenset[clingo.Symbol]:
        if not self.shared:
            return self.own_certain
        return self.own_certain | self.shared.numbered(self.index)

    @functools.cached_property
    def possible(self) -> frozenset[clingo.Symbol]:
        if self.own_possible is self.own_certain:  # one answer set: the same set
            return self.certain
        if not self.shared:
            return self.own_possible
        return self.own_possible | self.shared.numbered(self.index)

    def holds(self, sym: clingo.Symbol) -> str:
        if sym in self.own_certain or (self.shared is not None and self.shared.has(sym)):
            return "yes"
        if sym not in self.own_possible:
            return "no"
        return "undetermined"


class LimitReached(Exception):
    """A limit reached while grounding or solving; `batch` turns it into the case's outcome."""


def undecided(outcome: Outcome, reason: str, index: int = 0) -> Consequences:
    return Consequences(frozenset(), frozenset(), index=index, outcome=outcome, reason=reason)


def inconsistent(case_name: str, index: int = 0) -> Consequences:
    return undecided(Outcome.inconsistent, f"the law has no consistent answer for case '{case_name}' (no stable model)", index)


def raise_if_undecided(case, cons: Consequences) -> None:
    """Raise the diagnostic of an undecided outcome (E501, E502, E503): for callers that
    still want one failure to stop them; decide/ turns outcomes into decisions instead."""
    if cons.consistent:
        return
    from ..core.diagnostics import Reporter

    rep = Reporter()
    if cons.outcome is Outcome.inconsistent:
        rep.error("E501", case.span, cons.reason,
                  "a rule depends on itself through a sum, min or max whose value can fall as it grows, or "
                  "through 'not'; Writ refuses to answer rather than answer wrongly")
    elif cons.outcome is Outcome.limit_reached:
        rep.error("E502", case.span, cons.reason, "raise the limit (solve.outcome.Limits) if the case is known to be heavy")
    else:
        rep.error("E503", case.span, cons.reason, "this is a fault in Writ or clingo; please report it with the case")
    rep.raise_if_errors()
