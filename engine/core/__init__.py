"""The ground floor: source spans, diagnostics, values, graph algorithms and where the data lives. Imports nothing of Writ."""
