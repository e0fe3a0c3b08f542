"""The language server's checking, in process: a document is checked as `writ check`
checks it (a statute in the place of its bundled text), against a law loaded once."""

from pathlib import Path

from writ.core.resources import statutes_dir
from writ.lsp.analysis import analyse, bundled
from writ.lsp.symbols import lookup

ACT = statutes_dir() / "glomag" / "act.writ"


def test_a_bundled_statute_checks_cleanly_in_the_place_of_its_own_text():
    a = analyse(ACT.read_text(encoding="utf-8"), ACT, "file:///act.writ")
    assert [d for d in a.diagnostics if d.is_error] == []
    assert a.law is not None and "glomag_act_10102_g" in a.law.provisions


def test_an_edited_statute_gets_its_new_errors_and_its_new_names():
    text = ACT.read_text(encoding="utf-8") + '\nprovision fresh "A new one"\n  cite "X 1"\n  text "t"\n  may_terminate(P) if no_such(P).\n'
    a = analyse(text, ACT, "file:///act.writ")
    (d,) = [d for d in a.diagnostics if d.is_error]
    assert (d.code, d.span.line) == ("E205", text.count("\n"))
    (fresh,) = lookup(a, "fresh")  # the law did not check, so the name comes from the document's parse
    assert fresh.kind == "provision" and "*X 1*" in fresh.markdown and fresh.span.file == a.name


def test_the_law_is_loaded_once():
    assert bundled() is bundled()
    before = bundled().loaded.order[:]
    analyse('use glomag\ncase c "C" as of 2020-01-01\n  person p "P".\n', Path("/tmp/x.writ"), "file:///tmp/x.writ")
    assert bundled().loaded.order == before  # a document is checked in a copy: the cached law is untouched


def test_mangled_text_never_breaks_the_checker_and_every_diagnostic_is_in_the_text():
    import random

    rng = random.Random(7)
    text = (Path(__file__).resolve().parents[2] / "cases" / "glomag" / "act_termination.writ").read_text(encoding="utf-8")
    pieces = list('(),.:"{}[]+-*/=<> \nabcXYZ019%#_') + ["case ", "provision ", " if ", "not ", '"""', " unless "]
    for _ in range(60):
        chars = list(text)
        for _ in range(rng.randint(1, 6)):
            at = rng.randrange(len(chars))
            if rng.random() < 0.4:
                del chars[at]
            else:
                chars.insert(at, rng.choice(pieces))
        mangled = "".join(chars)
        lines = mangled.split("\n")
        for d in analyse(mangled, None, "untitled:m").diagnostics:
            assert 1 <= d.span.line <= len(lines) and 1 <= d.span.column <= len(lines[d.span.line - 1]) + 1, d
