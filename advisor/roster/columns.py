"""The roster's columns: `student`, then every fact of the registry of plan facts
(knowledge/catalog/plan-facts.yaml) that is on the roster, in the order written there."""

from __future__ import annotations

from functools import lru_cache
from pathlib import Path
from typing import Literal

from pydantic import BaseModel, ConfigDict

from advisor.catalog.plan_facts import load_plan_facts

Kind = Literal["text", "count", "amount", "list", "yesno"]
STUDENT = "student"


class Column(BaseModel):
    model_config = ConfigDict(extra="forbid", frozen=True)

    name: str
    kind: Kind
    description: str
    max: float | None = None  # for count and amount: a larger value is a bad cell


class Columns(BaseModel):
    model_config = ConfigDict(extra="forbid", frozen=True)

    none_words: frozenset[str] = frozenset()
    columns: tuple[Column, ...]

    def names(self) -> list[str]:
        return [c.name for c in self.columns]


@lru_cache(maxsize=4)
def load_columns(catalog_dir: Path) -> Columns:
    facts = load_plan_facts(catalog_dir)
    student = Column(name=STUDENT, kind="text", description=facts.roster.student)
    return Columns(none_words=facts.roster.none_words, columns=(student, *(
        Column(name=f.name, kind=f.type, description=f.description, max=f.max)
        for f in facts.on_roster())))
