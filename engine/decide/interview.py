"""The interview behind `writ ask`: put to the user, one at a time, only the
unknown facts that can still change the answer to one question.

Which fact to ask next comes from the solver, not from a questionnaire: the
smallest deciding sets of the open question (see `decide.oracle`)
name the facts whose values settle it, and the first fact of the best-ranked
set the user has not declined is asked. After each answer the question is
decided again, so a fact made irrelevant by an earlier answer is never asked.
When the user declines a fact ("do not know"), the other facts of the sets it
belongs to are asked next; when no set of up to three facts decides the
question, the remaining unknown facts it can rest on in some answer set are
asked in turn.
"""

from __future__ import annotations

import dataclasses
from typing import Protocol

from .. import model as M
from ..decision import Answer, Decision, DecidingSet, FactQuestion, QuestionResult
from ..explain import fact_question
from ..solve.solver import CaseInput, Solver
from .outcomes import raise_if_undecided


class Engine(Protocol):
    """What the interview needs of `decide.engine.Engine` (named so the two modules do not import each other)."""

    law: M.Law
    solver: Solver

    def decide_many(self, cases, explain: bool = False, extra=None) -> list[Decision]: ...
    def prepare(self, case: M.Case, extra_true=(), extra_false=()) -> CaseInput: ...
    def unknowns_that_matter(self, inp: CaseInput, q: M.GroundAtom, *, ctl=None, explainer=None) -> list[M.GroundAtom]: ...
    def what_would_decide(self, inp: CaseInput, q: M.GroundAtom, max_size: int = 3, *, ctl=None,
                          unknowns=None) -> list[DecidingSet]: ...


class Interview:
    """One question about one case, and the answers given so far."""

    def __init__(self, engine: Engine, case: M.Case, question: M.GroundAtom):
        self.engine = engine
        self.question = question
        # the question joins the case's own, so its open-world facts are in play
        if question not in case.all_questions():
            case = dataclasses.replace(case, questions=[*case.questions, question])
        self.case = case
        self.answers: dict[M.GroundAtom, bool] = {}  # fact -> true or false, in the order given
        self.declined: set[M.GroundAtom] = set()  # facts the user could not answer

    # ---- state -----------------------------------------------------------------------
    def _extra(self) -> tuple[list[M.GroundAtom], list[M.GroundAtom]]:
        return ([a for a, v in self.answers.items() if v], [a for a, v in self.answers.items() if not v])

    def answer(self) -> Answer:
        """The answer to the question on the facts given so far."""
        return self.result(explain=False).answer

    def result(self, explain: bool = True) -> QuestionResult:
        return next(r for r in self.decision(explain).results if r.question == str(self.question))

    def decision(self, explain: bool = True) -> Decision:
        """The whole case decided with the answers given so far (WritError if it cannot be)."""
        return raise_if_undecided(self.engine.decide_many([self.case], explain=explain, extra=[self._extra()])[0])

    # ---- the next question -----------------------------------------------------------
    def next_fact(self) -> tuple[M.GroundAtom, FactQuestion] | None:
        """The next fact to ask, or None when the answer is decided or nothing left can decide it."""
        if self.answer() is not Answer.undetermined:
            return None
        inp = self.engine.prepare(self.case, *self._extra())
        ctl = self.engine.solver.control([inp])  # grounded once for both searches below
        unknowns = self.engine.unknowns_that_matter(inp, self.question, ctl=ctl)
        by_statement = {str(u): u for u in inp.unknown_facts}
        sets = [[(by_statement[f.statement], f) for f in ds.facts]
                for ds in self.engine.what_would_decide(inp, self.question, ctl=ctl, unknowns=unknowns)]
        for facts in sets:  # a set the user can still answer in full
            if all(a not in self.declined for a, _ in facts):
                return facts[0]
        for facts in sets:  # a set that would decide it but for a declined fact: its other facts still matter
            for a, fq in facts:
                if a not in self.declined:
                    return a, fq
        rest = sorted((u for u in unknowns if u not in self.declined), key=str)
        if not rest:
            return None
        return rest[0], fact_question(self.engine.law, rest[0], self.case.constants)

    def give(self, fact: M.GroundAtom, value: bool | None) -> None:
        """Record the user's answer: True, False, or None for "I do not know"."""
        if value is None:
            self.declined.add(fact)
        else:
            self.answers[fact] = value
