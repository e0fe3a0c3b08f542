"""The native evaluator of the 50 percent rules, with the witness behind each conclusion.

One job: compute, over an `OwnershipGraph` on one day, the least fixpoint of the
rule of 31 CFR 583.411 as `statutes/glomag/blocking.writ` states it:

    blocked(E) if owns(_, E, _)
               and sum(S where owns(O, E, S) and blocked(O)) >= 50%.

OFAC's wording (583.411, restating the Revised Guidance of 2014-08-13, 79 FR 47726):
"Persons whose property and interests in property are blocked ... have an interest
in all property and interests in property of an entity in which such persons
directly or indirectly own, whether individually or in the aggregate, a 50 percent
or greater interest." The statute stays the specification; this module is a faster
way to reach the same answers, and `tests/ownership/test_differential.py` proves
they agree with the solver on generated graphs. So, as the statute's notes say:

- the stakes of all blocked owners are added ("in the aggregate"), each distinct
  owner once;
- "indirectly" is reached through the recursion: an entity blocked by the rule is a
  blocked owner one layer down; shares are never multiplied along a chain;
- it is a least fixpoint: entities that own each other in a cycle, with no blocked
  stake from outside the cycle, are not blocked (nothing supports the first step);
- only edges that hold on the day count.

The BIS Affiliates rule (15 CFR 744.11(a)(1)(ii), `statutes/ear/part744/
affiliates.writ`) has the same shape: it aggregates too ("individually or in the
aggregate"; the Writ rule is `sum(S where owns(O, E, S) and el_restricted(O)) >=
50%`) with Entity List parties as the seeds, and it is suspended for a year. The
rule, its threshold and its period are a `FiftyRule` parameter; the seeds (who is
listed on the day) are an argument.

The algorithm is the worklist of the performance notes: when a node becomes
blocked its share is added to the running sum of each entity it owns, and an
entity whose sum reaches the threshold joins the queue. Each node enters once and
each of its edges is read once: O(V + E) for the edges reached. A long queue is
taken whole, vectorised with numpy; a short one (a long chain) node by node, where
numpy's per-call cost would dominate. Nodes are taken in order of their `level` (0
for seeds, one more than the node that tipped the sum); the owners of lower level
are a well-founded witness (their stakes alone reach the threshold), so
explanations never go round a cycle. No SCC pass is needed: the rule is monotone,
and the queue only ever adds stakes of owners already shown blocked.
"""

from __future__ import annotations

import datetime as dt
from collections import deque
from dataclasses import dataclass
from typing import Callable, Iterable

import numpy as np

from ..model import Percent
from .graph import OwnershipGraph, day_number

# a vectorised step costs some fifteen numpy calls (tens of microseconds) whatever its size; a
# Python loop costs about a microsecond an edge: below this many nodes the loop is cheaper
SMALL_FRONTIER = 48


@dataclass(frozen=True)
class FiftyRule:
    """One "owned N percent or more by blocked parties" rule, as a statute states it."""

    provision: str  # the Writ provision whose rule this evaluates
    concludes: str  # the derived predicate: blocked / affiliate_restricted
    seed: str  # who the seeds are, as the rule's condition reads
    reads: str = "blocked"  # what an entity the rule concludes is, in an explanation
    owner_reads: str = "blocked"  # what an owner counted is (seed or concluded)
    threshold: int = 5000  # hundredths of a percent; the rule reads ">= threshold"
    in_force_from: dt.date | None = None
    in_force_until: dt.date | None = None
    suspended: tuple[tuple[dt.date, dt.date], ...] = ()  # inclusive periods in which nothing is concluded

    def __post_init__(self) -> None:
        if self.threshold <= 0:
            # with a threshold of 0 every owned entity would qualify with no blocked owner at all
            raise ValueError("the threshold of a 50 percent rule must be above 0%")

    def applies_on(self, day: dt.date) -> bool:
        if self.in_force_from and day < self.in_force_from:
            return False
        if self.in_force_until and day > self.in_force_until:
            return False
        return not any(a <= day <= b for a, b in self.suspended)


