"""The one API the CLI and UI share: `Advisor.reply(message, history, audience)`.

Data moves one way: understand -> rules / retrieve -> compose. The model and
indexes load once per process; a conversation's state is rebuilt from the
history each turn, so the server keeps none.
"""

from __future__ import annotations

from dataclasses import dataclass, field

from advisor.catalog import load_pathways
from advisor.catalog.districts import load_districts
from advisor.catalog.sectors import load_sectors, sectors_citation
from advisor.compose import Reply, compose
from advisor.config import Settings
from advisor.rules import check
from advisor.stated import StatedFacts
from advisor.store import StoreUnavailable
from advisor.understand import understand
from advisor.understand.domain import corpus_names, domain_terms, in_domain

AUDIENCES = ("student", "family", "counselor")
MAX_MESSAGE = 2000


@dataclass
class Context:
    facts: StatedFacts = field(default_factory=StatedFacts)
    pathways: list[str] = field(default_factory=list)
    last_hours: str | None = None


def _user_messages(history) -> list[str]:
    out = []
    for turn in history or []:
        if isinstance(turn, dict) and turn.get("role") == "user":
            content = turn.get("content")
            out.append(content if isinstance(content, str) else str(content))
        elif isinstance(turn, list | tuple) and turn and isinstance(turn[0], str):
            out.append(turn[0])
        elif isinstance(turn, str):
            out.append(turn)
    return out


_HOURS_KEYS = ("internship_hours", "capstone_hours", "coop_hours", "job_shadow_hours",
               "immersive_hours")


def _without_search(reply: Reply, outage: str) -> Reply:
    """Say plainly that passage search is down; keep whatever the rules answered."""
    reply.notice = (f"Searching the guidance is unavailable right now ({outage}). "
                    "Pathway rules and plan checks still work.")
    if reply.abstained:
        reply.answer = ("I can't search the guidance at the moment, so I can't answer this "
                        "from it. I can still check a plan or list a pathway's requirements.")
    return reply


class Advisor:
    def __init__(self, settings: Settings, searcher=None):
        self.settings = settings
        self.catalog_dir = settings.knowledge_dir / "catalog"
        self.types = load_pathways(self.catalog_dir)
        self.sectors = load_sectors(self.catalog_dir)
        self.districts = load_districts(self.catalog_dir / "districts", set(self.sectors))
        self._searcher = searcher
        self._sources: tuple[str, dict, dict, frozenset] = ("", {}, {}, frozenset())

    @property
    def searcher(self):
        if self._searcher is None:
            from advisor.retrieval import Searcher

            self._searcher = Searcher(self.settings)
        return self._searcher

    def _advance(self, ctx: Context, message: str):
        u = understand(message, self.catalog_dir)
        new = u.facts
        if u.unspecified_hours is not None:  # "I now have 120 hours": the kind last talked of
            key = ctx.last_hours or ("immersive_hours" if "cte" in (u.pathways or ctx.pathways)
                                     else "internship_hours")
            new = new.merged(StatedFacts(**{key: u.unspecified_hours}))
        stated = [k for k in _HOURS_KEYS if getattr(new, k) is not None]
        ctx.last_hours = stated[-1] if stated else ctx.last_hours
        ctx.facts = ctx.facts.merged(new)
        if u.pathways:
            ctx.pathways = u.pathways
        return u

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

    def _evidence_bar(self, text: str, pathways: list[str]) -> float:
        """Off-topic questions need stronger passages before an answer is given."""
        self._refresh_sources()
        if pathways or in_domain(text, domain_terms(self.catalog_dir), self._sources[3]):
            return self.settings.abstain_similarity
        return max(self.settings.abstain_similarity, self.settings.abstain_similarity_offtopic)

    def reply(self, message: str, history=None, audience: str = "student") -> Reply:
        audience = audience if audience in AUDIENCES else "student"
        text = "".join(ch for ch in (message or "") if ch.isprintable() or ch in "\n\t")
        notice = None
        if len(text) > MAX_MESSAGE:
            text, notice = text[:MAX_MESSAGE], (
                f"Your message was shortened to its first {MAX_MESSAGE} characters.")
        if not text.strip():
            return Reply(answer="Ask me about a pathway, its requirements or costs, or tell me "
                                "what you have done so far and I will check it.", intent="empty")
        ctx = Context()
        for earlier in _user_messages(history):
            self._advance(ctx, earlier[:MAX_MESSAGE])
        u = self._advance(ctx, text)
        pathways = u.pathways or ctx.pathways
        intent = u.intent
        if intent == "explain" and not u.pathways and ctx.pathways and not ctx.facts.is_empty():
            intent = "plan_check"  # a follow-up in a plan conversation
        if intent in ("explain", "requirements") and u.pathways and not ctx.facts.is_empty() \
                and history:
            intent = "plan_check"  # "what about Early College?" reuses the facts given
        checks = []
        if intent == "plan_check" and not ctx.facts.is_empty():
            plan = ctx.facts.to_plan()
            checks = [check(p, plan, self.catalog_dir) for p in (pathways or ["icp"])[:2]]
        # Name the pathway in full, so "voc school" also finds "Chapter 74" passages.
        query = " ".join([text] + [self.types[p].name for p in pathways
                                   if self.types[p].name.lower() not in text.lower()])
        try:
            hits = self.searcher.search(query, k=self.settings.answer_passages)
            titles, urls = self.source_info()
            bar, idf, outage = self._evidence_bar(text, pathways), self.searcher.lexical().idf, None
        except StoreUnavailable as exc:  # rules still answer; passages wait for the store
            hits, titles, urls, bar, idf, outage = [], {}, {}, 1.0, None, str(exc)
        reply = compose(intent=intent, question=text, pathways=pathways, types=self.types,
                        checks=checks, hits=hits,
                        sectors=[self.sectors[s] for s in u.sectors],
                        district_rows=self.districts.pathways, audience=audience,
                        min_similarity=bar,
                        sector_ref=sectors_citation(self.catalog_dir),
                        all_sectors=list(self.sectors.values()),
                        idf=idf,
                        titles=titles, urls=urls)
        if outage:
            reply = _without_search(reply, outage)
            notice = " ".join(filter(None, [notice, reply.notice]))
        reply.notice = notice
        if notice:
            reply.answer = f"_{notice}_\n\n{reply.answer}"
        return reply
