"""Why a case with stated "not" facts has no consistent answer: the denied fact a rule concludes.

A case's `not X.` of a predicate the law concludes is a constraint (solve.inputs `denied`):
the solver keeps only the answers in which no rule concludes X. When none is left, the case
contradicts the law; this module solves it again without its denials, finds the denied facts
that then hold and the rules that conclude them, and says so as the case's outcome (E327),
naming the stated fact and the rule, never a silent "yes" nor a bare "no stable model".
"""

from __future__ import annotations

import dataclasses

from .. import model as M
from ..compile import encoding as enc
from ..decision import Outcome, OutcomeKind, Source
from ..explain.world import firing_values
from ..solve.solver import CaseInput, Consequences, Solver

CODE = "E327"


def diagnose(solver: Solver, inp: CaseInput) -> Outcome | None:
    """The contradiction outcome of a case whose denials leave no answer (None: the denials are not why)."""
    if not inp.denied:
        return None
    [cons] = solver.solve([dataclasses.replace(inp, denied=[])])
    if not cons.consistent:
        return None  # inconsistent without its denials too: another reason, said by the caller
    compiled = solver.compiled
    holds = {a: cons.holds(compiled.atom_symbol(cons.index, a)) for a in inp.denied}  # numbered by the kept grounding
    culprits = [a for a, h in holds.items() if h == "yes"] or [a for a, h in holds.items() if h == "undetermined"]
    if not culprits:
        return None
    law, case = solver.compiled.law, inp.case
    first = culprits[0]
    stated = next((f for f in case.facts if f.atom == first and f.polarity == "false" and f.valid_on(case.as_of)), None)
    said = [f"'not {law.reading(a, case.constants)}'" for a in culprits]
    where = f" (line {stated.span.line})" if stated is not None else " (what-if --unset)"
    states = "states" if stated is not None else "is given"
    rules = _concluding(solver, cons, first)
    by = (" but " + "; ".join(rules) + " concludes it") if rules else " but the law concludes it"
    if len(culprits) == 1:
        reason = f"case '{case.name}' {states} {said[0]}{where},{by}: the case has no consistent answer"
    else:
        reason = (f"case '{case.name}' {states} {', '.join(said)}; with what it leaves unknown, the law concludes at "
                  f"least one of them in every answer ({said[0]}{where}:{by}): the case has no consistent answer")
    span = stated.span if stated is not None else case.span
    return Outcome(kind=OutcomeKind.inconsistent, code=CODE, reason=reason,
                   source=Source(file=span.file, line=span.line, column=span.column),
                   hint="drop the 'not' fact, or the fact the rule's conditions rest on: one of them is wrong")


def _concluding(solver: Solver, cons: Consequences, atom: M.GroundAtom) -> list[str]:
    """The rules that conclude `atom` in the consequences, each as 'provision (citation), rule at file:line'."""
    out: dict[str, None] = {}
    law = solver.compiled.law
    for sym in sorted(cons.possible, key=str):
        kind = enc.decode_name(sym)
        if kind is None or kind.kind != "fired":
            continue
        inst = solver.compiled.instances.get(kind.key)  # type: ignore[arg-type]
        if inst is None or inst.rule.head.pred != atom.pred:
            continue
        b = dict(zip(inst.variables, firing_values(inst, sym)))
        if tuple(_value(t, b) for t in inst.rule.head.args) != atom.args:
            continue
        rule = inst.rule
        prov = law.provisions.get(rule.provision)
        cite = f" ({prov.cite})" if prov is not None and prov.cite else ""
        out[f"the rule of {rule.provision}{cite} at {rule.span.file}:{rule.span.line}"] = None
    return list(out)


def _value(t: M.RTerm, b: dict) -> object:
    if isinstance(t, M.TVar):
        return b.get(t.name)
    if isinstance(t, M.Lit):
        return t.value
    return None
