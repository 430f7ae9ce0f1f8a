"""Reading a message, with the conversation before it, into one `Question`.

Earlier user turns are read the same way, to carry the student's facts, the pathways
talked about and the last question kind; the server keeps no state between turns.
"""

from __future__ import annotations

import re
from dataclasses import dataclass, field, replace
from pathlib import Path

from advisor.catalog.bundle import Catalog, load_catalog
from advisor.catalog.glossary import find_terms
from advisor.catalog.language import find_aspects
from advisor.catalog.pathways import find_pathways
from advisor.catalog.rulings import find_ruling
from advisor.catalog.sectors import match_interests
from advisor.stated import StatedFacts, stated_model
from advisor.understand.facts import Unusable, extract_facts, shown
from advisor.understand.offering import OfferingAsk, read_offering
from advisor.understand.question import Question

__all__ = ["Question", "understand", "user_messages"]

_COMPARE = r"\b(?:differen\w*|compare\w*|vs\.?|versus|better)\b"


@dataclass
class _Context:
    facts: StatedFacts = field(default_factory=StatedFacts)
    pathways: tuple[str, ...] = ()
    last_hours: str | None = None
    kind: str | None = None
    term: str | None = None  # the glossary term last asked about
    turns: int = 0
    offering: OfferingAsk = field(default_factory=OfferingAsk)


def user_messages(history) -> list[str]:
    """The user's turns of a history in any shape Gradio or a script sends."""
    out = []
    for turn in history or []:
        if isinstance(turn, dict) and turn.get("role") == "user":
            content = turn.get("content")
            out.append(content if isinstance(content, str) else str(content))
        elif isinstance(turn, list | tuple) and turn and isinstance(turn[0], str):
            out.append(turn[0])
        elif isinstance(turn, str):
            out.append(turn)
    return out


def _plan_pathway(facts: StatedFacts) -> str:
    """The pathway a plan speaks to when the message names none."""
    if facts.immersive_hours is not None or facts.credentials or facts.coop_hours is not None \
            or "co-op" in (facts.wbl_kinds or []):
        return "cte"
    if facts.college_credits is not None and facts.college_level_courses is None:
        return "early-college"
    only = facts.model_dump(exclude_none=True)
    if set(only) == {"masscore"}:
        return "masscore"
    return "icp"


_ASKS_MEANING = r"(?:what(?: even| exactly| actually| really)?(?:'s|s| is| are| was)|define|" \
    r"definition of|meaning of|what does|explain|never heard of|tell me about|" \
    r"what do (?:they|you) mean by|wtf is|what the heck is)"


def _defines(t: str, term) -> bool:
    """The message asks what the term is: short, or the term right after "what is"."""
    names = [term.term.lower(), *term.aliases]
    if len(t.split()) <= 5:
        return True
    return any(re.search(_ASKS_MEANING + r"\s+(?:(?:a|an|the|this|that) )?['\"]?(?:\w+ ){0,1}"
                         + re.escape(n), t) or re.search(re.escape(n) + r"\W{0,2}\s+(?:mean|"
                                                         r"stand for|is what)", t)
               for n in names)


# What a follow-up carries from the turns before: an inherited kind must still have these
# of the conditions it requires ("why?" after "what is icp" needs the term icp).
_CARRIED = ("term", "pathway", "two_pathways", "offering")


def _can_answer(cat: Catalog, kind_id: str, conditions: dict[str, bool]) -> bool:
    kind = next((k for k in cat.kinds if k.id == kind_id), None)
    return kind is not None and all(conditions[c] for c in kind.requires if c in _CARRIED)


def _pathway_term(cat: Catalog, named: tuple[str, ...]) -> str | None:
    """The glossary term of the first pathway named ("and EC?" after a definition)."""
    for pid in named:
        found = find_terms(cat.types[pid].name, cat.glossary)
        if found:
            return found[0]
    return None


def _classify(cat: Catalog, text: str, conditions: dict[str, bool]) -> str:
    for kind in cat.kinds:
        if kind.holds(text, conditions):
            return kind.id
    return "passages"


def _asking(t: str) -> str:
    """The sentence that asks: the last one ending in "?", else the last one."""
    said = [s for s in re.split(r"(?<=[.?!])\s+", t) if s.strip()]
    asked = [s for s in said if s.rstrip().endswith("?")]
    return (asked or said or [t])[-1]


