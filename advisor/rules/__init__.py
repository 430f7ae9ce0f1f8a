"""Deterministic requirement checks; thresholds and quotes live in knowledge/catalog."""

from advisor.rules.engine import UnknownPathway, check, requirements
from advisor.rules.match import Match, match
from advisor.rules.result import Check, CriterionResult

__all__ = ["Check", "CriterionResult", "Match", "UnknownPathway", "check", "match",
           "requirements"]
