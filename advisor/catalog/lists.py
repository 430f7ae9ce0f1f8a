"""Named lists the guidance gives ("the five guiding principles"), each item cited."""

from __future__ import annotations

import re
from functools import lru_cache
from pathlib import Path

from pydantic import BaseModel, ConfigDict, field_validator

from advisor.catalog.language import _compiled, _load


class ListItem(BaseModel):
    model_config = ConfigDict(extra="forbid", frozen=True)

    name: str
    text: str
    source: str
    quote: str


class NamedList(BaseModel):
    model_config = ConfigDict(extra="forbid", frozen=True)

    id: str
    cues: str
    title: str
    source: str
    quote: str
    items: tuple[ListItem, ...]

    @field_validator("cues")
    @classmethod
    def _pattern(cls, value):
        _compiled(value)
        return value

    def asked(self, text: str) -> bool:
        return bool(re.search(self.cues, text.lower()))


@lru_cache(maxsize=4)
def load_lists(catalog_dir: Path) -> tuple[NamedList, ...]:
    path = catalog_dir / "lists.yaml"
    return _load(path, "lists", NamedList) if path.exists() else ()
