"""Which schools offer what: answered from the catalog rows in the index, each row cited by
its own public page and date. Rows are never guidance evidence; this is the only answerer
that reads them."""

from __future__ import annotations

import re
from dataclasses import dataclass, replace

from advisor.answers import answers
from advisor.answers.blocks import Bullets, Cite, Lead, Line, Note
from advisor.catalog.offerings import how_recent

SHOWN_SCHOOLS = 12  # a longer list points to the Explore tab for the rest
NEAREST_SHOWN = 3
CLOSEST_SHOWN = 5   # "the closest schools to X": this many, by distance
FEW_NEAR = 3        # "near X" finding fewer schools than this also shows the next nearest
ANYWHERE_MILES = 1000.0  # every town of the state


@dataclass(frozen=True)
class _Scope:
    where: dict | None            # the subject and type filter
    place: dict | None            # the school or town filter
    subject: str                  # "an Innovation Career Pathway in Clean Energy"
    location: str                 # " in Worcester", " within 15 miles of Lowell", ""
    distance: dict[str, float]    # town -> miles, for "near"
    # a sector asked for with no pathway type: the Chapter 74 programs related to it, shown
    # apart ("a health care pathway near Lowell" is also Shawsheen's Health Assisting)
    related: dict | None = None


def _join(names: list[str], word: str = "or") -> str:
    names = list(dict.fromkeys(names))
    return names[0] if len(names) == 1 else ", ".join(names[:-1]) + f" {word} {names[-1]}"


def _related(ask, catalog) -> dict | None:
    """Chapter 74 programs related to the sectors asked for, when no pathway type, program
    or school is named: a filter for them."""
    # "our area" with no town: the statewide list alone, not its kin
    if ask.types or ask.programs or ask.jobs or ask.schools or ask.near_asker \
            or not ask.sectors or not catalog.programs:
        return None
    ids = [p.id for p in catalog.programs.programs if set(p.sectors) & set(ask.sectors)]
    return {"$and": [{"type": "cte"}, {"program": {"$in": ids}}]} if ids else None


def _subject(ask, catalog) -> tuple[dict | None, str]:
    parts, what = [], []
    programs = {p.id: p for p in catalog.programs.programs} if catalog.programs else {}
    asked = list(ask.programs) + list(ask.jobs)  # named, or found through a job
    # A named program ("dental assisting") is asked for itself; a sector its keywords found
    # ("dental" is a health word) would widen it to every health pathway.
    sectors = list(ask.sectors_named if ask.programs else ask.sectors)
    # A sector also reaches the Chapter 74 programs related to it when the question is about
    # a school's programs or Chapter 74 ("health programs" at a technical school): those rows
    # have programs, not sectors. An HVAC program is not a "clean energy pathway" otherwise.
    related = [p.id for p in programs.values() if set(p.sectors) & set(sectors)] \
        if not asked and (ask.schools or "cte" in ask.types) else []
    if sectors or asked:
        either = []
        if sectors:
            either.append({"sector": {"$in": sectors}})
        if asked or related:
            either.append({"program": {"$in": asked + related}})
        what = [programs[p].name for p in asked if p in programs] or [
            catalog.sectors[s].name for s in sectors]
        parts.append(either[0] if len(either) == 1 else {"$or": either})
    if ask.types:
        parts.append({"type": {"$in": list(ask.types)}})
    kinds = _join([catalog.types[t].name for t in ask.types]) if ask.types else "a pathway"
    subject = f"{kinds} in {_join(what)}" if what else kinds
    if asked and not ask.types and not ask.sectors_named and what:
        subject = f"{_join(what)} (a Chapter 74 program)"
    if ask.partners:
        subject += f" with {_join(list(ask.partners))}"
    where = None if not parts else parts[0] if len(parts) == 1 else {"$and": parts}
    return where, subject


