"""Identifiers of parties (`identify P by KIND VALUE.`) weighed by list matching, end to end: a
case file decided against a small SDN list in OFAC's own CSV format (tests/fixtures/lists/sdn,
whose GERTLER, Dan entry 23252 is the real one: DOB 23 Dec 1973, nationality Israel, alt.
nationality Congo, passport 10945182)."""

import datetime as dt

import pytest

from conftest import FIXTURES

from writ.decide.engine import Engine
from writ.lists.catalog import Catalog

CASE = """use glomag

case dg "Dan Gertler, identified" as of 2018-12-19
  person dg "{name}".
{ids}
  question blocked(dg).
"""


@pytest.fixture(scope="module")
def engine(tmp_path_factory):
    path = tmp_path_factory.mktemp("ids") / "blank.writ"
    path.write_text("use glomag\n")
    e = Engine.load([path])
    e.catalog = Catalog.load([FIXTURES / "lists" / "sdn"], as_of=dt.date(2018, 12, 19))
    return e


def decide(engine, name: str, *ids: str):
    [case] = engine.cases_from_text(CASE.format(name=name, ids="\n".join(f"  identify dg by {i}." for i in ids)))
    [result] = engine.decide(case).results
    return result


def explanation(result) -> str:
    """Everything the answer says: its tree, its failed conditions and their details."""
    return result.model_dump_json()


def test_an_agreeing_passport_number_confirms_and_the_answer_cites_it(engine):
    r = decide(engine, "Dan Gertler", 'passport "10945182"')
    assert r.answer.value == "yes"
    assert "the number 10945182 equals the listed Passport 10945182" in explanation(r)


def test_a_name_alone_exactly_equal_is_listed_as_before(engine):
    assert decide(engine, "Dan Gertler").answer.value == "yes"


def test_another_year_of_birth_rules_the_entry_out_and_the_no_says_so(engine):
    r = decide(engine, "Dan Gertler", "date_of_birth 1960-01-01")
    assert r.answer.value == "no"
    [detail] = [f.detail for f in r.why_not if f.detail and "identifier ruled the entry out" in f.detail]
    assert "SDN entry 23252 is not dg" in detail and "born 1960; the listed 'GERTLER, Dan' was born 23 Dec 1973" in detail


def test_another_nationality_rules_out_and_a_shared_one_agrees(engine):
    other = decide(engine, "Dan Gertler", "nationality russia")
    assert other.answer.value == "no" and "nationality Russia; the listed 'GERTLER, Dan' is a national of" in explanation(other)
    # a dual national: one of the two nationalities is the listed one
    dual = decide(engine, "Dan Gertler", "nationality russia", "nationality israel")
    assert dual.answer.value == "yes"


def test_the_same_year_but_another_day_lowers_an_exact_match_to_undetermined(engine):
    r = decide(engine, "Dan Gertler", "date_of_birth 1973-12-24")
    assert r.answer.value == "undetermined"
    assert "lowered to a possible match: born 1973-12-24" in explanation(r)


def test_the_same_date_of_birth_keeps_the_match_and_says_it_agrees(engine):
    r = decide(engine, "Dan Gertler", "date_of_birth 1973-12-23")
    assert r.answer.value == "yes" and "the date of birth 1973-12-23 agrees with the listed 23 Dec 1973" in explanation(r)


def test_a_name_only_possible_match_is_undetermined_and_names_what_would_decide(engine):
    r = decide(engine, "Dan Gertlar")
    assert r.answer.value == "undetermined"
    [detail] = [f.detail for f in r.why_not if f.detail and f.detail.startswith("possibly listed")]
    assert "SDN entry 23252" in detail and "date of birth 23 Dec 1973" in detail
    assert "`identify dg by sdn_uid 23252` if it is the entry" in detail


def test_the_entry_number_confirms_a_possible_match_and_finds_an_entry_the_name_does_not(engine):
    assert decide(engine, "Dan Gertlar", "sdn_uid 23252").answer.value == "yes"
    r = decide(engine, "D. Gertler-Fleurette", "sdn_uid 23252")
    assert r.answer.value == "yes" and "identifies the party by its SDN entry number 23252, listed as 'GERTLER, Dan'" in explanation(r)


def test_another_sdn_entry_number_rules_the_name_match_out(engine):
    r = decide(engine, "Dan Gertler", "sdn_uid 99999")
    assert r.answer.value == "no"
    assert "the party is SDN entry 99999; the listed 'GERTLER, Dan' is SDN entry 23252" in explanation(r)


def test_a_tax_number_in_the_consolidated_screening_list_confirms_a_misspelt_name(engine):
    """The CSL's CSV format (tests/fixtures/lists/csl/csl.csv): XPSB's record gives a tax ID."""
    csl = Engine(engine.law, engine.compiled, engine.solver, engine.loaded,
                 catalog=Catalog.load([FIXTURES / "lists" / "csl" / "csl.csv"], as_of=dt.date(2026, 7, 31)))
    text = ('use glomag\ncase x "XPSB" as of 2026-07-31\n  entity psb "Xinjang Public Security Bureau".\n{}'
            '  question blocked(psb).\n')
    [alone] = csl.cases_from_text(text.format(""))
    [taxed] = csl.cases_from_text(text.format('  identify psb by tax_id "1234567".\n'))
    assert csl.decide(alone).results[0].answer.value == "undetermined"
    r = csl.decide(taxed).results[0]
    assert r.answer.value == "yes" and "identity confirmed: the number 1234567 equals the listed Tax ID No. 1234567" in explanation(r)
