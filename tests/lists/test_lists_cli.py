"""`writ lists` and `writ lists update --from`, against a file server on 127.0.0.1 started by the test."""

from __future__ import annotations

import functools
import http.server
import json
import shutil
import threading

import pytest
from listdata import LISTS
from typer.testing import CliRunner

from writ.cli.lists import app

runner = CliRunner()


@pytest.fixture
def env(tmp_path, monkeypatch):
    monkeypatch.setenv("XDG_CACHE_HOME", str(tmp_path / "cache"))
    monkeypatch.setenv("XDG_DATA_HOME", str(tmp_path / "data"))
    return tmp_path


@pytest.fixture
def server(tmp_path):
    root = tmp_path / "www"
    root.mkdir()
    handler = functools.partial(http.server.SimpleHTTPRequestHandler, directory=str(root))
    handler.log_message = lambda *a, **k: None
    httpd = http.server.ThreadingHTTPServer(("127.0.0.1", 0), handler)
    thread = threading.Thread(target=httpd.serve_forever, kwargs={"poll_interval": 0.05}, daemon=True)
    thread.start()
    yield root, f"http://127.0.0.1:{httpd.server_address[1]}"
    httpd.shutdown()
    httpd.server_close()
    thread.join(timeout=5)


def test_lists_shows_the_bundle(env):
    result = runner.invoke(app, [])
    assert result.exit_code == 0, result.output
    lines = result.output.splitlines()
    assert lines[0].split() == ["set", "list", "as", "of", "entries", "hash", "origin"]
    sdn = next(line for line in lines if line.startswith("sdn-2024-05-03"))
    assert sdn.split()[1:4] == ["SDN", "2024-05-03", "14965"] and sdn.split()[-1] == "bundled"
    assert len(lines) == 1 + 8


def test_lists_with_paths(env):
    result = runner.invoke(app, ["--lists", str(LISTS / "dpl.txt"), "--lists", str(LISTS / "sdn")])
    assert result.exit_code == 0, result.output
    assert [line.split()[1:4] for line in result.output.splitlines()[1:]][0] == ["DPL", "2020-03-20", "3"]


def test_update_from_a_url_then_listed(env, server):
    root, url = server
    shutil.copy(LISTS / "dpl.txt", root / "dpl.txt")
    # the bundled DPL has 577 entries: this 3-entry file is a shrinkage and is refused
    refused = runner.invoke(app, ["update", "--from", f"{url}/dpl.txt"])
    assert refused.exit_code == 1 and "E607" in refused.output
    assert not (env / "data" / "writ" / "lists" / "manifest.json").exists()
    ok = runner.invoke(app, ["update", "--from", f"{url}/dpl.txt", "--allow-shrink"])
    assert ok.exit_code == 0, ok.output
    manifest = json.loads((env / "data" / "writ" / "lists" / "manifest.json").read_text())
    [entry] = manifest["sets"]
    assert entry["name"] == "dpl-2020-03-20" and entry["entries"] == 3 and entry["source"]["fetched_from"] == [f"{url}/dpl.txt"]
    assert (env / "data" / "writ" / "lists" / "dpl-2020-03-20" / "dpl.txt").read_bytes() == (LISTS / "dpl.txt").read_bytes()
    listed = runner.invoke(app, [])
    assert any(line.startswith("dpl-2020-03-20") and line.endswith("user") for line in listed.output.splitlines())


def test_update_refuses_a_malformed_download_and_writes_nothing(env, server):
    root, url = server
    (root / "dpl.txt").write_text((LISTS / "dpl.txt").read_text()[:-60])
    result = runner.invoke(app, ["update", "--from", f"{url}/dpl.txt", "--allow-shrink"])
    assert result.exit_code == 1 and "E603" in result.output and "dpl.txt:5" in result.output
    data = env / "data" / "writ" / "lists"
    assert not (data / "manifest.json").exists() and [p.name for p in data.iterdir()] == []


def test_update_an_ofac_set_from_several_urls(env, server):
    root, url = server
    for n in ("sdn.csv", "add.csv", "alt.csv", "sdn_comments.csv"):
        shutil.copy(LISTS / "sdn" / n, root / n)
    args = ["update", "--as-of", "2024-06-01", "--allow-shrink"] + [a for n in ("sdn.csv", "add.csv", "alt.csv") for a in ("--from", f"{url}/{n}")]
    result = runner.invoke(app, args)
    assert result.exit_code == 0, result.output
    entry = json.loads((env / "data" / "writ" / "lists" / "manifest.json").read_text())["sets"][0]
    assert entry["name"] == "sdn-2024-06-01" and entry["entries"] == 7 and [f["name"] for f in entry["files"]] == ["sdn.csv", "add.csv", "alt.csv"]


def test_update_errors_are_clean(env, server):
    root, url = server
    missing = runner.invoke(app, ["update", "--from", f"{url}/nothing.csv"])
    assert missing.exit_code == 1 and "E601" in missing.output
    (root / "page.html").write_text("<html><body>not a list</body></html>")
    html = runner.invoke(app, ["update", "--from", f"{url}/page.html"])
    assert html.exit_code == 1 and ("E610" in html.output or "E608" in html.output)


def test_bad_paths_and_a_damaged_manifest_are_clean_errors(env):
    missing = runner.invoke(app, ["--lists", str(env / "nope.csv")])
    assert missing.exit_code == 1 and "E601" in missing.output
    data = env / "data" / "writ" / "lists"
    data.mkdir(parents=True)
    (data / "manifest.json").write_text("{not json")
    damaged = runner.invoke(app, [])
    assert damaged.exit_code == 1 and "E608" in damaged.output and "manifest" in damaged.output
