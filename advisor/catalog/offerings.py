"""How catalog rows are described (knowledge/catalog/offerings.yaml), checked at load, and the
short text each row is indexed as."""

from __future__ import annotations

from functools import lru_cache
from pathlib import Path
from string import Formatter

from pydantic import BaseModel, ConfigDict, field_validator

from advisor.catalog.districts import DistrictPathway
from advisor.catalog.language import load_document
from advisor.catalog.pathways import PATHWAY_IDS

# The row fields a row_text part may name.
ROW_FIELDS = ("school", "town", "sector", "label", "program", "cluster", "partner", "year",
              "dated")


def _names(template: str) -> set[str]:
    return {name for _, name, _, _ in Formatter().parse(template) if name is not None}


class StateList(BaseModel):
    model_config = ConfigDict(extra="forbid", frozen=True)

    name: str
    url: str


class Offerings(BaseModel):
    model_config = ConfigDict(extra="forbid", frozen=True)

    state_lists: dict[str, StateList]
    row_text: dict[str, tuple[str, ...]]
    caveat: str
    none_found: str

    @field_validator("state_lists", "row_text")
    @classmethod
    def _every_type(cls, value: dict) -> dict:
        unknown = sorted(set(value) - set(PATHWAY_IDS))
        if unknown:
            raise ValueError(f"unknown pathway type {unknown[0]!r}; use one of "
                             + ", ".join(PATHWAY_IDS))
        return value

    @field_validator("row_text")
    @classmethod
    def _known_fields(cls, value: dict) -> dict:
        for kind, parts in value.items():
            for part in parts:
                unknown = sorted(_names(part) - set(ROW_FIELDS))
                if unknown:
                    raise ValueError(f"{kind}: {{{unknown[0]}}} is not a row field; use "
                                     + ", ".join("{" + f + "}" for f in ROW_FIELDS))
        return value

    @field_validator("caveat")
    @classmethod
    def _caveat(cls, value: str) -> str:
        if _names(value) - {"as_of"}:
            raise ValueError("may name only {as_of}")
        return value

    @field_validator("none_found")
    @classmethod
    def _none(cls, value: str) -> str:
        if _names(value) != {"what"}:
            raise ValueError("must name {what}")
        return value


@lru_cache(maxsize=4)
def load_offerings(catalog_dir: Path) -> Offerings:
    return load_document(catalog_dir / "offerings.yaml", Offerings)


def row_fields(row: DistrictPathway, catalog) -> dict[str, str]:
    """The values a row's text is written from; blank when the row doesn't say."""
    from advisor.careers.result import row_programs

    programs = row_programs(row, catalog.programs.programs) if catalog.programs else []
    clusters = {c.id: c.name for c in catalog.programs.clusters} if catalog.programs else {}
    sector = catalog.sectors.get(row.sector) if row.sector else None
    label = row.sector_label if row.type == "icp" else row.pathway_name
    return {
        "school": row.school, "town": row.town or row.district or "",
        "sector": sector.name if sector else "",
        # the page's own name, when it differs from the product's
        "label": label if label and (not sector or label.lower() != sector.name.lower()) else "",
        "program": programs[0].name if programs else "",
        "cluster": clusters.get(programs[0].cluster, "") if programs else "",
        "partner": row.college_partner or ", ".join(row.employer_partners),
        "year": str(row.year_designated or ""), "dated": row.dated}


def row_text(row: DistrictPathway, catalog) -> str:
    """The row in a sentence or two; a part naming a blank field is left out."""
    fields = row_fields(row, catalog)
    if row.type == "cte" and not fields["label"]:
        fields["label"] = row.pathway_name
    parts = catalog.offerings.row_text.get(row.type, ("{school} offers {label}.",))
    text = "".join(p.format(**fields) for p in parts
                   if all(fields.get(n) for n in _names(p)))
    return text
