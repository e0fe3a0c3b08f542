"""The Python API: load the law once, decide many cases.

    from writ import Writ
    writ = Writ.load()                       # every bundled statute
    [case] = writ.cases_from_text(TEXT)      # or writ.cases_from_files([...])
    decision = writ.decide(case)
    decision.results[0].answer               # Answer.yes / no / undetermined
"""

from __future__ import annotations

from dataclasses import dataclass, field
from pathlib import Path
from typing import TYPE_CHECKING, Callable, Iterable, Sequence

import clingo

from . import model as M
from .check import check, check_cases
from .compile.program import CompiledLaw, compile_law
from .decision import Answer, Decision, DecidingSet, ExpectationResult, QuestionResult
from .core.diagnostics import Diagnostic, WritError
from .explain import Explainer, deciding_sets, provision_ref, source
from .syntax.project import Loaded, Loader
from .core.resources import statutes_dir
from .solve.outcome import raise_if_undecided
from .solve.solver import CaseInput, Consequences, Solver, prepare, relevant_predicates, satisfiable

if TYPE_CHECKING:
    from .decide.interview import Interview


@dataclass
class Writ:
    """A checked and compiled law, ready to decide cases.

    Build one with `Writ.load()`; it is then reused for every case: the law is
    checked, compiled and grounded once.

    Attributes:
        law: the checked law: vocabulary, constants and provisions.
        compiled: the law compiled to clingo's input, with a map back to the provisions.
        solver: the solver holding the grounded law.
        loaded: the parsed source files and the modules each one uses.
        cases: the cases found in the files loaded with the law.
    """

    law: M.Law
    compiled: CompiledLaw
    solver: Solver
    loaded: Loaded
    cases: list[M.Case] = field(default_factory=list)  # cases found in the files loaded with the law
    warnings: list[Diagnostic] = field(default_factory=list)  # what the checker noticed that does not stop it

    # ---- loading -----------------------------------------------------------------
    @classmethod
    def load(cls, paths: Sequence[Path | str] | None = None) -> "Writ":
        """Check and compile the law in `paths`, once.

        Args:
            paths: statute or case files, or folders of them. Default: every bundled
                statute. Case files among them are checked too; their cases are in `.cases`
                (a file's cases, not those of the modules it `use`s).

        Returns:
            The loaded law, ready to decide cases.

        Raises:
            WritError: the input has errors; each diagnostic names its file, line and column.
        """
        loader = Loader()
        named: list[str] = []  # the modules of the files asked for, not those they use
        for p in (paths if paths is not None else [statutes_dir()]):
            p = Path(p)
            if not p.exists():
                from .core.diagnostics import Span
                loader.reporter.error("E001", Span(str(p), 1, 1, 1, 1), f"no such file or folder: {p}")
                continue
            named += loader.load_path(p)
        loader.reporter.raise_if_errors()
        checked = check(loader.loaded)
        law, cases, warnings = checked.law, checked.cases, checked.warnings
        compiled = compile_law(law)
        asked = {loader.loaded.files[m].path for m in named if m in loader.loaded.files}
        return cls(law, compiled, Solver(compiled), loader.loaded, [c for c in cases if c.file in asked], warnings)

    def cases_from_text(self, text: str, name: str = "<text>", base: Path | None = None) -> list[M.Case]:
        """Parse and check case text against this law.

        Args:
            text: the source of one or more cases; its `use` lines name statutes already loaded.
            name: the file name that diagnostics and decisions show.
            base: the folder that `use` paths are looked up in before the bundled statutes.

        Returns:
            The cases the text declares, checked.

        Raises:
            WritError: the text has errors.
        """
        loader = Loader()
        loader.loaded = _copy(self.loaded)
        module = loader.load_text(text, name, base)
        loader.reporter.raise_if_errors()
        return check_cases(self.law, loader.loaded, [module])

    def cases_from_files(self, paths: Iterable[Path | str]) -> list[M.Case]:
        """Parse and check case files (or folders of them) against this law.

        Raises:
            WritError: a file has errors.
        """
        loader = Loader()
        loader.loaded = _copy(self.loaded)
        modules: list[str] = []
        for p in paths:
            modules += loader.load_path(Path(p))
        loader.reporter.raise_if_errors()
        new = [m for m in modules if m not in self.loaded.files or m in loader.loaded.order[len(self.loaded.order):]]
        return check_cases(self.law, loader.loaded, new)

    # ---- deciding --------------------------------------------------------------------
    def decide(self, case: M.Case, explain: bool = True) -> Decision:
        """Decide every question and expectation of one case.

        Args:
            case: a checked case, from `cases_from_text` or `cases_from_files`.
            explain: give each answer its derivation, failed conditions and deciding facts.

        Returns:
            The decision: an answer per question, and whether each expectation is met.
        """
        return self.decide_many([case], explain=explain)[0]

    def decide_many(self, cases: Sequence[M.Case], explain: bool = False,
                    extra: Sequence[tuple[Iterable[M.GroundAtom], Iterable[M.GroundAtom]]] | None = None) -> list[Decision]:
        """Decide a batch of cases in one grounding.

        Args:
            cases: checked cases.
            explain: give every answer its derivation, failed conditions and deciding
                facts (slower: without it an answer carries its grounds only).
            extra: per case, facts to add and facts to deny before deciding (what-if).

        Returns:
            One decision per case, in order.
        """
        inputs = [prepare(self.law, c, *(extra[i] if extra else ((), ()))) for i, c in enumerate(cases)]
        consequences = self.solver.solve(inputs)
        for inp, cons in zip(inputs, consequences):  # until decide/ turns outcomes into decisions
            raise_if_undecided(inp.case, cons)
        return [self._decision(inp, cons, explain) for inp, cons in zip(inputs, consequences)]

    def _decision(self, inp: CaseInput, cons: Consequences, explain: bool) -> Decision:
        case = inp.case
        explainer = Explainer(self.compiled, inp, cons)
        ctl = None

        def deciding(q: M.GroundAtom):
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
        expectations = [self._expectation(e, by_atom[e.atom]) for e in case.expectations]
        return Decision(case=case.name, title=case.title, as_of=case.as_of, file=case.file,
                        results=results, expectations=expectations)

    def _answer(self, q: M.GroundAtom, explainer: Explainer, cons: Consequences, explain: bool,
                deciding: Callable[[M.GroundAtom], list[DecidingSet]]) -> QuestionResult:
        """One question's answer; explained, and for undetermined what would decide it, if asked for."""
        sym = self.compiled.atom_symbol(cons.index, q)
        if explain:
            result = explainer.answer(q, sym)
            if result.answer is Answer.undetermined:
                result.deciding = deciding(q)
            return result
        verdict = explainer.verdict(q, sym)
        result = QuestionResult(question=str(q), reading=explainer.reading(q), answer=verdict)
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
            answered[atom] = result
            out.append(result)
        if not found:
            out.append(QuestionResult(question=str(pattern), answer=Answer.no, asked=str(pattern),
                                      reading=explainer.pattern_reading(pattern),
                                      why_not=explainer.why_not(pattern) if explain else []))
        return out

    def _expectation(self, e: M.Expectation, r: QuestionResult) -> ExpectationResult:
        expected = Answer(e.verdict)
        grounds = {g.id for g in r.grounds}
        missing = [p for p in e.under if p not in grounds]
        passed = r.answer is expected and not missing
        if r.answer is not expected:
            msg = f"expected {expected.value}, got {r.answer.value}"
        elif missing:
            msg = f"{r.answer.value}, but not under {', '.join(missing)}" + (f" (grounds: {', '.join(sorted(grounds))})" if grounds else "")
        else:
            msg = f"{r.answer.value}" + (f" under {', '.join(e.under)}" if e.under else "")
        return ExpectationResult(question=r.question, expected=expected, actual=r.answer, under=list(e.under),
                                 passed=passed, message=msg, source=source(e.span))

    def unknowns_that_matter(self, inp: CaseInput, q: M.GroundAtom, *, ctl: clingo.Control | None = None,
                             explainer: Explainer | None = None) -> list[M.GroundAtom]:
        """The unknown facts of the case that q can rest on in some answer set: only these can change it.

        Args:
            inp: the prepared case.
            q: the question.
            ctl: the case grounded alone, if already at hand.
            explainer: the case's explainer, if its consequences are already computed.
        """
        if explainer is None:
            [base] = self.solver.consequences(ctl or self.solver.control([inp]), 1, True)
            if not base.consistent:
                return []
            explainer = Explainer(self.compiled, inp, base)
        support = explainer.support(q)
        relevant = relevant_predicates(self.law, [q.pred])
        return [u for u in inp.unknown_facts if u.pred in relevant and u in support]

    def what_would_decide(self, inp: CaseInput, q: M.GroundAtom, max_size: int = 3, *,
                          ctl: clingo.Control | None = None, unknowns: list[M.GroundAtom] | None = None):
        """The smallest sets of unknown facts whose values settle `q`, smallest first.

        Args:
            inp: the prepared case.
            q: the question left undetermined.
            max_size: the largest set considered.
            ctl: the case grounded alone, if already at hand (it is reused, not changed).
            unknowns: the unknown facts that matter to q, if already known (`unknowns_that_matter`).
        """
        ctl = ctl or self.solver.control([inp])
        qsym = self.compiled.atom_symbol(0, q)
        cache: dict[tuple, str] = {}

        in_program = ctl.symbolic_atoms[qsym] is not None

        def decide(assignment: list[tuple[M.GroundAtom, bool]]) -> str:
            # q's status under the assignment, by up to three satisfiability checks
            # (no enumeration of consequences: only q's status is needed)
            key = tuple(sorted((str(a), v) for a, v in assignment))
            if key not in cache:
                assumptions = [(self.compiled.atom_symbol(0, a), v) for a, v in assignment]
                if not satisfiable(ctl, assumptions):
                    cache[key] = "contradiction"
                elif not in_program or not satisfiable(ctl, [*assumptions, (qsym, True)]):
                    cache[key] = "no"
                else:
                    cache[key] = "undetermined" if satisfiable(ctl, [*assumptions, (qsym, False)]) else "yes"
            return cache[key]

        if unknowns is None:
            unknowns = self.unknowns_that_matter(inp, q, ctl=ctl)
        return deciding_sets(self.law, unknowns, decide, inp.case.constants, max_size=max_size)

    # ---- what-if ----------------------------------------------------------------------
    def what_if(self, case: M.Case, set_true: Iterable[M.GroundAtom] = (), set_false: Iterable[M.GroundAtom] = (),
                explain: bool = True) -> tuple[Decision, Decision]:
        """Decide a case as stated and again with facts changed.

        Args:
            case: a checked case.
            set_true: facts to add.
            set_false: facts to deny.
            explain: explain the answers.

        Returns:
            The decisions `(before, after)`.

        Raises:
            WritError: a fact to change is law data (a `fixed` predicate, such as the
                Country Chart): changing it would be deciding under another law.
        """
        fixed = [a for a in [*set_true, *set_false] if self.law.predicates[a.pred].fixed]
        if fixed:
            from .core.diagnostics import Reporter, Span

            rep = Reporter()
            for a in fixed:
                rep.error("E331", Span("<command line>", 1, 1, 1, 1), f"'{a}' is law data ({a.pred} is fixed): a what-if cannot change it",
                          "change the facts of the case; to try another version of the law, edit a copy of the statutes")
            rep.raise_if_errors()
        before, after = self.decide_many([case, case], explain=explain,
                                         extra=[((), ()), (list(set_true), list(set_false))])
        return before, after

    def interview(self, case: M.Case, question: M.GroundAtom) -> "Interview":
        """An interview that asks only the unknown facts that can still change the answer.

            iv = writ.interview(case, writ.parse_atom("meets_criteria(acme)", case))
            while (step := iv.next_fact()) is not None:
                fact, ask = step                   # ask.question is the plain-English question
                iv.give(fact, True)                # True, False, or None for "do not know"
            iv.result()                            # the explained answer
        """
        from .decide.interview import Interview

        return Interview(self, case, question)

    def parse_atom(self, text: str, case: M.Case) -> M.GroundAtom:
        """A claim written in Writ (`p(a, b)` or a sentence), checked in the case's scope.

        Raises:
            WritError: the claim does not parse or does not check.
        """
        claim = text.strip().removesuffix(".").strip()
        prefix = f"case {case.name}_query as of {case.as_of.isoformat()}\n" + "".join(
            f"{c.type} {c.name}.\n" for c in case.constants.values())
        where = len(prefix.splitlines()) + 1  # the line of the snippet that holds the claim
        try:
            if "\n" in claim or "\r" in claim:
                _refuse(claim, "write one fact, on one line")
            loader = Loader()
            loader.loaded = _copy(self.loaded)
            module = loader.load_text(prefix + f"question {claim}.\n", "<command line>")
            loader.loaded.uses[module] = list(self.loaded.order)  # the claim sees everything the law has loaded
            [qcase] = check_cases(self.law, loader.loaded, [module])
        except WritError as exc:  # point into what the user typed, not into the snippet around it
            raise WritError([_on_command_line(d, where, claim) for d in exc.diagnostics if d.is_error]) from None
        if qcase.patterns:
            _refuse(claim, "a fact names particular things: replace each variable (a word starting with a capital) by a name")
        if len(qcase.questions) != 1 or qcase.facts or qcase.expectations:
            _refuse(claim, "write one fact, e.g. engaged_in(acme, sales) or: acme engaged in sales")
        return qcase.questions[0]


_OFFSET = len("question ")


def _on_command_line(d: Diagnostic, line: int, claim: str) -> Diagnostic:
    from .core.diagnostics import Span

    if d.span.line == line:
        start = max(1, d.span.column - _OFFSET)
        end = max(start + 1, d.span.end_column - _OFFSET) if d.span.end_line == line else len(claim) + 1
        span = Span("<command line>", 1, start, 1, min(end, len(claim) + 1))
    else:
        span = Span("<command line>", 1, 1, 1, len(claim) + 1)
    return d.model_copy(update={"span": span})


def _refuse(claim: str, hint: str) -> None:
    from .core.diagnostics import Reporter, Span

    rep = Reporter()
    rep.error("E330", Span("<command line>", 1, 1, 1, len(claim) + 1), f"'{claim}' is not one fact", hint)
    rep.raise_if_errors()


def _copy(loaded: Loaded) -> Loaded:
    return Loaded(dict(loaded.files), {k: list(v) for k, v in loaded.uses.items()}, list(loaded.order), dict(loaded.aliases))
