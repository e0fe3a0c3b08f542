"""The `writ` command line: one module per command, wired in `app.py`; `python -m writ.cli` runs it."""
