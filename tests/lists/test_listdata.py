"""The shared-data helper: a skip with a reason in a bare clone, a failure under CI=true."""

from __future__ import annotations

import pytest
from listdata import shared_data


def test_missing_shared_data_skips_outside_ci(tmp_path, monkeypatch):
    monkeypatch.delenv("CI", raising=False)
    with pytest.raises(pytest.skip.Exception, match="not present"):
        shared_data(tmp_path / "clone")


def test_missing_shared_data_fails_under_ci(tmp_path, monkeypatch):
    monkeypatch.setenv("CI", "true")
    with pytest.raises(pytest.fail.Exception, match="CI must run"):
        shared_data(tmp_path / "clone")


def test_found_from_a_worktree_below_it(tmp_path):
    (tmp_path / "shared" / "data").mkdir(parents=True)
    (tmp_path / "shared" / "data" / "SOURCES.md").write_text("x")
    assert shared_data(tmp_path / "wt" / "lists") == tmp_path / "shared" / "data"
