"""The wording of the counselor note (knowledge/catalog/handoff.yaml), checked at load.

A template with a misspelt or missing {name} is refused when the catalog loads, naming the
file and key, rather than failing when a student asks for a note.
"""

from __future__ import annotations

from functools import lru_cache
from pathlib import Path
from string import Formatter

from pydantic import BaseModel, ConfigDict, field_validator

from advisor.catalog.language import load_document
from advisor.catalog.plan_facts import load_plan_facts


def _names(template: str) -> set[str]:
    return {name for _, name, _, _ in Formatter().parse(template) if name is not None}


def _fills(*names: str):
    """A validator: the template uses exactly these {names}."""
    def check(cls, value: str) -> str:
        if _names(value) != set(names):
            want = ", ".join("{" + n + "}" for n in names) or "no {name}"
            raise ValueError(f"must use {want}, not {value!r}")
        return value
    return classmethod(check)


class _Words(BaseModel):
    model_config = ConfigDict(extra="forbid", frozen=True)


class Headings(_Words):
    question: str
    understood: str
    checks: str
    passages: str
    ask: str


class Audiences(_Words):
    student: str
    family: str
    counselor: str


class Verdicts(_Words):
    meets: str
    does_not_meet: str
    needs_info: str

    model_config = ConfigDict(extra="forbid", frozen=True,
                              alias_generator=lambda name: name.replace("_", "-"))

    def of(self, verdict: str) -> str:
        return getattr(self, verdict.replace("-", "_"))


class AskLines(_Words):
    abstained: str
    missing: str
    unknown: str
    answered: str

    _missing = field_validator("missing", "unknown")(_fills("what"))


class HandoffWords(_Words):
    title: str
    intro: str
    asked_by: str
    audiences: Audiences
    headings: Headings
    no_facts: str
    facts: dict[str, str] = {}
    said_yes: str
    said_no: str
    no_checks: str
    check: str
    verdicts: Verdicts
    missing: str
    unknown: str
    no_passages: str
    passage: str
    ask: AskLines

    _asked_by = field_validator("asked_by")(_fills("who"))
    _check = field_validator("check")(_fills("pathway", "verdict"))
    _what = field_validator("missing", "unknown")(_fills("what"))
    _passage = field_validator("passage")(_fills("n", "source", "section", "score"))


@lru_cache(maxsize=4)
def load_handoff_words(catalog_dir: Path) -> HandoffWords:
    """The note's wording; a stated fact it does not name is called by its label in the
    registry of plan facts."""
    words = load_document(catalog_dir / "handoff.yaml", HandoffWords)
    labels = {f.name: f.label for f in load_plan_facts(catalog_dir).stated()
              if f.place.section != "masscore"}  # MassCore's are listed under `masscore`
    return words.model_copy(update={"facts": {**labels, **words.facts}})
