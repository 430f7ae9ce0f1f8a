"""Loading guidance files into `Source`s of LangChain Documents."""

from __future__ import annotations

import hashlib
from pathlib import Path

from advisor.documents.errors import LoadError
from advisor.documents.source import Source

SUPPORTED = {".md", ".markdown", ".txt", ".html", ".htm", ".pdf", ".docx"}


def file_sha256(path: Path) -> str:
    digest = hashlib.sha256()
    with open(path, "rb") as fh:
        for block in iter(lambda: fh.read(1 << 20), b""):
            digest.update(block)
    return digest.hexdigest()


def source_id(path: Path, knowledge_dir: Path) -> str:
    return path.resolve().relative_to(knowledge_dir.resolve()).as_posix()


def guidance_files(knowledge_dir: Path) -> list[Path]:
    """The source files under knowledge/guidance (hidden files and folders left out)."""
    root = knowledge_dir / "guidance"
    if not root.is_dir():
        raise FileNotFoundError(f"no guidance folder at {root}")
    return sorted(p for p in root.rglob("*")
                  if p.is_file() and p.suffix.lower() in SUPPORTED
                  and not any(part.startswith(".") for part in p.relative_to(root).parts))


def default_title(path: Path) -> str:
    return path.stem.replace("-", " ").replace("_", " ").strip().capitalize()


def load(path: Path, knowledge_dir: Path, max_mb: float = 20.0,
         sha256: str | None = None) -> Source:
    """Read one file; raise LoadError with a plain reason when it can't be used."""
    from advisor.documents.docx import load_docx
    from advisor.documents.html import load_html
    from advisor.documents.markdown import load_markdown
    from advisor.documents.pdf import load_pdf
    from advisor.documents.text import decode

    suffix = path.suffix.lower()
    if suffix not in SUPPORTED:
        raise LoadError(f"unsupported file type {suffix or '(none)'}")
    size = path.stat().st_size
    if size == 0:
        raise LoadError("empty file (0 bytes)")
    if size > max_mb * 1024 * 1024:
        raise LoadError(f"file too large: {size / 1048576:.1f} MB (limit {max_mb:g} MB)")
    source = Source(id=source_id(path, knowledge_dir), sha256=sha256 or file_sha256(path),
                    title=default_title(path))
    if suffix == ".pdf":
        load_pdf(source, path)
    elif suffix == ".docx":
        load_docx(source, path)
    else:
        text = decode(path.read_bytes(), suffix.lstrip("."))
        if suffix in {".html", ".htm"}:
            load_html(source, text)
        elif suffix == ".txt":
            source.units = [source.unit(text.strip())]
        else:
            load_markdown(source, text)
    if not any(u.page_content.strip() for u in source.units):
        raise LoadError("no text content")
    return source


__all__ = ["LoadError", "Source", "SUPPORTED", "load", "file_sha256", "guidance_files",
           "source_id"]
