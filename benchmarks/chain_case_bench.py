"""A 10,000-link ownership chain as a case of the real bundled law: check, decide, explain
(prints CPU-time figures; not a test). The case is tests/explain/test_scale.py's chain: an
SDN-listed entity at the top, each entity owning 60% of the next (31 CFR 583.411).

    .venv/bin/python benchmarks/chain_case_bench.py [--links 10000] [--asp] [--profile check]

Measured 2026-12-02 (CPU, 2 cores shared with another agent), interleaved with the code before lazy worlds:
decide 0.45-0.63 s (1.0-1.2 s before), decide+explain 2.5-3.3 s (4.0-5.2 s before), check 1.0-1.7 s. Earlier
the same day, before syntax/fastpath.py (every line parsed by Lark), check took 5.6 s and everything 11.0 s.

--asp decides through the ASP rule (the native 50 percent path switched off), for comparison.
The last line is JSON: {"chain_check_s", "chain_decide_s", "chain_explain_s", "chain_total_s", "native"}.
"""

from __future__ import annotations

import argparse
import cProfile
import json
import pstats
import time


def chain_text(links: int) -> str:
    lines = ["use glomag", "", "case chain as of 2020-01-01"]
    lines += [f"  entity e_{i}." for i in range(links + 1)]
    lines.append("  listed_sdn(e_0, glomag) from 2019-01-01.")
    lines += [f"  owns(e_{i}, e_{i + 1}, 60%)." for i in range(links)]
    lines.append(f"  question blocked(e_{links}).")
    return "\n".join(lines) + "\n"


def main() -> None:
    ap = argparse.ArgumentParser()
    ap.add_argument("--links", type=int, default=10_000)
    ap.add_argument("--asp", action="store_true", help="switch the native path off")
    ap.add_argument("--profile", choices=["check", "decide", "explain"])
    args = ap.parse_args()
    from writ.api import Writ
    from writ.solve import native

    law = Writ.load()
    law.decide(law.cases_from_text(chain_text(3), "warm.writ")[0])  # warm: the law's slices parsed
    if args.asp:
        native.ENABLED = False
    text = chain_text(args.links)
    figures = {}
    prof = cProfile.Profile()

    def timed(name, fn):
        if args.profile == name:
            prof.enable()
        t = time.process_time()
        out = fn()
        figures[name] = time.process_time() - t
        if args.profile == name:
            prof.disable()
        return out

    [case] = timed("check", lambda: law.cases_from_text(text, "chain.writ"))
    decision = timed("decide", lambda: law.decide(case, explain=False))
    timed("explain", lambda: law.decide(case))
    [result] = decision.results
    assert result.answer.value == "yes", result.answer
    if args.profile:
        pstats.Stats(prof).sort_stats("cumulative").print_stats(30)
    total = figures["check"] + figures["explain"]  # decide with explain includes the decision
    print(f"{args.links:,} links: check {figures['check']:.2f} s, decide {figures['decide']:.2f} s, "
          f"decide+explain {figures['explain']:.2f} s, check+decide+explain {total:.2f} s (CPU)")
    print(json.dumps({"chain_check_s": round(figures["check"], 3), "chain_decide_s": round(figures["decide"], 3),
                      "chain_explain_s": round(figures["explain"], 3), "chain_total_s": round(total, 3),
                      "native": native.ENABLED}))


if __name__ == "__main__":
    main()
