"""BM25 (bm25s) over exactly the chunks in Chroma, saved per index version."""

from __future__ import annotations

import json
import shutil
from functools import lru_cache
from pathlib import Path

import numpy as np

from advisor.retrieval.filters import matches
from advisor.store.hit import Hit

TOKENIZER = "t3"  # part of the saved index's folder name: bump it when tokenize() changes


@lru_cache(maxsize=1)
def stemmer():
    import Stemmer

    return Stemmer.Stemmer("english")


@lru_cache(maxsize=1)
def _stopwords() -> list[str]:
    # bm25s's English list (33 words) keeps question words, which then match any
    # passage that happens to say "what" or "how".
    from bm25s.stopwords import STOPWORDS_EN

    return sorted(set(STOPWORDS_EN) | {
        "what", "which", "who", "whom", "whose", "when", "where", "why", "how", "do", "does",
        "did", "can", "could", "would", "should", "may", "might", "must", "am", "was", "were",
        "been", "has", "have", "had", "i", "me", "my", "we", "our", "you", "your", "it", "its",
        "from", "about", "any", "some", "much", "many", "there", "here"})


def tokenize(texts: list[str]) -> list[list[str]]:
    import bm25s

    # Single digits are kept: "unit 3", "grade 9" and "Arts: 1 unit" hinge on them.
    return bm25s.tokenize(texts, stopwords=_stopwords(), stemmer=stemmer(), return_ids=False,
                          show_progress=False, token_pattern=r"(?u)\b(?:\w\w+|\d)\b")


class LexicalIndex:
    def __init__(self, version: str, ids: list[str], texts: list[str], metas: list[dict], bm25):
        self.version = version
        self.ids, self.texts, self.metas, self.bm25 = ids, texts, metas, bm25
        self.vocab = bm25.vocab_dict if bm25 is not None else {}
        self._idf: dict[str, float] = {}

    @classmethod
    def build(cls, version: str, ids, texts, metas, index_texts) -> LexicalIndex:
        import bm25s

        bm25 = None
        if ids:
            bm25 = bm25s.BM25()
            bm25.index(tokenize(list(index_texts)), show_progress=False)
        return cls(version, list(ids), list(texts), list(metas), bm25)

    def save(self, folder: Path) -> None:
        tmp = folder.with_name(folder.name + ".tmp")
        shutil.rmtree(tmp, ignore_errors=True)
        tmp.mkdir(parents=True)
        if self.bm25 is not None:
            self.bm25.save(str(tmp / "bm25"), show_progress=False)
        with open(tmp / "records.jsonl", "w", encoding="utf-8") as fh:
            for cid, text, meta in zip(self.ids, self.texts, self.metas, strict=True):
                fh.write(json.dumps({"id": cid, "text": text, "meta": meta}) + "\n")
        shutil.rmtree(folder, ignore_errors=True)
        tmp.rename(folder)  # readers see the whole index or none of it

    @classmethod
    def load(cls, folder: Path, version: str) -> LexicalIndex:
        import bm25s

        rows = [json.loads(line) for line in open(folder / "records.jsonl", encoding="utf-8")]
        bm25 = None
        if (folder / "bm25").exists():
            bm25 = bm25s.BM25.load(str(folder / "bm25"), show_progress=False, verbosity=0)
        return cls(version, [r["id"] for r in rows], [r["text"] for r in rows],
                   [r["meta"] for r in rows], bm25)

    def search(self, query: str, k: int, where: dict | None = None) -> list[Hit]:
        if self.bm25 is None or not self.ids:
            return []
        tokens = [t for t in tokenize([query])[0] if t in self.vocab]
        if not tokens:
            return []
        mask = None
        if where:
            mask = np.array([matches(m, where) for m in self.metas], dtype=np.float32)
            if not mask.any():
                return []
        n = min(k, len(self.ids))
        docs, scores = self.bm25.retrieve([tokens], k=n, show_progress=False, weight_mask=mask,
                                          n_threads=1)
        return [Hit.from_record(self.ids[i], self.texts[i], self.metas[i], score=float(s),
                                lexical=float(s))
                for i, s in zip(docs[0], scores[0], strict=True) if s > 0]

    def idf(self, token: str) -> float:
        """log(1 + N / df) of a stemmed token over the chunks; 0 when no chunk has it."""
        if token not in self._idf:
            df = 0
            if self.bm25 is not None and token in self.vocab:
                df = int(np.count_nonzero(self.bm25.get_scores([token])))
            self._idf[token] = float(np.log1p(len(self.ids) / df)) if df else 0.0
        return self._idf[token]
