"""Writ benchmark: prints figures, each beside a naive baseline measured in the same run
(it is not a test). The last line is one JSON object with the headline figures.

On the bundled law (every statute) and the bundled cases:
  - warm decision: one case's consequences with the law loaded (`Solver.solve([case])`),
    median over every bundled case, against the naive baseline: a fresh clingo Control
    built from the whole law's text, grounded and solved, for the same case;
  - the same through the API (`Writ.decide(case, explain=False)`: answers and grounds);
  - batch: 10,000 decisions (`Writ.decide_many`, the bundled cases repeated) against the
    naive per-case rate;
  - cold start: `writ check` on one case file, a fresh process, median of runs;
  - peak RSS of this process after the 10,000-case batch.
"""

from __future__ import annotations

import argparse
import json
import os
import resource
import statistics
import subprocess
import sys
import time
from pathlib import Path

import clingo

from writ.api import Writ
from writ.solve.batch import _enumerate
from writ.solve.inputs import Context, prepare

ROOT = Path(__file__).resolve().parent.parent
ONE_CASE = ROOT / "cases" / "glomag" / "act_termination.writ"


def ms(seconds: float) -> str:
    return f"{seconds * 1000:9.3f} ms"


def timed(fn, *args) -> float:
    t = time.perf_counter()
    fn(*args)
    return time.perf_counter() - t


def naive(writ: Writ, inp) -> None:
    """The baseline: a fresh Control from the whole law's text, grounded and solved for one case."""
    ctl = clingo.Control(["--warn=none"])
    ctl.add("base", [], writ.compiled.text)
    ctl.ground([("base", [])], context=Context(writ.compiled, [inp]))
    _enumerate(ctl, "brave" if inp.unknown_facts else "auto")
    if inp.unknown_facts:
        _enumerate(ctl, "cautious")


def cold_start(runs: int) -> list[float]:
    writ = Path(sys.executable).parent / "writ"
    out = []
    for _ in range(runs):
        t = time.perf_counter()
        subprocess.run([str(writ), "check", str(ONE_CASE)], stdout=subprocess.DEVNULL, stderr=subprocess.DEVNULL,
                       env={**os.environ, "NO_COLOR": "1"}, check=False)
        out.append(time.perf_counter() - t)
    return out


def main() -> None:
    parser = argparse.ArgumentParser()
    parser.add_argument("-n", type=int, default=10_000, help="cases in the batch")
    parser.add_argument("--repeat", type=int, default=5, help="runs of each bundled case for the latency medians")
    parser.add_argument("--cold-runs", type=int, default=5)
    args = parser.parse_args()

    t0 = time.perf_counter()
    writ = Writ.load([ROOT / "statutes", ROOT / "cases"])
    t_load = time.perf_counter() - t0
    cases = writ.cases
    inputs = [prepare(writ.law, c) for c in cases]
    print(f"Writ benchmark: bundled law ({len(writ.law.provisions)} provisions, {len(writ.law.rules)} rules, "
          f"{len(writ.law.facts)} facts of law), {len(cases)} bundled cases, clingo {clingo.__version__}, "
          f"{os.cpu_count()} cores, load average {os.getloadavg()[0]:.1f}")
    print(f"  load law and cases (parse, check, compile)        {ms(t_load)}")

    for inp in inputs:  # first use of each part of the law: parsed by clingo once, then reused
        writ.solver.solve([inp])
    warm, base, api = [], [], []
    for _ in range(args.repeat):
        for inp, case in zip(inputs, cases):
            warm.append(timed(writ.solver.solve, [inp]))
            base.append(timed(naive, writ, inp))
            api.append(timed(writ.decide, case, False))
    warm_ms, naive_ms = statistics.median(warm) * 1000, statistics.median(base) * 1000
    print(f"  warm decision, consequences (median of {len(warm)})     {ms(warm_ms / 1000)}"
          f"  (mean {statistics.mean(warm) * 1000:.3f} ms)")
    print(f"  naive: fresh Control from the law's text (median)  {ms(naive_ms / 1000)}   ({naive_ms / warm_ms:.1f}x slower)")
    print(f"  warm decision through the API, no explanation    {ms(statistics.median(api))}")

    batch_cases = [cases[k % len(cases)] for k in range(args.n)]
    t = time.perf_counter()
    decisions = writ.decide_many(batch_cases, explain=False)
    t_batch = time.perf_counter() - t
    assert len(decisions) == args.n
    rate = args.n / t_batch
    naive_rate = 1 / statistics.mean(base)
    print(f"  batch of {args.n:,} decisions (decide_many)         {t_batch:9.3f} s   ({rate:,.0f} decisions/s;"
          f" naive {naive_rate:,.0f}/s, {rate / naive_rate:.1f}x)")
    peak = resource.getrusage(resource.RUSAGE_SELF).ru_maxrss / 1024

    cold = cold_start(args.cold_runs)
    print(f"  cold start: writ check {ONE_CASE.relative_to(ROOT)} (median of {len(cold)})  {statistics.median(cold):.3f} s"
          f"  (min {min(cold):.3f} s)")
    print(f"  peak RSS after the batch                          {peak:9.1f} MB")
    print(json.dumps({
        "warm_decision_ms_median": round(warm_ms, 3),
        "naive_decision_ms_median": round(naive_ms, 3),
        "api_decision_ms_median": round(statistics.median(api) * 1000, 3),
        "batch_decisions_per_s": round(rate, 1),
        "naive_batch_decisions_per_s": round(naive_rate, 1),
        "cold_start_s": round(statistics.median(cold), 3),
        "peak_rss_mb": round(peak, 1),
        "load_average": round(os.getloadavg()[0], 2),
        # filled by the helpers who build them: screening (lists/match) and the native ownership evaluator
        "screen_rows_per_s": None,
        "ownership_1m_s": None,
        "ownership_1m_baseline_s": None,
    }))


if __name__ == "__main__":
    main()
