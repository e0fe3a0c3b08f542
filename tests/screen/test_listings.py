"""The bundled lists applied to parties: matched by name, dated, each fact with its source."""

import datetime as dt

import pytest

from writ import model as M
from writ.api import Writ
from writ.decide.listings import Listings
from writ.lists.catalog import Catalog

pytestmark = pytest.mark.xdist_group("bundled-lists")


@pytest.fixture(scope="module")
def listings():
    return Listings(Writ.load().law, Catalog.bundled())


def facts(listings, name, typ, day):
    case = M.Case("c", None, day, [], [], [], {}, None, "x")
    return listings.for_case(case, {"p": (typ, name)})


def test_xinjiang_psb_dated_by_the_sdn_snapshots(listings):
    """Absent from the 2018-12 snapshot, present in 2021-07: no designation date in the files."""
    atom = M.GroundAtom("listed_sdn", (M.Name("p"), M.Name("glomag")))
    assert atom not in facts(listings, "Xinjiang Public Security Bureau", "entity", dt.date(2018, 12, 19)).sources
    assert facts(listings, "Xinjiang Public Security Bureau", "entity", dt.date(2021, 7, 7)).sources[atom].holds == "true"
    between = facts(listings, "Xinjiang Public Security Bureau", "entity", dt.date(2020, 1, 1)).sources[atom]
    assert between.holds == "unknown" and "effective date" in between.would_decide


def test_an_entity_list_party_of_85_fr_44159_is_listed_from_its_effective_date(listings):
    before = facts(listings, "Hetian Taida Apparel Co., Ltd.", "entity", dt.date(2020, 7, 21))
    on = facts(listings, "Hetian Taida Apparel Co., Ltd.", "entity", dt.date(2020, 7, 22))
    listed = M.GroundAtom("entity_listed", (M.Name("p"), M.Name("china")))
    assert listed not in before.sources and "85 FR 44159" in before.not_in_effect[0]
    assert on.sources[listed].holds == "true" and on.sources[listed].list == "EL"
    assert M.GroundAtom("el_all_items", (M.Name("p"),)) in on.true


@pytest.mark.parametrize("name", ["Hangzhou Hikvision Digital Technology Co., Ltd.", "Dahua Technology", "Sense Time",
                                  "Megvii Technology", "IFLYTEK", "Yitu Technologies",
                                  "Xiamen Meiya Pico Information Co. Ltd.", "Yixin Science and Technology Co. Ltd."])
def test_the_2019_surveillance_companies_are_on_the_entity_list_with_their_policy(listings, name):
    got = facts(listings, name, "entity", dt.date(2026, 7, 31))  # the snapshot's own date
    preds = {a.pred for a in got.true}
    assert {"entity_listed", "el_all_items", "el_policy_of", "el_default_policy"} <= preds, (name, got.sources.keys())
    policy = next(a for a in got.true if a.pred == "el_default_policy")
    assert policy.args[1] == M.Name("presumption_of_denial")
    assert any(a.pred == "el_citation" and a.args[1] == "84 FR 54002" for a in got.true)


def test_a_date_between_the_rules_an_entry_cites_is_undetermined(listings):
    """Megvii's record cites 84 FR 54002, 85 FR 44159 and 87 FR 62202, in no reliable order (records
    of entries added in June 2020 cite the October 2019 rule too): in 2021 the list alone cannot
    say which rule added it (the hand-checked statute can, and holds over the list)."""
    listings_alone = Listings.__new__(Listings)
    listings_alone.__dict__.update(listings.__dict__, law_stated=set())
    got = facts(listings_alone, "Megvii Technology", "entity", dt.date(2021, 1, 1))
    listed = M.GroundAtom("entity_listed", (M.Name("p"), M.Name("china")))
    assert got.sources[listed].holds == "unknown"
    assert "84 FR 54002" in got.sources[listed].would_decide and "87 FR 62202" in got.sources[listed].would_decide
    assert listed not in facts(listings_alone, "Megvii Technology", "entity", dt.date(2019, 10, 8)).sources


def test_a_possible_match_is_never_silently_listed(listings):
    got = facts(listings, "Xinjiang Public Securty Bureau", "entity", dt.date(2024, 5, 3))
    assert got.true == [] and got.unknown
    assert all(s.match == "possible" and "confirm the identity" in s.would_decide for s in got.sources.values())


def test_a_listing_the_case_states_is_the_case_s(listings):
    case = M.Case("c", None, dt.date(2020, 1, 1), [M.Fact(M.GroundAtom("listed_sdn", (M.Name("p"), M.Name("glomag"))), "true",
                                                         dt.date(2020, 7, 9), None, None, "c")], [], [], {}, None, "x")
    got = listings.for_case(case, {"p": ("entity", "Xinjiang Public Security Bureau")})
    assert not any(a.pred == "listed_sdn" for a in got.sources)
