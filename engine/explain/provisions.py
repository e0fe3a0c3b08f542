"""Each provision's own answer to a question: "X under P", criterion by criterion.

`X under P` means X is concluded through provision P: one of P's rules concludes X
(or P states X as law data). For each provision that could conclude X:

- yes: one rule of P concludes X in every answer set (whatever the unknown facts are);
- no: no rule of P concludes X in any answer set (P not in force, a condition fails, or
  an exception applies);
- undetermined: a rule of P concludes X in some answer sets and not in others.

A question's overall answer is yes when it holds in every answer set, which one
provision's yes implies; several provisions can each answer yes (each is shown), and
an overall yes can sit beside provisions that answer no (the Act beside the order).
Read from the rule firings the solver reports (certain and possible), so it costs no
solve of its own. One edge is not separated: two rules of P that each conclude X in
some answer sets but between them in all would read undetermined for P.
"""

from __future__ import annotations

from typing import TYPE_CHECKING


from .. import model as M
from ..decision import Answer, ProvisionAnswer
from .wording import provision_ref

if TYPE_CHECKING:
    from .answer import Explainer


def concluding_provisions(law: M.Law, pred: str) -> list[str]:
    """The provisions that could conclude a fact of pred (a rule with that head, or a fact
    of it the provision states), in the law's order (indexed once per law)."""
    return law.derived("concluding_provisions", _concluding_index).get(pred, [])


def _concluding_index(law: M.Law) -> dict[str, list[str]]:
    by_pred: dict[str, list[str]] = {}
    for p in law.provisions.values():
        for head in dict.fromkeys([*(r.head.pred for r in p.rules), *(f.atom.pred for f in p.facts)]):
            by_pred.setdefault(head, []).append(p.name)
    return by_pred


def by_provision(ex: "Explainer", q: M.GroundAtom) -> list[ProvisionAnswer]:
    """Each provision's own answer to q, in the law's order."""
    law = ex.law
    certain = {inst.rule.provision for inst, _ in ex.certain.firings(q)}
    possible = {inst.rule.provision for inst, _ in ex.possible.firings(q)}
    out: list[ProvisionAnswer] = []
    for name in concluding_provisions(law, q.pred):
        prov = law.provisions[name]
        in_force = name in ex.in_force
        if name in certain:
            answer = Answer.yes
        elif name in possible:
            answer = Answer.undetermined
        else:
            answer = Answer.no
        if answer is Answer.no and in_force:  # law data the provision states holds certainly
            if any(f.atom == q and f.polarity == "true" and f.valid_on(ex.case.as_of) for f in prov.facts):
                answer = Answer.yes
        out.append(ProvisionAnswer(provision=provision_ref(prov), module=prov.module, answer=answer, in_force=in_force))
    return out


TURNS_ON_SHOWN = 8
"""How many unknown facts a provision's undetermined answer names (the rest are counted)."""


def premises(ex: "Explainer", q: M.GroundAtom, provision: str) -> dict[M.GroundAtom, bool]:
    """Every atom below the rules of `provision` that may conclude q, each with whether it is
    certain; the walk does not go below a certain atom (a stated fact settles what is under it)."""
    from .support import possible_atoms

    seen: dict[M.GroundAtom, bool] = {}
    stack = [(inst, b) for inst, b in reversed(ex.possible.firings(q)) if inst.rule.provision == provision]
    while stack:
        inst, b = stack.pop()
        lits = list(inst.rule.alternatives[inst.alternative]) + [l for alt in inst.rule.unless for l in alt]
        for lit in lits:
            for a in possible_atoms(ex, lit, b):
                if a in seen:
                    continue
                seen[a] = certain = ex.certain.has(a)
                if not certain:
                    stack.extend(reversed(ex.possible.firings(a)))
    return seen


def turns_on(ex: "Explainer", q: M.GroundAtom, provision: str) -> list[str]:
    """The unknown facts an undetermined provision's answer can rest on, read in English: every
    one below the rules of that provision that may conclude q (the Act's victim class among them),
    not only the first condition its rule turns on."""
    unknown = set(ex.inp.unknown_facts)
    found = sorted((a for a, certain in premises(ex, q, provision).items() if not certain and a in unknown), key=str)
    readings = [ex.reading(a) for a in found]  # in a fixed order: the firings' order is the solver's
    if len(readings) > TURNS_ON_SHOWN:
        readings = readings[:TURNS_ON_SHOWN] + [f"and {len(readings) - TURNS_ON_SHOWN} more unknown facts"]
    return readings
