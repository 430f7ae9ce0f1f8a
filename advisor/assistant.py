"""The one API the CLI and UI share: `Advisor.reply(message, history, audience)`.

Data moves one way: understand (one `Question`) -> answers/<kind> (blocks, checking or
retrieving as the kind needs) -> render. The model and indexes load once per process;
a conversation's state is rebuilt from the history each turn, so the server keeps none.
"""

from __future__ import annotations

import logging
import re
import threading
import time
import uuid

from advisor.answers import answer
from advisor.answers.blocks import Abstain, CheckBlock, Lead, Note, Quotes
from advisor.answers.knowledge import Knowledge, Passages, search_text
from advisor.catalog.bundle import load_catalog
from advisor.config import Settings
from advisor.documents.dated import guidance_dates
from advisor.handoff import build_handoff
from advisor.render.markdown import render_markdown
from advisor.render.stale import stale_notices
from advisor.reply import Reply
from advisor.store import StoreUnavailable
from advisor.understand import understand, user_messages
from advisor.understand.domain import corpus_names, domain_terms, in_domain

AUDIENCES = ("student", "family", "counselor")
MAX_MESSAGE = 2000
# A second question in one message: "What is ICP? And how many hours?"
_PARTS = re.compile(r"(?<=\?)\s+(?=\S)")
# Whoever can help when the catalog itself cannot be read to say so.
_ANYONE = "your school counselor"
log = logging.getLogger(__name__)


class _OutOfTime(Exception):
    """The reply's time budget ran out at a checkpoint between its stages."""


