"""The codes registry (core/codes.py): every code the engine reports is registered with its
severity, and the language reference lists them all, generated from the registry."""

import re

import pytest

from diagnosed import ROOT

from writ.core.codes import CODES, replace_table, table
from writ.core.diagnostics import Reporter, Span

ENGINE = ROOT / "engine"
LITERAL = re.compile(r"""["']([EW]\d{3})["']""")
SPAN = Span("x.writ", 1, 1, 1, 2)


def code_literals() -> dict[str, list[str]]:
    found: dict[str, list[str]] = {}
    for path in sorted(ENGINE.rglob("*.py")):
        if path.name == "codes.py":
            continue
        for code in LITERAL.findall(path.read_text(encoding="utf-8")):
            found.setdefault(code, []).append(str(path.relative_to(ROOT)))
    return found


def test_every_code_in_the_source_is_registered():
    unregistered = {c: files for c, files in code_literals().items() if c not in CODES}
    assert not unregistered, f"register these in engine/core/codes.py: {unregistered}"


def test_every_registered_code_is_used():
    assert set(CODES) - set(code_literals()) == set()


def test_severity_follows_the_letter():
    assert all(c.severity == ("error" if c.code.startswith("E") else "warning") for c in CODES.values())


def test_reporter_refuses_an_unregistered_code():
    with pytest.raises(AssertionError, match="E999"):
        Reporter().error("E999", SPAN, "no such code")


def test_reporter_refuses_a_code_of_the_wrong_severity():
    with pytest.raises(AssertionError, match="W105"):
        Reporter().error("W105", SPAN, "a warning reported as an error")
    with pytest.raises(AssertionError, match="E205"):
        Reporter().warning("E205", SPAN, "an error reported as a warning")


def test_language_reference_lists_every_code_from_the_registry(request):
    path = ROOT / "docs" / "language.md"
    text = path.read_text(encoding="utf-8")
    if request.config.getoption("--reset-golden"):
        path.write_text(replace_table(text), encoding="utf-8")
        return
    assert table() in text, ("docs/language.md is out of date: run pytest --reset-golden tests/check/test_codes.py "
                             "(or python -m writ.core.codes docs/language.md)")
    assert all(f"| {code} |" in table() for code in CODES)


def test_replace_table_rewrites_only_the_generated_part():
    stale = "before\n" + table().replace("syntax error", "old wording") + "\nafter\n"
    assert replace_table(stale) == "before\n" + table() + "\nafter\n"
