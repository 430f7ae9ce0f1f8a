"""Whether a rule allows something: "Yes", "No" or "The guidance does not say" first.

Never a verdict on a plan: numbers in the question are tried against the one
criterion they speak to, and only that criterion's status decides the word.
"""

from __future__ import annotations

from advisor.answers import answers
from advisor.answers.blocks import Lead, Quotes
from advisor.answers.common import (
    cite,
    criterion_for,
    question_share,
    quotes_block,
    supporting_quotes,
    who_to_ask,
)
from advisor.catalog.lookup import by_id
from advisor.rules import check

SPEAKS_TO = 0.5  # share of the question's rarer words the quotes must contain
WORD = {"met": "Yes", "unmet": "No", "unknown": "The guidance does not say"}


def _by_criterion(question, knowledge) -> Lead | None:
    cat = knowledge.catalog
    for pid in question.pathways[:2] or ():
        spec = cat.types[pid]
        for aid in question.aspects:
            c = criterion_for(cat, pid, aid)
            if c is None:
                continue
            if not question.hypothetical.is_empty():
                result = by_id(check(pid, question.hypothetical.to_plan(), cat.folder).criteria,
                               c.id, "criterion result")
                word = WORD[result.status]
                detail = f" ({result.detail})" if result.status != "unknown" else ""
                return Lead(f"{word}. {spec.name} asks for: {c.requirement}{detail}",
                            (cite(c),))
            return Lead(f"Yes. {spec.name} asks for: {c.requirement}", (cite(c),))
        named = [cat.aspect(a) for a in question.aspects
                 if cat.aspect(a).criteria and not cat.aspect(a).generic]
        if named:
            return Lead(f"No. The {spec.name} criteria in the guidance I have do not include "
                        f"{named[0].label}.",
                        tuple(cite(c) for c in spec.criteria[:1]))
    return None


@answers("rule_question")
def rule_question(question, knowledge) -> list:
    if question.ruling:
        r = knowledge.catalog.ruling(question.ruling)
        blocks: list = [Lead(f"{r.answer}. {r.text}", (cite(r),), abstains=r.silent),
                        Quotes([cite(r)])]
        if r.silent:
            blocks.append(Lead(f"Please ask {who_to_ask(knowledge.catalog, question.text)}."))
        return blocks
    lead = _by_criterion(question, knowledge)
    if lead is not None:
        return [lead, Quotes(list(lead.cites))]
    quotes = supporting_quotes(question, knowledge, limit=2)
    if quotes and question_share(question, knowledge, [c.quote for c in quotes]) >= SPEAKS_TO:
        # no rule decides it, but the guidance's own words speak to it: show them
        return [Lead("The guidance gives no yes-or-no rule for this; here is what it says."),
                Quotes(quotes)]
    return [Lead("The guidance does not say directly. Please ask "
                 f"{who_to_ask(knowledge.catalog, question.text)}.", abstains=True),
            *quotes_block(quotes, "The nearest the guidance comes:")]


