"""Yes/no rulings: general questions about the rules, each decided by a cited sentence."""

from __future__ import annotations

from functools import lru_cache
from pathlib import Path
from typing import Literal

from pydantic import BaseModel, ConfigDict

from advisor.catalog.language import _load
from advisor.catalog.matching import spaced


class Ruling(BaseModel):
    model_config = ConfigDict(extra="forbid", frozen=True)

    id: str
    pathways: tuple[str, ...] = ()
    cues: tuple[tuple[str, ...], ...]
    answer: Literal["Yes", "No", "The guidance does not say"]
    # a silent ruling that also answers an open question ("how long must a job shadow be
    # for Career Connections?"), not only a yes/no one
    open_questions: bool = False
    text: str
    source: str
    quote: str

    @property
    def silent(self) -> bool:
        """The guidance does not decide it: the answer says so and who to ask."""
        return self.answer == "The guidance does not say"

    def score(self, text: str, pathways: tuple[str, ...]) -> int:
        """How many words the match used, or 0 when a cue group is not met."""
        if self.pathways and pathways and not set(pathways) & set(self.pathways):
            return 0
        hay = spaced(text)
        used = 0
        for group in self.cues:
            hits = [c for c in group if " " + spaced(c).strip() in hay]
            if not hits:
                return 0
            used += max(len(h) for h in hits)
        return used + (5 if set(pathways) & set(self.pathways) else 0)


@lru_cache(maxsize=4)
def load_rulings(catalog_dir: Path) -> tuple[Ruling, ...]:
    path = catalog_dir / "rulings.yaml"
    return _load(path, "rulings", Ruling) if path.exists() else ()


def find_ruling(text: str, pathways: tuple[str, ...], rulings) -> Ruling | None:
    scored = [(r.score(text, pathways), i, r) for i, r in enumerate(rulings)]
    scored = [s for s in scored if s[0] > 0]
    return max(scored, key=lambda s: (s[0], -s[1]))[2] if scored else None
