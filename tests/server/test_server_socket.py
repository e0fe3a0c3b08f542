"""`writ serve` over a real socket on 127.0.0.1, started as a user starts it, and the playground
driven in headless Chromium against it: type a case and read the answer, see a bad case's
diagnostic at its line, answer the interview's question and see the answer change.

One server for the whole module (it loads the law once): started on a free port, shut down at the end."""

import json
import re
import subprocess
import sys
import time
import urllib.error
import urllib.request

import pytest

from conftest import ROOT
from test_docsite import CHROMIUM, CHROMIUM_ARGS, _browser_or_skip
from servercase import CASE

pytestmark = pytest.mark.xdist_group("writ_serve")



@pytest.fixture(scope="module")
def server():
    proc = subprocess.Popen([sys.executable, "-m", "writ.cli", "serve", "--host", "127.0.0.1", "--port", "0"],
                            cwd=ROOT, stdout=subprocess.PIPE, stderr=subprocess.STDOUT, text=True)
    url, seen = None, []
    deadline = time.monotonic() + 120
    while url is None and time.monotonic() < deadline:
        line = proc.stdout.readline()
        if not line:
            break
        seen.append(line)
        if m := re.search(r"Uvicorn running on (http://127\.0\.0\.1:\d+)", line):
            url = m.group(1)
    if url is None:
        proc.kill()
        pytest.fail("writ serve did not start:\n" + "".join(seen))
    yield url
    proc.terminate()
    try:
        proc.wait(timeout=20)
        rest = proc.stdout.read()
    finally:
        if proc.poll() is None:
            proc.kill()
        proc.stdout.close()
    # uvicorn shuts down cleanly on SIGTERM (then exits by the same signal, as it re-raises it)
    assert "Finished server process" in rest and "Traceback" not in "".join(seen) + rest


def _post(url: str, body: dict) -> tuple[int, dict]:
    req = urllib.request.Request(url, data=json.dumps(body).encode(), headers={"Content-Type": "application/json"})
    try:
        with urllib.request.urlopen(req, timeout=60) as resp:
            return resp.status, json.loads(resp.read())
    except urllib.error.HTTPError as err:
        return err.code, json.loads(err.read())


def test_a_case_is_decided_over_the_socket(server):
    status, body = _post(server + "/decide", {"text": CASE})
    assert status == 200
    [decision] = body["decisions"]
    [result] = decision["results"]
    assert result["answer"] == "yes" and [g["id"] for g in result["grounds"]] == ["eo13818_1_a_ii_A"]
    assert decision["expectations"][0]["passed"] is True
    status, body = _post(server + "/decide", {"text": CASE.replace("foreign person", "foreign persn")})
    assert status == 422 and body["diagnostics"][0]["code"] == "E211" and body["diagnostics"][0]["line"] == 6
    with urllib.request.urlopen(server + "/openapi.json", timeout=30) as resp:
        assert "/decide" in json.loads(resp.read())["paths"]


def _page(browser, server):
    page = browser.new_page(viewport={"width": 1400, "height": 1000})
    errors = []
    page.on("pageerror", lambda e: errors.append(str(e)))
    page.goto(server + "/")
    page.wait_for_selector("body[data-ready=true]", timeout=30000)
    return page, errors


@pytest.fixture(scope="module")
def browser(server):
    sync_playwright = _browser_or_skip()
    with sync_playwright() as p:
        b = p.chromium.launch(executable_path=str(CHROMIUM), args=CHROMIUM_ARGS)
        try:
            yield b
        finally:
            b.close()


