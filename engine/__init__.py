"""Writ: US sanctions and export-control law as executable, citable rules."""

from .api import Writ
from .casemodel import CaseModel
from .decision import Answer, Decision

__all__ = ["Writ", "Answer", "CaseModel", "Decision"]
