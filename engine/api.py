"""The Python API: load the law once, decide many cases.

    from writ import Writ
    writ = Writ.load()                       # every bundled statute
    case, *_ = writ.cases_from_text(TEXT)    # or writ.cases_from_files([...])
    decision = writ.decide(case)
    decision.results[0].answer               # Answer.yes / no / undetermined
    model = writ.models_from_text(TEXT)[0]   # the same case as objects (writ.casemodel.CaseModel)
    writ.decide(writ.case_from_model(model)) # checked exactly as the text is

A thin facade: every method delegates to `decide.Engine`, which does the work.
"""

from __future__ import annotations

from pathlib import Path
from typing import TYPE_CHECKING, Iterable, Iterator, Sequence

from . import model as M
from .casemodel import CaseModel, ModelError, to_text
from .compile.program import CompiledLaw
from .core.diagnostics import Diagnostic, WritError
from .decide.engine import Engine
from .decision import Decision, DecidingSet
from .solve.solver import CaseInput, Solver
from .syntax.project import Loaded

if TYPE_CHECKING:
    import clingo

    from .decide.interview import Interview
    from .explain import Explainer


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
        warnings: what the checker noticed that does not stop it.
        engine: the decision engine behind this facade.
    """

    def __init__(self, engine: Engine):
        self.engine = engine

    law: M.Law = property(lambda self: self.engine.law)  # type: ignore[assignment]
    compiled: CompiledLaw = property(lambda self: self.engine.compiled)  # type: ignore[assignment]
    solver: Solver = property(lambda self: self.engine.solver)  # type: ignore[assignment]
    loaded: Loaded = property(lambda self: self.engine.loaded)  # type: ignore[assignment]
    cases: list[M.Case] = property(lambda self: self.engine.cases)  # type: ignore[assignment]
    warnings: list[Diagnostic] = property(lambda self: self.engine.warnings)  # type: ignore[assignment]

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
        return cls(Engine.load(paths))

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
        return self.engine.cases_from_text(text, name, base)

    def cases_from_files(self, paths: Iterable[Path | str]) -> list[M.Case]:
        """Parse and check case files (or folders of them) against this law.

        Raises:
            WritError: a file has errors.
        """
        return self.engine.cases_from_files(paths)

    # ---- cases as objects ------------------------------------------------------------
    def cases_from_models(self, models: Iterable[CaseModel], name: str = "<objects>") -> list[M.Case]:
        """Check case models against this law, exactly as their text would be checked.

        Args:
            models: case models (`writ.casemodel.CaseModel`, e.g. `CaseModel.model_validate(json_data)`).
            name: the file name that diagnostics and decisions show for the generated text.

        Returns:
            The checked cases, one per model, in order.

        Raises:
            ModelError: a model does not check. It is a `WritError` whose diagnostics each carry
                `path`, the JSON path of the object at fault (`$.facts[2].predicate`), and a span
                in the generated text, which is `.source`.
        """
        generated = to_text(models)
        try:
            return self.engine.cases_from_text(generated.text, name)
        except WritError as exc:
            raise ModelError([generated.locate(d) for d in exc.diagnostics], generated.text) from None

    def case_from_model(self, model: CaseModel, name: str = "<objects>") -> M.Case:
        """Check one case model against this law (see `cases_from_models`); raises ModelError."""
        [case] = self.cases_from_models([model], name)
        return case

    def models_from_text(self, text: str) -> list[CaseModel]:
        """The cases of a case file's text as objects, its declarations sorted by this law's types.

        Raises:
            WritError: the text does not parse.
            ValueError: the text holds what a case model cannot (a rule, a provision).
        """
        return CaseModel.many_from_text(text, self.law)

    # ---- deciding --------------------------------------------------------------------
    def decide(self, case: M.Case, explain: bool = True) -> Decision:
        """Decide every question and expectation of one case.

        Args:
            case: a checked case, from `cases_from_text` or `cases_from_files`.
            explain: give each answer its derivation, failed conditions and deciding facts.

        Returns:
            The decision: an answer per question, and whether each expectation is met;
            its `outcome` says whether the case could be decided, and if not, why.
        """
        return self.engine.decide(case, explain)

    def decide_many(self, cases: Sequence[M.Case], explain: bool = False,
                    extra: Sequence[tuple[Iterable[M.GroundAtom], Iterable[M.GroundAtom]]] | None = None) -> list[Decision]:
        """Decide a batch of cases in one grounding.

        Args:
            cases: checked cases.
            explain: give every answer its derivation, failed conditions and deciding
                facts (slower: without it an answer carries its grounds only).
            extra: per case, facts to add and facts to deny before deciding (what-if).

        Returns:
            One decision per case, in order. A case that cannot be decided (no consistent
            answer, a limit reached, a failure) has no answers and its `outcome` says why;
            the other cases of the batch are decided all the same.
        """
        return self.engine.decide_many(cases, explain, extra)

    def decide_iter(self, cases: Iterable[M.Case], explain: bool = False) -> Iterator[Decision]:
        """Decide cases as they come, for batches too large to hold: the decisions of
        `decide_many`, one per case and in order, yielded a chunk of cases at a time.

        Args:
            cases: checked cases (any iterable: a generator reading them is read as needed).
            explain: as for `decide_many`.

        Returns:
            An iterator of decisions. Memory holds one chunk's cases, consequences and
            decisions (`decide.engine.SOLVE_CHUNK`), whatever the batch's size, if the
            caller keeps only what it needs of each decision (writes it out, counts it).
        """
        return self.engine.decide_iter(cases, explain)

    def unknowns_that_matter(self, inp: CaseInput, q: M.GroundAtom, *, ctl: "clingo.Control | None" = None,
                             explainer: "Explainer | None" = None) -> list[M.GroundAtom]:
        """The unknown facts of the case that q can rest on in some answer set: only these can change it.

        Args:
            inp: the prepared case.
            q: the question.
            ctl: the case grounded alone, if already at hand.
            explainer: the case's explainer, if its consequences are already computed.
        """
        return self.engine.unknowns_that_matter(inp, q, ctl=ctl, explainer=explainer)

    def what_would_decide(self, inp: CaseInput, q: M.GroundAtom, max_size: int = 3, *,
                          ctl: "clingo.Control | None" = None, unknowns: list[M.GroundAtom] | None = None) -> list[DecidingSet]:
        """The smallest sets of unknown facts whose values settle `q`, smallest first.

        Args:
            inp: the prepared case.
            q: the question left undetermined.
            max_size: the largest set considered.
            ctl: the case grounded alone, if already at hand (it is reused, not changed).
            unknowns: the unknown facts that matter to q, if already known (`unknowns_that_matter`).
        """
        return self.engine.what_would_decide(inp, q, max_size, ctl=ctl, unknowns=unknowns)

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
                Country Chart, or a fact a provision states, such as an Entity List
                entry): changing it would be deciding under another law.
        """
        return self.engine.what_if(case, set_true, set_false, explain)

    def interview(self, case: M.Case, question: M.GroundAtom) -> "Interview":
        """An interview that asks only the unknown facts that can still change the answer.

            iv = writ.interview(case, writ.parse_atom("meets_criteria(acme)", case))
            while (step := iv.next_fact()) is not None:
                fact, ask = step                   # ask.question is the plain-English question
                iv.give(fact, True)                # True, False, or None for "do not know"
            iv.result()                            # the explained answer
        """
        return self.engine.interview(case, question)

    def parse_atom(self, text: str, case: M.Case) -> M.GroundAtom:
        """A claim written in Writ (`p(a, b)` or a sentence), checked in the case's scope.

        Raises:
            WritError: the claim does not parse or does not check.
        """
        return self.engine.parse_atom(text, case)
