"""The REST service in process, through FastAPI's test client: every endpoint's real answer,
errors as the engine's own diagnostics with their HTTP status, the limits, the OpenAPI document
generated from the decision models, and the playground's files and highlighting rules."""

import re

import warnings

import pytest

with warnings.catch_warnings():  # starlette's note that it prefers httpx2 to httpx, the client pinned
    warnings.simplefilter("ignore")
    from fastapi.testclient import TestClient

from writ import highlight as lexer
from writ.api import Writ
from writ.core.diagnostics import WritError
from writ.decision import Decision
from writ.render.terminal import render_memo
from servercase import CASE
from writ.server import highlighting
from writ.server.app import create_app
from writ.server.service import Config
from writ.solve.outcome import Limits


pytestmark = pytest.mark.xdist_group("writ_server_api")  # one worker, one law and one app for the module

UNSTATED = """use glomag

case unstated "the abuse finding not stated" as of 2020-07-09
  entity xpsb "Xinjiang Public Security Bureau".
  act detentions "mass arbitrary detention".
  xpsb is a foreign person.
  detentions is serious human rights abuse.
  question meets_criteria(xpsb).
"""
CONFIG = Config(max_request_bytes=20_000, max_parties=3, solve_seconds=7.0)


@pytest.fixture(scope="module")
def writ() -> Writ:
    return Writ.load()


@pytest.fixture(scope="module")
def client(writ):
    with TestClient(create_app(writ, CONFIG)) as c:
        yield c


def _codes(resp) -> list[tuple[str, str, int, int]]:
    return [(d["code"], d["file"], d["line"], d["column"]) for d in resp.json()["diagnostics"]]


# ---- deciding ------------------------------------------------------------------------------
def test_a_case_as_text_is_decided_with_its_grounds_tree_and_memo(client, writ):
    resp = client.post("/decide", json={"text": CASE, "memo": True})
    assert resp.status_code == 200
    body = resp.json()
    [d] = body["decisions"]
    [r] = d["results"]
    assert (r["answer"], [g["id"] for g in r["grounds"]]) == ("yes", ["eo13818_1_a_ii_A"])
    assert "Executive Order 13818" in r["grounds"][0]["cite"] and "complicit" in r["grounds"][0]["text"]
    assert r["explanation"]["statement"] == "meets_criteria(xpsb)" and r["explanation"]["children"]
    assert d["expectations"][0]["passed"] is True and body["diagnostics"] == []
    # the same decision and memo the Python API and `writ check --memo` give
    [case] = writ.cases_from_text(CASE, "case.writ")
    expected = writ.decide(case)
    assert Decision.model_validate(d) == expected
    assert body["memos"] == [render_memo(expected)]


def test_a_bad_case_gets_the_engines_own_diagnostics_at_their_lines(client, writ):
    bad = CASE.replace("foreign person", "foreign persn").replace("xpsb engaged in detentions", "xpsb engaged in detentionz")
    resp = client.post("/decide", json={"text": bad})
    assert resp.status_code == 422
    with pytest.raises(WritError) as info:
        writ.cases_from_text(bad, "case.writ")
    want = [(d.code, d.span.file, d.span.line, d.span.column, d.message, d.hint) for d in info.value.diagnostics]
    got = [(d["code"], d["file"], d["line"], d["column"], d["message"], d["hint"]) for d in resp.json()["diagnostics"]]
    assert got == want and [g[:3] for g in got] == [("E211", "case.writ", 6), ("E207", "case.writ", 7)]
    assert "did you mean 'detentions'?" == got[1][5]


def test_a_request_named_like_a_statute_does_not_replace_it(client):
    resp = client.post("/decide", json={"text": CASE, "name": "glomag"})
    assert resp.status_code == 200 and resp.json()["decisions"][0]["file"] == "glomag.writ"
    assert resp.json()["decisions"][0]["results"][0]["answer"] == "yes"


def test_requests_naming_no_case_or_the_wrong_one(client):
    assert _codes(client.post("/decide", json={"text": "use glomag\n"})) == [("E005", "case.writ", 1, 1)]
    resp = client.post("/decide", json={"text": CASE, "case": "nope"})
    assert resp.status_code == 404 and resp.json()["diagnostics"][0]["code"] == "E005"
    two = CASE + CASE.replace("case xpsb_2020", "case again")
    resp = client.post("/what-if", json={"text": two, "set": []})
    assert resp.status_code == 400 and "name one in `case`" in resp.json()["diagnostics"][0]["message"]


