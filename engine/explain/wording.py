"""The one English wording of what an explanation says: atoms, literals, terms, "some X", questions.

Every sentence an answer shows about the law comes from here: the reading of an
atom (its predicate's `reads` template), a condition as written and as read, a
thing no fact names ("some general prohibition"), the question that would settle
an unknown fact (its predicate's `asks`, filled as a template in one pass), and
the period sentence a why-not gives for something out of force.
"""

from __future__ import annotations

import datetime as dt
import functools
import re

from .. import model as M
from ..decision import FactQuestion, ProvisionRef, Source
from .evaluate import Evaluator
from .world import Bindings


def some(type_name: str | None) -> str:
    """How a reading shows a thing no fact names: "some general prohibition" (words, not the type's identifier)."""
    return f"some {type_name.replace('_', ' ')}" if type_name else "something"


def unnamed_detail(sort: str) -> str:
    """What would decide an answer that turns on a thing of `sort` the case does not name."""
    words = sort.replace("_", " ")
    return (f"the case names no {words}, and one it does not name may exist: to decide it, declare the {words} "
            f"({sort} name \"...\".) and state whether this holds of it, or, if there is none, write \"no other {sort}.\"")


def provision_ref(p: M.Provision) -> ProvisionRef:
    """A provision as an answer cites it."""
    return ProvisionRef(id=p.name, title=p.title, cite=p.cite, text=p.text,
                        in_force_from=p.in_force_from, in_force_until=p.in_force_until, cautions=list(p.cautions))


def source(span) -> Source:
    """Where a statement an answer cites is written."""
    return Source(file=span.file, line=span.line, column=span.column)


class Wording:
    """The wording of one case's explanations: the law's readings with the case's display names."""

    def __init__(self, law: M.Law, constants: dict[str, M.Constant], ev: Evaluator):
        self.law = law
        self.constants = constants
        self.ev = ev

    def reading(self, atom: M.GroundAtom) -> str:
        return self.law.reading(atom, self.constants)

    def pattern_reading(self, pattern: M.Pattern) -> str:
        """A question with variables in English: "a sale is caught by some general prohibition"."""
        pred = self.law.predicates[pattern.pred]
        shown = [some(typ) if arg is None else self.law.show(arg, self.constants)
                 for (_, typ), arg in zip(pred.params, pattern.args)]
        if pred.reads is None:
            return f"{pattern.pred}({', '.join(shown)})"
        return pred.reads.fill(dict(zip((v for v, _ in pred.params), shown)))

    def literal_text(self, lit: M.RLiteral, b: Bindings) -> tuple[str, str]:
        """(the literal as Writ text with bindings substituted, its English reading)."""
        if isinstance(lit, M.RNot):
            text, reading = self.literal_text(lit.atom, b)
            return "not " + text, "it is not established that " + reading
        return self.positive_text(lit, b)

    def failed_text(self, lit: M.RLiteral, b: Bindings) -> tuple[str, str]:
        """(text, reading) of a condition that failed: a failed `not X` means X holds."""
        if isinstance(lit, M.RNot):
            text, reading = self.positive_text(lit.atom, b)
            return "not " + text, f"it must not be that {reading}, but it is"
        return self.literal_text(lit, b)

    def uncertain_text(self, lit: M.RLiteral, b: Bindings) -> tuple[str, str]:
        """(text, reading) of the condition an undetermined answer turns on."""
        if isinstance(lit, M.RNot):
            text, reading = self.positive_text(lit.atom, b)
            return "not " + text, f"{reading} (if it does, the rule does not apply)"
        return self.literal_text(lit, b)

    def positive_text(self, lit: M.RLiteral, b: Bindings) -> tuple[str, str]:
        if isinstance(lit, M.RAtom):
            shown = [self.term_text(a, b) for a in lit.args]
            text = f"{lit.pred}({', '.join(shown)})" if shown else lit.pred
            pred = self.law.predicates[lit.pred]
            if pred.reads is None:
                return text, text
            return text, pred.reads.fill({var: self.term_reading(a, b) for (var, _), a in zip(pred.params, lit.args)})
        assert isinstance(lit, M.RCmp)
        text = f"{self.term_text(lit.left, b)} {lit.op} {self.term_text(lit.right, b)}"
        return text, text

    def term_text(self, t: M.RTerm, b: Bindings) -> str:
        v = self.ev.value(t, b) if not isinstance(t, M.TAgg) else None
        if v is not None:
            return M.format_value(v)
        if isinstance(t, M.TVar):
            return t.name
        if isinstance(t, M.TToday):
            return "today"
        if isinstance(t, M.TBin):
            return f"{self.term_text(t.left, b)} {t.op} {self.term_text(t.right, b)}"
        if isinstance(t, M.TAgg):
            inner = " and ".join(self.literal_text(l, b)[0] for l in t.body)
            expr = self.term_text(t.expr, b) + " " if t.expr is not None else ""
            return f"{t.fn}({expr}where {inner})"
        return "?"

    def term_reading(self, t: M.RTerm, b: Bindings) -> str:
        v = self.ev.value(t, b) if not isinstance(t, M.TAgg) else None
        if v is not None:
            return self.law.show(v, self.constants)
        if isinstance(t, M.TVar):  # a variable no fact binds: "some general prohibition", not "G"
            return some(t.type)
        return self.term_text(t, b)

    def unless_text(self, unless, b: Bindings) -> tuple[str, str]:
        """(text, reading) of a rule's exception under b: its alternatives joined by `or`."""
        texts = [" and ".join(self.literal_text(l, b)[0] for l in alt) for alt in unless]
        readings = [" and ".join(self.literal_text(l, b)[1] for l in alt) for alt in unless]
        return " or ".join(texts), " or ".join(readings)


