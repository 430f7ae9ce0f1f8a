"""Is a question inside this advisor's domain? Curated terms plus names the guidance uses.

The answer only sets how much passage evidence is needed (see
`Settings.abstain_similarity_offtopic`); it never makes the advisor answer alone.
"""

from __future__ import annotations

import re
from functools import lru_cache
from pathlib import Path

from advisor.catalog.yaml_text import read_yaml
from advisor.retrieval.lexical import stemmer

_WORD = re.compile(r"[a-z0-9]+")
# Names written with two or more capitals (DESE, MassHire, MCAS, P-TECH), at least 3 letters.
_NAME = re.compile(r"\b[A-Z][A-Za-z]*[A-Z][A-Za-z0-9]*\b")
_NOT_NAMES = {"not", "faq", "and", "the", "for"}


def stems(text: str) -> str:
    """Lower-cased, stemmed words joined by spaces and padded, for phrase matching."""
    return " " + " ".join(stemmer().stemWords(_WORD.findall(text.lower()))) + " "


@lru_cache(maxsize=4)
def domain_terms(catalog_dir: Path) -> tuple[str, ...]:
    path = catalog_dir / "domain-terms.yaml"
    terms = read_yaml(path.read_text("utf-8"))["terms"] if path.exists() else []
    return tuple(sorted({stems(t) for t in terms}))


def corpus_names(texts) -> frozenset[str]:
    """Stemmed names the guidance itself uses, so "what does the Boston PIC do" counts."""
    names = set()
    for text in texts:
        for name in _NAME.findall(text):
            if len(name) >= 3 and name.lower() not in _NOT_NAMES:
                names.add(stems(name))
    return frozenset(names)


def in_domain(text: str, terms, names=frozenset()) -> bool:
    hay = stems(text)
    return any(t in hay for t in terms) or any(n in hay for n in names)