def test_a_request_that_is_not_the_endpoints_json_is_E003_at_its_place(client):
    resp = client.post("/decide", content=b'{\n  "text": 1,\n  oops}', headers={"Content-Type": "application/json"})
    assert resp.status_code == 400 and _codes(resp) == [("E003", "<request>", 3, 3)]
    resp = client.post("/decide", json={"txt": CASE})
    assert resp.status_code == 400
    messages = [d["message"] for d in resp.json()["diagnostics"]]
    assert messages == ["txt: Extra inputs are not permitted"]
    resp = client.post("/decide", json={})
    assert resp.status_code == 400 and "either as `text` or as `cases`" in resp.json()["diagnostics"][0]["message"]
    assert client.get("/decide").status_code == 405 and client.get("/decide").json()["diagnostics"][0]["code"] == "E003"
    assert _codes(client.get("/no/such/path")) == [("E005", "<request>", 1, 1)]


def test_request_size_is_limited_before_and_while_reading(client):
    big = {"text": CASE + "#" * CONFIG.max_request_bytes}
    resp = client.post("/decide", json=big)
    assert resp.status_code == 413 and resp.json()["diagnostics"][0]["code"] == "E004"

    def chunks():  # no Content-Length: the limit is counted as the body arrives
        for _ in range(30):
            yield b"x" * 1000

    resp = client.post("/decide", content=chunks(), headers={"Content-Type": "application/json"})
    assert resp.status_code == 413 and "20,000 bytes" in resp.json()["diagnostics"][0]["message"]


def test_solving_is_limited_and_a_limit_reached_is_E502(client, writ, monkeypatch):
    assert writ.solver.limits.solve_seconds == CONFIG.solve_seconds  # the service's limit is the solver's
    monkeypatch.setattr(writ.solver, "limits", Limits(solve_seconds=CONFIG.solve_seconds, unknown_facts=0))
    resp = client.post("/decide", json={"text": UNSTATED})
    assert resp.status_code == 200  # a batch: the case's outcome says why, the others would stand
    [d] = resp.json()["decisions"]
    assert d["outcome"]["kind"] == "limit reached" and d["results"] == []
    assert _codes(resp) == [("E502", "case.writ", 3, 1)]
    resp = client.post("/what-if", json={"text": UNSTATED, "set": ["xpsb engaged in detentions"]})
    assert resp.status_code == 422 and "Limits.unknown_facts" in resp.json()["diagnostics"][0]["message"]


def test_an_internal_fault_is_E503_without_a_traceback(writ, monkeypatch):
    app = create_app(writ, CONFIG)
    monkeypatch.setattr(app.state.service.writ, "decide_many", lambda *a, **k: 1 / 0)
    with TestClient(app, raise_server_exceptions=False) as c:
        resp = c.post("/decide", json={"text": CASE})
    assert resp.status_code == 500 and _codes(resp) == [("E503", "<request>", 1, 1)]
    assert "Traceback" not in resp.text and "ZeroDivisionError" in resp.text


# ---- what-if and the interview ---------------------------------------------------------------
def test_what_if_shows_the_answer_that_changes(client):
    resp = client.post("/what-if", json={"text": UNSTATED, "set": ["xpsb engaged in detentions"]})
    assert resp.status_code == 200
    body = resp.json()
    assert body["changes"] == [{"question": "meets_criteria(xpsb)", "before": "undetermined", "after": "yes",
                                "grounds": "eo13818_1_a_ii_A"}]
    assert body["before"]["results"][0]["answer"] == "undetermined" and body["after"]["results"][0]["answer"] == "yes"


def test_what_if_errors_point_into_the_field_they_came_from(client):
    resp = client.post("/what-if", json={"text": UNSTATED, "set": ["xpsb engaged in detentions"], "unset": ["xpsb engaged in"]})
    assert resp.status_code == 422 and _codes(resp) == [("E211", "unset[0]", 1, 1)]
    resp = client.post("/what-if", json={"text": UNSTATED, "set": ['iso_code(china, "CN")']})
    assert resp.status_code == 422 and _codes(resp) == [("E331", "<request>", 1, 1)]
    assert "is law data (iso_code is fixed)" in resp.json()["diagnostics"][0]["message"]


def test_an_interview_asks_what_matters_and_an_answer_decides_it(client):
    first = client.post("/interview", json={"text": UNSTATED}).json()
    assert (first["question"], first["answer"]) == ("meets_criteria(xpsb)", "undetermined")
    assert first["next"]["statement"] == "engaged_in(xpsb, detentions)"
    assert first["next"]["question"].startswith("Did Xinjiang Public Security Bureau directly or indirectly engage in")
    yes = client.post("/interview", json={"text": UNSTATED, "answers": [{"fact": first["next"]["statement"], "value": True}]}).json()
    assert (yes["answer"], yes["next"]) == ("yes", None)
    assert [g["id"] for g in yes["result"]["grounds"]] == ["eo13818_1_a_ii_A"]
    # "do not know" moves on to another fact that can still decide it
    declined = client.post("/interview", json={"text": UNSTATED, "question": "meets_criteria(xpsb)",
                                               "answers": [{"fact": "engaged_in(xpsb, detentions)", "value": None}]}).json()
    assert declined["answer"] == "undetermined" and declined["next"]["statement"] != "engaged_in(xpsb, detentions)"
    bad = client.post("/interview", json={"text": UNSTATED, "answers": [{"fact": "xpsb engaged in detentionz", "value": True}]})
    assert bad.status_code == 422 and _codes(bad) == [("E207", "answers[0].fact", 1, 17)]


