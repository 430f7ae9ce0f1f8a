"""Word .docx files: heading styles become sections, tables become rows of text."""

from __future__ import annotations

import zipfile
from pathlib import Path

from docx import Document as open_docx
from docx.opc.exceptions import PackageNotFoundError

from advisor.documents.errors import LoadError
from advisor.documents.markdown import sections
from advisor.documents.source import Source


def _lines(doc) -> list[str]:
    lines = []
    for block in doc.element.body.iterchildren():
        tag = block.tag.rsplit("}", 1)[-1]
        if tag == "p":
            para = next(p for p in doc.paragraphs if p._p is block)
            text = para.text.strip()
            style = (para.style.name or "") if para.style is not None else ""
            if text and style.startswith("Heading") and style[-1:].isdigit():
                lines += ["", "#" * int(style[-1]) + " " + text, ""]
            elif text and style == "Title":
                lines += ["", "# " + text, ""]
            elif text:
                lines += [text, ""]
        elif tag == "tbl":
            table = next(t for t in doc.tables if t._tbl is block)
            for row in table.rows:
                cells = [c.text.strip() for c in row.cells]
                lines.append(" | ".join(dict.fromkeys(c for c in cells if c)))
            lines.append("")
    return lines


def load_docx(source: Source, path: Path) -> Source:
    try:
        doc = open_docx(str(path))
    except (PackageNotFoundError, zipfile.BadZipFile, KeyError, ValueError) as exc:
        raise LoadError(f"corrupt DOCX: {exc}") from exc
    body = "\n".join(_lines(doc))
    if not body.strip():
        raise LoadError("DOCX has no text")
    title = (doc.core_properties.title or "").strip()
    source.title = title or source.title
    source.units = [source.unit(t, section=s) for s, t in sections(body)]
    return source