def _read(cat: Catalog, original: str, ctx: _Context, audience: str) -> Question:
    ph = cat.phrases
    message = ph.normalised(original.replace("’", "'"))
    t = message.lower().strip()
    asking = _asking(t)
    named = tuple(find_pathways(message, cat.types))
    reading = extract_facts(message, cat.plan_facts)
    if len(named) > 1 and "complete" in (reading.facts.masscore or {}):
        named = tuple(p for p in named if p != "masscore")  # "my masscore is done": a fact
    # a number refused as out of range was still said of someone: the question stays theirs
    states = not reading.facts.is_empty() or reading.loose_hours is not None \
        or bool(reading.unusable)
    # "my son missed school. can the voc school refuse him?": the asking sentence decides
    opens_asking = bool(re.search(ph.yes_no, t)) and not re.search(ph.request, t)
    clause = asking.rsplit(", ", 1)[-1]  # "her school does a capstone, does that count?"
    yes_no = opens_asking or any(re.search(ph.yes_no, s) and not re.search(ph.request, s)
                                 for s in (asking, clause))
    follow = ctx.turns > 0 and bool(re.search(ph.follow_up, t))
    # In a follow-up, facts said without a subject ("another 50 hours") are the student's.
    # "she has 4 math credits. does she meet MassCore?" states facts before it asks
    about_student = states and bool(re.search(ph.student, t) or (follow and not opens_asking) or (
        not opens_asking and re.search(ph.list_of_facts, t)) or (
        not opens_asking and re.search(ph.first_person, t)
        and not re.search(ph.asks_need, t)))
    aspects = find_aspects(re.sub(ph.beyond, " ", t), cat.aspects)

    pathways = named
    if len(named) == 1 and ctx.pathways and named[0] not in ctx.pathways \
            and re.search(_COMPARE, t):
        pathways = (ctx.pathways[0], *named)  # "how is that different from early college?"
    if not pathways:
        implied = tuple(dict.fromkeys(cat.aspect(a).implies for a in aspects
                                      if cat.aspect(a).implies))
        # a follow-up stays with the pathway talked about ("a 4 credit biology class" after
        # an Early College question is not a MassCore question)
        pathways = (ctx.pathways or implied) if follow or states else (implied or ctx.pathways)
    if "masscore" in pathways and len(aspects) > 1:
        aspects = [a for a in aspects if a != "masscore"]
    if pathways == ("masscore",):
        aspects = [a for a in aspects if a != "masscore"]

    facts, new_facts = ctx.facts, False
    unusable = list(reading.unusable)
    if about_student:
        new = reading.facts
        added = set(reading.added)
        said = dict(reading.said)
        if reading.loose_hours is not None:  # "I now have 120 hours": the kind last talked of
            key = ctx.last_hours or ("immersive_hours" if "cte" in pathways
                                     else "internship_hours")
            new = new.merged(type(new)(**{key: reading.loose_hours}))
            said[key] = reading.loose_said
            if reading.loose_added:
                added.add(key)
        # "another 9000 hours" on 6000 would pass the fact's max: not added, and said so
        for key in sorted(past := ctx.facts.past_range(new, added)):
            unusable.append(Unusable(shown(said.get(key, "")), cat.plan_facts.out_of_range.say(
                cat.plan_facts.named(key), shown(said.get(key, "")), "total_above")))
        new = new.without(past)
        stated = [f.name for f in cat.plan_facts.hours() if getattr(new, f.name) is not None]
        ctx.last_hours = stated[-1] if stated else ctx.last_hours
        facts = ctx.facts.merged(new, added - past)
        new_facts = True
    hypothetical = stated_model(cat.plan_facts)()
    # "does it have to include a college course?" asks what the rule includes: "a" is no count
    article_only = yes_no and bool(re.search(ph.asks_requires, t)) and not re.search(ph.counts, t)
    if states and not about_student and not article_only:  # "is 850 hours in the shop enough?"
        hypothetical = reading.facts
        if reading.loose_hours is not None:
            key = "immersive_hours" if "cte" in pathways else "internship_hours"
            hypothetical = hypothetical.merged(type(hypothetical)(**{key: reading.loose_hours}))

    ruling = find_ruling(message, pathways, cat.rulings)
    if ruling and not yes_no and not (ruling.silent and ruling.open_questions):
        ruling = None  # a yes or no answers only a yes/no question
    mentions = find_terms(message, cat.glossary)
    # the term asked about: of those named, the longest-named one the message asks to define
    term = next((m for m in mentions if _defines(t, cat.term(m))), None)
    if term is not None:
        ctx.term = term
    matches = match_interests(message, cat.sectors)
    offering = read_offering(message, cat, named)
    refers = ctx.kind == "offerings" and cat.offerings is not None and bool(
        re.search(cat.offerings.reading.refers_back, t))
    # "we're in lowell" answers "which town?" after a question about "our area"
    answers_town = ctx.kind == "offerings" and ctx.offering.near_asker and bool(offering.towns)
    if answers_town:
        offering = replace(offering, near=True)
    # "what is early college?" after a list of schools asks for the term, not more schools
    defines = term is not None and not refers
    if (follow or refers or answers_town) and ctx.kind == "offerings" and offering.said \
            and not defines:
        # "and near worcester?" keeps what was asked for; "and clean energy?" keeps the
        # place, "near" included; "does it have early college?" keeps the school, but not
        # the welding asked about before
        last = ctx.offering
        same_place = not (offering.towns or offering.schools)
        where = last if same_place else offering
        new_subject = bool(offering.sectors or offering.programs or offering.jobs
                           or offering.types)
        what = offering if new_subject else last
        offering = replace(offering, schools=where.schools, towns=where.towns,
                           places=where.places, near=where.near, nearest=where.nearest,
                           school_names=where.school_names, sectors=what.sectors,
                           sectors_named=what.sectors_named, programs=what.programs,
                           jobs=what.jobs, types=offering.types or last.types,
                           asks=True, asks_schools=True)
    conditions = {"student_facts": not facts.is_empty(), "new_facts": new_facts,
                  "pathway": bool(pathways), "two_pathways": len(pathways) >= 2,
                  "aspect": bool(aspects), "term": term is not None,
                  "ruling": ruling is not None, "yes_no": yes_no, "sectors": bool(matches),
                  "plan_asked": new_facts and not (ruling is not None and yes_no
                                                   and not re.search(ph.asks_verdict, asking)),
                  "offering": offering.wanted}
    kind = _classify(cat, t, conditions)
    if follow and ctx.kind and (kind == "passages" or (
            re.search(ph.repeat, t) and not new_facts and len(t.split()) <= 8)):
        # "what about Early College?" asks the last question again, about what it names or
        # else what the last one was about; a kind left without what it needs is not asked
        carried = term or (_pathway_term(cat, named) if ctx.kind == "definition" else None) \
            or ctx.term
        again = {**conditions, "term": carried is not None}
        if _can_answer(cat, ctx.kind, again):
            kind = ctx.kind
            if kind == "definition":
                term = carried
    if kind == "passages" and not facts.is_empty() and follow and named:
        kind = "plan_check"
    if kind == "plan_check" and not pathways:
        pathways = (_plan_pathway(facts),)
    if kind == "fit" and matches and not pathways:
        pathways = ("icp",)  # the sectors matched are Innovation Career Pathways sectors
    wants = tuple(w.id for w in ph.wants if re.search(w.cues, t))
    asked = re.search(ph.asks_what, t)
    place = re.search(ph.named_place, t)

    ctx.facts = facts
    ctx.offering = offering
    if pathways:
        ctx.pathways = pathways
    ctx.kind = kind
    ctx.turns += 1
    return Question(text=original, kind=kind, pathways=pathways, named=named, facts=facts,
                    unusable=tuple(unusable),
                    new_facts=new_facts, hypothetical=hypothetical, aspects=tuple(aspects),
                    term=term, mentions=tuple(mentions),
                    asked_name=asked.group("name") if asked and not term else None,
                    place=place.group("name") if place else None,
                    ruling=ruling.id if ruling else None, yes_no=yes_no,
                    sectors=tuple(s for s, _ in matches),
                    interest_words=tuple(w for _, ws in matches for w in ws), wants=wants,
                    follow_up=follow, audience=audience, offering=offering)


def understand(message: str, catalog_dir: Path, history=None,
               audience: str = "student") -> Question:
    """The message read in the light of the user's earlier turns."""
    cat = load_catalog(catalog_dir)
    ctx = _Context(facts=stated_model(cat.plan_facts)())
    for earlier in user_messages(history):
        _read(cat, earlier, ctx, audience)
    return _read(cat, message, ctx, audience)
