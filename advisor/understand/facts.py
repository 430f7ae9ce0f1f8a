"""Facts stated in words ("60 hours of internship", "AP Bio and AP Chem", "a co-op").

Only what is said is read; a course type or hour count nobody mentioned stays unknown.
"""

from __future__ import annotations

import re
from dataclasses import dataclass, field

from advisor.stated import StatedFacts
from advisor.understand.numbers import COUNT, NUMBER, to_number

_HOURS = r"(?:hours?|hrs?)"
_KINDS = {
    "internship": r"internships?|interships?",
    "capstone": r"capstones?(?: projects?)?",
    "coop": r"co-?ops?|cooperative education",
    "job_shadow": r"job[- ]shadow(?:ing|s)?",
    "immersive": r"shop|immersive|technical|vocational|voc|cte|trade|lab",
}
_WBL_KIND = {"internship": "internship", "capstone": "capstone", "coop": "co-op",
             "job_shadow": "job-shadow"}
_COURSE = r"(?:classes|class|courses|course)"
_COLLEGE = r"(?:ap|a\.p\.|ib|dual[- ]enrollment|college[- ]level|advanced|college|de)"
_MORE = r"(?:another|more|additional|extra)"
_NEGATION = r"\b(?:no|not|don't|doesn't|didn't|without|haven't|hasn't|never)\b"


@dataclass
class Reading:
    """What one message states: facts, hours of no named kind, and which hours add up."""

    facts: StatedFacts
    loose_hours: float | None = None
    added: set[str] = field(default_factory=set)  # hour facts said as "another 50 hours"
    loose_added: bool = False


def _hours(text: str) -> tuple[dict[str, float], set[str]]:
    found: dict[str, float] = {}
    added: set[str] = set()
    for kind, pattern in _KINDS.items():
        forms = [
            rf"(?:{_MORE}\s+)?{NUMBER}\s*\+?\s*(?:{_MORE}\s+)?{_HOURS}\s+(?:of\s+|in\s+(?:the\s+|a\s+)?)?"
            rf"(?:{pattern})",
            rf"(?:{pattern})\s+(?:for\s+|of\s+|with\s+)?(?:{_MORE}\s+)?{NUMBER}\s*(?:{_MORE}\s+)?{_HOURS}",
            rf"(?:{_MORE}\s+)?{NUMBER}[- ]hours?\s+(?:{pattern})",
            rf"(?:{_MORE}\s+)?{NUMBER}\s+(?:{pattern})\s+{_HOURS}",
        ]
        for i, form in enumerate(forms):
            for m in re.finditer(form, text):
                if i == 0 or kind not in found:
                    found[kind] = to_number(m.group(1))
                    if re.search(_MORE, m.group(0)):
                        added.add(kind)
    if not found:
        m = re.search(rf"(?:({_MORE})\s+)?{NUMBER}\s*(?:({_MORE})\s+)?{_HOURS}\b", text)
        if m:
            found["unspecified"] = to_number(m.group(2))
            if m.group(1) or m.group(3):
                added.add("unspecified")
    return found, added


_CAP = r"(?:my ?cap|career and academic plan)"
_SUBJECT = r"\b(?:i|we|he|she|they|my (?:son|daughter|kid|child|student))\b"


def _mycap(text: str) -> bool | None:
    """Only a statement about the student's own MyCAP counts; "what is a MyCAP?" does not."""
    if re.search(rf"{_NEGATION}[^.?]{{0,25}}{_CAP}", text):
        return False
    if re.search(rf"{_SUBJECT}(?:'ve|'s| have| has| already have| made| finished| completed|"
                 rf" keep| keeps| started| set up| did| wrote| built| use| uses)\b[^.?]{{0,80}}"
                 rf"\b(?:a|an|my|her|his|their|our)?\s*{_CAP}", text) \
            or re.search(rf"\b(?:my|her|his|their|our) {_CAP}\s+(?:is|was|'s)\s+(?:done|complete|"
                         rf"finished|set up|up to date|ready|online|on|in|kept)\b", text) \
            or re.search(rf"\b(?:and|plus|with|also)\s+(?:a|my|her|his)\s+{_CAP}\b(?!\s+(?:is|"
                         rf"was)?\s*(?:required|needed))", text) and re.search(_SUBJECT, text):
        return True
    return None


