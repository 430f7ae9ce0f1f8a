"""How catalog rows are described (knowledge/catalog/offerings.yaml), checked at load, and the
short text each row is indexed as."""

from __future__ import annotations

import re
from functools import lru_cache
from pathlib import Path
from string import Formatter

from pydantic import BaseModel, ConfigDict, Field, field_validator

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


class SchoolSuffixes(BaseModel):
    model_config = ConfigDict(extra="forbid", frozen=True)

    technical: tuple[str, ...]
    other: tuple[str, ...]


class Reading(BaseModel):
    """The words a question about offerings is read with."""

    model_config = ConfigDict(extra="forbid", frozen=True)

    place_before: tuple[str, ...]
    place_after: tuple[str, ...]
    near: tuple[str, ...]
    near_after: tuple[str, ...] = ()
    near_me: str = r"(?!)"
    nearest: str = r"(?!)"
    refers_back: str = r"(?!)"
    plain_words: frozenset[str] = frozenset()
    near_miles: float = Field(gt=0)
    misspelt_town_ratio: float = Field(default=1.0, gt=0, le=1)
    place_words: dict[str, str] = {}
    school_suffixes: SchoolSuffixes
    school_aliases: dict[str, tuple[str, ...]] = {}
    generic_name_words: tuple[str, ...]
    not_alone: tuple[str, ...] = ()
    type_words: dict[str, tuple[str, ...]] = {}
    college_words: dict[str, str] = {}
    college_aliases: dict[str, tuple[str, ...]] = {}
    asks: str
    asks_schools: str

    @field_validator("asks", "asks_schools", "near_me", "nearest", "refers_back")
    @classmethod
    def _pattern(cls, value: str) -> str:
        try:
            re.compile(value)
        except re.error as exc:
            raise ValueError(f"bad regular expression: {exc}") from None
        return value


class Offerings(BaseModel):
    model_config = ConfigDict(extra="forbid", frozen=True)

    state_lists: dict[str, StateList]
    row_text: dict[str, tuple[str, ...]]
    caveat: str
    none_found: str
    which_town: str = ""
    reading: Reading

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
        if _names(value) - {"dated"}:
            raise ValueError("may name only {dated}")
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


def how_recent(rows: list[dict]) -> str:
    """"newest page dated 2024-04-03", or when the pages are undated, when they were read."""
    dates = [r["as_of"] for r in rows if r.get("as_of")]
    if dates:
        return f"newest page dated {max(dates, key=lambda d: d.removeprefix('c.'))}"
    read = [r["retrieved"] for r in rows if r.get("retrieved")]
    return f"pages undated, read {max(read)}" if read else "undated"


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
