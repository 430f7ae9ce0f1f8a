"""The embedding model as a LangChain `Embeddings`, loaded once per process."""

from __future__ import annotations

import threading
from functools import cached_property
from pathlib import Path

import numpy as np
from langchain_core.embeddings import Embeddings

from advisor.model import model_path

_LOCK = threading.Lock()
_CACHE: dict[Path, MiniLMEmbeddings] = {}


class MiniLMEmbeddings(Embeddings):
    """all-MiniLM-L6-v2 from its packaged directory, on the CPU, normalised."""

    def __init__(self, model_dir: Path | None = None, batch_size: int = 64):
        self.model_dir = model_path(model_dir)
        self.batch_size = batch_size
        self.encode_calls = 0
        self.texts_encoded = 0

    @cached_property
    def model(self):
        from sentence_transformers import SentenceTransformer

        return SentenceTransformer(str(self.model_dir), device="cpu", local_files_only=True)

    def encode(self, texts: list[str]) -> np.ndarray:
        self.encode_calls += 1
        self.texts_encoded += len(texts)
        if not texts:
            return np.zeros((0, 384), dtype=np.float32)
        return self.model.encode(list(texts), batch_size=self.batch_size,
                                 normalize_embeddings=True, convert_to_numpy=True,
                                 show_progress_bar=False)

    def embed_documents(self, texts: list[str]) -> list[list[float]]:
        return self.encode(texts).tolist()

    def embed_query(self, text: str) -> list[float]:
        return self.encode([text])[0].tolist()


def shared_embeddings(model_dir: Path | None = None) -> MiniLMEmbeddings:
    """The process-wide instance for a model directory."""
    key = model_path(model_dir)
    with _LOCK:
        if key not in _CACHE:
            _CACHE[key] = MiniLMEmbeddings(key)
        return _CACHE[key]
