"""Only the criterion or fact asked about; plainly "sets no minimum" when there is none."""

from __future__ import annotations

import re

from advisor.answers import answers
from advisor.answers.blocks import Bullets, Lead, Line, Note, Quotes
from advisor.answers.common import cite, criteria_for, note, who_to_ask

_AMOUNT = r"\b(?:how many|how much|how long|minimum|min|at least|number of|amount)\b"


def detail_lines(question, knowledge) -> tuple[list[Line], list[Note]]:
    cat = knowledge.catalog
    lines: list[Line] = []
    notes: list[Note] = []
    amount = bool(re.search(_AMOUNT, question.text.lower()))
    for pid in question.pathways[:3]:
        spec = cat.types[pid]
        for aid in question.aspects[:3]:
            aspect = cat.aspect(aid)
            found = criteria_for(cat, pid, aid)
            c = found[0] if found else None
            fact = spec.facts.get(aspect.fact) if aspect.fact else None
            if len(found) > 1:  # several criteria (MassCore's subjects): the summary, then each
                if fact is not None:
                    lines.append(Line(f"{spec.name}: {fact.text}", (cite(fact),)))
                lines += [Line(f"{spec.name}: {x.requirement}", (cite(x),)) for x in found]
            elif c is not None:
                if amount and aspect.quantity and "min" not in c.rule.values():
                    lines.append(Line(f"{spec.name} sets no minimum number of "
                                      f"{aspect.quantity}: it asks for "
                                      f"{c.requirement[0].lower()}{c.requirement[1:]}",
                                      (cite(c),)))
                else:
                    lines.append(Line(f"{spec.name}: {c.requirement}", (cite(c),)))
            elif fact is not None:
                lines.append(Line(f"{spec.name}: {fact.text}", (cite(fact),)))
            else:
                lines.append(Line(f"{spec.name}: the guidance I have sets no requirement for "
                                  f"{aspect.label}."))
            words = [w for w in aspect.words if len(w) > 3]
            notes += [note(n) for n in spec.notes
                      if any(w in n.text.lower() for w in words)
                      and all(n.text != x.text for x in notes)]
    return lines, notes


@answers("requirement_detail")
def requirement_detail(question, knowledge) -> list:
    lines, notes = detail_lines(question, knowledge)
    silent = knowledge.catalog.ruling(question.ruling) if question.ruling else None
    if silent is not None and silent.silent:
        # the detail is one the guidance does not decide ("how long must a job shadow be"):
        # say so first, then what the criteria do say
        return [Lead(f"{silent.answer}. {silent.text}", (cite(silent),), abstains=True),
                Bullets(lines),
                Lead(f"Please ask {who_to_ask(knowledge.catalog, question.text)}."), *notes]
    if not any(line.cites for line in lines):  # no criterion or fact: the guidance's words
        from advisor.answers.passages import passages

        return passages(question, knowledge)
    blocks: list = [Lead(lines[0].text, lines[0].cites)]
    if lines[1:]:
        blocks.append(Bullets(lines[1:]))
    else:  # one criterion: its own words, verbatim
        blocks.append(Quotes(list(lines[0].cites)))
    return blocks + notes
