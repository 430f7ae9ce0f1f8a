"""Facts stated in words ("60 hours of internship", "AP Bio and AP Chem", "a co-op").

Only what is said is read; a course type or hour count nobody mentioned stays unknown.
Each fact is read from its words in the registry (knowledge/catalog/plan-facts.yaml) by the
reader for its kind: hours, MassCore units, a count of courses, a yes/no said of the
student, a number beside its words. Some facts are said in ways a word list can't hold, and
have patterns of their own here, found by their place: college-level courses named one by
one, college credits, named credentials, physical education, MassCore said to be done.
"""

from __future__ import annotations

import re
from dataclasses import dataclass, field

from advisor.catalog.plan_facts import (
    NUMBERS,
    Fact,
    PlanFacts,
    configured_catalog,
    load_plan_facts,
)
from advisor.stated import stated_model
from advisor.understand.numbers import COUNT, NUMBER, to_number

_HOURS = r"(?:hours?|hrs?)"
_COURSE = r"(?:classes|class|courses|course)"
_MORE = r"(?:another|more|additional|extra)"
_NEGATION = r"\b(?:no|not|don't|doesn't|didn't|without|haven't|hasn't|never)\b"
_TECHNICAL = "courses[technical]"
_COLLEGE = "courses[college_level]"
_CREDITS = "courses[college_level].college_credits"
_GENED = "courses[college_level].gened_transfer"
_PE = "pe"
# Places read by a pattern of their own rather than by their kind's reader.
_OWN = {_COLLEGE, _CREDITS, _GENED, "credentials"}


@dataclass(frozen=True)
class Unusable:
    """A number said that is not a fact: outside its fact's range in the registry."""

    said: str  # the words as written, a very long number shortened
    message: str  # what the reply says, from the registry's out_of_range


@dataclass
class Reading:
    """What one message states: facts, hours of no named kind, and which hours add up."""

    facts: object  # the registry's StatedFacts
    loose_hours: float | None = None
    added: set[str] = field(default_factory=set)  # hour facts said as "another 50 hours"
    loose_added: bool = False
    unusable: list[Unusable] = field(default_factory=list)  # numbers said but not believed
    said: dict[str, str] = field(default_factory=dict)  # fact -> the words that stated it
    loose_said: str = ""


_LONG_NUMBER = re.compile(r"\d{25,}")


def shown(said: str) -> str:
    """The words as written, for a reply; a number of hundreds of digits is shortened."""
    said = _LONG_NUMBER.sub(lambda m: f"{m.group(0)[:20]}… ({len(m.group(0))} digits)",
                            " ".join(said.split()))
    return said if len(said) <= 120 else said[:119] + "…"


def refusal(facts: PlanFacts, fact: Fact, value: float, said: str) -> Unusable | None:
    """Why a value cannot be the fact, or None when it is inside the fact's range."""
    where = fact.out_of_range(value)
    return Unusable(shown(said), facts.out_of_range.say(fact, shown(said), where)) \
        if where else None


def loose_hours_fact(facts: PlanFacts) -> Fact | None:
    """What bounds hours said of no named kind: the widest range of the hours facts."""
    return max(facts.hours(), key=lambda f: f.max or 0, default=None)


def _words(fact: Fact) -> str:
    """The fact's words as one alternative, longest first, so a longer phrase wins; with no
    words, one that never matches."""
    return "|".join(re.escape(w) for w in sorted(fact.words, key=len, reverse=True)) or "(?!)"


def _hours(text: str, facts: tuple[Fact, ...], said: dict[str, str]
           ) -> tuple[dict[str, float], set[str], float | None, bool, str]:
    """(hours by fact, facts said as more, hours of no named kind, whether those add, the
    words of those); `said` gets the words of each fact found."""
    found: dict[str, float] = {}
    added: set[str] = set()
    for fact in facts:
        pattern = _words(fact)
        forms = [
            rf"(?:{_MORE}\s+)?{NUMBER}\s*\+?\s*(?:{_MORE}\s+)?{_HOURS}\s+(?:of\s+|in\s+(?:the\s+|a\s+)?)?"
            rf"(?:{pattern})",
            rf"(?:{pattern})\s+(?:for\s+|of\s+|with\s+)?(?:{_MORE}\s+)?{NUMBER}\s*(?:{_MORE}\s+)?{_HOURS}",
            rf"(?:{_MORE}\s+)?{NUMBER}[- ]hours?\s+(?:{pattern})",
            rf"(?:{_MORE}\s+)?{NUMBER}\s+(?:{pattern})\s+{_HOURS}",
        ]
        for i, form in enumerate(forms):
            for m in re.finditer(form, text):
                if i == 0 or fact.name not in found:
                    found[fact.name] = to_number(m.group(1))
                    said[fact.name] = m.group(0)
                    if re.search(_MORE, m.group(0)):
                        added.add(fact.name)
    if not found:
        m = re.search(rf"(?:({_MORE})\s+)?{NUMBER}\s*(?:({_MORE})\s+)?{_HOURS}\b", text)
        if m:
            return (found, added, to_number(m.group(2)), bool(m.group(1) or m.group(3)),
                    m.group(0))
    return found, added, None, False, ""


