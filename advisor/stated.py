"""Facts a student states in words, merged over a conversation into a partial plan.

What is not stated stays unknown, so the matching criteria come out `unknown`,
never `unmet`.
"""

from __future__ import annotations

from pydantic import BaseModel, ConfigDict, Field

from advisor.plan import Course, MassCorePlan, Plan, WorkBasedLearning

Count = Field(None, ge=0)
# Enough unstated courses to reach any course minimum in the catalog.
UNSTATED_COURSES = 4


class StatedFacts(BaseModel):
    model_config = ConfigDict(extra="forbid")

    courses: int | None = Count
    technical_courses: int | None = Count
    college_level_courses: int | None = Count
    internship_hours: float | None = Count
    capstone_hours: float | None = Count
    coop_hours: float | None = Count
    job_shadow_hours: float | None = Count
    college_credits: float | None = Count
    gened_transfer: bool | None = None
    immersive_hours: float | None = Count
    credentials: list[str] | None = None
    # Experiences named without hours ("she did a co-op"): stated, hours unknown.
    wbl_kinds: list[str] | None = None
    mycap: bool | None = None
    masscore: dict[str, float | bool] | None = None

    def merged(self, newer: StatedFacts, added: set[str] = frozenset()) -> StatedFacts:
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
        return StatedFacts(**data)

    def is_empty(self) -> bool:
        return not self.model_dump(exclude_none=True)

    def to_plan(self) -> Plan:
        plan: dict = {}
        tech, college = self.technical_courses or 0, self.college_level_courses or 0
        if self.courses is not None or tech or college or self.college_credits is not None:
            courses = [Course(name=f"technical course {i + 1}", technical=True,
                              college_level=False) for i in range(tech)]
            credits = {"college_credits": self.college_credits,
                       "gened_transfer": self.gened_transfer}
            # Stated credits ride on the first stated college-level course; only when no
            # such course was stated do they stand for one course of their own.
            courses += [Course(name=f"college-level course {i + 1}", college_level=True,
                               technical=False, **(credits if i == 0 else {}))
                        for i in range(college)]
            if self.college_credits is not None and not college:
                courses.append(Course(name="college course with stated credits",
                                      college_level=True, technical=False, **credits))
            extra = max(0, (self.courses or 0) - len(courses))
            courses += [Course(name=f"course {i + 1}") for i in range(extra)]
            if self.courses is None and (self.technical_courses is None
                                         or self.college_level_courses is None):
                # Courses nobody mentioned: unnamed, so they can make a criterion unknown
                # but never met; a stated count fixes its own type, and stated credits are
                # the student's total, so these carry none.
                courses += [Course(technical=False if self.technical_courses is not None
                                   else None,
                                   college_level=False if self.college_level_courses is not None
                                   else None,
                                   college_credits=0 if self.college_credits is not None
                                   else None) for _ in range(UNSTATED_COURSES)]
            plan["courses"] = courses
        wbl = [WorkBasedLearning(kind=k, hours=h) for k, h in (
            ("internship", self.internship_hours), ("capstone", self.capstone_hours),
            ("co-op", self.coop_hours), ("job-shadow", self.job_shadow_hours)) if h is not None]
        wbl += [WorkBasedLearning(kind=k) for k in self.wbl_kinds or []
                if k not in {w.kind for w in wbl}]
        if wbl:
            plan["work_based_learning"] = wbl
        for key in ("immersive_hours", "credentials", "mycap"):
            if getattr(self, key) is not None:
                plan[key] = getattr(self, key)
        if self.masscore:
            plan["masscore"] = MassCorePlan(**self.masscore)
        return Plan(**plan)
