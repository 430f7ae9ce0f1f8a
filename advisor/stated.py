"""Facts a student states in words (or on the form), merged over a conversation into a
partial plan.

The facts are the registry's (knowledge/catalog/plan-facts.yaml) that are `stated`: each a
field of `StatedFacts` by its name, except MassCore's, kept under `masscore` by their
MassCore key. What is not stated stays unknown, so the matching criteria come out
`unknown`, never `unmet`.
"""

from __future__ import annotations

from functools import lru_cache
from typing import Annotated, ClassVar

from pydantic import BaseModel, ConfigDict, Field, create_model

from advisor.catalog.pathways import open_courses
from advisor.catalog.plan_facts import NUMBERS, PlanFacts
from advisor.plan import PlanModels, models_of, plan_models

_TYPES = {"count": int, "amount": Annotated[float, Field(allow_inf_nan=False)], "yesno": bool,
          "list": list[str], "text": str}


class _Stated(BaseModel):
    model_config = ConfigDict(extra="forbid")
    models: ClassVar[PlanModels]

    def merged(self, newer: _Stated, added: set[str] = frozenset()) -> _Stated:
        """These facts updated by newer ones: a newer value replaces an older one, except
        the keys in `added` ("another 50 hours"), which add to it. MassCore units merge
        subject by subject, and experiences named without hours accumulate."""
        data = self.model_dump(exclude_none=True)
        for key, value in newer.model_dump(exclude_none=True).items():
            if key in added and isinstance(data.get(key), int | float):
                data[key] = data[key] + value
            elif key == "masscore" and key in data:
                data[key] = {**data[key], **value}
            elif key == "wbl_kinds" and key in data:
                data[key] = list(dict.fromkeys(data[key] + value))
            else:
                data[key] = value
        return type(self)(**data)

    def past_range(self, newer: _Stated, added: set[str]) -> set[str]:
        """The keys in `added` whose sum with these facts would leave the fact's range
        ("another 9000 hours" on 6000): they are not added."""
        facts = {f.name: f for f in self.models.facts.stated()}
        return {key for key in added
                if isinstance(old := getattr(self, key, None), int | float)
                and isinstance(new := getattr(newer, key, None), int | float)
                and key in facts and facts[key].out_of_range(old + new)}

    def without(self, keys: set[str]) -> _Stated:
        return type(self)(**{k: v for k, v in self.model_dump(exclude_none=True).items()
                             if k not in keys})

    def is_empty(self) -> bool:
        return not self.model_dump(exclude_none=True)

    def to_plan(self):
        m = self.models
        facts = [f for f in m.facts.stated() if f.place.section != "masscore"]
        plan: dict = {}
        courses = _courses({str(f.place): getattr(self, f.name) for f in facts
                            if f.place.section == "courses"}, m.Course)
        if courses is not None:
            plan["courses"] = courses
        wbl = [m.WorkBasedLearning(kind=f.place.key, hours=getattr(self, f.name))
               for f in facts if f.place.section == "work_based_learning"
               and getattr(self, f.name) is not None]
        wbl += [m.WorkBasedLearning(kind=k) for k in self.wbl_kinds or []
                if k not in {w.kind for w in wbl}]
        if wbl:
            plan["work_based_learning"] = wbl
        plan.update({f.place.key: getattr(self, f.name) for f in facts
                     if f.place.section == "plan" and getattr(self, f.name) is not None})
        if self.masscore:
            plan["masscore"] = m.MassCorePlan(**self.masscore)
        return m.Plan(**plan)


def _courses(v: dict, Course) -> list | None:
    """Courses from the counts stated, keyed by course place."""
    stated_tech, stated_college = v.get("courses[technical]"), v.get("courses[college_level]")
    total, credits = v.get("courses"), v.get("courses[college_level].college_credits")
    tech, college = stated_tech or 0, stated_college or 0
    if total is None and not tech and not college and credits is None:
        return None
    courses = [Course(name=f"technical course {i + 1}", technical=True,
                      college_level=False) for i in range(tech)]
    given = {"college_credits": credits,
             "gened_transfer": v.get("courses[college_level].gened_transfer")}
    # Stated credits ride on the first stated college-level course; only when no such
    # course was stated do they stand for one course of their own.
    courses += [Course(name=f"college-level course {i + 1}", college_level=True,
                       technical=False, **(given if i == 0 else {}))
                for i in range(college)]
    if credits is not None and not college:
        courses.append(Course(name="college course with stated credits",
                              college_level=True, technical=False, **given))
    extra = max(0, (total or 0) - len(courses))
    courses += [Course(name=f"course {i + 1}") for i in range(extra)]
    if total is None and (stated_tech is None or stated_college is None):
        # Courses nobody mentioned: unnamed, so they can make a criterion unknown but never
        # met; a stated count fixes its own type, and stated credits are the student's
        # total, so these carry none.
        courses += [Course(technical=False if stated_tech is not None else None,
                           college_level=False if stated_college is not None else None,
                           college_credits=0 if credits is not None else None)
                    for _ in range(open_courses())]
    return courses


@lru_cache(maxsize=8)
def _build(models: PlanModels) -> type[_Stated]:
    # a number outside a fact's range never becomes a stated fact (the chat and the form
    # refuse it first, saying so)
    fields = {f.name: (_TYPES[f.type] | None, Field(None, ge=f.lowest, le=f.max)
                       if f.type in NUMBERS else None)
              for f in models.facts.stated() if f.place.section != "masscore"}
    model = create_model(
        "StatedFacts", __base__=_Stated, **fields,
        # Experiences named without hours ("she did a co-op"): stated, hours unknown.
        wbl_kinds=(list[str] | None, None),
        masscore=(dict[str, float | bool] | None, None))
    model.models = models
    return model


def stated_model(facts: PlanFacts | None = None) -> type[_Stated]:
    """The stated facts of a registry (default: the configured catalog's)."""
    return _build(models_of(facts) if facts is not None else plan_models())


StatedFacts = stated_model()
