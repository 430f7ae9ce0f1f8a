"""Facts a student states in words, merged over a conversation into a partial plan.

What is not stated stays unknown, so the matching criteria come out `unknown`,
never `unmet`.
"""

from __future__ import annotations

from pydantic import BaseModel, ConfigDict, Field

from advisor.plan import Course, MassCorePlan, Plan, WorkBasedLearning

Count = Field(None, ge=0)


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
    mycap: bool | None = None
    masscore: dict[str, float | bool] | None = None

    def merged(self, newer: StatedFacts) -> StatedFacts:
        """These facts updated by newer ones; a newer value replaces an older one."""
        data = self.model_dump(exclude_none=True)
        data.update(newer.model_dump(exclude_none=True))
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
            plan["courses"] = courses
        wbl = [WorkBasedLearning(kind=k, hours=h) for k, h in (
            ("internship", self.internship_hours), ("capstone", self.capstone_hours),
            ("co-op", self.coop_hours), ("job-shadow", self.job_shadow_hours)) if h is not None]
        if wbl:
            plan["work_based_learning"] = wbl
        for key in ("immersive_hours", "credentials", "mycap"):
            if getattr(self, key) is not None:
                plan[key] = getattr(self, key)
        if self.masscore:
            plan["masscore"] = MassCorePlan(**self.masscore)
        return Plan(**plan)
