"""What the advisor returns for one message (the `advisor ask --json` contract)."""

from __future__ import annotations

from pydantic import BaseModel, Field


class Citation(BaseModel):
    n: int
    source: str
    title: str
    page: int | None = None
    section: str | None = None
    url: str | None = None
    quote: str


class Reply(BaseModel):
    answer: str
    abstained: bool = False
    citations: list[Citation] = Field(default_factory=list)
    checks: list[dict] = Field(default_factory=list)
    intent: str = "explain"
    pathways: list[str] = Field(default_factory=list)
    passages: list[dict] = Field(default_factory=list)
    notice: str | None = None

    def contract(self) -> dict:
        return {"answer": self.answer, "abstained": self.abstained,
                "citations": [c.model_dump(include={"n", "source", "title", "page", "quote"})
                              for c in self.citations],
                "checks": self.checks}


class Citer:
    """Numbers citations in order of first use; one number per (source, quote)."""

    def __init__(self, titles: dict[str, str], urls: dict[str, str] | None = None):
        self.titles = titles
        self.urls = urls or {}
        self.items: list[Citation] = []

    def cite(self, source: str, quote: str, page=None, section=None, url=None,
             title=None) -> str:
        for c in self.items:
            if c.source == source and c.quote == quote:
                return f"[{c.n}]"
        n = len(self.items) + 1
        self.items.append(Citation(n=n, source=source, quote=quote, page=page, section=section,
                                   url=url or self.urls.get(source),
                                   title=title or self.titles.get(source, source)))
        return f"[{n}]"
