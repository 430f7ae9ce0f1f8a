"""What answerers read: the catalog, and passages retrieved only when one asks for them."""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import dataclass, field
from functools import lru_cache

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


@lru_cache(maxsize=4)
def _catalog_words(folder) -> frozenset[str]:
    """Every word the catalog names things with: pathways, terms, sectors and their aliases."""
    from advisor.catalog.bundle import load_catalog
    from advisor.retrieval.lexical import tokenize

    catalog = load_catalog(folder)
    names = [n for p in catalog.types.values() for n in (p.name, *p.aliases)]
    names += [n for t in catalog.glossary for n in (t.term, *t.aliases)]
    names += [n for s in catalog.sectors.values() for n in (s.name, *s.keywords)]
    return frozenset(w for words in tokenize(names) for w in words)


def unknown_words(catalog: Catalog, passages: Passages, text: str) -> list[str]:
    """Words of `text` found nowhere in the guidance or the catalog ("adams" in "the adams
    scholarship"); empty when the guidance could not be searched."""
    from advisor.retrieval.lexical import tokenize

    if passages.idf is None:
        return []
    known = _catalog_words(catalog.folder)
    return [w for w in tokenize([text])[0]
            if len(w) > 2 and not w.isdigit() and w not in known and not passages.idf(w)]


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
    careers: Callable[[str], object] | None = None  # a student's words -> CareerMatch
    # catalog rows from the index: a metadata filter -> every row matching it
    rows: Callable[[dict], list] | None = None
    # catalog rows nearest in meaning: (text, filter) -> the best few
    row_search: Callable[[str, dict | None], list] | None = None
    _cache: dict = field(default_factory=dict)

    def passages(self, question) -> Passages:
        if question.text not in self._cache:
            self._cache[question.text] = self.search(question)
        return self._cache[question.text]
