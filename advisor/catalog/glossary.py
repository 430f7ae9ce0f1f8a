"""The glossary: terms the guidance names, defined in this project's words, each cited."""

from __future__ import annotations

import re
from functools import lru_cache
from pathlib import Path

from pydantic import BaseModel, ConfigDict

from advisor.catalog.language import _load


class Term(BaseModel):
    model_config = ConfigDict(extra="forbid", frozen=True)

    id: str
    term: str
    aliases: tuple[str, ...] = ()
    related: tuple[str, ...] = ()  # terms shown and searched with it (other names, parts)
    text: str
    source: str
    quote: str


@lru_cache(maxsize=4)
def load_glossary(catalog_dir: Path) -> tuple[Term, ...]:
    path = catalog_dir / "glossary.yaml"
    return _load(path, "terms", Term) if path.exists() else ()


def _norm(text: str) -> str:
    return " " + re.sub(r"[^a-z0-9]+", " ", text.lower()).strip() + " "


def find_terms(text: str, terms: tuple[Term, ...]) -> list[str]:
    """Ids of every glossary term the message names."""
    hay = _norm(text)
    return [t.id for t in terms
            if any(len(_norm(n).strip()) >= 2 and _norm(n) in hay for n in (t.term, *t.aliases))]


def find_term(text: str, terms: tuple[Term, ...]) -> str | None:
    """The id of the glossary term the message names, the longest name winning."""
    hay = _norm(text)
    best, size = None, 0
    for t in terms:
        for name in (t.term, *t.aliases):
            n = _norm(name)
            if len(n.strip()) >= 2 and n in hay and len(n) > size:
                best, size = t.id, len(n)
    return best
