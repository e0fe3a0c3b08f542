"""A case's inputs to the solver: its facts on the as-of date, its open domain, the
predicates its questions depend on, and the clingo context that hands them to the
grounder as symbols (never as text)."""

from __future__ import annotations

from dataclasses import dataclass, field
from typing import Iterable, Sequence

import clingo

from .. import model as M
from ..compile import encoding as enc
from ..compile.program import CompiledLaw


@dataclass
class CaseInput:
    """One case's facts, reduced to what the solver needs on its as-of date."""

    case: M.Case
    true_facts: list[M.GroundAtom]
    unknown_facts: list[M.GroundAtom]  # stated unknown, or open and not stated
    open_unknowns: set[M.GroundAtom]  # the subset that is unknown only because the predicate is open
    inforce: list[str]  # provisions in force on the as-of date
    # the predicates the case's questions can depend on: the only part of the law grounded for it
    relevant: frozenset[str] = field(default_factory=frozenset)
    # facts drawn from the official lists (true or unknown), each with the entry it comes from
    # (decide.listings.ListedFact): explanations cite the entry
    listed: dict = field(default_factory=dict)
    # stated 'not' facts (and what-if --unset ones) of predicates a rule concludes: the solver keeps
    # only the answers in which no rule concludes them, so a rule that must is a contradiction
    denied: list[M.GroundAtom] = field(default_factory=list)
    # (predicate, party) -> why the lists do not support it though a name matched (an identifier
    # ruled the entry out): the explanation of a failed listing condition quotes it
    ruled_out: dict = field(default_factory=dict)
    # sort -> its stand-in: the sorts a rule reaches through "some" thing of which the case names none
    # and has not closed (`no other act.`); its open facts are among the unknowns (M.stand_in)
    stand_ins: dict[str, M.Name] = field(default_factory=dict)

    @property
    def has_choices(self) -> bool:
        """Whether an unknown fact the questions depend on is left to the solver."""
        return any(a.pred in self.relevant for a in self.unknown_facts)


def prepare(law: M.Law, case: M.Case, extra_true: Iterable[M.GroundAtom] = (),
            extra_false: Iterable[M.GroundAtom] = (), also: Iterable[str] = ()) -> CaseInput:
    """Select the facts valid on the as-of date and enumerate the open unknowns.

    `also`: predicates the answers need beside the case's questions (the measures a "not
    blocked" answer names: `decide.measures`)."""
    day = case.as_of
    extra_true, extra_false = set(extra_true), set(extra_false)
    true_facts: dict[M.GroundAtom, None] = {}
    unknown: dict[M.GroundAtom, None] = {}
    stated: set[M.GroundAtom] = set()
    denied: dict[M.GroundAtom, None] = {}
    for f in case.facts:
        if not f.valid_on(day):
            continue
        stated.add(f.atom)
        if f.polarity == "true":
            true_facts.setdefault(f.atom)
        elif f.polarity == "unknown":
            unknown.setdefault(f.atom)
        else:
            denied.setdefault(f.atom)
    for a in extra_true:
        true_facts.setdefault(a)
        unknown.pop(a, None)
        stated.add(a)
    for a in extra_false:
        true_facts.pop(a, None)
        unknown.pop(a, None)
        stated.add(a)
        denied.setdefault(a)
    for a in extra_true:
        denied.pop(a, None)
    open_unknowns = set()
    relevant = relevant_predicates(law, [q.pred for q in case.all_questions()] + [p.pred for p in case.patterns] + list(also))
    unnamed = stand_ins(law, case, relevant)
    for atom in open_domain(law, case, relevant, unnamed):
        if atom not in stated:
            unknown.setdefault(atom)
            open_unknowns.add(atom)
    inforce = [p.name for p in law.provisions.values() if p.in_force_on(day)]
    concluded = concluded_predicates(law)
    return CaseInput(case, list(true_facts), list(unknown), open_unknowns, inforce, frozenset(relevant),
                     denied=[a for a in denied if a.pred in concluded and a.pred in relevant], stand_ins=unnamed)


def concluded_predicates(law: M.Law) -> set[str]:
    """The predicates some rule of the law concludes (a 'not' fact of one is a constraint)."""
    return {rule.head.pred for prov in law.provisions.values() for rule in prov.rules}


def case_names(law: M.Law, case: M.Case) -> dict[str, str]:
    """The constants a case is about (name -> type): declared in it or named in its facts."""
    names: dict[str, str] = {c.name: c.type for c in case.constants.values()}
    for f in case.facts:
        for a in f.atom.args:
            if isinstance(a, M.Name) and a.id not in names:
                c = case.constants.get(a.id) or law.constants.get(a.id)
                if c:
                    names[a.id] = c.type
    asked: list[M.GroundAtom | M.Pattern] = [*case.all_questions(), *case.patterns]
    for q in asked:
        for arg in q.args:  # a pattern's are None where it has a variable
            if isinstance(arg, M.Name) and arg.id not in names:
                c = case.constants.get(arg.id) or law.constants.get(arg.id)
                if c:
                    names[arg.id] = c.type
    return names


def relevant_predicates(law: M.Law, questions: Iterable[str]) -> set[str]:
    """The predicates a question can depend on, through the rules."""
    return law.depends_on(questions)


