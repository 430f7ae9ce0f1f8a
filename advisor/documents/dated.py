"""When each guidance document was last updated, read from the files themselves.

Dates come from the documents' front matter (`updated: YYYY-MM-DD`), never from the index,
so `advisor sources` and plan checks work with no index or model, and a date corrected in a
file shows without re-ingesting. A file whose date cannot be read is undated here, with one
warning in the log; ingest reports it as a failed file with the reason.
"""

from __future__ import annotations

import logging
import time
from dataclasses import dataclass
from datetime import date
from functools import lru_cache
from pathlib import Path

from advisor.documents import LoadError, guidance_files, load, refuse_outside, source_id
from advisor.documents.frontmatter import split_front_matter, updated_date
from advisor.documents.text import decode

log = logging.getLogger(__name__)

# Only Markdown front matter carries an `updated` date; the other loaders read none.
_DATED = {".md", ".markdown"}
# A plan check looks the dates up per pathway, and a roster runs thousands of checks: the
# folder is listed again at most this often, so an edited date shows within a second.
_RESCAN_SECONDS = 1.0
_listed: dict[Path, tuple[float, dict[str, date | None]]] = {}
_warned: set[tuple[Path, int, int]] = set()


def as_date(value: str | None) -> date | None:
    """`2024-04-24` as a date; anything else ("spring 2024", a typo) is undated, not guessed."""
    try:
        return updated_date(value)
    except LoadError:
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
    meta, _ = split_front_matter(decode(path.read_bytes(), "markdown").text)
    return updated_date(meta.get("updated"))


def _file_date(path: Path, knowledge_dir: Path, sid: str) -> date | None:
    """A file's date, or undated when it cannot be read: a reply, a plan check and a
    listing go on without it (ingest reports the file with the reason)."""
    stamp = (path, 0, 0)
    try:
        refuse_outside(path, knowledge_dir)
        stat = path.stat()
        stamp = (path, stat.st_mtime_ns, stat.st_size)
        return _front_matter_date(*stamp)
    except (OSError, LoadError) as exc:
        if stamp not in _warned:  # once per version of the file, not once per reply
            _warned.add(stamp)
            log.warning("%s: no date read, so it counts as undated: %s", sid, exc)
        return None


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
        sid = source_id(path, key)
        dates[sid] = _file_date(path, key, sid) if path.suffix.lower() in _DATED else None
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
