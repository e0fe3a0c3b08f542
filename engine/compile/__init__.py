"""The checked model to a clingo program: every solver name and value conversion, and the program text."""
