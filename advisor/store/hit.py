"""A search result, as the `advisor search --json` contract shapes it."""

from __future__ import annotations

from pydantic import BaseModel

# A catalog row's fields as a search result carries them.
ROW_KEYS = ("school", "town", "place", "town_text", "district", "type", "sector",
            "sector_label", "program", "pathway_name", "url", "as_of", "retrieved",
            "confidence", "row", "year_designated", "record")


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
    kind: str = "guidance"
    row: dict | None = None  # a catalog row's fields (school, town, type, ...)

    def contract(self) -> dict:
        out = self.model_dump(include={"source", "title", "chunk_id", "page", "section",
                                       "score", "text"})
        if self.row is not None:  # a guidance passage keeps the contract's keys only
            out.update(kind=self.kind, row=self.row)
        return out

    @classmethod
    def from_record(cls, chunk_id: str, text: str, meta: dict, score: float, **extra) -> Hit:
        kind = meta.get("kind") or "guidance"
        row = ({k: meta.get(k) for k in ROW_KEYS} if kind == "catalog" else None)
        return cls(source=meta["source"], title=meta.get("title") or meta["source"],
                   chunk_id=chunk_id, page=meta.get("page"), section=meta.get("section"),
                   url=meta.get("url"), score=score, text=text, kind=kind, row=row, **extra)
