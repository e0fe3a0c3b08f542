"""The writer's interpretations an answer relies on: the case facts marked `caution "..."`.

A yes relies on the facts of its derivation; a no or an undetermined on the facts
its failed conditions name and the unknown facts it turns on. Each such fact that
carries a caution is listed with the answer, so no answer built on an interpretation
is shown without it.
"""

from __future__ import annotations

from typing import TYPE_CHECKING

from .. import model as M
from ..decision import Answer, FactCaution, Node, QuestionResult
from .provisions import premises
from .wording import source

if TYPE_CHECKING:
    from .answer import Explainer


def cautioned_facts(case: M.Case) -> dict[M.GroundAtom, M.Fact]:
    """The case's facts with a caution, valid on its date, by atom."""
    return {f.atom: f for f in case.facts if f.cautions and f.valid_on(case.as_of)}


def fact_cautions(ex: "Explainer", q: M.GroundAtom, result: QuestionResult) -> list[FactCaution]:
    cautioned = cautioned_facts(ex.case)
    if not cautioned:
        return []
    relied: dict[M.GroundAtom, None] = {}
    by_text = {str(a): a for a in cautioned}
    if result.explanation is not None:
        for n in _nodes(result.explanation, result.facts_used):
            if n.cautions and n.statement in by_text:
                relied.setdefault(by_text[n.statement])
        for pa in result.by_provision:  # a criterion of its own that rests on the fact (the Act's beside the order's)
            if not pa.in_force:
                continue
            if pa.answer is not Answer.no:
                for a in premises(ex, q, pa.provision.id):
                    if a in cautioned:
                        relied.setdefault(a)
            else:  # a no can rest on a denied fact below it: one of a predicate its rules depend on
                below = _depends(ex.law, [l for r in ex.law.provisions[pa.provision.id].rules if r.head.pred == q.pred
                                          for alt in r.alternatives for l in alt])
                for a, f in cautioned.items():
                    if f.polarity != "true" and a.pred in below:
                        relied.setdefault(a)
    else:
        for failed in [*result.why_not, *(f for pa in result.by_provision for f in pa.why)]:  # not `f`: a Fact above
            for a in cautioned:  # a condition the fact made fail (`not x engaged in a.`), or left open
                if failed.condition and _matches(failed.condition, a):
                    relied.setdefault(a)
        for a in sorted(ex.support(q), key=str):  # the unknown facts it turns on
            if a in cautioned:
                relied.setdefault(a)
    # in one order whatever the order the case states its facts in (byte-identical output, issue 13)
    return [FactCaution(statement=_stated(cautioned[a]), reading=_reading(ex, cautioned[a]), caution=c,
                        source=source(cautioned[a].span)) for a in sorted(relied, key=str) for c in cautioned[a].cautions]


def _stated(f: M.Fact) -> str:
    return {"true": "", "false": "not ", "unknown": "unknown "}[f.polarity] + str(f.atom)


def _reading(ex: "Explainer", f: M.Fact) -> str:
    """The fact as the case states it: it holds, it does not, or it is not known."""
    r = ex.reading(f.atom)
    return r if f.polarity == "true" else f"it is not the case that {r}" if f.polarity == "false" else f"it is not known whether {r}"


def _depends(law: M.Law, lits) -> set[str]:
    """The predicates a rule's conditions depend on, through the rules."""
    return law.depends_on((l.atom if isinstance(l, M.RNot) else l).pred for l in lits if isinstance(l, (M.RAtom, M.RNot)))


def _matches(condition: str, atom: M.GroundAtom) -> bool:
    """Whether a failed condition as written (`engaged_in(acme, A)`: a capital is a variable) is about atom."""
    text = str(atom)
    if condition == text:
        return True
    head, _, rest = condition.partition("(")
    if head != atom.pred or not rest.endswith(")"):
        return False
    parts, mine = rest[:-1].split(", "), text[len(head) + 1:-1].split(", ")
    return len(parts) == len(mine) and all(p == m or p[:1].isupper() or p == "_" for p, m in zip(parts, mine))


def _nodes(top: Node, extra: list[Node]):
    stack = [top, *extra]
    while stack:
        n = stack.pop()
        yield n
        stack.extend(n.children)
