"""The ground floor: source spans, diagnostics, values, graph algorithms, files written whole and where the data lives. Imports nothing of Writ."""
