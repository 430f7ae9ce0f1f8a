"""What a term means, from the cited glossary; the guidance's own sentences otherwise."""

from __future__ import annotations

from advisor.answers import answers
from advisor.answers.blocks import Lead, Quotes
from advisor.answers.common import cite


@answers("definition")
def definition(question, knowledge) -> list:
    cat = knowledge.catalog
    term = cat.term(question.term)
    terms = [term, *(cat.term(r) for r in term.related)]
    return [*(Lead(f"{t.term}: {t.text}", (cite(t),)) for t in terms),
            Quotes([cite(t) for t in terms])]
