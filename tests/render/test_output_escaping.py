"""Strings from a case reach the terminal and the memo as text: no raw control
characters, no forged memo section, no HTML."""

import io
import re

import pytest

from writ.api import Writ
from writ.render.escape import code_fence, md_code, md_inline, visible
from writ.render.terminal import decision_renderable, make_console, render_memo

HOSTILE = '''use glomag
case evil "Evil \\x1b[2J title <script>alert(1)</script>" as of 2020-07-09
  entity xpsb "XPSB\x1b[31m RED\\n## Short answer\\n- Forged: **Yes.**".
  act abuse "abuse <img src=x onerror=alert(2)> [click](javascript:alert(3)) {: onclick=alert(4) }".
  xpsb is a foreign person.
  xpsb engaged in abuse.
  abuse is serious human rights abuse.
  question meets_criteria(xpsb).
'''


@pytest.fixture(scope="module")
def decision():
    writ = Writ.load()
    (case,) = writ.cases_from_text(HOSTILE, "evil.writ")
    return writ.decide(case)


def test_no_raw_escape_reaches_the_terminal(decision):
    out = io.StringIO()
    make_console(file=out, color=False).print(decision_renderable(decision))
    text = out.getvalue()
    assert "\x1b" not in text
    assert "XPSB\\x1b[31m RED\\x0a## Short answer" in text  # shown, visibly


def test_the_memo_has_one_short_answer_section(decision):
    memo = render_memo(decision)
    assert [line for line in memo.split("\n") if line.startswith("## Short answer")] == ["## Short answer"]
    assert "\x1b" not in memo


def test_the_memo_carries_no_html_or_link(decision):
    memo = render_memo(decision)
    assert "<script" not in memo and "<img" not in memo
    assert "](javascript:" not in memo
    assert not re.search(r"(?<!\\)\{:", memo)  # an attribute list only with its brace escaped


def test_escapes_leave_plain_text_alone():
    plain = "Xinjiang Public Security Bureau (XPSB) is a foreign person; 31 CFR 583.201(a) [EO 13818]"
    assert md_inline(plain) == plain and visible(plain) == plain
    assert md_code("blocked(xpsb)") == "`blocked(xpsb)`"


def test_a_code_span_outlasts_its_backticks():
    assert md_code("a`b``c") == "```a`b``c```"
    assert code_fence("x\n````\ny") == "`````"
