"""When each guidance document was last updated, read from the files themselves.

Dates come from the documents' front matter (`updated: YYYY-MM-DD`), never from the index,
so `advisor sources` and plan checks work with no index or model, and a date corrected in a
file shows without re-ingesting.
"""

from __future__ import annotations

import re
import time
from dataclasses import dataclass
from datetime import date
from functools import lru_cache
from pathlib import Path

from advisor.documents import LoadError, guidance_files, load, source_id
from advisor.documents.frontmatter import split_front_matter
from advisor.documents.text import decode

# Only Markdown front matter carries an `updated` date; the other loaders read none.
_DATED = {".md", ".markdown"}
_ISO = re.compile(r"\d{4}-\d{2}-\d{2}")
# A plan check looks the dates up per pathway, and a roster runs thousands of checks: the
# folder is listed again at most this often, so an edited date shows within a second.
_RESCAN_SECONDS = 1.0
_listed: dict[Path, tuple[float, dict[str, date | None]]] = {}


def as_date(value: str | None) -> date | None:
    """`2024-04-24` as a date; anything else ("spring 2024", a typo) is undated, not guessed."""
    text = (value or "").strip()
    if not _ISO.fullmatch(text):
        return None
    try:
        return date.fromisoformat(text)
    except ValueError:
        return None


def updated_label(updated: date | str | None) -> str:
    """How every listing shows a source's date: "updated 2024-01-05", or "undated", said
    plainly because a counselor weighs an undated source differently."""
    if not updated:
        return "undated"
    return f"updated {updated if isinstance(updated, str) else updated.isoformat()}"


def age_days(updated: date | None, today: date) -> int | None:
    return (today - updated).days if updated else None


def is_stale(updated: date | None, limit_days: int, today: date) -> bool | None:
    """Older than the limit. None when undated: its age is unknown, neither fresh nor stale;
    listings show it as undated so a counselor still sees it."""
    age = age_days(updated, today)
    return None if age is None else age > limit_days


@lru_cache(maxsize=256)
def _front_matter_date(path: Path, mtime_ns: int, size: int) -> date | None:
    """One file's date; the stamp arguments make an edited file read afresh."""
    try:
        meta, _ = split_front_matter(decode(path.read_bytes(), "markdown"))
    except (OSError, LoadError):
        return None  # ingest reports a bad file; here it is simply undated
    return as_date(meta.get("updated"))


def guidance_dates(knowledge_dir: Path) -> dict[str, date | None]:
    """Every guidance document's `updated` date by source id (front matter only, cheap)."""
    # Keyed by the path as given: resolving it on every call (a realpath per check) cost
    # a 1,000-row roster more than its rules did.
    given = Path(knowledge_dir)
    seen = _listed.get(given)
    if seen and time.monotonic() - seen[0] < _RESCAN_SECONDS:
        return seen[1]
    key = given.resolve()
    try:
        files = guidance_files(key)
    except FileNotFoundError:
        files = []
    dates: dict[str, date | None] = {}
    for path in files:
        dated = None
        if path.suffix.lower() in _DATED:
            stat = path.stat()
            dated = _front_matter_date(path, stat.st_mtime_ns, stat.st_size)
        dates[source_id(path, key)] = dated
    _listed[given] = (time.monotonic(), dates)
    return dates


@dataclass(frozen=True)
class DatedSource:
    """One guidance document as `advisor sources` lists it."""

    source: str
    title: str
    publisher: str | None
    url: str | None
    updated: date | None

    def age_days(self, today: date) -> int | None:
        return age_days(self.updated, today)

    def stale(self, limit_days: int, today: date) -> bool | None:
        return is_stale(self.updated, limit_days, today)


def guidance_sources(knowledge_dir: Path,
                     max_mb: float = 20.0) -> tuple[list[DatedSource], dict[str, str]]:
    """Every guidance document read with the ingest loaders (so titles match citations),
    and the files that could not be read, with the reason."""
    sources, failed = [], {}
    for path in guidance_files(knowledge_dir):
        sid = source_id(path, knowledge_dir)
        try:
            doc = load(path, knowledge_dir, max_mb=max_mb)
        except (LoadError, OSError) as exc:  # as ingest does: one bad file, the rest listed
            failed[sid] = str(exc)
            continue
        sources.append(DatedSource(source=sid, title=doc.title, publisher=doc.publisher,
                                   url=doc.url, updated=as_date(doc.updated)))
    return sources, failed
