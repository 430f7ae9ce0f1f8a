"""Choosing supporting sentences from retrieved passages."""

from __future__ import annotations

import re

from advisor.retrieval.lexical import tokenize

_SPLIT = re.compile(r"(?<=[.!?])\s+(?=[A-Z0-9“\"(])|\n+")


def sentences(text: str) -> list[str]:
    out = []
    for s in _SPLIT.split(text):
        s = s.strip().lstrip("-•· ").strip()
        if len(s) >= 25 and not s.startswith("http"):
            out.append(s)
    return out


_QUANTITY = re.compile(r"\b(?:how (?:many|much|big|long|large)|what (?:share|percent|"
                       r"percentage|number)|when)\b", re.I)


def best_sentences(query: str, hits, limit: int = 3, skip: set[str] | None = None):
    """(hit, sentence) pairs that share the most query terms, best passages first.

    A question about a quantity prefers sentences that carry a number.
    """
    terms = set(tokenize([query])[0])
    wants_number = bool(_QUANTITY.search(query))
    scored = []
    for rank, hit in enumerate(hits):
        for s in sentences(hit.text):
            overlap = len(terms & set(tokenize([s])[0]))
            if overlap and s not in (skip or set()):
                bonus = 1.0 if wants_number and re.search(r"\d", s) else 0.0
                scored.append((overlap + bonus - 0.3 * rank, rank, s, hit))
    scored.sort(key=lambda x: (-x[0], x[1]))
    out, used = [], set()
    for _, _, s, hit in scored:
        if s not in used:
            used.add(s)
            out.append((hit, s))
        if len(out) == limit:
            break
    return out
