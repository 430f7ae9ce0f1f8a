"""A hand-off as a Markdown note a student or family takes to their counselor.

All fixed wording comes from knowledge/catalog/handoff.yaml; this module only arranges it.
"""

from __future__ import annotations

from advisor.catalog.handoff import HandoffWords
from advisor.handoff import Handoff
from advisor.rules.match import lacks
from advisor.rules.outcome import fmt


def _quoted(text: str) -> list[str]:
    # a blockquote keeps the student's own words apart from the note's
    return [f"> {line}".rstrip() for line in text.strip().splitlines()] or [">"]


def _value(value, words: HandoffWords) -> str:
    if isinstance(value, bool):
        return words.said_yes if value else words.said_no
    if isinstance(value, int | float):
        return fmt(value)
    if isinstance(value, dict):
        return ", ".join(f"{k.replace('_', ' ')} {_value(v, words)}" for k, v in value.items())
    if isinstance(value, list):
        return ", ".join(_value(v, words) for v in value)
    return str(value)


def _facts(facts: dict, words: HandoffWords) -> list[str]:
    return [f"- {words.facts.get(k, k.replace('_', ' '))}: {_value(v, words)}"
            for k, v in facts.items()] or [words.no_facts]


def _checks(h: Handoff, words: HandoffWords, names: dict[str, str]) -> list[str]:
    out: list[str] = []
    for check in h.checks:
        out += ["", "### " + words.check.format(pathway=names.get(check.pathway, check.pathway),
                                                verdict=words.verdicts.of(check.verdict)), ""]
        for c in check.criteria:
            if c.status == "unmet":
                what = f"{c.requirement.rstrip('.')} ({c.detail})"
                out.append("- " + words.missing.format(what=what) + f" `{c.source.source}`")
        for c in check.criteria:
            if c.status == "unknown":
                out.append("- " + words.unknown.format(what=c.requirement)
                           + f" `{c.source.source}`")
        for note in check.notes:
            out.append(f"- {note.text} `{note.source.source}`")
            out += [f"    - {c.value}: `{c.source.source}` “{c.source.quote}”"
                    for c in note.conflict]
    return out[1:] or [words.no_checks]


def _passages(h: Handoff, words: HandoffWords) -> list[str]:
    out: list[str] = []
    for n, p in enumerate(h.passages, 1):
        out += ["", words.passage.format(n=n, source=f"`{p.source}`",
                                         section=f", {p.section}" if p.section else "",
                                         score=f"{p.score:.4f}"), "", *_quoted(p.text)]
    return out[1:] or [words.no_passages]


def _ask(h: Handoff, words: HandoffWords) -> str:
    if h.abstained:
        return words.ask.abstained
    unmet = [lacks(c).rstrip(".") for k in h.checks for c in k.criteria if c.status == "unmet"]
    if unmet:
        return words.ask.missing.format(what="; ".join(dict.fromkeys(unmet)))
    unknown = [c.requirement.rstrip(".") for k in h.checks for c in k.criteria
               if c.status == "unknown"]
    if unknown:
        return words.ask.unknown.format(what="; ".join(dict.fromkeys(unknown)))
    return words.ask.answered


def render_handoff(h: Handoff, words: HandoffWords, names: dict[str, str] | None = None) -> str:
    """The note; `names` gives pathway ids their names ("icp" -> "Innovation Career ...")."""
    head = words.headings
    who = getattr(words.audiences, h.audience, h.audience)
    lines = [f"# {words.title}", "", words.intro, "", f"## {head.question}", "",
             *_quoted(h.question), "", words.asked_by.format(who=who), "",
             f"## {head.understood}", "", *_facts(h.facts, words), "",
             f"## {head.checks}", "", *_checks(h, words, names or {}), "",
             f"## {head.passages}", "", *_passages(h, words), "",
             f"## {head.ask}", "", _ask(h, words)]
    return "\n".join(lines) + "\n"
