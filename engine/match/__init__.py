"""Name matching: listed names and aliases against queried names, pure and without a solver.

    from writ.match import NameIndex, Query, screen_names
    index = NameIndex(snapshot.entries)            # once, over every entry and alias
    [found] = screen_names(index, [Query("Ramzan Kadyrov", birth="1971")])
    found.exact, found.possible, found.ruled_out   # Match(entry, name, alias, score, kind, reason)

`normalise` gives a name's normal forms, `index` finds exact and candidate names, `score`
rates candidates, `identify` weighs dates of birth, nationalities and numbers, `screen`
puts them together. What a possible match means in law is for the statutes to decide.
"""

from .identify import Query
from .index import NameIndex
from .score import Match
from .screen import THRESHOLD, Screening, screen_names

__all__ = ["Match", "NameIndex", "Query", "Screening", "THRESHOLD", "screen_names"]
