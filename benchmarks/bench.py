"""Writ benchmark: prints figures, each beside a naive baseline measured in the same run
(it is not a test). The last line is one JSON object with every headline figure (none null).

On the bundled law (every statute), the bundled lists and the bundled cases:
  - warm decision: one case's consequences with the law loaded and the case prepared with
    its listings (`Solver.solve([case])`), median over every bundled case, against the
    naive baseline: a fresh clingo Control built from the whole law's text, grounded and
    solved, for the same case;
  - the same through the API (`Writ.decide(case, explain=False)`: answers and grounds);
  - batch: 10,000 decisions (`Writ.decide_iter`, streamed; the bundled cases repeated) against the
    naive per-case rate; peak RSS of this process after it; and 2,000 distinct cases: the bundled
    case files again, every entity and person renamed (ordinary names, benchmarks/match_data.py), so
    no party's screening against the lists is a repeat;
  - screening: 100,000 synthetic names of people and companies (benchmarks/match_data.py)
    against every entry of the bundled SDN and CSL snapshots (`screen_names`, both cores),
    against a naive full scan (rapidfuzz over every listed name, one query at a time, on a sample);
  - ownership: benchmarks/ownership_bench.py (1,000,000 edges, native fixpoint against a
    plain-Python worklist), run as its own process;
  - cold start: `writ check` on one case file, a fresh process, median of runs (wall-clock,
    and the child's CPU time).
Timings are wall-clock unless marked CPU; on a shared machine the CPU figures are the steadier.
`--quick` scales every size down (a smoke run); the default sizes are the issue's.
"""

from __future__ import annotations

import argparse
import json
import os
import re
import resource
import statistics
import subprocess
import sys
import time
from pathlib import Path

import clingo

sys.path.insert(0, str(Path(__file__).resolve().parent))
import match_data as D

from writ.api import Writ
from writ.solve.batch import _enumerate
from writ.solve.inputs import Context

ROOT = Path(__file__).resolve().parent.parent
ONE_CASE = ROOT / "cases" / "glomag" / "act_termination.writ"


def ms(seconds: float) -> str:
    return f"{seconds * 1000:9.3f} ms"


def timed(fn, *args, cpu: list | None = None) -> float:
    """Wall-clock seconds of one call (its CPU seconds appended to `cpu`, if given)."""
    c, t = time.process_time(), time.perf_counter()
    fn(*args)
    wall = time.perf_counter() - t
    if cpu is not None:
        cpu.append(time.process_time() - c)
    return wall


def naive(writ: Writ, inp) -> None:
    """The baseline: a fresh Control from the whole law's text, grounded and solved for one case."""
    ctl = clingo.Control(["--warn=none"])
    ctl.add("base", [], writ.compiled.text)
    ctl.ground([("base", [])], context=Context(writ.compiled, [inp]))
    _enumerate(ctl, "brave" if inp.unknown_facts else "auto")
    if inp.unknown_facts:
        _enumerate(ctl, "cautious")


_PARTY = re.compile(r'^(\s*(?:entity|person) [a-z_0-9]+ )"[^"]*"', re.M)


def distinct_cases(writ: Writ, n: int) -> list:
    """n cases of the real law, none a repeat: the bundled case files again and again, each
    entity and person given a name of its own (checked here, outside the timing)."""
    files = sorted((ROOT / "cases").rglob("*.writ"))
    texts = [(f, f.read_text(encoding="utf-8")) for f in files]
    names = iter(D.ordinary_names(4 * n + 1_000, seed=7))
    out: list = []
    while len(out) < n:
        for f, text in texts:
            renamed = _PARTY.sub(lambda m: f'{m.group(1)}"{next(names).replace(chr(34), "")}"', text)
            out += writ.cases_from_text(renamed, str(f), f.parent)
            if len(out) >= n:
                break
    return out[:n]


def cold_start(runs: int) -> tuple[list[float], list[float]]:
    """Wall-clock and CPU seconds of `writ check ONE_CASE` in fresh processes (the first run fills the law cache)."""
    writ = Path(sys.executable).parent / "writ"
    subprocess.run([str(writ), "check", str(ONE_CASE)], capture_output=True, check=False)
    wall, cpu = [], []
    for _ in range(runs):
        before = resource.getrusage(resource.RUSAGE_CHILDREN)
        t = time.perf_counter()
        subprocess.run([str(writ), "check", str(ONE_CASE)], stdout=subprocess.DEVNULL, stderr=subprocess.DEVNULL,
                       env={**os.environ, "NO_COLOR": "1"}, check=False)
        wall.append(time.perf_counter() - t)
        after = resource.getrusage(resource.RUSAGE_CHILDREN)
        cpu.append(after.ru_utime - before.ru_utime + after.ru_stime - before.ru_stime)
    return wall, cpu


