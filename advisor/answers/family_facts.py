"""What a family asks: cost, college credit, hours, for the pathways named."""

from __future__ import annotations

import re

from advisor.answers import answers
from advisor.answers.blocks import Bullets, Lead, Line
from advisor.answers.common import cite

FAMILY = ("cost", "college_credits", "hours")
_CREDIT = r"\bcredits?\b"


@answers("family_facts")
def family_facts(question, knowledge) -> list:
    cat = knowledge.catalog
    keys = [cat.aspect(a).fact for a in question.aspects if cat.aspect(a).fact in FAMILY]
    if re.search(_CREDIT, question.text.lower()) and "college_credits" not in keys:
        keys.append("college_credits")
    keys = list(dict.fromkeys(keys)) or ["cost", "college_credits"]
    lines = []
    for pid in question.pathways[:3]:
        spec = cat.types[pid]
        for key in keys:
            fact = spec.facts.get(key)
            label = key.replace("_", " ").capitalize()
            lines.append(Line(f"{spec.name}, {label.lower()}: {fact.text}", (cite(fact),))
                         if fact else
                         Line(f"{spec.name}, {label.lower()}: the guidance I have does not "
                              "say."))
    if not lines:
        return []
    if question.ruling:  # "is it free?": the yes or no first, then the facts
        r = cat.ruling(question.ruling)
        return [Lead(f"{r.answer}. {r.text}", (cite(r),)), Bullets(lines)]
    blocks: list = [Lead(lines[0].text, lines[0].cites)]
    if lines[1:]:
        blocks.append(Bullets(lines[1:]))
    return blocks
