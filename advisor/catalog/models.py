"""The pathway catalog's shapes, as stored in knowledge/catalog/pathways/*.yaml."""

from __future__ import annotations

from pydantic import BaseModel, ConfigDict


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
