"""The words of the Writ language, in one place: the highlighter (writ.highlight) colours
them and the language server (writ.lsp) completes them. Each is a keyword of
grammar/writ.lark (tests/syntax/test_words.py holds them to it)."""

from __future__ import annotations

# Words that open a declaration, and the types a constant may be declared with.
DECLARATION_KEYWORDS = ("module", "use", "type", "predicate", "provision", "case")
BUILTIN_TYPES = ("party", "person", "entity", "act", "item", "country", "date", "number", "percent", "text")
# Words that begin an attribute line of a predicate or a provision.
ATTRIBUTE_KEYWORDS = ("reads", "asks", "open", "fixed", "cite", "text", "note", "caution")
# Connectives and statement words, keywords wherever they stand.
KEYWORDS = ("if", "unless", "and", "or", "not", "unknown", "expect", "undetermined", "under", "question", "identify",
            "from", "until", "where", "no")  # "other" (in "no other act.") is a keyword only after "no": still a name
AGGREGATES = ("sum", "count", "min", "max")
