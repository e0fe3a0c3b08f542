import pytest

from writ.api import Writ


@pytest.fixture(scope="session")
def law() -> Writ:
    """Every bundled statute, checked and compiled once for the session."""
    return Writ.load()
