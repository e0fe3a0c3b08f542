"""The hand-typed Entity List entries of statutes/ear/part744/entity_list.writ, checked against the
Federal Register, are the test of the importer: the same parties, found by name in the imported
Consolidated Screening List, listed from the same date and not the day before, citing the same rule."""

import datetime as dt

import pytest

from writ import model as M
from writ.api import Writ
from writ.decide.listings import Listings
from writ.lists.catalog import Catalog
from writ.lists.fr_dates import ENTRY_PAGES

pytestmark = pytest.mark.xdist_group("bundled-lists")

# where the imported list and the Federal Register disagree, the statute's hand-checked entry holds
DISAGREE = {
    # listed in the CSL under a name the statute's display name does not equal
    "mps_forensic_institute",
}


@pytest.fixture(scope="module")
def setup():
    law = Writ.load().law
    listings = Listings(law, Catalog.bundled())
    listings.law_stated = set()  # import as if the statute stated nothing
    hand: dict[str, list] = {}
    for p in law.provisions.values():
        if p.module == "ear/part744/entity_list":
            for f in p.facts:
                if f.atom.pred in ("entity_listed", "el_citation") and isinstance(f.atom.args[0], M.Name):
                    hand.setdefault(f.atom.args[0].id, []).append(f)
    return law, listings, hand


def test_the_hand_typed_entries_are_the_imported_ones(setup):
    law, listings, hand = setup
    assert len(hand) >= 39
    agree = []
    for name, facts in sorted(hand.items()):
        if name in DISAGREE:
            continue
        c = law.constants[name]
        start = min(f.valid_from for f in facts if f.valid_from)
        cited = {f.atom.args[1] for f in facts if f.atom.pred == "el_citation"}
        on = listings.for_case(M.Case("c", None, start, [], [], [], {}, None, "x"), {name: (c.type, c.display)})
        before = listings.for_case(M.Case("c", None, start - dt.timedelta(days=1), [], [], [], {}, None, "x"),
                                   {name: (c.type, c.display)})
        listed = M.GroundAtom("entity_listed", (M.Name(name), M.Name("china")))
        # listed on the statute's date: surely (one rule cited) or possibly (several, in no reliable
        # order), never "not listed"; and not listed before the earliest rule the record cites
        assert on.sources.get(listed) is not None, (name, start)
        if len([a for a in on.sources if a.pred == "el_citation"]) == 1:
            assert on.sources[listed].holds == "true", (name, start)
        if listed in before.sources:  # the record cites a rule earlier than the one that added it
            assert before.sources[listed].holds == "unknown", name
        got = {ENTRY_PAGES.get(a.args[1], a.args[1]) for a in on.sources if a.pred == "el_citation"}
        assert cited & got, (name, cited, got)
        agree.append(name)
    assert len(agree) == len(hand) - len(DISAGREE)


def test_where_the_import_disagrees_the_statute_holds(setup):
    law, listings, hand = setup
    listings.law_stated = {(f.atom.pred, f.atom.args[0]) for f in law.facts if f.atom.args}
    c = law.constants["netposa"]  # added June 5, 2020 (85 FR 34503), its record cites 84 FR 54004 first
    got = listings.for_case(M.Case("c", None, dt.date(2020, 1, 1), [], [], [], {}, None, "x"), {"netposa": (c.type, c.display)})
    assert not any(a.pred == "entity_listed" for a in got.sources)  # the statute's entry holds
