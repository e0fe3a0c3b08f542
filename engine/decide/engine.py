"""The decision engine: load the law once, then decide cases against it, each case on its own.

`Engine.load` parses, checks and compiles the law; `decide_many` solves a batch and turns
each case's consequences into a `Decision` (answers, which-questions, expectations). A case
that has no consistent answer, or fails while it is decided, gets that as its `outcome`:
the other cases of the batch keep their decisions. What-if decides a case twice, with facts
changed; the unknown facts that can decide a question come from `decide.oracle`.
"""

from __future__ import annotations

import dataclasses
from dataclasses import dataclass, field
from pathlib import Path
from typing import TYPE_CHECKING, Callable, Iterable, Iterator, Sequence

import clingo

from .. import model as M
from ..check import check, check_cases
from ..compile.program import CompiledLaw, compile_law
from ..core import collector
from ..core.diagnostics import Diagnostic, Reporter, Span
from ..core.resources import statutes_dir
from ..decision import Answer, Decision, DecidingSet, ExpectationResult, QuestionResult
from ..explain import Explainer, provision_ref, source
from ..solve.inputs import case_names, relevant_predicates
from ..solve.solver import CaseInput, Consequences, Solver, prepare
from ..syntax.project import Loaded, Loader
from . import claims, lawcache, measures, oracle, outcomes

if TYPE_CHECKING:
    from .interview import Interview

Extra = tuple[Iterable[M.GroundAtom], Iterable[M.GroundAtom]]  # facts to add, facts to deny

SOLVE_CHUNK = 1000
"""Cases solved together before their decisions are built: a batch's consequences (the shown
atoms of every case) are held for one chunk at a time, not for the whole batch (a 10,000-case
batch held 2.2 GB), and a chunk is large enough for the solver's grouping of cases."""


