"""No and undetermined: for each rule that could conclude the question, the condition that failed.

Each candidate rule's conditions are followed one by one in the possible world
(atoms first, as they bind the variables the rest test): the first condition no
binding meets is the failure. An answer that is undetermined names the first
condition that holds in some answer set but not all, by its bound names.

How many bindings are followed from one condition to the next is
`Limits.frontier`; where a condition had more, the failure found is a failure of
the first ones, and the failure's detail says so.
"""

from __future__ import annotations

from typing import TYPE_CHECKING

from .. import model as M
from ..compile.program import RuleInstance
from ..decision import FailedCondition, ProvisionRef
from .evaluate import aggregates_in, atoms_first
from .wording import out_of_period, provision_ref, source, total_text, unnamed_detail
from .world import Bindings

if TYPE_CHECKING:
    from .answer import Explainer


class WhyNot:
    """The failed conditions of one case's answers."""

    def __init__(self, ex: "Explainer"):
        self.ex = ex
        self.notes: list[str] = []  # what the last call left unexplored because of a limit

    def why_not(self, q: M.GroundAtom | M.Pattern) -> list[FailedCondition]:
        """For each rule that could conclude q (or an instance of a question with variables),
        the condition that failed; for law data stated for other dates, those dates."""
        ex = self.ex
        as_of = ex.case.as_of
        self.notes = []
        out: list[FailedCondition] = []
        stated = (ex.law_facts.get(q, ()) if isinstance(q, M.GroundAtom)
                  else [f for a, fs in ex.law_facts.items() if q.matches(a) for f in fs])
        for fact in stated:
            prov = ex.law.provisions[fact.owner]
            if fact.owner in ex.in_force and fact.valid_on(as_of):
                continue
            if fact.owner not in ex.in_force:  # the provision stating it is not in force
                out.append(FailedCondition(provision=provision_ref(prov), rule=f"{fact.owner} (fact)", source=source(fact.span),
                                           reason="not in force", detail=out_of_period("in force", prov.in_force_from, prov.in_force_until, as_of)))
                continue
            out.append(FailedCondition(provision=provision_ref(prov), rule=f"{fact.owner} (fact)", source=source(fact.span),
                                       reason="not on this date", condition=str(fact.atom), reading=ex.words.reading(fact.atom),
                                       detail=out_of_period("the law states it", fact.valid_from, fact.valid_until, as_of)))
        for inst in ex.rules_concluding(q.pred):
            rule = inst.rule
            # an argument the rule computes (due(X, D + 30)) is matched after its conditions bind it;
            # an argument a question leaves open (which G?) matches anything
            simple = [(t, v) for t, v in zip(rule.head.args, q.args) if isinstance(t, (M.TVar, M.Lit)) and v is not None]
            b = ex.ev.unify([t for t, _ in simple], [v for _, v in simple], {})
            if b is None:
                continue
            prov = ex.law.provisions[rule.provision]
            ref = provision_ref(prov)
            if not prov.in_force_on(as_of):
                out.append(FailedCondition(provision=ref, rule=rule.id, source=source(rule.span), reason="not in force",
                                           detail=out_of_period("in force", prov.in_force_from, prov.in_force_until, as_of)))
                continue
            out.append(self._first_failure(inst, b, ref, q if isinstance(q, M.GroundAtom) else None))
        # a rule written with `or` compiles to one alternative each; the same failure is reported once
        # (and two rules of one provision that fail on the same condition, once too)
        unique = {(f.provision.id, f.reason, f.condition, f.detail): f for f in reversed(out)}
        return [f for f in out if unique[(f.provision.id, f.reason, f.condition, f.detail)] is f]

    def _follow(self, frontier: list[Bindings], nxt: list[Bindings], lit: M.RLiteral, b: Bindings, capped: list[str]) -> list[Bindings]:
        """The bindings followed to the next condition: the first `Limits.frontier` of them."""
        cap = self.ex.limits.frontier
        if len(nxt) > cap:
            text, _ = self.ex.words.literal_text(lit, b)
            capped.append(f"only the first {cap} of {len(nxt):,} ways of meeting {text} were followed (Limits.frontier)")
        return nxt[:cap]

    def _first_failure(self, inst: RuleInstance, b: Bindings, ref: ProvisionRef, q: M.GroundAtom | None) -> FailedCondition:
        ex = self.ex
        ev, words, possible = ex.ev, ex.words, ex.possible
        ordered = atoms_first(inst.rule.alternatives[inst.alternative])
        capped: list[str] = []
        frontier = [b]
        for lit in ordered:
            nxt = [nb for fb in frontier for nb in ev.match_one(lit, fb, possible)]
            if not nxt:
                sample = frontier[0]
                text, reading = words.failed_text(lit, sample)
                detail = self._ruled_out(lit, sample)
                for agg in aggregates_in(lit):
                    total, _ = ev.aggregate(agg, sample, possible)
                    detail = f"the {agg.fn} comes to {total_text(total)}"
                return self._failed(inst, ref, capped, reason="condition failed", condition=text, reading=reading, detail=detail)
            frontier = self._follow(frontier, nxt, lit, b, capped)
        concluded = [g for g in (ev.ground(inst.rule.head, fb) for fb in frontier) if g is not None]
        if q is not None and concluded and q not in concluded:  # the conditions hold, but the rule computes another conclusion
            return self._failed(inst, ref, capped, reason="condition failed", condition=f"the conclusion {concluded[0]}",
                                reading=f"the rule concludes {words.reading(concluded[0])}", detail=f"not {q}")
        if inst.has_exception:
            for fb in frontier:
                values = tuple(fb.get(v) for v in inst.variables)
                if possible.excepted(inst.n, values):
                    text, reading = words.unless_text(inst.rule.unless, fb)
                    return self._failed(inst, ref, capped, reason="exception applied", condition="unless " + text, reading=reading)
        if not ex.inp.unknown_facts:  # nothing is unknown, yet every condition seemed met: an arithmetic term had no value
            return self._failed(inst, ref, capped, reason="condition failed",
                                detail="an arithmetic term has no value (beyond the solver's range of "
                                       f"±{M.MAX_NUMBER:,}, or a division by zero)")
        uncertain = self._first_uncertain(ordered, frontier, b, capped)  # bindings of a possible firing: names, not "some act"
        if uncertain is not None:
            text, reading = uncertain
            return self._failed(inst, ref, capped, reason="unknown", condition=text, reading=reading,
                                detail=self._possibly_listed(ordered, frontier) or _unnamed(frontier)
                                or "it holds on some resolutions of the unknown facts, not all")
        return self._failed(inst, ref, capped, reason="unknown",
                            detail="the conditions hold on some resolutions of the unknown facts, not all")

    def _possibly_listed(self, lits: list[M.RLiteral], frontier: list[Bindings]) -> str | None:
        """Where an unknown condition is a listing of a possible match (a similar name, or an exact
        one an identifier put in doubt): the entry, why, and what would decide it."""
        listed = self.ex.inp.listed
        for lit in lits:
            if not (listed and isinstance(lit, M.RAtom)):
                continue
            for b in frontier:
                found = listed.get(self.ex.ev.ground(lit, b))
                if found is not None and found.match == "possible":
                    return f"possibly listed: {found.text}"
        return None

    def _ruled_out(self, lit: M.RLiteral, b: Bindings) -> str | None:
        """Why the lists do not give a failed listing condition, where a name matched an entry and
        an identifier of the party ruled it out (decide/listings.py)."""
        if not self.ex.inp.ruled_out or not isinstance(lit, M.RAtom) or not lit.args:
            return None
        party = self.ex.ev.value(lit.args[0], b)
        why = self.ex.inp.ruled_out.get((lit.pred, party))
        return f"a name matched, but an identifier ruled the entry out: {why}" if why else None

    def _failed(self, inst: RuleInstance, ref: ProvisionRef, capped: list[str], **fields) -> FailedCondition:
        """A failed condition; where a limit cut the search, its detail and the answer's notes say so."""
        if capped:
            note = "; ".join(capped)
            fields["detail"] = f"{fields['detail']}; {note}" if fields.get("detail") else note
            self.notes.append(f"{inst.rule.id} ({ref.cite or ref.id}): {note}")
        return FailedCondition(provision=ref, rule=inst.rule.id, source=source(inst.rule.span), **fields)

    def _first_uncertain(self, lits: list[M.RLiteral], frontier: list[Bindings], b: Bindings,
                         capped: list[str]) -> tuple[str, str] | None:
        """The first condition that holds in some answer set but not in all: what the answer turns on."""
        ex = self.ex
        ev, certain, possible = ex.ev, ex.certain, ex.possible
        for lit in lits:
            if isinstance(lit, M.RAtom):
                nxt = [nb for fb in frontier for nb in ev.match_one(lit, fb, certain)]
            elif isinstance(lit, M.RNot):  # certainly not X only where X is not even possible
                nxt = [fb for fb in frontier if (g := ev.ground(lit.atom, fb)) is not None and not possible.has(g)]
            else:
                nxt = [fb for fb in frontier if ev.compare(lit, fb)]
            if not nxt:
                return ex.words.uncertain_text(lit, frontier[0])
            frontier = self._follow(frontier, nxt, lit, b, capped)
        return None


def _unnamed(frontier: list[Bindings]) -> str | None:
    """Where the condition an answer turns on is about a thing the case does not name (a stand-in,
    solve.inputs.stand_ins): what would decide it, naming the thing or closing its sort."""
    for b in frontier:
        for v in b.values():
            if (sort := M.stand_in_type(v)) is not None:
                return unnamed_detail(sort)
    return None
