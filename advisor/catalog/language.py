"""The catalog's reading vocabulary: question kinds, aspects and phrases, checked at load.

Every regular expression is compiled when the file loads, so a typo in a pattern is
refused with the file and key named, never silently ignored.
"""

from __future__ import annotations

import re
from functools import lru_cache
from pathlib import Path

import yaml
from pydantic import BaseModel, ConfigDict, Field, ValidationError, field_validator, model_validator

from advisor.catalog.matching import spaced, word_starts
from advisor.catalog.pathways import CatalogError
from advisor.catalog.plan_facts import load_plan_facts
from advisor.catalog.yaml_text import read_yaml

CONDITIONS = ("student_facts", "new_facts", "pathway", "two_pathways", "aspect", "term",
              "ruling", "yes_no", "sectors", "plan_asked", "offering")


class _Data(BaseModel):
    model_config = ConfigDict(extra="forbid", frozen=True)


def _compiled(value, flags=0):
    try:
        return re.compile(value, flags)
    except re.error as exc:
        raise ValueError(f"bad regular expression {value!r}: {exc}") from None


class Kind(_Data):
    id: str
    cues: tuple[str, ...] = ()
    not_cues: tuple[str, ...] = ()
    requires: tuple[str, ...] = ()
    forbids: tuple[str, ...] = ()
    any_of: tuple[str, ...] = ()
    examples: tuple[str, ...] = ()
    # Sentences from the retrieved guidance quoted after the kind's own answer (0-3).
    quotes: int = Field(0, ge=0, le=3)

    @field_validator("cues", "not_cues")
    @classmethod
    def _patterns(cls, values):
        for v in values:
            _compiled(v)
        return values

    @field_validator("requires", "forbids", "any_of")
    @classmethod
    def _conditions(cls, values):
        for v in values:
            if v not in CONDITIONS:
                raise ValueError(f"unknown condition {v!r}; use one of {', '.join(CONDITIONS)}")
        return values

    def holds(self, text: str, conditions: dict[str, bool]) -> bool:
        if any(not conditions[c] for c in self.requires):
            return False
        if any(conditions[c] for c in self.forbids):
            return False
        if self.any_of and not any(conditions[c] for c in self.any_of):
            return False
        if self.cues and not any(re.search(c, text) for c in self.cues):
            return False
        return not any(re.search(c, text) for c in self.not_cues)


class Aspect(_Data):
    id: str
    label: str
    words: tuple[str, ...] = ()
    criteria: tuple[str, ...] = ()
    fact: str | None = None
    quantity: str | None = None
    implies: str | None = None
    generic: bool = False
    # A plan fact (plan-facts.yaml) whose words name this aspect too, before its own words:
    # "3 math" states a fact and "how much math?" asks about it, with the words written once.
    plan_fact: str | None = None
    ignore: bool = False  # its words name no aspect ("plain english"), so none is found there

    @model_validator(mode="after")
    def _has_words(self):
        if not self.words and not self.plan_fact:
            raise ValueError("an aspect needs words or a plan_fact to take them from")
        return self


class Want(_Data):
    id: str
    label: str
    cues: str
    evidence: str

    @field_validator("cues", "evidence")
    @classmethod
    def _pattern(cls, value):
        _compiled(value)
        return value


class Asker(_Data):
    cues: str
    who: str


class Quoting(_Data):
    leans_on_previous: str
    document_question: str
    contact: str
    asks_contact: str
    # Words that mean the same when picking a sentence ("start" finds "adopted in 2007").
    same_sense: tuple[tuple[str, ...], ...] = ()


class Stale(_Data):
    """The notice an answer gets when it quotes a source older than ADVISOR_STALE_DAYS."""

    notice: str  # with {title}, {updated} and {age}
    units: tuple[tuple[int, str, str], ...]  # (days, one, many), largest first

    @field_validator("notice")
    @classmethod
    def _placeholders(cls, value):
        try:
            value.format(title="", updated="", age="")
        except (KeyError, IndexError, ValueError) as exc:
            raise ValueError(f"unknown placeholder {exc}; use {{title}}, {{updated}}, "
                             "{age}") from None
        return value

    @field_validator("units")
    @classmethod
    def _largest_first(cls, value):
        sizes = [u[0] for u in value]
        if not sizes or sizes != sorted(sizes, reverse=True) or sizes[-1] < 1:
            raise ValueError("list units largest first, each at least 1 day")
        return value

    def age(self, days: int) -> str:
        """`days` in the first unit it holds at least once: 730 -> "2 years"."""
        size, one, many = next((u for u in self.units if days >= u[0]), self.units[-1])
        count = days // size
        return f"{count} {one if count == 1 else many}"

    def text(self, title: str, updated, limit_days: int) -> str:
        return self.notice.format(title=title, updated=updated.isoformat(),
                                  age=self.age(limit_days))


