"""The fast path for plain fact lines (syntax/fastpath.py) builds exactly what Lark builds:
the same nodes, spans and diagnostics, on generated files of fact lines good and bad
mixed with the constructs that would change what a line means (doc strings before it,
a caution after it, a rule it continues, keywords, bad dates and percentages)."""

import random

import pytest

from writ.syntax import fastpath
from writ.syntax.parser import _lark, parse_recovering

GOOD_WORDS = ["e_1", "owns", "entity", "x", "acme_Co", "60%", "1.5%", "5", "12.25", "2020-01-01"]
GOOD_SHAPES = ["owns({a}, {b}, {c}).", "entity {a}.", "{n} {b} {c}.", "{n}({b}).", "  {n}  ( {b} ,{c} )  .  ",
               "{n}({b}, {c}) .", "{n} {b} {c} 7 8%."]
WORDS = GOOD_WORDS + ["2020-13-01", "99999999999%", "if", "from", "not", "caution", "today", "sum", "is", "X", '"t"', "#c", "", "-", "e_1e"]
SHAPES = [
    "owns({a}, {b}, {c}).", "entity {a}.", "{a} {b} {c}.", "{a}({b}).", "{a}().", "{a}.", "{a} {b}",
    "{a}({b}, {c}) .", "  {a}  ( {b} ,{c} )  .  ", "{a} {b}. caution \"why\".", "caution \"{a}\".",
    '"""doc"""', '"""', "{a}(X) if", "  {b}({c}).", "listed_sdn({a}, glomag) from 2019-01-01.",
    "question blocked({a}).", "case c{a} as of 2020-01-01", "provision p", "  cite \"31 CFR\"", "# {a}.",
    "not {a}({b}).", "{a} {b} {c} 7 8%.", "use glomag",
]


def parse(text: str, fast: bool):
    fastpath.ENABLED = fast
    try:
        return parse_recovering(text, "gen.writ")
    finally:
        fastpath.ENABLED = True


def generated(seed: int) -> str:
    rng = random.Random(seed)
    lines = ["case c as of 2020-01-01"] if rng.random() < 0.8 else []
    for _ in range(rng.randint(1, 10)):
        shapes, words = (GOOD_SHAPES, GOOD_WORDS) if rng.random() < 0.7 else (SHAPES, WORDS)
        lines.append(rng.choice(shapes).format(a=rng.choice(words), b=rng.choice(words), c=rng.choice(words), n=rng.choice(words[:5])))
    return "\n".join(lines) + rng.choice(["\n", "", "\n\n"])


@pytest.mark.parametrize("seed", range(400))
def test_the_fast_path_and_lark_agree_on_generated_files(seed):
    text = generated(seed)
    assert parse(text, fast=True) == parse(text, fast=False), text


def test_the_fast_path_takes_the_plain_lines_and_leaves_the_rest():
    text = ('case c as of 2020-01-01\n  entity a.\n  entity b.\n  owns(a, b, 60%).\n  """doc"""\n  entity c.\n'
            '  entity d.\n  caution "why".\n  owns(a, b, 2020-02-30).\n  entity e.\n')
    rest, facts = fastpath.split(text, "f.writ", fastpath.keywords(_lark()))
    assert [f.span.line for f in facts] == [3, 4, 10]  # not: after the header, after a doc, before a caution, a bad date
    assert len(rest) == len(text) and rest.count("\n") == text.count("\n")
    assert parse(text, fast=True) == parse(text, fast=False)


def test_a_syntax_error_is_lark_s_own_with_the_fast_path_on():
    text = "case c as of 2020-01-01\n  entity a.\n  owns(a, b, 60%)\n  entity b.\n  owns(a b.\n"
    src, diags = parse(text, fast=True)
    assert (src, diags) == parse(text, fast=False)
    assert [(d.span.line, d.span.column) for d in diags] == [(4, 3), (5, 10)] and all(d.hint for d in diags)
