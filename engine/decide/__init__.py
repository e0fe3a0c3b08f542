"""Orchestration: deciding cases, what-if, expectations and the interview, over the lower stages."""
