"""A deciding set in a few words: which of its facts' values give which answer.

A deciding set carries every combination of its facts' values and the answer each gives
(`DecidingSet.outcomes`, a truth table of 2^n rows). The terminal states the rule the table
follows instead: "yes if any of them holds, no if none does", "yes if all of them hold, no
otherwise", or, for a table that follows neither, how many combinations give each answer.
"""

from __future__ import annotations

from collections import Counter

from ..decision import DecidingSet


def _split_literals(row: str) -> list[bool]:
    """The values of one row, `a(x, y), not b(x) -> yes`: True for a fact that holds."""
    literals, depth, start = [], 0, 0
    for i, ch in enumerate(row):
        depth += ch == "("
        depth -= ch == ")"
        if ch == "," and depth == 0:
            literals.append(row[start:i].strip())
            start = i + 1
    literals.append(row[start:].strip())
    return [not lit.startswith("not ") for lit in literals]


def rows(ds: DecidingSet) -> list[tuple[tuple[bool, ...], str]]:
    """(the facts' values, the answer) for each combination of the set."""
    out = []
    for outcome in ds.outcomes:
        values, _, answer = outcome.rpartition(" -> ")
        out.append((tuple(_split_literals(values)), answer.strip()))
    return out


def outcome_rule(ds: DecidingSet) -> str:
    """The answers the set's facts give, in a few words."""
    table = rows(ds)
    n = len(ds.facts)
    by_values = dict(table)
    if n == 1 and len(by_values) == 2:
        return f"{by_values[(True,)]} if it holds, {by_values[(False,)]} if it does not"
    none, every = by_values.get((False,) * n), by_values.get((True,) * n)
    others = {a for v, a in table if v != (False,) * n}
    if none is not None and len(others) == 1 and none not in others:
        return f"{others.pop()} if any of them holds, {none} if none does"
    others = {a for v, a in table if v != (True,) * n}
    if every is not None and len(others) == 1 and every not in others:
        return f"{every} if all of them hold, {others.pop()} otherwise"
    counts = Counter(a for _, a in table)
    return ", ".join(f"{a} in {k} of the {len(table)} combinations of their values" if i == 0 else f"{a} in {k}"
                     for i, (a, k) in enumerate(counts.most_common())) + " (--json lists each)"
