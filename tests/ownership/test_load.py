"""Loading ownership edges: what is read, and what is refused at which line."""

from __future__ import annotations

import datetime as dt

import polars as pl
import pytest

from writ.core.diagnostics import WritError
from writ.ownership import edges_from_columns, fixpoint, load_edges
from writ.ownership.load import MAX_PER_CODE

HEAD = "owner,owned,percent,from,until\n"


def write(tmp_path, text, name="edges.csv"):
    p = tmp_path / name
    p.write_bytes(text.encode())
    return p


def refused(path_or_call):
    with pytest.raises(WritError) as e:
        path_or_call() if callable(path_or_call) else load_edges(path_or_call)
    return [(d.code, d.span.line, d.message, d.hint) for d in e.value.diagnostics]


def test_a_csv_is_read_with_its_percents_dates_and_lines(tmp_path):
    g = load_edges(write(tmp_path, HEAD + "x,a,50,,\nx,b,12.5%,2020-01-01,2020-12-31\n y , c , 0.01 % ,,\n"))
    assert g.names == ("a", "b", "c", "x", "y")  # ids in sorted name order; names stripped
    edges = {(g.names[o], g.names[t]): (int(s), int(r)) for o, t, s, r in zip(g.owner, g.owned, g.share, g.rows)}
    assert edges == {("x", "a"): (5000, 2), ("x", "b"): (1250, 3), ("y", "c"): (1, 4)}
    assert fixpoint(g, dt.date(2021, 1, 1), {"x"}).blocked_names() == {"x", "a"}


def test_from_and_until_columns_may_be_left_out(tmp_path):
    g = load_edges(write(tmp_path, "Owner, OWNED ,percent\nx,a,50%\n"))
    assert g.n_edges == 1 and fixpoint(g, dt.date(2020, 1, 1), {"x"}).is_blocked("a")


def test_a_missing_column_is_named_with_a_hint(tmp_path):
    [(code, line, message, hint)] = refused(write(tmp_path, "owner,owned,percnt\nx,a,50\n"))
    assert (code, line, message) == ("E702", 1, f"the column 'percent' is missing from {tmp_path / 'edges.csv'}")
    assert hint == "did you mean 'percnt'?"


@pytest.mark.parametrize("row, code, message", [
    ("x,a,fifty,,", "E704", "'fifty' is not a percent"),
    ("x,a,,,", "E704", "'' is not a percent"),
    ("x,a,12.345%,,", "E704", "'12.345%' is finer than a hundredth of a percent"),
    ("x,a,-5%,,", "E705", "the share '-5%' is negative"),
    ("x,a,100.01%,,", "E705", "the share '100.01%' is more than 100%"),
    ("x,a,50,2020-02-30,", "E706", "'2020-02-30' in the 'from' column is not a date"),
    ("x,a,50,,31/12/2020", "E706", "'31/12/2020' in the 'until' column is not a date"),
    ("x,a,50,2021-01-01,2020-12-31", "E707", "the period ends (2020-12-31) before it starts (2021-01-01)"),
    (",a,50,,", "E703", "the owner name is empty"),
])
def test_a_bad_row_is_refused_at_its_line(tmp_path, row, code, message):
    diags = refused(write(tmp_path, HEAD + "x,b,50,,\n" + row + "\n"))
    assert [(c, ln, m) for c, ln, m, _ in diags] == [(code, 3, message)]
    assert diags[0][3]  # every refusal carries a hint


def test_trailing_zeros_are_not_finer_than_a_hundredth(tmp_path):
    g = load_edges(write(tmp_path, HEAD + "x,a,12.500%,,\n"))
    assert int(g.share[0]) == 1250


def test_one_owner_stated_twice_with_different_shares_is_a_contradiction(tmp_path):
    [(code, line, message, hint)] = refused(write(tmp_path, HEAD + "x,a,30,,\ny,a,10,,\nx,a,40,2020-01-01,\n"))
    assert (code, line) == ("E708", 4)
    assert message == "x is stated twice as an owner of a for overlapping periods: 30% on line 2 and 40% on line 4 (a contradiction)"
    assert "until" in hint


