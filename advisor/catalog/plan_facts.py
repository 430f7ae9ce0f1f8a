"""The registry of plan facts (knowledge/catalog/plan-facts.yaml), checked when loaded.

The plan schema, the roster columns, the Check a plan form and the reading of stated facts
are all built from it, so a fact is written once. A problem is refused naming the file, the
fact and the key.
"""

from __future__ import annotations

import re
from collections import Counter
from dataclasses import dataclass
from functools import lru_cache
from pathlib import Path
from typing import Annotated, Literal

import yaml
from pydantic import (
    AfterValidator,
    BaseModel,
    BeforeValidator,
    ConfigDict,
    Field,
    PlainValidator,
    StrictBool,
    ValidationError,
    model_validator,
)

from advisor.catalog.lookup import by_id
from advisor.catalog.pathways import CatalogError
from advisor.catalog.yaml_text import read_yaml

FILE = "plan-facts.yaml"
SHIPPED = Path(__file__).resolve().parents[2] / "knowledge" / "catalog"
Type = Literal["count", "amount", "yesno", "list", "text"]
NUMBERS = ("count", "amount")
# The plan's own structure: facts go inside these, never in their place.
STRUCTURE = ("courses", "work_based_learning", "masscore")
# How a count of courses becomes a list of courses is a rule of its own, written once for
# what a student states (advisor/stated.py) and once for a roster row (advisor/roster/
# plan.py); so only these course places exist, each of one type and placed by those named.
COURSE_PLACES = {
    "courses": ("count", {"stated"}),
    "courses[technical]": ("count", {"stated", "roster"}),
    "courses[college_level]": ("count", {"stated", "roster"}),
    "courses[career_field]": ("count", {"roster"}),
    "courses[college_level].college_credits": ("amount", {"stated", "roster"}),
    "courses[gened_transfer].college_credits": ("amount", {"roster"}),
    "courses[college_level].gened_transfer": ("yesno", {"stated"}),
}
_NAME = r"[a-z][a-z0-9_]*"
_PLACE = re.compile(rf"masscore\.(?P<masscore>{_NAME})"
                    r"|work_based_learning\[(?P<kind>[a-z][a-z-]*)\]\.hours"
                    rf"|(?P<plan>{_NAME})")


@dataclass(frozen=True)
class Place:
    """Where a fact's value goes: `section` is plan, masscore, work_based_learning or
    courses; `key` the plan or MassCore key, the work-based learning kind, or the course
    place itself."""

    section: str
    key: str

    def __str__(self) -> str:
        if self.section == "masscore":
            return f"masscore.{self.key}"
        if self.section == "work_based_learning":
            return f"work_based_learning[{self.key}].hours"
        return self.key


def parse_place(value) -> Place:
    if not isinstance(value, str):
        raise ValueError("must be a place in the plan, written as text")
    if value.split("[")[0].split(".")[0] == "courses":
        if value not in COURSE_PLACES:
            raise ValueError(f"{value!r} is not a course place; use one of "
                             f"{', '.join(COURSE_PLACES)}")
        return Place("courses", value)
    m = _PLACE.fullmatch(value)
    if not m or m["plan"] in STRUCTURE:
        raise ValueError(f"{value!r} is not a place in the plan; write NAME, masscore.NAME, "
                         "work_based_learning[KIND].hours or a course place")
    if m["masscore"]:
        return Place("masscore", m["masscore"])
    if m["kind"]:
        return Place("work_based_learning", m["kind"])
    return Place("plan", m["plan"])


class _Data(BaseModel):
    model_config = ConfigDict(extra="forbid", frozen=True)


class FormSpot(_Data):
    row: Annotated[int, Field(strict=True, ge=1)] | None = None  # None: below the others
    checked: StrictBool | None = None  # a yes/no shown as a box, ticked or not


def _form_or_not(value):
    """`form: false` is off the form (None); anything else but a mapping is a typo."""
    if value is False or value is None:
        return None
    if not isinstance(value, dict | FormSpot):
        raise ValueError("must be false, or a mapping such as {row: 2}")
    return value


