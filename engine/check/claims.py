"""Ground claims: one fact, expectation or question, written as `pred(args)` or as a sentence,
checked against the vocabulary and turned into a `GroundAtom`.

Usable alone: `check_claim` checks a claim on the command line or one line in an editor,
`check_values` a fact built from values (a row of an official list); each needs only the
law and, if it matters, a `Scope`, and returns the atom with its diagnostics as values.
"""

from __future__ import annotations

import datetime as dt
import difflib
from dataclasses import dataclass
from typing import cast

from .. import model as M
from ..core.diagnostics import Diagnostic, Reporter, Span
from ..syntax import tree as S
from .scope import Context, Scope


@dataclass(frozen=True)
class QuestionVar:
    """A variable in a question's argument, until the question becomes a Pattern."""

    name: str


def check_claim(law: M.Law, claim: S.Claim, scope: Scope | None = None) -> tuple[M.GroundAtom | None, list[Diagnostic]]:
    """One claim checked against a law on its own: the atom (None if it has errors) and the
    diagnostics. Without a scope, every module's names are visible and no case's."""
    ctx = Context(law, Reporter())
    ctx.index_templates()
    atom = ground_claim(ctx, scope or Scope(None), claim)
    return atom, ctx.rep.diagnostics


def check_values(law: M.Law, pred_name: str, values: tuple[M.Value, ...], span: Span,
                 scope: Scope | None = None) -> tuple[M.GroundAtom | None, list[Diagnostic]]:
    """A fact built from values, not text (a row of an official list), checked against the
    vocabulary as a written fact would be: the predicate, its arity, each argument's type."""
    ctx = Context(law, Reporter())
    scope = scope or Scope(None)
    pred = ctx.predicate(scope, pred_name, span)
    if pred is None:
        return None, ctx.rep.diagnostics
    if len(values) != pred.arity:
        sig = ", ".join(f"{v}: {t}" for v, t in pred.params)
        ctx.rep.error("E210", span, f"'{pred.name}' takes {pred.arity} argument{'s' if pred.arity != 1 else ''}, not {len(values)}",
                      f"declared as {pred.name}({sig})")
        return None, ctx.rep.diagnostics
    for (var, ptype), value in zip(pred.params, values):
        vtype = _value_type(ctx, scope, value, span)
        if vtype is not None and not ctx.subtype(vtype, ptype):
            ctx.rep.error("E209", span, f"argument {var} of '{pred.name}' must be {a_(ptype)}, but {value} is {a_(vtype)}",
                          type_hint(pred, ptype))
    return (None if ctx.rep.has_errors else M.GroundAtom(pred.name, tuple(values))), ctx.rep.diagnostics


def _value_type(ctx: Context, scope: Scope, value: M.Value, span: Span) -> str | None:
    if isinstance(value, M.Name):
        c = ctx.constant(scope, value.id, span)
        return c.type if c else None
    if isinstance(value, bool) or not isinstance(value, (int, M.Percent, dt.date, str)):
        ctx.rep.error("E208", span, f"{value!r} is not a Writ value", "facts hold names, whole numbers, percentages, dates and text")
        return None
    if isinstance(value, int) and abs(value) > M.MAX_NUMBER:
        ctx.rep.error("E106", span, f"{value} is out of range: whole numbers go up to {M.MAX_NUMBER:,}",
                      "the solver counts in 32 bits; state large amounts in a larger unit (thousands of dollars)")
        return None
    return {int: "number", M.Percent: "percent", dt.date: "date", str: "text"}[type(value)]


def ground_claim(ctx: Context, scope: Scope, claim: S.Claim) -> M.GroundAtom | None:
    """The claim as a ground atom, or None (with the errors reported)."""
    if isinstance(claim, S.Sentence):
        return _match_sentence(ctx, scope, claim)
    pred = ctx.predicate(scope, claim.pred, claim.pred_span)
    if pred is None:
        return None
    if not arity_ok(ctx, pred, claim):
        return None
    values: list[M.Value] = []
    ok = True
    for (var, ptype), arg in zip(pred.params, claim.args):
        got = ground_value(ctx, scope, arg, claim.span)
        if got is None:
            ok = False
            continue
        value, vtype = got
        if vtype is not None and not ctx.subtype(vtype, ptype):
            ctx.rep.error("E209", arg.span, f"argument {var} of '{pred.name}' must be {a_(ptype)}, but {show(arg)} is {a_(vtype)}",
                          type_hint(pred, ptype))
            ok = False
        values.append(value)
    return M.GroundAtom(pred.name, tuple(values)) if ok else None


