"""`expect [not|undetermined] X under P`: X concluded through provision P, each form able to fail.

Each provision's own answer (`QuestionResult.by_provision`) is what `under` compares, so a
yes through one provision sits beside a no through another (the Act beside the order)."""

import pytest

from writ.decision import Answer

LAW = """use mini

case c "C" as of 2020-07-09
  entity a "Listed A".
  entity b "Owned B".
  entity c "Maybe listed C".
  entity d "Both D".
  listed(a, glomag).
  owns(a, b, 60%).
  unknown listed(c, glomag).
  listed(d, glomag).
  owns(a, d, 60%).
  question blocked(a).
  question blocked(b).
  question blocked(c).
  question blocked(d).
"""


@pytest.fixture
def decided(load_text):
    def run(expectations: str):
        w = load_text(LAW + expectations, "under.writ")
        [case] = w.cases
        return w.decide(case)
    return run


def verdicts(decided, expectation: str) -> list[bool]:
    return [e.passed for e in decided("  " + expectation + "\n").expectations]


@pytest.mark.parametrize("expectation, passes", [
    ("expect blocked(a) under listing.", True),
    ("expect blocked(a) under fifty.", False),             # yes overall, but not through fifty
    ("expect not blocked(a) under fifty.", True),          # no through fifty, whatever listing says
    ("expect not blocked(a) under listing.", False),
    ("expect blocked(b) under fifty.", True),
    ("expect not blocked(b) under listing.", True),
    ("expect undetermined blocked(c) under listing.", True),
    ("expect undetermined blocked(a) under listing.", False),  # yes through listing, not undetermined
    ("expect undetermined blocked(b) under listing.", False),  # no through listing
    ("expect not blocked(c) under listing.", False),           # it may be listed
    ("expect blocked(c) under listing.", False),
    ("expect blocked(d) under listing, fifty.", True),         # several provisions ground the yes
    ("expect not blocked(d) under fifty.", False),
])
def test_each_form_of_under_can_pass_and_fail(decided, expectation, passes):
    assert verdicts(decided, expectation) == [passes]


def test_a_failed_under_says_what_each_provision_answered(decided):
    [e] = decided("  expect not blocked(a) under listing.\n").expectations
    assert not e.passed
    assert "expected no under listing, got yes under listing" in e.message


def test_by_provision_shows_each_ground_side_by_side(decided):
    d = decided("")
    table = {r.question: {pa.provision.id: pa.answer for pa in r.by_provision} for r in d.results}
    assert table["blocked(d)"] == {"listing": Answer.yes, "fifty": Answer.yes}
    assert table["blocked(b)"] == {"listing": Answer.no, "fifty": Answer.yes}
    assert table["blocked(c)"] == {"listing": Answer.undetermined, "fifty": Answer.no}
    [r] = [r for r in d.results if r.question == "blocked(d)"]
    assert sorted(g.id for g in r.grounds) == ["fifty", "listing"]


def test_undetermined_provision_names_what_it_turns_on(decided):
    d = decided("")
    [r] = [r for r in d.results if r.question == "blocked(c)"]
    [pa] = [pa for pa in r.by_provision if pa.provision.id == "listing"]
    assert pa.turns_on == ["Maybe listed C is listed in Global Magnitsky (GLOMAG)"]


def test_under_a_provision_that_concludes_nothing_of_it_is_an_error(load_text):
    from conftest import errors_of
    errs = errors_of(load_text, LAW + "  expect not blocked(a) under abuse.\n")
    assert [e[3] for e in errs] == ["E321"]
