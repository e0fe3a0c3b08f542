"""Golden explanations: each tests/golden/explain/*.writ is a case file, followed (in comment lines)
by a fenced block of exactly what `writ check --case NAME FILE` prints for it.

`pytest --reset-golden` rewrites the blocks from the current output; `git diff` is the review.
The file stays a valid case file: the block is a comment, so `writ check` runs it as it is.
"""

import re
from pathlib import Path

import pytest
from typer.testing import CliRunner

from conftest import ROOT
from writ.cli.app import app

GOLDEN = sorted((ROOT / "tests" / "golden" / "explain").glob("*.writ"))
FENCE = "# ```text"


def split(text: str) -> tuple[str, str | None]:
    """(the case source, the expected output or None when the file has no block yet)."""
    if FENCE not in text.splitlines():
        return text, None
    source, block = text.split(FENCE + "\n", 1)
    lines = block.splitlines()
    assert lines and lines[-1] == "# ```", "the expected block must end with a line '# ```'"
    return source, "".join(line[2:] + "\n" if line.startswith("# ") else "\n" for line in lines[:-1])


def fenced(output: str) -> str:
    return FENCE + "\n" + "".join(("# " + line).rstrip() + "\n" for line in output.splitlines()) + "# ```\n"


def run_check(path: Path) -> str:
    case = re.search(r"^case (\w+)", path.read_text(encoding="utf-8"), re.M).group(1)
    result = CliRunner().invoke(app, ["check", "--case", case, str(path.relative_to(ROOT))], env={"COLUMNS": "100", "NO_COLOR": "1"})
    assert result.exit_code == 0, result.output
    return "\n".join(line.rstrip() for line in result.stdout.splitlines()) + "\n"


@pytest.mark.parametrize("path", GOLDEN, ids=[p.stem for p in GOLDEN])
def test_golden_explanation(path, reset_golden, monkeypatch):
    monkeypatch.chdir(ROOT)  # the output names files relative to the repository, as `writ check` run there does
    source, expected = split(path.read_text(encoding="utf-8"))
    actual = run_check(path)
    if reset_golden or expected is None:
        path.write_text(source.rstrip("\n") + "\n\n" + fenced(actual), encoding="utf-8")
        if not reset_golden:
            pytest.fail(f"{path.name} had no expected block; one was written: review it and commit it")
        return
    assert actual == expected


def test_golden_files_cover_the_kinds_of_explanation():
    names = {p.stem for p in GOLDEN}
    assert {"yes_tree", "why_not", "undetermined", "which_question", "exception", "fifty_percent", "dated_law_fact"} <= names
