"""Bytes to text: encoding fallback and binary detection.

Text is read as UTF-8. A byte sequence that is not UTF-8 is read as Windows-1252 (cp1252,
what Word and Notepad save as "ANSI"; latin-1 for the five bytes cp1252 leaves undefined), and
the rest of the file stays UTF-8. So a legacy cp1252 file reads correctly, and a UTF-8 file
with one damaged byte keeps every other character instead of turning into mojibake. Either
way the file is named in a warning, with where the first such byte is.
"""

from __future__ import annotations

import codecs
from dataclasses import dataclass

from advisor.documents.errors import LoadError

_CONTROL_OK = {9, 10, 12, 13}
_BOM = codecs.BOM_UTF8
_FALLBACK = "advisor-cp1252"


def _byte(b: int) -> str:
    try:
        return bytes([b]).decode("cp1252")
    except UnicodeDecodeError:
        return chr(b)  # latin-1: every byte maps to a character


_CP1252 = [_byte(b) for b in range(256)]


def _as_cp1252(exc: UnicodeError) -> tuple[str, int]:
    if not isinstance(exc, UnicodeDecodeError):
        raise exc
    return "".join(_CP1252[b] for b in exc.object[exc.start:exc.end]), exc.end


codecs.register_error(_FALLBACK, _as_cp1252)


@dataclass(frozen=True)
class Decoded:
    text: str
    warning: str | None = None  # how a file that is not all UTF-8 was read


def decode(data: bytes, kind: str) -> Decoded:
    if not data.strip():
        raise LoadError("empty file: no text content")
    head = data[:8192]
    controls = sum(1 for b in head if b < 32 and b not in _CONTROL_OK)
    if b"\x00" in head or controls > len(head) * 0.05:
        raise LoadError(f"binary data, not {kind} text")
    skip = len(_BOM) if data.startswith(_BOM) else 0
    body = data[skip:]
    try:
        return Decoded(body.decode("utf-8"))
    except UnicodeDecodeError as exc:
        first = skip + exc.start
    # Counted at C speed: each undecodable sequence becomes one U+FFFD, less those written
    # as U+FFFD on purpose.
    bad = body.decode("utf-8", "replace").count("\ufffd") - body.count("\ufffd".encode())
    line = data.count(b"\n", 0, first) + 1
    many = f"{bad} byte sequences" if bad > 1 else "1 byte sequence"
    return Decoded(body.decode("utf-8", _FALLBACK),
                   f"not valid UTF-8: {many} not UTF-8, the first at byte offset {first} "
                   f"(line {line}, 0x{data[first]:02X}); read as Windows-1252 (cp1252), the "
                   "rest as UTF-8. Save the file as UTF-8 to be sure of every character.")