def _place(ask, catalog) -> tuple[dict | None, str, dict[str, float]]:
    if ask.schools:
        return {"school": {"$in": list(ask.schools)}}, f" at {_join(list(ask.schools))}", {}
    if not ask.towns:
        return None, "", {}
    towns = catalog.towns
    miles = catalog.offerings.reading.near_miles
    if (ask.near or ask.nearest) and towns is not None:
        reach = ANYWHERE_MILES if ask.nearest else miles
        distance = _distances(towns, ask.towns, reach)
        where = (f" nearest to {_join(list(ask.towns))}" if ask.nearest
                 else f" within {miles:g} miles of {_join(list(ask.towns))}")
        return {"town": {"$in": sorted(distance)}}, where, distance
    villages = {w.lower(): t for w, t in (towns.villages.items() if towns else ())}
    said = [w for w in ask.places if w in villages]
    if said and len(ask.towns) == 1:  # "in roxbury": that part of Boston
        name = next(w for w in towns.villages if w.lower() == said[0])
        return {"place": name}, f" in {name} ({ask.towns[0]})", {}
    return {"town": {"$in": list(ask.towns)}}, f" in {_join(list(ask.towns))}", {}


def _distances(towns, homes, miles: float) -> dict[str, float]:
    distance: dict[str, float] = {}
    for town in homes:
        for name, d in towns.near(town, miles):
            distance[name] = min(d, distance.get(name, d))
    return distance


def _scope(ask, catalog) -> _Scope:
    where, subject = _subject(ask, catalog)
    place, location, distance = _place(ask, catalog)
    return _Scope(where, place, subject, location, distance, _related(ask, catalog))


def _both(a: dict | None, b: dict | None) -> dict | None:
    return {"$and": [a, b]} if a and b else a or b


def _either(a: dict | None, b: dict | None) -> dict | None:
    return {"$or": [a, b]} if a and b else a or b


def _cite(hit) -> Cite:
    row = hit.row or {}
    return Cite(source=hit.source, quote=_record(hit), section=f"row {row.get('row')}",
                url=row.get("url"), title=hit.title, as_of=row.get("as_of"),
                retrieved=row.get("retrieved"))


def _record(hit) -> str:
    return (hit.row or {}).get("record") or hit.text


def _dated(row: dict) -> str:
    if row.get("as_of"):
        return f"page dated {row['as_of']}"
    return f"page undated, read {row['retrieved']}" if row.get("retrieved") else "undated"


def _pathway(row: dict) -> str:
    year = f", designated {row['year_designated']}" if row.get("year_designated") else ""
    return f"{row.get('pathway_name')}{year} ({_dated(row)})"


def _lines(hits, distance: dict[str, float]) -> list[Line]:
    by_school: dict[str, list] = {}
    for h in hits:
        by_school.setdefault(h.row["school"], []).append(h)
    lines = []
    for school, rows in by_school.items():
        first = rows[0].row
        where = first.get("town_text") or first.get("town") or ""
        if first.get("town") in distance:
            where += f", about {distance[first['town']]:.0f} mi"
        text = f"{school} ({where}): " + "; ".join(_pathway(h.row) for h in rows)
        lines.append(Line(text, tuple(_cite(h) for h in rows)))
    return lines


def _order(hits, distance: dict[str, float]) -> list:
    return sorted(hits, key=lambda h: (distance.get(h.row.get("town"), 0.0), h.row["school"],
                                       h.row.get("type") or "", h.row.get("pathway_name") or ""))


def _caveat(catalog, hits, types) -> Note:
    """The list is partial and dated: the newest page date among the rows shown (or in the
    whole catalog, when none is shown)."""
    offer = catalog.offerings
    text = offer.caveat.format(dated=how_recent(
        [h.row for h in hits] or [r.model_dump() for r in catalog.districts.pathways]))
    lists = [offer.state_lists[t] for t in types if t in offer.state_lists]
    if lists:
        text += " The state's lists: " + "; ".join(f"[{s.name}]({s.url})" for s in lists) + "."
    return Note(text)


def _types(ask, hits, catalog) -> list[str]:
    from advisor.catalog.pathways import PATHWAY_IDS

    shown = list(ask.types) or [t for t in PATHWAY_IDS if any(h.row.get("type") == t
                                                                  for h in hits)]
    return shown or [t for t in ("icp", "early-college", "cte")
                     if t in catalog.offerings.state_lists]


def _find(knowledge, ask, where, place, distance) -> list:
    return _order(_with_partners(knowledge.rows(_both(where, place)), ask), distance)


def _named_for(hits, words) -> list:
    """Rows whose pathway name holds one of the words at a word's start."""
    return [h for h in hits if words and any(
        re.search(rf"\b{re.escape(w)}", (h.row.get("pathway_name") or "").lower())
        for w in words)]


def _schools(hits) -> list[str]:
    return list(dict.fromkeys(h.row["school"] for h in hits))


