"""A student's interests matched to sectors, with the district pathways in them."""

from __future__ import annotations

from advisor.answers import answers
from advisor.answers.blocks import Bullets, Cite, Lead, Line
from advisor.answers.passages import passages


def _row_line(row) -> Line:
    label = " (SAMPLE DATA, a fictional district)" if row.sample else ""
    return Line(f"{row.pathway_name} ({row.type}) at {row.school}, {row.district}{label}")


@answers("fit")
def fit(question, knowledge) -> list:
    cat = knowledge.catalog
    sectors = [cat.sectors[s] for s in question.sectors[:3]]
    if not sectors:
        return passages(question, knowledge)
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
