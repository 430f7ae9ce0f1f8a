"""Two or more pathway types side by side, every cell cited from the catalog."""

from __future__ import annotations

from functools import lru_cache
from pathlib import Path

import yaml

from advisor.answers import answers
from advisor.answers.blocks import Lead, Line, Table
from advisor.answers.common import cite


@lru_cache(maxsize=4)
def _rows(folder: Path) -> tuple[tuple[str, str], ...]:
    data = yaml.safe_load((folder / "compare.yaml").read_text("utf-8"))
    return tuple((r["fact"], r["label"]) for r in data["rows"])


@answers("compare")
def compare(question, knowledge) -> list:
    cat = knowledge.catalog
    specs = [cat.types[p] for p in question.pathways[:4]]
    lead = " ".join(
        f"{s.name}: {s.facts['purpose'].text}" if "purpose" in s.facts else f"{s.name}."
        for s in specs)
    cites = tuple(cite(s.facts["purpose"]) for s in specs if "purpose" in s.facts)
    rows = []
    for key, label in _rows(cat.folder):
        if key == "purpose":
            continue
        cells = [Line(label)]
        for s in specs:
            fact = s.facts.get(key)
            cells.append(Line(fact.text, (cite(fact),)) if fact else
                         Line("Not stated in the guidance I have."))
        rows.append(cells)
    return [Lead(lead, cites), Table(["", *[s.name for s in specs]], rows)]
