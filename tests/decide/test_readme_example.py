"""The README's Python API example runs as written and prints what it says."""

import re
import subprocess
import sys

from conftest import ROOT


def test_the_readme_python_example_runs():
    readme = (ROOT / "README.md").read_text(encoding="utf-8")
    [code] = re.findall(r"## Python API\n\n```python\n(.*?)```", readme, re.S)
    out = subprocess.run([sys.executable, "-c", code], cwd=ROOT, capture_output=True, text=True)
    assert out.returncode == 0, out.stderr
    lines = out.stdout.splitlines()
    assert lines[0].startswith("yes Xinjiang Public Security Bureau meets the Global Magnitsky criteria")
    assert lines[-2:] == ["{'decided'}", "yes"]
