"""Chat transcripts on disk, written only when ADVISOR_SAVE_CHATS turns them on."""

from __future__ import annotations

import json
import os
from datetime import UTC, datetime
from pathlib import Path

from advisor.config import Settings


class Transcripts:
    def __init__(self, settings: Settings):
        self.on = settings.save_chats
        self.folder = settings.chats_dir

    def record(self, session: str, audience: str, message: str, reply) -> Path | None:
        """Append one turn to today's JSON-lines file (owner-only); None when saving is off."""
        if not self.on:
            return None
        self.folder.mkdir(parents=True, exist_ok=True, mode=0o700)
        now = datetime.now(UTC)
        path = self.folder / f"chats-{now:%Y-%m-%d}.jsonl"
        line = {"time": now.isoformat(timespec="seconds"), "session": session,
                "audience": audience, "message": message, "answer": reply.answer,
                "sources": sorted({c.source for c in reply.citations})}
        fd = os.open(path, os.O_WRONLY | os.O_CREAT | os.O_APPEND, 0o600)
        with os.fdopen(fd, "a", encoding="utf-8") as fh:
            fh.write(json.dumps(line) + "\n")
        return path
