"""The encoding's conversions between Writ values and clingo symbols, both ways, and what its memos rely on."""

import datetime as dt

import clingo
import pytest

from writ.compile import encoding as enc
from writ.core.values import Name, Percent


def test_equal_symbols_have_one_number_in_clingo_s_table():
    # the memos key symbols by `_rep`: sound only while clingo keeps one copy of each symbol
    made = [clingo.Function("c_e_1"), clingo.Function("c_e_1", []), clingo.parse_term("c_e_1")]
    assert len({s._rep for s in made}) == 1
    nested = [clingo.Function("p_owns", [clingo.Number(0), clingo.Function("c_a"), clingo.Number(6000)]),
              clingo.parse_term("p_owns(0,c_a,6000)")]
    assert nested[0]._rep == nested[1]._rep
    assert clingo.Function("c_e_1")._rep != clingo.Function("c_e_2")._rep
    assert clingo.Number(5)._rep != clingo.String("5")._rep


@pytest.mark.parametrize("value, typ", [
    (Name("e_1"), "entity"), (Name("_act"), "act"), (7, "number"), (-3, "number"),
    (Percent(5000), "percent"), (Percent(1), "percent"), (dt.date(2020, 1, 1), "date"),
    ("a text, with (parentheses) and \"quotes\"", "text"),
])
def test_a_value_reads_back_from_its_symbol(value, typ):
    sym = enc.value_symbol(value)
    assert enc.value_symbol(value) == sym  # remembered or not, the same symbol
    assert enc.symbol_value(sym, typ) == value
    assert type(enc.symbol_value(sym, typ)) is type(value)


def test_a_symbol_of_another_kind_than_its_slot_is_read_as_what_it_is():
    # the checker gives every slot one type; should a number reach a name's slot, it is not misread as a name
    assert enc.symbol_value(clingo.Number(3), "party") == 3
    assert enc.symbol_value(clingo.String("x"), "entity") == "x"
    assert enc.symbol_value(clingo.Function("c_b"), None) == Name("b")


def test_a_date_past_the_calendar_is_its_day_number():
    far = dt.date.max.toordinal() + 10
    assert enc.symbol_value(clingo.Number(far), "date") == far


def test_a_firing_symbol_is_the_one_the_program_shows():
    assert enc.firing_symbol(12, 0, [Name("e_7"), Percent(5000)]) == clingo.parse_term("r12(0,c_e_7,5000)")
    assert enc.decode_name(clingo.parse_term("r12(0,c_e_7,5000)")) == enc.Decoded("fired", 12)
    assert enc.rule_number(clingo.parse_term("x12(0,c_e_7)")) is None
