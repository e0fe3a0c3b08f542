"""Helpers of the checker's tests. (Not `from conftest import ...`: with a conftest.py in
several test folders, which one that name finds depends on the collection order.)"""

from pathlib import Path

import pytest

from writ.core.diagnostics import WritError

ROOT = Path(__file__).resolve().parents[2]
FIXTURES = ROOT / "tests" / "fixtures"


def errors_of(load, text: str):
    """The errors loading `text` raises, as (file name, line, column, code, message)."""
    with pytest.raises(WritError) as info:
        load(text)
    return [(Path(d.span.file).name, d.span.line, d.span.column, d.code, d.message) for d in info.value.diagnostics if d.is_error]
