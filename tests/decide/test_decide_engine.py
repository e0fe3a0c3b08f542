"""The engine end to end on the mini law: answers, grounds, explanations, what-if."""


import pytest
from hypothesis import given, settings, strategies as st

from writ.decision import Answer
from writ.model import GroundAtom, Name, Percent


def decision(mini, name):
    [case] = [c for c in mini.cases if c.name == name]
    return mini.decide(case)


def answers(d):
    return {r.question: r.answer for r in d.results}


def test_every_fixture_expectation_holds(mini):
    decisions = mini.decide_many(mini.cases)
    failures = [(d.case, e.message) for d in decisions for e in d.expectations if not e.passed]
    assert failures == []
    assert sum(len(d.expectations) for d in decisions) == 12


def test_yes_names_its_provision_and_facts(mini):
    d = decision(mini, "xpsb")
    [r] = d.results
    assert r.answer is Answer.yes
    assert [g.id for g in r.grounds] == ["abuse"]
    assert r.grounds[0].cite == "EO 13818 sec. 1(a)(ii)(A)"
    assert [f.statement for f in r.facts_used] == [
        "foreign_person(xpsb)", "engaged_in(xpsb, detentions)", "serious_abuse(detentions)"]
    assert [f.source.line for f in r.facts_used] == [7, 8, 9]
    assert r.explanation.reading == "Xinjiang Public Security Bureau meets the designation criteria"


def test_no_says_which_condition_failed(mini):
    [r] = decision(mini, "xpsb_denied").results
    assert r.answer is Answer.no
    reasons = {(f.rule, f.reason, f.condition) for f in r.why_not}
    # the first alternative (engaged_in) fails on the abuse; the second on the note
    assert ("abuse.1", "condition failed", "serious_abuse(detentions)") in reasons


def test_provision_out_of_force_is_reported(mini):
    [r] = decision(mini, "before_eo").results
    assert r.answer is Answer.no
    assert {f.reason for f in r.why_not} == {"not in force"}
    assert "in force from 2017-12-20" in r.why_not[0].detail


def test_unknown_fact_that_decides_is_named_and_settles_both_ways(mini):
    [case] = [c for c in mini.cases if c.name == "xpsb_unknown"]
    [r] = mini.decide(case).results
    assert r.answer is Answer.undetermined
    assert [[f.statement for f in s.facts] for s in r.deciding] == [["serious_abuse(detentions)"]]
    abuse = GroundAtom("serious_abuse", (Name("detentions"),))
    _, after_true = mini.what_if(case, set_true=[abuse])
    _, after_false = mini.what_if(case, set_false=[abuse])
    assert after_true.results[0].answer is Answer.yes
    assert after_false.results[0].answer is Answer.no


def test_irrelevant_unknown_does_not_make_it_undetermined(mini):
    assert answers(decision(mini, "irrelevant")) == {"meets_criteria(xpsb)": Answer.yes}


def test_aggregate_ownership_and_dated_facts(mini):
    d = decision(mini, "ownership")
    assert answers(d) == {"owners_count(half, 2)": Answer.yes, "blocked(half)": Answer.yes,
                          "blocked(less)": Answer.no, "blocked(chain)": Answer.yes}
    chain = next(r for r in d.results if r.question == "blocked(chain)")
    sums = [c for c in chain.explanation.children if c.kind == "sum"]
    assert sums[0].statement.endswith("sum is 50%")
    less = next(r for r in d.results if r.question == "blocked(less)")
    assert any(f.detail == "the sum comes to 49%" for f in less.why_not)


def test_exception_defeats_rule(mini):
    [r] = decision(mini, "delisted").results
    assert r.answer is Answer.no
    assert [(f.rule, f.reason, f.condition) for f in r.why_not if f.reason == "exception applied"] == [
        ("listing.1", "exception applied", "unless delisted(m)")]


def test_dates_today_and_arithmetic(mini):
    d = decision(mini, "dates")
    assert answers(d) == {"recent(new)": Answer.yes, "recent(old)": Answer.no, "chart(cn, glomag)": Answer.yes}


def test_batch_equals_single_decisions(mini):
    batch = mini.decide_many(mini.cases, explain=False)
    single = [mini.decide(c, explain=False) for c in mini.cases]
    assert [answers(d) for d in batch] == [answers(d) for d in single]


