"""Turning a rules check into plain sentences, each number cited to its quote."""

from __future__ import annotations

from advisor.compose.reply import Citer
from advisor.rules.outcome import fmt

VERDICT = {"meets": "meets", "does-not-meet": "does not yet meet",
           "needs-info": "may meet, but I need more information to be sure about"}


def describe_check(check, name: str, citer: Citer, audience: str) -> list[str]:
    lines = [f"**Based on what you told me, this plan {VERDICT[check.verdict]} {name}.**"]
    missing = [c for c in check.criteria if c.status == "unmet"]
    unknown = [c for c in check.criteria if c.status == "unknown"]
    for c in missing:
        ref = citer.cite(c.source.source, c.source.quote)
        need = (f"needs {fmt(c.shortfall.amount)} more {c.shortfall.what}" if c.shortfall
                else c.detail)
        lines.append(f"- Missing: {c.requirement} It {need}. {ref}")
    for c in (c for c in check.criteria if c.status == "met"):
        lines.append(f"- Met: {c.requirement} {citer.cite(c.source.source, c.source.quote)}")
    if unknown:
        lines.append("- Not known yet: " + "; ".join(c.requirement.rstrip(".") for c in unknown)
                     + ". Tell me these and I can check them.")
    if audience == "counselor":
        lines.append("")
        lines.append("| criterion | status | detail | source |")
        lines.append("|---|---|---|---|")
        for c in check.criteria:
            ref = citer.cite(c.source.source, c.source.quote)
            lines.append(f"| `{c.id}` | {c.status} | {c.detail} | {c.source.source} {ref} |")
    return lines


def conflict_notes(check, audience: str) -> list[str]:
    notes = check.notes if audience == "counselor" else [
        n for n in check.notes if "differ" in n.lower()]
    return [f"> Note: {n.split(' [')[0]}" for n in notes]