class Fact(_Data):
    name: Annotated[str, Field(pattern=rf"^{_NAME}$")]
    type: Type
    unit: str | None = None
    label: str
    words: tuple[Annotated[str, Field(min_length=1)], ...] = ()
    place: Annotated[Place, PlainValidator(parse_place)]
    description: str
    # The plausible range of a count or amount: a value outside it, said in chat, typed on
    # the form, written in a plan file or a roster cell, is not believed.
    min: Annotated[float, Field(strict=True, ge=0)] | None = None  # None: 0
    max: Annotated[float, Field(strict=True, gt=0)] | None = None
    roster: StrictBool = True
    stated: StrictBool = True
    form: Annotated[FormSpot | None, BeforeValidator(_form_or_not)] = FormSpot()
    of: str | None = None

    @model_validator(mode="after")
    def _consistent(self):
        numeric = self.type in NUMBERS
        problems = {
            "unit": (numeric and not self.unit and "a count or amount needs a unit")
            or (not numeric and self.unit and f"a {self.type} fact has no unit"),
            "max": (self.max is not None and not numeric and "max is only for a count or amount")
            or (numeric and self.max is None and (self.stated or self.roster)
                and "a count or amount needs a max, the largest plausible value"),
            "min": (self.min is not None and not numeric and "min is only for a count or amount")
            or (numeric and self.max is not None and self.lowest >= self.max
                and "min must be less than max"),
            "words": any(w != w.lower() for w in self.words) and "words are written in "
            "lower case" or len(set(self.words)) < len(self.words) and "a word is given twice",
            "form": self.form is not None and (
                (not self.stated and "a fact on the form must be stated (stated: true)")
                or (self.form.checked is not None and self.type != "yesno"
                    and "checked is only for a yes/no fact")),
            "of": self.of is not None and self.type != "yesno" and "of is only for a yes/no fact",
            "place": self._place_problem(),
        }
        for key, problem in problems.items():
            if problem:
                raise ValueError(f"key '{key}': {problem}")
        return self

    def _place_problem(self) -> str | None:
        if self.place.section == "work_based_learning" and self.type != "amount":
            return "hours of work-based learning are an amount"
        if self.place.section == "masscore" and self.type not in ("amount", "yesno"):
            return "a MassCore fact is an amount (units) or a yes/no"
        if self.place.section != "courses":
            return None
        kind, placed_by = COURSE_PLACES[self.place.key]
        if self.type != kind:
            return f"{self.place} is a {kind}"
        for who in ("roster", "stated"):
            if getattr(self, who) and who not in placed_by:
                return f"{self.place} is placed only for {' and '.join(sorted(placed_by))} " \
                       f"facts; set {who}: false"
        return None

    @property
    def on_form(self) -> bool:
        return self.form is not None

    @property
    def lowest(self) -> float:
        return self.min or 0.0

    def out_of_range(self, value: float) -> str | None:
        """Which bound a value is past ("above" or "below"), or None inside the range; a
        fact with no range takes any value of 0 or more."""
        if value != value or value < self.lowest:  # NaN is below everything
            return "below"
        if self.max is not None and value > self.max:
            return "above"
        return None


class RosterWords(_Data):
    student: str  # the description of the first column, the student's name or id
    none_words: frozenset[str] = frozenset()


def _placeholders(*allowed: str):
    def check(value: str) -> str:
        try:
            value.format(**dict.fromkeys(allowed, ""))
        except (KeyError, IndexError, ValueError) as exc:
            raise ValueError(f"unknown placeholder {exc}; use "
                             f"{', '.join('{' + a + '}' for a in allowed)}") from None
        return value
    return check


_Refusal = Annotated[str, AfterValidator(_placeholders("said", "min", "max", "unit", "label"))]


class OutOfRange(_Data):
    """What the reply says of a number past a fact's min or max."""

    above: _Refusal
    below: _Refusal
    # A number said as "another 50 hours" that takes the total past the max.
    total_above: _Refusal

    def say(self, fact: Fact, said: str, where: str) -> str:
        def shown(v: float | None) -> str:
            return "" if v is None else f"{v:,.0f}" if float(v).is_integer() else f"{v:,}"

        return getattr(self, where).format(said=said, min=shown(fact.lowest),
                                           max=shown(fact.max), unit=fact.unit or "",
                                           label=fact.label)


