"""Read a rule in plain English, from the `reads` templates of its predicates.

Works on the syntax tree rather than the checked model: the model holds a rule's
condition expanded into alternatives (disjunctive normal form), which multiplies
the text, while the syntax keeps the grouping the drafter wrote. The vocabulary
comes from the checked law, so every predicate reads as its declaration says.
"""

from __future__ import annotations

from dataclasses import dataclass

from .. import model as M
from ..explain.wording import some
from ..syntax import tree as S

_ARITHMETIC = {"+": "plus", "-": "minus", "*": "times", "/": "divided by"}
_COMPARE_NUMBER = {"=": "is", "!=": "is not", "<": "is less than", "<=": "is at most", ">": "is more than",
                   ">=": "is at least"}
_COMPARE_DATE = {"=": "is", "!=": "is not", "<": "is before", "<=": "is on or before", ">": "is after",
                 ">=": "is on or after"}
_AGGREGATE = {"sum": "the total of {expr} over every way that {body}",
              "count": "the number of distinct {expr} such that {body}",
              "min": "the smallest {expr} such that {body}",
              "max": "the largest {expr} such that {body}"}


@dataclass
class RuleReading:
    """A rule in English: the conclusion, its conditions as nested groups, and the exception."""

    conclusion: str
    condition: "Group"
    exception: "Group | None"


@dataclass
class Group:
    """Conditions joined by `all` (and) or `any` (or); items are sentences or nested groups."""

    joiner: str  # "all" | "any"
    items: list["str | Group"]


class Reader:
    def __init__(self, law: M.Law):
        self.law = law

    def rule(self, rule: S.Rule) -> RuleReading:
        return RuleReading(self.atom(rule.head), self.body(rule.body),
                           self.body(rule.unless) if rule.unless is not None else None)

    def body(self, body: S.Body) -> Group:
        alternatives = [self._conjunction(alt) for alt in body.alternatives]
        if len(alternatives) == 1:
            return alternatives[0]
        return Group("any", [a if len(a.items) > 1 else a.items[0] for a in alternatives])

    def _conjunction(self, literals: tuple[S.Literal, ...]) -> Group:
        items: list[str | Group] = []
        for lit in literals:
            if isinstance(lit, S.Body):
                inner = self.body(lit)
                # (a and b) inside an and is just more conditions
                items.extend(inner.items if inner.joiner == "all" else [inner])
            else:
                items.append(self.literal(lit))
        return Group("all", items)

    def literal(self, lit: S.Literal) -> str:
        if isinstance(lit, S.Atom):
            return self.atom(lit)
        if isinstance(lit, S.Negation):
            return f"it is not shown that {self.atom(lit.atom)}"
        if isinstance(lit, S.Comparison):
            words = _COMPARE_DATE if self._is_date(lit.left) or self._is_date(lit.right) else _COMPARE_NUMBER
            return f"{self.term(lit.left)} {words[lit.op]} {self.term(lit.right)}"
        raise TypeError(f"not a literal: {lit!r}")

    def atom(self, atom: S.Atom | S.Sentence, types: dict[str, str] | None = None) -> str:
        if isinstance(atom, S.Sentence):  # already English, as the drafter wrote it
            return " ".join(w.text for w in atom.words)
        pred = self.law.predicates.get(atom.pred)
        if pred is None or pred.reads is None or len(pred.params) != len(atom.args):
            return f"{atom.pred}({', '.join(self.term(a) for a in atom.args)})"
        slots = {var: self.term(arg, type_) for (var, type_), arg in zip(pred.params, atom.args)}
        return pred.reads.fill(slots)

    def term(self, term: S.Term, type_: str | None = None) -> str:
        if isinstance(term, S.Var):
            if term.name == "_":  # the explainer's wording: "some general prohibition", not "some general_prohibition"
                return some(type_)
            return term.name
        if isinstance(term, S.Const):
            c = self.law.constants.get(term.name)
            return c.display if c is not None and c.display else term.name
        if isinstance(term, S.Str):
            return f'"{term.value}"'
        if isinstance(term, S.Num):
            return str(term.value)
        if isinstance(term, S.Pct):
            return f"{term.value}%"
        if isinstance(term, S.DateLit):
            return term.text
        if isinstance(term, S.Today):
            return "the date of the question"
        if isinstance(term, S.BinOp):
            return f"{self.term(term.left)} {_ARITHMETIC.get(term.op, term.op)} {self.term(term.right)}"
        if isinstance(term, S.Aggregate):
            expr = self.term(term.expr) if term.expr is not None else "cases"
            body = " and ".join(self.literal(lit) if not isinstance(lit, S.Body) else render_group(self.body(lit))
                                for lit in term.body)
            return _AGGREGATE[term.fn].format(expr=expr, body=body)
        raise TypeError(f"not a term: {term!r}")

    def _is_date(self, term: S.Term) -> bool:
        return isinstance(term, (S.DateLit, S.Today)) or (
            isinstance(term, S.BinOp) and (self._is_date(term.left) or self._is_date(term.right)))


def render_group(group: Group) -> str:
    """A group on one line: `a, and b, and c` / `a, or b`; nested groups in parentheses."""
    joiner = ", and " if group.joiner == "all" else ", or "
    return joiner.join(f"({render_group(i)})" if isinstance(i, Group) else i for i in group.items)