OFAC_50_PERCENT = FiftyRule(
    provision="ofac_583_411", concludes="blocked",
    seed="blocked by listing (SDN List, GLOMAG tag) or by the Annex",
    in_force_from=dt.date(2017, 12, 21))

BIS_AFFILIATES = FiftyRule(
    provision="p744_11_affiliates", concludes="affiliate_restricted", seed="on the Entity List",
    reads="subject to Entity List restrictions as an affiliate", owner_reads="restricted",
    in_force_from=dt.date(2025, 9, 29),
    suspended=((dt.date(2025, 11, 10), dt.date(2026, 11, 9)),))  # p744_affiliates_suspension


@dataclass(frozen=True)
class Stake:
    """One blocked owner's share, as counted for a conclusion."""

    owner: str
    share: Percent
    owner_seed: bool  # blocked as a seed (listed), not by this rule
    row: int  # where the ownership was stated (file line or row)


@dataclass(frozen=True)
class Witness:
    """Why one entity is (or is not) concluded blocked on a day: the stakes and their sum."""

    entity: str
    concluded: bool  # the rule concludes it (a seed may be concluded too)
    seed: bool  # blocked as a seed: for `blocked`, no stakes are needed
    stakes: tuple[Stake, ...]  # the blocked owners' stakes behind the conclusion, largest first
    total: Percent  # their sum
    threshold: Percent

    def as_dict(self) -> dict:
        return {"entity": self.entity, "concluded": self.concluded, "seed": self.seed,
                "stakes": [{"owner": s.owner, "share": str(s.share), "owner_seed": s.owner_seed, "row": s.row}
                           for s in self.stakes],
                "total": str(self.total), "threshold": str(self.threshold)}


@dataclass(frozen=True)
class Chain:
    """An explanation: the text, the witness of the entity asked about, and those it rests on."""

    text: str
    witness: Witness
    witnesses: dict[str, Witness]  # every derived owner reached, by name (a DAG, not a tree)

    def as_dict(self) -> dict:
        return {"text": self.text, "entity": self.witness.entity,
                "witnesses": {k: w.as_dict() for k, w in self.witnesses.items()}}


@dataclass(frozen=True, eq=False)
class Fixpoint:
    """The result of one evaluation: which nodes are blocked on `day`, and at which level."""

    graph: OwnershipGraph
    day: dt.date
    rule: FiftyRule
    level: np.ndarray  # int32 per node: 0 seed, k >= 1 concluded (a well-founded rank), -1 not blocked
    sums: np.ndarray  # int64 per node: the stakes of all its blocked owners on the day (each node's
    # edges are read once it is blocked, so at the end every blocked owner's stake is in)
    unknown_seeds: tuple[str, ...]  # seeds the graph does not know (blocked, but they own nothing here)

    @property
    def blocked(self) -> np.ndarray:
        """Per node: blocked, as a seed or by the rule (the statute's `blocked`, `el_restricted`)."""
        return self.level >= 0

    @property
    def concluded(self) -> np.ndarray:
        """Per node: the rule itself concludes it (`affiliate_restricted`); a seed may be too."""
        if not self.rule.applies_on(self.day):
            return np.zeros(len(self.level), bool)
        return self.sums >= self.rule.threshold

    def blocked_names(self) -> set[str]:
        """The names of the blocked nodes (seeds the graph does not know are in `unknown_seeds`)."""
        names = self.graph.names
        return {names[i] for i in np.flatnonzero(self.level >= 0).tolist()}

    def concluded_names(self) -> set[str]:
        """The names of the nodes the rule concludes, seeds among them."""
        names = self.graph.names
        return {names[i] for i in np.flatnonzero(self.concluded).tolist()}

    def is_blocked(self, name: str) -> bool:
        i = self.graph.id(name)
        return name in self.unknown_seeds if i is None else bool(self.level[i] >= 0)

    def witness(self, name: str) -> Witness:
        """The stakes behind the conclusion about `name` (all blocked stakes for a seed or a no)."""
        i = self.graph.id(name)
        if i is None:
            raise KeyError(f"{name!r} is not in the ownership graph {self.graph.source}")
        return self._witness(i)

    def _witness(self, i: int) -> Witness:
        g, lv = self.graph, self.level
        d = day_number(self.day)
        e = g.in_edges(i)
        e = e[(g.valid_from[e] <= d) & (d <= g.valid_until[e])]
        o = g.owner[e]
        if lv[i] > 0:
            # owners of lower level: their stakes reached the threshold when i was
            # reached, and each of them rests on owners earlier still (well-founded, no cycle)
            keep = (lv[o] >= 0) & (lv[o] < lv[i])
        else:
            keep = lv[o] >= 0
        e, o = e[keep], o[keep]
        stakes = sorted((Stake(g.names[a], Percent(int(s)), bool(lv[a] == 0), int(r))
                         for a, s, r in zip(o.tolist(), g.share[e].tolist(), g.rows[e].tolist())),
                        key=lambda s: (-s.share.hundredths, s.owner))
        total = sum(s.share.hundredths for s in stakes)
        if lv[i] > 0:
            assert total >= self.rule.threshold, "a concluded node's witness must reach the threshold"
        concluded = self.rule.applies_on(self.day) and int(self.sums[i]) >= self.rule.threshold
        return Witness(g.names[i], concluded, bool(lv[i] == 0), tuple(stakes), Percent(total),
                       Percent(self.rule.threshold))


