"""Which files under knowledge/guidance are sources."""

from __future__ import annotations

from pathlib import Path

from advisor.documents import SUPPORTED


def guidance_files(knowledge_dir: Path) -> list[Path]:
    root = knowledge_dir / "guidance"
    if not root.is_dir():
        raise FileNotFoundError(f"no guidance folder at {root}")
    return sorted(p for p in root.rglob("*")
                  if p.is_file() and p.suffix.lower() in SUPPORTED
                  and not any(part.startswith(".") for part in p.relative_to(root).parts))
