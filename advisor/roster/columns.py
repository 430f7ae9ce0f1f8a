"""The roster's columns as data (knowledge/catalog/roster.yaml), checked when loaded."""

from __future__ import annotations

from functools import lru_cache
from pathlib import Path
from typing import Literal

from pydantic import BaseModel, ConfigDict, model_validator

from advisor.catalog.models import repeated

Kind = Literal["text", "count", "amount", "list", "yesno"]


class Column(BaseModel):
    model_config = ConfigDict(extra="forbid", frozen=True)

    name: str
    kind: Kind
    description: str
    max: float | None = None  # for count and amount: a larger value is a bad cell

    @model_validator(mode="after")
    def _max_is_for_numbers(self):
        if self.max is not None and self.kind not in ("count", "amount"):
            raise ValueError(f"column {self.name}: max is only for count and amount columns")
        return self


class Columns(BaseModel):
    model_config = ConfigDict(extra="forbid", frozen=True)

    none_words: frozenset[str] = frozenset()
    columns: tuple[Column, ...]

    @model_validator(mode="after")
    def _unique(self):
        names = [c.name for c in self.columns]
        twice = repeated(names)
        if twice:
            raise ValueError(f"columns named twice: {', '.join(twice)}")
        return self

    def names(self) -> list[str]:
        return [c.name for c in self.columns]

    def by_name(self) -> dict[str, Column]:
        return {c.name: c for c in self.columns}


@lru_cache(maxsize=4)
def load_columns(catalog_dir: Path) -> Columns:
    from advisor.catalog.language import load_document

    return load_document(catalog_dir / "roster.yaml", Columns)
