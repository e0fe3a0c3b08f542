"""The generated site carries no active HTML or JavaScript from a case or statute
string, and `writ docs` never builds into a folder whose contents it would delete."""

from html.parser import HTMLParser

import markdown
import pytest
from mkdocs.exceptions import Abort

from writ.docsite.build import build_site, unsafe_site_dir
from writ.docsite.site import DocSite, decide_bundled

HOSTILE = '''use glomag
"""A doc string with a fence line:
````
<script>alert(6)</script>
"""
case evil "Evil <script>alert(1)</script> {: onclick=alert(7) }" as of 2020-07-09
  entity xpsb "XPSB\\n<div onmouseover=alert(8)>raw</div>\\n".
  act abuse "abuse <img src=x onerror=alert(2)> <svg onload=alert(4)> [click](javascript:alert(3)) <javascript:alert(9)>".
  xpsb is a foreign person.
  xpsb engaged in abuse.
  abuse is serious human rights abuse.
  question meets_criteria(xpsb).
'''

# what mkdocs.yml turns on (pymdownx.highlight and the theme's parts do not open HTML)
EXTENSIONS = ["admonition", "attr_list", "md_in_html", "tables", "toc", "pymdownx.details", "pymdownx.superfences"]


class _Active(HTMLParser):
    """Collects what a browser would run: script-like tags, on* attributes, javascript: URLs."""

    def __init__(self):
        super().__init__()
        self.found = []

    def handle_starttag(self, tag, attrs):
        if tag in ("script", "img", "svg", "iframe", "object", "embed") and not (tag == "svg" and not attrs):
            self.found.append(tag)
        for name, value in attrs:
            if name.startswith("on") or (value or "").strip().lower().startswith("javascript:"):
                self.found.append(f"{tag} {name}={value}")


def active(html: str) -> list[str]:
    parser = _Active()
    parser.feed(html)
    return parser.found


@pytest.fixture(scope="module")
def pages(tmp_path_factory):
    path = tmp_path_factory.mktemp("evil") / "evil.writ"
    path.write_text(HOSTILE, encoding="utf-8")
    writ, decisions = decide_bundled([path])
    return DocSite(writ, decisions).pages()


def test_the_case_page_renders_without_active_html(pages):
    html = markdown.markdown(pages["cases/evil.md"], extensions=EXTENSIONS)
    assert active(html) == []
    assert "alert(6)" in html  # the doc string is shown, inside the code block


def test_the_case_index_renders_without_active_html(pages):
    html = markdown.markdown(pages["cases/index.md"], extensions=EXTENSIONS)
    assert active(html) == []


def test_the_checker_finds_what_the_escaping_prevents():
    raw = markdown.markdown("x <img src=x onerror=alert(1)> [a](javascript:alert(2))", extensions=EXTENSIONS)
    assert active(raw) == ["img", "img onerror=alert(1)", "a href=javascript:alert(2)"]


def test_a_fence_line_in_the_source_does_not_close_the_code_block(pages):
    page = pages["cases/evil.md"]
    assert "`````writ" in page


@pytest.mark.parametrize("folder", ["statutes", "docs", "cases", "."])
def test_docs_refuses_to_build_into_a_folder_of_sources(folder, tmp_path):
    from writ.core.resources import statutes_dir

    root = statutes_dir().parent
    target = statutes_dir() if folder == "statutes" else root / folder
    if not target.exists():
        pytest.skip(f"{folder} is not in this checkout")
    before = sorted(p.name for p in target.iterdir())
    with pytest.raises(Abort, match="refusing to build into"):
        build_site(root / "mkdocs.yml", tmp_path / "pages", target)
    assert sorted(p.name for p in target.iterdir()) == before


def test_a_new_empty_or_previous_site_folder_is_fine(tmp_path):
    assert unsafe_site_dir(tmp_path / "new") is None
    (tmp_path / "empty").mkdir()
    assert unsafe_site_dir(tmp_path / "empty") is None
    old = tmp_path / "old"
    (old / "search").mkdir(parents=True)
    (old / "index.html").write_text("<html></html>")
    assert unsafe_site_dir(old) is None
    (old / "notes.md").write_text("mine")
    assert "holds sources" in unsafe_site_dir(old)
