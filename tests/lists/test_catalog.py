"""The bundled default lists: manifest, hashes, lazy loading and the pickle cache."""

from __future__ import annotations

import datetime as dt
import json
import lzma
import shutil
import time
import zipfile
from pathlib import Path

import pytest
from listdata import LISTS

from writ.core.diagnostics import WritError
from writ.lists.catalog import DATA, Catalog, sniff
from writ.lists.records import Snapshot


@pytest.fixture
def cache(tmp_path, monkeypatch):
    monkeypatch.setenv("XDG_CACHE_HOME", str(tmp_path / "cache"))
    monkeypatch.setenv("XDG_DATA_HOME", str(tmp_path / "data"))
    return tmp_path / "cache"


def test_manifest_describes_every_bundled_file():
    doc = json.loads((DATA / "manifest.json").read_text())
    names = {s["name"] for s in doc["sets"]}
    assert names == {"sdn-2024-05-03", "sdn-2021-07-07", "sdn-2018-12-19", "nonsdn-2025-12-19", "nonsdn-xml-2020-03-17",
                     "csl-2026-07-31", "dpl-2023-11-28", "ccl-2026-07-23"}
    on_disk = {p.relative_to(DATA).as_posix() for p in DATA.glob("*/*.xz")}
    assert on_disk == {f["file"] for s in doc["sets"] for f in s["files"]}
    assert sum(p.stat().st_size for p in DATA.glob("*/*.xz")) < 15_000_000
    for s in doc["sets"]:
        assert s["source"]["commit"] and len(s["source"]["commit"]) == 40 and s["licence"]
    csl = next(s for s in doc["sets"] if s["name"] == "csl-2026-07-31")
    assert "MIT" in csl["licence"] and "seelpeed-debug" in csl["licence"] and csl["entries"] == 25921
    assert "Copyright (c) 2026 seelpeed-debug" in (DATA / "PROVENANCE.md").read_text()


def test_bundled_is_lazy_and_verified(cache):
    t = time.process_time()
    cat = Catalog.bundled()
    assert time.process_time() - t < 0.05 and not cat._loaded  # the manifest only
    info = cat.info("dpl-2023-11-28")
    assert info.entries == 577 and info.as_of == dt.date(2023, 11, 28)
    loaded = cat.get("dpl-2023-11-28")
    assert loaded.count == 577 and isinstance(loaded.value, Snapshot) and set(cat._loaded) == {"dpl-2023-11-28"}
    raw = lzma.decompress(info.files[0].path.read_bytes())
    assert loaded.value.files[0][1] == info.files[0].sha256 and len(raw) == 170618


def test_the_cache_serves_the_same_records(cache):
    first = Catalog.bundled().get("nonsdn-2025-12-19").value
    assert list((cache / "writ" / "snapshots").glob("*.pickle"))
    second = Catalog.bundled().get("nonsdn-2025-12-19").value
    assert second == first and second.entries[0].source == first.entries[0].source


def test_a_damaged_cache_is_rebuilt(cache):
    first = Catalog.bundled().get("dpl-2023-11-28").value
    [pick] = (cache / "writ" / "snapshots").glob("*.pickle")
    pick.write_bytes(pick.read_bytes()[:100])
    assert Catalog.bundled().get("dpl-2023-11-28").value == first


def test_a_damaged_file_is_refused(cache, tmp_path):
    folder = tmp_path / "bundle"
    shutil.copytree(DATA, folder)
    target = folder / "dpl-2023-11-28" / "dpl.txt.xz"
    target.write_bytes(lzma.compress(lzma.decompress(target.read_bytes()).replace(b"ZIMO", b"ZIMA")))
    with pytest.raises(WritError) as info:
        Catalog.bundled(folder).get("dpl-2023-11-28")
    assert info.value.diagnostics[0].code == "E612"


def test_load_user_paths(cache, tmp_path):
    cat = Catalog.load([LISTS / "sdn", LISTS / "dpl.txt", LISTS / "csl" / "screening-list.json", LISTS / "xml" / "advanced.xml"],
                       as_of=None)
    assert [s.format for s in cat.sets] == ["ofac_csv", "dpl", "csl_json", "ofac_xml"]
    (tmp_path / "2024-05-03").mkdir()
    shutil.copy(LISTS / "sdn" / "sdn.csv", tmp_path / "2024-05-03" / "sdn.csv")
    dated = Catalog.load([tmp_path / "2024-05-03"])
    assert dated.get("2024-05-03").as_of == dt.date(2024, 5, 3)
    assert cat.get("advanced").as_of == dt.date(2020, 3, 17)
    with pytest.raises(WritError):
        sniff(Path(__file__))


def test_compressed_user_file(cache, tmp_path):
    p = tmp_path / "dpl.txt.xz"
    p.write_bytes(lzma.compress((LISTS / "dpl.txt").read_bytes()))
    cat = Catalog.load([p])
    assert cat.sets[0].format == "dpl" and cat.get(cat.sets[0].name).count == 3


def test_bundled_snapshots_by_list(cache):
    cat = Catalog.bundled()
    sdn = cat.snapshots("SDN")
    assert [s.as_of for s in sdn] == [dt.date(2018, 12, 19), dt.date(2021, 7, 7), dt.date(2024, 5, 3)]
    assert [len(s.entries) for s in sdn] == [7379, 8976, 14965]
    assert len(cat.ccl()) == 633
    from writ.cli.lists import set_digest

    assert all(set_digest(cat.info(n)) == cat.get(n).digest for n in ("ccl-2026-07-23", "dpl-2023-11-28"))  # one kind of hash
    t = time.process_time()
    Catalog.bundled().get("sdn-2024-05-03")  # from the pickle now
    assert time.process_time() - t < 3  # measured about 0.25 s of CPU; the bound catches only an order-of-magnitude regression


def test_the_wheel_ships_the_bundle(tmp_path):
    """A wheel built from pyproject.toml carries writ.lists, the bundle and its manifest, and the installed
    package finds them inside itself."""
    import subprocess
    import sys

    root = Path(__file__).resolve().parents[2]
    subprocess.run([sys.executable, "-m", "pip", "wheel", "--no-deps", "-q", "-w", str(tmp_path), str(root)], check=True, capture_output=True)
    [wheel] = tmp_path.glob("writ-*.whl")
    names = set(zipfile.ZipFile(wheel).namelist())
    bundled = {f"writ/data/lists/{p.relative_to(DATA).as_posix()}" for p in DATA.glob("*/*.xz")}
    assert bundled and bundled <= names
    assert {"writ/data/lists/manifest.json", "writ/data/lists/PROVENANCE.md", "writ/lists/catalog.py", "writ/lists/ofac_csv.py"} <= names
    target = tmp_path / "site"
    zipfile.ZipFile(wheel).extractall(target)
    code = "from writ.lists.catalog import Catalog, DATA; c = Catalog.bundled(); print(DATA); print(len(c.sets))"
    out = subprocess.run([sys.executable, "-c", code], capture_output=True, text=True, cwd=tmp_path,
                         env={"PYTHONPATH": str(target), "PATH": "", "XDG_CACHE_HOME": str(tmp_path / "c")})
    assert out.returncode == 0, out.stderr
    assert out.stdout.splitlines() == [str(target / "writ/data/lists"), "8"]
