"""The pathway catalog's shapes, as stored in knowledge/catalog/pathways/*.yaml.

What is stored is dated and templated; `catalog.in_force.catalog_on` turns it into the catalog
as it stands on one day, with every sentence rendered from the values then in force.
"""

from __future__ import annotations

import re
from datetime import date, datetime

from pydantic import (
    BaseModel,
    ConfigDict,
    Field,
    PrivateAttr,
    StrictBool,
    field_validator,
    model_validator,
)

from advisor.catalog.rule_kinds import Rule


def repeated(values) -> list[str]:
    """The values given more than once, sorted: catalog ids and names must be unique."""
    values = list(values)
    return sorted({v for v in values if values.count(v) > 1})


def _calendar_date(value):
    # A number or a date-time is a typo, not a date; pydantic would read some as one.
    written = isinstance(value, str) and re.fullmatch(r"\d{4}-\d{2}-\d{2}", value)
    if isinstance(value, datetime) or not (isinstance(value, date) or written):
        raise ValueError("must be a date written YYYY-MM-DD")
    return value


class _Data(BaseModel):
    model_config = ConfigDict(extra="forbid", populate_by_name=True)


class Cited(_Data):
    source: str
    quote: str


class Fact(Cited):
    text: str  # may name criterion values: "{ec.credits.min} college credits"


class Competing(Cited):
    """One side of a disagreement between sources: what it says, and where."""

    value: str


class NoteVersion(Cited):
    """A note's wording from one date on (a rule that changed, such as admissions)."""

    since: date = Field(alias="from")
    text: str

    _date = field_validator("since", mode="before")(classmethod(
        lambda cls, v: _calendar_date(v)))


class Note(_Data):
    # Text and citation, or `values`: the wording from each date on, newest in force.
    text: str | None = None
    source: str | None = None
    quote: str | None = None
    # The sources disagree: each one's value and its own quote, shown to every audience.
    conflict: list[Competing] = []
    values: list[NoteVersion] = []

    @field_validator("conflict")
    @classmethod
    def _two_sides(cls, v):
        if len(v) == 1:
            raise ValueError("a conflict names at least two competing values")
        return v

    @model_validator(mode="after")
    def _worded(self):
        given = [k for k in ("text", "source", "quote") if getattr(self, k) is not None]
        if self.values and given:
            raise ValueError(f"give {given[0]} in each of the note's values, not beside them")
        if not self.values and len(given) < 3:
            raise ValueError("a note needs text, source and quote (or dated values)")
        return self


class CriterionVersion(_Data):
    """The criterion from one date on: its rule's values then, and the text that set them.
    `in_force: false` marks the date it stopped being a requirement."""

    since: date = Field(alias="from")
    reference: Cited
    in_force: StrictBool = True
    rule: dict = {}  # the rule's values that differ from the criterion's own, checked at load
    precision: str | None = None  # what is not known about the date ("the month is not known")

    _date = field_validator("since", mode="before")(classmethod(
        lambda cls, v: _calendar_date(v)))


class Criterion(Cited):
    id: str
    requirement: str  # a template over the rule's values: "At least {min} hours ..."
    rule: Rule
    # The date the rule is known to hold: the `updated` date of the guidance it cites, or,
    # for an undated document, the day this project checked the rule against it.
    as_of: date
    values: list[CriterionVersion] = []  # none: in force on every date
    _since: date | None = PrivateAttr(default=None)

    _date = field_validator("as_of", mode="before")(classmethod(
        lambda cls, v: _calendar_date(v)))

    @property
    def in_force_from(self) -> date | None:
        """Once resolved for a day: the date the values applied took effect."""
        return self._since


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
