"""Lists the catalog holds: named lists (lists.yaml), the sectors, a pathway's criteria,
the pathway types."""

from __future__ import annotations

import re

from advisor.answers import answers
from advisor.answers.blocks import Bullets, Cite, Lead, Line
from advisor.answers.common import cite
from advisor.answers.passages import passages
from advisor.answers.requirements import requirement_list
from advisor.understand.numbers import in_words


@answers("list")
def listing(question, knowledge) -> list:
    cat = knowledge.catalog
    t = question.text.lower()
    named = next((n for n in cat.lists if n.asked(t)), None)
    if named:
        return [Lead(f"{named.title}: " + ", ".join(i.name for i in named.items) + ".",
                     (cite(named),)),
                Bullets([Line(f"{i.name}: {i.text}", (cite(i),)) for i in named.items])]
    if re.search(r"\bsectors?\b|\bindustr", t):
        sectors = list(cat.sectors.values())
        count = in_words(len(sectors))
        return [Lead(f"Innovation Career Pathways are designated in {count} industry sectors: "
                     + ", ".join(s.name for s in sectors) + ".",
                     (Cite(*cat.sector_ref),)),
                Bullets([Line(f"{s.name}: {s.description}") for s in sectors])]
    if re.search(r"\bcriteri", t) and question.pathways:
        return requirement_list(question, knowledge)
    if re.search(r"\b(?:types|kinds) of pathways|pathway types", t):
        specs = [s for s in cat.types.values() if s.id != "masscore"]
        return [Lead(f"The guidance describes {len(specs)} kinds of pathway: "
                     + ", ".join(s.name for s in specs) + "."),
                Bullets([Line(f"{s.name}: {s.facts['purpose'].text}",
                              (cite(s.facts["purpose"]),)) if "purpose" in s.facts
                         else Line(f"{s.name}: {s.description}") for s in specs])]
    return passages(question, knowledge)
