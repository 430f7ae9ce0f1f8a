"""Two or more pathway types side by side, every cell cited from the catalog.

The lead is the row the question asks about ("on hours", "which suits me if I want to
work right after"), or what each pathway is when the question names no row.
"""

from __future__ import annotations

import re
from functools import lru_cache
from pathlib import Path

from pydantic import BaseModel, ConfigDict

from advisor.answers import answers
from advisor.answers.blocks import Lead, Line, Table
from advisor.answers.common import cite


class Row(BaseModel):
    model_config = ConfigDict(extra="forbid", frozen=True)

    fact: str
    label: str
    cues: str | None = None
    asked_only: bool = False

    def asked(self, text: str, fact_keys: set[str]) -> bool:
        return self.fact in fact_keys or bool(self.cues and re.search(self.cues, text))

    def asked_at(self, text: str) -> int:
        """Where the question asks about this row, so two rows lead in the order asked."""
        found = re.search(self.cues, text) if self.cues else None
        return found.start() if found else len(text)


@lru_cache(maxsize=4)
def _rows(folder: Path) -> tuple[Row, ...]:
    from advisor.catalog.language import _load

    return _load(folder / "compare.yaml", "rows", Row)


def _lead(row: Row, specs) -> Lead:
    parts, cites = [], []
    for s in specs:
        fact = s.facts.get(row.fact)
        if fact is None:
            parts.append(f"{s.name}: not stated in the guidance I have.")
            continue
        parts.append(f"{s.name}: {fact.text}")
        cites.append(cite(fact))
    return Lead(f"{row.label}. " + " ".join(parts), tuple(dict.fromkeys(cites)))


@answers("compare")
def compare(question, knowledge) -> list:
    cat = knowledge.catalog
    specs = [cat.types[p] for p in question.pathways[:4]]
    text = question.text.lower()
    keys = {cat.aspect(a).fact for a in question.aspects if cat.aspect(a).fact}
    rows = [r for r in _rows(cat.folder) if r.fact != "purpose"
            and (not r.asked_only or r.asked(text, keys))
            and any(r.fact in s.facts for s in specs)]
    asked = sorted((r for r in rows if r.asked(text, keys)), key=lambda r: r.asked_at(text))[:2]
    if asked:
        leads = [_lead(r, specs) for r in asked]
    else:
        leads = [Lead(" ".join(f"{s.name}: {s.facts['purpose'].text}" if "purpose" in s.facts
                               else f"{s.name}." for s in specs),
                      tuple(cite(s.facts["purpose"]) for s in specs if "purpose" in s.facts))]
    table = []
    for row in rows:
        cells = [Line(row.label)]
        for s in specs:
            fact = s.facts.get(row.fact)
            cells.append(Line(fact.text, (cite(fact),)) if fact else
                         Line("Not stated in the guidance I have."))
        table.append(cells)
    return [*leads, Table(["", *[s.name for s in specs]], table)]
