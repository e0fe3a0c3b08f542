"""Check parsed files and build the typed model (`model.Law`, `model.Case`).

In plain ASP a misspelt predicate silently reads as false; here it is an error.
The checker resolves every name (with a did-you-mean), matches English sentences
to the predicates' reading templates, checks arity and argument types, dates,
variable safety and cycles through negation, and rejects anything that would let
case text change the law.
"""

from __future__ import annotations

import datetime as dt
import difflib
import itertools
import re
from dataclasses import dataclass
from decimal import Decimal

from .. import model as M
from ..core import arith
from ..syntax import tree as S
from ..core.diagnostics import Reporter, Span, WritError, did_you_mean
from ..core.graphs import shortest_path, strongly_connected
from ..syntax.project import Loaded
from . import integrity, trust  # robust (issue 13): checks of stated facts, the law/facts boundary

_WORD = re.compile(r"^([A-Za-z][A-Za-z0-9_]*|[0-9]+)$")  # a word, or a whole number ("section 1263")
_SLOT = re.compile(r"^\{([A-Z][A-Za-z0-9_]*)\}$")


def check(loaded: Loaded, warnings: list | None = None) -> tuple[M.Law, list[M.Case]]:
    """Check every loaded file: returns the law and the cases, or raises WritError.
    Warnings, which do not stop the check, are appended to `warnings` if given."""
    checker = _Checker(loaded)
    law, cases = checker.run()
    trust.caution_own_law(law.provisions)  # robust: answers relying on a user's own provision say so
    if warnings is not None:
        warnings += checker.warnings()
    return law, cases


def check_cases(law: M.Law, loaded: Loaded, modules: list[str]) -> list[M.Case]:
    """Check the cases of some new modules against a law already checked.

    The new modules may only add cases (and their constants): anything that would
    change the law needs the law to be checked again, with them."""
    checker = _Checker(loaded)
    checker.types = dict(law.types)
    checker.preds = dict(law.predicates)
    checker.constants = dict(law.constants)
    checker.provisions = law.provisions
    checker._index_templates()
    cases: list[M.Case] = []
    for module in modules:
        src = loaded.files[module]
        checker.module = module
        for decl in list(src.types) + list(src.predicates) + list(src.provisions):
            checker.rep.error("E323", decl.span, "this file adds to the law, so it must be loaded with the law",
                              "pass it to Writ.load(...) or to the command line with the statutes")
        for stmt in src.loose:
            checker.rep.error("E310", stmt.span, "this statement belongs to no case", "put it under a 'case' header")
        for case in src.cases:
            checked = checker._check_case(case, src.path)
            if checked:
                cases.append(checked)
    checker.rep.raise_if_errors()
    return cases


@dataclass(frozen=True)
class _QuestionVar:
    """A variable in a question's argument, until the question becomes a Pattern."""

    name: str


