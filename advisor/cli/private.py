"""Files the CLI writes that hold student data: owner-only from the moment they exist."""

from __future__ import annotations

import contextlib
import os
import tempfile
from pathlib import Path


def same_file(a: Path, b: Path) -> bool:
    """Whether two paths name one file, by any route (`..`, a symlink, a hard link)."""
    try:
        return os.path.samefile(a, b)
    except OSError:  # one of them does not exist, so they are not one file
        return False


def write_private(path: Path, data: bytes) -> None:
    """`data` at `path`, readable by the owner only, replacing any file there whole.

    mkstemp creates the file with os.open(..., O_EXCL, 0o600), so it is never readable by
    others, not even between its creation and a chmod; os.replace puts it in place at once,
    so an earlier file there (whatever its mode) is never left half written.
    """
    path = Path(path)
    fd, part = tempfile.mkstemp(dir=path.parent, prefix=f".{path.name}.", suffix=".part")
    try:
        with os.fdopen(fd, "wb") as f:
            f.write(data)
        os.replace(part, path)
    except BaseException:
        with contextlib.suppress(OSError):
            os.unlink(part)
        raise
