"""PDF files with pypdf: one unit per page, page numbers kept (1-based)."""

from __future__ import annotations

from pathlib import Path

from pypdf import PdfReader
from pypdf.errors import PdfReadError

from advisor.documents.errors import LoadError
from advisor.documents.source import Source


def load_pdf(source: Source, path: Path) -> Source:
    try:
        reader = PdfReader(path)
        if reader.is_encrypted and not reader.decrypt(""):
            raise LoadError("encrypted PDF: it needs a password, which the advisor does not have")
        pages = [page.extract_text() or "" for page in reader.pages]
        title = (reader.metadata or {}).get("/Title") if reader.metadata else None
    except LoadError:
        raise
    except (PdfReadError, ValueError, KeyError, TypeError, OSError) as exc:
        raise LoadError(f"corrupt PDF: {exc}") from exc
    except Exception as exc:  # pypdf raises many kinds on damaged files
        if "crypt" in type(exc).__name__.lower() or "password" in str(exc).lower():
            raise LoadError(f"encrypted PDF: {exc}") from exc
        raise LoadError(f"corrupt PDF: {type(exc).__name__}: {exc}") from exc
    if not pages:
        raise LoadError("corrupt PDF: it has no pages")
    if not any(p.strip() for p in pages):
        raise LoadError("PDF has no text layer (a scanned image?); OCR is not supported")
    source.title = str(title).strip() if title and str(title).strip() else source.title
    source.units = [source.unit(t.strip(), page=n) for n, t in enumerate(pages, 1) if t.strip()]
    return source
