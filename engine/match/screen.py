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

from collections.abc import Iterable
from dataclasses import dataclass

from .identify import Query, compare
from .index import NameIndex
from .normalise import normalise
from .score import Match, exact_reason, possible_reason, score

# Chosen by measurement (benchmarks/match_bench.py): at 88, every GLOMAG name and alias with
# one edit (deletion, insertion, substitution, transposition) was still a possible match in
# >= 95% of cases, while synthetic names of unlisted people and companies raised an alert in
# under 1% against SDN + CSL. See the module's report for the figures.
THRESHOLD = 88.0
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
    """The match with the query's identifying details weighed."""
    confirms, conflicts = compare(query, match.entry, match.name)
    if not confirms and not conflicts:
        return match
    kind = "confirmed" if confirms else match.kind
    reason = match.reason + ("; " + "; ".join(confirms) if confirms else "")
    if conflicts and not confirms:
        reason = match.reason + "; ruled out: " + "; ".join(conflicts)
    return Match(match.entry, match.name, match.alias, match.score, kind, reason, confirms, conflicts)


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
    workers: int = 1,
    limit: int = LIMIT,
) -> list[Screening]:
    """One `Screening` per query, in the queries' order."""
    queries = [q if isinstance(q, Query) else Query(q) for q in queries]
    done: dict[Query, Screening] = {}
    fuzzy: dict[str, list[Match]] = {}  # normal key -> unjudged possible matches
    out: list[Screening] = []
    for query in queries:
        found = done.get(query)
        if found is None:
            found = done[query] = _screen(index, query, threshold, workers, limit, fuzzy)
        out.append(found)
    return out


def _screen(index, query, threshold, workers, limit, fuzzy) -> Screening:
    normal = normalise(query.name)
    exact = [
        _judged(query, Match(index.names[i].entry, index.names[i].listed, index.names[i].alias, 100.0,
                             "exact", exact_reason(index.names[i], how)))
        for i, how in index.lookup(normal)
    ]
    kept = _best_per_entry(m for m in exact if not m.ruled_out)
    ruled = [m for m in exact if m.ruled_out]
    if kept:
        return Screening(query, tuple(kept), (), tuple(_best_per_entry(ruled)))
    possible = fuzzy.get(normal.key)
    if possible is None:
        exact_ids = {i for i, _ in index.lookup(normal)}
        candidates = [i for i in index.candidates(normal) if i not in exact_ids]
        values, by_parts = score(index, normal, candidates, workers)
        possible = []
        for i, value, parts in zip(candidates, values.tolist(), by_parts.tolist()):
            if value >= threshold:
                name = index.names[i]
                possible.append(Match(name.entry, name.listed, name.alias, value, "possible",
                                      possible_reason(name, value, parts)))
        fuzzy[normal.key] = possible
    judged = [_judged(query, m) for m in possible]
    ruled += [m for m in judged if m.ruled_out]
    kept = _best_per_entry(m for m in judged if not m.ruled_out)
    # A confirmed match outranks an unconfirmed one of a higher score.
    kept.sort(key=lambda m: (m.kind != "confirmed", -m.score, m.entry.list, m.entry.entry_id))
    return Screening(query, (), tuple(kept[:limit]), tuple(_best_per_entry(ruled)[:limit]))