def test_same_input_same_output(mini):
    a = [d.model_dump_json() for d in mini.decide_many(mini.cases, explain=True)]
    b = [d.model_dump_json() for d in mini.decide_many(mini.cases, explain=True)]
    assert a == b


def test_case_from_text_against_loaded_law(mini):
    [case] = mini.cases_from_text(
        'use mini\ncase t "T" as of 2021-06-01\n  entity e "E".\n  act a "A".\n'
        "  e is a foreign person.\n  e engaged in a.\n  a is serious human rights abuse.\n"
        "  question meets_criteria(e).\n", "text.writ", base=None)
    assert answers(mini.decide(case)) == {"meets_criteria(e)": Answer.yes}


def test_percent_values_are_exact():
    assert str(Percent(2450)) == "24.5%"
    assert str(Percent(5000)) == "50%"


# ---- injection: user text never becomes solver code ---------------------------------------

INJECTIONS = [
    '"). p_blocked(0, c_acme). %',
    "x\\\"). #show. blocked(acme",
    "#const a=1. :- not p_blocked(0,c_acme).",
    "\\n#program base.\\nq.",
]


@pytest.mark.parametrize("payload", INJECTIONS)
def test_injection_through_a_string_is_inert(mini, payload):
    quoted = '"' + payload.replace("\\", "\\\\").replace('"', '\\"') + '"'
    text = (f'use mini\ncase inj "Injection" as of 2020-07-09\n  entity acme {quoted}.\n'
            f"  note_text(acme, {quoted}).\n  question blocked(acme).\n  question note_text(acme, {quoted}).\n")
    [case] = mini.cases_from_text(text, "inj.writ")
    d = mini.decide(case)
    assert answers(d)[ "blocked(acme)"] is Answer.no
    note = [r for r in d.results if r.question.startswith("note_text")][0]
    assert note.answer is Answer.yes


def test_injection_through_a_name_is_rejected(mini):
    from writ.core.diagnostics import WritError

    with pytest.raises(WritError) as info:
        mini.cases_from_text('use mini\ncase inj "I" as of 2020-07-09\n  entity acme). blocked(acme "x".\n', "inj.writ")
    assert info.value.diagnostics[0].code == "E101"


def test_injection_through_a_statute_string_is_escaped(load_text):
    writ = load_text('use mini\nprovision p "P"\n  cite "x\\"). evil. %"\n'
                     '  note_text(P, "a\\"). blocked(P). %") if foreign_person(P).\n'
                     'case c "C" as of 2020-07-09\n  entity e "E".\n  e is a foreign person.\n'
                     '  question blocked(e).\n  question note_text(e, "a\\"). blocked(P). %").\n')
    d = writ.decide(writ.cases[0])
    # the statement is shown as Writ writes it: the quote inside the string escaped
    assert answers(d) == {"blocked(e)": Answer.no, 'note_text(e, "a\\"). blocked(P). %")': Answer.yes}


@settings(max_examples=60, deadline=None)
@given(st.text(alphabet=st.characters(blacklist_categories=("Cs",), blacklist_characters="\x00"), max_size=40))
def test_any_string_round_trips_through_the_solver(mini, payload):
    [base] = [c for c in mini.cases if c.name == "xpsb"]
    atom = GroundAtom("note_text", (Name("xpsb"), payload))
    _, after = mini.what_if(base, set_true=[atom], explain=False)
    assert answers(after)["meets_criteria(xpsb)"] is Answer.yes


def test_names_beginning_with_aggregate_words_are_plain_names(load_text):
    writ = load_text('use mini\npredicate summary(P: party) reads "{P} has a summary"\n'
                     'provision p "P"\n  cite "x"\n  summary(P) if foreign_person(P) and minimal(P).\n'
                     'predicate minimal(P: party) reads "{P} is minimal"\n'
                     'case c "C" as of 2020-07-09\n  entity countco "Count Co".\n  countco is a foreign person.\n'
                     '  countco is minimal.\n  expect summary(countco) under p.\n', "names.writ")
    assert writ.decide(writ.cases[0]).expectations[0].passed