@dataclass
class Engine:
    """A checked and compiled law, ready to decide cases (the public face is `writ.Writ`)."""

    law: M.Law
    compiled: CompiledLaw
    solver: Solver
    loaded: Loaded
    cases: list[M.Case] = field(default_factory=list)  # cases found in the files loaded with the law
    warnings: list[Diagnostic] = field(default_factory=list)  # what the checker noticed that does not stop it
    # the official lists to match parties against: None for the bundled and updated lists, or
    # a `lists.catalog.Catalog`; `use_lists=False` decides on the case's own facts alone
    catalog: object = None
    use_lists: bool = True
    _listings: object = field(default=None, repr=False)

    # ---- the official lists --------------------------------------------------------------
    def listings(self):
        """The lists, indexed once on first use, or None (a law with no listing predicates, or lists off)."""
        if self._listings is None:
            if not self.use_lists or not {"listed_sdn", "entity_listed"} & set(self.law.predicates):
                self._listings = False
            else:
                from ..lists.catalog import Catalog
                from .listings import Listings

                catalog = self.catalog or Catalog.default()
                self._listings = lawcache.listings(self.law, self.compiled.text, catalog, lambda: Listings(self.law, catalog))
        return self._listings or None

    def needs_lists(self, case: M.Case) -> bool:
        """Whether the case's questions can depend on a listing (every fact the lists add is of a
        listing predicate; a case whose questions rest on none is decided without the lists)."""
        from ..lists.law import LISTING_PREDICATES

        asked = [q.pred for q in case.all_questions()] + [p.pred for p in case.patterns]
        return bool(relevant_predicates(self.law, asked) & set(LISTING_PREDICATES))

    def parties(self, case: M.Case) -> dict[str, tuple[str, str]]:
        """The parties a case names (declared in it, or the law's named in its facts): name -> (type, display)."""
        out: dict[str, tuple[str, str]] = {}
        for name, typ in case_names(self.law, case).items():
            c = case.constants.get(name) or self.law.constants.get(name)
            if c is not None and c.display and self.law.is_subtype(typ, "party"):
                out[name] = (typ, c.display)
        return out

    def prepare(self, case: M.Case, extra_true: Iterable[M.GroundAtom] = (), extra_false: Iterable[M.GroundAtom] = ()) -> CaseInput:
        """A case's input on its date: its facts, and the listings its parties hold then (each with its entry)."""
        if not self.needs_lists(case):  # the lists cannot change its answers: they are not even loaded
            return prepare(self.law, case, extra_true, extra_false)
        listings = self.listings()
        if listings is None:
            return prepare(self.law, case, extra_true, extra_false, also=measures.companions(self.law, case))
        return self.prepare_listed(case, listings.for_case(case, self.parties(case)), extra_true, extra_false)

    def prepare_listed(self, case: M.Case, found, extra_true: Iterable[M.GroundAtom] = (),
                       extra_false: Iterable[M.GroundAtom] = ()) -> CaseInput:
        """A case's input with listing facts already found (`decide.listings.CaseListings`), as screening finds them."""
        if found.constants:  # the programs and review policies the listings name, for their readings
            case = dataclasses.replace(case, constants={**found.constants, **case.constants})
        denied = set(extra_false)
        inp = prepare(self.law, case, [*[a for a in found.true if a not in denied], *extra_true], extra_false,
                      also=measures.companions(self.law, case))
        known = set(inp.true_facts) | set(inp.unknown_facts) | denied
        inp.unknown_facts += [a for a in found.unknown if a not in known]
        inp.listed = {a: f for a, f in found.sources.items() if a not in denied and a not in set(extra_true)}
        inp.ruled_out = dict(getattr(found, "ruled_out", {}))
        return inp

    # ---- loading -----------------------------------------------------------------
    @classmethod
    def load(cls, paths: Sequence[Path | str] | None = None) -> "Engine":
        """Check and compile the law in `paths` (default: every bundled statute); raises WritError."""
        paths = list(paths) if paths is not None else [statutes_dir()]
        law, compiled, loaded, cases, warnings = lawcache.cached(paths, lambda: _load(paths))
        return cls(law, compiled, Solver(compiled), loaded, cases, warnings)

    def cases_from_text(self, text: str, name: str = "<text>", base: Path | None = None) -> list[M.Case]:
        """Parse and check case text against this law; raises WritError."""
        with collector.paused():  # a large case builds a million parse nodes the collector would rescan
            loader = Loader()
            loader.loaded = copy_loaded(self.loaded)
            module = loader.load_text(text, name, base)
            loader.reporter.raise_if_errors()
            return check_cases(self.law, loader.loaded, [module])

    def cases_from_files(self, paths: Iterable[Path | str]) -> list[M.Case]:
        """Parse and check case files (or folders of them) against this law; raises WritError."""
        with collector.paused():
            loader = Loader()
            loader.loaded = copy_loaded(self.loaded)
            modules: list[str] = []
            for p in paths:
                modules += loader.load_path(Path(p))
            loader.reporter.raise_if_errors()
            new = [m for m in modules if m not in self.loaded.files or m in loader.loaded.order[len(self.loaded.order):]]
            return check_cases(self.law, loader.loaded, new)

    def parse_atom(self, text: str, case: M.Case) -> M.GroundAtom:
        """A claim written in Writ (`p(a, b)` or a sentence), checked in the case's scope; raises WritError."""
        return claims.parse_claim(self.law, self.loaded, text, case)

    # ---- deciding --------------------------------------------------------------------
    def decide(self, case: M.Case, explain: bool = True) -> Decision:
        """Decide every question and expectation of one case."""
        with collector.paused():  # one case's explanation may build a tree of 10,000 levels
            return self.decide_many([case], explain=explain)[0]

    def decide_many(self, cases: Sequence[M.Case], explain: bool = False,
                    extra: Sequence[Extra] | None = None) -> list[Decision]:
        """Decide a batch of cases; one decision per case, in order, each with its outcome."""
        return self.decide_inputs([self.prepare(c, *(extra[i] if extra else ((), ()))) for i, c in enumerate(cases)],
                                  explain)

    def decide_iter(self, cases: Iterable[M.Case], explain: bool = False) -> Iterator[Decision]:
        """Decide cases as they come, one decision per case, in order: `SOLVE_CHUNK` cases are
        prepared and solved at a time, so memory holds one chunk, not the batch's decisions."""
        chunk: list[M.Case] = []
        for case in cases:
            chunk.append(case)
            if len(chunk) == SOLVE_CHUNK:
                yield from self._decide_chunk([self.prepare(c) for c in chunk], explain)
                chunk = []
        if chunk:
            yield from self._decide_chunk([self.prepare(c) for c in chunk], explain)

    def decide_inputs(self, inputs: Sequence[CaseInput], explain: bool = False) -> list[Decision]:
        """Decide cases already prepared (`solve.prepare`, facts added or left unknown by the caller,
        as screening does); one decision per case, in order, each with its outcome."""
        decisions: list[Decision] = []
        for start in range(0, len(inputs), SOLVE_CHUNK):
            decisions += self._decide_chunk(inputs[start:start + SOLVE_CHUNK], explain)
        return decisions

    def _decide_chunk(self, inputs: Sequence[CaseInput], explain: bool) -> list[Decision]:
        decisions: list[Decision] = []
        for inp, solved in zip(inputs, outcomes.solve_each(self.solver, inputs)):
            if (no_law := outcomes.before_the_law(inp.case)) is not None:
                decisions.append(outcomes.undecided(inp.case, no_law))
            elif isinstance(solved, Consequences):
                decisions.append(outcomes.guarded(inp.case, lambda: self._decision(inp, solved, explain)))  # noqa: B023 (called at once)
            else:
                decisions.append(outcomes.undecided(inp.case, solved))
        return decisions

    def _decision(self, inp: CaseInput, cons: Consequences, explain: bool) -> Decision:
        case = inp.case
        explainer = Explainer(self.compiled, inp, cons)
        ctl = None

        def deciding(q: M.GroundAtom) -> list[DecidingSet]:
            # one grounding of the case serves every undetermined question; the support comes
            # from the consequences already computed, not from a second enumeration
            nonlocal ctl
            ctl = ctl or self.solver.control([inp])
            return self.what_would_decide(inp, q, ctl=ctl, unknowns=self.unknowns_that_matter(inp, q, explainer=explainer))

        results: list[QuestionResult] = []
        by_atom: dict[M.GroundAtom, QuestionResult] = {}
        for q in case.all_questions():
            result = self._answer(q, explainer, cons, explain, deciding)
            results.append(result)
            by_atom[q] = result
        for pattern in dict.fromkeys(case.patterns):  # the same question asked twice is answered once
            for result in self._pattern_results(pattern, explainer, cons, explain, deciding, by_atom):
                results.append(result)
        for q, result in by_atom.items():  # a "not blocked" answer names the measures the party is under instead
            if q.pred == measures.BLOCKING and len(q.args) == 1 and result.answer is not Answer.yes:
                found = measures.measures_of(explainer.possible.ordered(measures.MEASURE), q.args[0])
                result.other_measures = [self._answer(m, explainer, cons, explain, deciding) for m in found]
        expectations = [expectation(e, by_atom[e.atom]) for e in case.expectations]
        return Decision(case=case.name, title=case.title, doc=case.doc, as_of=case.as_of, file=case.file,
                        results=results, expectations=expectations)

    def _answer(self, q: M.GroundAtom, explainer: Explainer, cons: Consequences, explain: bool,
                deciding: Callable[[M.GroundAtom], list[DecidingSet]]) -> QuestionResult:
        """One question's answer; explained, and for undetermined what would decide it, if asked for."""
        sym = self.compiled.atom_symbol(cons.index, q)
        if explain:
            result = explainer.answer(q, sym)
            if result.answer is Answer.undetermined:
                found = deciding(q)
                result.deciding = list(found)
                result.not_explained += getattr(found, "left_out", [])  # a limit the search reached, said in the answer
            return result
        verdict = explainer.verdict(q, sym)
        result = QuestionResult(question=str(q), reading=explainer.reading(q), answer=verdict,
                                by_provision=explainer.by_provision(q))
        if verdict is Answer.yes:
            result.grounds = [provision_ref(self.law.provisions[p]) for p in explainer.grounds(q)]
        return result

    def _pattern_results(self, pattern: M.Pattern, explainer: Explainer, cons: Consequences, explain: bool,
                         deciding: Callable[[M.GroundAtom], list[DecidingSet]],
                         answered: dict[M.GroundAtom, QuestionResult]) -> list[QuestionResult]:
        """A question with variables: one answer for each instance that holds or may hold; "no" if none may.

        An instance the case already asks about is answered once, where it is asked."""
        out: list[QuestionResult] = []
        found = False
        for args in explainer.possible.ordered(pattern.pred):
            atom = M.GroundAtom(pattern.pred, args)
            if not pattern.matches(atom):
                continue
            found = True
            if atom in answered:
                continue
            result = self._answer(atom, explainer, cons, explain, deciding)
            result.asked = str(pattern)
            if M.has_stand_in(atom):  # a thing the case does not name is no answer to "which": the
                # question is shown with its variable where the stand-in is, and stays undetermined
                result.question = str(M.Pattern(pattern.pred, tuple(None if M.stand_in_type(a) is not None else a
                                                                    for a in atom.args), pattern.variables))
            answered[atom] = result
            out.append(result)
        if not found:
            out.append(QuestionResult(question=str(pattern), answer=Answer.no, asked=str(pattern),
                                      reading=explainer.pattern_reading(pattern),
                                      why_not=explainer.why_not(pattern) if explain else []))
        return out

    # ---- what would decide it -----------------------------------------------------------
    def unknowns_that_matter(self, inp: CaseInput, q: M.GroundAtom, *, ctl: clingo.Control | None = None,
                             explainer: Explainer | None = None) -> list[M.GroundAtom]:
        """The unknown facts of the case that q can rest on in some answer set (see `decide.oracle`)."""
        return oracle.unknowns_that_matter(self.solver, inp, q, ctl=ctl, explainer=explainer)

    def what_would_decide(self, inp: CaseInput, q: M.GroundAtom, max_size: int = 3, *,
                          ctl: clingo.Control | None = None, unknowns: list[M.GroundAtom] | None = None) -> list[DecidingSet]:
        """The smallest sets of unknown facts whose values settle `q`, smallest first (see `decide.oracle`)."""
        return oracle.what_would_decide(self.solver, inp, q, max_size, ctl=ctl, unknowns=unknowns)

    # ---- what-if ----------------------------------------------------------------------
    def what_if(self, case: M.Case, set_true: Iterable[M.GroundAtom] = (), set_false: Iterable[M.GroundAtom] = (),
                explain: bool = True) -> tuple[Decision, Decision]:
        """The decisions `(before, after)` of a case as stated and with facts changed.

        Raises WritError (E331) for a fact that is the law's own: a `fixed` predicate, or a fact a
        provision states; a what-if that changed it would be deciding under another law."""
        set_true, set_false = list(set_true), list(set_false)
        refuse_law_data(self.law, [*set_true, *set_false])
        before, after = self.decide_many([case, case], explain=explain, extra=[((), ()), (set_true, set_false)])
        return before, after

    def interview(self, case: M.Case, question: M.GroundAtom) -> "Interview":
        """An interview that asks only the unknown facts that can still change the answer."""
        from .interview import Interview

        return Interview(self, case, question)


