"""Choosing which quotable sentences support an answer, and whether any does."""

from __future__ import annotations

import re
from dataclasses import dataclass
from functools import lru_cache

import numpy as np

from advisor.passages.sentences import sentences
from advisor.retrieval.lexical import tokenize

_QUANTITY = re.compile(r"\b(?:how (?:many|much|big|long|large|old)|what (?:share|percent|"
                       r"percentage|number|proportion|rate|gpa|grade)|when|what year|since when|"
                       r"by what)\b", re.I)
# A statistic is quoted only from a sentence that names it and gives a figure.
_STATISTIC = ("rate", "ratio", "score", "averag", "salari", "wage", "incom",
              "median", "rank")
_SHARE = re.compile(r"\b(?:share|percent|percentage|proportion|rate|fraction)\b", re.I)


def _matches(term: str, words: set[str]) -> bool:
    # Stems of one family that the stemmer keeps apart: partner / partnership.
    return term in words or (len(term) >= 5 and any(
        len(w) >= 5 and (w.startswith(term) or term.startswith(w)) for w in words))


@lru_cache(maxsize=8192)
def _parsed(text: str) -> tuple[tuple[str, frozenset[str]], ...]:
    """Each sentence of a passage with its stemmed words; passages recur, so this is cached."""
    found = sentences(text)
    return tuple(zip(found, map(frozenset, tokenize(found)), strict=True)) if found else ()


@lru_cache(maxsize=8192)
def _words(text: str) -> frozenset[str]:
    return frozenset(tokenize([text])[0]) if text else frozenset()


@dataclass
class _Question:
    terms: list[str]
    weight: dict[str, float]
    needed: int
    statistic: set[str]
    wants_number: bool
    wants_share: bool
    context: frozenset = frozenset()
    own_words: bool = False

    @classmethod
    def read(cls, query: str, idf, context: str, strict: bool) -> _Question:
        terms = list(dict.fromkeys(tokenize([query])[0]))
        known = _words(context)
        weight = {t: ((idf(t) if idf else 1.0) or 1.0) / (4 if t in known else 1)
                  for t in terms}
        return cls(terms, weight, 2 if strict and len(terms) > 3 else 1,
                   {t for t in terms if t in _STATISTIC} if strict else set(),
                   bool(_QUANTITY.search(query)), bool(_SHARE.search(query)), known)

    def score(self, sentence: str, words, section, title) -> float | None:
        """Share of the question covered, plus figure bonuses; None when it can't be quoted."""
        if self.statistic and not (self.statistic <= words and re.search(r"\d", sentence)):
            return None
        shared = [t for t in self.terms if _matches(t, words)]
        titled = [t for t in self.terms if t not in shared and (t in section or t in title)]
        if len(shared) + len(titled) < self.needed:
            return None
        # Pathway names found the passage already; the sentence must share the rest.
        own = [t for t in self.terms if t not in self.context]
        if self.own_words and own and \
                len([t for t in shared + titled if t not in self.context]) < min(2, len(own)):
            return None
        # A word of the passage's own section heading counts in full, of its title half.
        covered = sum(self.weight[t] for t in shared) + sum(
            self.weight[t] if t in section else self.weight[t] / 2 for t in titled)
        score = covered / (sum(self.weight.values()) or 1.0)
        if self.wants_number and re.search(r"\d", sentence):
            score += 0.15
        if self.wants_share and re.search(r"\d\s*%|percent", sentence):
            score += 0.15
        return score


def _quotable(found, quoting, asks_contact: bool, text: str):
    """(sentence, words, own sentence) a quote may use: a sentence that leans on the one
    before it is glued to it when they stand together in the passage, else dropped; a
    question the document asks and, unless asked for, contact boilerplate are dropped."""
    flat = " ".join(text.split())
    out = []
    for i, (sentence, words) in enumerate(found):
        if quoting is None:
            out.append((sentence, words, sentence))
            continue
        if re.search(quoting.document_question, sentence, re.I):
            continue
        if not asks_contact and re.search(quoting.contact, sentence, re.I):
            continue
        if re.search(quoting.leans_on_previous, sentence):
            if i == 0:
                continue
            before, before_words = found[i - 1]
            glued = f"{before} {sentence}"
            if glued not in flat or re.search(quoting.document_question, before, re.I):
                continue
            out.append((glued, before_words | words, sentence))
            continue
        out.append((sentence, words, sentence))
    return out


def best_sentences(query: str, hits, limit: int = 3, skip: set[str] | None = None,
                   idf=None, context: str = "", strict: bool = False, quoting=None,
                   query_vector=None, sentence_vectors=None, meaning_weight: float = 0.0,
                   own_words: bool = False):
    """(hit, sentence) pairs covering the most of the query, best passages first.

    Query words weigh by their rarity in the index (`idf`), so a sentence sharing the
    rare word of a question beats one sharing only "pathway" and "college". A word found
    only in the passage's section heading counts in full, in its title half; words of
    `context` (the pathway's names, which retrieval already used) count a quarter. A
    question about a quantity prefers sentences with a number; one about a share, a
    percentage. `strict` (answers from passages alone) drops sentences that, with their
    headings, share only one word of a question of four or more, and quotes a statistic
    (rate, ratio, score...) only from a sentence that names it with a figure.
    """
    question = _Question.read(query, idf, context, strict)
    question.own_words = own_words  # quotes after a rule answer must add to it
    if not question.terms:
        return []
    asks_contact = bool(quoting and re.search(quoting.asks_contact, query.lower()))
    vectors = {}
    if meaning_weight > 0 and query_vector is not None and sentence_vectors is not None:
        vectors = sentence_vectors([h.chunk_id for h in hits])
        qv = np.asarray(query_vector, dtype=np.float32)
    scored = []
    for rank, hit in enumerate(hits):
        section, title = _words(hit.section or ""), _words(hit.title or "")
        own = vectors.get(hit.chunk_id, {})
        for sentence, words, base in _quotable(_parsed(hit.text), quoting, asks_contact,
                                               hit.text):
            if sentence in (skip or ()):
                continue
            score = question.score(sentence, words, section, title)
            if score is None:
                continue
            if base in own:  # meaning: cosine of normalised vectors
                cosine = float(np.dot(qv, np.asarray(own[base], dtype=np.float32)))
                score = (1 - meaning_weight) * score + meaning_weight * cosine
            scored.append((score - 0.03 * rank, rank, sentence, hit))
    scored.sort(key=lambda x: (-x[0], x[1]))
    out, used = [], set()
    for _, _, sentence, hit in scored:
        # a sentence already quoted inside a glued pair (or the reverse) adds nothing
        if not any(sentence in u or u in sentence for u in used | set(skip or ())):
            used.add(sentence)
            out.append((hit, sentence))
        if len(out) == limit:
            break
    return out


def coverage(query: str, quoted: list[str], idf=None, context: str = "") -> float:
    """How much of the question (weighted by rarity) the quoted sentences speak to; words
    of `context` (the pathway names) found the passages already and are left out."""
    known = _words(context)
    terms = [t for t in dict.fromkeys(tokenize([query])[0]) if t not in known]
    if not terms:
        return 0.0
    words = frozenset().union(*(_words(q) for q in quoted)) if quoted else frozenset()
    weight = {t: (idf(t) if idf else 1.0) or 1.0 for t in terms}
    return sum(weight[t] for t in terms if _matches(t, words)) / sum(weight.values())