DATED_LAW_DATA = """
type group "a country group"
country hk "Hong Kong".
country ca "Canada".
group d1 "Country Group D:1".
predicate in_group(C: country, G: group) reads "{C} is in {G}" fixed
predicate restricted(C: country) reads "{C} is a restricted destination"

provision groups "The Country Groups"
  cite "Test groups"
  in_group(ca, d1) from 2001-01-01 until 2001-12-31.
  restricted(C) if in_group(C, d1).

provision hk_moved "Hong Kong follows China"
  cite "Test move"
  in force from 2020-12-23
  in_group(hk, d1).

case hk_before "Hong Kong in 2019" as of 2019-06-01
  expect not restricted(hk).
  expect not in_group(hk, d1).
case hk_after "Hong Kong in 2021" as of 2021-06-01
  expect restricted(hk).
case ca_2001 "Canada while dated into the group" as of 2001-06-01
  expect restricted(ca).
case ca_2002 "Canada after" as of 2002-06-01
  expect not restricted(ca).
"""


def test_fixed_law_data_follows_its_provision_period_and_dates(load_text, mini):
    w = load_text(DATED_LAW_DATA, "dated.writ")
    decisions = w.decide_many(w.cases, explain=True)
    assert [(d.case, e.passed) for d in decisions for e in d.expectations] == [
        ("hk_before", True), ("hk_before", True), ("hk_after", True), ("ca_2001", True), ("ca_2002", True)]
    [hk_before] = [d for d in decisions if d.case == "hk_before"]
    [why] = hk_before.results[1].why_not
    assert (why.provision.id, why.reason, why.detail) == ("hk_moved", "not in force", "in force from 2020-12-23; the case is as of 2019-06-01")
    [hk_after] = [d for d in decisions if d.case == "hk_after"]
    [r] = hk_after.results
    [leaf] = r.explanation.children
    assert leaf.kind == "law fact" and leaf.provision.id == "hk_moved"
    assert w.law.predicates["in_group"].timeless is False
    # undated law data in a provision always in force is still compiled once, for every case
    assert mini.law.predicates["chart"].timeless is True


def test_a_question_with_variables_lists_every_instance(load_text):
    w = load_text("""use mini
case which "Which parties are blocked?" as of 2020-07-09
  entity a "Alpha Ltd".
  entity b "Beta Ltd".
  entity c "Gamma Ltd".
  listed(a, glomag).
  owns(a, c, 60%).
  owns(b, c, 40%).
  no other act.  # the acts named (none) are all: "which P meets the criteria" is then a definite no
  question blocked(P).
  question meets_criteria(P).
  question owns(O, c, S).
""", "which.writ")
    [d] = w.decide_many(w.cases, explain=True)
    got = [(r.asked, r.question, r.answer.value) for r in d.results]
    assert got == [
        ("blocked(P)", "blocked(a)", "yes"),
        ("blocked(P)", "blocked(c)", "yes"),
        ("meets_criteria(P)", "meets_criteria(P)", "no"),
        ("owns(O, c, S)", "owns(a, c, 60%)", "yes"),
        ("owns(O, c, S)", "owns(b, c, 40%)", "yes"),
    ]
    blocked_c = d.results[1]
    assert [g.id for g in blocked_c.grounds] == ["fifty"]
    assert d.results[2].reading == "some party meets the designation criteria"
    # why not: each rule that could conclude it for some party, and what failed
    assert {f.rule for f in d.results[2].why_not} == {"abuse.1"}


def test_an_expectation_cannot_have_variables(load_text):
    from writ.core.diagnostics import WritError
    with pytest.raises(WritError) as info:
        load_text('use mini\ncase c "C" as of 2020-07-09\n  expect blocked(P).\n', "bad.writ")
    [d] = [d for d in info.value.diagnostics if d.is_error]
    assert (d.code, d.span.line, d.span.column) == ("E208", 3, 18)
    assert "write a question" in d.hint


def test_a_reading_may_contain_whole_numbers(load_text):
    w = load_text("""use mini
predicate under_section(P: party) reads "{P} was sanctioned pursuant to section 1263 of the Act"
provision s1263 "Section 1263"
  cite "Test"
  blocked(P) if under_section(P).
case c "C" as of 2020-01-01
  entity acme "Acme".
  acme was sanctioned pursuant to section 1263 of the Act.
  expect blocked(acme) under s1263.
""", "numbers.writ")
    [d] = w.decide_many(w.cases)
    assert [e.passed for e in d.expectations] == [True]