class _Checker:
    def __init__(self, loaded: Loaded):
        self.loaded = loaded
        self.rep = Reporter()
        self.types: dict[str, M.TypeInfo] = {n: M.TypeInfo(n, p, d, None) for n, (p, d) in M.BUILTIN_TYPES.items()}
        self.preds: dict[str, M.Predicate] = {}
        self.constants: dict[str, M.Constant] = {}
        self.provisions: dict[str, M.Provision] = {}
        self.visible: dict[str, set[str]] = {m: loaded.visible(m) for m in loaded.files}
        self.by_length: dict[int, list[M.Predicate]] = {}
        self.rule_count = 0
        self.module = ""
        self._question_vars = False  # while checking a `question`, variables may stand for arguments

    # ---- driver ------------------------------------------------------------------
    def run(self) -> tuple[M.Law, list[M.Case]]:
        files = [(m, self.loaded.files[m]) for m in self.loaded.order]
        for module, src in files:
            for t in src.types:
                self._declare_type(t, module)
        for module, src in files:
            for t in src.types:
                if t.parent and t.parent not in self.types:
                    self.rep.error("E202", t.span, f"unknown type '{t.parent}'", did_you_mean(t.parent, self.types))
            for p in src.predicates:
                self._declare_predicate(p, module)
        for module, src in files:
            for stmt in self._law_statements(src):
                decl = self._as_declaration(stmt)
                if decl is not None:
                    self._declare_constant(decl, module, scope=None)
            for prov in src.provisions:
                self._declare_provision(prov, module)
        self._index_templates()
        self._warn_shared_readings()
        for module, src in files:
            self.module = module
            for stmt in src.loose:
                if self._as_declaration(stmt) is None:
                    self.rep.error("E310", stmt.span, "this statement belongs to no provision",
                                   "rules and facts of law go under a 'provision' header; facts of a case under a 'case' header")
            for prov in src.provisions:
                self._check_provision(prov, module)
        cases: list[M.Case] = []
        seen_cases: dict[str, Span] = {}
        for module, src in files:
            self.module = module
            for case in src.cases:
                if case.name in seen_cases:
                    self.rep.error("E301", case.name_span, f"case '{case.name}' is already defined at {seen_cases[case.name]}",
                                   "give each case its own name")
                seen_cases[case.name] = case.name_span
                checked = self._check_case(case, src.path)
                if checked:
                    cases.append(checked)
        dependencies = self._check_cycles()
        self.rep.raise_if_errors()
        self._mark_timeless()
        law = M.Law(self.types, self.preds, self.constants, self.provisions, tuple(self.loaded.order),
                    {src.path: src.text for src in self.loaded.files.values()}, dependencies)
        return law, cases

    def _mark_timeless(self) -> None:
        # Law data whose truth can change with the date (a destination that moved
        # between Country Groups) must be decided per case; the rest is compiled once.
        dated = {f.atom.pred for prov in self.provisions.values() for f in prov.facts
                 if f.valid_from or f.valid_until or prov.in_force_from or prov.in_force_until}
        for pred in self.preds.values():
            pred.timeless = pred.fixed and pred.name not in dated

    def warnings(self):
        return [d for d in self.rep.diagnostics if not d.is_error]

    @staticmethod
    def _law_statements(src: S.SourceFile):
        yield from src.loose
        for prov in src.provisions:
            yield from prov.statements

    # ---- declarations ----------------------------------------------------------------
    def _declare_type(self, t: S.TypeDecl, module: str) -> None:
        old = self.types.get(t.name)
        if old is not None:
            where = f"at {old.span}" if old.span else "as a built-in type"
            self.rep.error("E301", t.name_span, f"type '{t.name}' is already defined {where}", "choose another name")
            return
        self.types[t.name] = M.TypeInfo(t.name, t.parent, t.description, t.span, t.doc, module)

    def _declare_predicate(self, p: S.PredicateDecl, module: str) -> None:
        old = self.preds.get(p.name)
        if old is not None:
            self.rep.error("E301", p.name_span, f"predicate '{p.name}' is already declared at {old.span}",
                           "declare each predicate once and 'use' its module")
            return
        seen: set[str] = set()
        for param in p.params:
            if param.type not in self.types:
                self.rep.error("E202", param.type_span, f"unknown type '{param.type}'", did_you_mean(param.type, self.types))
            if param.var in seen:
                self.rep.error("E301", param.span, f"parameter '{param.var}' appears twice", "name each parameter once")
            seen.add(param.var)
        params = tuple((q.var, q.type) for q in p.params)
        template = self._template(p, params) if p.reads else None
        if p.asks is not None:
            names = {v for v, _ in params}
            for slot in re.findall(r"\{([^{}]*)\}", p.asks.value):
                if slot not in names:
                    self.rep.error("E203", p.asks.span, f"the question names '{{{slot}}}', which is not a parameter of '{p.name}'",
                                   f"parameters: {', '.join(sorted(names)) or 'none'}")
        if p.open and any(t in M.SCALAR_TYPES for _, t in params):
            self.rep.error("E311", p.name_span, f"predicate '{p.name}' cannot be open: it has a {', '.join(t for _, t in params if t in M.SCALAR_TYPES)} parameter",
                           "only predicates over parties, acts, items, countries and declared types can be open; state numbers, dates and text")
        if p.open and p.fixed:
            self.rep.error("E311", p.name_span, "a predicate cannot be both open and fixed", "fixed predicates are law data, stated in full")
        self.preds[p.name] = M.Predicate(p.name, params, template, p.asks.value if p.asks else None, p.open, p.fixed,
                                         p.span, p.doc, module)

    def _template(self, p: S.PredicateDecl, params) -> M.Template | None:
        assert p.reads is not None
        names = {v for v, _ in params}
        parts: list[tuple[str, str]] = []
        for token in p.reads.value.split():
            slot = _SLOT.match(token)
            if slot:
                if slot.group(1) not in names:
                    self.rep.error("E203", p.reads.span, f"the reading names '{{{slot.group(1)}}}', which is not a parameter of '{p.name}'",
                                   f"parameters: {', '.join(sorted(names)) or 'none'}")
                parts.append(("slot", slot.group(1)))
            elif _WORD.match(token):
                parts.append(("word", token))
            else:
                self.rep.error("E203", p.reads.span, f"the reading's word {token!r} cannot be written in a sentence",
                               "readings use plain words (a letter, then letters, digits, underscores), whole numbers and {PARAM} slots, separated by spaces")
                return None
        missing = names - {t for k, t in parts if k == "slot"}
        if missing:
            self.rep.error("E203", p.reads.span, f"the reading of '{p.name}' does not mention {', '.join('{' + m + '}' for m in sorted(missing))}",
                           "every parameter must appear in the reading")
            return None
        if parts and parts[0] == ("word", parts[0][1]) and parts[0][1] in ("from", "until", "under"):
            self.rep.error("E203", p.reads.span, "a reading cannot start with from/until/under")
        if any(k == "word" and t in ("from", "until", "under") for k, t in parts):
            self.rep.warning("W203", p.reads.span, "the words from/until/under end a sentence: facts cannot be written in this reading's sentence form",
                             f"write the fact as {p.name}(...) or reword the reading")
        return M.Template(p.reads.value, tuple(parts))

    def _index_templates(self) -> None:
        for p in self.preds.values():
            if p.reads is not None:
                self.by_length.setdefault(len(p.reads.parts), []).append(p)

    def _warn_shared_readings(self) -> None:
        # two predicates whose readings have the same words: a sentence fitting both is ambiguous
        by_shape: dict[tuple, M.Predicate] = {}
        for p in self.preds.values():
            if p.reads is None:
                continue
            shape = tuple("" if kind == "slot" else text.lower() for kind, text in p.reads.parts)
            other = by_shape.setdefault(shape, p)
            if other is not p and p.span is not None:
                self.rep.warning("W204", p.span, f"'{p.name}' reads like '{other.name}' (\"{other.reads.source}\")",  # type: ignore[union-attr]
                                 "reword one reading; meanwhile sentences whose arguments fit both must be written as predicate(arguments)")

    def _as_declaration(self, stmt) -> tuple[str, str, str | None, Span, Span] | None:
        """A fact `TYPE name "display".` declares a constant: returns (type, name, display, span, type span)."""
        if not (isinstance(stmt, S.Fact) and isinstance(stmt.claim, S.Sentence)):
            return None
        words = stmt.claim.words
        if words[0].kind != "name" or words[0].text not in self.types or len(words) not in (2, 3):
            return None
        if words[1].kind != "name" or (len(words) == 3 and words[2].kind != "string"):
            return None
        if stmt.polarity != "true" or stmt.valid_from or stmt.valid_until:
            return None
        display = words[2].term.value if len(words) == 3 else None  # type: ignore[union-attr]
        return words[0].text, words[1].text, display, words[1].span, words[0].span

    def _declare_constant(self, decl, module: str | None, scope: str | None,
                          into: dict[str, M.Constant] | None = None) -> None:
        typ, name, display, span, type_span = decl
        if typ in M.SCALAR_TYPES:
            self.rep.error("E204", type_span, f"'{typ}' values are written directly, not declared", "write the number, date, percentage or \"text\" itself")
            return
        table = self.constants if into is None else into
        old = table.get(name) or (self.constants.get(name) if into is not None else None)
        if old is not None:
            self.rep.error("E301", span, f"'{name}' is already declared at {old.span}", "each name is declared once")
            return
        if name in self.preds:
            self.rep.error("E301", span, f"'{name}' is already the name of a predicate", "choose another name")
            return
        table[name] = M.Constant(name, typ, display, span, scope, module if into is None else None)

    def _declare_provision(self, prov: S.Provision, module: str) -> None:
        old = self.provisions.get(prov.name)
        if old is not None:
            self.rep.error("E301", prov.name_span, f"provision '{prov.name}' is already defined at {old.span}", "each provision has its own identifier")
            return
        start = prov.in_force_from.value if prov.in_force_from else None
        end = prov.in_force_until.value if prov.in_force_until else None
        if start and end and end < start:
            self.rep.error("E104", prov.in_force_until.span, f"in force until {end} is before in force from {start}", "check the dates")
        if prov.cite is None:
            self.rep.error("E312", prov.name_span, f"provision '{prov.name}' has no citation", 'add: cite "..." (the law it encodes)')
        if prov.text is None:
            self.rep.warning("W312", prov.name_span, f"provision '{prov.name}' quotes no text", 'add: text """...""" with the words of the law it encodes')
        self.provisions[prov.name] = M.Provision(
            prov.name, prov.title, prov.cite.value if prov.cite else None, start, end,
            prov.text.value if prov.text else None, [n.value for n in prov.notes], prov.span, prov.doc, module,
            cautions=[" ".join(c.value.split()) for c in prov.cautions])

    # ---- lookups -----------------------------------------------------------------------
    def _pred(self, name: str, span: Span) -> M.Predicate | None:
        pred = self.preds.get(name)
        if pred is None:
            if name in self.constants or name in self.case_constants:
                self.rep.error("E205", span, f"'{name}' is a constant, not a predicate", "a condition names a predicate, e.g. foreign_person(P)")
            else:
                self.rep.error("E205", span, f"undeclared predicate '{name}'",
                               did_you_mean(name, [p for p in self.preds if self._sees(self.preds[p].module)])
                               or "declare it with: predicate NAME(ARG: type) reads \"...\"")
            return None
        if not self._sees(pred.module):
            self.rep.error("E206", span, f"predicate '{name}' is declared in module '{pred.module}', which this file does not use",
                           f"add: use {pred.module}")
            return None
        return pred

    def _sees(self, module: str | None) -> bool:
        return module is None or module in self.visible.get(self.module, {self.module})

    def _constant(self, name: str, span: Span) -> M.Constant | None:
        c = self.case_constants.get(name) or self.constants.get(name)
        if c is None:
            if name in self.preds:
                self.rep.error("E207", span, f"'{name}' is a predicate, not a constant", f"write it with its arguments: {name}(...)")
            else:
                pool = list(self.case_constants) + [n for n, k in self.constants.items() if self._sees(k.module)]
                self.rep.error("E207", span, f"undeclared name '{name}'",
                               did_you_mean(name, pool) or f'declare it first, e.g. entity {name} "Display Name".')
            return None
        if c.scope is None and not self._sees(c.module):
            self.rep.error("E206", span, f"'{name}' is declared in module '{c.module}', which this file does not use",
                           f"add: use {c.module}")
            return None
        return c

    def _subtype(self, sub: str, sup: str) -> bool:
        t: str | None = sub
        while t is not None:
            if t == sup:
                return True
            info = self.types.get(t)
            t = info.parent if info else None
        return False

    def _compatible(self, a: str, b: str) -> bool:
        return self._subtype(a, b) or self._subtype(b, a)

    # ---- ground claims ---------------------------------------------------------------------
    case_constants: dict[str, M.Constant] = {}

    def _ground_value(self, term, span: Span) -> tuple[M.Value, str] | None:
        if isinstance(term, S.Const):
            c = self._constant(term.name, term.span)
            return (M.Name(c.name), c.type) if c else None
        if isinstance(term, S.Str):
            return term.value, "text"
        if isinstance(term, S.Num):
            if term.value != term.value.to_integral_value():
                self.rep.error("E105", term.span, f"{term.value} is not a whole number", "Writ numbers are whole numbers; use a percentage (12.5%) for shares")
                return None
            if abs(term.value) > M.MAX_NUMBER:
                self.rep.error("E106", term.span, f"{term.value} is out of range: whole numbers go up to {M.MAX_NUMBER:,}",
                               "the solver counts in 32 bits; state large amounts in a larger unit (thousands of dollars)")
                return None
            return int(term.value), "number"
        if isinstance(term, S.Pct):
            return self._percent(term), "percent"
        if isinstance(term, S.DateLit):
            return (term.value, "date") if term.value else None
        if isinstance(term, S.Var) and self._question_vars:
            return _QuestionVar(term.name), None  # type: ignore[return-value]
        if isinstance(term, S.Var):
            self.rep.error("E208", term.span, f"'{term.name}' is a variable: facts and expectations name particular things",
                           "constants start with a lowercase letter (declare one, e.g. entity acme \"Acme Ltd\".); "
                           "to ask which things hold, write a question: question engaged_in(acme, A).")
            return None
        if isinstance(term, S.Today):
            self.rep.error("E208", term.span, "'today' can only be used in rules", "write the date itself")
            return None
        self.rep.error("E208", getattr(term, "span", span), "a fact's arguments are names and values, not expressions", "write the value itself")
        return None

    def _percent(self, term: S.Pct) -> M.Percent:
        hundredths = term.value * 100
        if hundredths != hundredths.to_integral_value():
            self.rep.error("E105", term.span, f"{term.value}% has more than two decimals", "percentages are exact to a hundredth of a percent")
        if term.value > 100:
            self.rep.warning("W105", term.span, f"{term.value}% is more than 100%")
        return M.Percent(int(hundredths))

    def _ground_claim(self, claim: S.Claim) -> M.GroundAtom | None:
        if isinstance(claim, S.Sentence):
            return self._match_sentence(claim)
        pred = self._pred(claim.pred, claim.pred_span)
        if pred is None:
            return None
        if not self._arity_ok(pred, claim):
            return None
        values: list[M.Value] = []
        ok = True
        for (var, ptype), arg in zip(pred.params, claim.args):
            got = self._ground_value(arg, claim.span)
            if got is None:
                ok = False
                continue
            value, vtype = got
            if vtype is not None and not self._subtype(vtype, ptype):
                self.rep.error("E209", arg.span, f"argument {var} of '{pred.name}' must be {_a(ptype)}, but {_show(arg)} is {_a(vtype)}",
                               self._type_hint(pred, ptype))
                ok = False
            values.append(value)
        return M.GroundAtom(pred.name, tuple(values)) if ok else None

    def _type_hint(self, pred: M.Predicate, ptype: str) -> str:
        sig = ", ".join(f"{v}: {t}" for v, t in pred.params)
        return f"{pred.name}({sig})" + (f' reads "{pred.reads.source}"' if pred.reads else "")

    def _arity_ok(self, pred: M.Predicate, atom: S.Atom) -> bool:
        if len(atom.args) != pred.arity:
            sig = ", ".join(f"{v}: {t}" for v, t in pred.params)
            self.rep.error("E210", atom.span, f"'{pred.name}' takes {pred.arity} argument{'s' if pred.arity != 1 else ''}, not {len(atom.args)}",
                           f"declared as {pred.name}({sig})")
            return False
        return True

    def _match_sentence(self, sent: S.Sentence) -> M.GroundAtom | None:
        words = sent.words
        structural = [p for p in self.by_length.get(len(words), ())
                      if self._sees(p.module) and all(kind == "slot" or (w.kind in ("name", "var", "number") and w.text.lower() == t.lower())
                                                       for (kind, t), w in zip(p.reads.parts, words))]  # type: ignore[union-attr]
        if not structural:
            text = " ".join(w.text for w in words)
            readings = {p.reads.source: p for p in self.preds.values() if p.reads and self._sees(p.module)}
            shapes = {" ".join("…" if k == "slot" else t for k, t in p.reads.parts): src for src, p in readings.items()}
            guess = " ".join("…" if w.kind != "name" or w.text in self.constants or w.text in self.case_constants else w.text for w in words)
            close = difflib.get_close_matches(guess, sorted(shapes), n=1, cutoff=0.5)
            hint = f"closest reading: \"{shapes[close[0]]}\"" if close else "write it as predicate(arguments), or see the vocabulary for the readings"
            lines = {w.span.line for w in words}
            if len(lines) > 1:
                hint = f"this sentence runs over lines {min(lines)}-{max(lines)}: is a period missing at the end of line {min(lines)}?"
            self.rep.error("E211", sent.span, f"no predicate reads \"{text}\"", hint)
            return None
        candidates = []
        for p in structural:
            fits = True
            for (kind, t), w in zip(p.reads.parts, words):  # type: ignore[union-attr]
                if kind == "slot":
                    ptype = dict(p.params)[t]
                    wtype = self._word_type(w)
                    if wtype is not None and not self._subtype(wtype, ptype):
                        fits = False
            if fits:
                candidates.append(p)
        if len(candidates) > 1:
            self.rep.error("E212", sent.span, "this sentence matches more than one reading: "
                           + "; ".join(f"{p.name} (\"{p.reads.source}\")" for p in candidates),  # type: ignore[union-attr]
                           "write it as predicate(arguments) to say which")
            return None
        pred = (candidates or structural)[0]
        slots = {t: w for (kind, t), w in zip(pred.reads.parts, words) if kind == "slot"}  # type: ignore[union-attr]
        args = tuple(slots[var].term for var, _ in pred.params)
        atom = S.Atom(pred.name, args, sent.span, sent.span)
        return self._ground_claim(atom)

    def _word_type(self, w: S.Word) -> str | None:
        if w.kind == "name":
            c = self.case_constants.get(w.text) or self.constants.get(w.text)
            return c.type if c else None
        return {"string": "text", "number": "number", "percent": "percent", "date": "date"}.get(w.kind)

    # ---- provisions -------------------------------------------------------------------------
    def _check_provision(self, prov: S.Provision, module: str) -> None:
        self.case_constants = {}
        mprov = self.provisions.get(prov.name)
        if mprov is None or mprov.span != prov.span:
            return  # a duplicate, already reported
        for k, stmt in enumerate(prov.statements, start=1):
            if isinstance(stmt, S.Rule):
                rule = self._check_rule(stmt, prov.name, f"{prov.name}.{len(mprov.rules) + 1}")
                if rule:
                    mprov.rules.append(rule)
            elif isinstance(stmt, S.Fact):
                if self._as_declaration(stmt) is not None:
                    continue
                fact = self._check_fact(stmt, prov.name)
                if fact:
                    if fact.polarity != "true":
                        self.rep.error("E313", stmt.span, "the law states facts; 'not' and 'unknown' belong in cases",
                                       "omit a fact that does not hold: predicates are closed unless declared open")
                    else:
                        mprov.facts.append(fact)
            else:
                kind = "expectation" if isinstance(stmt, S.Expectation) else "question"
                self.rep.error("E314", stmt.span, f"an {kind} belongs in a case, not in a provision", "put it under a 'case' header")

    def _check_fact(self, stmt: S.Fact, owner: str) -> M.Fact | None:
        atom = self._ground_claim(stmt.claim)
        if atom is None:
            return None
        vfrom = stmt.valid_from.value if stmt.valid_from else None
        vuntil = stmt.valid_until.value if stmt.valid_until else None
        if vfrom and vuntil and vuntil < vfrom:
            self.rep.error("E104", stmt.valid_until.span, f"until {vuntil} is before from {vfrom}", "check the dates")  # type: ignore[union-attr]
        return M.Fact(atom, stmt.polarity, vfrom, vuntil, stmt.span, owner, stmt.doc)

    # ---- rules ------------------------------------------------------------------------------
    def _check_rule(self, rule: S.Rule, provision: str, rule_id: str) -> M.Rule | None:
        errors_before = len(self.rep.diagnostics)
        head_pred = self._pred(rule.head.pred, rule.head.pred_span)
        if head_pred and head_pred.fixed:
            self.rep.error("E316", rule.head.pred_span, f"'{head_pred.name}' is fixed law data: no rule can conclude it",
                           "state its facts, or declare the predicate without 'fixed'")
        alternatives = _dnf(rule.body)
        unless = _dnf(rule.unless) if rule.unless else []
        out_alts: list[tuple[M.RLiteral, ...]] = []
        out_vars: list[tuple[str, ...]] = []
        head = None
        unless_out: list[tuple[M.RLiteral, ...]] = []
        for alt in alternatives:
            env: dict[str, str | None] = {}
            order: list[str] = []
            self._collect_var_types(alt, env, order)
            head_args = self._head_args(rule.head, head_pred, env, order) if head_pred else None
            lits = tuple(self._literal(l, env) for l in alt)
            bound = self._safety(alt, rule.head, env, lits)
            if head_pred and head_args is not None:
                head = M.RAtom(head_pred.name, head_args, rule.head.span)
            for ualt in unless:
                uenv = dict(env)
                uorder = list(order)
                self._collect_var_types(ualt, uenv, uorder)
                ulits = tuple(self._literal(l, uenv) for l in ualt)
                self._safety(ualt, None, uenv, ulits, outer=bound)
                if len(unless_out) < len(unless):
                    unless_out.append(ulits)
            out_alts.append(lits)
            out_vars.append(tuple(v for v in order if v != "_"))
        if len(self.rep.diagnostics) > errors_before and any(d.is_error for d in self.rep.diagnostics[errors_before:]):
            return None
        assert head is not None
        return M.Rule(rule_id, provision, head, tuple(out_alts), tuple(unless_out), tuple(out_vars), rule.span, rule.doc)

    def _head_args(self, head: S.Atom, pred: M.Predicate, env, order) -> tuple[M.RTerm, ...] | None:
        if not self._arity_ok(pred, head):
            return None
        out: list[M.RTerm] = []
        for (var, ptype), arg in zip(pred.params, head.args):
            if isinstance(arg, S.Var):
                if arg.name == "_":
                    self.rep.error("E213", arg.span, "'_' cannot stand in a conclusion", "name the variable and bind it in the conditions")
                    return None
                t = env.get(arg.name)
                if t is not None and not self._compatible(t, ptype):
                    self.rep.error("E209", arg.span, f"'{arg.name}' is {_a(t)} in the conditions but argument {var} of '{pred.name}' is {_a(ptype)}",
                                   self._type_hint(pred, ptype))
                out.append(M.TVar(arg.name, t or ptype))
            elif isinstance(arg, (S.Aggregate, S.BinOp, S.Today)):
                term, ttype = self._term(arg, env)
                if term is None:
                    return None
                if ttype and not self._subtype(ttype, ptype):
                    self.rep.error("E209", arg.span, f"argument {var} of '{pred.name}' must be {_a(ptype)}, not {_a(ttype)}", self._type_hint(pred, ptype))
                out.append(term)
            else:
                got = self._ground_value(arg, head.span)
                if got is None:
                    return None
                value, vtype = got
                if not self._subtype(vtype, ptype):
                    self.rep.error("E209", arg.span, f"argument {var} of '{pred.name}' must be {_a(ptype)}, but {_show(arg)} is {_a(vtype)}",
                                   self._type_hint(pred, ptype))
                out.append(M.Lit(value, vtype))
        return tuple(out)

    def _collect_var_types(self, lits, env: dict[str, str | None], order: list[str]) -> None:
        """Variable types come from the predicate positions they fill."""
        for lit in lits:
            atoms = []
            if isinstance(lit, S.Atom):
                atoms = [lit]
            elif isinstance(lit, S.Negation):
                atoms = [lit.atom]
            for atom in atoms:
                pred = self.preds.get(atom.pred)
                for i, arg in enumerate(atom.args):
                    if isinstance(arg, S.Var) and arg.name != "_":
                        if arg.name not in order:
                            order.append(arg.name)
                        ptype = pred.params[i][1] if pred and i < pred.arity else None
                        old = env.get(arg.name)
                        if old is None:
                            env[arg.name] = ptype
                        elif ptype is not None and not self._compatible(old, ptype):
                            self.rep.error("E214", arg.span, f"'{arg.name}' is used as {_a(old)} and here as {_a(ptype)}",
                                           "one variable stands for one thing; use two variables")
                        elif ptype is not None and self._subtype(ptype, old):
                            env[arg.name] = ptype
            if isinstance(lit, S.Comparison):
                for side in (lit.left, lit.right):
                    for v in _term_vars(side, top_only=True):
                        if v not in order:
                            order.append(v)

    def _literal(self, lit, env) -> M.RLiteral:
        if isinstance(lit, S.Atom):
            return self._ratom(lit, env)
        if isinstance(lit, S.Negation):
            return M.RNot(self._ratom(lit.atom, env), lit.span)
        assert isinstance(lit, S.Comparison)
        left, lt = self._term(lit.left, env)
        right, rt = self._term(lit.right, env)
        if lit.op == "=":
            # an assignment binds a fresh variable to the other side's type
            if isinstance(lit.left, S.Var) and env.get(lit.left.name) is None and rt:
                env[lit.left.name] = lt = rt
                left = M.TVar(lit.left.name, rt)
            elif isinstance(lit.right, S.Var) and env.get(lit.right.name) is None and lt:
                env[lit.right.name] = rt = lt
                right = M.TVar(lit.right.name, lt)
        if lt and rt and not self._compatible(lt, rt):
            self.rep.error("E215", lit.span, f"cannot compare {_a(lt)} with {_a(rt)}", "both sides of a comparison must be the same kind of value")
        elif lit.op in ("<", "<=", ">", ">=") and lt and lt not in ("date", "number", "percent"):
            self.rep.error("E215", lit.span, f"{_a(lt)} has no order; only dates, numbers and percentages compare with {lit.op}",
                           "use = or != to compare names")
        return M.RCmp(lit.op, left or M.Lit(0, "number"), right or M.Lit(0, "number"), lit.span)

    def _ratom(self, atom: S.Atom, env) -> M.RAtom:
        pred = self._pred(atom.pred, atom.pred_span)
        if pred is None or not self._arity_ok(pred, atom):
            return M.RAtom(atom.pred, (), atom.span)
        args: list[M.RTerm] = []
        for (var, ptype), arg in zip(pred.params, atom.args):
            if isinstance(arg, S.Var):
                args.append(M.TVar(arg.name, env.get(arg.name) or ptype))
                continue
            term, ttype = self._term(arg, env)
            if term is None:
                args.append(M.TVar("_", ptype))
                continue
            if ttype and not self._subtype(ttype, ptype):
                self.rep.error("E209", arg.span, f"argument {var} of '{pred.name}' must be {_a(ptype)}, but {_show(arg)} is {_a(ttype)}",
                               self._type_hint(pred, ptype))
            args.append(term)
        return M.RAtom(pred.name, tuple(args), atom.span)

    def _term(self, term, env) -> tuple[M.RTerm | None, str | None]:
        if isinstance(term, S.Var):
            return M.TVar(term.name, env.get(term.name)), env.get(term.name)
        if isinstance(term, S.Today):
            return M.TToday(), "date"
        if isinstance(term, S.BinOp):
            left, lt = self._term(term.left, env)
            right, rt = self._term(term.right, env)
            if left is None or right is None:
                return None, None
            rtype = arith.result_type(term.op, lt, rt)
            if rtype is None:
                self.rep.error("E216", term.span, f"cannot compute {_a(lt or 'value')} {term.op} {_a(rt or 'value')}",
                               "dates add and subtract numbers of days; percentages add to percentages and multiply by numbers")
                return None, None
            return M.TBin(term.op, left, right, rtype), rtype
        if isinstance(term, S.Aggregate):
            return self._aggregate(term, env)
        got = self._ground_value(term, term.span)
        if got is None:
            return None, None
        return M.Lit(got[0], got[1]), got[1]

    def _aggregate(self, agg: S.Aggregate, env) -> tuple[M.RTerm | None, str | None]:
        inner = dict(env)
        order: list[str] = []
        self._collect_var_types(agg.body, inner, order)
        lits = tuple(self._literal(l, inner) for l in agg.body)
        expr, etype = (None, None)
        if agg.expr is not None:
            expr, etype = self._term(agg.expr, inner)
        if agg.fn in ("sum", "min", "max"):
            if agg.expr is None:
                self.rep.error("E217", agg.span, f"{agg.fn}(...) needs a value before 'where'", f"e.g. {agg.fn}(S where owns(O, E, S))")
                return None, None
            if etype not in ("number", "percent", "date") and etype is not None:
                self.rep.error("E217", agg.expr.span, f"cannot {agg.fn} {_a(etype)}", "sum numbers or percentages")
            rtype = etype if agg.fn != "sum" or etype != "date" else None
        else:
            rtype = "number"
        body_vars = [v for v in order]
        expr_vars = _term_vars(agg.expr) if agg.expr is not None else []
        local = tuple(v for v in dict.fromkeys(body_vars + expr_vars) if v not in env and v != "_")
        glob = tuple(v for v in dict.fromkeys(body_vars + expr_vars) if v in env and v != "_")
        bound_inside = {v for l in agg.body if isinstance(l, S.Atom) for a in l.args for v in _term_vars(a)}
        for v in expr_vars:
            if v not in bound_inside and v not in env:
                self.rep.error("E218", agg.span, f"variable '{v}' of the {agg.fn} is not bound by its condition", "name it in a condition after 'where'")
        return M.TAgg(agg.fn, expr, lits, local, glob, agg.span), rtype

    def _safety(self, alt, head: S.Atom | None, env, lits, outer: set[str] | None = None) -> set[str]:
        """Every variable must be bound by a positive condition (or an assignment from bound ones)."""
        bound = set(outer or ())
        for lit in alt:
            if isinstance(lit, S.Atom):
                for a in lit.args:
                    if isinstance(a, S.Var):
                        bound.add(a.name)
        changed = True
        while changed:
            changed = False
            for lit in alt:
                if isinstance(lit, S.Comparison) and lit.op == "=":
                    for target, other in ((lit.left, lit.right), (lit.right, lit.left)):
                        if isinstance(target, S.Var) and target.name not in bound and set(_term_vars(other, top_only=True)) <= bound:
                            bound.add(target.name)
                            changed = True
        needed: list[tuple[str, Span, str]] = []
        if head is not None:
            needed += [(v.name, v.span, "the conclusion") for v in _vars_in(head.args)]
        for lit in alt:
            if isinstance(lit, S.Negation):
                needed += [(v.name, v.span, "a 'not' condition") for v in _vars_in(lit.atom.args)]
            elif isinstance(lit, S.Comparison):
                needed += [(v.name, v.span, "a comparison") for v in _vars_in((lit.left, lit.right), top_only=True)]
            elif isinstance(lit, S.Atom):
                for a in lit.args:
                    if not isinstance(a, S.Var):
                        needed += [(v.name, v.span, "an expression") for v in _vars_in((a,), top_only=True)]
            for agg in _aggregates(lit):
                inner = set()
                for l in agg.body:
                    if isinstance(l, S.Atom):
                        inner |= {v.name for v in _vars_in(l.args)}
                for l in agg.body:
                    if isinstance(l, S.Negation):
                        needed += [(v.name, v.span, "a 'not' condition") for v in _vars_in(l.atom.args) if v.name not in inner]
        reported = set()
        for name, span, where in needed:
            if name != "_" and name not in bound and name not in reported:
                reported.add(name)
                self.rep.error("E219", span, f"unsafe variable '{name}': it appears in {where} but no positive condition binds it",
                               f"add a condition that names {name}, e.g. a predicate it is an argument of")
            if name == "_" and where != "an expression" and where != "a 'not' condition":
                self.rep.error("E213", span, f"'_' cannot stand in {where}", "name the variable")
        return bound

    # ---- cases ---------------------------------------------------------------------------
    def _check_case(self, case: S.Case, file: str) -> M.Case | None:
        self.case_constants = {}
        for stmt in case.statements:
            decl = self._as_declaration(stmt)
            if decl is not None:
                self._declare_constant(decl, None, scope=case.name, into=self.case_constants)
        facts: list[M.Fact] = []
        expectations: list[M.Expectation] = []
        questions: list[M.GroundAtom] = []
        patterns: list[M.Pattern] = []
        stated: dict[M.GroundAtom, list[M.Fact]] = {}
        for stmt in case.statements:
            if isinstance(stmt, S.Rule):
                self.rep.error("E317", stmt.span, "a case states facts; rules belong to provisions",
                               "put the rule under a 'provision' header in a statute file, and 'use' it")
            elif isinstance(stmt, S.Fact):
                if self._as_declaration(stmt) is not None:
                    continue
                fact = self._check_fact(stmt, case.name)
                if fact is None:
                    continue
                pred = self.preds[fact.atom.pred]
                if pred.fixed:
                    self.rep.error("E318", stmt.span, f"'{pred.name}' is fixed law data; a case cannot state it",
                                   f"it is defined by the statutes in module '{pred.module}'")
                    continue
                if trust.refuse_law_fact(self.rep, fact, pred, self._law_data(), self.case_constants):  # robust: law data is the statutes'
                    continue
                for prev in stated.get(fact.atom, ()):
                    if prev.polarity != fact.polarity and _overlap(prev, fact):
                        self.rep.error("E319", stmt.span, f"this contradicts line {prev.span.line}, which states it as {prev.polarity}"
                                       + (" on some of the same dates" if prev.valid_from or prev.valid_until or fact.valid_from or fact.valid_until else ""),
                                       "state each fact once for any date: give the two statements periods that do not overlap")
                        break
                stated.setdefault(fact.atom, []).append(fact)
                facts.append(fact)
            elif isinstance(stmt, S.Expectation):
                atom = self._ground_claim(stmt.claim)
                for name, span in stmt.under:
                    if name not in self.provisions:
                        self.rep.error("E320", span, f"no provision '{name}'", did_you_mean(name, self.provisions) or "name a provision of the statutes this case uses")
                if atom is not None:
                    expectations.append(M.Expectation(stmt.verdict, atom, tuple(n for n, _ in stmt.under), stmt.span))
            elif isinstance(stmt, S.Question):
                self._question_vars = True  # `question prohibited_by(sale, G).` asks which G
                try:
                    atom = self._ground_claim(stmt.claim)
                finally:
                    self._question_vars = False
                if atom is None:
                    continue
                if any(isinstance(a, _QuestionVar) for a in atom.args):
                    # `... destined for China.` (or `blocked(Xpsb)`) reads as a name, but is a variable
                    words = ([(w.text, w.span) for w in stmt.claim.words if w.kind == "var"] if isinstance(stmt.claim, S.Sentence)
                             else [(a.name, a.span) for a in stmt.claim.args if isinstance(a, S.Var)])  # robust: atom form too
                    for text, wspan in words:
                        if len(text) > 1 and text[1:].islower():
                            self.rep.warning("W322", wspan, f"'{text}' starts with a capital letter, so it is a variable: "
                                             "this question asks which", f"to name a thing, write it in lowercase: {text.lower()}")
                    patterns.append(M.Pattern(atom.pred, tuple(None if isinstance(a, _QuestionVar) else a for a in atom.args),
                                              tuple(a.name if isinstance(a, _QuestionVar) else None for a in atom.args)))
                else:
                    questions.append(atom)
        integrity.check_shares(self.rep, self.preds, facts, self._subtype)  # robust: shares stated twice, over 100%
        if case.as_of.value is None:
            return None
        if not expectations and not questions and not patterns:
            self.rep.warning("W321", case.name_span, f"case '{case.name}' asks nothing", "add 'question CLAIM.' or 'expect CLAIM.'")
        checked = M.Case(case.name, case.title, case.as_of.value, facts, expectations, questions, dict(self.case_constants),
                         case.span, file, case.doc, patterns)
        integrity.check_as_of(self.rep, checked, [p for p in self.provisions.values() if self._sees(p.module)])  # robust
        return checked

    def _law_data(self) -> dict:  # robust: computed once per checker, after the provisions are checked
        if getattr(self, "_law_data_cache", None) is None:
            self._law_data_cache = trust.law_data(self.provisions.values())
        return self._law_data_cache

    # ---- negation cycles -----------------------------------------------------------------------
    def _check_cycles(self) -> dict[str, set[str]]:
        """Report cycles through negation; returns the dependency graph (head -> body predicates)."""
        edges: dict[str, list[tuple[str, str, M.Rule]]] = {}
        for prov in self.provisions.values():
            for rule in prov.rules:
                h = rule.head.pred
                for alt in rule.alternatives:
                    for lit in alt:
                        for dep, sign in _deps(lit, "+"):
                            edges.setdefault(h, []).append((dep, sign, rule))
                for alt in rule.unless:
                    for lit in alt:
                        for dep, _ in _deps(lit, "-"):
                            edges.setdefault(h, []).append((dep, "-", rule))
        for comp in _sccs(edges):
            for src in sorted(comp):
                for dep, sign, rule in edges.get(src, ()):
                    if dep in comp and sign in ("-", "agg!"):
                        path = _cycle_path(edges, dep, src, comp)
                        why = ("through 'not' or 'unless'" if sign == "-" else
                               "through a min/max, a '<' on a sum or count, or a sum of numbers (which can be negative)")
                        hint = ("a definition cannot rest on its own negation; restructure the rules, e.g. with a separate predicate for the exception"
                                if sign == "-" else "only a count, or a sum of percentages, compared with >= or >, may take part in a recursive definition")
                        self.rep.error("E322", rule.span, f"'{src}' depends on itself {why}: {' -> '.join([src] + path)}", hint)
                        return {}
        return {head: {dep for dep, _, _ in es} for head, es in edges.items()}


