"""Check one claim typed on the command line (`p(a, b)` or a sentence) in a case's scope.

The claim is checked as the one question of a query case that sees the case's constants and
everything the law has loaded (of the case files, the case's own), by the checker's own claim checking (`check_cases`), so a
claim means exactly what it would mean written in the case. Diagnostics point into what the
user typed, not into the query around it; anything but one fact is refused (E330).
"""

from __future__ import annotations

from .. import model as M
from ..check import check_cases
from ..core.diagnostics import Diagnostic, Reporter, Span, WritError
from ..syntax.project import Loaded, Loader

_WHERE = "<command line>"
_OFFSET = len("question ")


def parse_claim(law: M.Law, loaded: Loaded, text: str, case: M.Case) -> M.GroundAtom:
    """The claim as a ground atom, checked; raises WritError (E330 if it is not one fact)."""
    claim = text.strip().removesuffix(".").strip()
    if "\n" in claim or "\r" in claim:
        _refuse(claim, "write one fact, on one line")
    prefix = f"case {case.name}_query as of {case.as_of.isoformat()}\n" + "".join(
        f"{c.type} {c.name}.\n" for c in case.constants.values())
    where = len(prefix.splitlines()) + 1  # the line of the query that holds the claim
    try:
        loader = Loader()
        loader.loaded = Loaded(dict(loaded.files), {k: list(v) for k, v in loaded.uses.items()},
                               list(loaded.order), dict(loaded.aliases))
        module = loader.load_text(prefix + f"question {claim}.\n", _WHERE)
        loader.loaded.uses[module] = _seen_by_claims(law, loaded, case)
        loader.reporter.raise_if_errors()
        checked = check_cases(law, loader.loaded, [module])
    except WritError as exc:  # point into what the user typed, not into the query around it
        raise WritError([_on_command_line(d, where, claim) for d in exc.diagnostics if d.is_error]) from None
    if len(checked) != 1:  # the text opened a case of its own
        _refuse(claim, "write one fact, e.g. engaged_in(acme, sales) or: acme engaged in sales; not a case")
    [query] = checked
    if query.patterns:
        _refuse(claim, "a fact names particular things: replace each variable (a word starting with a capital) by a name")
    if len(query.questions) != 1 or query.facts or query.expectations:
        _refuse(claim, "write one fact, e.g. engaged_in(acme, sales) or: acme engaged in sales")
    return query.questions[0]


def _seen_by_claims(law: M.Law, loaded: Loaded, case: M.Case) -> list[str]:
    """Everything the law has loaded, but of the case files only the case's own, and no module
    the case cannot see that declares one of the case's names for something else (another
    author's file may)."""
    own = next((m for m in loaded.order if loaded.files[m].path == case.file), None)
    visible = loaded.visible(own) if own else set()
    declared = [(c.module, n) for n, c in law.constants.items()]
    declared += [(m, n) for m, cs in law.file_constants.items() for n in cs]
    names = set(case.constants) | {n for m, n in declared if m in visible}
    apart = {m for m, n in declared if n in names and m not in visible}
    return [m for m in loaded.order if m in visible or not (loaded.files[m].cases or m in apart)]


def _on_command_line(d: Diagnostic, line: int, claim: str) -> Diagnostic:
    if d.span.line == line:
        start = max(1, d.span.column - _OFFSET)
        end = max(start + 1, d.span.end_column - _OFFSET) if d.span.end_line == line else len(claim) + 1
        span = Span(_WHERE, 1, start, 1, min(end, len(claim) + 1))
    else:
        span = Span(_WHERE, 1, 1, 1, len(claim) + 1)
    return d.model_copy(update={"span": span})


def _refuse(claim: str, hint: str) -> None:
    rep = Reporter()
    rep.error("E330", Span(_WHERE, 1, 1, 1, len(claim) + 1), f"'{claim}' is not one fact", hint)
    rep.raise_if_errors()
