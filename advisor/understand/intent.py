"""What the message asks for, decided by plain keyword rules (tested, deterministic)."""

from __future__ import annotations

import re

CHECK = r"\b(?:do|does|did|am|is|are|will|would|can|could)\b.{0,40}\b(?:meet|qualify|" \
        r"eligible|count|enough|pass|complete)|\bhow (?:many|much) more\b|\bstill need\b"
REQUIREMENTS = r"\b(?:require|requires|requirements?|required|need|needs|must|criteria|" \
               r"have to|minimum|at least|qualify|part of|included in)\b"
FIT = r"\b(?:i like|i love|i enjoy|interested in|into|passionate|what should i (?:look|do|take)|" \
      r"which pathway|what pathway|good fit|fit me|career in|want to (?:be|work|become))\b"
COST = r"\b(?:cost|costs|pay|paid|free|tuition|fees?|price|expensive|money|afford)\b"
CREDITS = r"\b(?:credits?|college credit)\b"

SECTORS = r"\b(?:what|which|list|name)\b.{0,30}\b(?:sectors?|industries)\b" \
          r"(?!.{0,12}\b(?:fits?|suits?|match)\b)"

INTENTS = ("plan_check", "requirements", "fit", "sectors", "cost_credits", "explain")


def detect_intent(text: str, has_facts: bool, has_pathway: bool) -> str:
    t = text.lower()
    if has_facts and (re.search(CHECK, t) or has_pathway):
        return "plan_check"
    if re.search(FIT, t):
        return "fit"
    if re.search(SECTORS, t) and not has_facts:
        return "sectors"
    if re.search(COST, t) or (re.search(CREDITS, t) and not has_facts):
        return "cost_credits"
    if re.search(CHECK, t) and has_facts:
        return "plan_check"
    if re.search(REQUIREMENTS, t) and has_pathway:
        return "requirements"
    if has_facts:
        return "plan_check"
    return "explain"
