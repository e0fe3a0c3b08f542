"""Name matching, measured on real lists: recall, one-edit rate, alert rate, throughput, build time.

    .venv/bin/python benchmarks/match_bench.py [--rows 100000] [--workers 2]

Figures printed (each also kept as a bound in tests/match/test_real_data.py):
- every GLOMAG name and alias of the 2024-05-03 SDN snapshot screened as written: exact rate;
- the same names with one random edit (seeded): rate at which the right entry is still at
  least a possible match, per threshold;
- ordinary names of people and companies on no list (seeded synthetic corpus, names equal to a
  listed name removed): alert rate against SDN and against SDN + CSL, per threshold;
- build time of the index over SDN + CSL, rows/s screening synthetic names (wall and CPU),
  peak memory (ru_maxrss).
The wall-clock figures depend on what else runs on the machine; CPU seconds less so.
"""

from __future__ import annotations

import argparse
import random
import resource
import sys
import time
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parent))
import match_data as D

from writ.match.index import NameIndex
from writ.match.screen import THRESHOLD, screen_names

THRESHOLDS = (80, 85, 88, 90, 91, 92)


def one_edit_rate(index, names, seed, threshold):
    rng = random.Random(seed)
    edited = [(e, D.one_edit(n, rng)) for e, n in names]
    found = screen_names(index, [n for _, n in edited], threshold=threshold, workers=1)
    return sum(any(m.entry is e for m in r.matches) for (e, _), r in zip(edited, found)) / len(edited)


def alert_rate(index, names, threshold, workers=1):
    found = screen_names(index, names, threshold=threshold, workers=workers)
    alerts = [r for r in found if not r.clear]
    return len(alerts) / len(names), alerts


def main() -> None:
    ap = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    ap.add_argument("--rows", type=int, default=100_000)
    ap.add_argument("--workers", type=int, default=2)
    ap.add_argument("--examples", type=int, default=0, help="print this many alerts per list")
    args = ap.parse_args()
    data = D.find_data(Path.cwd())
    if data is None:
        sys.exit("../shared/data is not here")
    sdn, csl = D.sdn_2024(data), D.csl(data)
    def build(entries):
        wall, cpu = time.perf_counter(), time.process_time()
        index = NameIndex(entries)
        return index, f"built in {time.perf_counter() - wall:.2f} s ({time.process_time() - cpu:.2f} s CPU)"

    sdn_index, took = build(sdn)
    print(f"index SDN 2024-05-03: {len(sdn)} entries, {len(sdn_index)} names, {took}")
    full, took = build(sdn + csl)
    print(f"index SDN + CSL: {len(sdn) + len(csl)} entries, {len(full)} names, {len(full.postings)} words, {took}")

    glomag = D.glomag_names(sdn)
    found = screen_names(sdn_index, [n for _, n in glomag], workers=1)
    exact = sum(any(m.entry is e and m.kind == "exact" for m in r.exact) for (e, _), r in zip(glomag, found))
    print(f"GLOMAG names and aliases screened as listed: {exact}/{len(glomag)} exact ({exact / len(glomag):.1%})")

    print("one edit (3 seeds x every GLOMAG name and alias), right entry at least possible:")
    for th in THRESHOLDS:
        rates = [one_edit_rate(sdn_index, glomag, seed, th) for seed in (1, 2, 3)]
        print(f"  threshold {th}: {sum(rates) / len(rates):.2%}  (seeds {', '.join(f'{r:.2%}' for r in rates)})")

    ordinary = D.unlisted(full, D.ordinary_names(10_000))
    print(f"ordinary names on no list: {len(ordinary)} of 10000 generated (the rest equal a listed name)")
    for label, index in (("SDN", sdn_index), ("SDN + CSL", full)):
        for th in THRESHOLDS:
            rate, alerts = alert_rate(index, ordinary, th)
            print(f"  {label}, threshold {th}: alert rate {rate:.2%}")
            if th == THRESHOLD and args.examples:
                for r in alerts[: args.examples]:
                    m = r.matches[0]
                    print(f"      {r.query.name!r} -> {m.name!r} {m.score}")

    rows = D.ordinary_names(args.rows, seed=99)
    for workers in sorted({1, args.workers}):
        wall, cpu = time.perf_counter(), time.process_time()
        found = screen_names(full, rows, workers=workers)
        wall, cpu = time.perf_counter() - wall, time.process_time() - cpu
        alerts = sum(not r.clear for r in found)
        unique = len(set(rows))
        print(f"throughput, {len(rows)} rows ({unique} distinct) against SDN + CSL, workers={workers}: "
              f"{len(rows) / wall:,.0f} rows/s wall ({wall:.1f} s; this process's CPU {cpu:.1f} s), {alerts} alerts")
    peak = resource.getrusage(resource.RUSAGE_SELF).ru_maxrss / 1024
    print(f"peak memory (this process): {peak:.0f} MiB; default threshold {THRESHOLD}")


if __name__ == "__main__":
    main()
