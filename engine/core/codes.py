"""The registry of diagnostic codes: every E/W code the engine reports, with its severity,
its title, and where its example is.

The command line, the documentation and an editor read it; `Reporter` refuses a code that
is not here, or one reported with the wrong severity. Each code that source text can
trigger has its example in `tests/golden/diagnostics/<CODE>.writ` (the input, and what
`writ check` prints); the others say here how they are reached.

Regenerate the table in the language reference with `pytest --reset-golden tests/check`
(or `python -m writ.core.codes docs/language.md`).
"""

from __future__ import annotations

import sys
from dataclasses import dataclass
from pathlib import Path


@dataclass(frozen=True)
class Code:
    """One diagnostic code. `reached` is None when source text triggers it (its example is
    a golden file); otherwise it says how it is reached instead."""

    code: str
    severity: str  # "error" or "warning"
    title: str
    reached: str | None = None


_E, _W = "error", "warning"
_CLI = "the command line: a path that does not exist or cannot be read"
_OWN = "an ownership graph file, read by writ.ownership"
_SERVE = "the REST service (writ serve)"
_LIST = "an official list file, read by writ.lists or `writ lists`"

CODES: dict[str, Code] = {c.code: c for c in [
    Code("E001", _E, "a file or folder cannot be read", _CLI),
    Code("E002", _E, "a source that is not a regular file, or larger than the input limit",
         "the command line or the loader: a device, a pipe, or a file over WRIT_MAX_INPUT_BYTES (10 MB by default)"),
    Code("E003", _E, "a request the service cannot read", _SERVE + ": a body that is not the JSON its endpoint takes (see /openapi.json)"),
    Code("E004", _E, "a request over the service's size limit", _SERVE + ": a body over --max-request-bytes, or a batch over --max-parties"),
    Code("E005", _E, "a request for a case, provision or path that is not there", _SERVE + ": no such case in the text, no such provision, no such endpoint"),
    Code("E101", _E, "syntax error"),
    Code("E102", _E, "a NUL character in a source"),
    Code("E103", _E, "not a calendar date"),
    Code("E104", _E, "a period ends before it begins"),
    Code("E105", _E, "a number more exact than Writ counts"),
    Code("E106", _E, "a number beyond 32 bits"),
    Code("E107", _E, "a statement nested deeper than Writ reads"),
    Code("E201", _E, "no such module"),
    Code("E202", _E, "unknown type"),
    Code("E203", _E, "a reading or question that does not fit its predicate"),
    Code("E204", _E, "a number, date, percentage or text declared as a name"),
    Code("E205", _E, "undeclared predicate"),
    Code("E206", _E, "a name from a module the file does not use"),
    Code("E207", _E, "undeclared name"),
    Code("E208", _E, "a fact's argument is not a name or a value"),
    Code("E209", _E, "an argument of the wrong type"),
    Code("E210", _E, "the wrong number of arguments"),
    Code("E211", _E, "a sentence that matches no reading"),
    Code("E212", _E, "a sentence that matches more than one reading"),
    Code("E213", _E, "'_' where a variable must be named"),
    Code("E214", _E, "one variable used as two kinds of thing"),
    Code("E215", _E, "a comparison of values that do not compare"),
    Code("E216", _E, "arithmetic on values that do not combine"),
    Code("E217", _E, "a sum, min or max without a value it can add"),
    Code("E218", _E, "a variable of an aggregate's value that its condition does not bind"),
    Code("E219", _E, "unsafe variable"),
    Code("E301", _E, "defined twice"),
    Code("E310", _E, "a statement outside any provision or case"),
    Code("E311", _E, "a predicate that cannot be open"),
    Code("E312", _E, "a provision without a citation"),
    Code("E313", _E, "a 'not' or 'unknown' fact in the law"),
    Code("E314", _E, "an expectation, question or identifier in a provision"),
    Code("E316", _E, "a rule that concludes fixed law data"),
    Code("E317", _E, "a rule in a case"),
    Code("E318", _E, "a case that states fixed law data"),
    Code("E319", _E, "two statements of a fact that contradict each other"),
    Code("E320", _E, "an expectation under a provision that does not exist"),
    Code("E321", _E, "an expectation under a provision that concludes nothing of the claim's predicate"),
    Code("E324", _E, "one owner stated with two different shares of one entity on the same dates"),
    Code("E325", _E, "a share a case states over 100%, or the shares of one entity adding up to more"),
    Code("E326", _E, "a case that states or denies the law's own data",
         "a case stating a fact of a predicate the statutes state facts of, about the law's own things (the bundled "
         "law's affiliates_rule_suspended, a review policy, an Entity List entry); tests/check/test_integrity_trust.py"),
    Code("E322", _E, "a definition that depends on itself through 'not' or a non-monotone aggregate"),
    Code("E323", _E, "a case file that adds to the law",
         "the Python API: Writ.cases_from_text or cases_from_files given a file that declares a type, predicate or provision"),
    Code("E350", _E, "an identifier of a kind Writ does not know"),
    Code("E351", _E, "an identifier whose value is not of its kind (a date of birth that is no date)"),
    Code("E352", _E, "a second date of birth or list entry number that contradicts the first"),
    Code("E328", _E, "a caution on a statement that is not a fact"),
    Code("E332", _E, "a closing ('no other act.') of a sort that is not a type, or is a value type (date, number ...)"),
    Code("E330", _E, "a what-if claim that is not one fact", "the command line: writ what-if --set/--unset with a claim that does not parse"),
    Code("E331", _E, "a what-if that changes law data", "the command line: writ what-if on a fixed predicate"),
    Code("E401", _E, "an answer that cannot be written back",
         "writ ask: the 'unknown' statement of the answered fact cannot be found in the case file"),
    Code("E402", _E, "an edited case file that would not check", "writ ask: writing the answer back would break the case file"),
    Code("E327", _E, "a stated 'not' fact that the law concludes",
         "the solver: a case states 'not X.' and a rule concludes X from its other facts; the case has no consistent answer"),
    Code("E501", _E, "no consistent answer", "the solver: the law and the case's facts have no stable model"),
    Code("E502", _E, "a case that reached a limit", "the solver: a case's grounding, unknown facts or solving time over solve.outcome.Limits"),
    Code("E503", _E, "a case the solver failed on", "the solver: clingo or the engine failed while deciding the case"),
    # the official list files (lists/ and `writ lists`): reached from a list file, not from Writ text
    Code("E601", _E, "a list file that cannot be read", _LIST),
    Code("E602", _E, "a list file not in the expected encoding", _LIST),
    Code("E603", _E, "a list row with the wrong number of fields", _LIST),
    Code("E604", _E, "a list field with a value its format does not allow", _LIST),
    Code("E605", _E, "a list row pointing at an entry the list does not have", _LIST),
    Code("E606", _E, "an empty list", _LIST),
    Code("E607", _E, "a list that shrank by more than half against the previous snapshot", _LIST),
    Code("E608", _E, "a list file that is not well-formed", _LIST),
    Code("E609", _E, "a list file declaring a DOCTYPE or entities", _LIST),
    Code("E610", _E, "a file that is not the list format its importer reads", _LIST),
    Code("E611", _E, "a list row repeating an entry key", _LIST),
    Code("E612", _E, "a bundled or downloaded list file that is not the file its manifest names", _LIST),
    # ownership graphs (ownership/load.py): reached from an ownership CSV or JSON file
    Code("E701", _E, "an ownership file that cannot be read", _OWN),
    Code("E702", _E, "an ownership file missing a column", _OWN),
    Code("E703", _E, "an ownership row with an empty name", _OWN),
    Code("E704", _E, "an ownership share that is not an exact percentage", _OWN),
    Code("E705", _E, "an ownership share below 0% or above 100%", _OWN),
    Code("E706", _E, "an ownership date that is not a date", _OWN),
    Code("E707", _E, "an ownership period that ends before it begins", _OWN),
    Code("E708", _E, "an owner stated twice for overlapping periods", _OWN),
    Code("E709", _E, "an entity whose stated owners hold more than 100%", _OWN),
    Code("W105", _W, "a percentage over 100% that is not a stated share (a question, a denied fact, a rule)"),
    Code("W203", _W, "a reading with from/until/under, which cannot be written as a sentence"),
    Code("W204", _W, "two predicates that read alike"),
    Code("W312", _W, "a provision that quotes no text"),
    Code("W321", _W, "a case that asks nothing"),
    Code("W324", _W, "one share stated twice, counted once"),
    Code("W325", _W, "a case dated before any provision of its law is in force"),
    Code("W322", _W, "a capitalised word in a question, which makes it a variable"),
]}


def is_registered(code: str, severity: str) -> bool:
    """Whether `code` is registered with this severity ("error" or "warning")."""
    entry = CODES.get(code)
    return entry is not None and entry.severity == severity


START, END = "<!-- codes: generated by `python -m writ.core.codes docs/language.md` -->", "<!-- codes: end -->"


def table() -> str:
    """The language reference's table of codes, from the registry."""
    rows = ["| code | severity | meaning |", "|---|---|---|"]
    for c in CODES.values():
        title = c.title.replace("|", "\\|") + (f" (reached from {c.reached})" if c.reached else "")
        rows.append(f"| {c.code} | {c.severity} | {title} |")
    return "\n".join([START, *rows, END])


def replace_table(text: str) -> str:
    """`text` with its generated table (between START and END) replaced by the current one."""
    head, sep, rest = text.partition(START)
    if not sep:
        raise ValueError("no generated table of codes in this text")
    _, sep, tail = rest.partition(END)
    if not sep:
        raise ValueError("the generated table of codes has no end marker")
    return head + table() + tail


if __name__ == "__main__":  # python -m writ.core.codes docs/language.md
    path = Path(sys.argv[1])
    path.write_text(replace_table(path.read_text(encoding="utf-8")), encoding="utf-8")
