"""A student's interests matched to sectors, with the district pathways in them."""

from __future__ import annotations

import re

from advisor.answers import answers
from advisor.answers.blocks import Bullets, Cite, Lead, Line
from advisor.answers.common import cite
from advisor.answers.passages import passages
from advisor.careers.result import NEXT_STEP, describe_row


def _row_line(row) -> Line:
    """A catalog row, cited by its file row and its public page when it has one."""
    cite = Cite(source=f"catalog/districts/{row.file}", quote=row.record,
                section=f"row {row.line}", url=row.source_url, as_of=row.as_of,
                retrieved=row.retrieved,
                title="Pathway catalog") if row.source_url and row.record else None
    return Line(describe_row(row), (cite,) if cite else ())


def _wanted(goals: str, text: str) -> bool:
    """A goal said, and not denied: "not go to college" wants no college."""
    return any(not re.search(r"\b(?:not|no|don't|doesn't|never|without|rather than|instead "
                             r"of)(?:\s+\w+){0,2}\s*$", text[:m.start()])
               for m in re.finditer(goals, text))


def _by_goals(question, knowledge) -> list:
    """No career named, but a goal ("a head start on college"): the pathways built for it."""
    text = question.text.lower()
    specs = [p for p in knowledge.catalog.types.values()
             if p.goals and "suits" in p.facts and _wanted(p.goals, text)]
    if not specs:
        return []
    return [Lead(" or ".join(p.name for p in specs) + " fits what you describe.",
                 tuple(cite(p.facts["suits"]) for p in specs)),
            Bullets([Line(f"{p.name}: {p.facts['suits'].text}", (cite(p.facts["suits"]),))
                     for p in specs])]


def _by_programs(question, knowledge) -> list:
    """Chapter 74 programs for the student's words, each with why, its cluster and sectors."""
    if question.named:  # "is Early College a good fit for my son?" asks about that pathway
        return []
    found = knowledge.careers(question.text) if knowledge.careers else None
    if found is None or not found.programs:
        return []
    top = found.programs[0]
    names = " or ".join(m.program.name for m in found.programs[:2])
    blocks: list = [Lead(f"{names} fits what you said.", (cite(top.program),))]
    lines = []
    for m in found.programs:
        p = m.program
        facts = [f"{m.cluster} cluster"]
        facts.append("Chapter 74 only" if p.chapter74_only else "a Chapter 74 program")
        sectors = [knowledge.catalog.sectors[s].name for s in p.sectors]
        facts.append("related Innovation Career Pathways sector: " + ", ".join(sectors)
                     if sectors else "no related Innovation Career Pathways sector")
        lines.append(Line(f"{p.name} ({'; '.join(facts)}). {m.why}", (cite(p),)))
    blocks.append(Bullets(lines))
    if found.district_pathways:
        blocks.append(Bullets([_row_line(r) for r in found.district_pathways[:5]],
                              "Pathways in the district catalog:"))
    blocks.append(Lead(NEXT_STEP))
    return blocks


@answers("fit")
def fit(question, knowledge) -> list:
    by_program = _by_programs(question, knowledge)
    if by_program:
        return by_program
    cat = knowledge.catalog
    sectors = [cat.sectors[s] for s in question.sectors[:3]]
    if not sectors:
        return _by_goals(question, knowledge) or passages(question, knowledge)
    words = ", ".join(dict.fromkeys(question.interest_words))
    blocks: list = [
        Lead("These Innovation Career Pathways sectors match what you said ("
             f"{words}): " + ", ".join(s.name for s in sectors) + ".", (Cite(*cat.sector_ref),)),
        Bullets([Line(f"{s.name}: {s.description} Jobs like {', '.join(s.occupations[:3])}.")
                 for s in sectors])]
    rows = [r for r in cat.districts.pathways if r.sector in {s.id for s in sectors}]
    if rows:
        blocks.append(Bullets([_row_line(r) for r in rows[:5]],
                              "Pathways in the district catalog:"))
    return blocks
