"""Every criterion of the pathways asked about, each with its source quote."""

from __future__ import annotations

from advisor.answers import answers
from advisor.answers.blocks import Bullets, Lead, Line
from advisor.answers.common import cite, note


def requirement_list(question, knowledge) -> list:
    cat = knowledge.catalog
    blocks: list = []
    for pid in question.pathways[:3]:
        spec = cat.types[pid]
        blocks.append(Lead(f"{spec.name} asks for {len(spec.criteria)} things"
                           + (f": {spec.summary}" if spec.summary else ":")))
        blocks.append(Bullets([Line(c.requirement, (cite(c),)) for c in spec.criteria]))
        blocks += [note(n) for n in spec.notes
                   if n.conflict or question.audience == "counselor"]
    return blocks


answers("requirements")(requirement_list)
