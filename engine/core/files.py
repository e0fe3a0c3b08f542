"""Files written whole or not at all: the caches' one writer.

One job: `write_whole(path, write)`. The bytes go to a temporary file beside `path`, which
then replaces it in one step, so a reader (another process, the next run) never sees half a
file; a write that fails leaves nothing behind and reports False (a cache that cannot be
written costs time, never correctness).
"""

from __future__ import annotations

import os
import pickle
import tempfile
from pathlib import Path
from typing import IO, Callable, Any


def write_whole(path: Path, write: Callable[[IO[bytes]], Any]) -> bool:
    """Write `path` through `write(fh)`, whole or not at all: True if it was written."""
    tmp: str | None = None
    try:
        path.parent.mkdir(parents=True, exist_ok=True)
        fd, tmp = tempfile.mkstemp(dir=path.parent, prefix=".tmp-")
        with os.fdopen(fd, "wb") as fh:
            write(fh)
        os.replace(tmp, path)
        return True
    except (OSError, pickle.PicklingError, TypeError, AttributeError, RecursionError):  # unwritable, or a value pickle refuses
        if tmp is not None:
            try:
                os.unlink(tmp)
            except OSError:
                pass
        return False
