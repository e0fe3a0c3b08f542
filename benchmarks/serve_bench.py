"""The REST service, measured in process (FastAPI's test client, no socket): what one request costs.

    .venv/bin/python benchmarks/serve_bench.py [--repeat 20]

Figures printed, in CPU seconds of this process (time.process_time; the wall clock on a shared
machine says more about the other processes than about Writ):
- loading the law once, as `writ serve` does before it opens its port;
- one /decide of a decided case, explained and not; one of an undetermined case (with its
  deciding sets); one /what-if; one /interview step; one /screen of 2 parties (the first
  builds the list index); a bad case's 422; GET /law.
"""

from __future__ import annotations

import argparse
import statistics
import time
import warnings

with warnings.catch_warnings():
    warnings.simplefilter("ignore")
    from fastapi.testclient import TestClient

from writ.api import Writ
from writ.server.app import create_app

CASE = """use glomag
case xpsb_2020 "XPSB" as of 2020-07-09
  entity xpsb "Xinjiang Public Security Bureau".
  act detentions "mass arbitrary detention".
  xpsb is a foreign person.
  xpsb engaged in detentions.
  detentions is serious human rights abuse.
  question meets_criteria(xpsb).
"""
UNSTATED = CASE.replace("  xpsb engaged in detentions.\n", "")
PARTIES = [{"name": "Xinjiang Public Security Bureau", "type": "entity"}, {"name": "John Smith"}]


def cpu(fn, repeat: int) -> float:
    """The median CPU seconds of `repeat` calls."""
    times = []
    for _ in range(repeat):
        start = time.process_time()
        fn()
        times.append(time.process_time() - start)
    return statistics.median(times)


def main() -> None:
    parser = argparse.ArgumentParser()
    parser.add_argument("--repeat", type=int, default=20)
    n = parser.parse_args().repeat
    start = time.process_time()
    writ = Writ.load()
    print(f"load the law: {time.process_time() - start:.2f} s CPU")
    client = TestClient(create_app(writ))

    def ok(path, body):
        resp = client.post(path, json=body)
        assert resp.status_code == 200, resp.text
        return resp

    start = time.process_time()
    ok("/screen", {"parties": PARTIES, "as_of": "2024-05-03"})
    print(f"first /screen (builds the list index): {time.process_time() - start:.2f} s CPU")
    runs = {
        "/decide, explained": lambda: ok("/decide", {"text": CASE}),
        "/decide, not explained": lambda: ok("/decide", {"text": CASE, "explain": False}),
        "/decide, undetermined (deciding sets)": lambda: ok("/decide", {"text": UNSTATED}),
        "/what-if": lambda: ok("/what-if", {"text": UNSTATED, "set": ["xpsb engaged in detentions"]}),
        "/interview, first step": lambda: ok("/interview", {"text": UNSTATED}),
        "/screen, 2 parties": lambda: ok("/screen", {"parties": PARTIES, "as_of": "2024-05-03"}),
        "/decide, a bad case (422)": lambda: client.post("/decide", json={"text": CASE.replace("persn", "x").replace("person", "persn")}),
        "GET /law": lambda: client.get("/law"),
    }
    for name, fn in runs.items():
        fn()  # warm: the first of each kind grounds its slice of the law
        print(f"{name}: {cpu(fn, n) * 1000:.0f} ms CPU (median of {n})")


if __name__ == "__main__":
    main()
