"""The parts the documentation is made of: the lexer, the plain-English reading,
the diagram layout, the pages folder, and the CLI reference."""

import re

import pytest
from pygments.lexers import get_lexer_by_name
from pygments.token import Error, Keyword, Name

from conftest import ROOT
from writ.api import Writ
from writ.cli.app import app
from writ.docsite.diagram import DiagramNode, layered_columns, layered_svg
from writ.docsite.site import write_pages
from writ.docsite.reading import Reader, render_group
from writ.highlight import WritLexer


def test_the_lexer_is_found_by_its_name():
    assert isinstance(get_lexer_by_name("writ"), WritLexer)


def test_the_lexer_reads_every_bundled_file_back_without_errors():
    for path in [*(ROOT / "statutes").rglob("*.writ"), *(ROOT / "cases").rglob("*.writ")]:
        text = path.read_text(encoding="utf-8")
        tokens = list(WritLexer().get_tokens(text))
        assert "".join(v for _, v in tokens).rstrip("\n") == text.rstrip("\n"), path
        assert not [v for t, v in tokens if t in Error], path


def test_the_lexer_marks_keywords_only_where_they_are_keywords():
    src = 'provision p "T"\n  text "x"\n  meets_criteria(P) if foreign_person(P) and not listed(P).\n  acme engaged in text_work.\n'
    tokens = [(t, v) for t, v in WritLexer().get_tokens(src) if v.strip()]
    assert (Keyword, "text") in tokens  # the attribute at the start of a line
    assert (Name, "text_work") in tokens and (Name, "in") in tokens  # words of a sentence stay plain
    assert (Name.Function, "meets_criteria") in tokens and (Name.Variable, "P") in tokens
    assert {(Keyword, "if"), (Keyword, "and"), (Keyword, "not")} <= set(tokens)


def test_a_rule_reads_in_english_with_its_grouping():
    writ = Writ.load()
    [provision] = [p for sf in writ.loaded.files.values() for p in sf.provisions if p.name == "eo13818_1_a_ii_A"]
    rule = provision.statements[-1]
    reading = Reader(writ.law).rule(rule)
    assert reading.conclusion == "P meets the Global Magnitsky criteria for designation"
    # the drafter's `or` stays one group inside the `and`, rather than three alternatives
    assert render_group(reading.condition) == ("P is a foreign person, and (P is responsible for A, or P is complicit in A, "
                                               "or P engaged in A), and A is serious human rights abuse")


def test_columns_follow_dependencies_and_share_a_column_in_a_cycle():
    columns = layered_columns(["a", "b", "c", "d"], [("a", "b"), ("b", "c"), ("c", "b"), ("c", "d")])
    assert columns[0] == ["a"] and sorted(columns[1]) == ["b", "c"] and columns[2] == ["d"]
    svg = layered_svg([DiagramNode("a", "A & co", href="a.html"), DiagramNode("b", "B")], [("a", "b")], "test")
    assert svg.startswith('<svg class="writ-diagram"') and "A &amp; co" in svg and 'href="a.html"' in svg
    assert svg.count("<path class=\"writ-edge\"") == 1


def test_pages_never_overwrite_hand_written_files(tmp_path):
    hand = tmp_path / "docs"
    hand.mkdir()
    (hand / "index.md").write_text("# Home\n")
    with pytest.raises(ValueError):
        write_pages(hand, hand, {})
    with pytest.raises(ValueError):
        write_pages(tmp_path / "out", hand, {"index.md": "# Generated\n"})
    foreign = tmp_path / "foreign"
    foreign.mkdir()
    (foreign / "keep.txt").write_text("not Writ's")
    with pytest.raises(ValueError):
        write_pages(foreign, hand, {})
    assert (foreign / "keep.txt").exists()
    write_pages(tmp_path / "pages", hand, {"law/x.md": "# X"})
    write_pages(tmp_path / "pages", hand, {"law/y.md": "# Y"})  # a second run replaces the first
    assert (tmp_path / "pages" / "law" / "y.md").exists() and not (tmp_path / "pages" / "law" / "x.md").exists()


def test_the_cli_reference_documents_every_command():
    documented = set(re.findall(r"^## `writ ([a-z-]+)", (ROOT / "docs" / "cli.md").read_text(), re.M))
    commands = {c.name or c.callback.__name__.replace("_", "-") for c in app.registered_commands}
    assert commands and commands <= documented


def test_the_textmate_grammar_agrees_with_the_lexer():
    import json

    from writ import highlight as lexer

    grammar = json.loads((ROOT / "grammar" / "writ.tmLanguage.json").read_text(encoding="utf-8"))
    assert grammar["scopeName"] == "source.writ" and grammar["fileTypes"] == ["writ"]
    by_scope = {}
    for p in grammar["patterns"]:
        for key in ("match", "begin", "end"):
            if key in p:
                re.compile(p[key])  # the patterns use only what Python's re and Oniguruma share
        by_scope.setdefault(p.get("name"), []).append(p.get("match"))
    keywords = next(m for m in by_scope["keyword.control.writ"] if "unless" in m)
    assert re.fullmatch(keywords.replace("\\b", ""), "unless")
    assert set(keywords.split("(")[1].split(")")[0].split("|")) == set(lexer.KEYWORDS)
    [declarations] = by_scope["keyword.other.declaration.writ"]
    assert set(declarations.split("(")[1].split(")")[0].split("|")) == set(lexer.DECLARATION_KEYWORDS)
    [date] = by_scope["constant.numeric.date.writ"]
    assert re.search(date, "in force from 2017-12-21").group() == "2017-12-21"
