"""The glossary: terms the guidance names, defined in this project's words, each cited."""

from __future__ import annotations

from functools import lru_cache
from pathlib import Path

from pydantic import BaseModel, ConfigDict

from advisor.catalog.language import _load
from advisor.catalog.matching import spaced


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


def named_length(text: str, term: Term) -> int:
    """The length of the longest of the term's names found in `text`, 0 when none is."""
    hay = spaced(text)
    return max((len(spaced(n)) for n in (term.term, *term.aliases)
                if len(spaced(n).strip()) >= 2 and spaced(n) in hay), default=0)


def find_terms(text: str, terms: tuple[Term, ...]) -> list[str]:
    """Ids of every glossary term the message names, the longest-named first."""
    found = [(named_length(text, t), t.id) for t in terms]
    return [tid for size, tid in sorted(found, key=lambda f: -f[0]) if size]
