"""A fact marked as the writer's interpretation (`fact. caution "..."`) is shown with every answer
that relies on it: in the tree, the terminal report, the JSON and the memo; a case's doc string
opens its memo."""

import io
import json

from writ.render.terminal import decision_renderable, make_console, render_memo

CASE = '''use mini

"""The writer's own account: a hypothetical bureau."""
case c "C" as of 2020-07-09
  entity bureau "A bureau".
  act camps "detention camps".
  foreign_person(bureau).
  engaged_in(bureau, camps). caution "the writer reads the press release as saying the bureau ran the camps"
  serious_abuse(camps).
  question meets_criteria(bureau).

case d "D" as of 2020-07-09
  entity bureau "A bureau".
  act camps "detention camps".
  foreign_person(bureau).
  not engaged_in(bureau, camps). caution "the writer reads the denial as credible".
  serious_abuse(camps).
  question meets_criteria(bureau).

case e "E" as of 2020-07-09
  entity bureau "A bureau".
  act camps "detention camps".
  foreign_person(bureau).
  unknown engaged_in(bureau, camps). caution """whether it ran them is disputed""".
  serious_abuse(camps).
  question meets_criteria(bureau).
'''


def decide(load_text, name):
    w = load_text(CASE, "interp.writ")
    [case] = [c for c in w.cases if c.name == name]
    return w.decide(case)


def terminal(d) -> str:
    buf = io.StringIO()
    make_console(buf, width=200, color=False).print(decision_renderable(d))
    return buf.getvalue()


def test_a_yes_shows_the_caution_on_the_fact_and_with_the_answer(load_text):
    d = decide(load_text, "c")
    [r] = d.results
    assert [(fc.statement, fc.caution) for fc in r.fact_cautions] == [
        ("engaged_in(bureau, camps)", "the writer reads the press release as saying the bureau ran the camps")]
    [node] = [n for n in r.explanation.children if n.statement == "engaged_in(bureau, camps)"]
    assert node.cautions == ["the writer reads the press release as saying the bureau ran the camps"]
    text = terminal(d)
    assert "caution (interpretation): the writer reads the press release" in text  # on the fact, in the tree
    assert "caution (the case's interpretation, " in text                            # with the answer
    memo = render_memo(d)
    assert "The writer's own account: a hypothetical bureau." in memo
    assert "**Caution (interpretation):** the writer reads the press release" in memo
    assert "**The case's interpretation**" in memo
    data = json.loads(d.model_dump_json())
    assert data["results"][0]["fact_cautions"][0]["caution"].startswith("the writer reads")
    assert data["doc"] == "The writer's own account: a hypothetical bureau."


def test_a_no_resting_on_a_denied_fact_shows_its_caution(load_text):
    [r] = decide(load_text, "d").results
    assert r.answer.value == "no"
    assert [(fc.statement, fc.reading) for fc in r.fact_cautions] == [
        ("not engaged_in(bureau, camps)", "it is not the case that A bureau engaged in detention camps")]


def test_an_undetermined_turning_on_an_unknown_fact_shows_its_caution(load_text):
    [r] = decide(load_text, "e").results
    assert r.answer.value == "undetermined"
    assert [fc.caution for fc in r.fact_cautions] == ["whether it ran them is disputed"]


def test_an_answer_not_relying_on_it_does_not_show_it(load_text):
    text = CASE.replace("  question meets_criteria(bureau).\n", "  question blocked(bureau).\n", 1)
    w = load_text(text, "interp2.writ")
    [case] = [c for c in w.cases if c.name == "c"]
    [r] = w.decide(case).results
    assert r.fact_cautions == []


def test_a_caution_survives_the_case_model_round_trip():
    from conftest import ROOT
    from writ import CaseModel

    [m, _] = CaseModel.many_from_text((ROOT / "cases" / "glomag" / "xpsb_criteria.writ").read_text(encoding="utf-8"))
    [caution] = [f.caution for f in m.facts if f.caution]
    assert caution.startswith("The writer's reading: sm1055")
    assert CaseModel.from_text(m.to_text()) == m
