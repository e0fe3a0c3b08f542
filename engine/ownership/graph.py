"""The ownership graph: who owns what share of whom, on which days, built once.

One job: hold a large set of dated ownership edges compactly so that the 50
percent rule (`fifty.py`) can walk it fast. The graph is the data behind the
vocabulary's `owns(Owner, E, Share)` (statutes/common/parties.writ), one edge per
stated fact:

- nodes are integer ids `0..n_nodes-1`, each with its name (the party's constant);
- an edge is `(owner, owned, share, valid_from, valid_until)`, the share in
  hundredths of a percent as an integer (Writ's `Percent`: 50% is 5000), so that
  sums are exact; floats never enter;
- an edge holds on day D when `valid_from <= D <= valid_until` (both ends
  inclusive, as a Writ fact's `from ... until ...`); an open end is the smallest
  or largest int32;
- edges are sorted by owner, with a CSR index (`indptr`) so that the edges out of
  node `n` are `indptr[n]:indptr[n+1]`: a newly blocked owner reaches the entities
  it owns without a search.

Invariant that `load.py` establishes and `fifty.py` relies on: on any day at most
one edge holds for a pair (owner, owned), and the shares of one owned entity that
hold on one day add up to at most 100%. `from_arrays` does not check it (it is the
fast path for data already validated); `load.edges_from_arrays` does.
"""

from __future__ import annotations

import datetime as dt
from dataclasses import dataclass, field
from typing import Iterable, Sequence

import numpy as np

EPOCH = dt.date(1970, 1, 1)
OPEN_FROM = int(np.iinfo(np.int32).min)  # "since always"
OPEN_UNTIL = int(np.iinfo(np.int32).max)  # "until further notice"


def day_number(day: dt.date | None, *, open_end: int = OPEN_UNTIL) -> int:
    """A date as days since 1970-01-01 (the same count polars and Arrow use); None is open."""
    return open_end if day is None else (day - EPOCH).days


def day_date(n: int) -> dt.date | None:
    """The inverse of `day_number`; an open end is None."""
    return None if n in (OPEN_FROM, OPEN_UNTIL) else EPOCH + dt.timedelta(days=int(n))