# ---- screening and the law -------------------------------------------------------------------
def test_a_batch_is_screened_row_by_row(client):
    parties = [{"name": "Xinjiang Public Security Bureau", "type": "entity", "country": "CN"}, {"name": "John Smith"}]
    resp = client.post("/screen", json={"parties": parties, "as_of": "2024-05-03"})
    assert resp.status_code == 200
    body = resp.json()
    assert [r["status"] for r in body["rows"]] == ["blocked", "clear"]
    assert "SDN" in body["rows"][0]["lists"] and body["rows"][0]["columns"]["country"] == "CN"
    assert body["summary"].startswith("2 parties screened as of 2024-05-03") and body["summary"].endswith("1 blocked, 1 clear")
    resp = client.post("/screen", json={"parties": [{"name": "A"}] * 4})
    assert resp.status_code == 413 and "over the limit of 3" in resp.json()["diagnostics"][0]["message"]


def test_the_law_lists_every_provision_with_its_citation_and_text(client, writ):
    provisions = client.get("/law").json()["provisions"]
    assert {p["id"] for p in provisions} == set(writ.law.provisions)
    assert all(p["cite"] and p["source"]["line"] >= 1 for p in provisions)
    glomag = client.get("/law", params={"module": "glomag"}).json()["provisions"]
    assert glomag and all(p["module"].startswith("glomag/") or p["module"] == "glomag" for p in glomag)
    assert len(glomag) < len(provisions)
    one = client.get("/law/eo13818_1_a_ii_A").json()
    assert one["cite"].startswith("Executive Order 13818, sec. 1(a)(ii)(A)") and "complicit in" in one["text"]
    assert one["in_force_from"] == "2017-12-21" and one["rules"] >= 1
    found = client.get("/law", params={"q": "complicit in"}).json()["provisions"]
    assert "eo13818_1_a_ii_A" in {p["id"] for p in found}
    missing = client.get("/law/eo13818_1_a_ii")
    assert missing.status_code == 404 and missing.json()["diagnostics"][0]["hint"] == "did you mean 'eo13818_1_a_i'?"


# ---- the OpenAPI document and the playground -------------------------------------------------
def test_the_openapi_document_comes_from_the_decision_models(client):
    doc = client.get("/openapi.json").json()
    assert {"/decide", "/what-if", "/interview", "/screen", "/law", "/law/{provision}"} <= set(doc["paths"])
    schemas = doc["components"]["schemas"]
    assert set(schemas["Decision"]["properties"]) == set(Decision.model_json_schema(mode="serialization")["properties"])
    decide = doc["paths"]["/decide"]["post"]
    assert decide["responses"]["200"]["content"]["application/json"]["schema"]["$ref"].endswith("/DecideResponse")
    assert decide["responses"]["422"]["content"]["application/json"]["schema"]["$ref"].endswith("/ErrorBody")
    assert {"file", "line", "column", "code", "hint"} <= set(schemas["DiagnosticOut"]["properties"])


def test_the_playground_is_served_with_a_policy_that_runs_only_its_own_scripts(client):
    page = client.get("/")
    assert page.status_code == 200 and "text/html" in page.headers["content-type"]
    assert "script-src 'self'" in page.headers["content-security-policy"]
    assert "<script>" not in page.text  # no inline script: the policy would refuse it
    for asset in ("playground.js", "highlight.js", "playground.css"):
        assert client.get(f"/static/{asset}").status_code == 200
    js = client.get("/static/playground.js").text + client.get("/static/highlight.js").text
    # strings reach the page as text: no API that parses a string as HTML
    assert not re.findall(r"\.(?:innerHTML|outerHTML)\s*=|insertAdjacentHTML|document\.write|\beval\(", js)


