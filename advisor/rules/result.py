"""The CHECK contract: one verdict per pathway, one status per criterion."""

from __future__ import annotations

from datetime import date
from typing import Literal

from pydantic import BaseModel

Status = Literal["met", "unmet", "unknown"]


class Shortfall(BaseModel):
    what: str
    amount: float


class SourceRef(BaseModel):
    source: str
    quote: str
    updated: date | None = None  # the cited document's own date; None when it has none


class CriterionResult(BaseModel):
    id: str
    status: Status
    requirement: str
    detail: str
    shortfall: Shortfall | None = None
    as_of: date  # the date the catalog's criterion is known to hold (its `as_of`)
    source: SourceRef
    in_force_from: date | None = None  # for a rule that changed: when the values used began


class Competing(BaseModel):
    """One side of a disagreement between sources."""

    value: str
    source: SourceRef


class CheckNote(BaseModel):
    """Guidance beside the criteria; for a conflict, each source's value with its quote."""

    text: str
    source: SourceRef
    conflict: list[Competing] = []

    def line(self) -> str:
        """The note as the contract's `notes` strings have always read."""
        return f"{self.text} [{self.source.source}: “{self.source.quote}”]"


class Check(BaseModel):
    pathway: str
    verdict: Literal["meets", "does-not-meet", "needs-info"]
    criteria: list[CriterionResult]
    notes: list[CheckNote] = []
    in_force_on: date | None = None  # the day whose rules were applied

    def contract(self) -> dict:
        data = self.model_dump(mode="json")  # dates as YYYY-MM-DD
        for c in data["criteria"]:
            if c["shortfall"] and float(c["shortfall"]["amount"]).is_integer():
                c["shortfall"]["amount"] = int(c["shortfall"]["amount"])
        # `notes` stays a list of strings (the contract); the structure rides beside it
        data["note_details"], data["notes"] = data["notes"], [n.line() for n in self.notes]
        return data


def verdict(statuses: list[str]) -> str:
    if "unmet" in statuses:
        return "does-not-meet"
    if "unknown" in statuses:
        return "needs-info"
    return "meets"