def ground_value(ctx: Context, scope: Scope, term, span: Span) -> tuple[M.Value, str] | None:
    """One argument of a fact: a name, a value, or (in a question) a variable."""
    rep = ctx.rep
    if isinstance(term, S.Const):
        c = ctx.constant(scope, term.name, term.span)
        return (M.Name(c.name), c.type) if c else None
    if isinstance(term, S.Str):
        return term.value, "text"
    if isinstance(term, S.Num):
        if term.value != term.value.to_integral_value():
            rep.error("E105", term.span, f"{term.value} is not a whole number", "Writ numbers are whole numbers; use a percentage (12.5%) for shares")
            return None
        if abs(term.value) > M.MAX_NUMBER:
            rep.error("E106", term.span, f"{term.value} is out of range: whole numbers go up to {M.MAX_NUMBER:,}",
                      "the solver counts in 32 bits; state large amounts in a larger unit (thousands of dollars)")
            return None
        return int(term.value), "number"
    if isinstance(term, S.Pct):
        return percent(ctx, term), "percent"
    if isinstance(term, S.DateLit):
        return (term.value, "date") if term.value else None
    if isinstance(term, S.Var) and scope.allow_question_vars:
        return QuestionVar(term.name), None  # type: ignore[return-value]
    if isinstance(term, S.Var):
        rep.error("E208", term.span, f"'{term.name}' is a variable: facts and expectations name particular things",
                  "constants start with a lowercase letter (declare one, e.g. entity acme \"Acme Ltd\".); "
                  "to ask which things hold, write a question: question engaged_in(acme, A).")
        return None
    if isinstance(term, S.Today):
        rep.error("E208", term.span, "'today' can only be used in rules", "write the date itself")
        return None
    rep.error("E208", getattr(term, "span", span), "a fact's arguments are names and values, not expressions", "write the value itself")
    return None


def percent(ctx: Context, term: S.Pct) -> M.Percent:
    hundredths = term.value * 100
    if hundredths != hundredths.to_integral_value():
        ctx.rep.error("E105", term.span, f"{term.value}% has more than two decimals", "percentages are exact to a hundredth of a percent")
    return M.Percent(int(hundredths))


def type_hint(pred: M.Predicate, ptype: str) -> str:
    sig = ", ".join(f"{v}: {t}" for v, t in pred.params)
    return f"{pred.name}({sig})" + (f' reads "{pred.reads.source}"' if pred.reads else "")


def arity_ok(ctx: Context, pred: M.Predicate, atom: S.Atom) -> bool:
    if len(atom.args) != pred.arity:
        sig = ", ".join(f"{v}: {t}" for v, t in pred.params)
        ctx.rep.error("E210", atom.span, f"'{pred.name}' takes {pred.arity} argument{'s' if pred.arity != 1 else ''}, not {len(atom.args)}",
                      f"declared as {pred.name}({sig})")
        return False
    return True


def _match_sentence(ctx: Context, scope: Scope, sent: S.Sentence) -> M.GroundAtom | None:
    words = sent.words
    law = ctx.law
    structural = [p for p in ctx.by_length.get(len(words), ())
                  if ctx.sees(scope, p.module) and all(kind == "slot" or (w.kind in ("name", "var", "number") and w.text.lower() == t.lower())
                                                       for (kind, t), w in zip(p.reads.parts, words))]  # type: ignore[union-attr]
    if not structural:
        text = " ".join(w.text for w in words)
        readings = {p.reads.source: p for p in law.predicates.values() if p.reads and ctx.sees(scope, p.module)}
        # `readings` holds only predicates with a reading
        shapes = {" ".join("…" if k == "slot" else t for k, t in cast(M.Template, p.reads).parts): src for src, p in readings.items()}
        guess = " ".join("…" if w.kind != "name" or w.text in law.constants or w.text in scope.case_constants else w.text for w in words)
        close = difflib.get_close_matches(guess, sorted(shapes), n=1, cutoff=0.5)
        hint = f"closest reading: \"{shapes[close[0]]}\"" if close else "write it as predicate(arguments), or see the vocabulary for the readings"
        lines = {w.span.line for w in words}
        if len(lines) > 1:
            hint = f"this sentence runs over lines {min(lines)}-{max(lines)}: is a period missing at the end of line {min(lines)}?"
        ctx.rep.error("E211", sent.span, f"no predicate reads \"{text}\"", hint)
        return None
    candidates = []
    for p in structural:
        fits = True
        for (kind, t), w in zip(p.reads.parts, words):  # type: ignore[union-attr]
            if kind == "slot":
                ptype = dict(p.params)[t]
                wtype = _word_type(law, scope, w)
                if wtype is not None and not ctx.subtype(wtype, ptype):
                    fits = False
        if fits:
            candidates.append(p)
    if len(candidates) > 1:
        ctx.rep.error("E212", sent.span, "this sentence matches more than one reading: "
                      + "; ".join(f"{p.name} (\"{p.reads.source}\")" for p in candidates),  # type: ignore[union-attr]
                      "write it as predicate(arguments) to say which")
        return None
    pred = (candidates or structural)[0]
    slots = {t: w for (kind, t), w in zip(pred.reads.parts, words) if kind == "slot"}  # type: ignore[union-attr]
    args = tuple(slots[var].term for var, _ in pred.params)
    return ground_claim(ctx, scope, S.Atom(pred.name, args, sent.span, sent.span))


def _word_type(law: M.Law, scope: Scope, w: S.Word) -> str | None:
    if w.kind == "name":
        c = scope.case_constants.get(w.text) or law.constants.get(w.text)
        return c.type if c else None
    return {"string": "text", "number": "number", "percent": "percent", "date": "date"}.get(w.kind)


def a_(t: str) -> str:
    """The type with its article: 'an entity', 'a date'."""
    return f"an {t}" if t[:1] in "aeiou" else f"a {t}"


def show(term) -> str:
    """A literal term as a message quotes it."""
    if isinstance(term, S.Const):
        return f"'{term.name}'"
    if isinstance(term, S.Str):
        return f'"{term.value}"'
    if isinstance(term, S.DateLit):
        return term.text
    if isinstance(term, S.Num):
        return str(term.value)
    if isinstance(term, S.Pct):
        return f"{term.value}%"
    return "this"
