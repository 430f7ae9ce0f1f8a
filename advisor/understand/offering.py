"""Reading a question about which schools offer what: the schools, towns, sectors, programs
and pathway types it names, matched against the catalog's own rows and the state's towns.

Everything here is found by whole words in the message; nothing is guessed. A town counts
only where the message puts it as a place ("in lowell", "near plymouth", "worcester
schools"), so "reading" the verb is not Reading the town.
"""

from __future__ import annotations

import re
from dataclasses import dataclass

from advisor.catalog.sectors import match_interests


@dataclass(frozen=True)
class OfferingAsk:
    schools: tuple[str, ...] = ()    # catalog school names, exactly as in the rows
    towns: tuple[str, ...] = ()      # municipalities named (official names)
    places: tuple[str, ...] = ()     # the words the message used for them ("hyannis")
    near: bool = False               # nearby towns too
    near_asker: bool = False         # "near me", "our area": near the asker, wherever that is
    nearest: bool = False            # "the closest schools to pittsfield": by distance, any
    school_names: int = 0            # how many names of schools the message used
    sectors: tuple[str, ...] = ()
    programs: tuple[str, ...] = ()
    types: tuple[str, ...] = ()
    partners: tuple[str, ...] = ()   # colleges named ("bunker hill community college")
    sectors_named: tuple[str, ...] = ()  # sectors named by their name, not a keyword
    jobs: tuple[str, ...] = ()           # programs found only through a job one trains for
    unexplained: tuple[str, ...] = ()    # words naming something the catalog has no word for
    in_names: bool = False               # one of them is in a named school's pathway names
    asks: bool = False               # "which schools...", "where can...", "is there..."
    asks_schools: bool = False       # "which schools...", "where can...": no place needed

    @property
    def named(self) -> bool:
        return bool(self.schools or self.towns)

    @property
    def subject(self) -> bool:
        return bool(self.sectors or self.programs or self.types or self.partners or self.jobs)

    @property
    def said(self) -> bool:
        """The message names anything a catalog row has."""
        return self.named or self.subject

    @property
    def wanted(self) -> bool:
        """The message asks about offerings: a school named; a town with something to
        offer or a question of which schools ("best pizza in Boston" is neither); or
        which schools offer a subject."""
        # a school named asks what it offers, unless other words say what else it asks and
        # the message doesn't ask about its programs ("is cape tech a good school?" is for
        # the kinds' not_cues)
        school = bool(self.schools) and (self.subject or self.in_names or self.asks
                                         or not self.unexplained)
        return school or (bool(self.towns) and (self.subject or self.asks)) or (
            (self.asks_schools or (self.near_asker and self.asks)) and self.subject) or (
            bool(self.partners) and self.asks) or (self.near_asker and self.asks)


def _spaced(text: str) -> str:
    return " " + re.sub(r"[^a-z0-9]+", " ", text.lower()).strip() + " "


@dataclass(frozen=True)
class _Vocabulary:
    schools: tuple[tuple[str, tuple[str, ...]], ...]  # (alias, schools), longest first
    places: tuple[tuple[str, str], ...]    # (place word, municipality), longest first
    programs: tuple[tuple[str, str], ...]  # (word, program id)
    partners: tuple[tuple[str, str], ...]  # (college words, college name)
    town_names: dict[str, str]             # lower-case name -> official name
    jobs: tuple[tuple[str, str], ...]      # (job, program id): one program trains for it
    subject_words: frozenset[str]          # every word of a program, job or sector phrase


def _school_aliases(name: str, reading, places: set[str]) -> set[str]:
    out = {_spaced(name).strip()}
    bare = re.sub(r"\s*\([^)]*\)", "", name)
    out.add(_spaced(bare).strip())
    for inner in re.findall(r"\(([^)]*)\)", name):
        host = re.match(r"program at (.*)", inner, re.I)
        # a program run at another school is found by that school's names too
        out |= _school_aliases(host.group(1), reading, places) if host else {
            _spaced(inner).strip()}
    words = _spaced(bare).split()
    generic = {w.lower() for w in reading.generic_name_words}
    core = list(words)
    while core and core[-1] in generic:
        core.pop()
    technical = any(w in words for w in ("technical", "vocational", "agricultural", "tech"))
    suffixes = reading.school_suffixes.technical if technical else reading.school_suffixes.other
    if core and core != words:
        stem = " ".join(core)
        out |= {f"{stem} {s}" for s in suffixes}
        if len(core) > 1 and len(core[0]) >= 5:  # "shawsheen tech" for Shawsheen Valley
            out |= {f"{core[0]} {s}" for s in suffixes}
        if technical and len(core[0]) >= 5 and core[0] not in reading.not_alone \
                and core[0] not in places:
            out.add(core[0])  # "assabet", "minuteman", "pathfinder"
        if len(core) > 1 and stem not in places:
            out.add(stem)  # "blue hills", "blackstone valley"; not "west springfield"
    out |= {_spaced(a).strip() for a in reading.school_aliases.get(name, ())}
    return {a for a in out if a}


