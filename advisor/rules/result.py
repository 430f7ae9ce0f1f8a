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


class Check(BaseModel):
    pathway: str
    verdict: Literal["meets", "does-not-meet", "needs-info"]
    criteria: list[CriterionResult]
    notes: list[str] = []

    def contract(self) -> dict:
        data = self.model_dump(mode="json")  # dates as YYYY-MM-DD
        for c in data["criteria"]:
            if c["shortfall"] and float(c["shortfall"]["amount"]).is_integer():
                c["shortfall"]["amount"] = int(c["shortfall"]["amount"])
        return data


def verdict(statuses: list[str]) -> str:
    if "unmet" in statuses:
        return "does-not-meet"
    if "unknown" in statuses:
        return "needs-info"
    return "meets"