def fixpoint(graph: OwnershipGraph, day: dt.date, seeds: Iterable[str] | Callable[[str], bool] | np.ndarray,
             rule: FiftyRule = OFAC_50_PERCENT) -> Fixpoint:
    """The least fixpoint of `rule` over the edges of `graph` that hold on `day`.

    Args:
        graph: the ownership graph.
        day: the date the question is asked as of.
        seeds: the parties blocked on `day` other than by this rule: names, a predicate on
            names, or an array of node ids.
        rule: which rule (threshold, period in force, suspension).

    Returns:
        A `Fixpoint`: the blocked nodes, the level each was reached at, the blocked stakes' sums.
    """
    n = graph.n_nodes
    level = np.full(n, -1, np.int32)
    sums = np.zeros(n, np.int64)
    unknown: list[str] = []
    if isinstance(seeds, np.ndarray):
        seed_ids = seeds.astype(np.int64)
    elif callable(seeds):
        seed_ids = np.asarray([i for i, s in enumerate(graph.names) if seeds(s)], dtype=np.int64)
    else:
        seed_ids, unknown = graph.ids([seeds] if isinstance(seeds, str) else seeds)
    frontier = np.unique(seed_ids)
    level[frontier] = 0
    if rule.applies_on(day):
        _propagate(graph, day_number(day), rule.threshold, frontier, level, sums)
    return Fixpoint(graph, day, rule, level, sums, tuple(sorted(set(unknown))))


def _propagate(g: OwnershipGraph, d: int, thr: int, seeds: np.ndarray, level: np.ndarray, sums: np.ndarray) -> None:
    # Nodes are taken in order of level, so when a node's sum reaches the threshold every
    # stake counted comes from a node of level at most the current one: giving it the
    # current level + 1 keeps the witness (owners of lower level) above the threshold.
    indptr, owned, share, vf, vu = g.indptr, g.owned, g.share, g.valid_from, g.valid_until
    # memoryviews read and write single elements as Python ints, twice as fast as .item()
    # numpy's stubs declare ndarray.__buffer__ only for Python >= 3.12 (the config checks 3.11), yet
    # an ndarray has the buffer protocol on every version: the stubs are wrong here
    m_ptr, m_owned, m_share, m_vf, m_vu = (memoryview(a) for a in (indptr, owned, share, vf, vu))  # type: ignore[arg-type]
    m_sums, m_level = memoryview(sums), memoryview(level)  # type: ignore[arg-type]
    queue = deque(seeds.tolist())
    while queue:
        if len(queue) < SMALL_FRONTIER:
            # one node at a time, first in first out (a 10,000-link chain runs here)
            f = queue.popleft()
            k = m_level[f] + 1
            for e in range(m_ptr[f], m_ptr[f + 1]):
                if m_vf[e] <= d <= m_vu[e]:
                    t = m_owned[e]
                    s = m_sums[t] + m_share[e]
                    m_sums[t] = s
                    if s >= thr and m_level[t] < 0:
                        m_level[t] = k
                        queue.append(t)
            continue
        # the whole queue at once (its levels differ by at most one): the edges of every
        # node in it are the concatenation of their CSR ranges
        front = np.fromiter(queue, dtype=np.int64, count=len(queue))
        queue.clear()
        k = int(level[front].max()) + 1
        starts = indptr[front]
        lens = indptr[front + 1] - starts
        total = int(lens.sum())
        pos = np.repeat(starts - (np.cumsum(lens) - lens), lens) + np.arange(total, dtype=np.int64)
        pos = pos[(vf[pos] <= d) & (d <= vu[pos])]
        ts = owned[pos]  # the owned node of each edge (an array: `t` above is one node)
        np.add.at(sums, ts, share[pos])  # exact integer sums, each edge once
        new = np.unique(ts[(sums[ts] >= thr) & (level[ts] < 0)])
        level[new] = k
        queue.extend(new.tolist())