def _first_schools(hits, n: int) -> list:
    """The rows of the first `n` schools among the hits, in their order."""
    keep = set(_schools(hits)[:n])
    return [h for h in hits if h.row["school"] in keep]


def _named_list(schools: list[str], distance: dict[str, float], hits, limit: int) -> str:
    town = {h.row["school"]: h.row.get("town") for h in hits}
    shown = [f"{s} (about {distance[town[s]]:.0f} mi)" if town.get(s) in distance else s
             for s in schools[:limit]]
    more = f", and {len(schools) - limit} more" if len(schools) > limit else ""
    return _join(shown, "and") + more


@answers("offerings")
def offerings(question, knowledge) -> list:
    catalog = knowledge.catalog
    ask = question.offering
    if knowledge.rows is None or catalog.offerings is None:
        return []
    scope = _scope(ask, catalog)
    if ask.near_asker and not ask.subject:  # "any pathways near me?": where is "me"?
        return [Lead(catalog.offerings.which_town)]
    unnamed = not (ask.sectors or ask.programs or ask.jobs or ask.partners or scope.place)
    named = None
    if unnamed and (not ask.types or ask.unexplained):
        # a subject the catalog has no word for: a row whose own name holds the word
        # ("Cosmetology/Barbering"), else the rows nearest in meaning
        named = _named_for(knowledge.rows(scope.where), ask.unexplained)
        if not named:
            return _closest(question, knowledge, scope)
        scope = replace(scope, subject=f"{scope.subject} named for "
                        f"{_join(list(ask.unexplained))}")
    hits = _order(named, scope.distance) if named is not None else \
        _find(knowledge, ask, scope.where, scope.place, scope.distance)
    if ask.schools and not ask.subject and ask.in_names:  # "upper cape tech marine program?"
        hits = _named_for(hits, ask.unexplained) or hits
        scope = replace(scope, subject=f"a pathway named for {_join(list(ask.unexplained))}")
    if not hits and scope.place and "place" in scope.place:  # no row in that part of town
        scope = replace(scope, place={"town": {"$in": list(ask.towns)}},
                        location=f" in {_join(list(ask.towns))}")
        hits = _find(knowledge, ask, scope.where, scope.place, scope.distance)
    related = _find(knowledge, ask, scope.related, scope.place, scope.distance) \
        if scope.related else []
    if ask.nearest:  # the few closest schools, however far
        hits, related = _first_schools(hits, CLOSEST_SHOWN), _first_schools(related,
                                                                             CLOSEST_SHOWN)
    types = _types(ask, hits + related, catalog)
    if not hits and not related:
        return _none_found(question, knowledge, scope, types)
    blocks = [Lead(_lead(question, scope, hits, related, catalog.offerings.which_town))]
    lines = _lines(hits, scope.distance)
    if lines:
        blocks.append(Bullets(lines[:SHOWN_SCHOOLS], "Each row's source:"))
        if len(lines) > SHOWN_SCHOOLS:
            blocks.append(Note(f"{len(lines) - SHOWN_SCHOOLS} more schools are in the "
                               "Explore tab."))
    if related:
        extra = _lines(related, scope.distance)
        blocks.append(Bullets(extra[:SHOWN_SCHOOLS], "Chapter 74 programs in related fields, "
                              "with their sources:"))
    if ask.near and not ask.nearest and len(_schools(hits + related)) < FEW_NEAR:
        blocks += _next_nearest(knowledge, ask, scope, hits + related)
    blocks.append(_caveat(catalog, hits + related, types))
    return blocks


