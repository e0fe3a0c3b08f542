"""Check an editor's document against the bundled law: the diagnostics `writ check`
would print for it, and what the symbol features (symbols.py) look names up in.

The bundled statutes are parsed once per server (`bundled()`, cached); each version
of a document is parsed with recovery, so the entries around a half-typed one are
checked too, and then checked with the law, as `writ check FILE` checks it: a case
file against the statutes it uses, a statute in the place of its bundled text.
"""

from __future__ import annotations

import functools
from dataclasses import dataclass, field
from pathlib import Path

from .. import model as M
from ..check import check
from ..core.diagnostics import Diagnostic, WritError
from ..core.resources import statutes_dir
from ..decide.engine import copy_loaded
from ..syntax import tree as S
from ..syntax.parser import parse_recovering
from ..syntax.project import Loaded, Loader, display_path, module_name


@dataclass(frozen=True)
class Bundled:
    """The bundled statutes, parsed and checked once: what every document is checked with."""

    loaded: Loaded
    law: M.Law


@functools.lru_cache(maxsize=1)
def bundled() -> Bundled:
    loader = Loader()
    loader.load_path(statutes_dir())
    loader.reporter.raise_if_errors()  # the bundled law has no errors (tests/law hold it to that)
    return Bundled(loader.loaded, check(loader.loaded).law)


@dataclass
class Analysis:
    """One version of a document, checked."""

    name: str  # the file name its diagnostics carry
    text: str
    source: S.SourceFile | None  # what parsed (None when nothing did)
    diagnostics: list[Diagnostic] = field(default_factory=list)
    law: M.Law | None = None  # the law with this document, when it checked without errors
    cases: list[M.Case] = field(default_factory=list)


def document_names(path: Path | None, uri: str) -> tuple[str, str, Path | None]:
    """The file name diagnostics show, the module name, and the folder `use` looks in first."""
    if path is None:  # an unsaved, untitled buffer
        return uri, uri, None
    return display_path(path), module_name(path), path.parent


def analyse(text: str, path: Path | None, uri: str) -> Analysis:
    """Parse (recovering) and check one document; never raises on bad input."""
    name, module, base = document_names(path, uri)
    source, diagnostics = parse_recovering(text, name)
    result = Analysis(name, text, source, list(diagnostics))
    if source is None:
        return result
    law = bundled()
    loader = Loader()
    loader.loaded = copy_loaded(law.loaded)
    loader.add_parsed(source, module, base)
    try:
        checked = check(loader.loaded)
    except WritError as exc:
        found = exc.diagnostics
    else:
        found = checked.warnings
        result.law, result.cases = checked.law, [c for c in checked.cases if c.file == name]
    seen = {(d.code, d.span.line, d.span.column) for d in result.diagnostics}
    result.diagnostics += [d for d in loader.reporter.diagnostics + list(found)
                           if d.span.file == name and (d.code, d.span.line, d.span.column) not in seen]
    return result