_SUBJECT = r"\b(?:i|we|he|she|they|my (?:son|daughter|kid|child|student))\b"


def _said_of_student(text: str, fact: Fact) -> bool | None:
    """A yes/no about the student's own thing ("I have my MyCAP"); "what is a MyCAP?" is
    not one."""
    said = rf"(?:{_words(fact)})"
    if re.search(rf"{_NEGATION}[^.?]{{0,25}}{said}", text):
        return False
    if re.search(rf"{_SUBJECT}(?:'ve|'s| have| has| already have| made| finished| completed|"
                 rf" keep| keeps| started| set up| did| wrote| built| use| uses)\b[^.?]{{0,80}}"
                 rf"\b(?:a|an|my|her|his|their|our)?\s*{said}", text) \
            or re.search(rf"\b(?:my|her|his|their|our) {said}\s+(?:is|was|'s)\s+(?:done|complete|"
                         rf"finished|set up|up to date|ready|online|on|in|kept)\b", text) \
            or re.search(rf"\b(?:and|plus|with|also)\s+(?:a|my|her|his)\s+{said}\b(?!\s+(?:is|"
                         rf"was)?\s*(?:required|needed))", text) and re.search(_SUBJECT, text):
        return True
    return None


def _course_count(text: str, fact: Fact) -> tuple[float, str] | None:
    """ "2 tech classes"; technical courses may also be a list labelled by type
    ("Intro to Energy Systems (technical), ...")."""
    m = re.search(rf"{NUMBER}\s+(?:{_words(fact)})\s+{_COURSE}", text)
    if m:
        return to_number(m.group(1)), m.group(0)
    if str(fact.place) == _TECHNICAL:
        labelled = re.findall(r"\((?:technical|tech)\)", text)
        return (len(labelled), "(technical)") if labelled else None
    return None


def _number(text: str, fact: Fact) -> tuple[float, str] | None:
    """A number beside the fact's words: "3 college visits", "2 visits to colleges"."""
    m = re.search(rf"{NUMBER}\s+(?:{re.escape(fact.unit)}\s+(?:of\s+|in\s+)?)?"
                  rf"(?:{_words(fact)})\b", text)
    return (to_number(m.group(1)), m.group(0)) if m else None


def _by_kind(text: str, fact: Fact):
    """A fact read by the reader of its kind, with the words that said it when it is a
    number; hours and MassCore units are read apart."""
    if fact.type == "yesno":
        return _said_of_student(text, fact)
    if fact.type in ("count", "amount") and fact.unit != "hours":
        return _course_count(text, fact) if fact.unit == "courses" else _number(text, fact)
    return None  # a list or text needs a pattern of its own


def _college_courses(text: str, fact: Fact) -> tuple[float, str] | None:
    counted = [(m.group(1), m.group(0)) for m in re.finditer(
        rf"{NUMBER}\s+(?:{_words(fact)})(?:\s+\w+)?\s+{_COURSE}", text)] or [
        (m.group(1) or m.group(2), m.group(0)) for m in
        re.finditer(rf"{NUMBER}\s+(?:ap|ib)s\b|{COUNT}\s+(?:ap|ib)\b", text)]
    total = sum(to_number(n) for n, _ in counted) if counted else 0
    # Named courses: "AP Bio and AP Chem", "IB History", "dual enrollment English"; with a
    # count beside them ("AP Psych and a dual enrollment anatomy class"), the larger holds.
    named = {m.group(0) for m in re.finditer(
        r"\b(?:ap|ib|dual[- ]enrollment)\s+(?!(?:class|course|credit|exam|test|score|or|and|"
        r"to|for|in|is|are|count|counts|the|a|an|program|programs|classes|courses|headaches?|"
        r"problems?|issues?|challenges?|barriers?|partners?|partnerships?|agreements?|polic\w+|"
        r"office|coordinators?|options?|opportunit\w+|students?|teachers?|with)\b)[a-z][a-z.]+",
        text)}
    if total < 0 or total > len(named):  # a negative count is refused, never outweighed
        return total, " and ".join(words for _, words in counted)
    return (len(named), " and ".join(sorted(named))) if named else None