def explain_chain(fp: Fixpoint, entity: str) -> Chain:
    """The chain of stakes behind the answer about `entity`, as text and as witnesses.

    The text reads, for a concluded entity:
    "B is blocked under ofac_583_411 on 2020-01-01: 40% held by A (blocked: 50% held by X)
    + 10% held by X = 50%, at least 50%; blocked by listing (...): X." Each derived owner is
    expanded once, at its first mention; a later mention says "(blocked, as above)".
    """
    g, lv = fp.graph, fp.level
    root = g.id(entity)
    if root is None:
        raise KeyError(f"{entity!r} is not in the ownership graph {g.source}")
    rule = fp.rule
    concluded = bool(fp.concluded[root])
    head = f"{entity} is {'' if concluded else 'not '}{rule.reads} under {rule.provision} on {fp.day.isoformat()}"
    w = fp._witness(root)
    witnesses = {entity: w}
    # a seed is blocked by its listing; the rule may conclude it too (affiliate_restricted
    # asks exactly that), and its stakes may then rest on owners of any level: its own
    # status does not depend on them, so no explanation goes round a cycle through it
    seed = f"{entity} is {rule.seed} on {fp.day.isoformat()}." if lv[root] == 0 else ""
    if seed and not concluded:
        return Chain(seed, w, witnesses)
    if not concluded:
        held = " + ".join(f"{s.share} held by {s.owner}" for s in w.stakes) or "no blocked owner holds any share"
        eq = f" = {w.total}" if len(w.stakes) > 1 else ""
        note = "" if rule.applies_on(fp.day) else "; the rule does not apply on that day"
        return Chain(f"{head}: {held}{eq}, below {w.threshold}{note}.", w, witnesses)
    out: list[str] = []
    seeds: set[str] = set()
    expanded = {root}
    # an explicit stack, not recursion: a 10,000-link chain nests 10,000 deep
    stack: list[tuple[Witness, int, bool]] = [(w, 0, True)]
    while stack:
        cur, i, top = stack.pop()
        if i == len(cur.stakes):
            if len(cur.stakes) > 1:  # a single stake is its own sum
                out.append(f" = {cur.total}")
            if not top:
                out.append(")")
            continue
        if i:
            out.append(" + ")
        s = cur.stakes[i]
        out.append(f"{s.share} held by {s.owner}")
        stack.append((cur, i + 1, top))
        if s.owner_seed:
            seeds.add(s.owner)
            continue
        o = g.id(s.owner)
        assert o is not None  # a stake's owner is a node of the graph the witness was read from
        if o in expanded:
            out.append(f" ({rule.owner_reads}, as above)")
        else:
            expanded.add(o)
            ow = fp._witness(o)
            witnesses[s.owner] = ow
            out.append(f" ({rule.owner_reads}: ")
            stack.append((ow, 0, False))
    text = f"{head}: {''.join(out)}, at least {w.threshold}; {rule.seed}: {', '.join(sorted(seeds))}."
    return Chain(f"{seed} {text}" if seed else text, w, witnesses)