def _college_courses(text: str) -> int | None:
    counted = re.findall(rf"{NUMBER}\s+{_COLLEGE}(?:\s+\w+)?\s+{_COURSE}", text) or [
        m.group(1) or m.group(2) for m in
        re.finditer(rf"{NUMBER}\s+(?:ap|ib)s\b|{COUNT}\s+(?:ap|ib)\b", text)]
    total = int(sum(to_number(n) for n in counted)) if counted else 0
    # Named courses: "AP Bio and AP Chem", "IB History", "dual enrollment English"; with a
    # count beside them ("AP Psych and a dual enrollment anatomy class"), the larger holds.
    named = {m.group(0) for m in re.finditer(
        r"\b(?:ap|ib|dual[- ]enrollment)\s+(?!(?:class|course|credit|exam|test|score|or|and|"
        r"to|for|in|is|are|count|counts|the|a|an|program|programs|classes|courses|headaches?|"
        r"problems?|issues?|challenges?|barriers?|partners?|partnerships?|agreements?|polic\w+|"
        r"office|coordinators?|options?|opportunit\w+|students?|teachers?|with)\b)[a-z][a-z.]+",
        text)}
    return max(total, len(named)) or None


# Words for a world language that name none in particular.
_ANY_LANGUAGE = {"language", "world language", "foreign language"}


def _masscore(text: str, subjects: dict[str, str]) -> dict[str, float | bool]:
    """MassCore units said in words: "4 english, 3 math, 3 lab science, 2 spanish"."""
    units: dict[str, float | bool] = {}
    languages: dict[str, float] = {}
    for word in sorted(subjects, key=len, reverse=True):
        w = re.escape(word)
        # "4 math credits", but not "a 4 credit biology class" (a college course's credits)
        for m in re.finditer(rf"{COUNT}\s+(?:(?:full\s+)?(?:years?|units?|credits|yrs?)\s+"
                             rf"(?:of\s+)?)?{w}\w*\b(?!\s+{_COURSE}\s+(?:for|in)\b)"
                             rf"|\b{w}\w*\s*[:=-]?\s*{COUNT}\s*(?:years?|units?|yrs?)\b", text):
            value = m.group(1) or m.group(2)
            if subjects[word] == "world_language" and word not in _ANY_LANGUAGE:
                languages.setdefault(word, to_number(value))
            units.setdefault(subjects[word], to_number(value))
    if languages:  # "2 years of Spanish": one language; "1 of French and 1 of Spanish": two
        units["world_language"] = sum(languages.values())
        units["world_language_same"] = len(languages) == 1
    if units and re.search(r"\b(?:pe|p\.e\.|phys(?:ical)? ed(?:ucation)?|gym)\b", text) \
            and not re.search(rf"{_NEGATION}[^.?,]{{0,15}}\b(?:pe|gym|physical)", text):
        units["pe"] = True
    # MassCore said to be done as a whole: "all my masscore stuff is done already"
    whole = re.search(r"\bmass ?core(?: stuff| requirements?| courses?| classes| units?)?"
                      r"(?: is| are|'s)?(?: all| already| now| basically)* (?:(not|n't) )?(?:yet )?"
                      r"(?:done|complete|completed|finished|covered|taken care of)\b"
                      r"|\b(?:finished|completed|done with) (?:all )?(?:(?:my|her|his|the) )?"
                      r"mass ?core\b", text)
    if whole:
        units["complete"] = not whole.group(1)
    return units


