"""The word lists the highlighter colours and the language server completes are the
grammar's own keywords and Writ's built-in types and aggregates."""

import re

from writ import model as M
from writ.core.resources import grammar_path
from writ.syntax.words import AGGREGATES, ATTRIBUTE_KEYWORDS, BUILTIN_TYPES, DECLARATION_KEYWORDS, KEYWORDS


def test_every_keyword_is_a_keyword_of_the_grammar():
    grammar = grammar_path().read_text(encoding="utf-8")
    quoted = set(re.findall(r'"([a-z]+)"', grammar))
    for word in DECLARATION_KEYWORDS + ATTRIBUTE_KEYWORDS + KEYWORDS:
        assert word in quoted, word
    assert set(AGGREGATES) == set(re.search(r"AGGFN[^/]*/\((.*?)\)", grammar).group(1).split("|"))


def test_the_builtin_types_are_the_models():
    assert set(BUILTIN_TYPES) == set(M.BUILTIN_TYPES)
