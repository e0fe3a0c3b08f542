"""Explain answers: derivation trees for a yes, the failed condition of every
candidate rule for a no, and the unknown facts that would decide an undetermined.

The parts, bottom-up: `world` (decoded, indexed consequences), `evaluate` (the
semantics of rule bodies), `wording` (the one English wording), `derive`
(yes-trees), `why_not`, `support` and `deciding` (undetermined), `limits` (how
much an explanation shows, and the sentence it says when cut), `answer` (the
`Explainer` that composes them). This module is the surface the orchestration uses.
"""

from .answer import Explainer
from .deciding import DecidingSets, Settled, deciding_sets
from .limits import Limits
from .wording import fact_question, provision_ref, some, source

__all__ = ["Explainer", "DecidingSets", "Limits", "Settled", "deciding_sets", "fact_question", "provision_ref", "some", "source"]
