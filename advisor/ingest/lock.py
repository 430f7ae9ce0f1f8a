"""One writer at a time: a file lock beside the index."""

from __future__ import annotations

from pathlib import Path

from filelock import FileLock, Timeout

from advisor.config import Settings


class IngestLocked(RuntimeError):
    pass


def lock_path(settings: Settings) -> Path:
    if settings.chroma_url:  # guards writers on this host; see the README on scale-out
        return settings.server_dir() / "ingest.lock"
    return settings.db.parent / f"{settings.db.name}.ingest.lock"


def writer_lock(settings: Settings) -> FileLock:
    path = lock_path(settings)
    path.parent.mkdir(parents=True, exist_ok=True)
    lock = FileLock(str(path), timeout=0)
    try:
        lock.acquire()
    except Timeout as exc:
        raise IngestLocked(f"another ingest is writing this index (lock held: {path})") from exc
    return lock
