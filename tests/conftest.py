import os
import shutil
import sys
from pathlib import Path

import pytest

from writ.api import Writ
from writ.core.diagnostics import WritError

# the bundled cases' expectations as pytest items (cases/**/*.writ::case::question)
pytest_plugins = ["writ_cases"]

FIXTURES = Path(__file__).parent / "fixtures"
_THIS = sys.modules[__name__]


def pytest_collectstart(collector):
    # `from conftest import ROOT` in a test file means this file; pytest imports every conftest.py
    # outside a package as the module `conftest`, so a later one (tests/match/) would shadow it
    if isinstance(collector, pytest.Module):
        sys.modules["conftest"] = _THIS
ROOT = Path(__file__).parent.parent
SHARED = ROOT.parent / "shared"


def pytest_addoption(parser):
    parser.addoption("--reset-golden", action="store_true",
                     help="rewrite the expected blocks of the golden files (tests/golden/) instead of comparing them")


def shared_or_skip() -> Path:
    """The ../shared data, which a user's clone may lack; CI always has it."""
    if SHARED.is_dir():
        return SHARED
    if os.environ.get("CI") == "true":
        pytest.fail("../shared is missing, and CI must run these tests")
    pytest.skip("../shared (public list snapshots) is not present in this clone")


@pytest.fixture(scope="session")
def mini() -> Writ:
    return Writ.load([FIXTURES / "mini.writ", FIXTURES / "mini_cases.writ"])


@pytest.fixture
def load_text(tmp_path):
    """Load a source text written beside a copy of the mini law; returns Writ or raises WritError."""

    def load(text: str, name: str = "bad.writ") -> Writ:
        shutil.copy(FIXTURES / "mini.writ", tmp_path / "mini.writ")
        path = tmp_path / name
        path.write_text(text, encoding="utf-8")
        return Writ.load([path])

    return load


def errors_of(load, text: str):
    with pytest.raises(WritError) as info:
        load(text)
    return [(Path(d.span.file).name, d.span.line, d.span.column, d.code, d.message) for d in info.value.diagnostics if d.is_error]


@pytest.fixture
def reset_golden(request) -> bool:
    """Whether this run rewrites golden files instead of comparing with them."""
    return request.config.getoption("--reset-golden")