def _credits(text: str, credits: Fact, gened: Fact | None, said: dict[str, str]
             ) -> tuple[dict, set[str]]:
    """College credits, not MassCore's "4 credits of math"; "a 4 credit class" adds one
    more course's credits to those said before."""
    m = re.search(rf"{NUMBER}\s+(?:(?:college|gen ?ed|transfer)\s+)?credits?\b", text)
    if not m or re.search(rf"{NUMBER}\s+(?:\w+\s+)?credits?\s+of\s+(?:english|math|science|"
                          rf"history)", text):
        return {}, set()
    found = {credits.name: to_number(m.group(1))}
    said[credits.name] = m.group(0)
    if gened is not None and re.search(_words(gened), text):
        found[gened.name] = True
    added = {credits.name} if re.search(rf"\b(?:a|an|one more|another)\s+{NUMBER}[- ]credit\b",
                                        text) else set()
    return found, added


def _credentials(text: str, fact: Fact) -> list[str] | None:
    if not re.search(rf"\bosha\b|servsafe|\bcna\b|{_words(fact)}", text):
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


# Words for a world language that name none in particular.
_ANY_LANGUAGE = {"language", "world language", "foreign language"}


def _masscore(text: str, facts: PlanFacts, said: dict[str, str]) -> dict[str, float | bool]:
    """MassCore units said in words: "4 english, 3 math, 3 lab science, 2 spanish"; `said`
    gets the words of each subject's units, by MassCore key."""
    subjects = facts.subjects()
    units: dict[str, float | bool] = {}
    languages: dict[str, float] = {}
    language_words: list[str] = []
    for word in sorted(subjects, key=len, reverse=True):
        w = re.escape(word)
        # "4 math credits", but not "a 4 credit biology class" (a college course's credits)
        for m in re.finditer(rf"{COUNT}\s+(?:(?:full\s+)?(?:years?|units?|credits|yrs?)\s+"
                             rf"(?:of\s+)?)?{w}\w*\b(?!\s+{_COURSE}\s+(?:for|in)\b)"
                             rf"|\b{w}\w*\s*[:=-]?\s*{COUNT}\s*(?:years?|units?|yrs?)\b", text):
            value = m.group(1) or m.group(2)
            if subjects[word] == "world_language" and word not in _ANY_LANGUAGE:
                if word not in languages:
                    language_words.append(m.group(0))
                languages.setdefault(word, to_number(value))
            units.setdefault(subjects[word], to_number(value))
            said.setdefault(subjects[word], m.group(0))
    if languages:  # "2 years of Spanish": one language; "1 of French and 1 of Spanish": two
        units["world_language"] = sum(languages.values())
        said["world_language"] = " and ".join(language_words)
        units["world_language_same"] = len(languages) == 1
    for fact in facts.in_section("masscore"):
        if not (fact.stated and fact.type == "yesno" and fact.words):
            continue
        if fact.place.key == _PE:  # said beside the units: "4 english, 3 math and PE"
            if units and re.search(rf"\b(?:{_words(fact)})\b", text) \
                    and not re.search(rf"{_NEGATION}[^.?,]{{0,15}}\b(?:pe|gym|physical)", text):
                units[_PE] = True
        elif (said := _said_of_student(text, fact)) is not None:
            units[fact.place.key] = said
    # MassCore said to be done as a whole: "all my masscore stuff is done already"
    whole = re.search(r"\bmass ?core(?: stuff| requirements?| courses?| classes| units?)?"
                      r"(?: is| are|'s)?(?: all| already| now| basically)* (?:(not|n't) )?(?:yet )?"
                      r"(?:done|complete|completed|finished|covered|taken care of)\b"
                      r"|\b(?:finished|completed|done with) (?:all )?(?:(?:my|her|his|the) )?"
                      r"mass ?core\b", text)
    if whole:
        units["complete"] = not whole.group(1)
    return units


