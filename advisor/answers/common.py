"""Small pieces several answerers share: citing catalog entries, finding criteria."""

from __future__ import annotations

from advisor.answers.blocks import Abstain, Cite, Note, Quotes
from advisor.passages.support import best_sentences


def cite(item) -> Cite:
    """A catalog entry's (source, quote) as a citation."""
    return Cite(item.source, item.quote)


def note(item) -> Note:
    """A catalog note as a block, a conflict's competing values each with its citation."""
    return Note(item.text, cite(item), tuple((c.value, cite(c)) for c in item.conflict))


def criteria_for(catalog, pathway: str, aspect_id: str) -> list:
    """The pathway's criteria that state the aspect, in the aspect's order."""
    spec = catalog.types[pathway]
    return [c for cid in catalog.aspect(aspect_id).criteria for c in spec.criteria
            if c.id == cid]


def criterion_for(catalog, pathway: str, aspect_id: str):
    """The pathway's first criterion that states the aspect, or None."""
    return next(iter(criteria_for(catalog, pathway, aspect_id)), None)


def pathway_names(catalog, question) -> str:
    """The names of the pathways asked about: words that found the passages already."""
    return " ".join(n for p in question.pathways
                    for n in (catalog.types[p].name, *catalog.types[p].aliases))


def question_share(question, knowledge, quotes: list[str]) -> float:
    """How much of the question's rarer words the quoted sentences contain, the pathway
    names (which found the passages already) left out."""
    from advisor.passages.support import coverage

    return coverage(question.text, quotes, knowledge.passages(question).idf,
                    pathway_names(knowledge.catalog, question),
                    knowledge.catalog.phrases.quoting.same_sense)


def who_to_ask(catalog, text: str) -> str:
    return catalog.phrases.who_to_ask(text)


def covers(passages, limit: int = 3) -> list[str]:
    """What the nearest guidance is about: section and document names of the top passages."""
    sections: dict[str, list[str]] = {}
    for h in passages.hits:
        if len(sections) == limit and h.title not in sections:
            continue
        names = sections.setdefault(h.title, [])
        if h.section and h.section != h.title and h.section not in names and len(names) < 3:
            names.append(h.section)
    return [f"{title} ({', '.join(names)})" if names else title
            for title, names in sections.items()]


def abstain(question, knowledge, what: str | None = None) -> list:
    passages = knowledge.passages(question) if knowledge.search else None
    reason = (f"The guidance I have does not give {what}, so I won't guess." if what else
              "I can't find this in the guidance I have, so I won't guess.")
    return [Abstain(reason=reason, covers=covers(passages) if passages and what else [],
                    ask=who_to_ask(knowledge.catalog, question.text))]


def supporting_quotes(question, knowledge, limit: int = 3, strict: bool = True,
                      skip: set[str] | None = None, context: str = "",
                      own_words: bool = False) -> list[Cite]:
    """Verbatim sentences from the retrieved passages that answer the question."""
    passages = knowledge.passages(question)
    if not passages.supported:
        return []
    from advisor.answers.knowledge import related_names

    query = " ".join([question.text, *related_names(knowledge.catalog, question)])
    picked = best_sentences(query, passages.hits, limit=limit, skip=skip,
                            idf=passages.idf, context=context, strict=strict,
                            quoting=knowledge.catalog.phrases.quoting,
                            query_vector=passages.query_vector,
                            sentence_vectors=passages.sentence_vectors,
                            meaning_weight=getattr(knowledge.settings, "meaning_weight", 0.0),
                            own_words=own_words)
    return [Cite(h.source, s, page=h.page, section=h.section, url=h.url, title=h.title)
            for h, s in picked]


def quotes_block(cites: list[Cite], title: str | None = None) -> list:
    return [Quotes(cites, title)] if cites else []

