"""Decisions to text: the terminal report and the Markdown memo."""