def test_a_caution_travels_with_every_answer_that_relies_on_its_provision(load_text):
    from writ.render.terminal import render_memo

    w = load_text("""use mini
provision rumoured "A rule known only from a press report"
  cite "Test"
  caution "Quoted from a newspaper, not from the rule."
  blocked(P) if listed(P, glomag).
case c "C" as of 2020-01-01
  entity acme "Acme".
  listed(acme, glomag).
  expect blocked(acme) under rumoured.
""", "caution.writ")
    [d] = w.decide_many(w.cases, explain=True)
    [r] = d.results
    # the second caution: the provision is the test's own law, not Writ's bundled law (check/trust.py)
    assert {g.id: g.cautions for g in r.grounds}["rumoured"][0] == "Quoted from a newspaper, not from the rule."
    memo = render_memo(d)
    # the test's own law (mini.writ, caution.writ) also carries the not-bundled-law caution of check/trust.py
    assert "## Cautions\n\n" in memo and "\n- **Test** (`rumoured`): Quoted from a newspaper, not from the rule.\n" in memo


def test_injection_through_a_file_name_is_inert(tmp_path):
    from writ.api import Writ

    name = "x\np_ok(C, c_a) :- case(C).\n%.writ"
    (tmp_path / name).write_text("""predicate good(X: party) reads "{X} is good"
predicate ok(X: party) reads "{X} is ok"
provision abc "t"
  cite "t"
  text "t"
  ok(X) if good(X).
case k as of 2020-01-01
  entity a "A".
  question ok(a).
""", encoding="utf-8")
    w = Writ.load([tmp_path / name])
    [d] = w.decide_many(w.cases)
    assert [r.answer.value for r in d.results] == ["no"]
    assert "p_ok(C, c_a) :- case(C)." not in w.compiled.text.splitlines()


def test_a_fact_may_change_between_periods(load_text):
    w = load_text("""use mini
case c "C" as of 2020-07-09
  entity acme "Acme".
  listed(acme, glomag) until 2019-12-31.
  not listed(acme, glomag) from 2020-01-01.
  expect not blocked(acme).
""", "periods.writ")
    [d] = w.decide_many(w.cases)
    assert [e.passed for e in d.expectations] == [True]


def test_why_not_for_a_conclusion_the_rule_computes(load_text):
    w = load_text("""use mini
predicate deadline(X: party, D: date) reads "{X} has a deadline on {D}"
predicate due(X: party, D: date) reads "{X} is due on {D}"
provision d "Thirty days"
  cite "Test"
  due(X, D + 30) if deadline(X, D).
case c "C" as of 2020-06-01
  entity a "A".
  deadline(a, 2020-01-01).
  question due(a, 2020-01-01).
  question due(a, 2020-01-31).
""", "computed.writ")
    [d] = w.decide_many(w.cases, explain=True)
    wrong, right = d.results
    assert (wrong.answer.value, right.answer.value) == ("no", "yes")
    [why] = wrong.why_not
    assert (why.rule, why.condition, why.detail) == ("d.1", "the conclusion due(a, 2020-01-31)", "not due(a, 2020-01-01)")


def test_a_no_the_case_states_says_where(mini, load_text):
    w = load_text('use mini\ncase c "C" as of 2020-07-09\n  entity acme "Acme".\n  not foreign_person(acme).\n'
                  '  question foreign_person(acme).\n', "stated.writ")
    [r] = w.decide(w.cases[0]).results
    assert (r.answer.value, r.stated.line) == ("no", 4)


def test_a_capitalised_name_in_a_sentence_question_is_warned_about(load_text):
    w = load_text('use mini\ncase c "C" as of 2020-07-09\n  entity acme "Acme".\n  act sales "Sales".\n'
                  '  question acme engaged in Sales.\n', "cap.writ")
    assert [(d.code, d.span.line, d.span.column) for d in w.warnings if d.code == "W322"] == [("W322", 5, 28)]
    assert w.cases[0].patterns and not w.cases[0].questions


def test_an_undetermined_answer_says_which_condition_it_turns_on(mini):
    [r] = decision(mini, "xpsb_unknown").results
    assert r.answer is Answer.undetermined
    assert [(f.reason, f.condition, f.reading) for f in r.why_not if f.reason == "unknown"] == [
        ("unknown", "serious_abuse(detentions)", "mass arbitrary detention is serious human rights abuse")]
