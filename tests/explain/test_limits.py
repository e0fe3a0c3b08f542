"""Explanation-size limits: a search that reaches one stops, and the answer says what it left out."""

from writ import model as M
from writ.explain import Limits, Settled, deciding_sets
from writ.explain.limits import DECIDING_CHECKS, DECIDING_UNKNOWNS


def atoms(n, pred="engaged_in"):
    return [M.GroundAtom(pred, (M.Name(f"p_{i:03d}"), M.Name("a"))) for i in range(n)]


def test_the_unknowns_weighed_are_limited_and_the_rest_named(mini):
    calls = []

    def decide(assignment):
        calls.append(assignment)
        return Settled.undetermined  # nothing decides: the search would try everything

    found = deciding_sets(mini.law, atoms(DECIDING_UNKNOWNS + 7), decide, {}, limits=Limits(deciding_checks=10_000))
    assert list(found) == []
    assert {a for c in calls for a, _ in c} == set(atoms(DECIDING_UNKNOWNS))  # the first ones, in a stable order
    assert found.left_out == [f"deciding sets: 7 of the {DECIDING_UNKNOWNS + 7} unknown facts this answer can rest on "
                              f"were not weighed (Limits.deciding_unknowns is {DECIDING_UNKNOWNS})"]


def test_the_search_stops_after_its_checks_and_says_so(mini):
    calls = []

    def decide(assignment):
        calls.append(assignment)
        return "undetermined"  # the orchestration's strings are still understood

    found = deciding_sets(mini.law, atoms(12), decide, {}, limits=Limits(deciding_checks=30))
    assert len(calls) == 30
    assert found.left_out == ["deciding sets: the search stopped after 30 assignments of unknown facts "
                              "(Limits.deciding_checks); none was found by then, and smaller or other sets may exist"]
    assert DECIDING_CHECKS > 381  # the bundled cases' largest search (xpsb_2020's triples) is never cut


def test_a_search_within_the_limits_says_nothing(mini):
    def decide(assignment):
        return Settled.yes if any(v for _, v in assignment) else Settled.no

    found = deciding_sets(mini.law, atoms(3), decide, {})
    assert len(found) == 3 and found.left_out == []
