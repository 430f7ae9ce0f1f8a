"""Markdown (and plain text) split into sections at headings.

Written here rather than LangChain's header splitter because that one
rewrites line breaks, and citations must quote the text exactly.
"""

from __future__ import annotations

import re

from advisor.documents.frontmatter import split_front_matter, updated_date
from advisor.documents.source import Source

_HEADING = re.compile(r"^(#{1,6})\s+(.+?)\s*#*\s*$")


def sections(body: str) -> list[tuple[str | None, str]]:
    """(section path, text) pairs; the path joins nested headings with ' › '."""
    out: list[tuple[str | None, str]] = []
    trail: list[tuple[int, str]] = []
    lines: list[str] = []
    in_fence = False

    def flush():
        text = "\n".join(lines).strip()
        if text:
            names = [name for level, name in trail if level > 1] or [n for _, n in trail]
            out.append((" › ".join(names) or None, text))
        lines.clear()

    for line in body.splitlines():
        if line.lstrip().startswith("```"):
            in_fence = not in_fence
        match = None if in_fence else _HEADING.match(line)
        if match:
            flush()
            level = len(match.group(1))
            trail = [(lv, n) for lv, n in trail if lv < level] + [(level, match.group(2))]
        else:
            lines.append(line)
    flush()
    return out


def load_markdown(source: Source, text: str) -> Source:
    meta, body = split_front_matter(text)
    source.title = meta.get("title") or first_heading(body) or source.title
    source.publisher = meta.get("publisher")
    source.url = meta.get("url")
    source.updated = meta.get("updated")
    updated_date(source.updated)  # an impossible date fails here, at ingest, by name
    source.units = [source.unit(t, section=s) for s, t in sections(body)]
    return source


def first_heading(body: str) -> str | None:
    for line in body.splitlines():
        match = _HEADING.match(line)
        if match:
            return match.group(2)
    return None