def test_typing_a_case_shows_its_answer_with_citations_and_highlighting(browser, server):
    page, errors = _page(browser, server)
    page.locator("#source").fill(CASE)
    # the highlighting follows the text typed, with the grammar's scopes
    assert page.locator('#highlighted [data-scope="keyword.control.writ"]', has_text="expect").count() == 1
    assert page.locator('#highlighted [data-scope^="keyword.other.declaration"]', has_text="use").count() == 1
    assert page.locator('#highlighted [data-scope="constant.numeric.date.writ"]').first.inner_text() == "2020-07-09"
    page.locator("#decide").click()
    result = page.locator('.result[data-question="meets_criteria(xpsb)"]')
    result.locator(".answer").wait_for(timeout=60000)
    assert result.locator(".answer").inner_text().lower() == "yes"
    assert "Executive Order 13818, sec. 1(a)(ii)(A)" in result.locator(".grounds .cite").first.inner_text()
    assert result.locator(".tree .node").count() >= 3  # the derivation, as a tree
    assert "Memo" in page.locator(".memo summary").inner_text()
    assert "Short answer" in page.locator(".memo pre").text_content()
    assert page.locator(".expectations .passed").count() == 1
    assert not errors


def test_a_bad_case_shows_its_diagnostic_at_its_line(browser, server):
    page, errors = _page(browser, server)
    page.locator("#source").fill(CASE.replace("xpsb engaged in detentions", "xpsb engaged in detentionz"))
    page.locator("#decide").click()
    diag = page.locator("#diagnostics .diagnostic").first
    diag.wait_for(timeout=60000)
    assert "case.writ:7:" in diag.inner_text() and "E207" in diag.inner_text() and "detentions" in diag.inner_text()
    assert page.locator("#gutter .has-diagnostic").all_inner_texts() == ["7"]
    assert page.locator("#highlighted .squiggle").first.inner_text() == "detentionz"
    assert page.locator(".decision").count() == 0
    # columns count code points, as the parser counts them, not the browser's UTF-16 units
    page.locator("#source").fill(CASE.replace('  xpsb is a foreign person.', '  entity z "\U0001F600\U0001F600". xpsb is a foreign persn.'))
    page.locator("#decide").click()
    # a retrying assertion, not wait_for_function: that evaluates a string, which the page's CSP refuses
    from playwright.sync_api import expect
    expect(page.locator("#diagnostics .diagnostic").first).to_have_attribute("data-code", "E211", timeout=60000)
    assert page.locator("#highlighted .squiggle").first.inner_text() == "xpsb is a foreign persn"
    assert not errors


def test_answering_the_interview_changes_the_answer(browser, server):
    page, errors = _page(browser, server)  # the page's own example leaves the abuse finding unstated
    page.locator("#decide").click()
    result = page.locator('.result[data-question="meets_criteria(xpsb)"]')
    result.locator(".answer").wait_for(timeout=60000)
    assert result.locator(".answer").inner_text().lower() == "undetermined"
    result.locator("button.ask").click()
    page.wait_for_selector("#iv-step:not([hidden])", timeout=60000)
    assert page.locator("#iv-answer").inner_text().lower() == "undetermined"
    assert page.locator("#iv-statement").inner_text() == "engaged_in(xpsb, detentions)"
    assert "engage in" in page.locator("#iv-next").inner_text()
    page.locator("#iv-yes").click()
    page.wait_for_selector("#iv-done:not([hidden])", timeout=60000)
    assert page.locator("#iv-answer").inner_text().lower() == "yes"
    assert "Decided: yes" in page.locator("#iv-done").inner_text()
    assert page.locator("#iv-given li").count() == 1
    assert not errors


def test_a_hostile_case_is_shown_as_text_never_run(browser, server):
    page, errors = _page(browser, server)
    hostile = CASE.replace('"Xinjiang Public Security Bureau" as of', '"<img src=x onerror=window.pwned=1><script>window.pwned=2</script>" as of')
    page.locator("#source").fill(hostile)
    page.locator("#decide").click()
    page.locator(".decision h2").wait_for(timeout=60000)
    assert page.locator(".decision h2").inner_text().startswith("<img src=x onerror=")
    assert page.locator("#results img, #results script, #highlighted img").count() == 0
    assert page.evaluate("window.pwned") is None
    assert not errors
