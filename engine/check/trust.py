"""The trust boundary between law and facts: the law (provisions, law data) comes
from statute modules; a case states facts.

- A case cannot state, true or false, a fact of a predicate the statutes state
  themselves (the Entity List, a review policy, the Affiliates rule's suspension)
  about the law's own things: that would change the law for that case alone. Another
  law is tried by writing it, as a provision in a law module of one's own. A fact
  about a party the case declares itself (a hypothetical Entity List entry for the
  case's own company) cannot contradict the law, and is allowed.
- A provision outside Writ's bundled statutes (a user's own law module, or a case
  file that carries one) is allowed, and every answer relying on it says so: it gets
  a caution naming its file.
"""

from __future__ import annotations

from typing import Iterable

from .. import model as M
from ..core.diagnostics import Reporter
from ..syntax.project import is_bundled


def law_data(provisions: Iterable[M.Provision]) -> dict[str, M.Fact]:
    """The predicates the statutes state facts of, each with its first statement."""
    stated: dict[str, M.Fact] = {}
    for prov in provisions:
        for f in prov.facts:
            stated.setdefault(f.atom.pred, f)
    return stated


def refuse_law_fact(rep: Reporter, fact: M.Fact, pred: M.Predicate, law: dict[str, M.Fact],
                    case_constants: dict[str, M.Constant]) -> bool:
    """Report (E326) a case fact of law data about the law's own things; True if refused."""
    first = law.get(pred.name)
    if first is None:
        return False
    if any(isinstance(a, M.Name) and a.id in case_constants for a in fact.atom.args):
        return False  # about a party of the case's own: a hypothetical, not a change to the law
    said = {"true": "state", "false": "deny", "unknown": "leave unknown"}[fact.polarity]
    rep.error("E326", fact.span, f"'{pred.name}' is the law's: the statutes state its facts (e.g. {first.span.file}:{first.span.line}), "
              f"so a case cannot {said} one",
              "a case states facts, the law comes from statute modules; to try another law, write a provision that "
              "states it in a law module of your own and load it with the case (writ check my_law.writ case.writ)")
    return True


def caution_own_law(provisions: dict[str, M.Provision]) -> None:
    """Give every provision outside the bundled statutes a caution naming its file."""
    for prov in provisions.values():
        if not is_bundled(prov.module):
            note = f"this provision is not part of Writ's bundled law; it is written in {prov.span.file}"
            if note not in prov.cautions:
                prov.cautions.append(note)
