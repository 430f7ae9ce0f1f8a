"""What a term means, from the cited glossary; the guidance's own sentences otherwise."""

from __future__ import annotations

from advisor.answers import answers
from advisor.answers.blocks import Lead, Quotes
from advisor.answers.common import cite


@answers("definition")
def definition(question, knowledge) -> list:
    term = knowledge.catalog.term(question.term)
    return [Lead(f"{term.term}: {term.text}", (cite(term),)), Quotes([cite(term)])]
