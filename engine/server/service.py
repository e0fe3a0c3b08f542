"""What each endpoint does, on the law loaded once per process: read the case text, decide,
what-if, one interview step, screen a batch, list the provisions.

The functions take and return the models of `server.models`; errors are `WritError` (the
case's own diagnostics) or `errors.ServiceError`. One lock serialises the solver: clingo
controls are built per request, but the solver's caches are shared, and a two-core
service gains nothing from deciding two cases at once.
"""

from __future__ import annotations

import dataclasses
import datetime as dt
import threading
from dataclasses import dataclass

from .. import model as M
from ..api import Writ
from ..casemodel import ModelError
from ..core.diagnostics import Diagnostic, Severity, Span, WritError
from ..decision import Answer, Decision, OutcomeKind
from ..explain import source
from ..render.terminal import answer_changes, render_memo
from . import errors
from . import models as api


@dataclass(frozen=True)
class Config:
    """The service's limits: a request's size, a batch's length, a case's solving time (solve.outcome.Limits)."""

    max_request_bytes: int = 1_000_000
    max_parties: int = 10_000
    solve_seconds: float = 10.0


class Service:
    """The loaded law and the operations on it."""

    def __init__(self, writ: Writ, config: Config = Config()):
        self.writ, self.config = writ, config
        writ.solver.limits = dataclasses.replace(writ.solver.limits, solve_seconds=config.solve_seconds)
        self.lock = threading.Lock()
        self._screener = None

    # ---- reading a request's case ------------------------------------------------------
    def cases(self, req: api.CaseText) -> list[M.Case]:
        """The checked cases of the text or the objects (WritError: its diagnostics, at their lines)."""
        if req.cases is not None:  # objects: checked as the text generated from them (ModelError names each object)
            try:
                cases = self.writ.cases_from_models(req.cases, file_name(req.name, "<objects>"))
            except ModelError as exc:
                raise ModelError([d.model_copy(update={"path": in_request(d.path, len(req.cases))})
                                  for d in exc.diagnostics], exc.source) from None
        else:
            cases = self.writ.cases_from_text(req.text or "", file_name(req.name, "case.writ"))
        if not cases:
            raise errors.ServiceError(422, [errors.diagnostic(
                "E005", "the request declares no case", "a case file declares at least one `case NAME as of DATE`",
                Span(file_name(req.name, "case.writ"), 1, 1, 1, 1))])
        return cases

    def case(self, req: api.CaseText, name: str | None) -> M.Case:
        cases = [c for c in self.cases(req) if name in (None, c.name)]
        if not cases:
            raise errors.not_found(f"the text declares no case '{name}'", "the cases it declares are named after `case`")
        if len(cases) > 1:
            raise errors.ServiceError(400, [errors.diagnostic(
                "E003", f"the text declares {len(cases)} cases ({', '.join(c.name for c in cases)}): name one in `case`")])
        return cases[0]

    def claim(self, text: str, case: M.Case, where: str) -> M.GroundAtom:
        """One fact of the request, checked in the case's scope; its diagnostics name the field it came from."""
        try:
            return self.writ.parse_atom(text, case)
        except WritError as exc:
            raise WritError([d.model_copy(update={"span": dataclasses.replace(d.span, file=where)})
                             for d in exc.diagnostics]) from None

    # ---- deciding ------------------------------------------------------------------------
    def decide(self, req: api.DecideRequest) -> api.DecideResponse:
        cases = self.cases(req)
        if req.case is not None:
            cases = [self.case(req, req.case)]
        with self.lock:
            decisions = self.writ.decide_many(cases, explain=req.explain)
        memos = [render_memo(d) for d in decisions if d.decided] if req.memo else []
        return api.DecideResponse(decisions=decisions, memos=memos,
                                  diagnostics=[errors.out(d) for d in map(undecided, decisions) if d])

    def what_if(self, req: api.WhatIfRequest) -> api.WhatIfResponse:
        case = self.case(req, req.case)
        plus = [self.claim(s, case, f"set[{i}]") for i, s in enumerate(req.set)]
        minus = [self.claim(s, case, f"unset[{i}]") for i, s in enumerate(req.unset)]
        try:
            with self.lock:
                before, after = self.writ.what_if(case, plus, minus, explain=req.explain)
        except WritError as exc:  # E331, a change to the law's own data: about the request's facts, not a file
            raise WritError([d.model_copy(update={"span": dataclasses.replace(d.span, file=errors.REQUEST)})
                             for d in exc.diagnostics]) from None
        for d in (before, after):
            refuse_undecided(d)
        changes = [api.AnswerChange(question=q, before=Answer(was), after=Answer(now), grounds=g)
                   for q, was, now, g in answer_changes(before, after)]
        return api.WhatIfResponse(before=before, after=after, changes=changes)

    def interview(self, req: api.InterviewRequest) -> api.InterviewResponse:
        case = self.case(req, req.case)
        with self.lock:
            q = self.claim(req.question, case, "question") if req.question else self._first_open(case)
            iv = self.writ.interview(case, q)
            for i, a in enumerate(req.answers):
                iv.give(self.claim(a.fact, iv.case, f"answers[{i}].fact"), a.value)
            step = iv.next_fact()
            result = iv.result()
        return api.InterviewResponse(case=case.name, question=str(q), reading=result.reading, answer=result.answer,
                                     next=step[1] if step else None, result=result)

    def _first_open(self, case: M.Case) -> M.GroundAtom:
        """The case's first undetermined question about a particular fact (else its first), as `writ ask` picks."""
        first = refuse_undecided(self.writ.decide(case, explain=False))
        facts = [r for r in first.results if not (r.asked and r.question == r.asked)]
        open_ = [r for r in facts if r.answer is Answer.undetermined] or facts
        if not open_:
            raise errors.ServiceError(422, [errors.diagnostic(
                "E005", f"case {case.name} asks about no particular fact", "name the fact to ask about in `question`")])
        return self.claim(open_[0].question, case, "question")

    # ---- screening -----------------------------------------------------------------------
    def screen(self, req: api.ScreenRequest) -> api.ScreenResponse:
        from ..decide.screen import parties_from_rows
        from ..render.report import screen_summary

        if len(req.parties) > self.config.max_parties:
            raise errors.ServiceError(413, [errors.diagnostic(
                "E004", f"{len(req.parties):,} parties, over the limit of {self.config.max_parties:,} a request",
                "send the batch in parts, or start the service with a larger --max-parties")])
        day = req.as_of or dt.date.today()
        rows = [{k: "" if v is None else str(v) for k, v in p.model_dump().items()} for p in req.parties]
        with self.lock:
            screener, lists_line = self._screening()
            result = screener.screen(parties_from_rows(rows), day, workers=1)  # no processes forked from a server thread
        return api.ScreenResponse(as_of=day, rows=result, summary=screen_summary(result, day, lists_line))

    def _screening(self):
        """The screener over the bundled lists, built on the first screening and kept."""
        if self._screener is None:
            from ..decide.screen import Screener
            from ..lists.catalog import Catalog

            engine = self.writ.engine
            engine.catalog = catalog = engine.catalog or Catalog.default()  # named, so the summary can list its sets
            listings = engine.listings()
            if listings is None:
                raise errors.not_found("the loaded law has no listing predicates to screen against")

            def decide(items):
                return engine.decide_inputs([engine.prepare_listed(c, found) for c, found in items], explain=False)

            line = ", ".join(f"{s.name} ({s.entries if s.entries is not None else '?'} entries)" for s in catalog.sets
                             if s.list != "CCL") or "the bundled lists"
            self._screener = (Screener(engine.law, listings, decide), line)
        return self._screener

    # ---- the law -------------------------------------------------------------------------
    def provisions(self, module: str | None = None, q: str | None = None) -> list[api.ProvisionOut]:
        out = []
        needle = (q or "").casefold()
        for p in self.writ.law.provisions.values():
            if module and not (p.module == module or p.module.startswith(module.rstrip("/") + "/")):
                continue
            if needle and needle not in " ".join(filter(None, [p.name, p.title, p.cite, p.text])).casefold():
                continue
            out.append(provision(p))
        return out

    def provision(self, name: str) -> api.ProvisionOut:
        p = self.writ.law.provisions.get(name)
        if p is None:
            from ..core.diagnostics import did_you_mean

            raise errors.not_found(f"no provision '{name}'", did_you_mean(name, self.writ.law.provisions)
                                   or "GET /law lists the provisions")
        return provision(p)


