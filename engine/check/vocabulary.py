"""Declarations: types, predicates (with their readings), constants and provisions.

Declarations are a pass of their own, run before any statement is checked, so a rule or a
fact can use a name declared later in the same file or in a module it uses.
"""

from __future__ import annotations

import re
from typing import cast

from .. import model as M
from ..core.diagnostics import Span, did_you_mean
from ..syntax import tree as S
from .scope import Context

_WORD = re.compile(r"^([A-Za-z][A-Za-z0-9_]*|[0-9]+)$")  # a word, or a whole number ("section 1263")
_SLOT = re.compile(r"^\{([A-Z][A-Za-z0-9_]*)\}$")

Declaration = tuple[str, str, "str | None", Span, Span]  # type, name, display, span, type span


def declare_type(ctx: Context, t: S.TypeDecl, module: str) -> None:
    types = ctx.law.types
    old = types.get(t.name)
    if old is not None:
        where = f"at {old.span}" if old.span else "as a built-in type"
        ctx.rep.error("E301", t.name_span, f"type '{t.name}' is already defined {where}", "choose another name")
        return
    types[t.name] = M.TypeInfo(t.name, t.parent, t.description, t.span, t.doc, module)


def check_parent(ctx: Context, t: S.TypeDecl) -> None:
    if t.parent and t.parent not in ctx.law.types:
        ctx.rep.error("E202", t.span, f"unknown type '{t.parent}'", did_you_mean(t.parent, ctx.law.types))


def declare_predicate(ctx: Context, p: S.PredicateDecl, module: str) -> None:
    preds, types, rep = ctx.law.predicates, ctx.law.types, ctx.rep
    old = preds.get(p.name)
    if old is not None:
        rep.error("E301", p.name_span, f"predicate '{p.name}' is already declared at {old.span}",
                  "declare each predicate once and 'use' its module")
        return
    seen: set[str] = set()
    for param in p.params:
        if param.type not in types:
            rep.error("E202", param.type_span, f"unknown type '{param.type}'", did_you_mean(param.type, types))
        if param.var in seen:
            rep.error("E301", param.span, f"parameter '{param.var}' appears twice", "name each parameter once")
        seen.add(param.var)
    params = tuple((q.var, q.type) for q in p.params)
    template = _template(ctx, p, params) if p.reads else None
    if p.asks is not None:
        names = {v for v, _ in params}
        for slot in re.findall(r"\{([^{}]*)\}", p.asks.value):
            if slot not in names:
                rep.error("E203", p.asks.span, f"the question names '{{{slot}}}', which is not a parameter of '{p.name}'",
                          f"parameters: {', '.join(sorted(names)) or 'none'}")
    if p.open and any(t in M.SCALAR_TYPES for _, t in params):
        rep.error("E311", p.name_span, f"predicate '{p.name}' cannot be open: it has a {', '.join(t for _, t in params if t in M.SCALAR_TYPES)} parameter",
                  "only predicates over parties, acts, items, countries and declared types can be open; state numbers, dates and text")
    if p.open and p.fixed:
        rep.error("E311", p.name_span, "a predicate cannot be both open and fixed", "fixed predicates are law data, stated in full")
    preds[p.name] = M.Predicate(p.name, params, template, p.asks.value if p.asks else None, p.open, p.fixed,
                                p.span, p.doc, module)


def _template(ctx: Context, p: S.PredicateDecl, params) -> M.Template | None:
    assert p.reads is not None
    rep = ctx.rep
    names = {v for v, _ in params}
    parts: list[tuple[str, str]] = []
    for token in p.reads.value.split():
        slot = _SLOT.match(token)
        if slot:
            if slot.group(1) not in names:
                rep.error("E203", p.reads.span, f"the reading names '{{{slot.group(1)}}}', which is not a parameter of '{p.name}'",
                          f"parameters: {', '.join(sorted(names)) or 'none'}")
            parts.append(("slot", slot.group(1)))
        elif _WORD.match(token):
            parts.append(("word", token))
        else:
            rep.error("E203", p.reads.span, f"the reading's word {token!r} cannot be written in a sentence",
                      "readings use plain words (a letter, then letters, digits, underscores), whole numbers and {PARAM} slots, separated by spaces")
            return None
    missing = names - {t for k, t in parts if k == "slot"}
    if missing:
        rep.error("E203", p.reads.span, f"the reading of '{p.name}' does not mention {', '.join('{' + m + '}' for m in sorted(missing))}",
                  "every parameter must appear in the reading")
        return None
    if parts and parts[0] == ("word", parts[0][1]) and parts[0][1] in ("from", "until", "under"):
        rep.error("E203", p.reads.span, "a reading cannot start with from/until/under")
    if any(k == "word" and t in ("from", "until", "under") for k, t in parts):
        rep.warning("W203", p.reads.span, "the words from/until/under end a sentence: facts cannot be written in this reading's sentence form",
                    f"write the fact as {p.name}(...) or reword the reading")
    return M.Template(p.reads.value, tuple(parts))