def test_the_highlighting_rules_are_the_grammars_and_cover_the_lexers_words(client):
    rules = client.get("/highlighting.json").json()
    assert rules == highlighting.rules() and rules["scopeName"] == "source.writ"
    words = [*lexer.KEYWORDS, *lexer.DECLARATION_KEYWORDS]
    line = ", ".join(words)  # apart, so `case` is not read as the name a `provision` declares
    scoped: dict[str, str] = {}
    pos = 0  # the browser's procedure (static/highlight.js), in Python's re: the earliest match wins
    compiled = [(r, re.compile(r.get("match") or r["begin"], re.M)) for r in rules["rules"]]
    while pos < len(line):
        hits = [(m.start(), k, m) for k, (r, rx) in enumerate(compiled) if (m := rx.search(line, pos)) and m.group()]
        if not hits:
            break
        _, k, m = min(hits)
        rule = compiled[k][0]
        if "captures" in rule:
            for group, scope in rule["captures"].items():
                if m.group(int(group)):
                    scoped[m.group(int(group))] = scope
        else:
            scoped[m.group()] = rule["scope"]
        pos = m.end()
    assert all(scoped.get(w, "").startswith("keyword") for w in words), scoped


# ---- the documentation's examples run ---------------------------------------------------------
def _curl_examples(path) -> list[tuple[str, dict]]:
    import json

    from conftest import ROOT

    text = (ROOT / path).read_text(encoding="utf-8")
    found = re.findall(r"curl -s -X POST localhost:8000(/[a-z-]+) .*?-d '(\{.*?\})'", text, re.S)
    return [(endpoint, json.loads(body)) for endpoint, body in found]


def test_the_curl_examples_of_the_readme_and_the_docs_answer_as_shown(client):
    readme = _curl_examples("README.md")
    docs = _curl_examples("docs/service.md")
    assert [e for e, _ in readme] == ["/decide"] and [e for e, _ in docs] == ["/decide", "/interview"]
    for endpoint, body in [*readme, docs[0]]:
        resp = client.post(endpoint, json=body)
        assert resp.status_code == 200 and resp.json()["decisions"][0]["results"][0]["answer"] == "yes"
    step = client.post("/interview", json=docs[1][1]).json()
    assert step["answer"] == "undetermined" and step["next"]["statement"] == "engaged_in(x, a)"
    body = {**docs[1][1], "answers": [{"fact": "engaged_in(x, a)", "value": True}]}
    assert client.post("/interview", json=body).json()["answer"] == "yes"


# ---- cases as objects ---------------------------------------------------------------------
def test_a_case_as_objects_is_decided_as_its_text_is(client, writ):
    [model] = writ.models_from_text(CASE)
    data = model.model_dump(mode="json")
    from_objects = client.post("/decide", json={"cases": [data]}).json()["decisions"]
    from_text = client.post("/decide", json={"text": CASE}).json()["decisions"]
    assert from_objects[0]["results"][0]["answer"] == "yes"
    assert from_objects[0]["results"][0]["grounds"] == from_text[0]["results"][0]["grounds"]
    assert from_objects[0]["expectations"][0]["passed"] and from_objects[0]["file"] == "<objects>"
    [unstated] = writ.models_from_text(UNSTATED)
    resp = client.post("/what-if", json={"cases": [unstated.model_dump(mode="json")], "set": ["xpsb engaged in detentions"]})
    assert resp.json()["changes"][0]["after"] == "yes"
    step = client.post("/interview", json={"cases": [unstated.model_dump(mode="json")]}).json()
    assert step["next"]["statement"] == "engaged_in(xpsb, detentions)"


def test_an_object_that_does_not_check_is_named_by_its_json_path(client, writ):
    [model] = writ.models_from_text(CASE)
    data = model.model_dump(mode="json")
    k = next(i for i, f in enumerate(data["facts"]) if f.get("sentence") == "xpsb is a foreign person")
    data["facts"][k]["sentence"] = "xpsb is a foreign persn"
    resp = client.post("/decide", json={"cases": [data]})
    assert resp.status_code == 422
    [d] = resp.json()["diagnostics"]
    assert (d["code"], d["path"], d["file"]) == ("E211", f"$.cases[0].facts[{k}].sentence", "<objects>")
    source = resp.json()["source"].splitlines()  # the generated text, where the line counts
    assert "xpsb is a foreign persn" in source[d["line"] - 1]
    second = client.post("/decide", json={"cases": [model.model_dump(mode="json"), data]}).json()["diagnostics"]
    assert [x["path"] for x in second] == [f"$.cases[1].facts[{k}].sentence"]
    # malformed objects are the request's own error, each field named
    resp = client.post("/decide", json={"cases": [{**data, "as_of": "someday"}]})
    assert resp.status_code == 400 and resp.json()["diagnostics"][0]["message"].startswith("cases.0.as_of:")
    resp = client.post("/decide", json={"text": CASE, "cases": [data]})
    assert resp.status_code == 400 and "not both or neither" in resp.json()["diagnostics"][0]["message"]