class Advisor:
    def __init__(self, settings: Settings, searcher=None):
        self.settings = settings
        self.catalog_dir = settings.knowledge_dir / "catalog"
        load_catalog(self.catalog_dir)  # a malformed catalog stops here, before serving
        self._searcher = searcher
        self._matcher = None
        self._sources: tuple[str, dict, dict, frozenset] = ("", {}, {}, frozenset())

    @property
    def catalog(self):
        """Today's catalog, looked up per use: rules that change on a date take effect in a
        server that is already running."""
        return load_catalog(self.catalog_dir)

    @property
    def types(self):
        return self.catalog.types

    @property
    def sectors(self):
        return self.catalog.sectors

    @property
    def districts(self):
        return self.catalog.districts

    @property
    def searcher(self):
        if self._searcher is None:
            from advisor.retrieval import Searcher

            self._searcher = Searcher(self.settings)
        return self._searcher

    @property
    def matcher(self):
        """Career words to programs and sectors; the model loads on first use. It needs the
        embedding model only, never the index: `careers` works with no store to open."""
        if self._matcher is None:
            from advisor.careers.matcher import CareerMatcher
            from advisor.embedding import shared_embeddings

            def embed(texts):
                model = self._searcher.embeddings if self._searcher is not None else \
                    shared_embeddings(self.settings.model_dir)
                return model.encode(texts)

            self._matcher = CareerMatcher(self.catalog, embed,
                                          cache_dir=self.settings.db.parent / "careers")
        return self._matcher

    def careers(self, text: str, limit: int = 3):
        """`CareerMatch` for a student's own words (`python -m advisor careers`)."""
        return self.matcher.match(text[:MAX_MESSAGE], limit=limit)

    def _refresh_sources(self) -> None:
        """Titles, URLs and names of the indexed sources, read once per index version."""
        lexical = self.searcher.lexical()
        if self._sources[0] != lexical.version:
            titles, urls = {}, {}
            for meta in lexical.metas:
                titles.setdefault(meta["source"], meta.get("title") or meta["source"])
                if meta.get("url"):
                    urls.setdefault(meta["source"], meta["url"])
            self._sources = (lexical.version, titles, urls, corpus_names(lexical.texts))

    def source_info(self) -> tuple[dict[str, str], dict[str, str]]:
        self._refresh_sources()
        return self._sources[1], self._sources[2]

    def _evidence_bar(self, text: str, pathways) -> float:
        """Off-topic questions need stronger passages before an answer is given."""
        self._refresh_sources()
        if pathways or in_domain(text, domain_terms(self.catalog_dir), self._sources[3]):
            return self.settings.abstain_similarity
        return max(self.settings.abstain_similarity, self.settings.abstain_similarity_offtopic)

    def _search(self, question) -> Passages:
        query = search_text(self.catalog, question)
        try:
            vector = self.searcher.embeddings.embed_query(query)
            hits = self.searcher.search(query, k=self.settings.answer_passages, vector=vector,
                                        kind="guidance")  # catalog rows are never evidence
            self._refresh_sources()
            return Passages(hits=hits, bar=self._evidence_bar(question.text, question.pathways),
                            idf=self.searcher.lexical().idf,
                            query_vector=vector,
                            sentence_vectors=self.searcher.sentence_vectors)
        except StoreUnavailable as exc:  # rules still answer; passages wait for the store
            return Passages(outage=str(exc))

    def catalog_rows(self, where: dict | None) -> list:
        """Catalog rows matching a filter, from the index; from the catalog files themselves
        while the store is unreachable, so "which schools offer..." still answers."""
        try:
            return self.searcher.rows(where or {})
        except StoreUnavailable:
            from advisor.ingest.catalog_rows import catalog_records
            from advisor.retrieval.filters import matches
            from advisor.store.hit import Hit

            return [Hit.from_record(r.id, r.text, r.meta, score=1.0)
                    for r in catalog_records(self.catalog) if matches(r.meta, where or {})]

    def closest_rows(self, text: str, where: dict | None, k: int = 5) -> list:
        """The catalog rows nearest a question in meaning (hybrid search); none while the
        store is unreachable."""
        try:
            return self.searcher.search(text, k=k, where=where, kind="catalog")
        except StoreUnavailable:
            return []

    def _parts(self, text: str) -> tuple[list[str], int]:
        """The questions of one message, each once, at most `reply_parts` of them; and how
        many more were left unanswered."""
        parts: list[str] = []
        for p in (p for p in _PARTS.split(text) if p.strip()):
            # a statement after a question ("my son wants to go there") is its context
            if parts and not p.rstrip().endswith("?") \
                    and not re.search(self.catalog.phrases.asks, p.lower()):
                parts[-1] = f"{parts[-1]} {p}"
            else:
                parts.append(p)
        if not (len(parts) > 1 and all(len(p.split()) >= 2 for p in parts)):
            return [text], 0
        # "what is icp? what is icp? ..." is one question, answered once
        once = list({" ".join(p.lower().split()).rstrip("?!. "): p for p in reversed(parts)}
                    .values())[::-1]
        limit = self.settings.reply_parts
        return (once[:limit] if len(once) > 1 else [once[0]]), max(0, len(once) - limit)

    def reply(self, message: str, history=None, audience: str = "student",
              deadline: float | None = None) -> Reply:
        """The answer to a message, never an exception: a failure inside becomes a short
        abstaining reply with an error id, logged with its trace. `deadline` (a
        time.monotonic() value) cuts a reply off between its stages."""
        try:
            return self._reply(message, history, audience, deadline)
        except _OutOfTime:
            return self._too_long(message)
        except Exception:  # noqa: BLE001 (the contract: reply never raises)
            error_id = uuid.uuid4().hex[:8]
            log.exception("reply failed [error %s]", error_id)
            return Reply(answer=f"Sorry, I couldn't answer this question: something went "
                                f"wrong on my side. Please ask {self._who(message)}. "
                                f"(Error id: {error_id})",
                         abstained=True, intent="error", error_id=error_id)

    def reply_in_time(self, message: str, history=None, audience: str = "student") -> Reply:
        """`reply` within the settings' time budget (ADVISOR_REPLY_SECONDS): past it, a reply
        saying it took too long. The work stops at its next stage; the caller is not held."""
        seconds = self.settings.reply_seconds
        done: list[Reply] = []
        worker = threading.Thread(
            target=lambda: done.append(self.reply(message, history, audience,
                                                  time.monotonic() + seconds)),
            name="advisor-reply", daemon=True)
        worker.start()
        worker.join(seconds)
        return done[0] if done else self._too_long(message)

    def _too_long(self, message: str) -> Reply:
        return Reply(answer=f"Sorry, this question took too long to answer (more than "
                            f"{self.settings.reply_seconds:g} seconds), so I stopped. Please "
                            f"ask it again more simply, or ask {self._who(message)}.",
                     abstained=True, intent="timeout")

    def _who(self, message) -> str:
        try:
            return self.catalog.phrases.who_to_ask(str(message or "")[:MAX_MESSAGE])
        except Exception:  # noqa: BLE001 (said while failing: the catalog may be the fault)
            return _ANYONE

    def _reply(self, message: str, history, audience: str, deadline: float | None) -> Reply:
        def in_time():
            if deadline is not None and time.monotonic() > deadline:
                raise _OutOfTime

        audience = audience if audience in AUDIENCES else "student"
        message = message if isinstance(message, str) else str(message or "")
        # read no further than could be kept: a message of megabytes costs no more than this
        raw = message[:4 * MAX_MESSAGE]
        text = "".join(ch for ch in raw if ch.isprintable() or ch in "\n\t")
        notice = None
        if len(text) > MAX_MESSAGE or len(message) > len(raw):
            text, notice = text[:MAX_MESSAGE], (
                f"Your message was shortened to its first {MAX_MESSAGE} characters.")
        if not text.strip():
            return Reply(answer="Ask me about a pathway, its requirements or costs, or tell me "
                                "what you have done so far and I will check it.", intent="empty")
        turns = self.settings.history_turns
        # the latest turns only: a history's length must not decide a reply's cost
        recent = history[-4 * turns:] if isinstance(history, list | tuple) else history
        earlier = [m[:MAX_MESSAGE] for m in user_messages(recent)][-turns:] if turns else []
        knowledge = Knowledge(self.catalog, self._search, self.settings, careers=self.careers,
                              rows=self.catalog_rows, row_search=self.closest_rows)
        questions, answered = [], []
        parts, left = self._parts(text)
        if notice and len(parts) > 1 and not parts[-1].rstrip().endswith("?"):
            parts.pop()  # the cut-off end of a shortened message is no question of its own
        for part in parts:
            in_time()
            q = understand(part, self.catalog_dir, earlier, audience)
            earlier.append(part)
            if questions and _same_ask(q, questions[-1]):
                questions.pop(), answered.pop()  # one answer, on everything the parts said
            questions.append(q)
            in_time()
            answered.append(answer(q, knowledge))
        in_time()
        if left:
            notice = " ".join(filter(None, [notice, (
                f"I answered the first {len(parts)} questions of your message; please ask "
                f"the other {left} separately.")]))
        # numbers said that are not facts, each said once, before the answer that left them out
        unusable = list(dict.fromkeys(u.message for q in questions for u in q.unusable))
        if unusable:
            notice = " ".join(filter(None, [notice, *unusable]))
        blocks = _merge(answered)
        outage = next((p.outage for p in knowledge._cache.values() if p.outage), None)
        titles, urls = ({}, {}) if outage else self._titles_without_search()
        rendered = render_markdown(blocks, titles, urls,
                                   guidance_dates(self.settings.knowledge_dir))
        first = questions[0]
        passages = next(iter(knowledge._cache.values()), Passages())
        reply = Reply(answer=rendered.answer, abstained=rendered.abstained,
                      citations=rendered.citations,
                      checks=[b.check.contract() for b in blocks if isinstance(b, CheckBlock)],
                      intent=first.kind, pathways=list(first.pathways),
                      passages=[h.model_dump() for h in passages.hits])
        # after the answer, so its first line stays the direct answer
        stale = stale_notices(reply.citations, self.settings.stale_days,
                              self.catalog.phrases.stale)
        reply.answer = "\n\n".join([reply.answer, *stale])
        # A counselor's hand-off shows the guidance near the question even when the answer
        # came from the rules alone (a plan check searches nothing).
        if audience == "counselor" and not knowledge._cache:
            passages = knowledge.passages(first)
        # the last part was read with every earlier one, so its facts are the whole story
        reply.handoff = build_handoff(
            text, audience, questions[-1].facts,
            [b.check for b in blocks if isinstance(b, CheckBlock)], passages.hits,
            abstained=reply.abstained)
        if outage:
            reply.notice = (f"Searching the guidance is unavailable right now ({outage}). "
                            "Pathway rules and plan checks still work.")
            if reply.abstained:
                reply.answer = ("I can't search the guidance at the moment, so I can't answer "
                                "this from it. I can still check a plan or list a pathway's "
                                "requirements.")
        notice = " ".join(filter(None, [notice, reply.notice])) or None
        reply.notice = notice
        if notice:
            reply.answer = f"_{notice}_\n\n{reply.answer}"
        return reply

    def _titles_without_search(self) -> tuple[dict, dict]:
        """Titles for citations of catalog quotes, without touching the store when it's down."""
        try:
            return self.source_info()
        except StoreUnavailable:
            return {}, {}


