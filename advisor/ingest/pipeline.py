"""Incremental ingest: Chroma is the record of what is indexed.

Each chunk carries its file's hash and the file's chunk count, so a file is
unchanged when all its chunks share the current hash and all are present.
New chunks are written before stale ones are deleted, so a failed or killed
run leaves the previous content searchable and the next run repairs it.
"""

from __future__ import annotations

import shutil
import time
from pathlib import Path

from advisor.chunking import chunk_source, context_text, splitter
from advisor.config import Settings
from advisor.documents import LoadError, file_sha256, load, source_id
from advisor.ingest.lock import writer_lock
from advisor.ingest.report import Failure, IngestReport
from advisor.ingest.scan import guidance_files
from advisor.model import model_path, token_counter
from advisor.retrieval.searcher import build_lexical, lexical_root
from advisor.store import Store, open_store


def _progress(items, enabled: bool):
    if not enabled:
        return items
    from tqdm import tqdm

    return tqdm(items, desc="ingest", unit="file", leave=False)


class Ingester:
    def __init__(self, settings: Settings, store: Store | None = None, embeddings=None):
        self.settings = settings
        self.store = store or open_store(settings)
        self._embeddings = embeddings
        self._split = None

    @property
    def embeddings(self):
        if self._embeddings is None:
            from advisor.embedding import shared_embeddings

            self._embeddings = shared_embeddings(self.settings.model_dir)
        return self._embeddings

    @property
    def split(self):
        if self._split is None:
            count = token_counter(model_path(self.settings.model_dir))
            self._split = splitter(count, self.settings.chunk_tokens, self.settings.chunk_overlap)
        return self._split

    def run(self, progress: bool = False) -> IngestReport:
        started = time.perf_counter()
        with writer_lock(self.settings):
            report = self._sync(progress)
        report.seconds = round(time.perf_counter() - started, 3)
        return report

    def _sync(self, progress: bool) -> IngestReport:
        kdir = self.settings.knowledge_dir
        files = guidance_files(kdir)
        known = self.store.inventory()
        report = IngestReport()
        changed = False
        seen: set[str] = set()
        for path in _progress(files, progress):
            sid = source_id(path, kdir)
            seen.add(sid)
            try:
                sha = file_sha256(path)
                state = known.get(sid)
                if state and state.complete and sha in state.hashes:
                    report.unchanged += 1
                    continue
                self._replace(path, sha, state, report)
                changed = True
                if state:
                    report.updated += 1
                else:
                    report.added += 1
            except (LoadError, OSError) as exc:
                report.failed.append(Failure(source=sid, error=str(exc)))
        for sid, state in known.items():
            if sid not in seen:
                self.store.delete(state.ids)
                report.removed += 1
                changed = True
        report.chunks = self.store.count()
        report.version = self._publish(changed)
        return report

    def _replace(self, path: Path, sha: str, state, report: IngestReport) -> None:
        source = load(path, self.settings.knowledge_dir, self.settings.max_file_mb, sha256=sha)
        chunks = chunk_source(source, self.split)
        ids = [c.id for c in chunks]
        metas = [c.metadata for c in chunks]
        present = self.store.existing(ids)
        fresh = [i for i, cid in enumerate(ids) if cid not in present]
        if fresh:
            vectors = self.embeddings.embed_documents([context_text(chunks[i]) for i in fresh])
            self.store.add([ids[i] for i in fresh], [chunks[i].page_content for i in fresh],
                           [metas[i] for i in fresh], vectors)
            report.embedded += len(fresh)
        kept = [i for i, cid in enumerate(ids) if cid in present]
        if kept:  # same text, same vector: only the file hash and positions change
            self.store.update_meta([ids[i] for i in kept], [metas[i] for i in kept])
        if state:
            self.store.delete(sorted(set(state.ids) - set(ids)))

    def _publish(self, changed: bool) -> str:
        """Stamp a new version when content changed and make sure its BM25 index exists."""
        version = self.store.version()
        if changed or version is None:
            version = self.store.stamp_version()
        root = lexical_root(self.settings)
        folder = root / version
        if not (folder / "records.jsonl").exists():
            build_lexical(self.store, version).save(folder)
        for old in root.iterdir():
            if old.name != version:
                shutil.rmtree(old, ignore_errors=True)
        return version


def ingest(settings: Settings, progress: bool = False) -> IngestReport:
    return Ingester(settings).run(progress=progress)
