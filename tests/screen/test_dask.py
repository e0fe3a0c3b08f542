"""`writ screen --dask`: the input split over a Dask cluster gives the CSV a local screen gives
(a LocalCluster in this process, one small worker: light enough for CI)."""

from __future__ import annotations

import datetime as dt

import pytest

from writ.decide.scaleout import load_screener, screen_on_dask
from writ.decide.screen import parties_from_rows
from writ.render.report import screen_csv

ROWS = [
    {"name": "Xinjiang Public Security Bureau", "type": "entity", "country": "CN"},
    {"name": "Hikvision", "type": "entity", "country": "CN"},
    {"name": "John Smith", "type": "person", "country": "US"},
    {"name": "Xinjiang Public Security Bureau", "type": "entity", "country": "CN"},  # a repeat, in another part
    {"name": "Hangzhou Hikvision Digital Technology Co Ltd", "type": "entity", "country": "CN"},
    {"name": "Acme Trading LLC", "type": "entity", "country": "DE"},
    {"name": "XINJIANG PUBLIC SECURITY BUREA", "type": "entity", "country": "CN"},  # one edit: a possible match
]


def test_a_dask_screen_gives_the_local_csv():
    distributed = pytest.importorskip("distributed")
    parties = parties_from_rows(ROWS)
    columns = ["name", "type", "country"]
    day = dt.date(2024, 6, 1)
    local = screen_csv(load_screener(None)[0].screen(parties, day, workers=1), columns)
    with distributed.LocalCluster(n_workers=1, threads_per_worker=2, processes=False, dashboard_address=None) as cluster, \
            distributed.Client(cluster) as client:
        spread = screen_on_dask(client, parties, day, part_rows=2)  # four parts, in order
    assert [r.row for r in spread] == list(range(1, len(ROWS) + 1))
    assert screen_csv(spread, columns) == local
    assert {r.status for r in spread} >= {"blocked", "listed", "clear"}