# ---- helpers ----------------------------------------------------------------------------


def _dnf(body: S.Body) -> list[tuple]:
    out: list[tuple] = []
    for conj in body.alternatives:
        parts: list[list[tuple]] = []
        for lit in conj:
            if isinstance(lit, S.Body):
                parts.append(_dnf(lit))
            else:
                parts.append([(lit,)])
        for combo in itertools.product(*parts):
            out.append(tuple(x for group in combo for x in group))
    return out


def _term_vars(term, top_only: bool = False) -> list[str]:
    return [v.name for v in _vars_in((term,), top_only)]


def _vars_in(terms, top_only: bool = False):
    for t in terms:
        if isinstance(t, S.Var):
            if t.name != "_":
                yield t
        elif isinstance(t, S.BinOp):
            yield from _vars_in((t.left, t.right), top_only)
        elif isinstance(t, S.Aggregate) and not top_only:
            if t.expr is not None:
                yield from _vars_in((t.expr,))
            for l in t.body:
                if isinstance(l, S.Atom):
                    yield from _vars_in(l.args)


def _aggregates(lit):
    if isinstance(lit, S.Comparison):
        for side in (lit.left, lit.right):
            yield from _aggs_in(side)
    elif isinstance(lit, S.Atom):
        for a in lit.args:
            yield from _aggs_in(a)


