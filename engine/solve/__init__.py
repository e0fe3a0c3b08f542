"""Solve: the compiled law and prepared cases in, per-case consequences and outcomes out."""

from .inputs import CaseInput, prepare, relevant_predicates
from .outcome import Consequences, Limits, Outcome
from .solver import Solver, satisfiable

__all__ = ["CaseInput", "Consequences", "Limits", "Outcome", "Solver", "prepare", "relevant_predicates", "satisfiable"]
