"""What answerers read: the catalog, and passages retrieved only when one asks for them."""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import dataclass, field

from advisor.catalog.bundle import Catalog


@dataclass
class Passages:
    hits: list = field(default_factory=list)
    bar: float = 1.0            # the best passage's cosine must reach this to be used
    idf: Callable | None = None
    outage: str | None = None   # the store could not be searched
    query_vector: list | None = None
    sentence_vectors: Callable | None = None  # chunk ids -> {chunk id: [(sentence, vec)]}

    @property
    def supported(self) -> bool:
        return bool(self.hits) and max((h.dense or 0.0) for h in self.hits) >= self.bar


def related_names(catalog: Catalog, question) -> list[str]:
    """Other names the guidance uses for the terms named ("GenEd block" -> "MassTransfer")."""
    return [catalog.term(r).term for t in question.mentions for r in catalog.term(t).related]


def search_text(catalog: Catalog, question) -> str:
    """The question as searched: pathways named in full, so "voc school" also finds
    "Chapter 74" passages, and terms with their related names."""
    text = question.text
    return " ".join([text] + [
        catalog.types[p].name for p in question.pathways
        if catalog.types[p].name.lower() not in text.lower()] + related_names(catalog, question))


@dataclass
class Knowledge:
    catalog: Catalog
    search: Callable[[object], Passages]  # question -> passages, cached per reply
    settings: object = None
    _cache: dict = field(default_factory=dict)

    def passages(self, question) -> Passages:
        if question.text not in self._cache:
            self._cache[question.text] = self.search(question)
        return self._cache[question.text]
