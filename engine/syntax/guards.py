"""The refusals made before a syntax tree is built: the NUL character anywhere, and a
statement nested deeper than the later stages (which recurse) can walk."""

from __future__ import annotations

from lark import Tree

from .messages import position
from ..core.diagnostics import Reporter, Span

# How deeply a statement may nest (a `+` chain of N terms nests N deep). Every stage
# after the parser walks terms recursively; past this, Python's stack would run out.
MAX_DEPTH = 100



def refuse_nul(text: str, path: str, reporter: Reporter) -> None:
    # The solver's strings end at NUL, so "abc<NUL>def" would equal "abc": refuse it anywhere.
    at = text.find("\0")
    if at >= 0:
        line, col = position(text, at)
        reporter.error("E102", Span(path, line, col, line, col + 1), "the NUL character (U+0000) cannot appear in Writ source",
                       "text values cannot hold NUL (the solver would cut the text there); delete it")


def limit_depth(tree: Tree, path: str, reporter: Reporter) -> None:
    """Refuse each statement nested deeper than MAX_DEPTH, at the statement, and drop it
    from the tree (iteratively: the check itself must not recurse)."""
    for entry in [e for e in tree.children if isinstance(e, Tree)]:
        stack = [(entry, 1)]
        while stack:
            node, depth = stack.pop()
            if depth > MAX_DEPTH:
                line, col = getattr(entry.meta, "line", 1), getattr(entry.meta, "column", 1)
                reporter.error("E107", Span(path, line, col, line, col + 1),
                               f"this statement nests more than {MAX_DEPTH} levels deep (a long chain of + or nested brackets)",
                               "split it: state the total, or add the terms in a rule with a sum(...)")
                tree.children.remove(entry)
                break
            stack.extend((child, depth + 1) for child in node.children if isinstance(child, Tree))
