"""Incremental ingest: Chroma is the record of what is indexed.

Each chunk carries its file's hash and the file's chunk count, so a file is
unchanged when all its chunks share the current hash and all are present.
New chunks are written before stale ones are deleted, so a failed or killed
run leaves the previous content searchable and the next run repairs it. The
version stamp and its BM25 folder come last and are derived from the records
themselves, so whatever a killed run left, the next one stamps what is there.

Catalog rows (knowledge/catalog/districts/*.csv) sit in the same collection, tagged
`kind: catalog`; each is one record whose id hashes its content, so they sync row by row.
"""

from __future__ import annotations

import shutil
import time
from dataclasses import dataclass

from langchain_core.documents import Document

from advisor.chunking import chunk_source, context_text, splitter
from advisor.config import Settings
from advisor.documents import LoadError, file_sha256, load, read_warnings, refuse_outside, source_id
from advisor.ingest.catalog_rows import catalog_records
from advisor.ingest.lock import writer_lock
from advisor.ingest.report import Failure, FileWarning, IngestReport
from advisor.ingest.scan import guidance_files
from advisor.model import model_path, token_counter
from advisor.passages.sentences import SENTENCE_TAG, sentences
from advisor.retrieval.searcher import build_lexical, lexical_folder
from advisor.store import SourceState, Store, open_store


@dataclass
class _Pending:
    """A changed file, loaded and chunked, waiting to be written."""

    source: str
    chunks: list[Document]
    state: SourceState | None


def _progress(items, enabled: bool):
    if not enabled:
        return items
    from tqdm import tqdm

    return tqdm(items, desc="ingest", unit="file", leave=False)


