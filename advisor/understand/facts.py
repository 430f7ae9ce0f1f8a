"""Facts stated in words ("60 hours of internship", "two AP classes") as StatedFacts."""

from __future__ import annotations

import re

from advisor.stated import StatedFacts
from advisor.understand.numbers import NUMBER, to_number

_HOURS = r"(?:hours?|hrs?)"
_KINDS = {
    "internship": r"internships?",
    "capstone": r"capstones?(?: projects?)?",
    "coop": r"co-?ops?|cooperative education",
    "job_shadow": r"job[- ]shadow(?:ing|s)?",
    "immersive": r"shop|immersive|technical|vocational|voc|cte|trade|lab",
}
_COURSE = r"(?:classes|class|courses|course)"
_COLLEGE = r"(?:ap|a\.p\.|ib|dual[- ]enrollment|college[- ]level|advanced|college|de)"


def _hours(text: str) -> dict[str, float]:
    found: dict[str, float] = {}
    for kind, pattern in _KINDS.items():
        for m in re.finditer(rf"{NUMBER}\s*\+?\s*{_HOURS}\s+(?:of\s+|in\s+(?:the\s+|a\s+)?)?"
                             rf"(?:{pattern})", text):
            found[kind] = to_number(m.group(1))
        for m in re.finditer(rf"(?:{pattern})\s+(?:for\s+|of\s+|with\s+)?{NUMBER}\s*{_HOURS}",
                             text):
            found.setdefault(kind, to_number(m.group(1)))
        for m in re.finditer(rf"{NUMBER}[- ]hour\s+(?:{pattern})", text):
            found.setdefault(kind, to_number(m.group(1)))
        for m in re.finditer(rf"{NUMBER}\s+(?:{pattern})\s+{_HOURS}", text):
            found.setdefault(kind, to_number(m.group(1)))
    if not found:
        m = re.search(rf"\b{NUMBER}\s*{_HOURS}\b", text)
        if m:
            found["unspecified"] = to_number(m.group(1))
    return found


_CAP = r"(?:my ?cap|career and academic plan)"
_SUBJECT = r"\b(?:i|we|he|she|they|my (?:son|daughter|kid|child|student))\b"


def _mycap(text: str) -> bool | None:
    """Only a statement about the student's own MyCAP counts; "what is a MyCAP?" does not."""
    if re.search(rf"\b(?:no|not|don't|doesn't|didn't|without|haven't|hasn't|never)\b[^.?]{{0,25}}"
                 rf"{_CAP}", text):
        return False
    if re.search(rf"{_SUBJECT}(?:'ve|'s| have| has| already have| made| finished| completed|"
                 rf" keep| started| set up| did| wrote| built)\b[^.?]{{0,25}}{_CAP}", text) \
            or re.search(rf"\bmy {_CAP}\s+(?:is|was)\s+(?:done|complete|finished|set up|up to date"
                         rf"|ready|online)", text):
        return True
    return None


def extract_facts(message: str) -> tuple[StatedFacts, float | None]:
    """The facts in one message, plus any hours whose kind the message doesn't name."""
    text = " " + message.lower().replace("’", "'") + " "
    data: dict = {}
    hours = _hours(text)
    for kind, key in (("internship", "internship_hours"), ("capstone", "capstone_hours"),
                      ("coop", "coop_hours"), ("job_shadow", "job_shadow_hours"),
                      ("immersive", "immersive_hours")):
        if kind in hours:
            data[key] = hours[kind]
    m = re.search(rf"{NUMBER}\s+(?:technical|tech|career|cte|shop)\s+{_COURSE}", text)
    if m:
        data["technical_courses"] = int(to_number(m.group(1)))
    college = re.findall(rf"{NUMBER}\s+{_COLLEGE}(?:\s+\w+)?\s+{_COURSE}", text) or \
        re.findall(rf"{NUMBER}\s+(?:ap|ib)s?\b", text)
    if college:
        data["college_level_courses"] = int(sum(to_number(n) for n in college))
    m = re.search(rf"{NUMBER}\s+(?:college\s+)?credits?", text)
    if m and "credit" in m.group(0):
        data["college_credits"] = to_number(m.group(1))
        if re.search(r"gen\s?ed|general education|transfer block", text):
            data["gened_transfer"] = True
    mycap = _mycap(text)
    if mycap is not None:
        data["mycap"] = mycap
    m = re.search(r"(?:credentials?|certifications?|certificates?)\s*(?:in|:)?\s*"
                  r"((?:osha\s*\d+|servsafe|cpr|cna|[a-z0-9+ ]{2,20}?))(?:[,.;]|\sand\s|$)", text)
    if re.search(r"\bosha\b|servsafe|\bcna\b|credential|certification", text):
        names = re.findall(r"osha\s*\d+|servsafe|\bcna\b|\bcpr\b|\bep[a]? 608\b", text)
        data["credentials"] = [n.upper().replace("SERVSAFE", "ServSafe") for n in names] or (
            [m.group(1).strip()] if m else ["credential"])
    return StatedFacts(**data), hours.get("unspecified")
