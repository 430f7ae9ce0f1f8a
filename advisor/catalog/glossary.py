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


def named_length(text: str, term: Term) -> int:
    """The length of the longest of the term's names found in `text`, 0 when none is."""
    hay = _norm(text)
    return max((len(_norm(n)) for n in (term.term, *term.aliases)
                if len(_norm(n).strip()) >= 2 and _norm(n) in hay), default=0)


def find_terms(text: str, terms: tuple[Term, ...]) -> list[str]:
    """Ids of every glossary term the message names, the longest-named first."""
    found = [(named_length(text, t), t.id) for t in terms]
    return [tid for size, tid in sorted(found, key=lambda f: -f[0]) if size]