_VOCABULARIES: dict[int, tuple[object, _Vocabulary]] = {}


def _vocabulary(catalog) -> _Vocabulary:
    """Built once per loaded catalog (a new day's catalog builds its own)."""
    kept = _VOCABULARIES.get(id(catalog))
    if kept is None or kept[0] is not catalog:
        if len(_VOCABULARIES) > 8:
            _VOCABULARIES.clear()
        kept = _VOCABULARIES[id(catalog)] = (catalog, _build(catalog))
    return kept[1]


def _build(catalog) -> _Vocabulary:
    reading = catalog.offerings.reading
    places: dict[str, str] = {}
    towns = catalog.towns
    if towns is not None:
        for t in towns.towns:
            places[_spaced(t.name).strip()] = t.name
        for table in (towns.villages, towns.aliases):
            for word, town in table.items():
                places[_spaced(word).strip()] = town
    for row in catalog.districts.pathways:  # a catalog place the towns list lacks
        for name in row.towns:
            places.setdefault(_spaced(name).strip(), towns.municipality(name) if towns and
                              towns.municipality(name) else name)
    for word, town in reading.place_words.items():
        places[_spaced(word).strip()] = town
    schools: dict[str, list[str]] = {}
    for row in catalog.districts.pathways:
        for alias in _school_aliases(row.school, reading, set(places)):
            if row.school not in schools.setdefault(alias, []):
                schools[alias].append(row.school)
    partners: dict[str, str] = {}
    for row in catalog.districts.pathways:
        for college in re.split(r"\s*[;,]\s*", row.college_partner or ""):
            if college:
                words = _spaced(college).strip()
                partners.setdefault(words, college)
                for short, long in reading.college_words.items():
                    if f" {long} " in f" {words} ":
                        partners.setdefault(f" {words} ".replace(f" {long} ", f" {short} ")
                                            .strip(), college)
    for college, aliases in reading.college_aliases.items():
        for alias in aliases:
            partners.setdefault(_spaced(alias).strip(), college)
    programs = {}
    every = catalog.programs.programs if catalog.programs else ()
    for p in every:
        for word in (p.name, *p.labels):
            programs.setdefault(_spaced(word).strip(), p.id)
    # a job only one program trains for ("vet tech"), used when nothing else names a subject
    trains: dict[str, set[str]] = {}
    for p in every:
        for job in p.occupations:
            trains.setdefault(_spaced(job).strip(), set()).add(p.id)
    jobs = {job: next(iter(ids)) for job, ids in trains.items()
            if len(ids) == 1 and job not in programs}
    by_length = lambda pairs: tuple(sorted(pairs, key=lambda x: -len(x[0])))  # noqa: E731
    town_names = {t.name.lower(): t.name for t in towns.towns} if towns is not None else {}
    subject_words = {w for word in (*programs, *jobs) for w in word.split()}
    for s in catalog.sectors.values():
        for phrase in (s.name, *s.labels, *s.keywords):
            subject_words |= set(_spaced(phrase).split())
    return _Vocabulary(by_length((a, tuple(s)) for a, s in schools.items()),
                       by_length(places.items()), by_length(programs.items()),
                       by_length(partners.items()), town_names, by_length(jobs.items()),
                       frozenset(subject_words))


def _claim(hay: str, phrase: str, taken: list[tuple[int, int]]) -> list[tuple[int, int]]:
    """Where the phrase stands as whole words in `hay`, outside spans already taken. A plain
    substring search: a regex per phrase (thousands of them) would overflow re's cache."""
    out = []
    needle = f" {phrase} "
    at = hay.find(needle)
    while at >= 0:
        span = (at + 1, at + len(needle) - 1)
        if not any(a < span[1] and span[0] < b for a, b in taken + out):
            out.append(span)
        at = hay.find(needle, at + 1)
    return out


def _misspelt_towns(hay: str, before: str, taken: list, vocab: _Vocabulary,
                    reading) -> list[tuple[str, str]]:
    """(word, town) for a word a place word puts as a place ("in worchester") that is no
    place the catalog knows but is spelt close to a town's name."""
    import difflib

    known = {word for word, _ in vocab.places}
    ordinary = vocab.subject_words | set(reading.plain_words) | set(reading.not_alone)
    out = []
    for m in re.finditer(rf" (?:{before}) ([a-z]{{5,}}) ", hay):
        word = m.group(1)
        if word in known or word in ordinary or any(a < m.end(1) and m.start(1) < b
                                                    for a, b in taken):
            continue
        close = [c for c in difflib.get_close_matches(word, list(vocab.town_names), n=3,
                                                      cutoff=reading.misspelt_town_ratio)
                 if c[0] == word[0] and abs(len(c) - len(word)) <= 2]
        if close:
            out.append((word, vocab.town_names[close[0]]))
    return out


