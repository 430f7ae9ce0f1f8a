"""Loading guidance files into `Source`s of LangChain Documents."""

from __future__ import annotations

import hashlib
import os
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
    """The file's path as listed under the knowledge folder. Not resolved: a symbolic link
    keeps its own name, and one leading out of the folder is named, not its target."""
    return Path(os.path.relpath(os.path.abspath(path), os.path.abspath(knowledge_dir))
                ).as_posix()


def refuse_outside(path: Path, knowledge_dir: Path) -> None:
    """Only files inside the knowledge folder are read: a symbolic link that leads out of it
    could publish any file the server can read. The message never says where it leads (the
    caller names the link by its source id), since ingest output can reach a web page."""
    if not path.resolve().is_relative_to(knowledge_dir.resolve()):
        raise LoadError("a symbolic link that leads outside the knowledge folder; refused "
                        "(only files inside it are read)")


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


_TEXT = SUPPORTED - {".pdf", ".docx"}


def read_warnings(path: Path, max_mb: float = 20.0) -> list[str]:
    """What `load` warns of a text file, without loading it: ingest skips an unchanged file
    but still reports, run after run, that it is not all UTF-8."""
    from advisor.documents.text import decode

    if path.suffix.lower() not in _TEXT or path.stat().st_size > max_mb * 1024 * 1024:
        return []
    try:
        warning = decode(path.read_bytes(), path.suffix.lstrip(".")).warning
    except LoadError:
        return []
    return [warning] if warning else []


def load(path: Path, knowledge_dir: Path, max_mb: float = 20.0,
         sha256: str | None = None) -> Source:
    """Read one file; raise LoadError with a plain reason when it can't be used."""
    from advisor.documents.docx import load_docx
    from advisor.documents.html import load_html
    from advisor.documents.markdown import load_markdown
    from advisor.documents.pdf import load_pdf
    from advisor.documents.text import decode

    refuse_outside(path, knowledge_dir)
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
        decoded = decode(path.read_bytes(), suffix.lstrip("."))
        source.warnings += [decoded.warning] if decoded.warning else []
        text = decoded.text
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
           "read_warnings", "refuse_outside", "source_id"]
