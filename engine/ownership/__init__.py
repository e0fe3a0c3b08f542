"""Ownership graphs and the native 50 percent rules (31 CFR 583.411; 15 CFR 744.11 Affiliates).

    from writ.ownership import load_edges, fixpoint, explain_chain
    graph = load_edges("edges.csv")                       # or .parquet; refused with the line on error
    fp = fixpoint(graph, date(2024, 1, 1), seeds={"x"})   # least fixpoint on that day
    explain_chain(fp, "b").text                           # "b is blocked under ofac_583_411 ..."
"""

from .fifty import BIS_AFFILIATES, OFAC_50_PERCENT, Chain, FiftyRule, Fixpoint, Stake, Witness, explain_chain, fixpoint
from .graph import OPEN_FROM, OPEN_UNTIL, OwnershipGraph, day_date, day_number
from .load import edges_from_columns, edges_from_frame, load_edges

__all__ = ["BIS_AFFILIATES", "OFAC_50_PERCENT", "Chain", "FiftyRule", "Fixpoint", "Stake", "Witness", "explain_chain",
           "fixpoint", "OPEN_FROM", "OPEN_UNTIL", "OwnershipGraph", "day_date", "day_number", "edges_from_columns",
           "edges_from_frame", "load_edges"]
