"""The ingest summary: the `ingest.py --json` contract."""

from __future__ import annotations

from pydantic import BaseModel, Field


class Failure(BaseModel):
    source: str
    error: str


class FileWarning(BaseModel):
    """A file that was indexed, but not quite as written (e.g. not all UTF-8)."""

    source: str
    warning: str


class CatalogSync(BaseModel):
    """Catalog rows (knowledge/catalog/districts/*.csv) in the index after this run."""

    rows: int = 0
    added: int = 0
    removed: int = 0
    unchanged: int = 0
    bad_rows: int = 0


class IngestReport(BaseModel):
    added: int = 0
    updated: int = 0
    unchanged: int = 0
    removed: int = 0
    failed: list[Failure] = Field(default_factory=list)
    warnings: list[FileWarning] = Field(default_factory=list)
    chunks: int = 0
    seconds: float = 0.0
    embedded: int = 0  # chunk texts sent to the model in this run
    version: str | None = None
    catalog: CatalogSync = Field(default_factory=CatalogSync)

    @property
    def exit_code(self) -> int:
        return 1 if self.failed else 0

    def line(self) -> str:
        text = (f"{self.added} added, {self.updated} updated, {self.unchanged} unchanged, "
                f"{self.removed} removed, {len(self.failed)} failed; {self.chunks} chunks "
                f"({self.embedded} embedded) in {self.seconds:.2f}s")
        c = self.catalog
        text += (f"\ncatalog: {c.rows} rows ({c.added} added, {c.removed} removed, "
                 f"{c.unchanged} unchanged, {c.bad_rows} bad)")
        for f in self.failed:
            text += f"\n  FAILED {f.source}: {f.error}"
        for w in self.warnings:
            text += f"\n  WARNING {w.source}: {w.warning}"
        return text
