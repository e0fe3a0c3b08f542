"""One case's answers, explained: the verdict, its grounds, and its yes-tree or its failed conditions.

`Explainer` composes the parts: the decoded worlds (world.py), the evaluator
(evaluate.py), the wording (wording.py), yes-trees (derive.py), why-not
(why_not.py) and the support of a question (support.py). It works on the
consequences the solver found: for a yes, only atoms true in every answer set are
used, so the tree never rests on a guessed unknown.
"""

from __future__ import annotations

import contextlib
import functools
import gc
import weakref

import clingo

from .. import model as M
from ..compile.program import CompiledLaw, RuleInstance
from ..decision import Answer, FailedCondition, Node, ProvisionAnswer, QuestionResult
from ..solve.solver import CaseInput, Consequences
from . import cautions as _cautions
from . import provisions as _provisions
from . import support as _support
from .derive import Deriver
from .evaluate import Evaluator
from .limits import DEFAULT, Limits
from .why_not import WhyNot
from .wording import Wording, provision_ref, source
from .world import World


class Explainer:
    """The explanations of one case decided: build one per case and its consequences."""

    def __init__(self, compiled: CompiledLaw, inp: CaseInput, cons: Consequences, limits: Limits = DEFAULT):
        self.compiled = compiled
        self.law = compiled.law
        self.case = inp.case
        self.inp = inp
        self.cons = cons
        self.limits = limits
        self.case_facts: dict[M.GroundAtom, M.Fact] = {}
        for f in self.case.facts:
            if f.polarity == "true" and f.valid_on(self.case.as_of):
                self.case_facts.setdefault(f.atom, f)
        # facts given on top of the case (what-if, interview answers): true, with no line to cite
        self.given = frozenset(a for a in inp.true_facts if a not in self.case_facts and a not in inp.listed)
        self.law_facts = compiled.law_fact_index
        self.in_force = frozenset(inp.inforce)
        # the parts reach back through a weak proxy: no reference cycle, so a decided case's
        # explainer (hundreds of thousands of objects for a long chain) is freed when it is
        # dropped, not left for the cycle collector to trace (a quarter of a 10,000-link chain's time)
        me = weakref.proxy(self)
        self.ev = Evaluator(self.case.as_of, me)
        self.words = Wording(self.law, self.case.constants, self.ev)
        self._deriver = Deriver(me)
        self._why_not = WhyNot(me)

    def law_fact(self, atom: M.GroundAtom) -> M.Fact | None:
        """The statement of a law fact that holds on the as-of date (the first, if none does)."""
        facts = self.law_facts.get(atom, ())
        for f in facts:
            if f.owner in self.in_force and f.valid_on(self.case.as_of):
                return f
        return facts[0] if facts else None

    @functools.cached_property
    def data(self) -> dict[str, frozenset[tuple]]:
        """The fixed law data that holds on the as-of date."""
        return self.compiled.law_data(self.case.as_of, self.in_force)

    def verdict(self, q: M.GroundAtom, sym: clingo.Symbol) -> Answer:
        if self.law.predicates[q.pred].fixed:  # law data is certain, and not in the answer sets
            return Answer.yes if q.args in self.data.get(q.pred, ()) else Answer.no
        return Answer(self.cons.holds(sym))

    # ---- the decoded worlds (each decodes a predicate when an explanation first reads it) ---------
    @functools.cached_property
    def certain(self) -> World:
        cons = self.cons
        return World(self.compiled, cons.own_certain, self.data, self.ev.ground, cons.index, cons.shared)

    @functools.cached_property
    def possible(self) -> World:
        cons = self.cons
        if cons.own_possible is cons.own_certain:  # one answer set: the same world
            return self.certain
        return World(self.compiled, cons.own_possible, self.data, self.ev.ground, cons.index, cons.shared)

    def rules_concluding(self, pred: str) -> list[RuleInstance]:
        """The compiled rule alternatives whose conclusion is of pred, in the law's order."""
        return list(self.compiled.concluding(pred))

    def by_provision(self, q: M.GroundAtom) -> list[ProvisionAnswer]:
        """Each provision's own answer to q ("q under P"), in the law's order."""
        if self.law.predicates[q.pred].fixed:
            return []
        return _provisions.by_provision(self, q)

    def grounds(self, q: M.GroundAtom) -> list[str]:
        """The provisions of the rules that conclude q in every answer set (decodes only those rules)."""
        provs = {inst.rule.provision for inst, _ in self.certain.firings(q)}
        lf = self.law_fact(q)
        if not provs and lf is not None and lf.polarity == "true":
            provs.add(lf.owner)
        return sorted(provs)

    # ---- wording (kept here: the orchestration asks the explainer) ------------------------------
    def reading(self, atom: M.GroundAtom) -> str:
        return self.words.reading(atom)

    def pattern_reading(self, pattern: M.Pattern) -> str:
        return self.words.pattern_reading(pattern)

    # ---- the parts --------------------------------------------------------------------------------
    def derive(self, atom: M.GroundAtom) -> Node:
        """The yes-tree of a certain atom (cut, and saying so, where `limits` say)."""
        return self._deriver.tree(atom)

    def levels(self, root: M.GroundAtom) -> dict[M.GroundAtom, int]:
        return self._deriver.levels(root)

    def why_not(self, q: M.GroundAtom | M.Pattern) -> list[FailedCondition]:
        return self._why_not.why_not(q)

    def support(self, q: M.GroundAtom) -> set[M.GroundAtom]:
        return _support.support(self, q)

    # ---- the whole answer ---------------------------------------------------------------------
    def answer(self, q: M.GroundAtom, sym: clingo.Symbol) -> QuestionResult:
        with without_gc():
            return self._answer(q, sym)

    def _answer(self, q: M.GroundAtom, sym: clingo.Symbol) -> QuestionResult:
        verdict = self.verdict(q, sym)
        result = QuestionResult(question=str(q), reading=self.reading(q), answer=verdict, by_provision=self.by_provision(q))
        if verdict is Answer.yes:
            result.explanation = self.derive(q)
            result.grounds = [provision_ref(self.law.provisions[p]) for p in self.grounds(q)]
            result.facts_used = self._deriver.facts_below(q)
            result.not_explained += _cuts(result.explanation)
        else:
            result.why_not = self.why_not(q)
            result.not_explained += self._why_not.notes
        if any(pa.answer is not Answer.yes and pa.in_force for pa in result.by_provision):
            failed = result.why_not if verdict is not Answer.yes else self.why_not(q)
            for pa in result.by_provision:
                if pa.answer is not Answer.yes and pa.in_force:
                    pa.why = [f for f in failed if f.provision.id == pa.provision.id]
                if pa.answer is Answer.undetermined:
                    pa.turns_on = _provisions.turns_on(self, q, pa.provision.id)
        result.fact_cautions = _cautions.fact_cautions(self, q, result)
        for f in self.case.facts:  # the case may state the answer itself (`not p(x).`)
            if f.atom == q and f.polarity != "unknown" and f.valid_on(self.case.as_of):
                result.stated = source(f.span)
        return result


@contextlib.contextmanager
def without_gc():
    """Python's cycle collector paused while an explanation is built.

    An explanation allocates many small objects (atoms, bindings, nodes) and frees none of
    them in cycles; with the law loaded the heap is large, so each full collection the
    allocations trigger costs time in proportion to the heap, not to the explanation (it
    made a 4,000-link chain three times slower). Reference counting still frees everything;
    the collector resumes, as it was, when the explanation is built."""
    if not gc.isenabled():
        yield
        return
    gc.disable()
    try:
        yield
    finally:
        gc.enable()


def _cuts(tree: Node) -> list[str]:
    """One note for the cuts of a tree, if it has any: how many, and the first."""
    cuts: list[Node] = []
    stack = [tree]
    while stack:
        n = stack.pop()
        if n.kind == "cut":
            cuts.append(n)
        stack.extend(reversed(n.children))
    if not cuts:
        return []
    more = f" (and {len(cuts) - 1:,} more cut{'s' if len(cuts) > 2 else ''})" if len(cuts) > 1 else ""
    return [f"the derivation is cut at {cuts[0].statement}{more}: {cuts[0].reading}"]
