"""Dense, lexical and hybrid search over one index, refreshed when it changes."""

from __future__ import annotations

import threading
import time
from pathlib import Path

from advisor.chunking import context_text
from advisor.config import Settings
from advisor.retrieval.filters import with_kind
from advisor.retrieval.fusion import rrf
from advisor.retrieval.lexical import TOKENIZER, LexicalIndex
from advisor.store import Hit, Store, StoreUnavailable, open_store

MODES = ("hybrid", "dense", "lexical")


def lexical_root(settings: Settings) -> Path:
    """Where BM25 indexes are kept: beside an embedded index, or per server URL."""
    if settings.chroma_url:
        return settings.server_dir() / "lexical"
    return settings.db.parent / f"{settings.db.name}-lexical" / settings.collection


def lexical_folder(settings: Settings, version: str) -> Path:
    return lexical_root(settings) / f"{version}-{TOKENIZER}"


def build_lexical(store: Store, version: str) -> LexicalIndex:
    from langchain_core.documents import Document

    ids, texts, metas = [], [], []
    for page_ids, page in store.records():
        ids += page_ids
        texts += page["documents"]
        metas += page["metadatas"]
    index_texts = [context_text(Document(page_content=t, metadata=m))
                   for t, m in zip(texts, metas, strict=True)]
    return LexicalIndex.build(version, ids, texts, metas, index_texts)


def load_or_build_lexical(settings: Settings, store: Store, version: str) -> LexicalIndex:
    folder = lexical_folder(settings, version)
    if (folder / "records.jsonl").exists():
        try:
            return LexicalIndex.load(folder, version)
        except Exception:  # a damaged cache is rebuilt from Chroma, the source of truth
            pass
    index = build_lexical(store, version)
    index.save(folder)
    return index


class Searcher:
    def __init__(self, settings: Settings, store: Store | None = None, embeddings=None):
        self.settings = settings
        self.store = store or open_store(settings)
        self._embeddings = embeddings
        self._lexical: LexicalIndex | None = None
        self._checked = 0.0
        self._lock = threading.Lock()
        self._store_lock = threading.Lock()  # a query never meets a store being reopened

    @property
    def embeddings(self):
        if self._embeddings is None:
            from advisor.embedding import shared_embeddings

            self._embeddings = shared_embeddings(self.settings.model_dir)
        return self._embeddings

    def lexical(self) -> LexicalIndex:
        now = time.monotonic()
        with self._lock:
            if self._lexical is None or now - self._checked >= self.settings.refresh_seconds:
                try:
                    version = self.store.version() or "empty"
                except Exception as exc:
                    if self._lexical is None:
                        raise self._unavailable(exc) from exc
                    return self._lexical  # keep the last index; dense search will say why
                if self._lexical is None or self._lexical.version != version:
                    if self._lexical is not None:
                        self._reopen()
                    self._lexical = load_or_build_lexical(self.settings, self.store, version)
                self._checked = now
            return self._lexical

    def _reopen(self) -> None:
        """Embedded Chroma keeps its vector index in memory per process, so after an ingest
        in another process it would go on answering from the old vectors. Reopen it."""
        if self.settings.chroma_url:
            return
        with self._store_lock:
            self.store.close()
            self.store = open_store(self.settings)

    def _unavailable(self, exc: Exception) -> StoreUnavailable:
        if isinstance(exc, StoreUnavailable):
            return exc
        where = (f"Chroma server at {self.settings.chroma_url}" if self.settings.chroma_url
                 else f"the index at {self.settings.db}")
        return StoreUnavailable(f"{where} did not answer: {type(exc).__name__}: {exc}")

    def sentence_vectors(self, chunk_ids: list[str]) -> dict[str, dict[str, list]]:
        with self._store_lock:
            try:
                return self.store.sentence_vectors(chunk_ids)
            except Exception as exc:
                raise self._unavailable(exc) from exc

    def dense(self, query: str, k: int, where: dict | None = None,
              vector: list | None = None) -> list[Hit]:
        vector = vector if vector is not None else self.embeddings.embed_query(query)
        with self._store_lock:
            try:
                return self.store.query(vector, k, where)
            except Exception as exc:
                if isinstance(exc, ValueError) or type(exc).__name__ == "InvalidArgumentError":
                    raise  # a bad query or filter, not an outage
                raise self._unavailable(exc) from exc

    def search(self, query: str, k: int = 5, mode: str = "hybrid",
               where: dict | None = None, vector: list | None = None,
               kind: str | None = None) -> list[Hit]:
        """Ranked passages and catalog rows; `kind` keeps one of the two."""
        if mode not in MODES:
            raise ValueError(f"unknown search mode {mode!r}; use one of {', '.join(MODES)}")
        where = with_kind(where, kind)
        if not query.strip():
            return []
        if mode == "dense":
            return self.dense(query, k, where, vector)
        if mode == "lexical":
            return self.lexical().search(query, k, where)
        n = max(k, self.settings.candidates)
        s = self.settings
        return rrf(self.dense(query, n, where, vector), self.lexical().search(query, n, where), k,
                   rrf_k=s.rrf_k, weights=(s.dense_weight, s.lexical_weight))

    def rows(self, where: dict, limit: int | None = None) -> list[Hit]:
        """Every catalog row matching a metadata filter, read from the store."""
        with self._store_lock:
            try:
                return self.store.where(with_kind(where, "catalog"), limit=limit)
            except Exception as exc:
                if isinstance(exc, ValueError) or type(exc).__name__ == "InvalidArgumentError":
                    raise
                raise self._unavailable(exc) from exc
