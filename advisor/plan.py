"""A student's plan: every field optional, absent means "not known"."""

from __future__ import annotations

import json
from pathlib import Path
from typing import Annotated, Literal

from pydantic import BaseModel, ConfigDict, Field, ValidationError

Amount = Annotated[float, Field(ge=0, allow_inf_nan=False)]


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


class WorkBasedLearning(_Strict):
    kind: Literal["internship", "capstone", "co-op", "job-shadow", "other"] | None = None
    hours: Amount | None = None
    # A kind the plan cannot rule in or out (a blank roster cell): it can leave a
    # criterion unknown, never meet one.
    possible: bool | None = None


class MassCorePlan(_Strict):
    english: Amount | None = None
    math: Amount | None = None
    math_senior_year: bool | None = None
    lab_science: Amount | None = None
    history: Amount | None = None
    world_language: Amount | None = None
    world_language_same: bool | None = None
    arts: Amount | None = None
    additional_core: Amount | None = None
    pe: bool | None = None
    # said of MassCore as a whole ("all my MassCore is done"); subjects given still decide
    complete: bool | None = None


class Plan(_Strict):
    courses: list[Course] | None = None
    work_based_learning: list[WorkBasedLearning] | None = None
    immersive_hours: Amount | None = None
    credentials: list[str] | None = None
    mycap: bool | None = None
    masscore: MassCorePlan | None = None


class PlanError(ValueError):
    """A malformed plan; the message names the field."""


def _field_path(loc: tuple) -> str:
    out = ""
    for part in loc:
        out += f"[{part}]" if isinstance(part, int) else (f".{part}" if out else str(part))
    return out or "(plan)"


def parse_plan(data: object) -> Plan:
    if not isinstance(data, dict):
        raise PlanError(f"plan must be a JSON object, not {type(data).__name__}")
    try:
        return Plan.model_validate(data)
    except ValidationError as exc:
        problems = [f"plan field '{_field_path(e['loc'])}': {e['msg']}"
                    for e in exc.errors(include_url=False)]
        raise PlanError("; ".join(problems)) from None


def read_plan(path: Path) -> Plan:
    try:
        text = Path(path).read_text(encoding="utf-8")
    except (OSError, UnicodeDecodeError) as exc:
        raise PlanError(f"cannot read plan file {path}: {exc}") from None
    try:
        data = json.loads(text)
    except json.JSONDecodeError as exc:
        raise PlanError(f"plan file {path} is not valid JSON: {exc}") from None
    return parse_plan(data)
