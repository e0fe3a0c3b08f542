"""Statements: the rules and facts of a provision, and the facts, expectations and questions
of a case.

Cases are what `check_cases` re-checks against a law already checked, so this module needs
nothing but a `Context` over that law.
"""

from __future__ import annotations

import datetime as dt

from .. import model as M
from ..syntax import tree as S
from ..core.diagnostics import did_you_mean
from .claims import QuestionVar, ground_claim
from .identifiers import check_identifier
from .rules import check_rule
from .scope import Context, Scope
from . import integrity, trust
from .vocabulary import as_declaration, declare_constant


def check_provision(ctx: Context, prov: S.Provision, module: str) -> None:
    """Check a provision's statements; its rules and facts are added to the law's provision."""
    rep = ctx.rep
    mprov = ctx.law.provisions.get(prov.name)
    if mprov is None or mprov.span != prov.span:
        return  # a duplicate, already reported
    scope = Scope(module)
    for stmt in prov.statements:
        _caution_on_fact_only(ctx, stmt)
        if isinstance(stmt, S.Rule):
            rule = check_rule(ctx, scope, stmt, prov.name, f"{prov.name}.{len(mprov.rules) + 1}")
            if rule:
                mprov.rules.append(rule)
        elif isinstance(stmt, S.Fact):
            if as_declaration(ctx.law, stmt) is not None:
                continue
            fact = check_fact(ctx, scope, stmt, prov.name)
            if fact:
                if fact.polarity != "true":
                    rep.error("E313", stmt.span, "the law states facts; 'not' and 'unknown' belong in cases",
                              "omit a fact that does not hold: predicates are closed unless declared open")
                else:
                    mprov.facts.append(fact)
        else:
            kind = {S.Expectation: "an expectation", S.Identify: "an identifier of a party",
                    S.Closing: "a closing ('no other ...')"}.get(type(stmt), "a question")
            rep.error("E314", stmt.span, f"{kind} belongs in a case, not in a provision", "put it under a 'case' header")


def check_fact(ctx: Context, scope: Scope, stmt: S.Fact, owner: str) -> M.Fact | None:
    atom = ground_claim(ctx, scope, stmt.claim)
    if atom is None:
        return None
    vfrom = stmt.valid_from.value if stmt.valid_from else None
    vuntil = stmt.valid_until.value if stmt.valid_until else None
    if vfrom and vuntil and vuntil < vfrom:
        ctx.rep.error("E104", stmt.valid_until.span, f"until {vuntil} is before from {vfrom}", "check the dates")  # type: ignore[union-attr]
    return M.Fact(atom, stmt.polarity, vfrom, vuntil, stmt.span, owner, stmt.doc,
                  (stmt.caution.value,) if stmt.caution is not None else ())


