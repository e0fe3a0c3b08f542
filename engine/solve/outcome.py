"""What the solver found for one case: its consequences and how deciding it ended.

A case whose law has no consistent answer, that runs out of a limit, or that
fails at run time is an outcome of that case, never an exception that takes a
batch down: the other cases of the batch keep their consequences, and the
caller (decide/) turns each outcome into that case's decision.
"""

from __future__ import annotations

import enum
from dataclasses import dataclass

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


@dataclass
class Consequences:
    """What holds for one case: in every answer set (certain) and in some (possible)."""

    certain: frozenset[clingo.Symbol]
    possible: frozenset[clingo.Symbol]
    index: int = 0  # the case's number in the grounding that decided it
    outcome: Outcome = Outcome.decided
    reason: str = ""  # why the case was not decided, naming the case (and the limit)

    @property
    def consistent(self) -> bool:
        """Whether the consequences are an answer (False: inconsistent, limit or error)."""
        return self.outcome is Outcome.decided

    def holds(self, sym: clingo.Symbol) -> str:
        if sym in self.certain:
            return "yes"
        if sym not in self.possible:
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
