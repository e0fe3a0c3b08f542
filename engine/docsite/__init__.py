"""The generated documentation site: pages per provision, case and regime, readings, diagrams, the MkDocs build."""