class PlanFacts(_Data):
    source: Path
    roster: RosterWords
    out_of_range: OutOfRange
    facts: tuple[Fact, ...]

    def named(self, name: str) -> Fact:
        return by_id(self.facts, name, "plan fact", attr="name")

    def in_section(self, section: str) -> tuple[Fact, ...]:
        return tuple(f for f in self.facts if f.place.section == section)

    def on_roster(self) -> tuple[Fact, ...]:
        return tuple(f for f in self.facts if f.roster)

    def stated(self) -> tuple[Fact, ...]:
        return tuple(f for f in self.facts if f.stated)

    def on_form(self) -> tuple[Fact, ...]:
        """The form's facts row by row, each row in the order written (the API order)."""
        rows = [f.form.row for f in self.facts if f.on_form and f.form.row]
        below = max(rows, default=0) + 1
        return tuple(sorted((f for f in self.facts if f.on_form),
                            key=lambda f: f.form.row or below))

    def hours(self) -> tuple[Fact, ...]:
        """Stated hours facts, read from words such as "60 internship hours"."""
        return tuple(f for f in self.stated() if f.unit == "hours" and f.words)

    def subjects(self) -> dict[str, str]:
        """MassCore units words -> MassCore keys ("spanish" -> world_language)."""
        return {w: f.place.key for f in self.in_section("masscore")
                if f.stated and f.type == "amount" for w in f.words}


def _problems(exc: ValidationError) -> str:
    out = []
    for e in exc.errors(include_url=False):
        msg = "unknown key" if e["type"] == "extra_forbidden" else \
            e["msg"].removeprefix("Value error, ")
        where = ".".join(map(str, e["loc"]))
        out.append(msg if msg.startswith("key '") else f"key '{where or '?'}': {msg}")
    return "; ".join(out)


# Facts that code reads by name (the chat's follow-ups, MassCore as a whole, one-language
# units): the registry may add facts freely but must keep these, each at its place.
REQUIRED = {"immersive_hours": "immersive_hours", "credentials": "credentials",
            "internship_hours": "work_based_learning[internship].hours",
            "coop_hours": "work_based_learning[co-op].hours",
            "masscore_pe": "masscore.pe", "masscore_complete": "masscore.complete",
            "masscore_world_language": "masscore.world_language",
            "masscore_world_language_same": "masscore.world_language_same"}


def _cross_check(facts: tuple[Fact, ...]) -> tuple[str, str] | None:
    """(fact, problem) for the first fact that clashes with another or that the code
    needs and is missing."""
    where = {f.name: str(f.place) for f in facts}
    for name, place in REQUIRED.items():
        if where.get(name) != place:
            return name, (f"key 'place': the advisor reads fact {name} at {place}; "
                          f"it is {'at ' + where[name] if name in where else 'missing'}")
    names = Counter(f.name for f in facts)
    places = Counter(str(f.place) for f in facts)
    for f in facts:
        if names[f.name] > 1 or f.name == "student":
            return f.name, "key 'name': used twice (student is the roster's own column)"
        if places[str(f.place)] > 1:
            return f.name, f"key 'place': {f.place} is the place of another fact too"
        if f.of is not None and (f.of == f.name or f.of not in names):
            return f.name, f"key 'of': no other fact is named {f.of!r}"
    return None


def _read(path: Path) -> dict:
    try:
        data = read_yaml(path.read_text("utf-8"))
    except (OSError, yaml.YAMLError) as exc:
        raise CatalogError(f"{path}: {exc}") from None
    if not isinstance(data, dict) or not isinstance(data.get("facts"), list):
        raise CatalogError(f"{path}: expected a list of facts under 'facts'")
    return data


@lru_cache(maxsize=8)
def load_plan_facts(catalog_dir: Path) -> PlanFacts:
    path = Path(catalog_dir).resolve() / FILE  # one registry, however its folder is named
    data = _read(path)
    facts = []
    for n, item in enumerate(data["facts"], 1):
        name = item.get("name", f"fact {n}") if isinstance(item, dict) else f"fact {n}"
        try:
            facts.append(Fact.model_validate(item))
        except ValidationError as exc:
            raise CatalogError(f"{path}: fact {name}: {_problems(exc)}") from None
    clash = _cross_check(tuple(facts))
    if clash:
        raise CatalogError(f"{path}: fact {clash[0]}: {clash[1]}")
    try:
        return PlanFacts.model_validate({**data, "source": path, "facts": tuple(facts)})
    except ValidationError as exc:
        raise CatalogError(f"{path}: {_problems(exc)}") from None


def configured_catalog() -> Path:
    """The configured knowledge folder's catalog, or the shipped one when that holds no
    registry (a command run from outside the repository)."""
    from advisor.config import get_settings

    folder = get_settings().knowledge_dir / "catalog"
    return folder if (folder / FILE).is_file() else SHIPPED
