"""Everything in knowledge/catalog/, loaded and checked once per folder."""

from __future__ import annotations

from dataclasses import dataclass
from datetime import date
from functools import lru_cache
from pathlib import Path

from advisor.catalog.districts import DistrictCatalog, load_districts
from advisor.catalog.glossary import Term, load_glossary
from advisor.catalog.handoff import HandoffWords, load_handoff_words
from advisor.catalog.language import (
    Aspect,
    Kind,
    Phrases,
    load_aspects,
    load_kinds,
    load_phrases,
)
from advisor.catalog.lists import NamedList, load_lists
from advisor.catalog.lookup import by_id
from advisor.catalog.models import PathwayType
from advisor.catalog.offerings import Offerings, load_offerings
from advisor.catalog.pathways import load_pathways
from advisor.catalog.plan_facts import PlanFacts, load_plan_facts
from advisor.catalog.programs import Programs, load_programs
from advisor.catalog.quiz import Quiz, load_quiz
from advisor.catalog.rulings import Ruling, load_rulings
from advisor.catalog.sectors import Sector, load_sectors, sectors_citation
from advisor.catalog.towns import Towns, load_towns


@dataclass(frozen=True)
class Catalog:
    folder: Path
    types: dict[str, PathwayType]
    sectors: dict[str, Sector]
    sector_ref: tuple[str, str]
    districts: DistrictCatalog
    kinds: tuple[Kind, ...]
    aspects: tuple[Aspect, ...]
    phrases: Phrases
    glossary: tuple[Term, ...]
    rulings: tuple[Ruling, ...]
    lists: tuple[NamedList, ...] = ()
    programs: Programs | None = None
    quiz: Quiz | None = None
    handoff: HandoffWords | None = None  # the counselor note's wording
    plan_facts: PlanFacts | None = None  # plan-facts.yaml: every fact a plan can hold
    offerings: Offerings | None = None  # offerings.yaml: how catalog rows are told
    towns: Towns | None = None  # towns.yaml: Massachusetts towns, for "near"

    # Each raises NotInCatalog (a KeyError) for an id that names nothing.
    def aspect(self, aid: str) -> Aspect:
        return by_id(self.aspects, aid, "aspect")

    def term(self, tid: str) -> Term:
        return by_id(self.glossary, tid, "glossary term")

    def ruling(self, rid: str) -> Ruling:
        return by_id(self.rulings, rid, "ruling")


def _check_related(glossary: tuple[Term, ...], folder: Path) -> None:
    from advisor.catalog.language import CatalogError

    ids = {t.id for t in glossary}
    seen: set[str] = set()
    for t in glossary:
        if t.id in seen:
            raise CatalogError(f"{folder / 'glossary.yaml'}: {t.id}: key 'id': used twice")
        seen.add(t.id)
        for r in t.related:
            if r not in ids:
                raise CatalogError(f"{folder / 'glossary.yaml'}: {t.id}: key 'related': "
                                   f"no term with id '{r}'")


def _name(item) -> str:
    return getattr(item, "id", None) or getattr(item, "name", "?")


def _with_values(items: tuple, fields: tuple[str, ...], path: Path, day: date) -> tuple:
    """Glossary and ruling sentences that state a threshold name it ("{icp.wbl.min}-hour")
    rather than repeat it, so they follow the rule when it changes."""
    from advisor.catalog.in_force import value_table
    from advisor.catalog.language import CatalogError
    from advisor.catalog.pathways import load_declared
    from advisor.catalog.templates import names, render

    table = value_table(load_declared(path.parent), day, path.parent)
    out = []
    for item in items:
        for field in fields:
            try:
                unknown = [n for n in names(getattr(item, field)) if n not in table]
            except ValueError as exc:
                raise CatalogError(f"{path}: {_name(item)}: key '{field}': {exc}") from None
            if unknown:
                raise CatalogError(f"{path}: {_name(item)}: key '{field}': {{{unknown[0]}}} names "
                                   "no criterion value (write it as {criterion-id.key})")
        out.append(item.model_copy(update={f: render(getattr(item, f), table) for f in fields}))
    return tuple(out)


def load_catalog(folder: Path) -> Catalog:
    """The catalog as it stands today: a server left running past the day a rule changes
    answers by the new rule (each day's catalog is built once). An edited district CSV is
    read again: a counselor's new rows show without a restart."""
    return _catalog(folder, date.today(), _districts_stamp(folder / "districts"))


def _districts_stamp(folder: Path) -> tuple:
    """When and how big each district CSV is: a change makes a new catalog."""
    try:
        return tuple(sorted((p.name, p.stat().st_mtime_ns, p.stat().st_size)
                            for p in folder.glob("*.csv")))
    except OSError:
        return ()


@lru_cache(maxsize=4)
def _catalog(folder: Path, day: date, districts: tuple = ()) -> Catalog:
    sectors = load_sectors(folder)
    glossary = _with_values(load_glossary(folder), ("term", "text"), folder / "glossary.yaml",
                            day)
    _check_related(glossary, folder)
    districts = load_districts(folder / "districts", set(sectors))
    offerings = load_offerings(folder)
    return Catalog(folder=folder, types=load_pathways(folder, day), sectors=sectors,
                   sector_ref=sectors_citation(folder),
                   districts=districts,
                   kinds=load_kinds(folder), aspects=load_aspects(folder),
                   phrases=load_phrases(folder), glossary=glossary,
                   rulings=_with_values(load_rulings(folder), ("text",),
                                           folder / "rulings.yaml", day), lists=tuple(
                       named.model_copy(update={"items": _with_values(
                           named.items, ("text",), folder / "lists.yaml", day)})
                       for named in load_lists(folder)),
                   programs=load_programs(folder, frozenset(sectors)),
                   quiz=load_quiz(folder), handoff=load_handoff_words(folder),
                   plan_facts=load_plan_facts(folder), offerings=offerings,
                   towns=load_towns(folder))