def stand_ins(law: M.Law, case: M.Case, relevant: set[str] | None = None) -> dict[str, M.Name]:
    """The stand-ins the open world needs: sort -> the stand-in of a thing the case does not name.

    A rule whose conditions reach a thing its conclusion does not name ("responsible for some
    serious human rights abuse": the act A) ranges over the things of that sort the case names.
    A case that names none has not said there is none: one stand-in of the sort takes their
    place, its open facts unknown, so the answer is undetermined rather than a silent no. No
    stand-in where the case or the law names a thing of the sort (the case is taken to name
    every one at issue), or where the case closes it (`no other act.`, or of a sort above it)."""
    names = case_names(law, case)
    out: dict[str, M.Name] = {}
    asked = [(p.pred, typ) for p in case.patterns  # a "which" question's variables are "some" thing too
             for arg, (_, typ) in zip(p.args, law.predicates[p.pred].params) if arg is None]
    for head, sort in [*existential_sorts(law), *asked]:
        if sort in out or sort in M.SCALAR_TYPES or (relevant is not None and head not in relevant):
            continue
        if any(law.is_subtype(sort, closed) for closed in case.closed):
            continue
        if any(law.is_subtype(t, sort) for t in names.values()) or _law_names(law, sort):
            continue
        out[sort] = M.stand_in(sort)
    return out


def existential_sorts(law: M.Law) -> tuple[tuple[str, str], ...]:
    """(head predicate, sort) of every variable a rule's conditions bind and its conclusion does not
    name (outside aggregates, which count what is named), in the law's order; computed once per law."""
    return law.derived("existential_sorts", _existential_sorts)


def _existential_sorts(law: M.Law) -> tuple[tuple[str, str], ...]:
    found: dict[tuple[str, str], None] = {}
    for rule in law.rules:
        in_head = {a.name for a in rule.head.args if isinstance(a, M.TVar)}
        for alt in rule.alternatives:
            for lit in alt:
                if isinstance(lit, M.RAtom):
                    for a in lit.args:
                        if isinstance(a, M.TVar) and a.name != "_" and a.name not in in_head \
                                and a.type and a.type not in M.SCALAR_TYPES:
                            found.setdefault((rule.head.pred, a.type))
    return tuple(found)


def _law_names(law: M.Law, sort: str) -> bool:
    """Whether the law declares a constant of the sort (its countries, its programs): named, not open."""
    seen: dict[str, bool] = law.derived("named_sorts", lambda _: {})
    if sort not in seen:
        seen[sort] = any(law.is_subtype(c.type, sort) for c in law.constants.values())
    return seen[sort]


def open_domain(law: M.Law, case: M.Case, relevant: set[str] | None = None,
                unnamed: dict[str, M.Name] | None = None) -> list[M.GroundAtom]:
    """Every instance of an open predicate over the things the case is about, and the stand-ins
    of the things it does not name (`unnamed`, from `stand_ins`); only predicates the case's
    questions can depend on, when `relevant` is given."""
    names = case_names(law, case)
    for sort, name in (unnamed or {}).items():
        names[name.id] = sort
    out: list[M.GroundAtom] = []
    for pred in law.predicates.values():
        if not pred.open or (relevant is not None and pred.name not in relevant):
            continue
        pools = [[M.Name(n) for n, t in names.items() if law.is_subtype(t, ptype)] for _, ptype in pred.params]
        if not pred.params:
            out.append(M.GroundAtom(pred.name, ()))
            continue
        _product(pred.name, pools, [], out)
    return out


def _product(pred: str, pools, prefix, out) -> None:
    if len(prefix) == len(pools):
        out.append(M.GroundAtom(pred, tuple(prefix)))
        return
    for v in pools[len(prefix)]:
        prefix.append(v)
        _product(pred, pools, prefix, out)
        prefix.pop()


class Context:
    """The clingo context: hands case data to the grounder as symbols, never as text."""

    def __init__(self, compiled: CompiledLaw, inputs: Sequence[CaseInput], law_key: frozenset[int] | None = None):
        if law_key is None:
            keys = {compiled.law_key(i.case.as_of, frozenset(i.inforce)) for i in inputs}
            if len(keys) > 1:  # law data carries no case number: one grounding, one version of it
                raise ValueError("cases grounded together must have the same law data in force")
            law_key = keys.pop() if keys else frozenset()
        self.law_rows = compiled.law_symbols(law_key)
        self.asof_syms: list[clingo.Symbol] = []
        self.inforce_syms: list[clingo.Symbol] = []
        self.facts: dict[str, list[clingo.Symbol]] = {}
        self.unknowns: dict[str, list[clingo.Symbol]] = {}
        self.denials: dict[str, list[clingo.Symbol]] = {}
        for k, inp in enumerate(inputs):
            num = clingo.Number(k)
            self.asof_syms.append(clingo.Tuple_([num, clingo.Number(inp.case.as_of.toordinal())]))
            for p in inp.inforce:
                self.inforce_syms.append(clingo.Tuple_([num, enc.provision_symbol(p)]))
            for a in inp.true_facts:
                self.facts.setdefault(a.pred, []).append(compiled.fact_tuple(k, a))
            for a in inp.unknown_facts:
                self.unknowns.setdefault(a.pred, []).append(compiled.fact_tuple(k, a))
            for a in inp.denied:
                self.denials.setdefault(a.pred, []).append(compiled.fact_tuple(k, a))

    def asof(self):
        return self.asof_syms

    def inforce(self):
        return self.inforce_syms

    def law(self, pred):
        return self.law_rows.get(pred.string, [])

    def fact(self, pred):
        return self.facts.get(pred.string, [])

    def unknown(self, pred):
        return self.unknowns.get(pred.string, [])

    def denied(self, pred):
        return self.denials.get(pred.string, [])


_Inputs = Context  # the name the benchmark and older callers used
