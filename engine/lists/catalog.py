"""Which list snapshots are available, and loading them lazily, verified and cached.

`Catalog.bundled()` reads `data/lists/manifest.json` (no list is parsed until asked for);
`Catalog.user()` adds the snapshots `writ lists update` wrote to the user data directory;
`Catalog.load(paths)` takes files or folders in any of the importers' formats. Asking for
a set (`catalog.get(name)`) decompresses it into the user cache, checks every file's
sha256 against the manifest, imports it, and keeps the parsed records as a pickle keyed
by the files' hashes and this package's code, so a second load takes a fraction of the
import time. The cache lives under `$XDG_CACHE_HOME/writ` (default `~/.cache/writ`); if it
cannot be written the catalog still works, only slower.
"""

from __future__ import annotations

import datetime as dt
import gzip
import hashlib
import json
import lzma
import os
import pickle
import re
from dataclasses import dataclass, field
from pathlib import Path

from ..core.collector import paused  # the cyclic GC finds nothing among 100k acyclic records
from ..core.files import write_whole
from .ccl import Ccl, import_ccl
from .csl import import_csl_csv, import_csl_json
from .dpl import import_dpl
from .ofac_csv import FILE_SETS, import_ofac
from .ofac_xml import import_ofac_xml
from .reading import refuse, sha256_file
from .records import Snapshot

DATA = Path(__file__).resolve().parent.parent / "data" / "lists"
CODE = Path(__file__).resolve().parent
LIST_OF_FORMAT = {"ccl": "CCL", "dpl": "DPL", "csl_json": "CSL", "csl_csv": "CSL"}


def cache_dir() -> Path:
    return Path(os.environ.get("XDG_CACHE_HOME") or Path.home() / ".cache") / "writ"


def data_dir() -> Path:
    """Where `writ lists update` keeps downloaded snapshots (never the bundled folder)."""
    return Path(os.environ.get("XDG_DATA_HOME") or Path.home() / ".local" / "share") / "writ" / "lists"


def _code_version() -> str:
    """A hash of this package's code: a changed importer must not be served an old pickle."""
    h = hashlib.sha256()
    for p in sorted(CODE.glob("*.py")):
        h.update(p.read_bytes())
    return h.hexdigest()[:16]


@dataclass(frozen=True)
class FileInfo:
    name: str  # the file's own name, e.g. sdn.csv
    path: Path  # where it is (possibly .xz or .gz compressed)
    sha256: str | None = None  # of the uncompressed bytes, where a manifest states it


@dataclass(frozen=True)
class SetInfo:
    """One snapshot as the catalog knows it before it is parsed."""

    name: str
    list: str
    format: str  # ofac_csv | ofac_xml | csl_json | csl_csv | dpl | ccl
    as_of: dt.date | None  # None: the file states it (XML, JSON, DPL)
    files: tuple[FileInfo, ...]
    entries: int | None = None  # from the manifest; None until parsed
    licence: str | None = None
    source: dict | None = None
    origin: str = "bundled"  # bundled | user | path


@dataclass(frozen=True)
class Loaded:
    info: SetInfo
    value: Snapshot | Ccl

    @property
    def count(self) -> int:
        return len(self.value.entries) if isinstance(self.value, Snapshot) else len(self.value)

    @property
    def as_of(self) -> dt.date:
        return self.value.as_of

    @property
    def digest(self) -> str:
        return self.value.digest


def import_set(fmt: str, paths: list[Path], as_of: dt.date | None, **kw) -> Loaded:
    """Import one set of plain files in a format; `kw` (previous, allow_shrink) goes to the importer."""
    by_name = {p.name: p for p in paths}
    snap: Snapshot | Ccl
    if fmt == "ofac_csv":
        for lst, (prim, add, alt, com) in FILE_SETS.items():
            if prim in by_name:
                snap = import_ofac(by_name[prim], as_of=as_of, add=by_name.get(add), alt=by_name.get(alt), comments=by_name.get(com), list_name=lst, **kw)
                break
        else:
            raise refuse("E610", paths[0], 1, "an OFAC CSV set needs sdn.csv or cons_prim.csv")
    elif fmt == "ofac_xml":
        snap = import_ofac_xml(paths[0], as_of=as_of, **kw)
    elif fmt == "csl_json":
        snap = import_csl_json(paths[0], as_of=as_of, **kw)
    elif fmt == "csl_csv":
        snap = import_csl_csv(paths[0], as_of=as_of, **kw)
    elif fmt == "dpl":
        snap = import_dpl(paths[0], as_of=as_of, **kw)
    elif fmt == "ccl":
        snap = import_ccl(paths[0])
    else:
        raise ValueError(f"unknown list format {fmt!r}")
    files = tuple(FileInfo(p.name, p) for p in paths)
    return Loaded(SetInfo(paths[0].parent.name, snap.list if isinstance(snap, Snapshot) else "CCL", fmt, snap.as_of, files, origin="path"), snap)