def naive_screen(keys: list[str], names: list[str]) -> None:
    """The baseline: every query scored against every listed name (rapidfuzz, one query at a time)."""
    from rapidfuzz import process
    from rapidfuzz.distance import JaroWinkler

    from writ.match.normalise import normalise

    for n in names:
        process.extractOne(normalise(n).key, keys, scorer=JaroWinkler.normalized_similarity)


def screening(writ: Writ, rows: int, workers: int) -> tuple[float, float, float]:
    """Rows/s of `screen_names` over the bundled SDN + CSL index (wall, CPU of this process) and of the naive scan."""
    from writ.match.screen import screen_names

    index = writ.engine.listings().index  # every latest entry of every bundled list (SDN and the CSL's lists)
    names = D.ordinary_names(rows, seed=99)
    wall, cpu = time.perf_counter(), time.process_time()
    found = screen_names(index, names, workers=workers)
    wall, cpu = time.perf_counter() - wall, time.process_time() - cpu
    assert len(found) == rows
    sample = names[:max(20, rows // 1000)]
    t = time.perf_counter()
    naive_screen(index.keys, sample)
    naive_rate = len(sample) / (time.perf_counter() - t)
    print(f"  screening {rows:,} synthetic names against {len(index.entries):,} entries ({len(index):,} names), "
          f"workers={workers}: {rows / wall:,.0f} rows/s (CPU of this process {cpu:.1f} s);"
          f" naive full scan {naive_rate:,.0f} rows/s ({rows / wall / naive_rate:.0f}x)")
    return rows / wall, cpu, naive_rate


def ownership(edges: int) -> dict:
    """benchmarks/ownership_bench.py in its own process: its last line is its JSON."""
    script = Path(__file__).resolve().parent / "ownership_bench.py"
    run = subprocess.run([sys.executable, str(script), "--edges", str(edges)], capture_output=True, text=True, check=True)
    lines = run.stdout.strip().splitlines()
    for line in lines[:-1]:
        print("  ownership: " + line)
    return json.loads(lines[-1])


def main() -> None:
    parser = argparse.ArgumentParser()
    parser.add_argument("-n", type=int, default=10_000, help="cases in the batch")
    parser.add_argument("--distinct", type=int, default=2_000, help="distinct cases in the second batch")
    parser.add_argument("--repeat", type=int, default=5, help="runs of each bundled case for the latency medians")
    parser.add_argument("--cold-runs", type=int, default=5)
    parser.add_argument("--screen-rows", type=int, default=100_000, help="synthetic names screened")
    parser.add_argument("--edges", type=int, default=1_000_000, help="ownership edges")
    parser.add_argument("--workers", type=int, default=2, help="processes for screening")
    parser.add_argument("--quick", action="store_true", help="every size scaled down: a smoke run of every figure")
    args = parser.parse_args()
    if args.quick:
        args.n, args.repeat, args.cold_runs = min(args.n, 1000), min(args.repeat, 2), min(args.cold_runs, 3)
        args.distinct = min(args.distinct, 300)
        args.screen_rows, args.edges = min(args.screen_rows, 10_000), min(args.edges, 100_000)

    t0 = time.perf_counter()
    writ = Writ.load([ROOT / "statutes", ROOT / "cases"])
    t_load = time.perf_counter() - t0
    cases = writ.cases
    t = time.process_time()
    inputs = [writ.engine.prepare(c) for c in cases]  # with their listings, as a decision prepares them
    t_prepare = time.process_time() - t
    print(f"Writ benchmark: bundled law ({len(writ.law.provisions)} provisions, {len(writ.law.rules)} rules, "
          f"{len(writ.law.facts)} facts of law), {len(cases)} bundled cases, clingo {clingo.__version__}, "
          f"{os.cpu_count()} cores, load average {os.getloadavg()[0]:.1f}")
    print(f"  load law and cases (parse, check, compile)        {ms(t_load)}")
    print(f"  prepare every bundled case (lists indexed on first use) {t_prepare:.3f} s CPU")

    for inp in inputs:  # first use of each part of the law: parsed by clingo once, then reused
        writ.solver.solve([inp])
    warm, base, api, warm_cpu, base_cpu = [], [], [], [], []
    for _ in range(args.repeat):
        for inp, case in zip(inputs, cases):
            warm.append(timed(writ.solver.solve, [inp], cpu=warm_cpu))
            base.append(timed(naive, writ, inp, cpu=base_cpu))
            api.append(timed(writ.decide, case, False))
    warm_ms, naive_ms = statistics.median(warm) * 1000, statistics.median(base) * 1000
    print(f"  warm decision, consequences (median of {len(warm)})     {ms(warm_ms / 1000)}"
          f"  (mean {statistics.mean(warm) * 1000:.3f} ms; CPU median {statistics.median(warm_cpu) * 1000:.3f} ms)")
    print(f"  naive: fresh Control from the law's text (median)  {ms(naive_ms / 1000)}   ({naive_ms / warm_ms:.1f}x slower;"
          f" CPU median {statistics.median(base_cpu) * 1000:.3f} ms)")
    print(f"  warm decision through the API, no explanation    {ms(statistics.median(api))}")

    batch_cases = [cases[k % len(cases)] for k in range(args.n)]
    t, c = time.perf_counter(), time.process_time()
    # streamed, as a screening job writes each decision out: memory holds one chunk (decide.engine.SOLVE_CHUNK)
    decided = sum(1 for _ in writ.decide_iter(batch_cases, explain=False))
    t_batch, c_batch = time.perf_counter() - t, time.process_time() - c
    assert decided == args.n
    rate = args.n / t_batch
    naive_rate = 1 / statistics.mean(base)
    print(f"  batch of {args.n:,} decisions (decide_many)         {t_batch:9.3f} s   ({rate:,.0f} decisions/s;"
          f" naive {naive_rate:,.0f}/s, {rate / naive_rate:.1f}x; CPU {c_batch:.1f} s, {args.n / c_batch:,.0f}/s of CPU)")
    peak = resource.getrusage(resource.RUSAGE_SELF).ru_maxrss / 1024
    print(f"  peak RSS after the batch                          {peak:9.1f} MB")
    fresh = distinct_cases(writ, args.distinct)
    t, c = time.perf_counter(), time.process_time()
    assert sum(1 for _ in writ.decide_iter(fresh, explain=False)) == len(fresh)
    t_fresh, c_fresh = time.perf_counter() - t, time.process_time() - c
    print(f"  batch of {len(fresh):,} distinct cases (parties renamed)   {t_fresh:9.3f} s   ({len(fresh) / t_fresh:,.0f} decisions/s;"
          f" CPU {c_fresh:.1f} s, {len(fresh) / c_fresh:,.0f}/s of CPU)")

    screen_rate, _, naive_screen_rate = screening(writ, args.screen_rows, args.workers)
    own = ownership(args.edges)
    print(f"  ownership, {own['edges']:,} edges: native fixpoint {own['ownership_1m_s']:.3f} s, worklist "
          f"{own['ownership_1m_baseline_s']:.3f} s ({own['ownership_1m_s'] / own['ownership_1m_baseline_s']:.2f}x)")

    cold, cold_cpu = cold_start(args.cold_runs)
    print(f"  cold start: writ check {ONE_CASE.relative_to(ROOT)} (median of {len(cold)})  {statistics.median(cold):.3f} s"
          f"  (min {min(cold):.3f} s; CPU median {statistics.median(cold_cpu):.3f} s)")
    print(json.dumps({
        "warm_decision_ms_median": round(warm_ms, 3),
        "naive_decision_ms_median": round(naive_ms, 3),
        "warm_decision_cpu_ms_median": round(statistics.median(warm_cpu) * 1000, 3),
        "naive_decision_cpu_ms_median": round(statistics.median(base_cpu) * 1000, 3),
        "api_decision_ms_median": round(statistics.median(api) * 1000, 3),
        "batch_decisions_per_s": round(rate, 1),
        "batch_decisions_per_cpu_s": round(args.n / c_batch, 1),
        "naive_batch_decisions_per_s": round(naive_rate, 1),
        "batch_cases": args.n,
        "batch_distinct_decisions_per_s": round(len(fresh) / t_fresh, 1),
        "batch_distinct_decisions_per_cpu_s": round(len(fresh) / c_fresh, 1),
        "screen_rows_per_s": round(screen_rate, 1),
        "naive_screen_rows_per_s": round(naive_screen_rate, 1),
        "screen_rows": args.screen_rows,
        "ownership_1m_s": own["ownership_1m_s"],
        "ownership_1m_baseline_s": own["ownership_1m_baseline_s"],
        "ownership_edges": own["edges"],
        "cold_start_s": round(statistics.median(cold), 3),
        "cold_start_cpu_s": round(statistics.median(cold_cpu), 3),
        "peak_rss_mb": round(peak, 1),
        "load_average": round(os.getloadavg()[0], 2),
    }))


if __name__ == "__main__":
    main()
