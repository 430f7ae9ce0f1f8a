"""The chunk collection in Chroma, plus a small state record holding the index version."""

from __future__ import annotations

import hashlib
import json
import time
from collections.abc import Iterator
from dataclasses import dataclass, field

from advisor.store.hit import Hit

PAGE = 5000


@dataclass
class SourceState:
    hashes: set[str] = field(default_factory=set)
    ids: list[str] = field(default_factory=list)
    expected: int = 0
    # Chunks whose sentence vectors are missing or from another sentence splitter.
    unsentenced: list[str] = field(default_factory=list)
    # Chunks indexed before records carried a `kind`: their metadata is rewritten.
    untagged: bool = False

    @property
    def complete(self) -> bool:
        return len(self.hashes) == 1 and len(self.ids) == self.expected and not self.untagged


def clean_meta(meta: dict) -> dict:
    """Chroma stores no None values; absent keys read back as None."""
    return {k: v for k, v in meta.items() if v is not None}


class Store:
    def __init__(self, client, name: str):
        self.client = client
        self.name = name
        self.chunks = client.get_or_create_collection(
            name, metadata={"hnsw:space": "cosine"}, embedding_function=None)
        self.state = client.get_or_create_collection(
            f"{name}-state", metadata={"hnsw:space": "cosine"}, embedding_function=None)
        # Each chunk's quotable sentences with their vectors, keyed "<chunk id>:<n>", so an
        # answer can weigh sentences by meaning without embedding them per question.
        self.sentences = client.get_or_create_collection(
            f"{name}-sentences", metadata={"hnsw:space": "cosine"}, embedding_function=None)

    def close(self) -> None:
        close = getattr(self.client, "close", None)
        if close:
            close()

    def count(self) -> int:
        return self.chunks.count()

    def records(self, include=("documents", "metadatas")) -> Iterator[tuple[list, dict]]:
        offset = 0
        while True:
            page = self.chunks.get(include=list(include), limit=PAGE, offset=offset)
            if not page["ids"]:
                return
            yield page["ids"], page
            offset += len(page["ids"])

    def inventory(self, sentence_tag: str | None = None) -> dict[str, SourceState]:
        """The guidance sources indexed, by source id (catalog rows are not sources)."""
        out: dict[str, SourceState] = {}
        for ids, page in self.records(include=("metadatas",)):
            for cid, meta in zip(ids, page["metadatas"], strict=True):
                if meta.get("kind") == "catalog":
                    continue
                state = out.setdefault(meta["source"], SourceState())
                state.untagged |= "kind" not in meta
                state.hashes.add(meta.get("file_hash", ""))
                state.ids.append(cid)
                state.expected = int(meta.get("n_chunks", 0))
                if sentence_tag and meta.get("sentences") != sentence_tag:
                    state.unsentenced.append(cid)
        return out

    def catalog_rows(self) -> dict[str, dict]:
        """{record id: metadata} of every catalog row indexed."""
        out: dict[str, dict] = {}
        offset = 0
        while True:
            page = self.chunks.get(where={"kind": "catalog"}, include=["metadatas"],
                                   limit=PAGE, offset=offset)
            if not page["ids"]:
                return out
            out.update(zip(page["ids"], page["metadatas"], strict=True))
            offset += len(page["ids"])

    def where(self, where: dict, limit: int | None = None) -> list[Hit]:
        """Every record matching a metadata filter, unranked (score 1)."""
        got = self.chunks.get(where=where, include=["documents", "metadatas"], limit=limit)
        return [Hit.from_record(cid, doc, meta, score=1.0)
                for cid, doc, meta in zip(got["ids"], got["documents"], got["metadatas"],
                                          strict=True)]

    def existing(self, ids: list[str]) -> set[str]:
        found: set[str] = set()
        for i in range(0, len(ids), PAGE):
            found.update(self.chunks.get(ids=ids[i:i + PAGE], include=[])["ids"])
        return found

    def add(self, ids, texts, metas, embeddings) -> None:
        for i in range(0, len(ids), PAGE):
            s = slice(i, i + PAGE)
            self.chunks.upsert(ids=ids[s], documents=texts[s], embeddings=embeddings[s],
                               metadatas=[clean_meta(m) for m in metas[s]])

    def update_meta(self, ids, metas) -> None:
        for i in range(0, len(ids), PAGE):
            s = slice(i, i + PAGE)
            self.chunks.update(ids=ids[s], metadatas=[clean_meta(m) for m in metas[s]])

    def delete(self, ids) -> None:
        for i in range(0, len(ids), PAGE):
            batch = list(ids[i:i + PAGE])
            self.chunks.delete(ids=batch)
            self.sentences.delete(where={"chunk_id": {"$in": batch}})

    def documents(self, ids: list[str]) -> dict[str, tuple[str, dict]]:
        out = {}
        for i in range(0, len(ids), PAGE):
            got = self.chunks.get(ids=ids[i:i + PAGE], include=["documents", "metadatas"])
            out.update({cid: (d, m) for cid, d, m in zip(got["ids"], got["documents"],
                                                         got["metadatas"], strict=True)})
        return out

    def add_sentences(self, chunk_id: str, sentences: list[str], vectors) -> None:
        """Replace a chunk's sentence vectors."""
        self.sentences.delete(where={"chunk_id": chunk_id})
        if sentences:
            self.sentences.upsert(ids=[f"{chunk_id}:{n}" for n in range(len(sentences))],
                                  documents=sentences, embeddings=list(vectors),
                                  metadatas=[{"chunk_id": chunk_id, "n": n}
                                             for n in range(len(sentences))])

    def sentence_vectors(self, chunk_ids: list[str]) -> dict[str, dict[str, list]]:
        """{chunk id: {sentence: vector}} for the chunks that have them."""
        if not chunk_ids:
            return {}
        got = self.sentences.get(where={"chunk_id": {"$in": list(chunk_ids)}},
                                 include=["documents", "metadatas", "embeddings"])
        out: dict[str, dict[str, list]] = {}
        for doc, meta, vec in zip(got["documents"], got["metadatas"], got["embeddings"],
                                  strict=True):
            out.setdefault(meta["chunk_id"], {})[doc] = vec
        return out

    def query(self, embedding, k: int, where: dict | None = None) -> list[Hit]:
        # No count() guard: Chroma returns what it has, and counting 100k rows costs
        # about 12 ms, more than the query itself.
        if k <= 0:
            return []
        res = self.chunks.query(query_embeddings=[embedding], n_results=k, where=where or None,
                                include=["documents", "metadatas", "distances"])
        return [Hit.from_record(cid, doc, meta, score=1.0 - dist, dense=1.0 - dist)
                for cid, doc, meta, dist in zip(res["ids"][0], res["documents"][0],
                                                res["metadatas"][0], res["distances"][0],
                                                strict=True)]

    def version(self) -> str | None:
        got = self.state.get(ids=["state"], include=["metadatas"])
        return got["metadatas"][0].get("version") if got["ids"] else None

    def content_version(self) -> str:
        """A digest of every record's id and metadata (ids hash the texts): the same records
        give the same version, and any change to them, metadata alone included, a new one."""
        rows = sorted((i, json.dumps(m, sort_keys=True))
                      for ids, page in self.records(include=("metadatas",))
                      for i, m in zip(ids, page["metadatas"], strict=True))
        return hashlib.sha256("\n".join(f"{i}\t{m}" for i, m in rows).encode()).hexdigest()[:16]

    def stamp_version(self, version: str | None = None) -> str:
        """Record the version of the records now present."""
        version = version or self.content_version()
        self.state.upsert(ids=["state"], embeddings=[[1.0]], documents=[""],
                          metadatas=[{"version": version, "chunks": self.count(),
                                      "stamped": time.time()}])
        return version
