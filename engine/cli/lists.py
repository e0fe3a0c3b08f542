"""`writ lists`: which list snapshots are loaded, and `writ lists update --from URL-or-FILE`.

A typer sub-app (`app`), mounted as `writ lists` by the main CLI. Listing reads the
bundled manifest and the user's downloaded snapshots (and `--lists PATH` files, which are
parsed). `update` fetches a file (http, https, file URL, or a path), imports it fully with
the importer its format needs (a malformed file is refused and nothing is written), refuses
a list that shrank by more than half against the newest snapshot of the same list unless
`--allow-shrink`, and writes it atomically into the user data directory, never over the
bundled files.
"""

from __future__ import annotations

import datetime as dt
import hashlib
import json
import os
import re
import shutil
import tempfile
from collections.abc import Sequence
from pathlib import Path
from typing import TYPE_CHECKING, Any, List, Optional

import typer

from ..core.diagnostics import WritError
# the lists' code is imported by the commands that use it: `writ check` starts without it
if TYPE_CHECKING:
    from ..lists.catalog import Catalog, SetInfo

app = typer.Typer(help="The sanctions and export-control lists Writ screens against.", no_args_is_help=False, invoke_without_command=True)

FETCH_TIMEOUT = 60  # seconds; a list download that stalls longer is an error, not a hang
MAX_BYTES = 200 * 1024 * 1024  # the official files are under 100 MB; more is not a list


def set_digest(info: SetInfo) -> str | None:
    """The snapshot hash (as Snapshot.digest) from the manifest's file hashes, without parsing."""
    if any(f.sha256 is None for f in info.files):
        return None
    h = hashlib.sha256()
    for name, sha in sorted((f.name, f.sha256) for f in info.files):
        h.update(f"{name}\0{sha}\n".encode())
    return h.hexdigest()


def rows(catalog: Catalog) -> list[tuple[str, str, str, str, str, str]]:
    out = []
    for info in catalog.sets:
        entries, as_of, digest = info.entries, info.as_of, set_digest(info)
        if entries is None or digest is None or as_of is None:
            loaded = catalog.get(info.name)
            entries, as_of, digest = loaded.count, loaded.as_of, loaded.digest
        out.append((info.name, info.list, as_of.isoformat(), str(entries), digest[:12], info.origin))
    return out


def table(rows_: Sequence[tuple[str, ...]]) -> str:  # read only: any row shape of str
    head = ("set", "list", "as of", "entries", "hash", "origin")
    widths = [max(len(r[i]) for r in [head, *rows_]) for i in range(len(head))]
    fmt = lambda r: "  ".join(v.rjust(w) if i == 3 else v.ljust(w) for i, (v, w) in enumerate(zip(r, widths))).rstrip()  # noqa: E731
    return "\n".join([fmt(head), *map(fmt, rows_)])


def _fail(e: WritError) -> None:
    for d in e.diagnostics:
        typer.echo(f"{d.span}: error[{d.code}]: {d.message}", err=True)
        if d.hint:
            typer.echo(f"  hint: {d.hint}", err=True)
    raise typer.Exit(1)


@app.callback()
def lists(ctx: typer.Context, paths: Optional[List[Path]] = typer.Option(None, "--lists", help="List files or folders to load instead of the defaults.")) -> None:
    """Show the loaded lists: set, list, snapshot date, entries, hash."""
    ctx.obj = {"paths": paths}
    if ctx.invoked_subcommand is not None:
        return
    from ..lists.catalog import Catalog

    try:
        catalog = Catalog.load(paths) if paths else Catalog.default()
        typer.echo(table(rows(catalog)))
    except WritError as e:
        _fail(e)


def fetch(source: str, into: Path) -> Path:
    """Download (or copy) one file into `into`, bounded in time and size."""
    import urllib.parse
    import urllib.request

    from ..lists.reading import refuse

    parsed = urllib.parse.urlparse(source)
    if parsed.scheme in ("http", "https", "file"):
        name = Path(urllib.parse.unquote(parsed.path)).name or "download"
        target = into / name
        try:
            with urllib.request.urlopen(source, timeout=FETCH_TIMEOUT) as resp, open(target, "wb") as out:
                total = 0
                while chunk := resp.read(1 << 20):
                    total += len(chunk)
                    if total > MAX_BYTES:
                        raise refuse("E601", source, 1, f"the download exceeds {MAX_BYTES // (1024 * 1024)} MB")
                    out.write(chunk)
        except (OSError, ValueError) as e:
            raise refuse("E601", source, 1, f"cannot fetch it: {e}") from None
        return target
    path = Path(source)
    if not path.is_file():
        raise refuse("E601", source, 1, "no such file (give a path, or an http, https or file URL)")
    return Path(shutil.copy2(path, into / path.name))


