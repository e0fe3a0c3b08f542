"""Fixtures of the name-matching tests on real data: the snapshots (skipped without
../shared/data, never skipped with CI=true) and the indexes built over them once.

Not a conftest.py: tests/conftest.py is imported as the module `conftest`, and a second one
here would shadow it for the other test folders. Test modules import these fixtures."""

from __future__ import annotations

import os
import sys
from pathlib import Path

import pytest

ROOT = Path(__file__).resolve().parents[2]
sys.path.insert(0, str(ROOT / "benchmarks"))  # match_data: the generators the benchmark reports on

import match_data  # noqa: E402

from writ.match.index import NameIndex  # noqa: E402


def shared_data() -> Path:
    found = match_data.find_data(ROOT)
    if found is not None:
        return found
    if os.environ.get("CI") == "true":
        pytest.fail("../shared/data is missing, and CI must run the name-matching tests on it")
    pytest.skip("../shared/data (public list snapshots) is not present in this clone")


@pytest.fixture(scope="session")
def sdn():
    return match_data.sdn_2024(shared_data())


@pytest.fixture(scope="session")
def sdn_index(sdn):
    return NameIndex(sdn)


@pytest.fixture(scope="session")
def csl():
    return match_data.csl(shared_data())


@pytest.fixture(scope="session")
def full_index(sdn, csl):
    return NameIndex(sdn + csl)
