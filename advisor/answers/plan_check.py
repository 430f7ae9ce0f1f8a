"""A plan stated in words, checked exactly against the pathways it speaks to."""

from __future__ import annotations

from advisor.answers import answers
from advisor.answers.blocks import CheckBlock
from advisor.answers.common import note
from advisor.rules import check


@answers("plan_check")
def plan_check(question, knowledge) -> list:
    cat = knowledge.catalog
    plan = question.facts.to_plan()
    blocks: list = []
    for pid in question.pathways[:2]:
        spec = cat.types[pid]
        blocks.append(CheckBlock(check(pid, plan, cat.folder), spec.name,
                                 table=question.audience == "counselor"))
        blocks += [note(n) for n in spec.notes
                   if n.conflict or question.audience == "counselor"]
    return blocks
