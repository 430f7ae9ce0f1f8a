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
    kind: str | None = None  # the question kind that answered

    def model_post_init(self, _) -> None:
        if self.kind is None:
            self.kind = self.intent

    def contract(self) -> dict:
        return {"answer": self.answer, "abstained": self.abstained,
                "citations": [c.model_dump(include={"n", "source", "title", "page", "quote"})
                              for c in self.citations],
                "checks": self.checks}
