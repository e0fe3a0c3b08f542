"""The playground's syntax highlighting, generated from the TextMate grammar
(grammar/writ.tmLanguage.json, whose keyword lists a test holds to the lexer's), not copied.

Each top-level pattern of the grammar becomes one rule the browser applies in order: a
`match` with its scope (or one scope per capture group), or a `begin`/`end` pair. The
patterns use only what Oniguruma, Python's `re` and JavaScript's RegExp share.
"""

from __future__ import annotations

import functools
import json

from ..core.resources import grammar_path


def _scopes(captures: dict) -> dict[str, str]:
    return {k: v["name"] for k, v in captures.items() if isinstance(v, dict) and "name" in v}


@functools.cache
def rules() -> dict:
    """{"name", "scopeName", "rules": [{scope, match | begin+end, captures}]} for the browser."""
    grammar = json.loads(grammar_path().with_name("writ.tmLanguage.json").read_text(encoding="utf-8"))
    out = []
    for p in grammar["patterns"]:
        rule = {"scope": p.get("name")}
        if "match" in p:
            rule["match"] = p["match"]
        elif "begin" in p and "end" in p:
            rule["begin"], rule["end"] = p["begin"], p["end"]
        else:
            continue  # an include or a nested repository: the grammar has none at its top level today
        if "captures" in p:
            rule["captures"] = _scopes(p["captures"])
        out.append(rule)
    return {"name": grammar["name"], "scopeName": grammar["scopeName"], "rules": out}
