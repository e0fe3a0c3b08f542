"""Screening on a Dask distributed cluster: the parties split into parts, each part screened
by a worker that loads the law and the lists once and keeps them for every later part.

A row's status depends only on its party, the lists and the law, so screening the parts
apart and joining them in order gives the rows a local screen gives; only the row numbers
are the part's own, and they are shifted back to the input's. `dask` and `distributed`
are imported only here, when a cluster is asked for.
"""

from __future__ import annotations

import datetime as dt
import threading
from pathlib import Path
from typing import Sequence

from .screen import Party, Screener, ScreenRow

PART_ROWS = 5_000  # rows per task: big enough to amortise a task, small enough to spread over workers

_loaded: dict[tuple[str, ...], tuple[Screener, str]] = {}
_lock = threading.Lock()  # a worker with several threads loads the law once, not once per thread
# one screen at a time per process: a screener's kept clingo groundings are not for two threads at once
# (a worker with more threads than one gains nothing: start workers with `--nthreads 1`)
_screening = threading.Lock()


def load_screener(lists: Sequence[Path] | None = None) -> tuple[Screener, str]:
    """The bundled law and the lists (bundled and updated, or those given), ready to screen,
    with a line naming the lists; loaded once per process and kept."""
    key = tuple(str(p) for p in lists or ())
    with _lock:
        if key not in _loaded:
            _loaded[key] = _load(list(lists) if lists else None)
        return _loaded[key]


def _load(lists: list[Path] | None) -> tuple[Screener, str]:
    from ..lists.catalog import Catalog
    from .engine import Engine

    writ = Engine.load()
    catalog = Catalog.load(lists) if lists else Catalog.default()
    writ.catalog = catalog
    listings = writ.listings()

    def decide(items):
        inputs = [writ.prepare_listed(case, found) for case, found in items]
        return writ.decide_inputs(inputs, explain=False)  # a row whose case cannot be decided is that row's outcome

    return Screener(writ.law, listings, decide), _line(catalog)


def _line(catalog) -> str:
    return ", ".join(f"{s.name} ({s.entries if s.entries is not None else '?'} entries)" for s in catalog.sets if s.list != "CCL")


def describe_lists(lists: Sequence[Path] | None = None) -> str:
    """The line naming the lists a screen uses (read from their manifests, nothing loaded)."""
    from ..lists.catalog import Catalog

    return _line(Catalog.load(list(lists)) if lists else Catalog.default())


def _screen_part(parties: list[Party], as_of: dt.date, lists: tuple[str, ...]) -> list[ScreenRow]:
    """One part, on a worker (its law and lists loaded once for every part it screens)."""
    screener, _ = load_screener([Path(p) for p in lists])
    with _screening:
        return screener.screen(parties, as_of, workers=1)


def screen_on_dask(scheduler, parties: Sequence[Party], as_of: dt.date, lists: Sequence[Path] | None = None,
                   part_rows: int = PART_ROWS) -> list[ScreenRow]:
    """Screen the parties on a cluster: `scheduler` is its address (tcp://host:8786) or a
    `distributed.Client`. The rows come back in the input's order, numbered from 1."""
    from distributed import Client

    client = scheduler if isinstance(scheduler, Client) else Client(scheduler)
    try:
        parts = [list(parties[i:i + part_rows]) for i in range(0, len(parties), part_rows)]
        keys = tuple(str(p) for p in lists or ())
        futures = client.map(_screen_part, parts, as_of=as_of, lists=keys, pure=False)
        rows: list[ScreenRow] = []
        for part in client.gather(futures):
            offset = len(rows)
            rows += [r.model_copy(update={"row": r.row + offset}) for r in part]
        return rows
    finally:
        if client is not scheduler:
            client.close()