def _aggs_in(term):
    if isinstance(term, S.Aggregate):
        yield term
    elif isinstance(term, S.BinOp):
        yield from _aggs_in(term.left)
        yield from _aggs_in(term.right)


def _deps(lit: M.RLiteral, sign: str):
    if isinstance(lit, M.RAtom):
        yield lit.pred, sign
        for a in lit.args:
            yield from _agg_deps(a, sign, None)
    elif isinstance(lit, M.RNot):
        yield lit.atom.pred, "-"
    elif isinstance(lit, M.RCmp):
        for side, other_side in ((lit.left, "left"), (lit.right, "right")):
            monotone = (other_side == "left" and lit.op in (">=", ">")) or (other_side == "right" and lit.op in ("<=", "<"))
            yield from _agg_deps(side, sign, monotone)


def _agg_deps(term, sign, monotone):
    if isinstance(term, M.TAgg):
        # a count only grows as its set grows; a sum only if what it adds cannot be negative:
        # shares (percentages) can be, numbers can (an amount of 0 - 1), so only those are safe
        nonnegative = term.fn == "count" or (term.fn == "sum" and isinstance(term.expr, M.TVar) and term.expr.type == "percent")
        ok = nonnegative and monotone
        for l in term.body:
            for dep, s in _deps(l, sign):
                yield dep, (s if s == "-" else (sign if ok else "agg!"))
    elif isinstance(term, M.TBin):
        yield from _agg_deps(term.left, sign, None)
        yield from _agg_deps(term.right, sign, None)


def _sccs(edges: dict[str, list]) -> list[set[str]]:
    nodes = set(edges) | {d for es in edges.values() for d, _, _ in es}
    return [set(c) for c in strongly_connected(sorted(nodes), lambda v: [w for w, _, _ in edges.get(v, ())])]


def _cycle_path(edges, start: str, goal: str, comp: set[str]) -> list[str]:
    """A shortest path start -> ... -> goal inside one component (for the message)."""
    return shortest_path(start, goal, lambda v: [w for w, _, _ in edges.get(v, ())], lambda w: w in comp)


def _overlap(a: M.Fact, b: M.Fact) -> bool:
    """Whether two statements of a fact hold on some common date (from/until are inclusive)."""
    lo = max(a.valid_from or dt.date.min, b.valid_from or dt.date.min)
    hi = min(a.valid_until or dt.date.max, b.valid_until or dt.date.max)
    return lo <= hi


def _a(t: str) -> str:
    return f"an {t}" if t[:1] in "aeiou" else f"a {t}"


def _show(term) -> str:
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