def test_a_change_of_share_in_consecutive_periods_is_not_a_contradiction(tmp_path):
    g = load_edges(write(tmp_path, HEAD + "x,a,30,,2020-06-30\nx,a,60,2020-07-01,\ny,a,40,,2020-06-30\n"))
    assert g.n_edges == 3
    # ... but one day of overlap is
    [(code, line, _, _)] = refused(write(tmp_path, HEAD + "x,a,30,,2020-07-01\nx,a,60,2020-07-01,\n"))
    assert (code, line) == ("E708", 3)


def test_shares_summing_over_100_percent_on_a_day_are_refused_with_every_line(tmp_path):
    text = HEAD + "x,a,60,,\nq,b,10,,\ny,a,30,,2019-12-31\nz,a,50,2020-01-01,\n"
    [(code, line, message, _)] = refused(write(tmp_path, text))
    assert (code, line) == ("E709", 5)
    assert message == "the stated shares of a add up to 110% on 2020-01-01, more than 100%: 60% on line 2, 50% on line 5"
    # the same shares in periods that do not meet are fine: 60 + 30 on one day, 60 + 30 on another
    assert load_edges(write(tmp_path, HEAD + "x,a,60,,\ny,a,30,,2019-12-31\nz,a,40,2020-01-01,\n")).n_edges == 3


def test_lines_count_a_quoted_name_over_two_lines_and_blank_lines(tmp_path):
    diags = refused(write(tmp_path, HEAD + '"X\nHoldings",a,50,,\n\nx,b,bad,,\n'))
    assert [(c, ln) for c, ln, _, _ in diags] == [("E704", 5)]


def test_crlf_and_a_byte_order_mark(tmp_path):
    g = load_edges(write(tmp_path, "\ufeff" + HEAD.replace("\n", "\r\n") + "x,a,50%,,\r\n"))
    assert g.names == ("a", "x") and int(g.share[0]) == 5000


def test_many_bad_rows_give_a_bounded_number_of_diagnostics(tmp_path):
    diags = refused(write(tmp_path, HEAD + "".join(f"x{i},a,oops,,\n" for i in range(100))))
    assert len(diags) == MAX_PER_CODE + 1
    assert diags[-1][2] == f"and {100 - MAX_PER_CODE} more errors E704 in {tmp_path / 'edges.csv'}"


def test_an_unreadable_file_is_refused(tmp_path):
    [(code, line, message, _)] = refused(tmp_path / "absent.csv")
    assert code == "E701" and line == 1 and "absent.csv" in message
    [(code, *_)] = refused(write(tmp_path, "garbage", name="edges.parquet"))
    assert code == "E701"


def test_parquet_with_typed_columns_and_rows(tmp_path):
    df = pl.DataFrame({"owner": ["x", "x", "a"], "owned": ["a", "b", "b"], "percent": [50.0, 12.5, 40],
                       "from": [None, dt.date(2020, 1, 1), None], "until": [None, None, None]},
                      schema_overrides={"until": pl.Date})
    p = tmp_path / "edges.parquet"
    df.write_parquet(p)
    g = load_edges(p)
    assert sorted(int(s) for s in g.share) == [1250, 4000, 5000]
    df.with_columns(pl.Series("percent", [50.0, 120.0, 40.0])).write_parquet(p)
    [(code, line, message, _)] = refused(p)
    assert (code, line, message) == ("E705", 2, "the share '120.0' is more than 100% (row 2)")


def test_in_memory_columns_are_checked_the_same_way():
    [(code, line, message, _)] = refused(lambda: edges_from_columns(["x", "x"], ["a", "a"], ["50", "50"]))
    assert (code, line) == ("E708", 2) and message.endswith("50% on row 1 and 50% on row 2")


def test_in_memory_percents_may_be_numbers_and_columns_series():
    g = edges_from_columns(pl.Series(["x", "y"]), ["a", "a"], [50, 12.5], [None, "2020-01-01"])
    assert sorted(int(s) for s in g.share) == [1250, 5000]
    [(code, line, _, _)] = refused(lambda: edges_from_columns(["x"], ["a"], [12.345]))
    assert (code, line) == ("E704", 1)