def _same_ask(q, earlier) -> bool:
    """Two parts of one message that ask the same thing ("what does CC require? like what
    do i have to take and do"); a plan check sees the facts of both."""
    return q.kind == earlier.kind and q.pathways == earlier.pathways and (
        q.kind == "plan_check" or (q.kind == "requirements" and not q.aspects))


def _merge(answered: list[list]) -> list:
    """Several parts of one message: every part's direct answer first, then each part's
    own lists and checks, then the quotes.

    A part that abstains while another answers becomes a note saying what is missing.
    """
    if len(answered) == 1:
        return answered[0]
    kept = [b for b in answered if not any(isinstance(x, Abstain) for x in b)]
    if not kept:
        return answered[0]
    leads, rest = [], []
    for blocks in answered:
        gave_up = next((x for x in blocks if isinstance(x, Abstain)), None)
        if gave_up:
            rest.append(Note(f"{gave_up.reason} Please ask {gave_up.ask}."))
            continue
        head = blocks[0] if blocks and isinstance(blocks[0], Lead | Quotes) else None
        if isinstance(head, Quotes):  # quotes alone: the best one answers this part
            head, more = Quotes(head.items[:1], head.title), Quotes(head.items[1:])
            rest += [more] if more.items else []
        leads += [head] if head else []
        rest += blocks[1:] if head else blocks
    # each part's own answer (its list, table, check) before the quotes that back them
    rest.sort(key=lambda b: isinstance(b, Quotes))
    seen: set[str] = set()  # a sentence two parts both found is quoted once
    out = []
    for block in leads + rest:
        if isinstance(block, Quotes):
            block = Quotes([c for c in block.items if c.quote not in seen], block.title)
            seen.update(c.quote for c in block.items)
            if not block.items:
                continue
        out.append(block)
    return out