def sniff(path: Path) -> tuple[str, list[Path]]:
    """The format of a file or folder, and the files of its set."""
    if not path.exists():
        raise refuse("E601", path, 1, "no such file or folder")
    if path.is_dir():
        for prim, *rest in FILE_SETS.values():
            if (path / prim).is_file():
                return "ofac_csv", [path / n for n in (prim, *rest) if (path / n).is_file()]
        raise refuse("E610", path, 1, "the folder holds no sdn.csv or cons_prim.csv")
    name = path.name.lower().removesuffix(".xz").removesuffix(".gz")
    for prim, *rest in FILE_SETS.values():
        if name == prim:
            return "ofac_csv", [path] + [path.parent / n for n in rest if (path.parent / n).is_file()]
    head = _open(path).read(2048)
    if name.endswith(".xml") or head.lstrip().startswith(b"<"):
        return "ofac_xml", [path]
    if head.lstrip(b"\xef\xbb\xbf").lstrip().startswith(b"{"):
        return ("ccl" if b"ecfrIssueDate" in head or name == "ccl.json" else "csl_json"), [path]
    if head.lstrip(b"\xef\xbb\xbf").startswith(b"_id,source"):
        return "csl_csv", [path]
    if head.startswith(b'"Name"\t'):
        return "dpl", [path]
    raise refuse("E610", path, 1, "not a list format Writ reads (OFAC CSV or XML, CSL CSV or JSON, DPL text, ccl.json)")


def _open(path: Path):
    s = path.name.lower()
    return lzma.open(path) if s.endswith(".xz") else gzip.open(path) if s.endswith(".gz") else open(path, "rb")


def _date_in(path: Path) -> dt.date | None:
    m = re.search(r"(\d{4})-(\d{2})-(\d{2})", str(path))
    try:
        return dt.date(int(m.group(1)), int(m.group(2)), int(m.group(3))) if m else None
    except ValueError:
        return None


@dataclass
class Catalog:
    sets: list[SetInfo] = field(default_factory=list)
    _loaded: dict[str, Loaded] = field(default_factory=dict, repr=False)

    # -- building ---------------------------------------------------------------------

    @classmethod
    def bundled(cls, folder: Path = DATA) -> Catalog:
        """The lists shipped with Writ (reads the manifest only)."""
        return cls(_manifest_sets(folder, "bundled"))

    @classmethod
    def default(cls) -> Catalog:
        """The bundled lists plus those `writ lists update` downloaded."""
        return cls(cls.bundled().sets + cls.user().sets)

    @classmethod
    def user(cls) -> Catalog:
        return cls(_manifest_sets(data_dir(), "user") if (data_dir() / "manifest.json").is_file() else [])

    @classmethod
    def load(cls, paths, as_of: dt.date | None = None) -> Catalog:
        """Files or folders in any supported format; each is one set."""
        sets = []
        for p in map(Path, paths):
            fmt, files = sniff(p)
            when = as_of or _date_in(p)
            if when is None and fmt in ("ofac_csv", "csl_csv"):
                # these formats state no date: the file speaks for the day it was written (downloaded)
                when = dt.date.fromtimestamp(files[0].stat().st_mtime)
            sets.append(SetInfo(p.stem if p.is_file() else p.name, LIST_OF_FORMAT.get(fmt, "?"), fmt, when,
                                tuple(FileInfo(f.name.removesuffix(".xz").removesuffix(".gz"), f) for f in files), origin="path"))
        return cls(sets)

    # -- asking ----------------------------------------------------------------------

    def names(self) -> list[str]:
        return [s.name for s in self.sets]

    def info(self, name: str) -> SetInfo:
        for s in self.sets:
            if s.name == name:
                return s
        raise KeyError(f"no list set {name!r}; known: {', '.join(self.names())}")

    def get(self, name: str) -> Loaded:
        """The parsed set (imported once, then from the in-memory or the on-disk cache)."""
        if name not in self._loaded:
            self._loaded[name] = _load(self.info(name))
        return self._loaded[name]

    def snapshots(self, list_code: str | None = None) -> list[Snapshot]:
        """Every snapshot of a list (by the set's list: SDN, NONSDN, CSL, DPL), oldest first."""
        out = [v for s in self.sets if s.format != "ccl" and (list_code is None or s.list == list_code)
               if isinstance(v := self.get(s.name).value, Snapshot)]
        return sorted(out, key=lambda s: s.as_of)

    def ccl(self) -> Ccl:
        return next(v for s in self.sets if s.format == "ccl" if isinstance(v := self.get(s.name).value, Ccl))


