"""Units to chunks sized for MiniLM, with stable ids.

A chunk never crosses its unit (a Markdown section or a PDF page). Its id is
a hash of the source id and the chunk text, so an unchanged passage keeps its
id, and its embedding, when the rest of the file changes.
"""

from __future__ import annotations

import hashlib
from collections.abc import Callable

from langchain_core.documents import Document
from langchain_text_splitters import RecursiveCharacterTextSplitter

from advisor.documents.source import Source

_SEPARATORS = ["\n\n", "\n", ". ", "; ", ", ", " ", ""]


def chunk_id(source_id: str, text: str, occurrence: int = 0) -> str:
    key = f"{source_id}\x00{text}" + (f"\x00{occurrence}" if occurrence else "")
    return hashlib.sha256(key.encode("utf-8")).hexdigest()[:32]


def context_text(doc: Document) -> str:
    """What is embedded and indexed: the passage with its title and section."""
    meta = doc.metadata
    head = " — ".join(x for x in (meta.get("title"), meta.get("section")) if x)
    return f"{head}\n{doc.page_content}" if head else doc.page_content


def splitter(count_tokens: Callable[[str], int], size: int, overlap: int):
    return RecursiveCharacterTextSplitter(
        chunk_size=size, chunk_overlap=min(overlap, size // 2), length_function=count_tokens,
        separators=_SEPARATORS, keep_separator="end", strip_whitespace=True,
    )


def chunk_source(source: Source, split: RecursiveCharacterTextSplitter) -> list[Document]:
    chunks: list[Document] = []
    seen: dict[str, int] = {}
    for unit in source.units:
        for text in split.split_text(unit.page_content):
            n = seen.get(text, 0)
            seen[text] = n + 1
            meta = dict(unit.metadata, kind="guidance", chunk_id=chunk_id(source.id, text, n),
                        position=len(chunks), file_hash=source.sha256)
            chunks.append(Document(page_content=text, metadata=meta, id=meta["chunk_id"]))
    for doc in chunks:
        doc.metadata["n_chunks"] = len(chunks)
    return chunks
