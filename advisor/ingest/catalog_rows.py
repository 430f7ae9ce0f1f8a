"""Catalog rows as index records: one short text per row, with the row's fields as metadata.

A record's id is a hash of its text and metadata, so an edited row gets a new id: ingest
embeds the new one, deletes the old, and leaves every other row alone.
"""

from __future__ import annotations

import hashlib
import json
from dataclasses import dataclass

from langchain_core.documents import Document

from advisor.catalog.offerings import row_fields, row_text

KIND = "catalog"
SOURCE_PREFIX = "catalog/districts/"


@dataclass(frozen=True)
class CatalogRecord:
    id: str
    text: str
    meta: dict

    def document(self) -> Document:
        return Document(page_content=self.text, metadata=self.meta, id=self.id)


def row_meta(row, catalog) -> dict:
    fields = row_fields(row, catalog)
    programs = fields["program"]
    program = next((p.id for p in catalog.programs.programs if p.name == programs), None) \
        if programs and catalog.programs else None
    towns = row.towns
    return {"kind": KIND, "source": SOURCE_PREFIX + row.file,
            "title": f"Pathway catalog: {catalog.types[row.type].name}",
            "school": row.school, "town": towns[0] if towns else None,
            "place": towns[1] if len(towns) > 1 else None, "town_text": row.town,
            "district": row.district, "type": row.type, "sector": row.sector,
            "sector_label": row.sector_label, "program": program,
            "pathway_name": row.pathway_name, "url": row.source_url, "as_of": row.as_of,
            "retrieved": row.retrieved, "confidence": row.confidence, "row": row.line,
            "year_designated": row.year_designated, "sample": row.sample or None}


def catalog_records(catalog) -> list[CatalogRecord]:
    out = []
    for row in catalog.districts.pathways:
        text = row_text(row, catalog)
        meta = {k: v for k, v in row_meta(row, catalog).items() if v is not None}
        # the row number is left out of the id: a row added above must not re-embed the rest
        key = {k: v for k, v in meta.items() if k != "row"}
        digest = hashlib.sha256(json.dumps([text, key], sort_keys=True).encode()).hexdigest()
        out.append(CatalogRecord(f"catalog-{digest[:24]}", text, meta))
    return out