@dataclass(frozen=True, eq=False)
class OwnershipGraph:
    """Dated ownership edges over integer node ids, sorted by owner, with a CSR index.

    Build it with `from_arrays` (or `load.load_edges`); the arrays are read-only
    after that. `rows[i]` is where edge i was stated (a file line or row number,
    0 when unknown), so that an explanation can point back to its source.
    """

    names: tuple[str, ...]
    owner: np.ndarray  # int32, sorted
    owned: np.ndarray  # int32
    share: np.ndarray  # int32, hundredths of a percent
    valid_from: np.ndarray  # int32 days since 1970-01-01
    valid_until: np.ndarray  # int32 days since 1970-01-01
    indptr: np.ndarray  # int64, n_nodes + 1
    rows: np.ndarray  # int64, source line or row of each edge
    source: str = "<arrays>"
    _index: dict[str, int] = field(default_factory=dict, repr=False)
    _in: list = field(default_factory=list, repr=False)  # lazily built reverse CSR

    # ---- building ----------------------------------------------------------------
    @classmethod
    def from_arrays(cls, names: Sequence[str], owner, owned, share, valid_from=None, valid_until=None,
                    rows=None, source: str = "<arrays>") -> "OwnershipGraph":
        """Build the graph from parallel arrays of node ids (no validation: see the module note).

        Args:
            names: the name of each node id.
            owner, owned: node ids of each edge.
            share: hundredths of a percent (int).
            valid_from, valid_until: days since 1970-01-01 (`day_number`); None: open.
            rows: where each edge was stated; default 1, 2, 3 ...
            source: the file the edges came from, for explanations.
        """
        n = len(names)
        owner = np.asarray(owner, dtype=np.int32)
        m = len(owner)
        owned = np.asarray(owned, dtype=np.int32)
        share = np.asarray(share, dtype=np.int32)
        vf = np.full(m, OPEN_FROM, np.int32) if valid_from is None else np.asarray(valid_from, dtype=np.int32)
        vu = np.full(m, OPEN_UNTIL, np.int32) if valid_until is None else np.asarray(valid_until, dtype=np.int32)
        rw = np.arange(1, m + 1, dtype=np.int64) if rows is None else np.asarray(rows, dtype=np.int64)
        if not (len(owned) == len(share) == len(vf) == len(vu) == len(rw) == m):
            raise ValueError("ownership arrays differ in length")
        if m and (owner.min() < 0 or owned.min() < 0 or max(owner.max(), owned.max()) >= n):
            raise ValueError("an edge names a node id with no name")
        # a stable sort keeps the input order within one owner: same input, same output
        order = np.argsort(owner, kind="stable")
        counts = np.bincount(owner, minlength=n)
        indptr = np.zeros(n + 1, np.int64)
        np.cumsum(counts, out=indptr[1:])
        arrays: list[np.ndarray] = [a[order] for a in (owner, owned, share, vf, vu, rw)]
        for a in arrays:
            a.flags.writeable = False
        indptr.flags.writeable = False
        s_owner, s_owned, s_share, s_vf, s_vu, s_rows = arrays  # named, so the fields are checked one by one
        return cls(tuple(names), s_owner, s_owned, s_share, s_vf, s_vu, indptr, s_rows, source)

    # ---- names ---------------------------------------------------------------------
    @property
    def n_nodes(self) -> int:
        return len(self.names)

    @property
    def n_edges(self) -> int:
        return len(self.owner)

    def id(self, name: str) -> int | None:
        """The node id of a name, or None when the graph does not know it."""
        if not self._index:
            # built on first use only: a million-name dict costs a tenth of a second
            self._index.update((s, i) for i, s in enumerate(self.names))
        return self._index.get(name)

    def ids(self, names: Iterable[str]) -> tuple[np.ndarray, list[str]]:
        """The node ids of `names`, and the names the graph does not know."""
        found: list[int] = []
        missing: list[str] = []
        for s in names:
            i = self.id(s)
            if i is None:
                missing.append(s)
            else:
                found.append(i)
        return np.asarray(found, dtype=np.int64), missing

    # ---- traversal -----------------------------------------------------------------
    def holds_on(self, day: dt.date | int) -> np.ndarray:
        """A boolean mask over the edges: which hold on `day`."""
        d = day if isinstance(day, int) else day_number(day)
        return (self.valid_from <= d) & (d <= self.valid_until)

    def on(self, day: dt.date | int) -> "OwnershipGraph":
        """The graph of the edges that hold on `day` (same node ids), all open-ended."""
        keep = np.flatnonzero(self.holds_on(day))
        return OwnershipGraph.from_arrays(self.names, self.owner[keep], self.owned[keep], self.share[keep],
                                          rows=self.rows[keep], source=self.source)

    def out_edges(self, node: int) -> slice:
        """The edge positions owned by `node` (it is their owner)."""
        return slice(int(self.indptr[node]), int(self.indptr[node + 1]))

    def in_edges(self, node: int) -> np.ndarray:
        """The positions of the edges into `node` (its owners' stakes), in input order."""
        if not self._in:
            # the reverse index is needed only for explanations; build it on first use
            order = np.argsort(self.owned, kind="stable")
            ptr = np.zeros(self.n_nodes + 1, np.int64)
            np.cumsum(np.bincount(self.owned, minlength=self.n_nodes), out=ptr[1:])
            self._in.extend((order, ptr))
        order, ptr = self._in
        return order[ptr[node]:ptr[node + 1]]

    def __repr__(self) -> str:
        return f"OwnershipGraph({self.n_nodes} nodes, {self.n_edges} edges, from {self.source})"
