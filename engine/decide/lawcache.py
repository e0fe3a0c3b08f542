"""The checked and compiled law, kept on disk between runs: `writ check` on one case need not
parse, check and compile every statute again.

An entry is keyed by a hash of everything the load reads or could read: Writ's own code and
grammar, the paths asked for (as written: diagnostics and spans quote them) and the working
directory, and the name and bytes of every statute and every case file in the folders the
load looks in (a new file there could answer a `use`). Any change gives a new key. An entry
that cannot be read, or is not what this code writes, is rebuilt and never trusted; a cache
that cannot be written costs time, never correctness. It lives in the user cache directory
(`$XDG_CACHE_HOME/writ/law`); `WRIT_NO_CACHE=1` turns it off.
"""

from __future__ import annotations

import hashlib
import os
import pickle
from pathlib import Path
from typing import Callable, Sequence, TypeVar

from .. import model as M
from ..core.collector import paused
from ..core.files import write_whole
from ..core.resources import grammar_path, statutes_dir

_FORMAT = b"writ-law-cache 1\n"
T = TypeVar("T")
_CODE = Path(__file__).resolve().parent.parent  # engine/ (imports as writ)
_code_hash: str | None = None


def cache_dir() -> Path:
    return Path(os.environ.get("XDG_CACHE_HOME") or Path.home() / ".cache") / "writ" / "law"


def _code() -> str:
    global _code_hash
    if _code_hash is None:
        h = hashlib.sha256()
        for p in sorted(_CODE.rglob("*.py")):
            h.update(str(p.relative_to(_CODE)).encode() + b"\0" + p.read_bytes())
        h.update(grammar_path().read_bytes())
        _code_hash = h.hexdigest()
    return _code_hash


def key(paths: Sequence[Path | str]) -> str:
    """The hash of everything a load of `paths` depends on."""
    h = hashlib.sha256(_FORMAT + _code().encode() + os.getcwd().encode() + b"\0")
    folders: set[Path] = {statutes_dir()}
    for p in paths:
        h.update(b"path\0" + str(p).encode() + b"\0")
        p = Path(p)
        folders.add(p if p.is_dir() else p.parent)
    files: set[Path] = set()
    for d in folders:
        if d.is_dir():
            files.update(f for f in d.rglob("*.writ") if f.is_file())
    for f in sorted(files):
        h.update(str(f.resolve()).encode() + b"\0" + f.read_bytes() + b"\0")
    return h.hexdigest()


def cached(paths: Sequence[Path | str], build: Callable[[], tuple]) -> tuple:
    """The load of `paths`: from the cache when it holds this key, else built (and kept)."""
    if os.environ.get("WRIT_NO_CACHE"):
        return build()
    try:
        k = key(paths)
    except OSError:  # a path that cannot be read: the load itself reports it
        return build()
    return _read_or_build(cache_dir() / f"{k}.pickle", _valid, build)


def _read_or_build(path: Path, valid: Callable[[object], bool], build: Callable[[], T]) -> T:
    """The value kept at `path` if it is whole and `valid`, else built and kept there."""
    try:
        with open(path, "rb") as fh:
            if fh.read(len(_FORMAT)) == _FORMAT:
                value = pickle.load(fh)  # our own file, keyed by the hash of every input and of this code
                if valid(value):
                    return value
    except Exception:  # noqa: BLE001 - unreadable, truncated or foreign: rebuilt, never trusted
        pass
    value = build()
    _write(path, value)
    return value


def _valid(value: object) -> bool:
    return (isinstance(value, tuple) and len(value) == 5 and isinstance(value[0], M.Law)
            and isinstance(value[3], list) and isinstance(value[4], list))


def _write(path: Path, value: object) -> None:
    def dump(fh) -> None:
        fh.write(_FORMAT)
        pickle.dump(value, fh, protocol=pickle.HIGHEST_PROTOCOL)

    write_whole(path, dump)


def law_fingerprint(law: M.Law, program: str) -> str:
    """A hash of what the lists' reading of a law depends on: its program, constants, types,
    predicates and facts (one law serves every case file that uses the same statutes)."""
    parts = [program, *(repr(sorted(getattr(law, a).items())) for a in ("constants", "predicates") if hasattr(law, a)),
             repr(sorted(map(repr, law.facts))), repr(sorted(getattr(law, "types", {}).items()))]
    return hashlib.sha256("\0".join(parts).encode()).hexdigest()


def listings(law: M.Law, program: str, catalog, build: Callable[[], object]) -> object:
    """The lists indexed for a law (`decide.listings.Listings`): from the cache, else built (and kept).

    Keyed by this code, the law's fingerprint and every list file's name and sha256 as the
    catalog's manifest states them (a set without hashes is never cached: its bytes are not
    known without reading them); the snapshots were checked against those hashes when the
    entry was built."""
    from ..decide.listings import Listings

    if os.environ.get("WRIT_NO_CACHE"):
        return build()
    h = hashlib.sha256(_FORMAT + b"listings\0" + _code().encode() + law_fingerprint(law, program).encode())
    for info in catalog.sets:
        if any(f.sha256 is None for f in info.files):
            return build()
        h.update(repr((info.name, info.list, info.format, info.as_of, info.origin,
                       sorted((f.name, f.sha256) for f in info.files))).encode())
    path = cache_dir() / f"listings-{h.hexdigest()}.pickle"
    with paused():  # hundreds of thousands of small objects, none cyclic garbage: the collector's passes are pure cost
        return _read_or_build(path, lambda v: isinstance(v, Listings), build)
