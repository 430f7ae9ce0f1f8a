"""Chapter 74 program areas as cited data: clusters, occupations, the words people use for
them, related ICP sectors and a RIASEC code, checked when the catalog loads."""

from __future__ import annotations

import re
from functools import lru_cache
from pathlib import Path
from typing import Literal

import yaml
from pydantic import BaseModel, ConfigDict, Field, ValidationError, field_validator

from advisor.catalog.lookup import by_id
from advisor.catalog.pathways import CatalogError
from advisor.catalog.yaml_text import read_yaml

RIASEC = "RIASEC"


class _Data(BaseModel):
    model_config = ConfigDict(extra="forbid", frozen=True)


class Cluster(_Data):
    id: str
    name: str


class Holland(_Data):
    """An occupation's interest code: letters of R, I, A, S, E, C, strongest first."""
    code: str = Field(min_length=1, max_length=3)
    occupation: str
    # "onet": O*NET OnLine's interest code for `soc`; "project": this project's judgement
    by: Literal["onet", "project"]
    soc: str | None = None
    url: str | None = None

    @field_validator("code")
    @classmethod
    def _letters(cls, value: str) -> str:
        if not value or any(c not in RIASEC for c in value) or len(set(value)) != len(value):
            raise ValueError(f"'{value}' is not a RIASEC code (distinct letters of {RIASEC})")
        return value


class Program(_Data):
    id: str = Field(pattern=r"^[a-z0-9-]+$")
    name: str
    cluster: str
    cip: str | None = None
    chapter74_only: bool = False
    sectors: tuple[str, ...] = ()
    occupations: tuple[str, ...]
    words: tuple[str, ...] = ()
    labels: tuple[str, ...] = ()  # other names school pages give the program
    riasec: Holland
    source: str
    quote: str
    only_text: str | None = None    # what chapter74_only means for this program
    only_source: str | None = None  # where it is stated
    only_quote: str | None = None


class Note(_Data):
    text: str
    source: str
    quote: str


class Programs(_Data):
    clusters: tuple[Cluster, ...]
    programs: tuple[Program, ...]
    notes: tuple[Note, ...] = ()
    credit: str  # the O*NET licence credit line

    def cluster(self, cid: str) -> Cluster:
        return by_id(self.clusters, cid, "cluster")

    def program(self, pid: str) -> Program:
        return by_id(self.programs, pid, "program")


def _problems(exc: ValidationError, data) -> str:
    out = []
    for e in exc.errors():
        loc = list(e["loc"])
        where = ""
        if len(loc) >= 2 and loc[0] in ("programs", "clusters", "notes") \
                and isinstance(loc[1], int):
            try:
                where = f"{data[loc[0]][loc[1]].get('id', f'entry {loc[1] + 1}')}: "
            except (KeyError, IndexError, AttributeError, TypeError):
                where = f"entry {loc[1] + 1}: "
            loc = loc[2:]
        out.append(f"{where}key '{'.'.join(map(str, loc)) or '?'}': {e['msg']}")
    return "; ".join(out)


@lru_cache(maxsize=4)
def load_programs(catalog_dir: Path, sector_ids: frozenset[str]) -> Programs:
    path = catalog_dir / "programs.yaml"
    if not path.exists():
        return Programs(clusters=(), programs=(), credit="")
    try:
        data = read_yaml(path.read_text("utf-8"))
        found = Programs.model_validate(data)
    except (OSError, yaml.YAMLError) as exc:
        raise CatalogError(f"{path}: {exc}") from None
    except ValidationError as exc:
        raise CatalogError(f"{path}: {_problems(exc, data)}") from None
    clusters = {c.id for c in found.clusters}
    seen: set[str] = set()
    for p in found.programs:
        if p.id in seen:
            raise CatalogError(f"{path}: {p.id}: key 'id': used twice")
        seen.add(p.id)
        if p.cluster not in clusters:
            raise CatalogError(f"{path}: {p.id}: key 'cluster': no cluster '{p.cluster}'")
        for s in p.sectors:
            if s not in sector_ids:
                raise CatalogError(f"{path}: {p.id}: key 'sectors': no sector '{s}'")
        if p.chapter74_only and not (p.only_quote and p.only_source and p.only_text):
            raise CatalogError(f"{path}: {p.id}: key 'only_quote': chapter74_only needs "
                               "only_text, only_source and only_quote (the sentence saying so)")
        if p.cip and not re.fullmatch(r"\d{2}-?\d{4,6}", p.cip):
            raise CatalogError(f"{path}: {p.id}: key 'cip': '{p.cip}' is not a CIP code")
    return found
