"""Where the grammar and the bundled statutes live.

Installed from a wheel they sit inside the package (writ/grammar, writ/statutes);
in a source checkout they sit beside the package directory (grammar/, statutes/).
"""

from __future__ import annotations

from pathlib import Path

_PACKAGE = Path(__file__).resolve().parent.parent  # engine/, the `writ` package


def _data_dir(name: str) -> Path:
    inside = _PACKAGE / name
    if inside.is_dir():
        return inside
    beside = _PACKAGE.parent / name
    if beside.is_dir():
        return beside
    raise FileNotFoundError(f"Writ's {name}/ directory is missing from {_PACKAGE}")


def grammar_path() -> Path:
    return _data_dir("grammar") / "writ.lark"


def statutes_dir() -> Path:
    return _data_dir("statutes")
