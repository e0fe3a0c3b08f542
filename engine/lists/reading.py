"""Reading list files safely: hashing while streaming, strict decoding, and refusing.

Every importer reads its file through `open_text` (the bytes are hashed as they stream,
so the snapshot names exactly the bytes it rests on) and reports what is wrong through a
`Refusal`, which collects diagnostics that point at the file and the line. An importer
parses the whole file first and raises only at the end, so a refused file imports
nothing. The E6xx codes of every list importer live here, each with its message shape
and hint, so the CLI and the docs can list them.
"""

from __future__ import annotations

import codecs
import datetime as dt
import hashlib
import io
from pathlib import Path
from typing import BinaryIO

from ..core.diagnostics import Reporter, Span, WritError

# code -> (title, hint). One table, so every importer words the same problem the same way.
CODES: dict[str, tuple[str, str]] = {
    "E601": ("the file cannot be read", "check the path and that the file is not empty or a directory"),
    "E602": ("the file is not in the expected encoding", "save the file as UTF-8 (the official lists are UTF-8 or ASCII)"),
    "E603": ("a row has the wrong number of fields", "the file is truncated or a quote is unbalanced; download it again"),
    "E604": ("a field has a value the format does not allow", "compare the row with the format described in data/lists/PROVENANCE.md"),
    "E605": ("a row points at an entry that the list does not have", "the companion files belong to another publication date; use one set"),
    "E606": ("the list is empty", "an empty download is refused, since it would unlist everyone; pass allow_shrink=True to accept it"),
    "E607": ("the list shrank by more than half against the previous snapshot", "check the download; pass allow_shrink=True (CLI: --allow-shrink) if the shrinkage is real"),
    "E608": ("the file is not well-formed", "the file is truncated or corrupted; download it again"),
    "E609": ("the file declares a DOCTYPE or entities, which are refused", "OFAC's XML has no DOCTYPE; a file with one is not the official file"),
    "E610": ("the file is not the format this importer reads", "use the importer for this format (see writ.lists.catalog)"),
    "E611": ("a row repeats an entry key", "each entry number must appear once in the primary file"),
    "E612": ("a bundled or downloaded file is not the file its manifest names", "the installation or the download is damaged; reinstall, or run `writ lists update` again"),
}

MAX_ERRORS = 20  # after this many, the file is plainly not the format; stop collecting


class Refusal:
    """Collects the problems of one import; `raise_if_any` refuses the whole file."""

    def __init__(self) -> None:
        self.reporter = Reporter()
        self.count = 0

    def error(self, code: str, file: str | Path, line: int, detail: str, column: int = 1) -> None:
        self.count += 1
        if self.count > MAX_ERRORS:
            return
        title, hint = CODES[code]
        span = Span(str(file), max(1, line), max(1, column), max(1, line), max(1, column) + 1)
        self.reporter.error(code, span, f"{title}: {detail}", hint)

    @property
    def failed(self) -> bool:
        return self.count > 0

    def raise_if_any(self) -> None:
        if self.count > MAX_ERRORS:
            first = self.reporter.diagnostics[0].span
            self.reporter.error("E608", Span(first.file, first.line, 1, first.line, 2), f"{self.count - MAX_ERRORS} further problems not shown", None)
        self.reporter.raise_if_errors()


def refuse(code: str, file: str | Path, line: int, detail: str) -> WritError:
    """A one-problem refusal, to raise at once (the file cannot be read at all)."""
    r = Refusal()
    r.error(code, file, line, detail)
    return WritError(r.reporter.diagnostics)


class HashingReader(io.RawIOBase):
    """A raw stream that hashes every byte read through it and counts lines, for error positions."""

    def __init__(self, raw: BinaryIO):
        self.raw = raw
        self.sha = hashlib.sha256()
        self.size = 0

    def readable(self) -> bool:
        return True

    def readinto(self, b) -> int:  # type: ignore[override]
        data = self.raw.read(len(b))
        n = len(data)
        b[:n] = data
        self.sha.update(data)
        self.size += n
        return n

    def drain(self) -> str:
        """Hash what the parser did not read (a truncated parse still hashes the whole file)."""
        while chunk := self.raw.read(1 << 20):
            self.sha.update(chunk)
            self.size += len(chunk)
        return self.sha.hexdigest()


def open_binary(path: str | Path) -> BinaryIO:
    try:
        f = open(path, "rb")
    except OSError as e:
        raise refuse("E601", path, 1, e.strerror or str(e)) from None
    return f


def check_bom(path: str | Path, head: bytes) -> int:
    """Refuse UTF-16/32 (a spreadsheet's "Unicode text" export); return the UTF-8 BOM length to skip."""
    for bom, name in ((codecs.BOM_UTF32_LE, "UTF-32"), (codecs.BOM_UTF32_BE, "UTF-32"), (codecs.BOM_UTF16_LE, "UTF-16"), (codecs.BOM_UTF16_BE, "UTF-16")):
        if head.startswith(bom):
            raise refuse("E602", path, 1, f"the file starts with a {name} byte-order mark")
    if b"\x00" in head[:4096]:
        raise refuse("E602", path, 1, "the file holds NUL bytes (UTF-16 or binary data, not text)")
    return 3 if head.startswith(codecs.BOM_UTF8) else 0


def decode_error_line(path: str | Path, offset_hint: int | None = None) -> tuple[int, str]:
    """The line of the first byte that is not UTF-8, read again from the start (errors are rare)."""
    with open(path, "rb") as f:
        data = f.read()
    try:
        data.decode("utf-8")
    except UnicodeDecodeError as e:
        line = data.count(b"\n", 0, e.start) + 1
        return line, f"byte 0x{data[e.start]:02X} at offset {e.start} is not UTF-8"
    return 1, "the text is not UTF-8"


def read_json(path: Path) -> tuple[object, bytes]:
    """A JSON file's document and its bytes; not UTF-8 (E602) or not JSON (E608) refused with the line."""
    import json

    with open_binary(path) as f:
        data = f.read()
    check_bom(path, data[:4096])
    try:
        return json.loads(data.decode("utf-8-sig")), data
    except UnicodeDecodeError as e:
        raise refuse("E602", path, data.count(b"\n", 0, e.start) + 1,
                     f"byte 0x{data[e.start]:02X} at offset {e.start} is not UTF-8") from None
    except json.JSONDecodeError as e:
        raise refuse("E608", path, e.lineno, f"{e.msg} (column {e.colno})") from None


def sha256_file(path: str | Path) -> str:
    h = hashlib.sha256()
    with open(path, "rb") as f:
        while chunk := f.read(1 << 20):
            h.update(chunk)
    return h.hexdigest()


def check_size(refusal: Refusal, file: str | Path, count: int, previous_count: int | None, allow_shrink: bool) -> None:
    """An empty list, or one that lost more than half its entries, unlists people: refuse it unless allowed."""
    if allow_shrink or refusal.failed:  # a file already refused has no meaningful size
        return
    if count == 0:
        refusal.error("E606", file, 1, "no entries were found")
    elif previous_count is not None and count * 2 < previous_count:
        refusal.error("E607", file, 1, f"{count} entries now against {previous_count} before")


def parse_date(text: str, formats: tuple[str, ...]) -> dt.date | None:
    """The first format that reads the text, or None (the caller decides whether that is an error)."""
    for fmt in formats:
        try:
            return dt.datetime.strptime(text.strip(), fmt).date()
        except ValueError:
            continue
    return None
