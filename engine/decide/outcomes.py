"""Per-case outcomes: a case that cannot be decided says why, and the rest of its batch stands.

A batch is solved together; if that fails (one case has no consistent answer, or a case's
data breaks the solver), each case is solved alone, so the failure is that case's outcome.
A case that fails while it is explained is likewise an `error` outcome, not the batch's end.
"""

from __future__ import annotations

from typing import Callable, Sequence

from .. import model as M
from ..core.diagnostics import Reporter, Span, WritError
from ..decision import Decision, Outcome, OutcomeKind, Source
from ..solve.solver import CaseInput, Consequences, Solver

_NO_MODEL = "E501"  # the solver found no answer set for the case


def solve_each(solver: Solver, inputs: Sequence[CaseInput]) -> list[Consequences | Outcome]:
    """Per case, its consequences or the outcome that says why it has none."""
    try:
        solved: list[Consequences | Outcome] = list(solver.solve(inputs))
    except Exception:  # noqa: BLE001 - one case took the shared solve down: decide each alone, so the others stand
        solved = [_alone(solver, inp) for inp in inputs]
    return [_checked(inp, s, solver) for inp, s in zip(inputs, solved)]


def _alone(solver: Solver, inp: CaseInput) -> Consequences | Outcome:
    try:
        [cons] = solver.solve([inp])
        return cons
    except WritError as exc:
        return from_error(inp.case, exc)
    except Exception as exc:  # noqa: BLE001 - a failure of this case only, reported as its outcome
        return failed(inp.case, exc)


def _checked(inp: CaseInput, solved: Consequences | Outcome, solver: Solver | None = None) -> Consequences | Outcome:
    if not isinstance(solved, Consequences) or solved.consistent:
        return solved
    # the solver says why it has no answer (solve.outcome, where it has one); else it found no model
    kind = getattr(getattr(solved, "outcome", None), "value", OutcomeKind.inconsistent.value)
    if kind == OutcomeKind.inconsistent.value:
        if solver is not None and inp.denied:  # a stated 'not' fact the law concludes: name both
            from .contradiction import diagnose

            try:
                found = diagnose(solver, inp)
            except Exception:  # noqa: BLE001 - the plain outcome still stands
                found = None
            if found is not None:
                return found
        return inconsistent(inp.case)
    reason = getattr(solved, "reason", "") or f"case '{inp.case.name}' was not decided ({kind})"
    if kind == OutcomeKind.limit_reached.value:
        return Outcome(kind=OutcomeKind.limit_reached, reason=reason, source=_source(inp.case),
                       hint="raise the limit (solve.outcome.Limits) if the case is known to be heavy")
    return Outcome(kind=OutcomeKind.error, reason=reason, source=_source(inp.case),
                   hint="this is a fault in Writ or clingo; please report it with the case")


def before_the_law(case: M.Case) -> Outcome | None:
    """The outcome of a case dated before every provision with rules it can see (the checker's
    W325): its answer is not "no" on the facts; there was no law yet to decide it."""
    if case.before_law is None:
        return None
    return Outcome(kind=OutcomeKind.no_law, code="W325", source=_source(case),
                   reason=f"no provision of the law is in force on {case.as_of}, the date of case '{case.name}' "
                          f"({case.before_law}): Writ does not answer its questions, rather than answer 'no' for want of law",
                   hint="check the 'as of' date: the law a case is decided under is the law in force on that date")


def guarded(case: M.Case, decide: Callable[[], Decision]) -> Decision:
    """`decide()`, or the case's error outcome if deciding it fails."""
    try:
        return decide()
    except WritError as exc:
        return undecided(case, from_error(case, exc))
    except Exception as exc:  # noqa: BLE001 - a failure of this case only, reported as its outcome
        return undecided(case, failed(case, exc))


def undecided(case: M.Case, outcome: Outcome) -> Decision:
    """The decision of a case that has no answers: its outcome says why."""
    return Decision(case=case.name, title=case.title, as_of=case.as_of, file=case.file, outcome=outcome, results=[])


def inconsistent(case: M.Case) -> Outcome:
    return Outcome(kind=OutcomeKind.inconsistent, code=_NO_MODEL, source=_source(case),
                   reason=f"the law has no consistent answer for case '{case.name}' (no stable model)",
                   hint="a rule depends on itself through a sum, min or max whose value can fall as it grows, or "
                        "through 'not'; Writ refuses to answer rather than answer wrongly")


def from_error(case: M.Case, exc: WritError) -> Outcome:
    first = next((d for d in exc.diagnostics if d.is_error), None)
    if first is None:
        return failed(case, exc)
    kind = OutcomeKind.inconsistent if first.code == _NO_MODEL else OutcomeKind.error
    return Outcome(kind=kind, code=first.code, reason=first.message, hint=first.hint, source=_source(case))


def failed(case: M.Case, exc: BaseException) -> Outcome:
    return Outcome(kind=OutcomeKind.error, source=_source(case),
                   reason=f"deciding case '{case.name}' failed: {type(exc).__name__}: {exc}",
                   hint="this is a bug in Writ, not in the case: please report it with the case")


def _source(case: M.Case) -> Source:
    return Source(file=case.span.file, line=case.span.line, column=case.span.column)


def raise_if_undecided(d: Decision) -> Decision:
    """The decision, for a caller that needs its answers (the interview): an exception if it has none
    (WritError for a diagnostic of the input, RuntimeError for a failure inside Writ)."""
    if d.decided:
        return d
    o = d.outcome
    if not o.code:
        raise RuntimeError(o.reason)
    src = o.source
    span = Span(src.file, src.line, src.column, src.line, src.column + 1) if src else Span(d.file, 1, 1, 1, 1)
    rep = Reporter()
    rep.error(o.code, span, o.reason or o.kind.value, o.hint)
    rep.raise_if_errors()
    return d
