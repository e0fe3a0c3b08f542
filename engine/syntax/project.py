"""Find and parse source files and the modules they use.

`use glomag/eo13818` is resolved beside the importing file first, then in the
bundled statutes; a directory stands for every .writ file under it.
"""

from __future__ import annotations

import os
from dataclasses import dataclass, field
from pathlib import Path

from . import tree as S
from ..core.diagnostics import Reporter, Span, WritError
from .parser import parse_text
from ..core.resources import statutes_dir

# The largest source file read (a case is a few kB, the largest statute ~100 kB): past
# it a file is refused before it is read, so `writ check /dev/zero` cannot exhaust memory.
MAX_INPUT_BYTES = 10 * 1024 * 1024
MAX_INPUT_ENV = "WRIT_MAX_INPUT_BYTES"  # raise the limit for one run


def max_input_bytes() -> int:
    try:
        return int(os.environ.get(MAX_INPUT_ENV, MAX_INPUT_BYTES))
    except ValueError:
        return MAX_INPUT_BYTES


@dataclass
class Loaded:
    """Parsed files, each with its module name and the modules it can see."""

    files: dict[str, S.SourceFile] = field(default_factory=dict)  # module name -> file
    uses: dict[str, list[str]] = field(default_factory=dict)  # module -> modules it uses directly
    order: list[str] = field(default_factory=list)  # modules in load order
    aliases: dict[str, str] = field(default_factory=dict)  # `module NAME` declarations -> module

    def visible(self, module: str) -> set[str]:
        seen: set[str] = set()
        stack = [module]
        while stack:
            m = stack.pop()
            if m in seen:
                continue
            seen.add(m)
            stack.extend(self.uses.get(m, ()))
        return seen


def display_path(path: Path) -> str:
    """A path as diagnostics show it: relative to the working directory when inside it,
    bundled statutes as statutes/..."""
    path = path.resolve()
    try:
        return str(path.relative_to(Path.cwd().resolve()))
    except ValueError:
        pass
    try:
        return "statutes/" + str(path.relative_to(statutes_dir().resolve()))
    except ValueError:
        return str(path)


def module_name(path: Path) -> str:
    path = path.resolve()
    try:
        return str(path.relative_to(statutes_dir().resolve()).with_suffix(""))
    except ValueError:
        return display_path(path)


def is_bundled(module: str) -> bool:
    """Whether a module is one of Writ's bundled statutes (their module names are
    paths under statutes/ without the suffix; any other file's name ends in .writ)."""
    return not module.endswith(".writ") and (statutes_dir() / f"{module}.writ").is_file()


def _candidates(use: str, base: Path | None, bundled: bool = True) -> list[Path]:
    roots = ([base] if base is not None else []) + ([statutes_dir()] if bundled else [])
    for root in roots:
        target = root / use
        file = target.with_suffix(".writ")
        if file.is_file():
            return [file]
        if target.is_dir():
            return sorted(p for p in target.rglob("*.writ") if p.is_file())
    return []


class Loader:
    def __init__(self) -> None:
        self.loaded = Loaded()
        self.reporter = Reporter()

    def load_path(self, path: Path) -> list[str]:
        """Load a file or every .writ file under a directory; returns their module names."""
        if path.is_dir():
            files = sorted(p for p in path.rglob("*.writ") if p.is_file())
        else:
            files = [path]
        return [self._load_file(f) for f in files]

    def load_text(self, text: str, name: str, base: Path | None = None) -> str:
        return self._add(parse_text(text, name), name, base)

    def add_parsed(self, src: S.SourceFile, module: str, base: Path | None = None) -> str:
        """Add a file parsed elsewhere (an editor's unsaved text), in the place of the
        module's text already loaded, if any (where it stood in the load order)."""
        at = self.loaded.order.index(module) if module in self.loaded.order else None
        if at is not None:
            self.loaded.order.remove(module)
        self._add(src, module, base)
        if at is not None:
            self.loaded.order.insert(at, self.loaded.order.pop())
        return module

    def _load_file(self, path: Path) -> str:
        module = module_name(path)
        if module in self.loaded.files:
            return module
        try:
            text = read_source(path)
        except InputRefused as exc:
            self.reporter.error("E002", Span(display_path(path), 1, 1, 1, 1), exc.message, exc.hint)
            self.reporter.raise_if_errors()
            raise
        except (OSError, UnicodeDecodeError) as exc:
            self.reporter.error("E001", Span(display_path(path), 1, 1, 1, 1), f"cannot read file: {exc}")
            self.reporter.raise_if_errors()
            raise
        try:
            src = parse_text(text, display_path(path))
        except WritError as exc:
            self.reporter.diagnostics.extend(exc.diagnostics)
            return module
        return self._add(src, module, path.parent)

    def _add(self, src: S.SourceFile, module: str, base: Path | None) -> str:
        self.loaded.files[module] = src
        if src.module is not None:
            self.loaded.aliases.setdefault(src.module.path, module)
        deps: list[str] = []
        self.loaded.uses[module] = deps
        for use in src.uses:
            # beside the file first: another author's folder may hold a file of the same name,
            # or one declaring the same `module` name, and this file means its own
            found = _candidates(use.path, base, bundled=False) if base is not None else []
            if not found and use.path in self.loaded.aliases:  # a module already loaded under its declared name
                deps.append(self.loaded.aliases[use.path])
                continue
            found = found or _candidates(use.path, None)
            if not found:
                self.reporter.error("E201", use.span, f"no module '{use.path}'",
                                    f"modules are .writ files or folders beside this file or under the bundled statutes ({_known_hint()})")
                continue
            for f in found:
                deps.append(self._load_file(f))
        self.loaded.order.append(module)  # after its dependencies: what a file redefines is reported in it
        return module


class InputRefused(OSError):
    """A source file Writ will not read (not a regular file, or over the size limit)."""

    def __init__(self, message: str, hint: str):
        super().__init__(message)
        self.message, self.hint = message, hint


def read_source(path: Path) -> str:
    """The text of a source file: a regular file of at most `max_input_bytes()`, in UTF-8
    (a byte-order mark, as some Windows editors write, is accepted and dropped)."""
    limit = max_input_bytes()
    if not path.is_file():  # a device (/dev/zero), a pipe or a socket never ends
        raise InputRefused(f"not a regular file: {path}", "give Writ a .writ file or a folder of them")
    with path.open("rb") as fh:
        data = fh.read(limit + 1)  # never more, whatever stat() says
    if len(data) > limit:
        raise InputRefused(f"the file is larger than {limit:,} bytes, Writ's limit for one source file",
                       f"split it, or raise the limit for this run: {MAX_INPUT_ENV}={limit * 10} writ ...")
    # newlines as text mode reads them (\r\n and a lone \r are \n), as before this read was bounded
    return data.decode("utf-8-sig").replace("\r\n", "\n").replace("\r", "\n")


def _known_hint() -> str:
    root = statutes_dir()
    tops = sorted(p.name for p in root.iterdir() if p.is_dir() or p.suffix == ".writ")
    return "bundled: " + ", ".join(t.removesuffix(".writ") for t in tops)


def load(paths: list[Path]) -> Loaded:
    loader = Loader()
    for p in paths:
        if not p.exists():
            loader.reporter.error("E001", Span(str(p), 1, 1, 1, 1), f"no such file or folder: {p}")
            continue
        loader.load_path(p)
    loader.reporter.raise_if_errors()
    return loader.loaded


def walk_writ_files(path: Path) -> list[Path]:
    if path.is_dir():
        return sorted(Path(r) / f for r, _, fs in os.walk(path) for f in fs if f.endswith(".writ"))
    return [path]
