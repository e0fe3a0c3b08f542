"""Explanations stay near-linear in what they explain, and never fail on a deep derivation.

The chains are built as cases of the real bundled law: an SDN-listed entity at the top,
each entity owning 60% of the next (31 CFR 583.411 blocks every one of them).
"""

import copy
import gc
import io
import random
import time
import weakref

import pytest

from writ.api import Writ
from writ.decision import Answer, Report
from writ.explain import Explainer
from writ.render.terminal import decision_renderable, make_console, render_memo
from writ.solve.solver import prepare
from writ.syntax import fastpath
from writ.syntax.parser import _lark


@pytest.fixture(scope="module")
def law():
    return Writ.load()


def chain(law: Writ, links: int):
    lines = ["use glomag", "", "case chain as of 2020-01-01"]
    lines += [f"  entity e_{i}." for i in range(links + 1)]
    lines.append("  listed_sdn(e_0, glomag) from 2019-01-01.")
    lines += [f"  owns(e_{i}, e_{i + 1}, 60%)." for i in range(links)]
    lines.append(f"  question blocked(e_{links}).")
    [case] = law.cases_from_text("\n".join(lines) + "\n", "chain.writ")
    return case


def test_a_10000_link_chain_explains_without_the_quadratic_cost(law):
    # the explainer alone: near-linear (the quadratic one took 1 s for 400 links, ~20 s for 2,000)
    case = chain(law, 10_000)
    inp = prepare(law.law, case)
    [cons] = law.solver.solve([inp])
    q = case.questions[0]
    start = time.perf_counter()
    result = Explainer(law.compiled, inp, cons).answer(q, law.compiled.atom_symbol(cons.index, q))
    elapsed = time.perf_counter() - start
    assert result.answer is Answer.yes
    assert elapsed < 60.0, f"explaining a 10,000-link chain took {elapsed:.2f} s"
    assert len(result.facts_used) == 10_001  # every owns fact and the listing, below the cut too
    assert result.not_explained and "blocked(e_" in result.not_explained[0]


def test_an_explainer_is_freed_by_reference_counting_not_left_to_the_cycle_collector(law):
    # its parts reach back through a weak proxy: with the collector off, dropping it frees it and its
    # worlds at once (as a cycle they stayed until the next collection traced them all: a quarter of
    # a 10,000-link chain's time)
    case = chain(law, 50)
    inp = prepare(law.law, case)
    [cons] = law.solver.solve([inp])
    q = case.questions[0]
    was = gc.isenabled()
    gc.disable()
    try:
        ex = Explainer(law.compiled, inp, cons)
        result = ex.answer(q, law.compiled.atom_symbol(cons.index, q))
        alive = [weakref.ref(ex), weakref.ref(ex.certain), weakref.ref(ex.ev), weakref.ref(ex._deriver)]
        del ex
        assert [r() is None for r in alive] == [True] * 4
    finally:
        if was:
            gc.enable()
    assert result.answer is Answer.yes and len(result.facts_used) == 51  # the answer outlives its explainer


def test_a_10000_link_chain_checks_decides_and_explains_in_seconds(law):
    # issue 10's bound. Measured (CPU, 2 cores, benchmarks/chain_case_bench.py, 2026-12-02, interleaved with
    # the commit before on a machine shared with another agent's test run): decide 0.45-0.63 s (1.0-1.2 s before),
    # decide+explain 2.5-3.3 s (4.0-5.2 s before, 3.7 s on the quiet machine of the morning), check 1.0-1.7 s. Lazy worlds, one
    # decoding per firing and symbol-number memos did it; what is left is reading 30,000 symbols through clingo's
    # Python API (~10 us each) and matching 10,000 sums in Python. The 2 s is not met on this machine.
    # The bound is many times the figure: it catches the return of the grounded sum (14 s to decide), not noise;
    # the parse's fast path is held by the next test, which does not time it.
    start = time.process_time()
    case = chain(law, 10_000)
    decision = law.decide(case)
    elapsed = time.process_time() - start
    assert [r.answer for r in decision.results] == [Answer.yes]
    assert decision.results[0].explanation.provision.id == "ofac_583_411"
    assert elapsed < 40.0, f"checking, deciding and explaining a 10,000-link chain took {elapsed:.2f} s of CPU"


def test_a_10000_link_chain_is_read_by_the_parser_s_fast_path(law):
    # all but the first line after the header (and the listing, which has a validity): not one Lark parse each
    lines = [f"  entity e_{i}." for i in range(10_001)] + [f"  owns(e_{i}, e_{i + 1}, 60%)." for i in range(10_000)]
    text = "use glomag\n\ncase chain as of 2020-01-01\n" + "\n".join(lines) + "\n  question blocked(e_10000).\n"
    rest, facts = fastpath.split(text, "chain.writ", fastpath.keywords(_lark()))
    assert len(facts) == 20_000 and rest.split("\n")[3] == "  entity e_0." and rest.count("owns(") == 0


def test_a_500_level_chain_explains_renders_and_serialises(law):
    case = chain(law, 500)
    decision = law.decide(case)
    [result] = decision.results
    assert result.answer is Answer.yes
    depth, node = 1, result.explanation
    while node.children:
        node = node.children[-1]
        depth += 1
    assert node.kind == "cut" and depth <= 60
    assert "is not shown here (a tree shows 60 levels, Limits.tree_depth; ask about blocked(e_" in node.reading
    assert result.not_explained == [f"the derivation is cut at {node.statement}: {node.reading}"]
    text = Report(decisions=[decision]).model_dump_json(indent=2)  # pydantic refuses about 250 levels
    assert Report.model_validate_json(text).decisions[0].results[0].explanation == result.explanation  # and reads back
    out = io.StringIO()
    make_console(file=out).print(decision_renderable(decision))
    assert "… 42 more levels not shown here" in out.getvalue() and "(the terminal shows 16; --json" in out.getvalue()
    assert "not explained: the derivation is cut at blocked(e_" in out.getvalue()
    assert "Not explained: the derivation is cut at blocked(e_" in render_memo(decision)


UNKNOWNS = """use glomag

case unsettled as of 2020-07-09
  entity x "X Bureau".
  act a "an act of abuse".
  x is a foreign person.
  a is serious human rights abuse.
  unknown x engaged in a.
  unknown x is responsible for a.
  unknown x is complicit in a.
  question meets_criteria(x).
"""


def test_shuffled_facts_give_byte_identical_json(law):
    # the deciding set's facts were listed in the order the case stated its unknowns
    [case] = law.cases_from_text(UNKNOWNS, "unsettled.writ")
    first = law.decide(case).model_dump_json(indent=2)
    assert '"deciding": [\n' in first and first.count('"question": "') >= 3
    orders = set()
    for seed in range(6):
        shuffled = copy.copy(case)
        shuffled.facts = list(case.facts)
        random.Random(seed).shuffle(shuffled.facts)
        orders.add(tuple(f.atom for f in shuffled.facts))
        assert law.decide(shuffled).model_dump_json(indent=2) == first
    assert len(orders) > 1
