"""Screen many names against a name index: exact matches, possible matches, ruled-out candidates.

One job, and no law: for each query, the listed names it equals after normalisation (exact),
the listed names similar enough to be worth a human look (possible, score at or above the
threshold, best first, capped), and the candidates its identifying details rule out, each
with the reason. What a possible match means for the question asked (a party is "never
silently listed") is for the law to decide, from facts made of these results.

Order of work, for throughput: identical queries are screened once; the exact dictionary
answers first; only names without a surviving exact match are scored, and scoring is shared by
every query with the same normal key (a batch repeats names with different details).
"""

from __future__ import annotations

import multiprocessing as mp
from collections.abc import Iterable
from dataclasses import dataclass

from .identify import Query, weigh
from .index import NameIndex
from .normalise import NormalName, normalise
from .score import Match, exact_reason, possible_reason, score, whole_edits

# Chosen by measurement (benchmarks/match_bench.py, 2024-05-03 SDN and the CSL of 2026-07-31):
# 91 is the lowest threshold at which both targets hold. There, every GLOMAG name and alias
# with one random edit is still a possible match in 96.3% of cases (3 seeds), and 10,000
# ordinary names on no list raise an alert in 0.10% of cases against SDN and 0.70% against
# SDN + CSL. At 90 the alert rate against SDN + CSL is 1.21%, because a name that lacks one of a
# listed name's three words scores exactly 90 ("Ramzan Kadyrov" for "KADYROV, Ramzan
# Akhmatovich"). A caller whose parties omit patronymics or middle names should pass 90.
THRESHOLD = 91.0
LIMIT = 10


@dataclass(frozen=True, slots=True)
class Screening:
    """What screening one query found."""

    query: Query
    exact: tuple[Match, ...] = ()
    possible: tuple[Match, ...] = ()
    ruled_out: tuple[Match, ...] = ()

    @property
    def matches(self) -> tuple[Match, ...]:
        return self.exact + self.possible

    @property
    def clear(self) -> bool:
        return not self.exact and not self.possible


def _judged(query: Query, match: Match) -> Match:
    """The match with the query's identifying details weighed: a number that agrees confirms it, a
    detail that disagrees rules it out, a date of birth of the same year but another day lowers an
    exact match to a possible one; the reason names the detail that decided."""
    w = weigh(query, match.entry, match.name)
    confirms, conflicts = w.confirms, w.conflicts
    if not (confirms or conflicts or w.doubts or w.agrees):
        return match
    kind = "confirmed" if confirms else match.kind
    reason = match.reason + "".join("; " + s for s in (*confirms, *w.agrees))
    if conflicts and not confirms:
        reason = match.reason + "; ruled out: " + "; ".join(conflicts)
    elif w.doubts and not confirms and kind == "exact":
        kind, reason = "possible", reason + "; lowered to a possible match: " + "; ".join(w.doubts)
    return Match(match.entry, match.name, match.alias, match.score, kind, reason, confirms, conflicts, w.doubts, w.agrees)


def _best_per_entry(matches: Iterable[Match]) -> list[Match]:
    best: dict[tuple[str, str], Match] = {}
    for m in matches:
        key = (m.entry.list, m.entry.entry_id)
        if key not in best or m.score > best[key].score:
            best[key] = m
    return sorted(best.values(), key=lambda m: (-m.score, m.entry.list, m.entry.entry_id))


def screen_names(
    index: NameIndex,
    queries: Iterable[Query | str],
    threshold: float = THRESHOLD,
    workers: int = 2,
    limit: int = LIMIT,
) -> list[Screening]:
    """One `Screening` per query, in the queries' order.

    `workers` > 1 scores the names without an exact match in that many forked processes
    when there are at least `PARALLEL_FROM` of them (below that, forking costs more than it
    saves); the results are the same as with one worker.
    """
    asked = [q if isinstance(q, Query) else Query(q) for q in queries]  # a new name: the parameter also admits str
    unique = list(dict.fromkeys(asked))
    exact: dict[Query, tuple[list[Match], list[Match]]] = {}
    wanted: dict[str, NormalName] = {}
    for query in unique:
        normal = normalise(query.name)
        judged = [
            _judged(query, Match(index.names[i].entry, index.names[i].listed, index.names[i].alias, 100.0,
                                 "exact", exact_reason(index.names[i], how)))
            for i, how in index.lookup(normal)
        ]
        exact[query] = ([m for m in judged if not m.ruled_out], [m for m in judged if m.ruled_out])
        if not exact[query][0]:
            wanted.setdefault(normal.key, normal)
    scored = _score_all(index, list(wanted.values()), threshold, workers)
    done: dict[Query, Screening] = {}
    for query in unique:
        kept, ruled = exact[query]
        if kept:
            done[query] = Screening(query, tuple(_best_per_entry(kept)), (), tuple(_best_per_entry(ruled)))
            continue
        possible = []
        for i, value, parts in scored[normalise(query.name).key]:
            name = index.names[i]
            match = Match(name.entry, name.listed, name.alias, value, "possible", possible_reason(name, value, parts))
            possible.append(_judged(query, match))
        ruled += [m for m in possible if m.ruled_out]
        kept = _best_per_entry(m for m in possible if not m.ruled_out)
        # A confirmed match outranks an unconfirmed one of a higher score.
        kept.sort(key=lambda m: (m.kind != "confirmed", -m.score, m.entry.list, m.entry.entry_id))
        done[query] = Screening(query, (), tuple(kept[:limit]), tuple(_best_per_entry(ruled)[:limit]))
    return [done[q] for q in asked]


Scored = list[tuple[int, float, bool]]  # (name number, score, the parts score won)
PARALLEL_FROM = 2000
_CHUNK = 500
_shared: tuple[NameIndex, float] | None = None  # what a forked worker inherits


def _score_one(index: NameIndex, normal: NormalName, threshold: float) -> Scored:
    exact = {i for i, _ in index.lookup(normal)}
    # Parts scores never exceed the cover (score.py), so the threshold prunes the candidates.
    found = index.candidates(normal, cover_at_least=threshold / 100.0, whole_edits=whole_edits)
    candidates = [i for i in found if i not in exact]
    if not candidates:
        return []
    values, by_parts = score(index, normal, candidates)
    return [(i, v, p) for i, v, p in zip(candidates, values.tolist(), by_parts.tolist()) if v >= threshold]


def _score_chunk(chunk: list[NormalName]) -> list[Scored]:
    assert _shared is not None  # _score_all sets it before forking the pool that runs this
    index, threshold = _shared
    return [_score_one(index, normal, threshold) for normal in chunk]


def _score_all(index: NameIndex, normals: list[NormalName], threshold: float, workers: int) -> dict[str, Scored]:
    global _shared
    if workers > 1 and len(normals) >= PARALLEL_FROM and "fork" in mp.get_all_start_methods():
        chunks = [normals[i : i + _CHUNK] for i in range(0, len(normals), _CHUNK)]
        _shared = (index, threshold)  # the index reaches the workers by fork, not by pickling
        try:
            with mp.get_context("fork").Pool(workers) as pool:
                results = [r for part in pool.map(_score_chunk, chunks) for r in part]
        finally:
            _shared = None
    else:
        results = [_score_one(index, normal, threshold) for normal in normals]
    return {normal.key: found for normal, found in zip(normals, results)}
