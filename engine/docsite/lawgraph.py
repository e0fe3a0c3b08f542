"""Which provision concludes each predicate, which uses it, and so which provisions
depend on which: the structure the documentation draws and links."""

from __future__ import annotations

from collections import defaultdict
from typing import Iterable, Iterator

from .. import model as M


def rule_predicates(rule: M.Rule) -> set[str]:
    """Every predicate a rule's condition or exception mentions, aggregates included."""
    found: set[str] = set()
    for conj in (*rule.alternatives, *rule.unless):
        for lit in conj:
            found.update(_literal_predicates(lit))
    return found


def _literal_predicates(lit: M.RLiteral) -> Iterator[str]:
    if isinstance(lit, M.RAtom):
        yield lit.pred
        for t in lit.args:
            yield from _term_predicates(t)
    elif isinstance(lit, M.RNot):
        yield from _literal_predicates(lit.atom)
    elif isinstance(lit, M.RCmp):
        yield from _term_predicates(lit.left)
        yield from _term_predicates(lit.right)


def _term_predicates(t: M.RTerm) -> Iterator[str]:
    if isinstance(t, M.TAgg):
        for lit in t.body:
            yield from _literal_predicates(lit)
    elif isinstance(t, M.TBin):
        yield from _term_predicates(t.left)
        yield from _term_predicates(t.right)


class LawGraph:
    """Predicates and provisions of a law, linked both ways. Lists keep the law's order."""

    def __init__(self, law: M.Law):
        self.law = law
        self.concluded_by: dict[str, list[str]] = defaultdict(list)  # predicate -> provisions whose rules or facts conclude it
        self.used_by: dict[str, list[str]] = defaultdict(list)  # predicate -> provisions whose rules use it
        self.uses: dict[str, list[str]] = {}  # provision -> predicates its rules use
        self.concludes: dict[str, list[str]] = {}  # provision -> predicates it concludes
        for p in law.provisions.values():
            heads = _unique([r.head.pred for r in p.rules] + [f.atom.pred for f in p.facts])
            used = _unique(pred for r in p.rules for pred in sorted(rule_predicates(r)))
            self.concludes[p.name] = heads
            self.uses[p.name] = used
            for pred in heads:
                self.concluded_by[pred].append(p.name)
            for pred in used:
                self.used_by[pred].append(p.name)

    def depends_on(self, provision: str) -> list[str]:
        """The provisions that conclude what this provision's rules rely on."""
        return [q for q in self._in_law_order(d for pred in self.uses[provision] for d in self.concluded_by.get(pred, ()))
                if q != provision]

    def depended_on_by(self, provision: str) -> list[str]:
        """The provisions whose rules rely on what this provision concludes."""
        return [q for q in self._in_law_order(u for pred in self.concludes[provision] for u in self.used_by.get(pred, ()))
                if q != provision]

    def case_facts_used(self, provision: str) -> list[str]:
        """Predicates this provision uses that no provision concludes: a case states them."""
        return [pred for pred in self.uses[provision] if not self.concluded_by.get(pred)]

    def edges(self, provisions: Iterable[str]) -> list[tuple[str, str]]:
        """(condition, conclusion) pairs among the given provisions: `a` concludes something `b` uses."""
        chosen = set(provisions)
        return [(d, p) for p in self.law.provisions if p in chosen for d in self.depends_on(p) if d in chosen]

    def _in_law_order(self, names: Iterable[str]) -> list[str]:
        wanted = set(names)
        return [p for p in self.law.provisions if p in wanted]


def _unique(items: Iterable[str]) -> list[str]:
    return list(dict.fromkeys(items))
