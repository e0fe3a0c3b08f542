"""Name lookup: what a statement can see, and the one place predicates and constants are resolved.

A `Scope` says where a statement is checked (its module, the constants of its case, whether
variables may stand for arguments); it is passed down explicitly, so no pass depends on a
mode left behind by another. A `Context` holds what every pass shares: the law being built,
the index of readings and the reporter.
"""

from __future__ import annotations

from dataclasses import dataclass, field
from typing import Mapping

from .. import model as M
from ..core.diagnostics import Reporter, Span, did_you_mean


@dataclass(frozen=True)
class Scope:
    """Where a statement is checked.

    `module` is the module whose `use` lines decide what is visible (None: everything);
    `case_constants` are the names a case declares for itself; `allow_question_vars` lets a
    question's variables stand for the arguments it asks about."""

    module: str | None
    case_constants: Mapping[str, M.Constant] = field(default_factory=dict)
    allow_question_vars: bool = False


class Context:
    """The law being checked, the readings indexed by length, and where diagnostics go."""

    def __init__(self, law: M.Law, rep: Reporter, visible: Mapping[str, set[str]] | None = None):
        self.law = law
        self.rep = rep
        self.visible = visible or {}
        self.by_length: dict[int, list[M.Predicate]] = {}
        self._law_data: dict | None = None

    def law_data(self) -> dict:
        """The predicates the statutes state facts of (computed once, after the provisions are checked)."""
        if self._law_data is None:
            from .trust import law_data

            self._law_data = law_data(self.law.provisions.values())
        return self._law_data

    def index_templates(self) -> None:
        """Index the readings by their number of words, for matching sentences."""
        self.by_length = {}
        for p in self.law.predicates.values():
            if p.reads is not None:
                self.by_length.setdefault(len(p.reads.parts), []).append(p)

    # ---- visibility -------------------------------------------------------------------
    def sees(self, scope: Scope, module: str | None) -> bool:
        return self.sees_module(scope.module, module)

    def sees_module(self, where: str | None, module: str | None) -> bool:
        """Whether a statement of module `where` can see what `module` declares (None: anything)."""
        if module is None or where is None:
            return True
        return module in self.visible.get(where, {where})

    def file_constants_seen(self, module: str) -> dict[str, M.Constant]:
        """The module's own constants (`Law.file_constants`) and those of the modules it uses,
        where only one visible file declares the name (an ambiguous name is reported where used)."""
        out: dict[str, M.Constant] = {}
        for name in {n for cs in self.law.file_constants.values() for n in cs}:
            own = self.law.file_constants.get(module, {}).get(name)
            found = [cs[name] for m, cs in self.law.file_constants.items() if name in cs and self.sees_module(module, m)]
            law = self.law.constants.get(name)
            if law is not None and self.sees_module(module, law.module):
                found.append(law)
            if own is not None or len(found) == 1:
                out[name] = own or found[0]
        return {n: c for n, c in out.items() if c is not self.law.constants.get(n)}

    def file_constant(self, scope: Scope, name: str, span: Span) -> M.Constant | None:
        """The constant `name` as the scope's module sees it, when a module's own constants
        (`Law.file_constants`) are in play: its own first, else the one visible declaration;
        two visible declarations from files written apart are ambiguous (E301)."""
        own = self.law.file_constants.get(scope.module or "", {}).get(name)
        if own is not None:
            return own
        found = [c for m, cs in self.law.file_constants.items() if name in cs and self.sees(scope, m) for c in [cs[name]]]
        law = self.law.constants.get(name)
        if law is not None and self.sees(scope, law.module):
            found.insert(0, law)
        if len(found) > 1:
            self.rep.error("E301", span, f"'{name}' is declared both in '{found[0].module}' and in '{found[1].module}', "
                           "which this file uses", "rename one of them, or use only one of the two files")
        return found[0] if found else None

    # ---- lookups --------------------------------------------------------------------
    def predicate(self, scope: Scope, name: str, span: Span) -> M.Predicate | None:
        preds = self.law.predicates
        pred = preds.get(name)
        if pred is None:
            if name in self.law.constants or name in scope.case_constants:
                self.rep.error("E205", span, f"'{name}' is a constant, not a predicate", "a condition names a predicate, e.g. foreign_person(P)")
            else:
                self.rep.error("E205", span, f"undeclared predicate '{name}'",
                               did_you_mean(name, [p for p in preds if self.sees(scope, preds[p].module)])
                               or "declare it with: predicate NAME(ARG: type) reads \"...\"")
            return None
        if not self.sees(scope, pred.module):
            self.rep.error("E206", span, f"predicate '{name}' is declared in module '{pred.module}', which this file does not use",
                           f"add: use {pred.module}")
            return None
        return pred

    def _name_hint(self, scope: Scope, name: str, pool: list[str]) -> str:
        """The closest name, shown with the display name of what it names: a close identifier can be a
        different real party (sensetime -> beijing_sensetime), never to be taken silently for the one meant."""
        declare = f'declare it first, e.g. entity {name} "Display Name".'
        hint = did_you_mean(name, pool)
        if hint is None:
            return declare
        close = hint.split("'")[1]
        c = scope.case_constants.get(close) or self.law.constants.get(close)
        if c is None or not c.display or not self.law.is_subtype(c.type, "party"):
            return hint  # an act or an item proposed by its name is no party taken for another
        if c.scope is not None:  # declared in this case: the writer's own party
            return f"did you mean '{close}' ({c.display})?"
        article = "an" if c.type[:1] in "aeiou" else "a"
        return (f"did you mean '{close}' ({c.display}, {article} {c.type} the law declares)? If that is not the one "
                f"you mean, {declare}")

    def constant(self, scope: Scope, name: str, span: Span) -> M.Constant | None:
        constants = self.law.constants
        c = scope.case_constants.get(name)
        if c is None and self.law.file_constants and scope.module is not None:
            c = self.file_constant(scope, name, span) or constants.get(name)
        elif c is None:
            c = constants.get(name)
        if c is None:
            if name in self.law.predicates:
                self.rep.error("E207", span, f"'{name}' is a predicate, not a constant", f"write it with its arguments: {name}(...)")
            else:
                pool = list(scope.case_constants) + [n for n, k in constants.items() if self.sees(scope, k.module)]
                self.rep.error("E207", span, f"undeclared name '{name}'", self._name_hint(scope, name, pool))
            return None
        if c.scope is None and not self.sees(scope, c.module):
            self.rep.error("E206", span, f"'{name}' is declared in module '{c.module}', which this file does not use",
                           f"add: use {c.module}")
            return None
        return c

    # ---- types ----------------------------------------------------------------------
    def subtype(self, sub: str, sup: str) -> bool:
        return self.law.is_subtype(sub, sup)

    def compatible(self, a: str, b: str) -> bool:
        return self.subtype(a, b) or self.subtype(b, a)