def _wbl_kinds(text: str, facts: PlanFacts, hours: dict[str, float]) -> list[str]:
    """Experiences said without hours: "did a co-op", "she has an internship"."""
    kinds = []
    for fact in facts.hours():
        if fact.place.section != "work_based_learning" or fact.name in hours:
            continue
        pattern = _words(fact)
        if re.search(rf"\b(?:a|an|her|his|my|their|one|the|in a|in an)\s+(?:paid\s+|summer\s+|"
                     rf"unpaid\s+|\w+\s+)?(?:{pattern})\b", text) and not re.search(
                         rf"{_NEGATION}[^.?]{{0,25}}(?:{pattern})", text):
            kinds.append(fact.place.key)
    return kinds


def _in_range(facts: PlanFacts, data: dict, said: dict[str, str]) -> list[Unusable]:
    """Numbers outside their fact's range leave `data`, each with what the reply says of
    it; counts become whole numbers only once inside it (inf or 10^300 never reach int)."""
    refused = []
    by_name = {f.name: f for f in facts.stated()}
    for name, value in list(data.items()):
        fact = by_name.get(name)
        if fact is None or fact.type not in NUMBERS or isinstance(value, bool):
            continue
        if (why := refusal(facts, fact, value, said.get(name, f"{value:g}"))) is not None:
            refused.append(why)
            del data[name]
        elif fact.type == "count":
            data[name] = int(value)
    units = data.get("masscore") or {}
    by_key = {f.place.key: f for f in facts.in_section("masscore") if f.type in NUMBERS}
    for key, value in list(units.items()):
        if key in by_key and not isinstance(value, bool) and (why := refusal(
                facts, by_key[key], value, said.get(key, f"{value:g}"))) is not None:
            refused.append(why)
            del units[key]
            units.pop(f"{key}_same", None)
    if "masscore" in data and not units:
        del data["masscore"]
    return refused


def _as_written(message: str, words: str) -> str:
    """The words as the message wrote them (the reading is lower-cased)."""
    m = re.search(re.escape(words.strip()), message, re.I)
    return m.group(0) if m else words.strip()


def extract_facts(message: str, facts: PlanFacts | None = None) -> Reading:
    """The facts one message states, as the registry `facts` (default: the configured
    catalog's) names them; a number outside its fact's range is not one of them, but is
    listed as unusable."""
    facts = facts or load_plan_facts(configured_catalog().resolve())
    text = " " + message.lower().replace("’", "'") + " "
    said: dict[str, str] = {}
    hours, added, loose, loose_added, loose_said = _hours(text, facts.hours(), said)
    data: dict = dict(hours)
    at = {str(f.place): f for f in facts.stated()}
    for fact in facts.stated():
        if fact.words and fact.place.section != "masscore" and str(fact.place) not in _OWN \
                and (value := _by_kind(text, fact)) is not None:
            if isinstance(value, tuple):
                data[fact.name], said[fact.name] = value
            else:
                data[fact.name] = value
    if _COLLEGE in at and (college := _college_courses(text, at[_COLLEGE])) is not None:
        data[at[_COLLEGE].name], said[at[_COLLEGE].name] = college
    if _CREDITS in at:
        credits, more = _credits(text, at[_CREDITS], at.get(_GENED), said)
        data.update(credits)
        added |= more
    if "credentials" in at and (credentials := _credentials(text, at["credentials"])) is not None:
        data[at["credentials"].name] = credentials
    kinds = _wbl_kinds(text, facts, hours)
    if kinds:
        data["wbl_kinds"] = kinds
    units = _masscore(text, facts, said)
    if units:
        data["masscore"] = units
    said = {k: _as_written(message, v) for k, v in said.items()}
    loose_said = _as_written(message, loose_said)
    unusable = _in_range(facts, data, said)
    bound = loose_hours_fact(facts)
    if loose is not None and bound is not None \
            and (why := refusal(facts, bound, loose, loose_said)) is not None:
        unusable.append(why)
        loose, loose_added = None, False
    return Reading(stated_model(facts)(**data), loose, {k for k in added if k in data},
                   loose_added, unusable, said, loose_said)
