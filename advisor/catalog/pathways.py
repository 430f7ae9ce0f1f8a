"""Loading pathway types and finding them by the names people use."""

from __future__ import annotations

import re
from functools import lru_cache
from pathlib import Path

import yaml
from pydantic import ValidationError

from advisor.catalog.matching import spaced
from advisor.catalog.models import PathwayType

PATHWAY_IDS = ("cte", "career-connections", "icp", "early-college", "masscore")


class CatalogError(ValueError):
    """A catalog file that cannot be used; the message names file and field."""


@lru_cache(maxsize=4)
def load_pathways(catalog_dir: Path) -> dict[str, PathwayType]:
    out: dict[str, PathwayType] = {}
    for path in sorted((catalog_dir / "pathways").glob("*.yaml")):
        try:
            pathway = PathwayType.model_validate(yaml.safe_load(path.read_text("utf-8")))
        except (yaml.YAMLError, ValidationError) as exc:
            raise CatalogError(f"{path}: {exc}") from None
        out[pathway.id] = pathway
    missing = set(PATHWAY_IDS) - set(out)
    if missing:
        raise CatalogError(f"{catalog_dir / 'pathways'}: missing {', '.join(sorted(missing))}")
    return out


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