def _load(paths: Sequence[Path | str]) -> tuple:
    """Parse, check and compile: (law, compiled law, loaded files, the cases asked for, warnings); raises WritError."""
    loader = Loader()
    named: list[str] = []  # the modules of the files asked for, not those they use
    for p in paths:
        p = Path(p)
        if not p.exists():
            loader.reporter.error("E001", Span(str(p), 1, 1, 1, 1), f"no such file or folder: {p}")
            continue
        named += loader.load_path(p)
    loader.reporter.raise_if_errors()
    checked = check(loader.loaded)
    law, cases, warnings = checked.law, checked.cases, list(checked.warnings)
    compiled = compile_law(law)
    asked = {loader.loaded.files[m].path for m in named if m in loader.loaded.files}
    return law, compiled, loader.loaded, [c for c in cases if c.file in asked], warnings


def refuse_law_data(law: M.Law, atoms: Sequence[M.GroundAtom]) -> None:
    """E331 for every atom a what-if may not change: law data is the law, not the case."""
    stated = {f.atom: prov.name for prov in law.provisions.values() for f in prov.facts}
    rep = Reporter()
    for a in atoms:
        if law.predicates[a.pred].fixed:
            why = f"{a.pred} is fixed"
        elif a in stated:
            why = f"provision {stated[a]} states it"
        else:
            continue
        rep.error("E331", Span("<command line>", 1, 1, 1, 1), f"'{a}' is law data ({why}): a what-if cannot change it",
                  "change the facts of the case; to try another version of the law, edit a copy of the statutes")
    rep.raise_if_errors()


