"""Text to syntax trees: the Lark parser, the tree it builds, and modules with their `use` lines (a project)."""
