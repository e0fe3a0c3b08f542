"""A non-editable install ships the grammar and the statutes inside the package."""

import subprocess
import sys
import zipfile
from pathlib import Path

ROOT = Path(__file__).parent.parent


def test_wheel_contains_grammar_and_statutes(tmp_path):
    subprocess.run([sys.executable, "-m", "pip", "wheel", "--no-deps", "-q", "-w", str(tmp_path), str(ROOT)],
                   check=True, capture_output=True)
    [wheel] = tmp_path.glob("writ-*.whl")
    names = set(zipfile.ZipFile(wheel).namelist())
    assert "writ/grammar/writ.lark" in names
    statutes = sorted(p.relative_to(ROOT / "statutes").as_posix() for p in (ROOT / "statutes").rglob("*.writ"))
    assert statutes and all(f"writ/statutes/{s}" in names for s in statutes)
    # the playground of `writ serve`, and the grammar its highlighting is generated from
    assert {"writ/server/static/index.html", "writ/server/static/playground.js", "writ/server/static/highlight.js",
            "writ/server/static/playground.css", "writ/grammar/writ.tmLanguage.json"} <= names
    # the installed package finds its data inside itself
    target = tmp_path / "site"
    zipfile.ZipFile(wheel).extractall(target)
    out = subprocess.run([sys.executable, "-c", "from writ.core.resources import grammar_path, statutes_dir; print(grammar_path()); print(statutes_dir())"],
                         capture_output=True, text=True, cwd=tmp_path, env={"PYTHONPATH": str(target), "PATH": ""})
    assert out.returncode == 0, out.stderr
    assert out.stdout.splitlines() == [str(target / "writ/grammar/writ.lark"), str(target / "writ/statutes")]
