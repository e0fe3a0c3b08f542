"""A "not blocked" answer names what the party is under instead.

Measures that restrict a party without blocking its property (statutes/measures:
the State Department's sec. 7031(c) visa designations, the NS-CMIC securities
prohibition, the Entity List's license requirement, the UFLPA Entity List's
presumption) conclude `subject_to_measure(P, M)`. When a case asks whether a party is
`blocked` and the answer is not yes, each measure the party is under (yes) or may be
under (undetermined) is answered beside it, with its own grounds, so "not blocked"
never reads as "not restricted".
"""

from __future__ import annotations

from .. import model as M

BLOCKING = "blocked"
MEASURE = "subject_to_measure"


def companions(law: M.Law, case: M.Case) -> tuple[str, ...]:
    """The predicates a case's answers also need: the measures, where it asks about a blocking."""
    if MEASURE not in law.predicates:
        return ()
    asked = [q.pred for q in case.all_questions()] + [p.pred for p in case.patterns]
    return (MEASURE,) if BLOCKING in asked else ()


def measures_of(possible_atoms, party) -> list[M.GroundAtom]:
    """The measure atoms about one party that hold or may hold (from the possible world's atoms)."""
    return [M.GroundAtom(MEASURE, args) for args in possible_atoms if args and args[0] == party]
