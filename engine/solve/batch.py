"""How a batch is decided: which cases share a grounding, and the enumeration of
brave and cautious consequences under the per-case limits.

Cases without unknown facts have one answer set: those that depend on the same
part of the law share one grounding and one solve, each atom carrying its case
number. A case with unknowns is enumerated alone (brave, then cautious), since
enumerating over a batch needs a model per newly possible atom of the whole batch.
A shared grounding that fails (no answer set, a limit) is retried case by case,
so the outcome names the case and the others stand.
"""

from __future__ import annotations

import time
from typing import Callable, ContextManager, Hashable, Sequence

import clingo

from .inputs import CaseInput
from .outcome import Consequences, Limits, LimitReached, Outcome, SharedAtoms, inconsistent, undecided

# grounds cases together: yields the Control, the number of the first case in it, and the shown
# atoms every case's answer sets have though they are not in the Control's models (a kept
# grounding's law-level part, solve.lawpart), or None
Ground = Callable[[Sequence[CaseInput]], ContextManager[tuple[clingo.Control, int, SharedAtoms | None]]]


CHOICE_GROUP = 32
"""At most this many cases with unknown facts share one grounding and one enumeration."""


def decide(inputs: Sequence[CaseInput], ground: Ground, limits: Limits,
           key: Callable[[CaseInput], Hashable] = lambda i: i.relevant) -> list[Consequences]:
    """Brave and cautious consequences for every case, in order; never raises for one case.

    Cases that have the same `key` (the part of the law they need, the law data in force)
    share a grounding: all of them if none has unknown facts, else up to CHOICE_GROUP."""
    results: list[Consequences | None] = [None] * len(inputs)
    groups: dict[tuple[Hashable, bool], list[int]] = {}
    if len(inputs) > 1:
        for k, inp in enumerate(inputs):
            if len(inp.unknown_facts) <= limits.unknown_facts:  # over it: refused alone, naming the case
                groups.setdefault((key(inp), inp.has_choices), []).append(k)
    for (_, choices), members in groups.items():
        size = CHOICE_GROUP if choices else len(members)
        for start in range(0, len(members), size):
            chunk = members[start:start + size]
            if len(chunk) < 2:
                continue
            shared = [inputs[k] for k in chunk]
            try:
                with ground(shared) as (ctl, first, law):
                    batch = consequences(ctl, len(shared), choices, limits, first, law)
            except LimitReached:
                continue  # decided alone below, so the limit names the case that reaches it
            if all(c.consistent for c in batch):
                for k, cons in zip(chunk, batch):
                    results[k] = cons
    for k, inp in enumerate(inputs):
        if results[k] is None:
            results[k] = one(inp, ground, limits)
    return results  # type: ignore[return-value]


def one(inp: CaseInput, ground: Ground, limits: Limits) -> Consequences:
    """One case grounded and solved alone; every way it can fail is its outcome."""
    name = inp.case.name
    try:
        if len(inp.unknown_facts) > limits.unknown_facts:
            return undecided(Outcome.limit_reached, f"case '{name}' leaves {len(inp.unknown_facts):,} facts unknown, over the "
                             f"limit of {limits.unknown_facts:,} (Limits.unknown_facts): {_most_unknown(inp)}")
        with ground([inp]) as (ctl, first, law):
            [cons] = consequences(ctl, 1, inp.has_choices, limits, first, law)
    except LimitReached as exc:
        return undecided(Outcome.limit_reached, f"case '{name}': {exc}")
    except (RuntimeError, ValueError, OverflowError, MemoryError) as exc:  # clingo reports its failures as RuntimeError
        return undecided(Outcome.error, f"case '{name}' could not be decided: {exc}")
    if not cons.consistent:
        return inconsistent(name)
    return cons


def _most_unknown(inp: CaseInput) -> str:
    """The predicates with the most unknown facts, each with the sizes that multiply into it
    ("3,600 of engaged_in (60 x 60 things)"): what blows up, and what stating facts would shrink."""
    by_pred: dict[str, list] = {}
    for a in inp.unknown_facts:
        by_pred.setdefault(a.pred, []).append(a.args)
    top = sorted(by_pred.items(), key=lambda kv: (-len(kv[1]), kv[0]))[:3]
    parts = []
    for pred, rows in top:
        sizes = [len({r[i] for r in rows}) for i in range(len(rows[0]))] if rows and rows[0] else []
        shape = f" ({' x '.join(str(n) for n in sizes)} things)" if len(sizes) > 1 else ""
        parts.append(f"{len(rows):,} of {pred}{shape}")
    return ("the most: " + ", ".join(parts) + "; state what is known of them (or 'not ...'), "
            "or decide fewer parties at once")


def check_size(ctl: clingo.Control, limits: Limits) -> None:
    n = len(ctl.symbolic_atoms)
    if n > limits.ground_atoms:
        raise LimitReached(f"its grounding has {n:,} atoms, over the limit of {limits.ground_atoms:,} (Limits.ground_atoms)")


