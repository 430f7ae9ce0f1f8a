"""Massachusetts' 351 cities and towns (knowledge/catalog/towns.yaml): county and a point each,
so "near Lowell" can reach the towns around it. Villages and other spellings map to their
municipality."""

from __future__ import annotations

import math
from functools import lru_cache
from pathlib import Path

from pydantic import BaseModel, ConfigDict, Field, PrivateAttr

from advisor.catalog.language import load_document

_MILES_PER_KM = 0.621371


class Town(BaseModel):
    model_config = ConfigDict(extra="forbid", frozen=True)

    name: str
    county: str
    lat: float | None = Field(None, ge=41, le=43.2)
    lon: float | None = Field(None, ge=-73.6, le=-69.8)


class Towns(BaseModel):
    model_config = ConfigDict(extra="forbid", frozen=True)

    source: str
    url: str
    retrieved: str
    note: str
    count: int
    towns: tuple[Town, ...]
    villages: dict[str, str] = {}
    aliases: dict[str, str] = {}
    _by_name: dict[str, Town] = PrivateAttr(default_factory=dict)

    def model_post_init(self, _context) -> None:
        names = {t.name for t in self.towns}
        for kind, table in (("villages", self.villages), ("aliases", self.aliases)):
            for word, town in table.items():
                if town not in names:
                    raise ValueError(f"{kind}: {word}: {town!r} is not a town in the list")
        self._by_name = {t.name.lower(): t for t in self.towns}

    @property
    def by_name(self) -> dict[str, Town]:
        return self._by_name

    def municipality(self, name: str) -> str | None:
        """The city or town a place name means: "hyannis" is Barnstable."""
        low = name.strip().lower()
        for table in (self.villages, self.aliases):
            for word, town in table.items():
                if word.lower() == low:
                    return town
        town = self.by_name.get(low)
        return town.name if town else None

    def near(self, name: str, miles: float) -> list[tuple[str, float]]:
        """Towns within `miles` of a town, nearest first, with their distance; the same
        county when the list gives no points."""
        home = self.by_name.get((self.municipality(name) or "").lower())
        if home is None:
            return []
        if home.lat is None or home.lon is None:
            return [(t.name, 0.0) for t in self.towns if t.county == home.county]
        out = [(t.name, _miles(home, t)) for t in self.towns if t.lat is not None]
        return sorted(((n, d) for n, d in out if d <= miles), key=lambda x: x[1])


def _miles(a: Town, b: Town) -> float:
    la1, lo1, la2, lo2 = map(math.radians, (a.lat, a.lon, b.lat, b.lon))
    h = math.sin((la2 - la1) / 2) ** 2 + math.cos(la1) * math.cos(la2) * math.sin(
        (lo2 - lo1) / 2) ** 2
    return 2 * 6371.0 * math.asin(math.sqrt(h)) * _MILES_PER_KM


@lru_cache(maxsize=4)
def load_towns(catalog_dir: Path) -> Towns | None:
    path = catalog_dir / "towns.yaml"
    return load_document(path, Towns) if path.exists() else None