class Ingester:
    def __init__(self, settings: Settings, store: Store | None = None, embeddings=None):
        self.settings = settings
        self._store = store
        self._embeddings = embeddings
        self._split = None

    @property
    def store(self) -> Store:
        # Opened under the writer lock: two ingests creating one index at once would
        # otherwise meet in the database before either reaches the lock.
        if self._store is None:
            self._store = open_store(self.settings)
        return self._store

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
        known = self.store.inventory(SENTENCE_TAG)
        report = IngestReport()
        pending: list[_Pending] = []
        seen: set[str] = set()
        for path in _progress(guidance_files(kdir), progress):
            sid = source_id(path, kdir)
            seen.add(sid)
            try:
                refuse_outside(path, kdir)  # before the file is even hashed
                sha = file_sha256(path)
                state = known.get(sid)
                if state and state.complete and sha in state.hashes:
                    report.unchanged += 1
                    warnings = read_warnings(path, self.settings.max_file_mb)
                else:
                    source = load(path, kdir, self.settings.max_file_mb, sha256=sha)
                    pending.append(_Pending(source.id, chunk_source(source, self.split), state))
                    warnings = source.warnings
                report.warnings += [FileWarning(source=sid, warning=w) for w in warnings]
            except LoadError as exc:
                report.failed.append(Failure(source=sid, error=str(exc)))
            except OSError as exc:  # its reason, not the server path that str(exc) shows
                report.failed.append(Failure(source=sid, error=f"cannot read: {exc.strerror}"))
        vectors = self._embed_new(pending, report, progress)
        self._write(pending, vectors)
        changed = {item.source for item in pending}
        self._embed_sentences([cid for sid, state in known.items()
                               if sid in seen and sid not in changed
                               for cid in state.unsentenced]
                              + [c.id for item in pending for c in item.chunks
                                 if c.id in vectors or item.state is None
                                 or c.id in item.state.unsentenced], progress)
        report.updated = sum(1 for item in pending if item.state)
        report.added = len(pending) - report.updated
        removed = [state for sid, state in known.items() if sid not in seen]
        for state in removed:
            self.store.delete(state.ids)
        report.removed = len(removed)
        self._sync_catalog(report)
        report.chunks = self.store.count() - report.catalog.rows
        report.version = self._publish()
        return report

    def _sync_catalog(self, report: IngestReport) -> None:
        """Index the catalog's rows: embed new or edited rows, delete rows gone from their
        file. A file with a bad row keeps its indexed rows until it is fixed, so a typo
        never empties a school's listing."""
        from advisor.catalog.bundle import load_catalog
        from advisor.catalog.language import CatalogError

        try:
            catalog = load_catalog(self.settings.knowledge_dir / "catalog")
        except (CatalogError, OSError):  # the caller reports it and exits 2; the rows stay
            report.catalog.rows = len(self.store.catalog_rows())
            return
        wanted = catalog_records(catalog)
        known = self.store.catalog_rows()
        # A file that can't be read at all keeps every indexed row. A bad row keeps only its
        # own last good version: the indexed row of that school and pathway, else the one
        # indexed on its line; so an edited good row never stays twice.
        unreadable = {e.file for e in catalog.districts.errors if e.row <= 1}
        bad = [e for e in catalog.districts.errors if e.row > 1]
        for e in catalog.districts.errors:
            report.failed.append(Failure(source=f"catalog/districts/{e.file}", error=str(e)))
        report.catalog.bad_rows = sum(1 for e in catalog.districts.errors if e.row > 1)
        new = [r for r in wanted if r.id not in known]
        if new:
            vectors = self.embeddings.embed_documents(
                [context_text(r.document()) for r in new])
            self.store.add([r.id for r in new], [r.text for r in new], [r.meta for r in new],
                           vectors)
            report.embedded += len(new)
        moved = [r for r in wanted if r.id in known and known[r.id] != r.meta]
        if moved:  # same row, another line number: metadata only
            self.store.update_meta([r.id for r in moved], [r.meta for r in moved])
        ids = {r.id for r in wanted}
        stale = {cid: meta for cid, meta in known.items() if cid not in ids}
        keep = {cid for cid, meta in stale.items() if _file(meta) in unreadable}
        for e in bad:
            mine = [cid for cid, m in stale.items() if _file(m) == e.file]
            same = [cid for cid in mine if (stale[cid].get("school"),
                                            stale[cid].get("pathway_name")) == e.key]
            keep |= set(same or [cid for cid in mine if stale[cid].get("row") == e.row])
        gone = [cid for cid in stale if cid not in keep]
        if gone:
            self.store.delete(gone)
        c = report.catalog
        c.added, c.removed = len(new), len(gone)
        c.unchanged = len(wanted) - len(new)
        c.rows = len(known) + len(new) - len(gone)

    def _embed_new(self, pending: list[_Pending], report: IngestReport,
                   progress: bool) -> dict[str, list]:
        """Embed every chunk not yet in the store, in large batches across files."""
        chunks = {c.id: c for item in pending for c in item.chunks}
        present = self.store.existing(list(chunks))
        fresh = [c for cid, c in chunks.items() if cid not in present]
        vectors: dict[str, list] = {}
        step = 1024
        for i in _progress(range(0, len(fresh), step), progress and len(fresh) > step):
            batch = fresh[i:i + step]
            for c, v in zip(batch, self.embeddings.embed_documents(
                    [context_text(c) for c in batch]), strict=True):
                vectors[c.id] = v
        report.embedded = len(fresh)
        return vectors

    def _embed_sentences(self, chunk_ids: list[str], progress: bool) -> None:
        """Embed the quotable sentences of new chunks, and of older chunks that lack them.

        A chunk's id is a hash of its text, so unchanged chunks keep their sentences; the
        chunk's `sentences` tag records the splitter that made them.
        """
        chunk_ids = list(dict.fromkeys(chunk_ids))
        step = 256
        for i in _progress(range(0, len(chunk_ids), step), progress and len(chunk_ids) > step):
            docs = self.store.documents(chunk_ids[i:i + step])
            split = {cid: sentences(text) for cid, (text, _) in docs.items()}
            flat = [s for found in split.values() for s in found]
            vecs = iter(self.embeddings.embed_documents(flat) if flat else [])
            for cid, found in split.items():
                self.store.add_sentences(cid, found, [next(vecs) for _ in found])
            self.store.update_meta(list(docs), [{**meta, "sentences": SENTENCE_TAG}
                                                for _, meta in docs.values()])

    def _write(self, pending: list[_Pending], vectors: dict[str, list]) -> None:
        """New chunks first, then metadata of kept ones, then stale ones deleted.

        Until the last step a file's old chunks stay searchable; a run killed
        in between leaves mixed hashes, which the next run sees and repairs.
        """
        chunks = [c for item in pending for c in item.chunks]
        new = list({c.id: c for c in chunks if c.id in vectors}.values())
        if new:
            self.store.add([c.id for c in new], [c.page_content for c in new],
                           [c.metadata for c in new], [vectors[c.id] for c in new])
        kept = [(c, item) for item in pending for c in item.chunks if c.id not in vectors]
        if kept:  # same text, same vector: only the file hash and positions change
            self.store.update_meta([c.id for c, _ in kept], [
                {**c.metadata, "sentences": SENTENCE_TAG}
                if item.state and c.id not in item.state.unsentenced else c.metadata
                for c, item in kept])
        stale = [cid for item in pending if item.state
                 for cid in set(item.state.ids) - {c.id for c in item.chunks}]
        if stale:
            self.store.delete(sorted(stale))

    def _publish(self) -> str:
        """Stamp the version of what the index now holds and make sure its BM25 folder exists.

        Derived from the records, not from what this run changed: a run killed after its
        writes and before its stamp left records that no stamp describes, and the next run,
        with nothing left to write, must still stamp them and build their BM25 folder.
        """
        version = self.store.content_version()
        if self.store.version() != version:
            self.store.stamp_version(version)
        folder = lexical_folder(self.settings, version)
        if not (folder / "records.jsonl").exists():  # saved whole or not at all
            build_lexical(self.store, version).save(folder)
        for old in folder.parent.iterdir():
            if old != folder:
                shutil.rmtree(old, ignore_errors=True)
        return version


def ingest(settings: Settings, progress: bool = False) -> IngestReport:
    return Ingester(settings).run(progress=progress)


def _file(meta: dict) -> str:
    """The catalog file a row's record came from."""
    return meta.get("source", "").removeprefix("catalog/districts/")
