"""One answerer per question kind: `answer(question, knowledge) -> list[Block]`.

A module in this package registers itself with `@answers("kind")`; adding a kind is a
YAML entry in knowledge/catalog/questions.yaml plus one module here.
"""

from __future__ import annotations

import importlib
import pkgutil
from collections.abc import Callable

from advisor.answers.blocks import Block

ANSWERERS: dict[str, Callable] = {}
_HELPERS = {"blocks", "knowledge", "common"}


def answers(kind: str):
    def register(fn):
        ANSWERERS[kind] = fn
        return fn
    return register


def load_answerers() -> dict[str, Callable]:
    if not ANSWERERS:
        for info in pkgutil.iter_modules(__path__):
            if info.name not in _HELPERS:
                importlib.import_module(f"{__name__}.{info.name}")
    return ANSWERERS


# Kinds that answer from the student's own facts or interests, where a thing asked for
# (a date, a wage) is not the answer's subject.
_UNCHECKED = {"plan_check", "fit"}
_FROM_SEARCH = {"passages", "definition"}
# A sentence holding the thing asked for (a figure, a date) must also share this much of the
# question's rarer words, or it is a figure about something else.
EVIDENCE_COVERAGE = 0.3  # measured on four cases only (eval/tuning.md)


def _quoted(blocks) -> list[str]:
    from advisor.answers.blocks import CheckBlock, Lead, Line, Quotes

    out = []
    for b in blocks:
        if isinstance(b, Quotes):
            out += [c.quote for c in b.items]
        elif isinstance(b, Lead):
            out += [b.text] + [c.quote for c in b.cites]
        elif isinstance(b, CheckBlock):
            out += [c.source.quote for c in b.check.criteria]
        for line in getattr(b, "items", []):
            if isinstance(line, Line):
                out += [line.text] + [c.quote for c in line.cites]
    return out


def _about(question, knowledge, texts: list[str]) -> list[str]:
    """The texts that can hold the thing asked for: when the question names sectors, only
    those naming one (a count of all pathways is not the count of one sector's)."""
    import re

    if not question.sectors:
        return texts
    names = [n for s in question.sectors for n in (knowledge.catalog.sectors[s].name,
                                                   *knowledge.catalog.sectors[s].keywords)]
    return [t for t in texts if any(re.search(rf"\b{re.escape(n)}", t, re.I) for n in names)]


def answer(question, knowledge) -> list[Block]:
    """The kind's answer, or an abstention when a thing asked for is not in what it quotes."""
    import re

    from advisor.answers.common import (
        abstain,
        pathway_names,
        question_share,
        quotes_block,
        supporting_quotes,
    )
    from advisor.answers.knowledge import unknown_words

    # Only where the answer would come from search alone: a catalog answer (a criterion, a
    # fact) does not hang on the words of the name.
    if question.asked_name and question.kind in _FROM_SEARCH \
            and knowledge.search and unknown_words(knowledge.catalog,
                                                   knowledge.passages(question),
                                                   question.asked_name):
        return abstain(question, knowledge, f"anything about “{question.asked_name}”")
    registry = load_answerers()
    blocks = registry.get(question.kind, registry["passages"])(question, knowledge)
    kind = next((k for k in knowledge.catalog.kinds if k.id == question.kind), None)
    if kind and kind.quotes and blocks and knowledge.search:
        context = pathway_names(knowledge.catalog, question)
        blocks += quotes_block(supporting_quotes(question, knowledge, limit=kind.quotes,
                                                 skip=set(_quoted(blocks)), context=context,
                                                 own_words=True),
                               "From the guidance:")
    if question.wants and question.kind not in _UNCHECKED:
        for want in knowledge.catalog.phrases.wants:
            if want.id not in question.wants or any(
                    re.search(want.evidence, q, re.I) for q in _about(question, knowledge,
                                                                       _quoted(blocks))):
                continue
            # before saying the guidance lacks it, look for it in the guidance's own words
            if question.place and knowledge.search and unknown_words(
                    knowledge.catalog, knowledge.passages(question), question.place):
                return abstain(question, knowledge, f"{want.label} for {question.place}")
            found = [c for c in supporting_quotes(question, knowledge, limit=3,
                                                  skip=set(_quoted(blocks)))
                     if re.search(want.evidence, c.quote, re.I)
                     and _about(question, knowledge, [c.quote])
                     and question_share(question, knowledge, [c.quote]) >= EVIDENCE_COVERAGE] \
                if knowledge.search else []
            if not found:
                return abstain(question, knowledge, want.label)
            blocks += quotes_block(found[:2], "From the guidance:")
    return blocks or abstain(question, knowledge)