def file_name(name: str | None, default: str) -> str:
    """The name a request's text is loaded under: a .writ file's, so it can never stand for a statute module."""
    if not name:
        return default
    return name if name.endswith(".writ") else name + ".writ"


def in_request(path: str | None, n: int) -> str | None:
    """A model's JSON path ($.facts[2] for one model, $[1].facts[2] for several) as the request's: $.cases[k]..."""
    if not path:
        return path
    if path.startswith("$["):
        return "$.cases[" + path[2:]
    return "$.cases[0]" + path[1:] if n == 1 else path


def provision(p: M.Provision) -> api.ProvisionOut:
    return api.ProvisionOut(id=p.name, title=p.title, cite=p.cite, text=p.text, in_force_from=p.in_force_from,
                            in_force_until=p.in_force_until, cautions=list(p.cautions), module=p.module,
                            notes=list(p.notes), source=source(p.span), rules=len(p.rules))


_STATUS = {OutcomeKind.inconsistent: 422, OutcomeKind.limit_reached: 422, OutcomeKind.error: 500}


def undecided(d: Decision) -> Diagnostic | None:
    """Why a case has no answers, as the diagnostic the command line prints (None: it was decided)."""
    o = d.outcome
    if o.kind is OutcomeKind.decided:
        return None
    src = o.source
    span = Span(src.file, src.line, src.column, src.line, src.column + 1) if src else Span(d.file, 1, 1, 1, 1)
    code = o.code or {OutcomeKind.inconsistent: "E501", OutcomeKind.limit_reached: "E502"}.get(o.kind, "E503")
    return Diagnostic(severity=Severity.error, code=code, message=o.reason or o.kind.value, span=span, hint=o.hint)


def refuse_undecided(d: Decision) -> Decision:
    """The decision, for an endpoint about one case: an error response if the case has no answers."""
    diag = undecided(d)
    if diag is not None:
        raise errors.ServiceError(_STATUS[d.outcome.kind], [diag])
    return d
