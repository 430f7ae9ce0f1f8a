"""A file the user asked to download, written once and not kept.

Gradio serves downloads from files in its cache folder and copies any other file there.
Writing straight into a fresh, owner-only folder inside that cache leaves exactly one copy,
which is removed once the user has had time to click the link: by a timer, at a normal
exit, and, for a server that was killed first, by the next download that finds it.
"""

from __future__ import annotations

import atexit
import os
import secrets
import shutil
import threading
import time
from pathlib import Path

from gradio.utils import get_upload_folder

KEEP_SECONDS = 300.0  # time to click the download link
PREFIX = "advisor-download-"
_pending: set[Path] = set()
_lock = threading.Lock()


def _remove(folder: Path) -> None:
    shutil.rmtree(folder, ignore_errors=True)
    with _lock:
        _pending.discard(folder)


def _sweep(cache: Path, keep_seconds: float) -> None:
    """Folders left by a server that was stopped before its timers ran."""
    cutoff = time.time() - keep_seconds
    for folder in cache.glob(PREFIX + "*"):
        try:
            if folder.stat().st_mtime < cutoff:
                shutil.rmtree(folder, ignore_errors=True)
        except OSError:
            pass


def private_download(name: str, text: str, keep_seconds: float = KEEP_SECONDS) -> str:
    """The path Gradio serves `text` from as `name`; gone after `keep_seconds`."""
    return private_file(name, text.encode("utf-8"), keep_seconds=keep_seconds)


def private_file(name: str, data: bytes | None = None, *, writer=None,
                 keep_seconds: float = KEEP_SECONDS) -> str:
    """The path Gradio serves `data` (or what `writer(path)` writes) from as `name`; gone
    after `keep_seconds`."""
    cache = Path(get_upload_folder())
    cache.mkdir(parents=True, exist_ok=True)
    _sweep(cache, max(keep_seconds, KEEP_SECONDS))
    folder = cache / f"{PREFIX}{secrets.token_hex(16)}"  # unguessable: others can't fetch it
    folder.mkdir(mode=0o700)
    path = folder / name
    with _lock:
        _pending.add(folder)
    timer = threading.Timer(keep_seconds, _remove, [folder])
    timer.daemon = True
    timer.start()
    # Owner-only from creation: a writer opening the path again keeps this file and its mode.
    with os.fdopen(os.open(path, os.O_WRONLY | os.O_CREAT | os.O_EXCL, 0o600), "wb") as f:
        if writer is None:
            f.write(data or b"")
    if writer is not None:
        writer(path)
    return str(path)


@atexit.register
def _remove_pending() -> None:
    for folder in list(_pending):
        _remove(folder)
