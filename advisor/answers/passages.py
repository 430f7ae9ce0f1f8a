"""The fallback: sentences quoted from the retrieved guidance, or an honest abstention."""

from __future__ import annotations

from advisor.answers import answers
from advisor.answers.blocks import Quotes, Retrieval
from advisor.answers.common import abstain, supporting_quotes


@answers("passages")
def passages(question, knowledge) -> list:
    found = knowledge.passages(question)
    if found.outage:
        return abstain(question, knowledge)
    context = " ".join(" ".join([knowledge.catalog.types[p].name,
                                 *knowledge.catalog.types[p].aliases])
                       for p in question.pathways)
    quotes = supporting_quotes(question, knowledge, limit=3, context=context)
    if not quotes:
        return abstain(question, knowledge)
    blocks: list = [Quotes(quotes)]
    if question.audience == "counselor":
        blocks.append(Retrieval(found.hits))
    return blocks
