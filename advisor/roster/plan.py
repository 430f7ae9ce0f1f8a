"""One roster row as a plan. A blank cell stays unknown all the way to the criteria: it can
leave a criterion unknown, never meet or fail one."""

from __future__ import annotations

from advisor.plan import Course, MassCorePlan, Plan, WorkBasedLearning

# Enough possible courses to reach any course minimum in the catalog when a count is blank.
OPEN_COURSES = 4
_WBL = {"internship_hours": "internship", "capstone_hours": "capstone",
        "coop_hours": "co-op", "job_shadow_hours": "job-shadow"}
_COURSE_KEYS = ("technical_courses", "college_level_courses", "college_credits",
                "gened_transfer_credits", "career_field_courses")
_MASSCORE = "masscore_"


def _credits(n_college: int, total, gened) -> list[dict]:
    """Credits for each college-level course, in order. The row gives totals, so the
    first course carries them and the rest carry none."""
    if total is None and gened is None:
        return [{}] * n_college
    first = [{"college_credits": gened, "gened_transfer": True}] if gened is not None else \
        [{"college_credits": total, "gened_transfer": None}]
    rest = []
    if gened is not None and total is not None and total > gened and n_college > 1:
        rest = [{"college_credits": total - gened, "gened_transfer": False}]
    zero = {"college_credits": 0, "gened_transfer": None}
    return (first + rest + [zero] * n_college)[:n_college]


def _courses(v: dict) -> list[Course] | None:
    if all(v.get(k) is None for k in _COURSE_KEYS):
        return None
    tech, college = v.get("technical_courses"), v.get("college_level_courses")
    credits_given = v.get("college_credits") is not None or \
        v.get("gened_transfer_credits") is not None
    # Credits but no count of college-level courses: at least one such course exists.
    n_college = college if college is not None else int(credits_given)
    specs = [{"name": f"technical course {i + 1}", "technical": True, "college_level": False}
             for i in range(tech or 0)]
    specs += [{"name": f"college-level course {i + 1}", "technical": False,
               "college_level": True, **c}
              for i, c in enumerate(_credits(n_college, v.get("college_credits"),
                                             v.get("gened_transfer_credits")))]
    # The count of career-field courses is a total too: it marks every course, in or out.
    field_courses = v.get("career_field_courses")
    if field_courses is not None:
        for i, spec in enumerate(specs):
            spec["career_field"] = i < field_courses
        specs += [{"name": f"career-field course {i + 1}", "career_field": True,
                   "technical": None if tech is None else False,
                   "college_level": None if college is None else False}
                  for i in range(max(0, field_courses - len(specs)))]
    courses = [Course(**s) for s in specs]
    if tech is None or college is None:
        # Given credits are the row's totals, so these unknown courses carry none of them.
        courses += [Course(technical=None if tech is None else False,
                           college_level=None if college is None else False,
                           college_credits=0 if credits_given else None,
                           career_field=False if field_courses is not None else None)
                    for _ in range(OPEN_COURSES)]
    return courses


def _work_based_learning(v: dict) -> list[WorkBasedLearning] | None:
    hours = {kind: v.get(col) for col, kind in _WBL.items()}
    if all(h is None for h in hours.values()):
        return None
    return [WorkBasedLearning(kind=k, hours=h) if h is not None else
            WorkBasedLearning(kind=k, possible=True) for k, h in hours.items()]


def _masscore(v: dict) -> MassCorePlan | None:
    units = {k.removeprefix(_MASSCORE): val for k, val in v.items()
             if k.startswith(_MASSCORE) and val is not None}
    if not units:
        return None
    if "world_language" in units:
        # The column counts units of one language, which is what MassCore asks for.
        units["world_language_same"] = True
    return MassCorePlan(**units)


def row_plan(values: dict) -> Plan:
    plan = {"courses": _courses(values), "work_based_learning": _work_based_learning(values),
            "immersive_hours": values.get("immersive_hours"),
            "credentials": values.get("credentials"), "mycap": values.get("mycap"),
            "masscore": _masscore(values)}
    return Plan(**{k: val for k, val in plan.items() if val is not None})
