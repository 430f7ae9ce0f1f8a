"""Blocks to Markdown for the chat and the CLI, with numbered citations."""

from __future__ import annotations

from dataclasses import dataclass, field

from advisor.answers.blocks import (
    Abstain,
    Bullets,
    CheckBlock,
    Cite,
    Lead,
    Note,
    Quotes,
    Retrieval,
    Table,
)
from advisor.reply import Citation
from advisor.rules.outcome import fmt

VERDICT = {"meets": "meets", "does-not-meet": "does not yet meet",
           "needs-info": "may meet, but I need more information to be sure about"}


class Citer:
    """Numbers citations in order of first use; one number per (source, quote)."""

    def __init__(self, titles: dict[str, str], urls: dict[str, str] | None = None,
                 dates: dict | None = None):
        self.titles = titles
        self.urls = urls or {}
        self.dates = dates or {}  # source id -> its `updated` date (or None)
        self.items: list[Citation] = []

    def cite(self, c: Cite) -> str:
        for item in self.items:
            if item.source == c.source and item.quote == c.quote:
                return f"[{item.n}]"
        n = len(self.items) + 1
        self.items.append(Citation(n=n, source=c.source, quote=c.quote, page=c.page,
                                   section=c.section, url=c.url or self.urls.get(c.source),
                                   title=c.title or self.titles.get(c.source, c.source),
                                   updated=self.dates.get(c.source), as_of=c.as_of,
                                   retrieved=c.retrieved))
        return f"[{n}]"

    def refs(self, cites) -> str:
        return " ".join(self.cite(c) for c in cites)


@dataclass
class Rendered:
    answer: str
    citations: list[Citation] = field(default_factory=list)
    abstained: bool = False


def _with(text: str, refs: str) -> str:
    return f"{text} {refs}".rstrip()


def _check_lines(block: CheckBlock, citer: Citer) -> list[str]:
    check = block.check
    lines = [f"**Based on what you told me, this plan {VERDICT[check.verdict]} {block.name}.**"]
    for c in (c for c in check.criteria if c.status == "unmet"):
        ref = citer.cite(Cite(c.source.source, c.source.quote))
        need = (f"needs {fmt(c.shortfall.amount)} more {c.shortfall.what}" if c.shortfall
                else c.detail)
        lines.append(f"- Missing: {c.requirement} It {need}. {ref}")
    unknown = [c for c in check.criteria if c.status == "unknown"]
    if unknown:  # what to tell next comes before what is already met
        lines.append("- Not known yet: " + "; ".join(c.requirement.rstrip(".") for c in unknown)
                     + ". Tell me these and I can check them.")
    for c in (c for c in check.criteria if c.status == "met"):
        lines.append(f"- Met: {c.requirement} {citer.cite(Cite(c.source.source, c.source.quote))}")
    if block.table:
        lines += ["", "| criterion | status | detail | source |", "|---|---|---|---|"]
        for c in check.criteria:
            ref = citer.cite(Cite(c.source.source, c.source.quote))
            lines.append(f"| `{c.id}` | {c.status} | {c.detail} | {c.source.source} {ref} |")
    return lines


def _cell(line, citer: Citer) -> str:
    return _with(line.text, citer.refs(line.cites)).replace("|", "/").replace("\n", " ")


def render_markdown(blocks, titles=None, urls=None, dates=None) -> Rendered:
    citer = Citer(titles or {}, urls, dates)
    out: list[str] = []
    for block in blocks:
        if isinstance(block, Abstain):
            text = block.reason
            if block.covers:
                text += " The guidance I have covers " + "; ".join(block.covers) + "."
            if block.ask:
                text += f" Please ask {block.ask}."
            return Rendered(answer=text, abstained=True)
    for block in blocks:
        if isinstance(block, Lead):
            out.append(f"**{block.text}** {citer.refs(block.cites)}".rstrip())
        elif isinstance(block, Bullets):
            if block.title:
                out.append(f"**{block.title}**")
            out += [f"- {_with(i.text, citer.refs(i.cites))}" for i in block.items]
        elif isinstance(block, Quotes):
            if block.title:
                out.append(block.title)
            out += [f"- “{c.quote}” {citer.cite(c)}" for c in block.items]
        elif isinstance(block, Table):
            out.append("| " + " | ".join(block.headers) + " |")
            out.append("|" + "---|" * len(block.headers))
            out += ["| " + " | ".join(_cell(c, citer) for c in row) + " |" for row in block.rows]
        elif isinstance(block, CheckBlock):
            out += _check_lines(block, citer)
        elif isinstance(block, Note):
            ref = citer.cite(block.cite) if block.cite else ""
            out.append(f"> Note: {_with(block.text, ref)}")
            out += [f"> - {value} {citer.cite(c)}" for value, c in block.conflict]
        elif isinstance(block, Retrieval) and block.hits:
            out.append("\nRetrieval: " + ", ".join(
                f"{h.source} ({h.score:.3f}; cos {h.dense or 0:.2f})" for h in block.hits[:5]))
        out.append("")
    return Rendered(answer="\n".join(out).strip(), citations=citer.items,
                    abstained=any(isinstance(b, Lead) and b.abstains for b in blocks[:1]))
