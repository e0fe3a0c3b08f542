"""A compiled law and case inputs to consequences: what holds in every answer set and in some, per case."""
