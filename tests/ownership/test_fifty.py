"""The native 50 percent rule on hand-built graphs with known answers.

Most structures are OFAC's own illustrations of the rule (Revised Guidance on
Entities Owned by Persons Whose Property and Interests in Property Are Blocked,
2014-08-13, and its FAQs), as encoded in statutes/glomag/blocking.writ and the
cases of cases/glomag/ownership_50_percent.writ.
"""

from __future__ import annotations

import datetime as dt

import numpy as np
import pytest

from writ.ownership import (BIS_AFFILIATES, OFAC_50_PERCENT, FiftyRule, edges_from_columns, explain_chain,
                            fixpoint)
from writ.ownership import fifty

DAY = dt.date(2020, 1, 1)


def graph(*edges):
    """edges: (owner, owned, percent) or (owner, owned, percent, from, until)."""
    cols = list(zip(*[e + (None,) * (5 - len(e)) for e in edges]))
    return edges_from_columns(cols[0], cols[1], cols[2], cols[3], cols[4])


def blocked(g, seeds, day=DAY, rule=OFAC_50_PERCENT):
    return fixpoint(g, day, seeds, rule).blocked_names()


def test_owned_50_percent_by_a_blocked_person_is_blocked():
    assert blocked(graph(("x", "a", "50%")), {"x"}) == {"x", "a"}


def test_49_99_percent_is_not_enough():
    assert blocked(graph(("x", "a", "49.99%")), {"x"}) == {"x"}


def test_blocked_by_the_rule_blocks_the_next_layer():
    # X owns 50% of A; A owns 50% of B: B is blocked (A is a blocked owner one layer down)
    assert blocked(graph(("x", "a", "50"), ("a", "b", "50")), {"x"}) == {"x", "a", "b"}


def test_percentages_are_never_multiplied_along_a_chain():
    # a multiplied stake would be 12.5% of C; OFAC counts each blocked owner's direct stake
    g = graph(("x", "a", "50"), ("a", "b", "50"), ("b", "c", "50"))
    assert blocked(g, {"x"}) == {"x", "a", "b", "c"}


def test_two_blocked_persons_with_25_percent_each_block_in_the_aggregate():
    assert blocked(graph(("x", "a", "25%"), ("y", "a", "25%")), {"x", "y"}) == {"x", "y", "a"}
    assert blocked(graph(("x", "a", "25%"), ("y", "a", "24%")), {"x", "y"}) == {"x", "y"}


def test_only_blocked_owners_count():
    # an unblocked majority owner's 51% does not make X's 49% enough
    assert blocked(graph(("x", "a", "49%"), ("c", "a", "51%")), {"x"}) == {"x"}


def test_an_unblocked_middle_entity_breaks_the_chain():
    # X holds 40% of Middle, which holds 100% of Bottom: neither is blocked
    assert blocked(graph(("x", "middle", "40%"), ("middle", "bottom", "100%")), {"x"}) == {"x"}


def test_direct_and_indirect_stakes_add_up():
    g = graph(("x", "middle", "50%"), ("middle", "bottom", "30%"), ("x", "bottom", "20%"))
    assert blocked(g, {"x"}) == {"x", "middle", "bottom"}


def test_a_cycle_without_a_blocked_stake_is_not_blocked():
    # least fixpoint: A and B own each other 60%, nobody blocked supports the first step
    assert blocked(graph(("a", "b", "60%"), ("b", "a", "60%")), set()) == set()
    assert blocked(graph(("a", "a", "100%")), set()) == set()


def test_a_cycle_with_a_blocked_stake_from_outside_is_blocked():
    g = graph(("x", "a", "50%"), ("a", "b", "60%"), ("b", "a", "40%"))
    assert blocked(g, {"x"}) == {"x", "a", "b"}
    # and the cycle helps: X's 30% plus the blocked B's 40% in A
    g = graph(("x", "a", "30%"), ("x", "b", "50%"), ("b", "a", "40%"), ("a", "b", "10%"))
    assert blocked(g, {"x"}) == {"x", "a", "b"}


@pytest.mark.parametrize("day, expected", [
    (dt.date(2019, 12, 31), {"x"}),  # before the holding starts
    (dt.date(2020, 1, 1), {"x", "a"}),  # its first day (inclusive)
    (dt.date(2020, 12, 31), {"x", "a"}),  # its last day (inclusive)
    (dt.date(2021, 1, 1), {"x"}),  # the day after
])
def test_dated_edges_hold_from_their_first_to_their_last_day(day, expected):
    g = graph(("x", "a", "50%", "2020-01-01", "2020-12-31"))
    assert blocked(g, {"x"}, day) == expected


