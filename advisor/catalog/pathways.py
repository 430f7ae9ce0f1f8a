"""Loading pathway types and finding them by the names people use."""

from __future__ import annotations

import re
from datetime import date
from functools import lru_cache
from pathlib import Path

import yaml
from pydantic import ValidationError

from advisor.catalog.checks import check_catalog
from advisor.catalog.in_force import catalog_on
from advisor.catalog.matching import spaced
from advisor.catalog.models import PathwayType
from advisor.catalog.rule_kinds import fields_of
from advisor.catalog.yaml_text import read_yaml

PATHWAY_IDS = ("cte", "career-connections", "icp", "early-college", "masscore")


class CatalogError(ValueError):
    """A catalog file that cannot be used; the message names file and field."""


# What an entry under each list or mapping of a pathway file is called in a message.
_ENTRY = {"criteria": "criterion", "facts": "fact", "notes": "note"}


def _where(loc: tuple, data) -> tuple[str, list]:
    """'criterion icp.wbl' and the key path left, for an error's location in a file."""
    loc = list(loc)
    if len(loc) >= 2 and loc[0] in _ENTRY:
        entry = loc[1]
        try:
            name = data[loc[0]][entry].get("id", entry) if isinstance(entry, int) else entry
        except (KeyError, IndexError, AttributeError, TypeError):
            name = entry
        if isinstance(name, int):
            name = f"{name + 1}"
        return f"{_ENTRY[loc[0]]} {name}: ", loc[2:]
    return "", loc


def _problems(exc: ValidationError, data) -> str:
    out = []
    for e in exc.errors(include_url=False):
        where, loc = _where(e["loc"], data)
        if loc[:1] == ["rule"] and len(loc) > 1 and loc[1] not in ("kind",):
            loc = [loc[0], *loc[2:]]  # pydantic adds the kind as a step: rule.wbl_hours.min
        msg = "unknown key" if e["type"] == "extra_forbidden" else \
            e["msg"].removeprefix("Value error, ")
        if e["type"] == "extra_forbidden" and loc[:1] == ["rule"] and len(e["loc"]) > 3:
            msg += f"; a {e['loc'][3]} rule takes {', '.join(fields_of(e['loc'][3]))}"
        out.append(f"{where}key '{'.'.join(map(str, loc)) or '?'}': {msg}")
    return "; ".join(out)


def _read(path: Path, catalog_dir: Path) -> PathwayType:
    try:
        data = read_yaml(path.read_text("utf-8"))
    except (OSError, UnicodeDecodeError, yaml.YAMLError) as exc:
        raise CatalogError(f"{path}: {exc}") from None
    try:
        return PathwayType.model_validate(data, context={"catalog_dir": catalog_dir})
    except ValidationError as exc:
        raise CatalogError(f"{path}: {_problems(exc, data)}") from None


@lru_cache(maxsize=4)
def load_declared(catalog_dir: Path) -> dict[str, PathwayType]:
    """Every pathway file as written (templated, dated), checked whole: one typo anywhere
    is refused by file, criterion and key."""
    from advisor.plan import plan_models

    plan_models(catalog_dir)  # rules name plan facts: a bad registry is reported as itself
    out: dict[str, PathwayType] = {}
    files: dict[str, Path] = {}
    for path in sorted((catalog_dir / "pathways").glob("*.yaml")):
        pathway = _read(path, catalog_dir)
        if pathway.id in out:
            raise CatalogError(f"{path}: key 'id': pathway {pathway.id!r} is also in "
                               f"{files[pathway.id]}")
        out[pathway.id], files[pathway.id] = pathway, path
    missing = set(PATHWAY_IDS) - set(out)
    if missing:
        raise CatalogError(f"{catalog_dir / 'pathways'}: missing {', '.join(sorted(missing))}")
    problem = check_catalog(out, catalog_dir)
    if problem:
        pid, message = problem
        raise CatalogError(f"{files[pid]}: {message}")
    return out


def open_courses(catalog_dir: Path | None = None) -> int:
    """How many courses a plan leaving its course count open must hold: the largest course
    minimum in the catalog (default the configured one), so that count stays unknown,
    never unmet, whatever the minimum is raised to."""
    from advisor.catalog.in_force import most_courses
    from advisor.catalog.plan_facts import configured_catalog

    return most_courses(load_declared(Path(catalog_dir or configured_catalog()).resolve()))


def load_pathways(catalog_dir: Path, on: date | None = None) -> dict[str, PathwayType]:
    """The pathways as they stand on `on` (default today): the criteria then in force."""
    return _on(catalog_dir, on or date.today())


@lru_cache(maxsize=32)
def _on(catalog_dir: Path, on: date) -> dict[str, PathwayType]:
    return catalog_on(load_declared(catalog_dir), on, catalog_dir)


def find_pathways(text: str, pathways: dict[str, PathwayType]) -> list[str]:
    """Pathway ids named in `text`, in order of first mention (longest alias wins)."""
    hay = spaced(text)
    found: dict[str, int] = {}
    for pid, p in pathways.items():
        for alias in sorted([p.name, *p.aliases], key=len, reverse=True):
            name = spaced(alias)
            at = hay.find(name)
            while at >= 0:
                # "a regular (not Chapter 74) high school", "not in a voc program"
                if not _NOT.search(hay[max(0, at - 25):at + 1]):
                    found[pid] = min(found.get(pid, at), at)
                at = hay.find(name, at + 1)
    return sorted(found, key=found.get)


_NOT = re.compile(r"\b(?:not|non|isn t|isnt|aren t|never)"
                  r"(?: (?:in|at|a|an|the|part of|doing|enrolled in))* $")
