"""Ownership benchmark: the 50 percent rule over a million edges (prints figures; not a test).

Measures, on a generated graph of realistic shape (many small corporate trees and
joint ventures, cross-holdings that make cycles, some long chains, a few thousand
listed owners, about a tenth of the holdings dated):
  - loading: from a CSV file written to a temporary folder (`load_edges`, every check
    of the loader), from in-memory string columns (`edges_from_columns`, the same
    checks), and from id arrays (`OwnershipGraph.from_arrays`, no checks);
  - the native least fixpoint on one day (`fixpoint`);
  - the naive baseline in the same run: a plain Python dict/list worklist over the
    same edges (its adjacency built first, timed apart), which must find the same
    blocked set (asserted);
  - a 10,000-link chain, native and baseline, and its explanation.

The last line is JSON: {"ownership_1m_s": fixpoint, "ownership_1m_baseline_s":
worklist, "ownership_load_1m_s": CSV load, ...}.
"""

from __future__ import annotations

import argparse
import csv
import datetime as dt
import json
import tempfile
import time
from collections import defaultdict
from pathlib import Path

import numpy as np
import polars as pl

from writ.ownership import OwnershipGraph, edges_from_columns, explain_chain, fixpoint, load_edges
from writ.ownership.graph import OPEN_FROM, OPEN_UNTIL, day_number

DAY = dt.date(2024, 6, 1)
THRESHOLD = 5000


def generate(n_edges: int, n_seeds: int, seed: int = 20240601) -> dict[str, np.ndarray]:
    """Edges as id arrays; at most one edge per pair and at most 100% per owned entity on any day."""
    rng = np.random.default_rng(seed)
    n = int(n_edges / 1.28)
    ids = np.arange(n)
    roots = rng.random(n) < 0.15  # persons and top holding companies own, are not owned
    # each company's main owner sits a little above it: trees and short chains of subsidiaries
    parent = np.maximum(ids - rng.integers(1, 40, n), 0)
    main = rng.choice([10000, 10000, 6000, 5100, 5000, 4000, 3000, 2500], n)
    owned = [ids[~roots & (ids > 0)]]
    owner = [parent[owned[0]]]
    share = [main[owned[0]]]
    room = np.full(n, 10000)
    room[owned[0]] -= share[0]
    # joint ventures: a second and a third owner anywhere in the graph share what is left
    for frac in (0.55, 0.2):
        t = ids[~roots & (rng.random(n) < frac) & (room > 0)]
        o = rng.integers(0, n, len(t))
        s = np.minimum(rng.choice([100, 1000, 2000, 2500, 4000, 5000], len(t)), room[t])
        ok = (o != parent[t]) & (o != t)
        owned.append(t[ok]), owner.append(o[ok]), share.append(s[ok])
        room[t[ok]] -= s[ok]
    # cross-holdings: a subsidiary holds some of its parent back (cycles)
    t = ids[(rng.random(n) < 0.03) & (ids > 0)]
    t = t[~roots[t]]
    t = t[np.unique(parent[t], return_index=True)[1]]  # one holding back per parent: room is per parent
    back_owner, back_owned = t, parent[t]
    s = np.minimum(rng.choice([500, 1000, 2000], len(t)), room[back_owned])
    ok = (s > 0) & (back_owner != back_owned)
    owner.append(back_owner[ok]), owned.append(back_owned[ok]), share.append(s[ok])
    owner, owned, share = (np.concatenate(a) for a in (owner, owned, share))
    # one edge per pair: the first stated wins (a second or third owner may repeat a pair)
    _, first = np.unique(owner.astype(np.int64) * n + owned, return_index=True)
    first.sort()
    # a file is in no particular order; keep as many as leave room for the chains
    keep = rng.permutation(first)[:n_edges - 20 * 499]
    owner, owned, share = owner[keep], owned[keep], share[keep]
    # long chains of wholly owned companies
    chains = []
    start = n
    for _ in range(20):
        chain = np.arange(start, start + 500)
        chains.append((chain[:-1], chain[1:]))
        start += 500
    owner = np.concatenate([owner] + [c[0] for c in chains])
    owned = np.concatenate([owned] + [c[1] for c in chains])
    share = np.concatenate([share, np.full(20 * 499, 10000)])
    total = start
    m = len(owner)
    # a tenth of the holdings start on a date, a twentieth end on one (never both: no overlaps)
    base = day_number(dt.date(2015, 1, 1))
    r = rng.random(m)
    vf = np.where(r < 0.1, base + rng.integers(0, 3650, m), OPEN_FROM).astype(np.int32)
    vu = np.where(r > 0.95, base + rng.integers(0, 3650, m), OPEN_UNTIL).astype(np.int32)
    seeds = rng.choice(total, n_seeds, replace=False)
    seeds = np.concatenate([seeds, np.arange(n, start, 500)])  # each chain's head is listed
    return {"n_nodes": total, "owner": owner, "owned": owned, "share": share, "from": vf, "until": vu, "seeds": seeds}


