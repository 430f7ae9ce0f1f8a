"""A small UTF-8 text file a user or an operator hands the advisor, read in bounded memory:
at most `limit` bytes are ever read, however long the file or stream (`/dev/zero`), and a
byte-order mark is read past (Windows editors write one).

Callers name the file their own way (an upload's name, a setting), so the errors carry only
what went wrong; an OSError passes through for the same reason.
"""

from __future__ import annotations

from pathlib import Path


class TooLarge(ValueError):
    """More than `limit` bytes."""


class NotUtf8(ValueError):
    def __init__(self, start: int):
        super().__init__(f"not UTF-8 at byte offset {start}")
        self.start = start  # the offset of the first byte that is not UTF-8


def read_utf8(path: Path, limit: int) -> str:
    with open(path, "rb") as f:
        data = f.read(limit + 1)
    if len(data) > limit:
        raise TooLarge(limit)
    try:
        return data.decode("utf-8-sig")
    except UnicodeDecodeError as exc:
        raise NotUtf8(exc.start) from None