def check_case(ctx: Context, module: str, case: S.Case, file: str) -> M.Case | None:
    """One case, checked in its own scope: the module's `use`s and the names it declares."""
    rep, law = ctx.rep, ctx.law
    case_constants: dict[str, M.Constant] = {}
    for stmt in case.statements:
        decl = as_declaration(law, stmt)
        if decl is not None:
            declare_constant(ctx, decl, None, scope=case.name, into=case_constants, case_module=module)
    # the constants of this file and those it uses that another author's file also declares:
    # the case's, so its answers show them, not the other file's
    case_constants = {**ctx.file_constants_seen(module), **case_constants}
    scope = Scope(module, case_constants)
    facts: list[M.Fact] = []
    expectations: list[M.Expectation] = []
    questions: list[M.GroundAtom] = []
    patterns: list[M.Pattern] = []
    stated: dict[M.GroundAtom, list[M.Fact]] = {}
    identifiers: list[M.Identifier] = []
    ids_seen: dict[tuple[str, str], M.Identifier] = {}
    closed: dict[str, None] = {}
    for stmt in case.statements:
        _caution_on_fact_only(ctx, stmt)
        if isinstance(stmt, S.Rule):
            rep.error("E317", stmt.span, "a case states facts; rules belong to provisions",
                      "put the rule under a 'provision' header in a statute file, and 'use' it")
        elif isinstance(stmt, S.Fact):
            if as_declaration(law, stmt) is not None:
                continue
            fact = check_fact(ctx, scope, stmt, case.name)
            if fact is None:
                continue
            pred = law.predicates[fact.atom.pred]
            if pred.fixed:
                rep.error("E318", stmt.span, f"'{pred.name}' is fixed law data; a case cannot state it",
                          f"it is defined by the statutes in module '{pred.module}'")
                continue
            if trust.refuse_law_fact(rep, fact, pred, ctx.law_data(), case_constants):  # law data is the statutes'
                continue
            for prev in stated.get(fact.atom, ()):
                if prev.polarity != fact.polarity and _overlap(prev, fact):
                    rep.error("E319", stmt.span, f"this contradicts line {prev.span.line}, which states it as {prev.polarity}"
                              + (" on some of the same dates" if prev.valid_from or prev.valid_until or fact.valid_from or fact.valid_until else ""),
                              "state each fact once for any date: give the two statements periods that do not overlap")
                    break
            stated.setdefault(fact.atom, []).append(fact)
            facts.append(fact)
        elif isinstance(stmt, S.Expectation):
            atom = ground_claim(ctx, scope, stmt.claim)
            for name, span in stmt.under:
                if name not in law.provisions:
                    rep.error("E320", span, f"no provision '{name}'", did_you_mean(name, law.provisions) or "name a provision of the statutes this case uses")
                elif atom is not None and not _can_conclude(law.provisions[name], atom.pred):
                    # `under P` is "concluded through P": a provision that never concludes the claim would
                    # make `expect not ... under P` pass whatever the law says
                    rep.error("E321", span, f"provision '{name}' has no rule or fact of '{atom.pred}': nothing is concluded under it",
                              "name a provision with a rule concluding " + atom.pred
                              + (" (" + ", ".join(p.name for p in law.provisions.values() if _can_conclude(p, atom.pred))[:200] + ")"
                                 if any(_can_conclude(p, atom.pred) for p in law.provisions.values()) else ""))
            if atom is not None:
                expectations.append(M.Expectation(stmt.verdict, atom, tuple(n for n, _ in stmt.under), stmt.span))
        elif isinstance(stmt, S.Closing):  # `no other act.`: the case names every act
            if stmt.sort not in law.types or stmt.sort in M.SCALAR_TYPES:
                rep.error("E332", stmt.sort_span, f"'{stmt.sort}' is not a sort of things a case names",
                          did_you_mean(stmt.sort, [t for t in law.types if t not in M.SCALAR_TYPES])
                          or "name a type: no other act., no other entity., no other party.")
            else:
                closed.setdefault(stmt.sort)
        elif isinstance(stmt, S.Identify):
            found = check_identifier(ctx, scope, stmt, case.as_of.value, ids_seen)
            if found is not None:
                identifiers.append(found)
        elif isinstance(stmt, S.Question):
            # `question prohibited_by(sale, G).` asks which G: its variables stand for arguments
            atom = ground_claim(ctx, Scope(module, case_constants, allow_question_vars=True), stmt.claim)
            if atom is None:
                continue
            if any(isinstance(a, QuestionVar) for a in atom.args):
                # `... destined for China.` (or `blocked(Xpsb)`) reads as a name, but is a variable
                words = ([(w.text, w.span) for w in stmt.claim.words if w.kind == "var"] if isinstance(stmt.claim, S.Sentence)
                         else [(a.name, a.span) for a in stmt.claim.args if isinstance(a, S.Var)])
                for text, wspan in words:
                    if len(text) > 1 and text[1:].islower():
                        rep.warning("W322", wspan, f"'{text}' starts with a capital letter, so it is a variable: "
                                    "this question asks which", f"to name a thing, write it in lowercase: {text.lower()}")
                patterns.append(M.Pattern(atom.pred, tuple(None if isinstance(a, QuestionVar) else a for a in atom.args),
                                          tuple(a.name if isinstance(a, QuestionVar) else None for a in atom.args)))
            else:
                questions.append(atom)
    integrity.check_shares(rep, law.predicates, facts, law.is_subtype)  # shares stated twice, over 100%
    if case.as_of.value is None:
        return None
    checked = M.Case(case.name, case.title, case.as_of.value, facts, expectations, questions, dict(case_constants),
                      case.span, file, case.doc, patterns, identifiers=identifiers, closed=tuple(closed))
    checked.before_law = integrity.check_as_of(rep, checked, [p for p in law.provisions.values() if ctx.sees(scope, p.module)])
    return checked


def _overlap(a: M.Fact, b: M.Fact) -> bool:
    """Whether two statements of a fact hold on some common date (from/until are inclusive)."""
    lo = max(a.valid_from or dt.date.min, b.valid_from or dt.date.min)
    hi = min(a.valid_until or dt.date.max, b.valid_until or dt.date.max)
    return lo <= hi


def _can_conclude(prov: M.Provision, pred: str) -> bool:
    """Whether a provision has a rule concluding pred or states a fact of it."""
    return any(r.head.pred == pred for r in prov.rules) or any(f.atom.pred == pred for f in prov.facts)


def _caution_on_fact_only(ctx: Context, stmt) -> None:
    """E328 for a caution on a rule, an expectation, a question or a declaration: only a fact is an
    interpretation an answer can rely on (a caution anywhere else would be shown nowhere)."""
    if stmt.caution is None or (isinstance(stmt, S.Fact) and as_declaration(ctx.law, stmt) is None):
        return
    kind = ("rule" if isinstance(stmt, S.Rule) else "expectation" if isinstance(stmt, S.Expectation)
            else "question" if isinstance(stmt, S.Question) else "party identifier" if isinstance(stmt, S.Identify)
            else "closing" if isinstance(stmt, S.Closing)
            else "declaration")
    ctx.rep.error("E328", stmt.caution.span, f"a caution on {'an' if kind == 'expectation' else 'a'} {kind}: only a fact carries the writer's interpretation",
                  "put the caution after the fact it qualifies; a provision's own caution goes under its header")
