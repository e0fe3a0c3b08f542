"""The documentation site, built once by `writ docs` and checked as a reader gets it:
every provision has a page, every internal link resolves, search is indexed, and a
real browser shows the quoted text, the highlighted rule and the diagram."""

import functools
import http.server
import json
import os
import subprocess
import sys
import threading
from html.parser import HTMLParser
from pathlib import Path
from urllib.parse import unquote, urlsplit

import pytest

from conftest import ROOT
from writ.api import Writ

pytestmark = pytest.mark.xdist_group("docs_site")  # one worker builds the site once for all of these

CHROMIUM = Path("/usr/bin/chromium")
# Without the background-networking flags Chromium waits on connections that are refused offline.
CHROMIUM_ARGS = ["--headless", "--no-sandbox", "--disable-gpu", "--disable-quic", "--no-first-run",
                 "--disable-background-networking", "--disable-component-update", "--disable-sync"]
PROVISION = "eo13818_1_a_ii_A"
CASE = "xpsb_2020"


@pytest.fixture(scope="session")
def site(tmp_path_factory) -> Path:
    out = tmp_path_factory.mktemp("docs")
    run = subprocess.run([sys.executable, "-m", "writ.cli", "docs", "--pages", str(out / "src"), "--site", str(out / "site")],
                         cwd=ROOT, capture_output=True, text=True)
    assert run.returncode == 0, run.stdout + run.stderr
    return out / "site"


class _Page(HTMLParser):
    def __init__(self):
        super().__init__()
        self.links: list[str] = []
        self.ids: set[str] = set()

    def handle_starttag(self, tag, attrs):
        a = dict(attrs)
        if "id" in a:
            self.ids.add(a["id"])
        for key in ("href", "src"):
            if a.get(key):
                self.links.append(a[key])


def _parse(path: Path) -> _Page:
    page = _Page()
    page.feed(path.read_text(encoding="utf-8"))
    return page


def test_every_provision_and_case_has_a_page(site):
    writ = Writ.load([ROOT / "statutes", ROOT / "cases"])
    assert writ.law.provisions and writ.cases
    missing = [p for p in writ.law.provisions if not (site / "provisions" / f"{p}.html").is_file()]
    missing += [c.name for c in writ.cases if not (site / "cases" / f"{c.name}.html").is_file()]
    assert not missing
    for page in ("law/glomag.html", "law/ear.html", "law/vocabulary.html", "law/timeline.html", "law/provisions.html",
                 "tutorial.html", "language.html", "cli.html", "api.html"):
        assert (site / page).is_file(), page


def test_long_lists_of_law_data_sit_whole_inside_their_collapsible_note(site):
    html = (site / "provisions" / "p738_supp1.html").read_text(encoding="utf-8")
    start, end = html.index("<details"), html.index("</details>")
    assert "zimbabwe" in html[start:end] and "zimbabwe" not in html[end:]  # the last row of the chart, inside
    assert "```" not in html


def test_every_internal_link_resolves(site):
    pages = {p: _parse(p) for p in site.rglob("*.html")}
    broken = []
    for page, parsed in pages.items():
        for link in parsed.links:
            parts = urlsplit(link)
            if parts.scheme or parts.netloc or link.startswith(("mailto:", "data:", "javascript:")):
                continue
            base = site if parts.path.startswith("/") else page.parent  # 404.html links from the site's root
            target = (base / unquote(parts.path).lstrip("/")).resolve() if parts.path else page
            if target.is_dir():
                target = target / "index.html"
            if not target.is_file():
                broken.append(f"{page.relative_to(site)}: {link}")
            elif parts.fragment and target.suffix == ".html":
                ids = pages[target].ids if target in pages else _parse(target).ids
                if parts.fragment not in ids:
                    broken.append(f"{page.relative_to(site)}: {link} (no such anchor)")
    assert not broken, "\n".join(broken[:20])
    assert sum(len(p.links) for p in pages.values()) > 1000  # the check did look at the site


def test_search_indexes_the_generated_pages(site):
    index = json.loads((site / "search" / "search_index.json").read_text(encoding="utf-8"))
    locations = {doc["location"].split("#")[0] for doc in index["docs"]}
    assert f"provisions/{PROVISION}.html" in locations
    assert f"cases/{CASE}.html" in locations


def test_provision_page_has_its_parts(site):
    html = (site / "provisions" / f"{PROVISION}.html").read_text(encoding="utf-8")
    assert "serious human rights abuse" in html and "<blockquote>" in html
    assert 'class="language-writ highlight"' in html or "language-writ" in html
    assert '<svg class="writ-diagram"' in html
    assert "P meets the Global Magnitsky criteria for designation" in html  # the plain-English reading
    assert f"../cases/{CASE}.html" in html  # the cases that exercise it


def _browser_or_skip():
    try:
        from playwright.sync_api import sync_playwright
    except ImportError:
        sync_playwright = None
    if sync_playwright is None or not CHROMIUM.exists():
        reason = "playwright is not installed" if sync_playwright is None else f"no browser at {CHROMIUM}"
        if os.environ.get("CI") == "true":
            pytest.fail(f"{reason}, and CI must run the browser test (.ci/run installs chromium)")
        pytest.skip(f"{reason}: install it with `apt-get install -y chromium` to run the browser test")
    return sync_playwright


@pytest.fixture
def served(site):
    handler = functools.partial(_QuietHandler, directory=str(site))
    server = http.server.ThreadingHTTPServer(("127.0.0.1", 0), handler)
    thread = threading.Thread(target=server.serve_forever, daemon=True)
    thread.start()
    yield f"http://127.0.0.1:{server.server_address[1]}"
    server.shutdown()
    server.server_close()


class _QuietHandler(http.server.SimpleHTTPRequestHandler):
    def log_message(self, *args):
        pass


def test_a_browser_shows_the_provision_and_the_case(served):
    sync_playwright = _browser_or_skip()
    shots = ROOT / "build" / "screenshots"
    shots.mkdir(parents=True, exist_ok=True)
    with sync_playwright() as p:
        browser = p.chromium.launch(executable_path=str(CHROMIUM), args=CHROMIUM_ARGS)
        try:
            page = browser.new_page(viewport={"width": 1280, "height": 1400})
            page.goto(f"{served}/provisions/{PROVISION}.html")
            assert "to be responsible for or complicit in" in page.locator("blockquote").first.inner_text()
            code = page.locator(".language-writ").first
            assert code.is_visible()
            # Pygments' token spans: a keyword (k) and a predicate applied (nf)
            assert code.locator("span.k").count() > 0 and code.locator("span.nf").count() > 0
            assert code.locator("span.k", has_text="if").count() > 0
            diagram = page.locator("svg.writ-diagram").first
            assert diagram.is_visible() and diagram.bounding_box()["width"] > 100
            assert page.locator("svg.writ-diagram a").count() >= 2  # the nodes link to their provisions
            page.screenshot(path=str(shots / "provision.png"), full_page=True)

            page.goto(f"{served}/cases/{CASE}.html")
            assert "Short answer" in page.locator("article").inner_text()
            assert page.locator(".language-writ span.nf").count() > 0  # the case as written, highlighted

            # search runs in the browser, offline
            page.goto(f"{served}/index.html")
            page.locator("label.md-search__icon, .md-search__input").first.click()
            page.locator(".md-search__input").fill("Magnitsky")
            page.wait_for_selector(".md-search-result__item", timeout=15000)
        finally:
            browser.close()