class Phrases(_Data):
    first_person: str
    student: str
    list_of_facts: str
    follow_up: str
    repeat: str
    yes_no: str
    request: str
    asks_need: str
    asks_requires: str = r"(?!)"
    counts: str = r"(?!)"
    asks: str
    asks_what: str
    asks_verdict: str
    beyond: str
    named_place: str
    spelling: dict[str, str] = {}
    quoting: Quoting
    wants: tuple[Want, ...]
    ask: tuple[Asker, ...] = Field(min_length=1)  # the last answers anything
    stale: Stale

    @field_validator("first_person", "student", "list_of_facts", "follow_up", "repeat", "yes_no",
                     "request", "asks_need", "asks_requires", "counts", "asks", "asks_what",
                     "asks_verdict", "beyond", "named_place")
    @classmethod
    def _pattern(cls, value):
        _compiled(value)
        return value

    def normalised(self, text: str) -> str:
        """The message with everyday spellings replaced ("wat" -> "what"), for reading only."""
        if not self.spelling:
            return text
        pattern = r"\b(?:" + "|".join(map(re.escape, sorted(self.spelling, key=len,
                                                              reverse=True))) + r")\b"
        return re.sub(pattern, lambda m: self.spelling.get(m.group(0).lower(), m.group(0)),
                      text, flags=re.I)

    def who_to_ask(self, text: str) -> str:
        """Who can answer what the text asks; the last asker, written for anything, when
        no cue matches (a message of line breaks alone matches not even ".")."""
        return next((a.who for a in self.ask if re.search(a.cues, text.lower())),
                    self.ask[-1].who)


def _load(path: Path, key: str, model):
    try:
        data = read_yaml(path.read_text("utf-8"))
    except (OSError, yaml.YAMLError) as exc:
        raise CatalogError(f"{path}: {exc}") from None
    items = data.get(key) if isinstance(data, dict) else None
    if not isinstance(items, list):
        raise CatalogError(f"{path}: expected a list under '{key}'")
    out = []
    for n, item in enumerate(items, 1):
        try:
            out.append(model.model_validate(item))
        except ValidationError as exc:
            name = item.get("id", f"entry {n}") if isinstance(item, dict) else f"entry {n}"
            problems = "; ".join(f"key '{'.'.join(map(str, e['loc']))}': {e['msg']}"
                                 for e in exc.errors())
            raise CatalogError(f"{path}: {name}: {problems}") from None
    return tuple(out)


@lru_cache(maxsize=4)
def load_kinds(catalog_dir: Path) -> tuple[Kind, ...]:
    return _load(catalog_dir / "questions.yaml", "kinds", Kind)


@lru_cache(maxsize=4)
def load_aspects(catalog_dir: Path) -> tuple[Aspect, ...]:
    aspects = _load(catalog_dir / "aspects.yaml", "aspects", Aspect)
    facts = {f.name: f for f in load_plan_facts(catalog_dir).facts}
    out = []
    for a in aspects:
        if a.plan_fact and a.plan_fact not in facts:
            raise CatalogError(f"{catalog_dir / 'aspects.yaml'}: {a.id}: key 'plan_fact': no "
                               f"fact named {a.plan_fact!r} in plan-facts.yaml")
        words = facts[a.plan_fact].words if a.plan_fact else ()
        out.append(a.model_copy(update={"words": words + a.words}) if words else a)
    return tuple(out)


def load_document(path: Path, model):
    """One YAML file validated as one model; a problem names the file and the key."""
    try:
        return model.model_validate(read_yaml(path.read_text("utf-8")))
    except (OSError, yaml.YAMLError) as exc:
        raise CatalogError(f"{path}: {exc}") from None
    except ValidationError as exc:
        problems = "; ".join(f"key '{'.'.join(map(str, e['loc'])) or '?'}': {e['msg']}"
                             for e in exc.errors())
        raise CatalogError(f"{path}: {problems}") from None


@lru_cache(maxsize=4)
def load_phrases(catalog_dir: Path) -> Phrases:
    return load_document(catalog_dir / "phrases.yaml", Phrases)


def find_aspects(text: str, aspects: tuple[Aspect, ...]) -> list[str]:
    """Aspect ids named in `text`, longest phrase first, a span claimed once."""
    hay = spaced(text)
    spans: list[tuple[int, int, str | None, bool]] = []
    for a in aspects:
        for w in a.words:
            for start, end in word_starts(hay, spaced(w).strip()):
                spans.append((start, end, None if a.ignore else a.id, a.generic))
    spans.sort(key=lambda s: (-(s[1] - s[0]), s[0]))
    taken: list[tuple[int, int]] = []
    found: dict[str, int] = {}
    generic: dict[str, int] = {}
    for start, end, aid, is_generic in spans:
        if any(start < e and s < end for s, e in taken):
            continue
        taken.append((start, end))
        if aid is not None:
            (generic if is_generic else found).setdefault(aid, start)
    chosen = found or generic
    return sorted(chosen, key=chosen.get)
