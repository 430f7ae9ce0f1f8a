"""What the advisor returns for one message (the `advisor ask --json` contract)."""

from __future__ import annotations

from datetime import date

from pydantic import BaseModel, Field

from advisor.handoff import Handoff


class Citation(BaseModel):
    n: int
    source: str
    title: str
    page: int | None = None
    section: str | None = None
    url: str | None = None
    quote: str
    updated: date | None = None  # the source's own `updated` date; None when it has none
    as_of: str | None = None  # a catalog row's page date ("2024-04", "c.2008"), when cited
    retrieved: str | None = None  # the day that page was read (an undated page has only this)


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
    # Built for every reply (the chat's counselor note works on any answer); `ask --json`
    # shows it only where the contract asks for it.
    handoff: Handoff | None = None
    # Set only on the reply that stands for an internal failure: the id logged with its trace.
    error_id: str | None = None

    def model_post_init(self, _) -> None:
        if self.kind is None:
            self.kind = self.intent

    def contract(self) -> dict:
        return {"answer": self.answer, "abstained": self.abstained,
                # a catalog row's citation adds its page, date and row; a guidance
                # citation keeps the contract's keys only
                "citations": [c.model_dump(mode="json", include={
                    "n", "source", "title", "page", "quote", "updated",
                    *(("url", "section", "as_of", "retrieved") if c.source.startswith("catalog/")
                      else ())}) for c in self.citations],
                "checks": self.checks, **self._handoff()}

    def _handoff(self) -> dict:
        """An abstained answer carries the hand-off; in the counselor view, any answer."""
        h = self.handoff
        shown = h is not None and (self.abstained or h.audience == "counselor")
        return {"handoff": h.contract()} if shown else {}
