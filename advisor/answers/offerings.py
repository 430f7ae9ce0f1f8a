"""Which schools offer what: answered from the catalog rows in the index, each row cited by
its own public page and date. Rows are never guidance evidence; this is the only answerer
that reads them."""

from __future__ import annotations

from dataclasses import dataclass

from advisor.answers import answers
from advisor.answers.blocks import Bullets, Cite, Lead, Line, Note
from advisor.catalog.offerings import how_recent

SHOWN_SCHOOLS = 12  # a longer list points to the Explore tab for the rest
NEAREST_SHOWN = 3


@dataclass(frozen=True)
class _Scope:
    where: dict | None            # the subject and type filter
    place: dict | None            # the school or town filter
    subject: str                  # "an Innovation Career Pathway in Clean Energy"
    location: str                 # " in Worcester", " within 15 miles of Lowell", ""
    distance: dict[str, float]    # town -> miles, for "near"


def _join(names: list[str], word: str = "or") -> str:
    names = list(dict.fromkeys(names))
    return names[0] if len(names) == 1 else ", ".join(names[:-1]) + f" {word} {names[-1]}"


def _subject(ask, catalog) -> tuple[dict | None, str]:
    parts, what = [], []
    programs = {p.id: p for p in catalog.programs.programs} if catalog.programs else {}
    # A named program ("dental assisting") is asked for itself; a sector its keywords found
    # ("dental" is a health word) would widen it to every health pathway.
    sectors = list(ask.sectors_named if ask.programs else ask.sectors)
    # A sector also reaches the Chapter 74 programs related to it when the question is about
    # a school's programs or Chapter 74 ("health programs" at a technical school): those rows
    # have programs, not sectors. An HVAC program is not a "clean energy pathway" otherwise.
    related = [p.id for p in programs.values() if set(p.sectors) & set(sectors)] \
        if not ask.programs and (ask.schools or "cte" in ask.types) else []
    if sectors or ask.programs:
        either = []
        if sectors:
            either.append({"sector": {"$in": sectors}})
        if ask.programs or related:
            either.append({"program": {"$in": list(ask.programs) + related}})
        what = [programs[p].name for p in ask.programs if p in programs] or [
            catalog.sectors[s].name for s in sectors]
        parts.append(either[0] if len(either) == 1 else {"$or": either})
    if ask.types:
        parts.append({"type": {"$in": list(ask.types)}})
    kinds = _join([catalog.types[t].name for t in ask.types]) if ask.types else "a pathway"
    subject = f"{kinds} in {_join(what)}" if what else kinds
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
    if ask.near and towns is not None:
        distance: dict[str, float] = {}
        for town in ask.towns:
            for name, d in towns.near(town, miles):
                distance[name] = min(d, distance.get(name, d))
        return ({"town": {"$in": sorted(distance)}},
                f" within {miles:g} miles of {_join(list(ask.towns))}", distance)
    villages = {w.lower(): t for w, t in (towns.villages.items() if towns else ())}
    said = [w for w in ask.places if w in villages]
    if said and len(ask.towns) == 1:  # "in roxbury": that part of Boston
        name = next(w for w in towns.villages if w.lower() == said[0])
        return {"place": name}, f" in {name} ({ask.towns[0]})", {}
    return {"town": {"$in": list(ask.towns)}}, f" in {_join(list(ask.towns))}", {}


def _scope(ask, catalog) -> _Scope:
    where, subject = _subject(ask, catalog)
    place, location, distance = _place(ask, catalog)
    return _Scope(where, place, subject, location, distance)


def _both(a: dict | None, b: dict | None) -> dict | None:
    return {"$and": [a, b]} if a and b else a or b


def _cite(hit) -> Cite:
    row = hit.row or {}
    return Cite(source=hit.source, quote=_record(hit), section=f"row {row.get('row')}",
                url=row.get("url"), title=hit.title, as_of=row.get("as_of"))


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


@answers("offerings")
def offerings(question, knowledge) -> list:
    catalog = knowledge.catalog
    ask = question.offering
    if knowledge.rows is None or catalog.offerings is None:
        return []
    scope = _scope(ask, catalog)
    if not (ask.sectors or ask.programs or ask.partners or scope.place):
        return _closest(question, knowledge, scope)
    hits = _order(_with_partners(knowledge.rows(_both(scope.where, scope.place)), ask),
                  scope.distance)
    if not hits and scope.place and "place" in scope.place:  # no row in that part of town
        scope = _Scope(scope.where, {"town": {"$in": list(ask.towns)}}, scope.subject,
                       f" in {_join(list(ask.towns))}", {})
        hits = _order(_with_partners(knowledge.rows(_both(scope.where, scope.place)), ask),
                      scope.distance)
    types = _types(ask, hits, catalog)
    if not hits:
        return _none_found(question, knowledge, scope, types)
    schools = list(dict.fromkeys(h.row["school"] for h in hits))
    if ask.schools and len(ask.schools) == 1:
        offered = _join([h.row["pathway_name"] for h in hits], "and")
        lead = (f"{'Yes: ' if question.yes_no else ''}{schools[0]} offers {offered}"
                f" (the catalog's {len(hits)} "
                f"{'entry' if len(hits) == 1 else 'entries'} for {scope.subject}).")
    else:
        named = _join(schools[:SHOWN_SCHOOLS], "and")
        more = f", and {len(schools) - SHOWN_SCHOOLS} more" if len(schools) > SHOWN_SCHOOLS \
            else ""
        lead = (f"{len(schools)} {'school' if len(schools) == 1 else 'schools'} in the catalog "
                f"{'offers' if len(schools) == 1 else 'offer'} {scope.subject}{scope.location}: "
                f"{named}{more}.")
    lines = _lines(hits, scope.distance)
    blocks = [Lead(lead), Bullets(lines[:SHOWN_SCHOOLS], "Each row's source:")]
    if len(lines) > SHOWN_SCHOOLS:
        blocks.append(Note(f"{len(lines) - SHOWN_SCHOOLS} more schools are in the Explore tab."))
    blocks.append(_caveat(catalog, hits, types))
    return blocks


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
        others = knowledge.rows(scope.where) if scope.where else []
        home = ask.towns[0]
        far = {name: d for name, d in towns.near(home, 1000.0)}
        nearest = sorted((h for h in others if h.row.get("town") in far),
                         key=lambda h: far[h.row["town"]])[:NEAREST_SHOWN]
        if nearest:
            blocks.append(Bullets(_lines(nearest, far),
                                  f"Nearest to {home} in the catalog:"))
    blocks.append(_caveat(catalog, [], types))
    return blocks
