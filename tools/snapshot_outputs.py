"""Write every bundled case's terminal, JSON and memo output into a folder.

A behaviour-preserving change is checked by running this before and after it and
comparing the two folders byte for byte:

    python tools/snapshot_outputs.py /tmp/before
    ... change ...
    python tools/snapshot_outputs.py /tmp/after && diff -r /tmp/before /tmp/after

Each case file is decided in its own process, as `writ check FILE` would.
"""

from __future__ import annotations

import os
import subprocess
import sys
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent


def main(out: Path) -> int:
    out.mkdir(parents=True, exist_ok=True)
    writ = Path(sys.executable).parent / "writ"
    env = {**os.environ, "COLUMNS": "100", "PYTHONHASHSEED": "0", "NO_COLOR": "1"}
    files = sorted((ROOT / "cases").rglob("*.writ"))
    for f in files:
        rel = f.relative_to(ROOT).as_posix().replace("/", "__")
        for flag, ext in (([], "txt"), (["--json"], "json"), (["--memo"], "md")):
            run = subprocess.run([str(writ), "check", str(f.relative_to(ROOT)), *flag], cwd=ROOT, env=env,
                                 capture_output=True, text=True)
            (out / f"{rel}.{ext}").write_text(run.stdout + f"\n--- stderr ---\n{run.stderr}\n--- exit {run.returncode}\n")
    print(f"{len(files)} case files, {3 * len(files)} outputs in {out}")
    return 0


if __name__ == "__main__":
    sys.exit(main(Path(sys.argv[1])))