def as_declaration(law: M.Law, stmt) -> Declaration | None:
    """A fact `TYPE name "display".` declares a constant: returns (type, name, display, span, type span)."""
    if not (isinstance(stmt, S.Fact) and isinstance(stmt.claim, S.Sentence)):
        return None
    words = stmt.claim.words
    if words[0].kind != "name" or words[0].text not in law.types or len(words) not in (2, 3):
        return None
    if words[1].kind != "name" or (len(words) == 3 and words[2].kind != "string"):
        return None
    if stmt.polarity != "true" or stmt.valid_from or stmt.valid_until:
        return None
    display = cast(S.Str, words[2].term).value if len(words) == 3 else None  # a "string" word's term is a Str
    return words[0].text, words[1].text, display, words[1].span, words[0].span


def declare_constant(ctx: Context, decl: Declaration, module: str | None, scope: str | None,
                     into: dict[str, M.Constant] | None = None, case_module: str | None = None) -> None:
    """Declare a constant of the law (`into` None) or of one case (`into` its table, the case in
    `case_module`).

    Each file sees what it declares and uses: a name declared by a file this one cannot see,
    and which cannot see it, is no clash (two authors' case files may each name their `acme`)."""
    typ, name, display, span, type_span = decl
    constants = ctx.law.constants
    if typ in M.SCALAR_TYPES:
        ctx.rep.error("E204", type_span, f"'{typ}' values are written directly, not declared", "write the number, date, percentage or \"text\" itself")
        return
    if name in ctx.law.predicates:
        ctx.rep.error("E301", span, f"'{name}' is already the name of a predicate", "choose another name")
        return
    if into is None:  # a constant of a file: law-wide, unless another file it cannot see has the name
        own = ctx.law.file_constants.get(module, {}) if module else {}
        old = own.get(name) or constants.get(name)
        if (old is not None and not _apart(ctx, module, old.module)) or name in own:
            assert old is not None  # own.get(name) gave it when the name is in own
            ctx.rep.error("E301", span, f"'{name}' is already declared at {old.span}", "each name is declared once")
            return
        table = constants if old is None else ctx.law.file_constants.setdefault(module, {})  # type: ignore[arg-type]
        table[name] = M.Constant(name, typ, display, span, scope, module)
        return
    # a case's constant: it clashes with its own case's, its file's, and the law's it can see
    old = into.get(name) or (ctx.law.file_constants.get(case_module, {}).get(name) if case_module else None)
    law_old = constants.get(name)
    if old is None and law_old is not None and (case_module is None or ctx.sees_module(case_module, law_old.module)):
        old = law_old
    if old is not None:
        ctx.rep.error("E301", span, f"'{name}' is already declared at {old.span}", "each name is declared once")
        return
    into[name] = M.Constant(name, typ, display, span, scope, None)


def _apart(ctx: Context, a: str | None, b: str | None) -> bool:
    """Whether two modules are written apart: neither sees (uses, directly or not) the other."""
    return a is not None and b is not None and not ctx.sees_module(a, b) and not ctx.sees_module(b, a)


def declare_provision(ctx: Context, prov: S.Provision, module: str) -> None:
    provisions, rep = ctx.law.provisions, ctx.rep
    old = provisions.get(prov.name)
    if old is not None:
        rep.error("E301", prov.name_span, f"provision '{prov.name}' is already defined at {old.span}", "each provision has its own identifier")
        return
    start = prov.in_force_from.value if prov.in_force_from else None
    end = prov.in_force_until.value if prov.in_force_until else None
    if start and end and end < start:
        rep.error("E104", prov.in_force_until.span, f"in force until {end} is before in force from {start}", "check the dates")  # type: ignore[union-attr]
    if prov.cite is None:
        rep.error("E312", prov.name_span, f"provision '{prov.name}' has no citation", 'add: cite "..." (the law it encodes)')
    if prov.text is None:
        rep.warning("W312", prov.name_span, f"provision '{prov.name}' quotes no text", 'add: text """...""" with the words of the law it encodes')
    provisions[prov.name] = M.Provision(
        prov.name, prov.title, prov.cite.value if prov.cite else None, start, end,
        prov.text.value if prov.text else None, [n.value for n in prov.notes], prov.span, prov.doc, module,
        cautions=[" ".join(c.value.split()) for c in prov.cautions])
