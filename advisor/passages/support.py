"""Choosing which quotable sentences support an answer, and whether any does."""

from __future__ import annotations

import re
from dataclasses import dataclass, field
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
_WHEN = re.compile(r"\b(?:when|what year|since when|how long ago)\b", re.I)
# A date: a year, or a month with its day.
_DATE = re.compile(r"\b(?:19|20)\d\d\b|\b(?:January|February|March|April|May|June|July|"
                   r"August|September|October|November|December) \d", re.I)
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
    wants_date: bool = False
    context: frozenset = frozenset()
    own_words: bool = False
    senses: dict = field(default_factory=dict)  # a word -> words of the same sense

    @classmethod
    def read(cls, query: str, idf, context: str, strict: bool) -> _Question:
        terms = list(dict.fromkeys(tokenize([query])[0]))
        known = _words(context)
        weight = {t: ((idf(t) if idf else 1.0) or 1.0) / (4 if t in known else 1)
                  for t in terms}
        return cls(terms, weight, 2 if strict and len(terms) > 3 else 1,
                   {t for t in terms if t in _STATISTIC} if strict else set(),
                   bool(_QUANTITY.search(query)), bool(_SHARE.search(query)),
                   bool(_WHEN.search(query)), known)

    def score(self, sentence: str, words, section, title,
              quoted: frozenset = frozenset()) -> float | None:
        """Share of the question covered, plus figure bonuses; None when it can't be quoted.
        Words already in `quoted` sentences count a third: a second quote should answer
        the part of the question the first left open."""
        if self.statistic and not (self.statistic <= words and re.search(r"\d", sentence)):
            return None
        shared = [t for t in self.terms
                  if _matches(t, words) or self.senses.get(t, frozenset()) & words]
        titled = [t for t in self.terms if t not in shared and (t in section or t in title)]
        if len(shared) + len(titled) < self.needed:
            return None
        # Pathway names found the passage already; the sentence must share the rest.
        own = [t for t in self.terms if t not in self.context]
        if self.own_words and own and \
                len([t for t in shared + titled if t not in self.context]) < min(2, len(own)):
            return None
        # A word of the passage's own section heading counts in full, of its title half.
        covered = sum((self.weight[t] if t in shared or t in section else self.weight[t] / 2)
                      / (3 if t in quoted else 1) for t in shared + titled)
        score = covered / (sum(self.weight.values()) or 1.0)
        if self.wants_number and re.search(r"\d", sentence):
            score += 0.15
        if self.wants_date and _DATE.search(sentence):
            score += 0.1
        if self.wants_share and re.search(r"\d\s*%|percent", sentence):
            score += 0.15
        return score


@lru_cache(maxsize=4)
def _senses(groups: tuple) -> dict[str, frozenset[str]]:
    out: dict[str, frozenset[str]] = {}
    for group in groups:
        stems = frozenset(w for words in tokenize(list(group)) for w in words)
        for w in stems:
            out[w] = out.get(w, frozenset()) | stems
    return out


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
    question.senses = _senses(quoting.same_sense if quoting else ())
    if not question.terms:
        return []
    asks_contact = bool(quoting and re.search(quoting.asks_contact, query.lower()))
    vectors = {}
    if meaning_weight > 0 and query_vector is not None and sentence_vectors is not None:
        vectors = sentence_vectors([h.chunk_id for h in hits])
        qv = np.asarray(query_vector, dtype=np.float32)
    candidates = []
    for rank, hit in enumerate(hits):
        section, title = _words(hit.section or ""), _words(hit.title or "")
        own = vectors.get(hit.chunk_id, {})
        for sentence, words, base in _quotable(_parsed(hit.text), quoting, asks_contact,
                                               hit.text):
            if sentence in (skip or ()):
                continue
            cosine = (float(np.dot(qv, np.asarray(own[base], dtype=np.float32)))
                      if base in own else None)  # meaning: cosine of normalised vectors
            candidates.append((rank, sentence, words, section, title, cosine, hit))
    def key(candidate, quoted):
        rank, sentence, words, section, title, cosine, _ = candidate
        score = question.score(sentence, words, section, title, quoted)
        if score is None:
            return None
        if cosine is not None:
            score = (1 - meaning_weight) * score + meaning_weight * cosine
        return (score - 0.03 * rank, -rank)

    # Greedy: each pick is scored on what the quotes so far leave unanswered. A score only
    # falls as words get quoted, so the first round's score bounds every later one and the
    # scan stops once no candidate left can beat the best found (lazy greedy).
    ranked = sorted(((k, c) for c in candidates if (k := key(c, frozenset())) is not None),
                    key=lambda kc: kc[0], reverse=True)
    out, used, quoted = [], set(skip or ()), frozenset()
    while len(out) < limit:
        best = None
        for bound, candidate in ranked:
            if best is not None and bound <= best[0]:
                break
            sentence = candidate[1]
            # a sentence already quoted inside a glued pair (or the reverse) adds nothing
            if any(sentence in u or u in sentence for u in used):
                continue
            k = key(candidate, quoted) if quoted else bound
            if k is not None and (best is None or k > best[0]):
                best = (k, candidate)
        if best is None:
            break
        _, sentence, words, _, _, _, hit = best[1]
        used.add(sentence)
        quoted |= {t for t in question.terms
                   if _matches(t, words) or question.senses.get(t, frozenset()) & words}
        out.append((hit, sentence))
    return out


def coverage(query: str, quoted: list[str], idf=None, context: str = "",
             same_sense: tuple = ()) -> float:
    """How much of the question (weighted by rarity) the quoted sentences speak to; words
    of `context` (the pathway names) found the passages already and are left out, and a
    word of a `same_sense` group is spoken to by any word of its group, as when picking."""
    known = _words(context)
    terms = [t for t in dict.fromkeys(tokenize([query])[0]) if t not in known]
    if not terms:
        return 0.0
    words = frozenset().union(*(_words(q) for q in quoted)) if quoted else frozenset()
    weight = {t: (idf(t) if idf else 1.0) or 1.0 for t in terms}
    senses = _senses(same_sense)
    return sum(weight[t] for t in terms
               if _matches(t, words) or senses.get(t, frozenset()) & words) / sum(weight.values())