def expectation(e: M.Expectation, r: QuestionResult) -> ExpectationResult:
    """Whether the answer is what the case's `expect` says.

    Without `under`, the question's answer is the verdict. With `under P, ...`, each provision's
    own answer (q concluded through P: `explain.provisions`) is the verdict, and for a yes the
    question's answer is yes too (which P's yes implies). `expect not q under P` passes when P
    does not conclude q, whatever another provision concludes."""
    expected = Answer(e.verdict)
    own = {pa.provision.id: pa.answer for pa in r.by_provision}
    if not e.under:
        passed = r.answer is expected
        msg = f"{r.answer.value}" if passed else f"expected {expected.value}, got {r.answer.value}"
    else:
        wrong = [(p, own.get(p, Answer.no)) for p in e.under if own.get(p, Answer.no) is not expected]
        passed = not wrong and (expected is not Answer.yes or r.answer is Answer.yes)
        if passed:
            msg = f"{expected.value} under {', '.join(e.under)}" + (f" (the question: {r.answer.value})" if r.answer is not expected else "")
        else:
            msg = f"expected {expected.value} under {', '.join(e.under)}, got " + "; ".join(f"{a.value} under {p}" for p, a in wrong)
            grounds = sorted(pa.provision.id for pa in r.by_provision if pa.answer is Answer.yes)
            msg += f" (the question: {r.answer.value}" + (f"; yes under {', '.join(grounds)}" if grounds else "") + ")"
    return ExpectationResult(question=r.question, expected=expected, actual=r.answer, under=list(e.under),
                             passed=passed, message=msg, source=source(e.span))


def copy_loaded(loaded: Loaded) -> Loaded:
    """A copy a new text can be loaded into without changing the law's own."""
    return Loaded(dict(loaded.files), {k: list(v) for k, v in loaded.uses.items()}, list(loaded.order), dict(loaded.aliases))
