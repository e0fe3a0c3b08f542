"""Escaping at the output edges: a string from a case or a statute (a display name,
a title, a quoted text) is shown as text, never obeyed.

- the terminal: control characters (ESC sequences, carriage returns, line breaks)
  and bidirectional overrides are shown as visible escapes (\\x1b), not sent raw;
- Markdown (the memo, and the site built from it): one line stays one line, and
  nothing can open HTML, a link, an attribute list or a new section.
"""

from __future__ import annotations

import re

# C0 and C1 controls, DEL, Unicode line breaks, bidirectional embeddings and isolates
_INVISIBLE = re.compile("[\x00-\x1f\x7f-\x9f\u2028\u2029\u202a-\u202e\u2066-\u2069]")


def visible(text: str) -> str:
    """Control characters as visible escapes: "\\x1b[31m" prints as the six characters, not a colour."""
    return _INVISIBLE.sub(lambda m: f"\\x{ord(m.group()):02x}" if ord(m.group()) < 0x100 else f"\\u{ord(m.group()):04x}", text)


_MD_INLINE = str.maketrans({"\\": "\\\\", "&": "&amp;", "<": "&lt;", "{": "\\{", "}": "\\}"})


def md_inline(text: str) -> str:
    """Text inside one Markdown line, read literally: no raw HTML (<script>, <img onerror>),
    no link ([x](javascript:...), [x]: url), no attribute list ({: onclick=...}), no line break."""
    text = visible(text.translate(_MD_INLINE))
    return text.replace("](", "]\\(").replace("][", "]\\[").replace("]:", "]\\:")


def md_code(text: str) -> str:
    """A code span holding `text` whatever backticks it contains (CommonMark: a longer fence)."""
    text = visible(text)
    longest = max((len(run) for run in re.findall(r"`+", text)), default=0)
    fence = "`" * (longest + 1)
    pad = " " if text.startswith("`") or text.endswith("`") else ""
    return f"{fence}{pad}{text}{pad}{fence}"


def code_fence(code: str) -> str:
    """A fence for a code block that no line of `code` can close early (a line of four
    backticks needs five)."""
    longest = max((len(run) for run in re.findall(r"`+", code)), default=0)
    return "`" * max(3, longest + 1)
