"""Golden diagnostics: one file per code in tests/golden/diagnostics/, the input and, in a
fenced block at its end, exactly what `writ check mini.writ <CODE>.writ` prints on stderr
beside a copy of tests/golden/diagnostics/law/mini.writ (the
test law, every provision quoting its text).

`pytest --reset-golden tests/check` rewrites the blocks; `git diff` is the review.
"""

from pathlib import Path

import pytest
from typer.testing import CliRunner

from diagnosed import ROOT

from writ.cli.app import app
from writ.core.codes import CODES

GOLDEN = ROOT / "tests" / "golden" / "diagnostics"
FENCE, END = "```expected\n", "```\n"
FILES = sorted(GOLDEN.glob("*.writ"))


def split(text: str) -> tuple[str, str | None]:
    """The input of a golden file, and its expected block (None if it has none yet)."""
    head, sep, block = text.rpartition("\n" + FENCE)
    if not sep:
        return text.rstrip("\n") + "\n", None
    assert block.endswith(END), "the expected block must end with a fence line"
    return head.rstrip("\n") + "\n", block[: -len(END)]


def run(code: str, source: str, tmp_path: Path, monkeypatch) -> str:
    (tmp_path / "mini.writ").write_text((GOLDEN / "law" / "mini.writ").read_text(encoding="utf-8"), encoding="utf-8")
    (tmp_path / f"{code}.writ").write_text(source, encoding="utf-8")
    monkeypatch.chdir(tmp_path)  # diagnostics name files relative to the working directory
    return CliRunner().invoke(app, ["check", "mini.writ", f"{code}.writ"]).stderr


@pytest.mark.parametrize("path", FILES, ids=[p.stem for p in FILES])
def test_golden_diagnostic(path: Path, tmp_path, monkeypatch, request):
    code = path.stem
    source, expected = split(path.read_text(encoding="utf-8"))
    got = run(code, source, tmp_path, monkeypatch)
    if request.config.getoption("--reset-golden"):
        path.write_text(source + "\n" + FENCE + got + END, encoding="utf-8")
        return
    assert expected is not None, f"{path.name} has no expected block: run pytest --reset-golden {Path(__file__).relative_to(ROOT)}"
    assert got == expected
    assert f"[{code}]" in got, f"{path.name} must trigger {code}"


def test_every_code_from_source_text_has_a_golden_file():
    from_source = {c.code for c in CODES.values() if c.reached is None}
    assert {p.stem for p in FILES} == from_source