def test_a_change_of_share_on_a_day():
    g = graph(("x", "a", "30%", None, "2020-06-30"), ("x", "a", "60%", "2020-07-01", None))
    assert blocked(g, {"x"}, dt.date(2020, 6, 30)) == {"x"}
    assert blocked(g, {"x"}, dt.date(2020, 7, 1)) == {"x", "a"}


def test_the_rule_concludes_nothing_before_it_is_in_force():
    g = graph(("x", "a", "100%"))
    assert blocked(g, {"x"}, dt.date(2017, 12, 20)) == {"x"}
    assert blocked(g, {"x"}, dt.date(2017, 12, 21)) == {"x", "a"}


@pytest.mark.parametrize("day, restricted", [
    (dt.date(2025, 9, 28), False),  # before the Affiliates rule's effective date
    (dt.date(2025, 9, 29), True),
    (dt.date(2025, 11, 10), False),  # the one-year suspension
    (dt.date(2026, 11, 9), False),
    (dt.date(2026, 11, 10), True),  # reimposed
])
def test_the_affiliates_rule_aggregates_and_is_suspended(day, restricted):
    g = graph(("listed_1", "sub", "30%"), ("listed_2", "sub", "20%"), ("sub", "subsub", "50%"))
    got = fixpoint(g, day, {"listed_1", "listed_2"}, BIS_AFFILIATES).concluded_names()
    assert got == ({"sub", "subsub"} if restricted else set())


def test_a_seed_can_be_concluded_too():
    # affiliate_restricted(E) is the rule's conclusion: a listed entity 50% owned by a
    # listed entity is one, as the solver says (blocked already covers it for OFAC)
    g = graph(("x", "y", "50%"), ("y", "z", "10%"))
    fp = fixpoint(g, dt.date(2025, 10, 1), {"x", "y"}, BIS_AFFILIATES)
    assert fp.concluded_names() == {"y"} and fp.blocked_names() == {"x", "y"}
    assert explain_chain(fp, "y").text == (
        "y is on the Entity List on 2025-10-01. y is subject to Entity List restrictions as an affiliate under"
        " p744_11_affiliates on 2025-10-01: 50% held by x, at least 50%; on the Entity List: x.")
    assert fp.witness("y").concluded and fp.witness("y").seed and not fp.witness("x").concluded
    assert fixpoint(g, dt.date(2025, 10, 1), "x", BIS_AFFILIATES).blocked_names() == {"x", "y"}  # one name


def test_the_threshold_is_a_parameter():
    g = graph(("x", "a", "25%"))
    assert blocked(g, {"x"}, rule=FiftyRule("p", "covered", "listed", threshold=2500)) == {"x", "a"}
    assert blocked(g, {"x"}, rule=FiftyRule("p", "covered", "listed", threshold=2501)) == {"x"}
    with pytest.raises(ValueError):
        FiftyRule("p", "covered", "listed", threshold=0)


def test_seeds_by_name_by_predicate_or_by_id_and_unknown_seeds():
    g = graph(("x", "a", "50%"), ("y", "b", "50%"))
    assert blocked(g, lambda name: name == "y") == {"y", "b"}
    assert blocked(g, np.array([g.id("x")])) == {"x", "a"}
    fp = fixpoint(g, DAY, {"x", "nobody_here"})
    assert fp.unknown_seeds == ("nobody_here",)
    assert fp.is_blocked("nobody_here") and fp.is_blocked("a") and not fp.is_blocked("b")


def test_vectorised_and_node_by_node_steps_agree(monkeypatch):
    rng = np.random.default_rng(7)
    n = 3000
    owner = rng.integers(0, n, 6000)
    owned = rng.integers(0, n, 6000)
    keep = np.unique(owner * n + owned, return_index=True)[1]
    owner, owned = owner[keep], owned[keep]
    share = rng.choice([1000, 2500, 5000], len(owner))
    # at most 100% per owned entity: keep the first edges up to 100%
    order = np.argsort(owned, kind="stable")
    run = np.zeros(len(owner), np.int64)
    for pos, i in enumerate(order):
        run[i] = share[i] + (run[order[pos - 1]] if pos and owned[order[pos - 1]] == owned[i] else 0)
    ok = run <= 10000
    names = [f"n{i}" for i in range(n)]
    g = edges_from_columns([names[i] for i in owner[ok]], [names[i] for i in owned[ok]],
                           [str(s / 100) for s in share[ok]])
    seeds = {f"n{i}" for i in range(0, n, 15)}
    mixed = fixpoint(g, DAY, seeds)
    results = {}
    for small in (1, 10**9):  # every step vectorised; every step one node at a time
        monkeypatch.setattr(fifty, "SMALL_FRONTIER", small)
        results[small] = fixpoint(g, DAY, seeds)
    assert mixed.blocked_names() == results[1].blocked_names() == results[10**9].blocked_names()
    assert len(mixed.blocked_names()) > len(seeds) + 50
    assert (mixed.sums == results[1].sums).all() and (mixed.sums == results[10**9].sums).all()
    for name in sorted(mixed.blocked_names() - seeds)[:100]:  # every witness reaches 50%
        assert mixed.witness(name).total.hundredths >= 5000


