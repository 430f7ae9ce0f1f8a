"""A student's plan: every field optional, absent means "not known".

Courses and work-based learning are the plan's own structure; the facts themselves (MassCore
units, immersive hours, a MyCAP...) come from the registry, knowledge/catalog/plan-facts.yaml.
`Plan`, `MassCorePlan` and `WorkBasedLearning` here are built from the configured knowledge
folder's registry; `plan_models(catalog_dir)` builds them for another.
"""

from __future__ import annotations

from dataclasses import dataclass
from functools import lru_cache
from pathlib import Path
from typing import Annotated, Literal

from pydantic import BaseModel, ConfigDict, Field, ValidationError, create_model

from advisor.catalog.plan_facts import NUMBERS, PlanFacts, configured_catalog, load_plan_facts
from advisor.config import get_settings
from advisor.jsonfile import JsonFileError, read_json

Amount = Annotated[float, Field(ge=0, allow_inf_nan=False)]
Count = Annotated[int, Field(ge=0)]
VALUE_TYPES = {"count": Count, "amount": Amount, "yesno": bool, "list": list[str], "text": str}
# A kind of work-based learning no fact counts hours of: still a valid plan entry.
OTHER_KIND = "other"


class _Strict(BaseModel):
    model_config = ConfigDict(extra="forbid", strict=True)


class Course(_Strict):
    name: str | None = None
    technical: bool | None = None
    college_level: bool | None = None
    sector: str | None = None
    field: str | None = None
    college_credits: Amount | None = None
    gened_transfer: bool | None = None
    # In the student's one main career field, when that is all that is known (a roster
    # counts such courses without naming the field); `field` names it when known.
    career_field: bool | None = None


@dataclass(frozen=True)
class PlanModels:
    facts: PlanFacts
    Plan: type[BaseModel]
    MassCorePlan: type[BaseModel]
    WorkBasedLearning: type[BaseModel]
    Course: type[BaseModel] = Course


def _in_range(facts) -> type:
    """The value type of numeric facts that share one field, bounded by their widest range
    in the registry: a plan cannot hold what the chat, the form and a roster refuse."""
    facts = list(facts)
    low = min((f.lowest for f in facts), default=0)
    top = max((f.max for f in facts), default=None) if all(f.max for f in facts) else None
    if facts and all(f.type == "count" for f in facts):
        return Annotated[int, Field(ge=low, le=top)]
    return Annotated[float, Field(ge=low, le=top, allow_inf_nan=False)]


def _value_type(fact) -> type:
    return _in_range([fact]) if fact.type in NUMBERS else VALUE_TYPES[fact.type]


def _fields(facts) -> dict:
    return {f.place.key: (_value_type(f) | None, Field(None, description=f.description))
            for f in facts}


def build_models(facts: PlanFacts) -> PlanModels:
    kinds = tuple(dict.fromkeys(f.place.key for f in facts.in_section("work_based_learning")))
    credits = [f for f in facts.in_section("courses") if f.place.key.endswith(".college_credits")]
    course = create_model("Course", __base__=Course,
                          college_credits=(_in_range(credits) | None, None)) if credits \
        else Course
    wbl = create_model(
        "WorkBasedLearning", __base__=_Strict,
        kind=(Literal[(*kinds, OTHER_KIND)] | None, None),
        hours=(_in_range(facts.in_section("work_based_learning")) | None, None),
        # A kind the plan cannot rule in or out (a blank roster cell): it can leave a
        # criterion unknown, never meet one.
        possible=(bool | None, None))
    masscore = create_model("MassCorePlan", __base__=_Strict,
                            **_fields(facts.in_section("masscore")))
    plan = create_model("Plan", __base__=_Strict,
                        courses=(list[course] | None, None),
                        work_based_learning=(list[wbl] | None, None),
                        **_fields(facts.in_section("plan")),
                        masscore=(masscore | None, None))
    return PlanModels(facts, plan, masscore, wbl, course)


@lru_cache(maxsize=8)
def models_of(facts: PlanFacts) -> PlanModels:
    """One set of models per registry, so plans of one catalog share their classes."""
    return build_models(facts)


def plan_models(catalog_dir: Path | None = None) -> PlanModels:
    """The plan models of a catalog folder (default: the configured one)."""
    return models_of(load_plan_facts(Path(catalog_dir or configured_catalog()).resolve()))


_CONFIGURED = plan_models()
Plan = _CONFIGURED.Plan
MassCorePlan = _CONFIGURED.MassCorePlan
WorkBasedLearning = _CONFIGURED.WorkBasedLearning


class PlanError(ValueError):
    """A malformed plan; the message names the field."""


def _field_path(loc: tuple) -> str:
    out = ""
    for part in loc:
        out += f"[{part}]" if isinstance(part, int) else (f".{part}" if out else str(part))
    return out or "(plan)"


def parse_plan(data: object, catalog_dir: Path | None = None):
    if not isinstance(data, dict):
        raise PlanError(f"plan must be a JSON object, not {type(data).__name__}")
    model = plan_models(catalog_dir).Plan if catalog_dir else Plan
    try:
        return model.model_validate(data)
    except ValidationError as exc:
        problems = [f"plan field '{_field_path(e['loc'])}': {e['msg']}"
                    for e in exc.errors(include_url=False)]
        raise PlanError("; ".join(problems)) from None


def read_plan(path: Path, catalog_dir: Path | None = None, *, name: str | None = None,
              max_kb: float | None = None):
    """The plan in a JSON file. `name` is how messages call it (default the file's own
    name, so an upload's server path is never shown); `max_kb` defaults to the setting."""
    try:
        data = read_json(Path(path), name or Path(path).name, "plan file",
                         max_kb or get_settings().max_json_kb)
    except JsonFileError as exc:
        raise PlanError(str(exc)) from None
    return parse_plan(data, catalog_dir)
