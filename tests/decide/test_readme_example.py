"""Every Python block of the README runs as written, in a fresh interpreter, and prints what it says."""

import io
import subprocess
import sys
import tokenize

import pytest

from conftest import ROOT

README = (ROOT / "README.md").read_text(encoding="utf-8")


def _blocks(text: str) -> list[tuple[str, str]]:
    """(the heading above it, its code) for every ```python block."""
    out, heading, code = [], "", None
    for line in text.splitlines(keepends=True):
        if code is not None:
            if line.startswith("```"):
                out.append((heading, "".join(code)))
                code = None
            else:
                code.append(line)
        elif line.startswith("```python"):
            code = []
        elif line.startswith("#"):
            heading = line.lstrip("#").strip()
    return out


BLOCKS = _blocks(README)

# what each block prints: its first and last lines (the rest are checked by the tests of each feature)
PRINTS = {
    "Python API": (["yes Xinjiang Public Security Bureau meets the Global Magnitsky criteria"], ["{'decided'}", "yes"]),
    "Cases as objects": (["yes", "case xpsb_json as of 2020-07-09", "E205 $.facts[1].predicate"],
                         ["  in the object: $.facts[1].predicate", "  hint: did you mean 'engaged_in'?"]),
}


def test_every_python_block_is_known():
    assert len(BLOCKS) == README.count("```python\n") and {h for h, _ in BLOCKS} == set(PRINTS)


@pytest.mark.parametrize("heading, code", BLOCKS, ids=[h for h, _ in BLOCKS])
def test_a_readme_python_block_runs_as_written(heading, code):
    ops = [t.string for t in tokenize.generate_tokens(io.StringIO(code).readline) if t.type == tokenize.OP]
    assert "..." not in ops, "a placeholder (...) in the README's example"
    out = subprocess.run([sys.executable, "-c", code], cwd=ROOT, capture_output=True, text=True)
    assert out.returncode == 0, out.stderr
    lines = out.stdout.splitlines()
    first, last = PRINTS[heading]
    assert [line[:len(want)] for line, want in zip(lines, first)] == first
    assert lines[-len(last):] == last
