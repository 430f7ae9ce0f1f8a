"""A search result, as the `advisor search --json` contract shapes it."""

from __future__ import annotations

from pydantic import BaseModel


class Hit(BaseModel):
    source: str
    title: str
    chunk_id: str
    page: int | None = None
    section: str | None = None
    score: float
    text: str
    url: str | None = None
    dense: float | None = None  # cosine similarity, when the dense side saw it
    lexical: float | None = None  # BM25 score, when the lexical side saw it

    def contract(self) -> dict:
        return self.model_dump(include={"source", "title", "chunk_id", "page", "section",
                                        "score", "text"})

    @classmethod
    def from_record(cls, chunk_id: str, text: str, meta: dict, score: float, **extra) -> Hit:
        return cls(source=meta["source"], title=meta.get("title") or meta["source"],
                   chunk_id=chunk_id, page=meta.get("page"), section=meta.get("section"),
                   url=meta.get("url"), score=score, text=text, **extra)