def total_text(total: M.Value | None) -> str:
    """An aggregate's value as an explanation shows it."""
    return M.format_value(total) if total is not None else "nothing"


def out_of_period(what: str, start: dt.date | None, until: dt.date | None, as_of: dt.date) -> str:
    """'in force from 2017-12-21; the case is as of 2016-06-01'."""
    period = " ".join(([f"from {start}"] if start else []) + ([f"until {until}"] if until else []))
    return f"{what} {period}; the case is as of {as_of}"


# ---- questions that settle an unknown fact -----------------------------------------------------

_SLOT = re.compile(r"\{([^{}]*)\}")


@functools.lru_cache(maxsize=None)
def asks_template(asks: str) -> M.Template:
    """A predicate's `asks` text as a template: its exact text pieces and its {slots}.

    Filled in one pass (`fill_question`), so a display name that itself holds
    "{P}" is shown as written, not substituted again as the old chain of
    `str.replace` calls did. Unlike a reading, a question keeps its own spacing
    and punctuation ("Did {P} engage in {A}?"): its word parts are exact text."""
    parts: list[tuple[str, str]] = []
    at = 0
    for m in _SLOT.finditer(asks):
        if m.start() > at:
            parts.append(("word", asks[at:m.start()]))
        parts.append(("slot", m.group(1)))
        at = m.end()
    if at < len(asks):
        parts.append(("word", asks[at:]))
    return M.Template(asks, tuple(parts))


def fill_question(template: M.Template, slots: dict[str, str]) -> str:
    """The question with each slot replaced by its text; a slot no parameter fills stays as written."""
    return "".join(slots.get(t, "{" + t + "}") if kind == "slot" else t for kind, t in template.parts)


def fact_question(law: M.Law, atom: M.GroundAtom, constants) -> FactQuestion:
    """An unknown fact, its reading, and the question a user is asked to settle it."""
    reading = law.reading(atom, constants)
    pred = law.predicates[atom.pred]
    unnamed = [s for a in atom.args if (s := M.stand_in_type(a)) is not None]
    if unnamed:  # a thing the case does not name: say how to name it, or to close its sort
        detail = unnamed_detail(unnamed[0])
        return FactQuestion(statement=str(atom), reading=reading,
                            question=f"Is it the case that {reading}? {detail[0].upper()}{detail[1:]}")
    if pred.asks:
        q = fill_question(asks_template(pred.asks), {var: law.show(v, constants) for (var, _), v in zip(pred.params, atom.args)})
    else:
        q = f"Is it the case that {reading}?"
    return FactQuestion(statement=str(atom), reading=reading, question=q)
