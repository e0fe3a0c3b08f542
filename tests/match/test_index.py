"""The name index: exact keys, deduplicated aliases, and blocking that finds one-edit names."""

import pytest
from test_screen import entry

from writ.match.index import NameIndex
from writ.match.normalise import normalise


@pytest.fixture(scope="module")
def index():
    return NameIndex([
        entry("1", "HIKVISION", type="entity", aliases=["Hikvision", "HIK-VISION"]),
        entry("2", "KADYROV, Ramzan Akhmatovich"),
        entry("3", "BANK MELLI IRAN", type="entity"),
        entry("4", "MELLI BANK PLC", type="entity"),
    ])


def test_aliases_equal_after_normalisation_are_kept_once(index):
    hik = [n for n in index.names if n.entry.entry_id == "1"]
    assert [(n.listed, n.alias) for n in hik] == [("HIKVISION", False), ("HIK-VISION", True)]


def test_exact_keys_and_word_order(index):
    assert index.lookup(normalise("hikvision")) == [(0, "ordered")]
    [(i, how)] = index.lookup(normalise("Ramzan Akhmatovich Kadyrov"))
    assert index.names[i].entry.entry_id == "2" and how == "unordered"
    # Entities keep their word order: "Melli Bank" is not "Bank Melli".
    assert [index.names[i].entry.entry_id for i, _ in index.lookup(normalise("Melli Bank"))] == ["4"]


@pytest.mark.parametrize("slip", ["KADYROV Ramzan Akhmatovih", "KADYROV Ramzan Akhmatovitch", "KADYROV Ramzan Akhmatowich", "KADYROV Ramzan Akhmatvoich"])
def test_one_edit_in_a_word_is_a_candidate(index, slip):
    assert [index.names[i].entry.entry_id for i in index.candidates(normalise(slip))] == ["2"]


@pytest.mark.parametrize("spacing", ["HIK VISION", "HIKVIS ION"])
def test_words_joined_or_split_are_candidates(index, spacing):
    assert 0 in index.candidates(normalise(spacing))


def test_a_name_sharing_one_common_word_is_no_candidate(index):
    assert index.candidates(normalise("Bank of Nowhere")) == []
    assert sorted(index.names[i].entry.entry_id for i in index.candidates(normalise("Bank Melli"))) == ["3", "4"]


def test_the_threshold_prunes_what_cannot_reach_it(index):
    # "Ramzan Kadyrov" covers 13 of the listed 24 letters; its whole query is covered.
    assert index.candidates(normalise("Ramzan Kadyrov"), cover_at_least=0.9) != []
    assert index.candidates(normalise("Ramzan Kadyrov Junior"), cover_at_least=0.9) == []
