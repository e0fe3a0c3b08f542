"""Writ benchmark: prints figures (it is not a test).

Measures, on the law given (default: the mini test law and the bundled statutes):
  - load: parse + check + compile the law, and clingo's parse of the program;
  - per-case latency with the law loaded (median over N cases), one case at a time;
  - the same cases decided as one batch (one grounding), per case;
  - the naive baseline in the same run: a fresh clingo Control per case, the law
    program parsed from text each time;
  - explanation cost: a decision with explanations against one without;
  - the bundled cases, with and without explanations, and one `writ ask` step.
"""

from __future__ import annotations

import argparse
import statistics
import time
from pathlib import Path

import clingo

from writ.api import Writ
from writ.solve.solver import _Inputs, _enumerate, prepare

ROOT = Path(__file__).resolve().parent.parent
MINI = ROOT / "tests" / "fixtures" / "mini.writ"

CASE = """use mini
case c{i} "generated {i}" as of 2020-07-{day:02d}
  entity e{i} "Entity {i}".
  person o{i} "Owner {i}".
  act a{i} "Act {i}".
  e{i} is a foreign person.
  e{i} engaged in a{i}.
  {abuse}a{i} is serious human rights abuse.
  listed(o{i}, glomag).
  o{i} owns {share}% of e{i}.
  question meets_criteria(e{i}).
  question blocked(e{i}).
"""


def ms(seconds: float) -> str:
    return f"{seconds * 1000:8.3f} ms"


def generated_cases(writ: Writ, n: int):
    text = "".join(CASE.format(i=i, day=1 + i % 28, abuse="" if i % 3 else "not ", share=40 + i % 20) for i in range(n))
    return writ.cases_from_text(text, "generated.writ")


def naive(writ: Writ, inp) -> None:
    ctl = clingo.Control(["--warn=none"])
    ctl.add("base", [], writ.compiled.text)
    ctl.ground([("base", [])], context=_Inputs(writ.compiled, [inp]))
    _enumerate(ctl, "auto")


def main() -> None:
    parser = argparse.ArgumentParser()
    parser.add_argument("-n", type=int, default=1000, help="number of generated cases")
    args = parser.parse_args()

    t0 = time.perf_counter()
    writ = Writ.load([MINI])
    t_load = time.perf_counter() - t0
    cases = generated_cases(writ, args.n)
    print(f"Writ benchmark — mini law ({len(writ.law.rules)} rules), {len(cases)} generated cases, clingo {clingo.__version__}")
    print(f"  load law (parse, check, compile, clingo parse)   {ms(t_load)}")

    inputs = [prepare(writ.law, c) for c in cases]
    lat = []
    for inp in inputs:
        t = time.perf_counter()
        writ.solver.solve([inp])
        lat.append(time.perf_counter() - t)
    base = []
    for inp in inputs:
        t = time.perf_counter()
        naive(writ, inp)
        base.append(time.perf_counter() - t)
    t = time.perf_counter()
    writ.solver.solve(inputs)
    t_batch = time.perf_counter() - t
    print(f"  per case, law loaded (median of {len(lat)})           {ms(statistics.median(lat))}"
          f"  (mean {ms(statistics.mean(lat)).strip()})")
    print(f"  per case, naive fresh Control + law text (median) {ms(statistics.median(base))}")
    closed = sum(1 for i in inputs if not i.unknown_facts)
    print(f"  per case, one batch of {len(inputs)} ({closed} without unknowns share a grounding) {ms(t_batch / len(inputs))}"
          f"   ({len(inputs) / t_batch:,.0f} cases/s)")

    sample = cases[:200]
    t = time.perf_counter()
    writ.decide_many(sample, explain=False)
    t_plain = (time.perf_counter() - t) / len(sample)
    t = time.perf_counter()
    for c in sample:
        writ.decide(c, explain=True)
    t_expl = (time.perf_counter() - t) / len(sample)
    t = time.perf_counter()
    for c in sample:
        writ.decide(c, explain=False)
    t_single = (time.perf_counter() - t) / len(sample)
    print(f"  decision without explanation, per case            {ms(t_single)}  (batched: {ms(t_plain).strip()})")
    print(f"  decision with explanation, per case               {ms(t_expl)}")

    statutes = ROOT / "statutes"
    try:
        t0 = time.perf_counter()
        full = Writ.load([statutes])
        t_full = time.perf_counter() - t0
        print(f"Bundled statutes: {len(full.law.provisions)} provisions, {len(full.law.rules)} rules, "
              f"{len(full.law.facts)} facts of law")
        print(f"  load law (parse, check, compile, clingo parse)   {ms(t_full)}")
        t0 = time.perf_counter()
        from writ.api import Writ as W
        cases_dir = ROOT / "cases"
        all_w = W.load([cases_dir])
        t_cases_load = time.perf_counter() - t0
        t0 = time.perf_counter()
        all_w.decide_many(all_w.cases, explain=False)
        t_dec = time.perf_counter() - t0
        print(f"  bundled cases: {len(all_w.cases)} decided in one batch   {ms(t_dec)}  (load {ms(t_cases_load).strip()})")
        t0 = time.perf_counter()
        all_w.decide_many(all_w.cases, explain=True)
        t_exp = time.perf_counter() - t0
        print(f"  the same, with explanations and deciding sets    {ms(t_exp)}")
        # one step of `writ ask`: re-decide, then find the next fact worth asking
        [open_case] = [c for c in all_w.cases if c.name == "xpsb_2020_abuse_unstated"]
        iv = all_w.interview(open_case, open_case.expectations[0].atom)
        t0 = time.perf_counter()
        fact, _ = iv.next_fact()
        iv.give(fact, False)
        iv.next_fact()
        t_ask = (time.perf_counter() - t0) / 2
        print(f"  writ ask, per question (XPSB, abuse unstated)    {ms(t_ask)}")
    except Exception as exc:  # the bundled law is reported, not required, here
        print(f"Bundled statutes: not measured ({exc})")


if __name__ == "__main__":
    main()
