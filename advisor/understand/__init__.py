"""Understanding a message: intent, pathways named, facts stated, interests."""

from __future__ import annotations

from dataclasses import dataclass, field
from pathlib import Path

from advisor.catalog import find_pathways, load_pathways
from advisor.catalog.sectors import load_sectors, match_interests
from advisor.stated import StatedFacts
from advisor.understand.facts import extract_facts
from advisor.understand.intent import detect_intent


@dataclass
class Understanding:
    intent: str
    pathways: list[str]
    facts: StatedFacts
    unspecified_hours: float | None = None
    sectors: list[str] = field(default_factory=list)
    interest_words: list[str] = field(default_factory=list)


def understand(message: str, catalog_dir: Path) -> Understanding:
    facts, loose_hours = extract_facts(message)
    pathways = find_pathways(message, load_pathways(catalog_dir))
    matches = match_interests(message, load_sectors(catalog_dir))
    has_facts = not facts.is_empty() or loose_hours is not None
    intent = detect_intent(message, has_facts, bool(pathways))
    return Understanding(intent=intent, pathways=pathways, facts=facts,
                         unspecified_hours=loose_hours, sectors=[s for s, _ in matches],
                         interest_words=[w for _, ws in matches for w in ws])