def names_of(n: int) -> list[str]:
    return [f"co{i:07d}" for i in range(n)]


def write_csv(data: dict, names: list[str], path: Path) -> None:
    def text_date(a):
        s = pl.Series(a).cast(pl.Int32)
        return pl.when((s == OPEN_FROM) | (s == OPEN_UNTIL)).then(None).otherwise(s.cast(pl.Date)).cast(pl.String)

    sh = pl.Series(data["share"])
    whole, frac = (sh // 100).cast(pl.String), (sh % 100)
    percent = pl.when(frac == 0).then(whole + "%").otherwise(whole + "." + frac.cast(pl.String).str.zfill(2) + "%")
    nm = pl.Series(names)
    pl.DataFrame({"owner": nm.gather(data["owner"]), "owned": nm.gather(data["owned"])}).with_columns(
        percent=percent, **{"from": text_date(data["from"]), "until": text_date(data["until"])}).write_csv(path)


def baseline(owner: list, owned: list, share: list, vf: list, vu: list, seeds: list, d: int) -> tuple[set, float, float]:
    """A plain Python worklist, the naive way: adjacency as a dict of lists."""
    t0 = time.perf_counter()
    adj: dict[int, list] = defaultdict(list)
    for o, t, s, f, u in zip(owner, owned, share, vf, vu):
        adj[o].append((t, s, f, u))
    t1 = time.perf_counter()
    sums: dict[int, int] = defaultdict(int)
    blocked = set(seeds)
    work = list(blocked)
    while work:
        o = work.pop()
        for t, s, f, u in adj.get(o, ()):
            if f <= d <= u:
                v = sums[t] + s
                sums[t] = v
                if v >= THRESHOLD and t not in blocked:
                    blocked.add(t)
                    work.append(t)
    t2 = time.perf_counter()
    return blocked, t1 - t0, t2 - t1


def baseline_from_csv(path: Path, seeds: list[str], d: int) -> tuple[set, float]:
    """The naive way end to end: the csv module, a dict of names, then the same worklist."""
    t0 = time.perf_counter()
    ids: dict[str, int] = {}
    owner, owned, share, vf, vu = [], [], [], [], []
    with open(path, newline="") as f:
        rows = csv.reader(f)
        next(rows)
        for o, t, pct, a, b in rows:
            owner.append(ids.setdefault(o, len(ids)))
            owned.append(ids.setdefault(t, len(ids)))
            whole, _, frac = pct.rstrip("%").partition(".")
            share.append(int(whole) * 100 + int((frac + "00")[:2]))
            vf.append(day_number(dt.date.fromisoformat(a)) if a else OPEN_FROM)
            vu.append(day_number(dt.date.fromisoformat(b)) if b else OPEN_UNTIL)
    blocked, _, _ = baseline(owner, owned, share, vf, vu, [ids[s] for s in seeds if s in ids], d)
    names = list(ids)
    return {names[i] for i in blocked} | {s for s in seeds if s not in ids}, time.perf_counter() - t0


def timed(fn, repeat: int = 1):
    best, out = float("inf"), None
    for _ in range(repeat):
        t = time.perf_counter()
        out = fn()
        best = min(best, time.perf_counter() - t)
    return out, best


def main() -> None:
    ap = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    ap.add_argument("--edges", type=int, default=1_000_000)
    ap.add_argument("--seeds", type=int, default=3000)
    ap.add_argument("--chain", type=int, default=10_000)
    args = ap.parse_args()

    data = generate(args.edges, args.seeds)
    names = names_of(data["n_nodes"])
    m = len(data["owner"])
    print(f"graph: {m:,} edges, {data['n_nodes']:,} nodes, {len(data['seeds']):,} listed seeds, day {DAY}")

    with tempfile.TemporaryDirectory() as tmp:
        csv_path = Path(tmp) / "edges.csv"
        write_csv(data, names, csv_path)
        print(f"csv: {csv_path.stat().st_size / 1e6:.1f} MB")
        graph, load_csv = timed(lambda: load_edges(csv_path))
        seed_names = [names[i] for i in data["seeds"]]
        naive, naive_total = baseline_from_csv(csv_path, seed_names, day_number(DAY))
    print(f"load from CSV (checked):              {load_csv:7.3f} s")
    cols = ([names[i] for i in data["owner"]], [names[i] for i in data["owned"]],
            [f"{s // 100}.{s % 100:02d}" for s in data["share"].tolist()],
            [None if x == OPEN_FROM else dt.date.fromordinal(719163 + x).isoformat() for x in data["from"].tolist()],
            [None if x == OPEN_UNTIL else dt.date.fromordinal(719163 + x).isoformat() for x in data["until"].tolist()])
    _, load_cols = timed(lambda: edges_from_columns(*cols))
    print(f"load from in-memory columns (checked): {load_cols:7.3f} s")
    raw, load_arrays = timed(lambda: OwnershipGraph.from_arrays(names, data["owner"], data["owned"], data["share"],
                                                                data["from"], data["until"]), repeat=3)
    print(f"build from id arrays (unchecked):     {load_arrays:7.3f} s")

    fp, native_s = timed(lambda: fixpoint(graph, DAY, seed_names), repeat=3)
    fp_ids, native_ids_s = timed(lambda: fixpoint(raw, DAY, data["seeds"]), repeat=3)
    native = fp.blocked_names() | set(fp.unknown_seeds)  # listed parties that own nothing are blocked too
    print(f"native fixpoint (seeds by name):      {native_s:7.3f} s  ({len(native):,} blocked, "
          f"{int(fp.level.max())} levels)")
    print(f"native fixpoint (seeds by id):        {native_ids_s:7.3f} s")

    lists = [a.tolist() for a in (data["owner"], data["owned"], data["share"], data["from"], data["until"])]
    (base, build_s, work_s), _ = timed(lambda: baseline(*lists, data["seeds"].tolist(), day_number(DAY)))
    by_ids = {names[i] for i in np.flatnonzero(fp_ids.blocked)}
    assert {names[i] for i in base} == native == by_ids, "the native fixpoint and the worklist disagree"
    print(f"baseline worklist:                    {work_s:7.3f} s  (its adjacency built in {build_s:.3f} s)")
    print(f"ratio native / worklist:              {native_s / work_s:7.2f}x")
    total = load_csv + native_s
    assert naive == native, "the naive end-to-end run disagrees"
    print(f"total, CSV to answer:                 {total:7.3f} s  (naive: csv module + dicts + worklist {naive_total:.3f} s)")

    # many seeds: a large queue, taken whole by numpy
    many = np.flatnonzero(np.isin(np.arange(data["n_nodes"]), data["owner"]))[::4]
    fp_many, many_s = timed(lambda: fixpoint(raw, DAY, many), repeat=3)
    (base_many, _, many_work_s), _ = timed(lambda: baseline(*lists, many.tolist(), day_number(DAY)))
    assert set(base_many) == set(np.flatnonzero(fp_many.blocked).tolist())
    print(f"{len(many):,} seeds: native {many_s:.3f} s, worklist {many_work_s:.3f} s "
          f"({int(fp_many.blocked.sum()):,} blocked)")

    # a chain: every round has one node, the worst case for vectorising
    k = args.chain
    cn = [f"c{i}" for i in range(k + 1)]
    chain = OwnershipGraph.from_arrays(cn, np.arange(k), np.arange(1, k + 1), np.full(k, 10000))
    cfp, chain_s = timed(lambda: fixpoint(chain, DAY, np.array([0])), repeat=3)
    (cbase, _, cwork_s), _ = timed(lambda: baseline(list(range(k)), list(range(1, k + 1)), [10000] * k,
                                                    [OPEN_FROM] * k, [OPEN_UNTIL] * k, [0], day_number(DAY)), repeat=3)
    assert len(cbase) == int(cfp.blocked.sum()) == k + 1
    explained, explain_s = timed(lambda: explain_chain(cfp, f"c{k}"))
    print(f"{k:,}-link chain: native {chain_s:.4f} s, worklist {cwork_s:.4f} s, explanation {explain_s:.3f} s "
          f"({len(explained.text):,} characters)")

    print(json.dumps({"ownership_1m_s": round(native_s, 4), "ownership_1m_baseline_s": round(work_s, 4),
                      "ownership_load_1m_s": round(load_csv, 4), "ownership_load_columns_1m_s": round(load_cols, 4),
                      "ownership_1m_total_s": round(total, 4),
                      "ownership_1m_baseline_total_s": round(naive_total, 4), "ownership_many_seeds_s": round(many_s, 4),
                      "ownership_many_seeds_baseline_s": round(many_work_s, 4), "ownership_chain_10k_s": round(chain_s, 4),
                      "ownership_chain_10k_baseline_s": round(cwork_s, 4), "edges": m}))


if __name__ == "__main__":
    main()
