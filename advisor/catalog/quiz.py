"""The interest quiz as data: its scale, the six RIASEC types and the statements."""

from __future__ import annotations

from functools import lru_cache
from pathlib import Path
from typing import Literal

from pydantic import BaseModel, ConfigDict, model_validator

from advisor.catalog.models import repeated

Letter = Literal["R", "I", "A", "S", "E", "C"]


class _Data(BaseModel):
    model_config = ConfigDict(extra="forbid", frozen=True)


class TypeInfo(_Data):
    name: str
    says: str


class Item(_Data):
    id: str
    type: Letter
    text: str


class Quiz(_Data):
    scale: dict[int, str]
    types: dict[Letter, TypeInfo]
    items: tuple[Item, ...]

    @model_validator(mode="after")
    def _complete(self):
        ids = [i.id for i in self.items]
        twice = repeated(ids)
        if twice:
            raise ValueError(f"item ids used twice: {', '.join(twice)}")
        missing = [t for t in "RIASEC" if t not in self.types or
                   not any(i.type == t for i in self.items)]
        if missing:
            raise ValueError(f"types without a name or an item: {', '.join(missing)}")
        if sorted(self.scale) != [1, 2, 3, 4, 5]:
            raise ValueError("the scale must label 1 to 5")
        return self


@lru_cache(maxsize=4)
def load_quiz(catalog_dir: Path) -> Quiz | None:
    from advisor.catalog.language import load_document

    path = catalog_dir / "quiz.yaml"
    return load_document(path, Quiz) if path.exists() else None
