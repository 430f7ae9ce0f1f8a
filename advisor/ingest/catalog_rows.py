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
    town, place = _where(row, catalog.towns)
    return {"kind": KIND, "source": SOURCE_PREFIX + row.file,
            "title": f"Pathway catalog: {catalog.types[row.type].name}",
            "school": row.school, "town": town, "place": place, "town_text": row.town,
            "district": row.district, "type": row.type, "sector": row.sector,
            "sector_label": row.sector_label, "program": program,
            "pathway_name": row.pathway_name, "url": row.source_url, "as_of": row.as_of,
            "retrieved": row.retrieved, "confidence": row.confidence, "row": row.line,
            "year_designated": row.year_designated, "sample": row.sample or None,
            "record": row.record or None}


def _where(row, towns) -> tuple[str | None, str | None]:
    """(municipality, village) of a row: "South Easton (Easton)" is Easton, South Easton."""
    parts = row.towns
    if not parts:
        return None, None
    if towns is None:
        return parts[0], parts[1] if len(parts) > 1 else None
    town = next((towns.municipality(p) for p in parts if towns.municipality(p)), parts[0])
    village = next((p for p in parts if p != town and towns.municipality(p) == town
                    and p.lower() != town.lower() and p in towns.villages), None)
    return town, village


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
