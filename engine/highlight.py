"""A Pygments lexer for the Writ language, so ```writ code blocks are highlighted.

Registered under the `pygments.lexers` entry point (see pyproject.toml): once Writ
is installed, `pygmentize -l writ`, MkDocs and any Pygments-based tool find it.
The token rules follow grammar/writ.lark; words that are keywords only in one
position (`text`, `note`, `open`, `in force`, `as of`) are matched only there,
so the same words inside a fact written as a sentence stay plain.
"""

from __future__ import annotations

from pygments.lexer import RegexLexer, bygroups, words
from pygments.token import Comment, Keyword, Literal, Name, Number, Operator, Punctuation, String, Text, Whitespace

# Words that open a declaration, and the types a constant may be declared with.
DECLARATION_KEYWORDS = ("module", "use", "type", "predicate", "provision", "case")
BUILTIN_TYPES = ("party", "person", "entity", "act", "item", "country", "date", "number", "percent", "text")
# Words that begin an attribute line of a predicate or a provision.
ATTRIBUTE_KEYWORDS = ("reads", "asks", "open", "fixed", "cite", "text", "note", "caution")
# Connectives and statement words, keywords wherever they stand.
KEYWORDS = ("if", "unless", "and", "or", "not", "unknown", "expect", "undetermined", "under", "question", "identify",
            "from", "until", "where")
AGGREGATES = ("sum", "count", "min", "max")

_NAME = r"[a-z][A-Za-z0-9_]*"


class WritLexer(RegexLexer):
    """Writ: US sanctions and export-control law as executable rules."""

    name = "Writ"
    aliases = ["writ"]
    filenames = ["*.writ"]
    mimetypes = ["text/x-writ"]

    tokens = {
        "root": [
            # newlines apart, so `^` patterns below see the start of each line
            (r"\n", Whitespace),
            (r"(^[ \t]*)(" + "|".join(ATTRIBUTE_KEYWORDS) + r")\b", bygroups(Whitespace, Keyword)),
            (r"(^[ \t]*)(" + "|".join(BUILTIN_TYPES) + r")(\s+)(" + _NAME + ")",
             bygroups(Whitespace, Keyword.Type, Whitespace, Name.Constant)),  # a constant: `entity xpsb "..."`
            (r"[ \t\r\f\v]+", Whitespace),
            (r"#.*?$", Comment.Single),
            (r'"""[\s\S]*?"""', String.Doc),
            (r'"([^"\\\n]|\\.)*"', String.Double),
            (r"[0-9]{4}-[0-9]{2}-[0-9]{2}", Literal.Date),
            (r"[0-9]+(\.[0-9]+)?%", Number.Float),
            (r"[0-9]+(\.[0-9]+)?", Number.Integer),
            # headers: the declared name is the thing being defined
            (r"(predicate|provision|case)(\s+)(" + _NAME + ")", bygroups(Keyword.Declaration, Whitespace, Name.Function)),
            (r"(type)(\s+)(" + _NAME + r")(\s+)(is)(\s+)(" + _NAME + ")",
             bygroups(Keyword.Declaration, Whitespace, Name.Class, Whitespace, Keyword, Whitespace, Keyword.Type)),
            (r"(type)(\s+)(" + _NAME + ")", bygroups(Keyword.Declaration, Whitespace, Name.Class)),
            (r"(in)(\s+)(force)\b", bygroups(Keyword, Whitespace, Keyword)),
            (r"(as)(\s+)(of)\b", bygroups(Keyword, Whitespace, Keyword)),
            (words(DECLARATION_KEYWORDS, suffix=r"\b"), Keyword.Declaration),
            (words(KEYWORDS, suffix=r"\b"), Keyword),
            (r"today\b", Name.Builtin),
            (words(AGGREGATES, suffix=r"(?=\s*\()"), Name.Builtin),
            (r"(:)(\s*)(" + _NAME + ")", bygroups(Punctuation, Whitespace, Keyword.Type)),  # a parameter's type
            (_NAME + r"(?=\()", Name.Function),  # a predicate applied
            (r"[A-Z][A-Za-z0-9_]*|_\b", Name.Variable),
            (_NAME, Name),
            (r"!=|<=|>=|[=<>+\-*/]", Operator),
            (r"[.,()\[\]{}]", Punctuation),
            (r".", Text),
        ],
    }
