"""Deciding: the orchestration over the pipeline (load, decide a batch case by case, what-if,
what would decide a question, the interview, the expectations runner). `engine.Engine` is the entry."""
