"""What a counselor needs to pick up a question the advisor could not settle.

Built from what the reply already holds (the question as read, the student's stated facts,
the checks run, the passages retrieved), so nothing is searched or parsed again for it.
"""

from __future__ import annotations

from pydantic import BaseModel, Field

from advisor.rules.result import Check

# Enough passages for a counselor to judge what the guidance says near the question,
# few enough to read in a note.
MAX_PASSAGES = 5
# The `ask --json` contract's keys, in order.
KEYS = ("question", "audience", "facts", "checks", "passages")


class HandoffPassage(BaseModel):
    source: str
    section: str | None = None
    score: float
    text: str


class Handoff(BaseModel):
    question: str
    audience: str
    facts: dict = Field(default_factory=dict)   # StatedFacts, only what was stated
    checks: list[Check] = Field(default_factory=list)
    passages: list[HandoffPassage] = Field(default_factory=list)
    # Not part of the contract: lets the note say the advisor gave no answer.
    abstained: bool = False

    def contract(self) -> dict:
        return {"question": self.question, "audience": self.audience, "facts": self.facts,
                "checks": [c.contract() for c in self.checks],
                "passages": [p.model_dump() for p in self.passages]}


def build_handoff(question: str, audience: str, facts, checks, hits,
                  abstained: bool = False) -> Handoff:
    """`facts` a StatedFacts, `checks` rules `Check`s, `hits` retrieval hits best first."""
    return Handoff(question=question, audience=audience,
                   facts=facts.model_dump(exclude_none=True), checks=list(checks),
                   passages=[HandoffPassage(source=h.source, section=h.section, score=h.score,
                                            text=h.text) for h in hits[:MAX_PASSAGES]],
                   abstained=abstained)
