"""Splitting a passage into the sentences an answer may quote."""

from __future__ import annotations

import re

# Not after initials such as "U.S." or "M.G.L.".
_SPLIT = re.compile(r"(?<=[.!?])(?<![A-Z]\.[A-Z]\.)\s+(?=[A-Z0-9“\"(])|\n+")


# Stored beside each chunk's sentence vectors: change it when sentences() changes, and the
# next ingest re-embeds every chunk's sentences.
SENTENCE_TAG = "s1"
_LIST_CHARS = 450  # a longer list is quoted item by item
_ITEM = re.compile(r"^\s*(?:[-*•·]|\d{1,2}[.)])\s+")


def _units(text: str) -> list[tuple[str, bool]]:
    """(line, is_list): a short list is glued to the line ending in ":" before it."""
    blocks: list[list[str]] = []
    lead = False
    for line in (raw.strip() for raw in text.split("\n")):
        if not line:
            continue
        if lead and _ITEM.match(line):
            blocks[-1].append(line)
            continue
        blocks.append([line])
        lead = line.endswith(":")
    units = []
    for block in blocks:
        *before, lead = _SPLIT.split(block[0])
        joined = " ".join([lead, *block[1:]])
        if len(block) > 1 and len(joined) <= _LIST_CHARS:
            units += [(s, False) for s in before] + [(joined, True)]
        else:
            units += [(line, False) for line in block]
    return units


def sentences(text: str) -> list[str]:
    """Quotable sentences of a passage (headings, links and fragments dropped)."""
    out = []
    for unit, is_list in _units(text):
        if unit.startswith("#"):
            continue
        for s in [unit] if is_list else _SPLIT.split(unit):
            s = _ITEM.sub("", s.strip()).strip()
            # Short lines count when they carry a figure ("Arts: 1 unit.").
            if (len(s) >= 25 or (len(s) >= 10 and re.search(r"\d", s))) \
                    and not s.startswith("http"):
                out.append(s)
    return out