# ---- witnesses ---------------------------------------------------------------------------
def test_the_witness_reads_the_chain_of_stakes():
    g = graph(("x", "a", "50%"), ("a", "b", "40%"), ("x", "b", "10%"))
    chain = explain_chain(fixpoint(g, DAY, {"x"}), "b")
    assert chain.text == ("b is blocked under ofac_583_411 on 2020-01-01: 40% held by a (blocked: 50% held by x)"
                          " + 10% held by x = 50%, at least 50%; blocked by listing (SDN List, GLOMAG tag) or by the Annex: x.")
    w = chain.witness
    assert [(s.owner, str(s.share), s.owner_seed, s.row) for s in w.stakes] == [("a", "40%", False, 2), ("x", "10%", True, 3)]
    assert str(w.total) == "50%" and set(chain.witnesses) == {"b", "a"}
    assert chain.as_dict()["witnesses"]["a"]["stakes"] == [{"owner": "x", "share": "50%", "owner_seed": True, "row": 1}]


def test_the_witness_of_a_no_names_the_blocked_stakes_and_the_shortfall():
    g = graph(("x", "a", "25%"), ("y", "a", "24%"), ("c", "a", "51%"))
    chain = explain_chain(fixpoint(g, DAY, {"x", "y"}), "a")
    assert chain.text == "a is not blocked under ofac_583_411 on 2020-01-01: 25% held by x + 24% held by y = 49%, below 50%."
    assert not chain.witness.concluded


def test_the_witness_on_a_cycle_is_well_founded():
    # B's 40% of A is blocked too, but A was reached through X alone: the witness of A
    # must not rest on B, which rests on A
    g = graph(("x", "a", "50%"), ("a", "b", "60%"), ("b", "a", "40%"))
    fp = fixpoint(g, DAY, {"x"})
    assert [s.owner for s in fp.witness("a").stakes] == ["x"]
    assert int(fp.sums[g.id("a")]) == 9000  # the full blocked aggregate is still known
    assert explain_chain(fp, "b").text.endswith("60% held by a (blocked: 50% held by x), at least 50%; blocked by listing (SDN List, GLOMAG tag) or by the Annex: x.")


def test_the_affiliates_wording():
    g = graph(("hik", "sub", "60%"), ("sub", "subsub", "50%"))
    fp = fixpoint(g, dt.date(2025, 10, 15), {"hik"}, BIS_AFFILIATES)
    assert explain_chain(fp, "subsub").text == (
        "subsub is subject to Entity List restrictions as an affiliate under p744_11_affiliates on 2025-10-15:"
        " 50% held by sub (restricted: 60% held by hik), at least 50%; on the Entity List: hik.")
    assert explain_chain(fp, "hik").text == "hik is on the Entity List on 2025-10-15."
    suspended = fixpoint(g, dt.date(2026, 1, 15), {"hik"}, BIS_AFFILIATES)
    assert explain_chain(suspended, "sub").text == (
        "sub is not subject to Entity List restrictions as an affiliate under p744_11_affiliates on 2026-01-15:"
        " 60% held by hik, below 50%; the rule does not apply on that day.")


def test_a_shared_owner_is_expanded_once():
    g = graph(("x", "m", "50%"), ("m", "p", "50%"), ("m", "q", "50%"), ("p", "t", "30%"), ("q", "t", "30%"))
    text = explain_chain(fixpoint(g, DAY, {"x"}), "t").text
    assert text.count("held by m (blocked: 50% held by x)") == 1
    assert "held by m (blocked, as above)" in text


def test_a_10000_link_chain():
    n = 10_000
    names = [f"c{i}" for i in range(n + 1)]
    g = edges_from_columns(names[:-1], names[1:], ["100"] * n)
    fp = fixpoint(g, DAY, {"c0"})
    assert int(fp.level.max()) == n and fp.is_blocked(f"c{n}")
    chain = explain_chain(fp, f"c{n}")
    assert chain.text.count("(blocked: ") == n - 1 and len(chain.witnesses) == n
