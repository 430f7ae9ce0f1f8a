"""The pathway catalog's shapes, as stored in knowledge/catalog/pathways/*.yaml."""

from __future__ import annotations

import re
from datetime import date, datetime

from pydantic import BaseModel, ConfigDict, field_validator


def repeated(values) -> list[str]:
    """The values given more than once, sorted: catalog ids and names must be unique."""
    values = list(values)
    return sorted({v for v in values if values.count(v) > 1})


class _Data(BaseModel):
    model_config = ConfigDict(extra="forbid")


class Cited(_Data):
    source: str
    quote: str


class Fact(Cited):
    text: str


class Note(Cited):
    text: str
    conflict: bool = False  # the sources disagree; shown to every audience


class Criterion(Cited):
    id: str
    requirement: str
    rule: dict
    # The date the rule is known to hold: the `updated` date of the guidance it cites, or,
    # for an undated document, the day this project checked the rule against it.
    as_of: date

    @field_validator("as_of", mode="before")
    @classmethod
    def _calendar_date(cls, value):
        # A number or a date-time is a typo, not a date; pydantic would read some as one.
        written = isinstance(value, str) and re.fullmatch(r"\d{4}-\d{2}-\d{2}", value)
        if isinstance(value, datetime) or not (isinstance(value, date) or written):
            raise ValueError("must be a date written YYYY-MM-DD")
        return value


class PathwayType(_Data):
    id: str
    name: str
    aliases: list[str]
    description: str
    summary: str | None = None  # the criteria in one line, for the requirements answer's lead
    # what a student who wants this pathway says ("a head start on college"), lower-cased regex
    goals: str | None = None
    facts: dict[str, Fact] = {}
    criteria: list[Criterion]
    notes: list[Note] = []