def _in_names(catalog, schools: list[str], words: tuple[str, ...]) -> bool:
    """A word of the message starts a word of one of the schools' pathway names ("marine" in
    "Marine Sciences", "animal" in "Animal Science")."""
    names = " ".join(_spaced(r.pathway_name) for r in catalog.districts.pathways
                     if r.school in schools)
    return any(f" {w}" in names for w in words)


def _is_type_word(word: str, reading) -> bool:
    return any(word in _spaced(w).split() for words in reading.type_words.values() for w in words)


def read_offering(message: str, catalog, pathways: tuple[str, ...] = ()) -> OfferingAsk:
    if catalog.offerings is None:
        return OfferingAsk()
    reading = catalog.offerings.reading
    vocab = _vocabulary(catalog)
    hay = _spaced(message)
    taken: list[tuple[int, int]] = []
    partners = []
    for words, college in vocab.partners:  # first: "bristol cc" is a college, not a school
        spans = _claim(hay, words, taken)
        if spans:
            taken += spans
            partners.append(college)
    schools, school_names = [], 0
    for alias, named in vocab.schools:
        spans = _claim(hay, alias, taken)
        if spans:
            taken += spans
            school_names += 1
            schools += [s for s in named if s not in schools]
    before = "|".join(re.escape(w) for w in sorted(reading.place_before, key=len, reverse=True))
    after = "|".join(re.escape(w) for w in sorted(reading.place_after, key=len, reverse=True))
    near_words = "|".join(re.escape(w) for w in sorted(reading.near, key=len, reverse=True))
    near_after = "|".join(re.escape(w) for w in reading.near_after) or "(?!)"
    towns, places, near = [], [], False
    for word, town in (*vocab.places, *_misspelt_towns(hay, before, taken, vocab, reading)):
        for start, end in _claim(hay, word, taken):
            ahead = hay[:start]
            behind = hay[end:]
            cue_before = re.search(rf" (?:{before})(?: (?:the|our|my|a))? $", ahead)
            cue_after = re.match(rf" (?:{after}) ", behind) or re.match(r" ?$", behind)
            # "Reading" written with its capital, not opening the message
            said = re.search(rf"(?<!\w){re.escape(word)}(?!\w)", message, re.I)
            capital = bool(said and said.start() > 0 and said.group(0)[:1].isupper())
            if not (cue_before or cue_after or capital or word in reading.place_words):
                continue
            taken.append((start, end))
            near |= bool(re.match(rf" (?:{near_after}) ", behind))
            places.append(word)
            if town not in towns:
                towns.append(town)
            near |= bool(re.search(rf" (?:{near_words})(?: (?:the|our|my))? $", ahead))
    programs = []
    for word, pid in vocab.programs:
        if _claim(hay, word, taken) and pid not in programs:
            programs.append(pid)
    jobs = [] if programs else list(dict.fromkeys(
        pid for word, pid in vocab.jobs if _claim(hay, word, taken)))
    named = [s.id for s in catalog.sectors.values()
             if any(f" {_spaced(label).strip()} " in hay for label in (s.name, *s.labels))]
    sectors = list(dict.fromkeys(named + [sid for sid, _ in match_interests(
        message, catalog.sectors)]))
    if sectors:  # a sector's own words come first: "a nurse" is the health care sector
        jobs = []
    types = list(pathways)
    for kind, words in reading.type_words.items():
        if kind not in types and any(_claim(hay, _spaced(w).strip(), taken) for w in words):
            types.append(kind)
    near_asker = bool(re.search(reading.near_me, message.lower()))
    # what is asked is in the sentence that asks ("... not sure what his school offers" is
    # said, not asked): the last one ending in "?", else the whole message
    asked = [s for s in re.split(r"(?<=[.?!])\s+", message.lower()) if s.rstrip().endswith("?")]
    asking = asked[-1] if asked else message.lower()
    left = "".join(" " if any(a <= i < b for a, b in taken) else ch for i, ch in enumerate(hay))
    # region words ("western mass") name no subject either
    unexplained = tuple(w for w in left.split() if len(w) >= 4 and w not in reading.plain_words
                        and w not in reading.not_alone and not _is_type_word(w, reading))
    return OfferingAsk(schools=tuple(schools), towns=tuple(towns), places=tuple(places),
                       near=bool(towns) and (near or near_asker),
                       near_asker=near_asker and not towns and not schools,
                       nearest=bool(towns) and bool(re.search(reading.nearest, message.lower())),
                       school_names=school_names,
                       sectors=tuple(sectors), programs=tuple(programs),
                       types=tuple(types), partners=tuple(partners),
                       sectors_named=tuple(named), unexplained=unexplained,
                       in_names=bool(schools) and _in_names(catalog, schools, unexplained),
                       jobs=tuple(jobs),
                       asks=bool(re.search(reading.asks, asking)),
                       asks_schools=bool(re.search(reading.asks_schools, asking)))
