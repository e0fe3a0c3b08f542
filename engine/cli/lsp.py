"""`writ lsp`: run the language server on stdin and stdout, for an editor to start."""

from __future__ import annotations


def lsp() -> None:
    """Run the language server over stdio (an editor starts it: see docs/editors.md)."""
    from ..lsp.server import main  # pygls loads only for this command

    main()
