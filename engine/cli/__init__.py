"""The `writ` command line: `app.py` holds the commands; `python -m writ.cli` runs it."""