def _manifest_sets(folder: Path, origin: str) -> list[SetInfo]:
    path = folder / "manifest.json"
    try:
        doc = json.loads(path.read_text(encoding="utf-8"))
        out = []
        for s in doc["sets"]:
            files = tuple(FileInfo(f["name"], folder / f["file"], f["sha256"]) for f in s["files"])
            out.append(SetInfo(s["name"], s["list"], s["format"], dt.date.fromisoformat(s["as_of"]) if s.get("as_of") else None,
                               files, s.get("entries"), s.get("licence"), s.get("source"), origin))
    except (OSError, ValueError, KeyError, TypeError) as e:  # JSONDecodeError is a ValueError
        raise refuse("E608", path, 1, f"the manifest cannot be read: {e}") from None
    return out


def _load(info: SetInfo) -> Loaded:
    key = hashlib.sha256()
    for f in info.files:
        key.update(f"{f.name}\0{f.sha256 or sha256_file(f.path)}\0{f.path.stat().st_size}\n".encode())
    key.update(f"{info.format}\0{info.as_of}\0{_code_version()}".encode())
    pick = cache_dir() / "snapshots" / f"{key.hexdigest()}.pickle"
    try:
        with open(pick, "rb") as fh, paused():
            value = pickle.load(fh)  # our own cache, keyed by the hashes of the files and the code
        return Loaded(info, value)
    except (OSError, pickle.PickleError, EOFError, AttributeError, ImportError, ValueError, TypeError, IndexError):
        pass
    plain = [_plain(info, f) for f in info.files]
    with paused():
        loaded = import_set(info.format, plain, info.as_of)
    # no writable cache: slower next time, never wrong
    write_whole(pick, lambda fh: pickle.dump(loaded.value, fh, protocol=pickle.HIGHEST_PROTOCOL))
    return Loaded(info, loaded.value)


def _plain(info: SetInfo, f: FileInfo) -> Path:
    """An uncompressed copy of the file, its sha256 checked against the manifest."""
    compressed = f.path.name.lower().endswith((".xz", ".gz"))
    if not compressed and f.sha256 is None:
        return f.path
    # named by set and hash, so a record's Source reads ".../files/sdn-2024-05-03-210ca6b4a818/sdn.csv:3"
    target = cache_dir() / "files" / f"{info.name}-{(f.sha256 or sha256_file(f.path))[:12]}" / f.name
    if not compressed:
        target = f.path
    elif not target.is_file():
        with _open(f.path) as src:
            data = src.read()
        if f.sha256 and hashlib.sha256(data).hexdigest() != f.sha256:
            raise refuse("E612", f.path, 1, f"{f.name} does not have the sha256 the manifest states ({f.sha256[:12]}…)")
        if not write_whole(target, lambda fh: fh.write(data)):  # no writable cache: a temporary folder of our own
            import tempfile

            target = Path(tempfile.mkdtemp(prefix="writ-lists-")) / f.name
            target.write_bytes(data)
        return target
    if f.sha256 and sha256_file(target) != f.sha256:
        raise refuse("E612", target, 1, f"{f.name} does not have the sha256 the manifest states ({f.sha256[:12]}…)")
    return target
