"""One plan against every pathway at once, closest first."""

from __future__ import annotations

from dataclasses import dataclass
from pathlib import Path

from advisor.rules.engine import check_all
from advisor.rules.outcome import fmt
from advisor.rules.result import Check

_VERDICT_ORDER = {"meets": 0, "needs-info": 1, "does-not-meet": 2}


@dataclass(frozen=True)
class Match:
    checks: tuple[Check, ...]
    ranked: tuple[str, ...]

    def contract(self) -> dict:
        return {"checks": [c.contract() for c in self.checks], "ranked": list(self.ranked)}


def closeness(result: Check) -> tuple:
    """Meets, then needs-info, then does-not-meet; within each, fewer unmet criteria, then
    the smallest total shortfall, then fewer unknowns."""
    statuses = [c.status for c in result.criteria]
    shortfall = sum(c.shortfall.amount for c in result.criteria if c.shortfall)
    return (_VERDICT_ORDER[result.verdict], statuses.count("unmet"), shortfall,
            statuses.count("unknown"))


def match(plan, catalog_dir: Path | None = None, on=None) -> Match:
    checks = check_all(plan, catalog_dir, on)
    order = sorted(range(len(checks)), key=lambda i: (closeness(checks[i]), i))
    return Match(checks=checks, ranked=tuple(checks[i].pathway for i in order))


def lacks(c) -> str:
    """What one unmet criterion lacks: its shortfall ("40 internship or capstone hours"),
    or its requirement when it has no amount."""
    return f"{fmt(c.shortfall.amount)} {c.shortfall.what}" if c.shortfall else c.requirement


def missing(result: Check) -> str:
    """What keeps a pathway from being met, in a few words."""
    parts = [lacks(c) for c in result.criteria if c.status == "unmet"]
    unknown = [c.id for c in result.criteria if c.status == "unknown"]
    if unknown:
        parts.append("unknown: " + ", ".join(unknown))
    return "; ".join(parts) or "nothing"
