"""The law cache (decide.lawcache): a cached load is the load; a changed statute or case file
is a new key; a bad entry is rebuilt, never trusted; a case that needs no lists loads none."""

from __future__ import annotations

import shutil

import pytest

from conftest import ROOT
from writ.decide import lawcache
from writ.decide.engine import Engine


@pytest.fixture
def cache(tmp_path, monkeypatch):
    monkeypatch.setenv("XDG_CACHE_HOME", str(tmp_path / "cache"))
    monkeypatch.delenv("WRIT_NO_CACHE", raising=False)
    return tmp_path / "cache" / "writ" / "law"


def _answers(engine):
    return [(d.case, [(r.question, r.answer.value) for r in d.results]) for d in engine.decide_many(engine.cases)]


def test_a_cached_load_decides_as_a_fresh_one(cache, tmp_path):
    case = tmp_path / "case.writ"
    shutil.copy(ROOT / "cases" / "glomag" / "act_termination.writ", case)
    first = Engine.load([case])
    assert len(list(cache.glob("*.pickle"))) == 1
    second = Engine.load([case])
    assert _answers(second) == _answers(first) and second.law is not first.law  # read back from the file
    assert [c.name for c in second.cases] == [c.name for c in first.cases]


def test_a_changed_case_file_is_a_new_key(cache, tmp_path):
    case = tmp_path / "case.writ"
    shutil.copy(ROOT / "cases" / "glomag" / "act_termination.writ", case)
    before = lawcache.key([case])
    case.write_text(case.read_text(encoding="utf-8").replace("act_termination_unreported", "renamed_twin"), encoding="utf-8")
    assert lawcache.key([case]) != before
    assert "renamed_twin" in [c.name for c in Engine.load([case]).cases]
    renamed = lawcache.key([case])
    (tmp_path / "other.writ").write_text("", encoding="utf-8")  # a new file where a `use` could look
    assert lawcache.key([case]) not in (before, renamed)


@pytest.mark.parametrize("bad", [b"", b"writ-law-cache 1\n\x80\x05garbage", b"not a cache at all"])
def test_a_bad_entry_is_rebuilt_not_trusted(cache, tmp_path, bad):
    case = tmp_path / "case.writ"
    shutil.copy(ROOT / "cases" / "glomag" / "act_termination.writ", case)
    want = _answers(Engine.load([case]))
    [entry] = cache.glob("*.pickle")
    entry.write_bytes(bad)
    assert _answers(Engine.load([case])) == want
    assert entry.read_bytes().startswith(b"writ-law-cache 1\n") and len(entry.read_bytes()) > 1000  # rewritten whole


def test_a_case_whose_questions_need_no_listing_loads_no_lists(cache):
    engine = Engine.load([ROOT / "cases" / "glomag" / "act_termination.writ"])
    assert not any(engine.needs_lists(c) for c in engine.cases)
    engine.decide_many(engine.cases)
    assert engine._listings is None  # never indexed
    xinjiang = Engine.load([ROOT / "cases" / "xinjiang" / "facial_recognition.writ"])
    assert all(xinjiang.needs_lists(c) for c in xinjiang.cases)