def _credentials(text: str) -> list[str] | None:
    if not re.search(r"\bosha\b|servsafe|\bcna\b|credential|certification", text):
        return None
    names = re.findall(r"osha\s*-?\s*\d+|servsafe|\bcna\b|\bcpr\b|\bepa?\s*608\b", text)
    if names:
        return [re.sub(r"\s+|-", " ", n).upper().replace("SERVSAFE", "ServSafe").replace(
            "OSHA ", "OSHA ") for n in names]
    # A credential word with no name counts only as something had ("she earned a credential"),
    # never as asked about ("any certifications?").
    if not re.search(r"\b(?:has|have|had|earned|got|gotten|holds?|held|received|passed|"
                     r"completed|finished|with)\b[^.?]{0,30}(?:credential|certific)", text):
        return None
    m = re.search(r"(?:credentials?|certifications?|certificates?)\s*(?:in|for|:)\s*"
                  r"([a-z0-9+ ]{2,20}?)(?:[,.;?]|\sand\s|$)", text)
    if re.search(rf"{_NEGATION}[^.?]{{0,20}}(?:credential|certific)", text):
        return []
    return [m.group(1).strip()] if m else ["credential"]


def _wbl_kinds(text: str, hours: dict[str, float]) -> list[str]:
    """Experiences said without hours: "did a co-op", "she has an internship"."""
    kinds = []
    for kind, pattern in _KINDS.items():
        if kind == "immersive" or kind in hours:
            continue
        if re.search(rf"\b(?:a|an|her|his|my|their|one|the|in a|in an)\s+(?:paid\s+|summer\s+|"
                     rf"unpaid\s+|\w+\s+)?(?:{pattern})\b", text) and not re.search(
                         rf"{_NEGATION}[^.?]{{0,25}}(?:{pattern})", text):
            kinds.append(_WBL_KIND[kind])
    return kinds


def extract_facts(message: str, subjects: dict[str, str] | None = None) -> Reading:
    """The facts one message states. `subjects` maps MassCore subject words to plan fields."""
    text = " " + message.lower().replace("’", "'") + " "
    data: dict = {}
    hours, added = _hours(text)
    for kind, key in (("internship", "internship_hours"), ("capstone", "capstone_hours"),
                      ("coop", "coop_hours"), ("job_shadow", "job_shadow_hours"),
                      ("immersive", "immersive_hours")):
        if kind in hours:
            data[key] = hours[kind]
    m = re.search(rf"{NUMBER}\s+(?:technical|tech|career|cte|shop|vocational|engineering|"
                  rf"pathway)\s+{_COURSE}", text)
    if m:
        data["technical_courses"] = int(to_number(m.group(1)))
    else:  # a course list labelled by type: "Intro to Energy Systems (technical), ..."
        labelled = len(re.findall(r"\((?:technical|tech)\)", text))
        if labelled:
            data["technical_courses"] = labelled
    college = _college_courses(text)
    if college is not None:
        data["college_level_courses"] = college
    m = re.search(rf"{NUMBER}\s+(?:(?:college|gen ?ed|transfer)\s+)?credits?\b", text)
    if m and not re.search(rf"{NUMBER}\s+(?:\w+\s+)?credits?\s+of\s+(?:english|math|science|"
                           rf"history)", text):
        data["college_credits"] = to_number(m.group(1))
        if re.search(r"gen\s?ed|general education|transfer block", text):
            data["gened_transfer"] = True
        if re.search(rf"\b(?:a|an|one more|another)\s+{NUMBER}[- ]credit\b", text):
            added.add("college_credits")  # "a 4 credit class": one more course's credits
    mycap = _mycap(text)
    if mycap is not None:
        data["mycap"] = mycap
    credentials = _credentials(text)
    if credentials is not None:
        data["credentials"] = credentials
    kinds = _wbl_kinds(text, hours)
    if kinds:
        data["wbl_kinds"] = kinds
    units = _masscore(text, subjects or {})
    if units:
        data["masscore"] = units
    keys = {"internship": "internship_hours", "capstone": "capstone_hours",
            "coop": "coop_hours", "job_shadow": "job_shadow_hours",
            "immersive": "immersive_hours"}
    return Reading(StatedFacts(**data), hours.get("unspecified"),
                   {keys.get(k, k) for k in added if k in keys or k in data},
                   "unspecified" in added)