def consequences(ctl: clingo.Control, n: int, has_choices: bool, limits: Limits, first: int = 0,
                 law: SharedAtoms | None = None) -> list[Consequences]:
    """The consequences of the n cases grounded in ctl (numbered first..first+n-1), each sharing
    the `law` atoms (certain: in every answer set)."""
    budget = _Budget(limits.solve_seconds)
    if has_choices:
        possible = _enumerate(ctl, "brave", budget)
        certain = _enumerate(ctl, "cautious", budget) if possible is not None else None
    else:
        certain = possible = _enumerate(ctl, "auto", budget)
    if possible is None or certain is None:  # no answer set
        return [Consequences(frozenset(), frozenset(), index=first + k, outcome=Outcome.inconsistent) for k in range(n)]
    if n == 1:  # every shown atom is the one case's: nothing to split
        certain_set = frozenset(certain)  # one answer set: the same set, so it is decoded once
        return [Consequences(certain_set, certain_set if possible is certain else frozenset(possible), index=first, shared=law)]
    # law data is not shown, so every shown atom carries its case's number first
    per_certain = _per_case(certain, n, first)
    per_possible = _per_case(possible, n, first) if has_choices else per_certain
    return [Consequences(c, p, index=first + k, shared=law) for k, (c, p) in enumerate(zip(per_certain, per_possible))]


def _per_case(symbols: list[clingo.Symbol], n: int, first: int) -> list[frozenset[clingo.Symbol]]:
    split: list[list[clingo.Symbol]] = [[] for _ in range(n)]
    for s in symbols:
        split[s.arguments[0].number - first].append(s)
    return [frozenset(c) for c in split]


def satisfiable(ctl: clingo.Control, assumptions: Sequence[tuple[clingo.Symbol, bool]]) -> bool:
    """Whether some answer set agrees with the assumptions (one model, no enumeration)."""
    ctl.configuration.solve.enum_mode = "auto"  # type: ignore[union-attr]
    ctl.configuration.solve.models = 1  # type: ignore[union-attr]
    return bool(ctl.solve(assumptions=list(assumptions)).satisfiable)


class _Budget:
    """The solving time a case may use, counted in this process's CPU time (every thread's,
    clingo's search included): a loaded machine slows a case down without using up its limit.
    A generous wall-clock bound (`WALL_FACTOR` times the limit) still stops a search starved of CPU."""

    WALL_FACTOR = 10

    def __init__(self, seconds: float):
        self.seconds = seconds
        self.cpu0, self.wall0 = time.process_time(), time.monotonic()

    def left(self) -> float:
        """Seconds of CPU time left (at most the wall-clock time left); <= 0: spent."""
        cpu = self.seconds - (time.process_time() - self.cpu0)
        return min(cpu, self.seconds * self.WALL_FACTOR - (time.monotonic() - self.wall0))


_POLL = 0.05  # how often a running search's CPU time is read (seconds of wall-clock)


def _enumerate(ctl: clingo.Control, mode: str, budget: _Budget | None = None) -> list[clingo.Symbol] | None:
    """The last model's shown symbols under the enumeration mode (None: no answer set).

    With a budget the search runs in clingo's own thread and is cancelled once the budget
    is spent: a hard case stops at its limit instead of holding the batch."""
    ctl.configuration.solve.enum_mode = mode  # type: ignore[union-attr]
    ctl.configuration.solve.models = 0 if mode != "auto" else 1  # type: ignore[union-attr]
    # Brave enumeration needs a model per newly possible atom, cautious one per atom dropped:
    # with thousands of open facts decided the wrong way first (clingo's default, or the phases
    # saved by the previous enumeration of the same grounding) that is thousands of models.
    # Choices tried true first for brave and false first for cautious, with no saved phases,
    # make the first model nearly the answer. The signs only order the search: the
    # consequences are the same (60 people x 60 acts: from over 20 s to one model each).
    ctl.configuration.solver.save_progress = "0"  # type: ignore[union-attr]
    ctl.configuration.solver.sign_def = {"brave": "pos", "cautious": "neg"}.get(mode, "asp")  # type: ignore[union-attr]
    last = None
    if budget is None:
        with ctl.solve(yield_=True) as handle:
            for model in handle:
                last = model.symbols(shown=True)
        return last
    with ctl.solve(yield_=True, async_=True) as handle:  # type: ignore[call-overload]
        while True:
            handle.resume()
            while not handle.wait(max(0.0, min(_POLL, budget.left()))):
                if budget.left() <= 0:
                    handle.cancel()
                    raise LimitReached(f"solving took longer than {budget.seconds:g} s of CPU time (Limits.solve_seconds)")
            model = handle.model()
            if model is None:
                break
            last = model.symbols(shown=True)
    return last
