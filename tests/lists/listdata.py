"""Paths the list tests share: the hand-written fixtures and the ../shared snapshots."""

from __future__ import annotations

import datetime as dt
import functools
import os
from pathlib import Path

import pytest

ROOT = Path(__file__).resolve().parents[2]
FIXTURES = ROOT / "tests" / "fixtures"

LISTS = FIXTURES / "lists"


def shared_data(root: Path = ROOT) -> Path:
    """The public snapshots in ../shared/data (from a clone or a worktree below it), or a skip.

    With CI=true a missing directory is a failure, never a skip.
    """
    for base in (root, *root.parents):
        if (base / "shared" / "data" / "SOURCES.md").is_file():
            return base / "shared" / "data"
    if os.environ.get("CI") == "true":
        pytest.fail("../shared/data is missing, and CI must run the list integration tests")
    pytest.skip("../shared/data (public list snapshots) is not present in this clone")


SDN_SETS = {  # folder under ../shared/data -> the date the set speaks for (SOURCES.md)
    "jackdwyer-sdn/2024-05-03": dt.date(2024, 5, 3),
    "watchman/ofac-sdn-2021-07": dt.date(2021, 7, 7),
    "watchman/ofac-sdn-2018-12": dt.date(2018, 12, 19),
}


@functools.lru_cache(maxsize=None)
def real_sdn(folder: str):
    """One import per test worker of a shared OFAC set (the records are immutable)."""
    from writ.lists.ofac_csv import import_ofac_dir

    return import_ofac_dir(shared_data() / folder, as_of=SDN_SETS[folder])


@functools.lru_cache(maxsize=None)
def real_csl_json():
    from writ.lists.csl import import_csl_json

    return import_csl_json(shared_data() / "export-controls-mcp/screening-list.json")
