"""Innovation Career Pathways sectors, and matching a student's interests to them."""

from __future__ import annotations

import re
from functools import lru_cache
from pathlib import Path

from pydantic import BaseModel

from advisor.catalog.yaml_text import read_yaml


class Sector(BaseModel):
    id: str
    name: str
    description: str
    keywords: list[str]
    occupations: list[str]
    labels: list[str] = []


@lru_cache(maxsize=4)
def _sectors_file(catalog_dir: Path) -> dict:
    return read_yaml((catalog_dir / "sectors.yaml").read_text("utf-8"))


def load_sectors(catalog_dir: Path) -> dict[str, Sector]:
    return {s["id"]: Sector.model_validate(s) for s in _sectors_file(catalog_dir)["sectors"]}


def sectors_citation(catalog_dir: Path) -> tuple[str, str]:
    """(source id, quote) for the list of sectors itself."""
    data = _sectors_file(catalog_dir)
    return data["source"], data["quote"]


def match_interests(text: str, sectors: dict[str, Sector]) -> list[tuple[str, list[str]]]:
    """Sectors whose keywords appear in `text`, best first, with the words that matched."""
    plain = " " + re.sub(r"[^A-Za-z0-9]+", " ", text) + " "
    hay = plain.lower()
    scored = []
    for sid, sector in sectors.items():
        # A keyword written with capitals ("IT") matches only as written, not the pronoun.
        hits = [k for k in sector.keywords
                if re.search(r"\b" + re.escape(k.lower() if k.islower() else k) + r"s?\b",
                             hay if k.islower() else plain)]
        if hits:
            scored.append((sid, hits))
    return sorted(scored, key=lambda s: -len(s[1]))
