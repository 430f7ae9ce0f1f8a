"""Each kind of criterion rule as a declaration, selected by `kind` and checked at load.

A key a kind does not take, a value of the wrong type, or a plan fact that does not
exist is refused when the catalog loads, so a typo (`mn: 100`) can never fall back on a
default. `values()` gives what a requirement template may name ({min}, {kinds}).
"""

from __future__ import annotations

import typing
from functools import lru_cache
from typing import Annotated, Literal

from pydantic import BaseModel, ConfigDict, Field, ValidationInfo, field_validator

# Strict: YAML's `true` or '100' is a typo, never a number (pydantic would convert them).
Minimum = Annotated[float, Field(gt=0, allow_inf_nan=False, strict=True)]
Whole = Annotated[int, Field(gt=0, strict=True)]  # a number of courses or list items
Bucket = Literal["technical", "college_level"]


@lru_cache(maxsize=16)
def _fields_in(catalog_dir, model_name: str, json_type: str) -> frozenset[str]:
    from advisor.plan import plan_models

    props = getattr(plan_models(catalog_dir), model_name).model_json_schema()["properties"]
    return frozenset(name for name, spec in props.items()
                     if json_type in {t.get("type") for t in spec.get("anyOf", [spec])})


def _plan_fields(info: ValidationInfo, model_name: str, json_type: str) -> frozenset[str]:
    """The plan's own fields of one JSON type, in the registry of the catalog being loaded
    (`catalog_dir` in the validation context; else the configured one): rules name them,
    so a misspelt one is refused."""
    return _fields_in((info.context or {}).get("catalog_dir"), model_name, json_type)


def _wbl_kinds(info: ValidationInfo, kinds: list[str]) -> list[str]:
    """Kinds of work-based learning a plan can hold, as the registry of the catalog names
    them (`work_based_learning[KIND].hours`), so a misspelt kind is refused."""
    from advisor.plan import plan_models

    model = plan_models((info.context or {}).get("catalog_dir")).WorkBasedLearning
    known = set(model.model_json_schema()["properties"]["kind"]["anyOf"][0]["enum"])
    for kind in kinds:
        _one_of(kind, known, "a kind of work-based learning")
    return kinds


def _one_of(value: str, allowed: set[str], what: str) -> str:
    if value not in allowed:
        raise ValueError(f"{value!r} is not {what}; use one of {', '.join(sorted(allowed))}")
    return value


class _Rule(BaseModel):
    model_config = ConfigDict(extra="forbid", frozen=True, strict=True)

    def values(self) -> dict:
        """What a requirement template may name, each written as a reader sees it."""
        return {k: v for k, v in self.model_dump().items() if k != "kind"}


class CourseCount(_Rule):
    kind: Literal["course_count"]
    min: Whole


class CourseBuckets(_Rule):
    """Technical and college-level courses: a course counts toward one bucket only."""

    kind: Literal["course_buckets"]
    bucket: Bucket
    min: Whole
    other: Bucket
    other_min: Whole  # must equal the other bucket's own criterion `min` (checked at load)


class SameFieldCourses(_Rule):
    kind: Literal["same_field_courses"]
    min: Whole


class FactTrue(_Rule):
    kind: Literal["fact_true"]
    fact: str
    what: str

    @field_validator("fact")
    @classmethod
    def _known(cls, v, info: ValidationInfo):
        return _one_of(v, _plan_fields(info, "Plan", "boolean"), "a yes/no fact of the plan")


class NumberAtLeast(_Rule):
    kind: Literal["number_at_least"]
    fact: str
    min: Minimum
    what: str

    @field_validator("fact")
    @classmethod
    def _known(cls, v, info: ValidationInfo):
        return _one_of(v, _plan_fields(info, "Plan", "number"), "a number fact of the plan")


class ListNotEmpty(_Rule):
    kind: Literal["list_not_empty"]
    fact: str
    min: Whole
    what: str

    @field_validator("fact")
    @classmethod
    def _known(cls, v, info: ValidationInfo):
        return _one_of(v, _plan_fields(info, "Plan", "array") - {"courses", "work_based_learning"},
                       "a list fact of the plan")


class WblHours(_Rule):
    kind: Literal["wbl_hours"]
    min: Minimum
    kinds: Annotated[list[str], Field(min_length=1)]

    _kinds = field_validator("kinds")(classmethod(lambda cls, v, info: _wbl_kinds(info, v)))


class WblAny(_Rule):
    kind: Literal["wbl_any"]
    kinds: Annotated[list[str], Field(min_length=1)]
    what: str

    _kinds = field_validator("kinds")(classmethod(lambda cls, v, info: _wbl_kinds(info, v)))


class CollegeCredits(_Rule):
    kind: Literal["college_credits"]
    min: Minimum
    gened_only: bool = True  # strict: only true or false


class MassCoreUnits(_Rule):
    kind: Literal["masscore_units"]
    field: str
    min: Minimum
    what: str
    same: str | None = None  # the yes/no fact saying the units are in one subject

    @field_validator("field")
    @classmethod
    def _units(cls, v, info: ValidationInfo):
        return _one_of(v, _plan_fields(info, "MassCorePlan", "number"), "a MassCore units fact")

    @field_validator("same")
    @classmethod
    def _flag(cls, v, info: ValidationInfo):
        return v if v is None else _one_of(v, _plan_fields(info, "MassCorePlan", "boolean"),
                                           "a MassCore yes/no fact")


class MassCoreFlag(_Rule):
    kind: Literal["masscore_flag"]
    field: str
    what: str

    @field_validator("field")
    @classmethod
    def _flag(cls, v, info: ValidationInfo):
        return _one_of(v, _plan_fields(info, "MassCorePlan", "boolean"), "a MassCore yes/no fact")


class MassCore(_Rule):
    """MassCore as one criterion of a pathway; `waive` names MassCore criteria it drops
    (checked against the MassCore catalog when the whole catalog loads)."""

    kind: Literal["masscore"]
    waive: list[str] = []


Rule = Annotated[
    CourseCount | CourseBuckets | SameFieldCourses | FactTrue | NumberAtLeast | ListNotEmpty
    | WblHours | WblAny | CollegeCredits | MassCoreUnits | MassCoreFlag | MassCore,
    Field(discriminator="kind")]


def fields_of(kind: str) -> list[str]:
    """The keys a rule kind takes, for a message about one it does not."""
    for model in typing.get_args(typing.get_args(Rule)[0]):
        if typing.get_args(model.model_fields["kind"].annotation) == (kind,):
            return [k for k in model.model_fields if k != "kind"]
    return []
