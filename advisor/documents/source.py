"""What a loader returns: one source file, split into structural units."""

from __future__ import annotations

from dataclasses import dataclass, field

from langchain_core.documents import Document


@dataclass
class Source:
    id: str
    sha256: str
    title: str
    publisher: str | None = None
    url: str | None = None
    updated: str | None = None
    units: list[Document] = field(default_factory=list)
    # Problems that did not stop the file being read (ingest reports them by file)
    warnings: list[str] = field(default_factory=list)

    def unit(self, text: str, section: str | None = None, page: int | None = None) -> Document:
        meta = {
            "source": self.id,
            "title": self.title,
            "section": section,
            "page": page,
            "publisher": self.publisher,
            "url": self.url,
        }
        return Document(page_content=text, metadata=meta)

    @property
    def text(self) -> str:
        """The full ingested text, against which citations are verified."""
        return "\n\n".join(u.page_content for u in self.units)
