"""The import-layering contract (pyproject.toml, [tool.importlinter]) holds, and covers every package."""

import subprocess
import sys
import tomllib
from pathlib import Path

ROOT = Path(__file__).parent.parent


def test_the_layers_and_the_no_cycle_contracts_are_kept():
    lint = Path(sys.executable).parent / "lint-imports"
    out = subprocess.run([str(lint), "--no-logo", "--no-cache"], cwd=ROOT, capture_output=True, text=True)
    assert out.returncode == 0, out.stdout + out.stderr
    assert "Contracts: 2 kept, 0 broken." in out.stdout


def test_every_package_and_top_module_of_the_engine_has_a_layer():
    config = tomllib.loads((ROOT / "pyproject.toml").read_text(encoding="utf-8"))["tool"]["importlinter"]
    [layers] = [c["layers"] for c in config["contracts"] if c["type"] == "layers"]
    named = {part.strip().strip("()") for layer in layers for part in layer.replace(":", "|").split("|")}
    engine = ROOT / "engine"
    present = {f"writ.{p.name}" for p in engine.iterdir() if (p / "__init__.py").is_file()}
    present |= {f"writ.{p.stem}" for p in engine.glob("*.py") if p.stem != "__init__"}
    assert sorted(present - named) == []
