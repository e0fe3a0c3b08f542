"""Check parsed files and build the typed model (`model.Law`, `model.Case`).

In plain ASP a misspelt predicate silently reads as false; here it is an error.
The checker resolves every name (with a did-you-mean), matches English sentences
to the predicates' reading templates, checks arity and argument types, dates,
variable safety and cycles through negation, and rejects anything that would let
case text change the law.

This module is the driver: the passes, in order. Each pass is a module of its own
(vocabulary, cases with claims and rules inside them, safety, dependencies, lint), and
they share only a `Context` (the law being built and the reporter) and an explicit `Scope`.
"""

from __future__ import annotations

from dataclasses import dataclass, field

from .. import model as M
from ..core.diagnostics import Diagnostic, Reporter, Span
from ..syntax import tree as S
from ..syntax.project import Loaded
from . import lint, trust, vocabulary
from .cases import check_case, check_provision
from .dependencies import check_cycles
from .scope import Context, Scope
from .shadows import check_shadows

__all__ = ["Checked", "check", "check_cases", "Context", "Scope"]


@dataclass(frozen=True)
class Checked:
    """What checking returns: the law, the cases, and the warnings (which do not stop it)."""

    law: M.Law
    cases: list[M.Case]
    warnings: list[Diagnostic] = field(default_factory=list)


def check(loaded: Loaded) -> Checked:
    """Check every loaded file: returns the law, the cases and the warnings, or raises WritError."""
    rep = Reporter()
    files = [(m, loaded.files[m]) for m in loaded.order]
    law = M.Law({n: M.TypeInfo(n, p, d, None) for n, (p, d) in M.BUILTIN_TYPES.items()}, {}, {}, {},
                tuple(loaded.order), {src.path: src.text for src in loaded.files.values()})
    ctx = Context(law, rep, {m: loaded.visible(m) for m in loaded.files})

    # 1. the vocabulary: types, then predicates, then constants and provisions
    for module, src in files:
        for t in src.types:
            vocabulary.declare_type(ctx, t, module)
    for module, src in files:
        for t in src.types:
            vocabulary.check_parent(ctx, t)
        for p in src.predicates:
            vocabulary.declare_predicate(ctx, p, module)
    for module, src in files:
        for stmt in _law_statements(src):
            decl = vocabulary.as_declaration(law, stmt)
            if decl is not None:
                vocabulary.declare_constant(ctx, decl, module, scope=None)
        for prov in src.provisions:
            vocabulary.declare_provision(ctx, prov, module)
    ctx.index_templates()
    lint.shared_readings(law, rep)

    # 2. the provisions' rules and facts (rule typing and safety inside)
    for module, src in files:
        for stmt in src.loose:
            if vocabulary.as_declaration(law, stmt) is None:
                rep.error("E310", stmt.span, "this statement belongs to no provision",
                          "rules and facts of law go under a 'provision' header; facts of a case under a 'case' header")
        for prov in src.provisions:
            check_provision(ctx, prov, module)

    # 3. the cases
    cases: list[M.Case] = []
    case_modules: list[tuple[str, M.Case]] = []
    seen_cases: dict[str, Span] = {}
    for module, src in files:
        for case in src.cases:
            if case.name in seen_cases:
                rep.error("E301", case.name_span, f"case '{case.name}' is already defined at {seen_cases[case.name]}",
                          "give each case its own name")
            seen_cases[case.name] = case.name_span
            checked = check_case(ctx, module, case, src.path)
            if checked:
                cases.append(checked)
                case_modules.append((module, checked))

    # 4. the whole law: cycles through negation; then whether law data reaches a case's own name
    law.dependencies = check_cycles(law, rep)
    for module, checked_case in case_modules:  # an M.Case: `case` above is its syntax
        check_shadows(ctx, module, checked_case)

    # 5. extra passes over the checked law and cases, each a module of check/ (integrity and trust
    #    checks of each case's facts run inside check_case; here, the law as a whole)
    trust.caution_own_law(law.provisions)  # answers relying on a user's own provision say so

    # 6. warnings
    lint.lint(law, [src for _, src in files], rep)
    rep.raise_if_errors()
    _mark_timeless(law)
    return Checked(law, cases, [d for d in rep.diagnostics if not d.is_error])


def check_cases(law: M.Law, loaded: Loaded, modules: list[str]) -> list[M.Case]:
    """Check the cases of some new modules against a law already checked.

    The new modules may only add cases (and their constants): anything that would
    change the law needs the law to be checked again, with them."""
    rep = Reporter()
    ctx = Context(law, rep, {m: loaded.visible(m) for m in loaded.files})
    ctx.index_templates()
    cases: list[M.Case] = []
    for module in modules:
        src = loaded.files[module]
        for decl in list(src.types) + list(src.predicates) + list(src.provisions):
            rep.error("E323", decl.span, "this file adds to the law, so it must be loaded with the law",
                      "pass it to Writ.load(...) or to the command line with the statutes")
        for stmt in src.loose:
            rep.error("E310", stmt.span, "this statement belongs to no case", "put it under a 'case' header")
        for case in src.cases:
            checked = check_case(ctx, module, case, src.path)
            if checked:
                check_shadows(ctx, module, checked)
                cases.append(checked)
    lint.lint(law, [loaded.files[m] for m in modules], rep)
    rep.raise_if_errors()
    return cases


def _law_statements(src: S.SourceFile):
    yield from src.loose
    for prov in src.provisions:
        yield from prov.statements


def _mark_timeless(law: M.Law) -> None:
    # Law data whose truth can change with the date (a destination that moved
    # between Country Groups) must be decided per case; the rest is compiled once.
    dated = {f.atom.pred for prov in law.provisions.values() for f in prov.facts
             if f.valid_from or f.valid_until or prov.in_force_from or prov.in_force_until}
    for pred in law.predicates.values():
        pred.timeless = pred.fixed and pred.name not in dated
