"""Language-server benchmark (not a test): CPU time (time.process_time, so the figures hold
on a loaded machine) of what `writ lsp` does per keystroke. The last line is one JSON object.

  - load: the bundled statutes parsed and checked once, when the server starts;
  - case: one bundled case file checked (parse with recovery, then the law with it), median;
  - broken case: the same file with a syntax error and a misspelt predicate, median;
  - statute: the largest bundled statute checked in the place of its own text, median.
"""

from __future__ import annotations

import json
import statistics
import time
from pathlib import Path

from writ.core.resources import statutes_dir
from writ.lsp.analysis import analyse, bundled

ROOT = Path(__file__).resolve().parent.parent


def cpu(fn, runs: int = 20) -> float:
    times = []
    for _ in range(runs):
        t = time.process_time()
        fn()
        times.append(time.process_time() - t)
    return statistics.median(times)


def main() -> None:
    t = time.process_time()
    bundled()
    load = time.process_time() - t
    case = ROOT / "cases" / "glomag" / "act_termination.writ"
    text = case.read_text(encoding="utf-8")
    broken = text.replace("termination_reported(official_y).", "termination_reported(official_y.\n  terminaton_reported(x).", 1)
    statute = max(statutes_dir().rglob("*.writ"), key=lambda p: p.stat().st_size)
    statute_text = statute.read_text(encoding="utf-8")
    figures = {
        "load_s": round(load, 3),
        "case_s": round(cpu(lambda: analyse(text, case, "file:///case")), 4),
        "broken_case_s": round(cpu(lambda: analyse(broken, case, "file:///case")), 4),
        "statute_s": round(cpu(lambda: analyse(statute_text, statute, "file:///statute"), 5), 4),
        "statute": statute.name, "statute_bytes": len(statute_text.encode()),
    }
    for k, v in figures.items():
        print(f"{k:>16}: {v}")
    print(json.dumps(figures))


if __name__ == "__main__":
    main()
