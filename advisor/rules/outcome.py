"""What one rule decides about one plan."""

from __future__ import annotations

from dataclasses import dataclass

from advisor.catalog.templates import fmt

__all__ = ["Outcome", "fmt"]


@dataclass
class Outcome:
    status: str
    detail: str
    what: str | None = None
    amount: float | None = None

    @classmethod
    def threshold(cls, have: float, need: float, what: str, extra: str = "") -> Outcome:
        """Met at or above `need`; otherwise unmet with the exact shortfall."""
        detail = f"{fmt(have)} of {fmt(need)} {what}{extra}"
        if have >= need:
            return cls("met", detail)
        return cls("unmet", f"{detail}; needs {fmt(need - have)} more", what, need - have)

    @classmethod
    def unknown(cls, detail: str) -> Outcome:
        return cls("unknown", detail)