@app.command()
def update(
    sources: List[str] = typer.Option(..., "--from", help="URL or file of the list; repeat for a set (sdn.csv, add.csv, alt.csv)."),
    name: Optional[str] = typer.Option(None, help="Name of the snapshot (default: the list and its date)."),
    as_of: Optional[str] = typer.Option(None, "--as-of", help="The date the list speaks for (YYYY-MM-DD)."),
    allow_shrink: bool = typer.Option(False, "--allow-shrink", help="Accept a list with less than half the entries of the last one."),
) -> None:
    """Fetch a list, verify it imports, and add it to the user's snapshots."""
    try:
        typer.echo(_update(sources, name, as_of, allow_shrink))
    except WritError as e:
        _fail(e)


def _update(sources: list[str], name: str | None, as_of: str | None, allow_shrink: bool) -> str:
    from ..lists.catalog import DATA, Catalog, data_dir, import_set, sniff
    from ..lists.reading import Refusal, check_size, refuse

    root = data_dir()
    if root.resolve().is_relative_to(DATA.resolve()):
        raise refuse("E601", root, 1, "the user data directory lies inside the bundled lists; set XDG_DATA_HOME elsewhere")
    root.mkdir(parents=True, exist_ok=True)
    incoming = Path(tempfile.mkdtemp(prefix=".incoming-", dir=root))
    staging: Path | None = incoming  # what to remove on the way out: None once moved into place
    try:
        files = [fetch(s, incoming) for s in sources]
        fmt, members = sniff(incoming if len(files) > 1 else files[0])
        when = dt.date.fromisoformat(as_of) if as_of else _date_of(sources[0], files[0], fmt)
        loaded = import_set(fmt, members, when, **({} if fmt == "ccl" else {"allow_shrink": True}))  # the whole file, or a WritError
        same = [s for s in Catalog.default().sets if s.list == loaded.info.list and s.format == fmt]
        if same and not allow_shrink:
            latest = max(same, key=lambda s: s.as_of or dt.date.min)
            before = latest.entries if latest.entries is not None else Catalog([latest]).get(latest.name).count
            refusal = Refusal()
            check_size(refusal, sources[0], loaded.count, before, allow_shrink)
            refusal.raise_if_any()
        elif loaded.count == 0 and not allow_shrink:
            raise refuse("E606", sources[0], 1, "no entries were found")
        set_name = name or f"{loaded.info.list.lower()}-{loaded.as_of.isoformat()}"
        if not re.fullmatch(r"[A-Za-z0-9][A-Za-z0-9._-]{0,80}", set_name):
            raise refuse("E604", set_name, 1, "a snapshot name is letters, digits, '.', '_' and '-'")
        final = root / set_name
        entry = {"name": set_name, "list": loaded.info.list, "format": fmt, "as_of": loaded.as_of.isoformat(), "entries": loaded.count,
                 "files": [{"name": p.name, "file": f"{set_name}/{p.name}", "sha256": _sha(p), "bytes": p.stat().st_size} for p in members],
                 "source": {"fetched_from": sources, "fetched_at": dt.datetime.now(dt.timezone.utc).isoformat(timespec="seconds")},
                 "licence": "as published by the list's issuer"}
        if final.exists():
            shutil.rmtree(final)
        os.replace(incoming, final)  # atomic: the snapshot appears whole or not at all
        staging = None
        _write_manifest(root, entry)
        return f"added {set_name}: {entry['list']} as of {entry['as_of']}, {entry['entries']} entries, into {final}"
    finally:
        if staging is not None:
            shutil.rmtree(staging, ignore_errors=True)


def _date_of(source: str, path: Path, fmt: str) -> dt.date | None:
    """The date the list speaks for: in its name, else its own (XML, JSON, DPL), else the day it was fetched."""
    import urllib.parse

    m = re.search(r"(\d{4})-(\d{2})-(\d{2})", source)
    if m:
        try:
            return dt.date(*map(int, m.groups()))
        except ValueError:
            pass
    if fmt in ("ofac_xml", "csl_json", "dpl", "ccl"):
        return None  # the importer reads the file's own date
    if urllib.parse.urlparse(source).scheme in ("http", "https"):
        return dt.datetime.now(dt.timezone.utc).date()  # downloaded now: the official file as of today
    return dt.date.fromtimestamp(Path(source).stat().st_mtime) if Path(source).exists() else dt.date.today()


def _sha(path: Path) -> str:
    h = hashlib.sha256()
    with open(path, "rb") as f:
        while chunk := f.read(1 << 20):
            h.update(chunk)
    return h.hexdigest()


def _write_manifest(root: Path, entry: dict) -> None:
    path = root / "manifest.json"
    doc: dict[str, Any] = json.loads(path.read_text()) if path.is_file() else {"format": 1, "sets": []}
    doc["sets"] = [s for s in doc["sets"] if s["name"] != entry["name"]] + [entry]
    tmp = path.with_suffix(f".{os.getpid()}.tmp")
    tmp.write_text(json.dumps(doc, indent=1) + "\n")
    os.replace(tmp, path)
