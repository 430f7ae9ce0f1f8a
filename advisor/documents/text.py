"""Bytes to text: encoding fallback and binary detection."""

from __future__ import annotations

from advisor.documents.errors import LoadError

_CONTROL_OK = {9, 10, 12, 13}


def decode(data: bytes, kind: str) -> str:
    if not data.strip():
        raise LoadError("empty file: no text content")
    head = data[:8192]
    controls = sum(1 for b in head if b < 32 and b not in _CONTROL_OK)
    if b"\x00" in head or controls > len(head) * 0.05:
        raise LoadError(f"binary data, not {kind} text")
    for encoding in ("utf-8-sig", "cp1252"):
        try:
            return data.decode(encoding)
        except UnicodeDecodeError:
            continue
    return data.decode("latin-1")  # never fails: every byte maps to a character