def _lead(question, scope: _Scope, hits, related, which_town: str) -> str:
    ask = question.offering
    schools = _schools(hits)
    if ask.schools and ask.school_names == 1 and hits:
        # one school named, though its name may stand for two rows' names ("worcester tech"
        # is the school and the district's pathway program run there)
        offered = _join([h.row["pathway_name"] for h in hits], "and")
        n = len(hits)
        # the school itself before a program hosted there
        schools.sort(key=lambda name: "(program at" in name)
        yes = question.yes_no and ask.subject  # "does monty tech have welding?"
        return (f"{'Yes: ' if yes else ''}{schools[0]} offers {offered}"
                f"{' (with ' + _join(schools[1:], 'and') + ')' if len(schools) > 1 else ''}"
                f" (the catalog's {n} {'entry' if n == 1 else 'entries'} for "
                f"{scope.subject}).")
    if ask.nearest:
        return (f"The closest schools to {_join(list(ask.towns))} in the catalog with "
                f"{scope.subject}: {_named_list(schools, scope.distance, hits, CLOSEST_SHOWN)}."
                if schools else
                f"The closest schools to {_join(list(ask.towns))} in the catalog with related "
                f"Chapter 74 programs: "
                f"{_named_list(_schools(related), scope.distance, related, CLOSEST_SHOWN)}.")
    if not schools:  # only related Chapter 74 programs
        others = _schools(related)
        return (f"{'No' if question.yes_no else 'None'} in the catalog for {scope.subject}"
                f"{scope.location} as an Innovation Career Pathway, but {len(others)} "
                f"{'school offers' if len(others) == 1 else 'schools offer'} Chapter 74 "
                f"programs in related fields: {_named_list(others, {}, related, SHOWN_SCHOOLS)}.")
    n = len(schools)
    more = len(_schools(related))
    also = (f" {more} more {'offers' if more == 1 else 'offer'} related Chapter 74 programs."
            if related else "")
    found = (f"{n} {'school' if n == 1 else 'schools'} in the catalog "
             f"{'offers' if n == 1 else 'offer'} {scope.subject}{scope.location}: "
             f"{_named_list(schools, {}, hits, SHOWN_SCHOOLS)}.{also}")
    if ask.near_asker:  # "our area", with no town: ask for it, then the statewide list
        return f"{which_town} Statewide, {found}"
    return f"{'Yes: ' if question.yes_no else ''}{found}"


def _next_nearest(knowledge, ask, scope: _Scope, shown) -> list:
    """"near X" found few schools: the next nearest beyond the radius, marked as farther."""
    towns = knowledge.catalog.towns
    if towns is None:
        return []
    far = _distances(towns, ask.towns, ANYWHERE_MILES)
    where = _either(scope.where, scope.related)
    seen = set(_schools(shown))
    beyond = [h for h in _order(_with_partners(knowledge.rows(where), ask), far)
              if h.row["school"] not in seen and h.row.get("town") in far]
    beyond = _first_schools(beyond, NEAREST_SHOWN)
    if not beyond:
        return []
    miles = knowledge.catalog.offerings.reading.near_miles
    return [Bullets(_lines(beyond, far), f"The next nearest, beyond {miles:g} miles:")]


def _with_partners(hits: list, ask) -> list:
    """Rows with a college named in the question ("early college with quincy college")."""
    if not ask.partners:
        return hits
    return [h for h in hits if any(p.lower() in (h.row.get("pathway_name") or "").lower()
                                   for p in ask.partners)]


def _closest(question, knowledge, scope: _Scope) -> list:
    """A subject the catalog has no word for ("barbering"): the rows nearest in meaning,
    offered as the closest entries, not as an answer that they teach it."""
    hits = knowledge.row_search(question.text, scope.where) if knowledge.row_search else []
    catalog = knowledge.catalog
    if not hits:
        return _none_found(question, knowledge, scope, _types(question.offering, [], catalog))
    lead = Lead("The catalog has no entry named for exactly that. These are the closest "
                f"entries{' for ' + scope.subject if question.offering.types else ''}:",
                abstains=True)
    return [lead, Bullets(_lines(hits, {}), "Each row's source:"),
            _caveat(catalog, hits, _types(question.offering, hits, catalog))]


def _none_found(question, knowledge, scope: _Scope, types: list[str]) -> list:
    """Say so, say the list is partial, name the state's list; then the nearest matches."""
    catalog = knowledge.catalog
    ask = question.offering
    what = f"{scope.subject}{scope.location}"
    text = catalog.offerings.none_found.format(what=what)
    lead = Lead(f"No: {text}" if question.yes_no else text, abstains=True)
    blocks = [lead]
    towns = catalog.towns
    if scope.place and ask.towns and towns is not None:
        where = _either(scope.where, scope.related)
        home = ask.towns[0]
        far = _distances(towns, [home], ANYWHERE_MILES)
        others = _order([h for h in _with_partners(knowledge.rows(where), ask)
                         if h.row.get("town") in far], far)
        nearest = _first_schools(others, NEAREST_SHOWN)
        if nearest:
            blocks.append(Bullets(_lines(nearest, far),
                                  f"Nearest to {home} in the catalog:"))
    if ask.near_asker:
        blocks.append(Note(catalog.offerings.which_town))
    blocks.append(_caveat(catalog, [], types))
    return blocks
