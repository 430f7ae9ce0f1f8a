"""One roster row as a plan. A blank cell stays unknown all the way to the criteria: it can
leave a criterion unknown, never meet or fail one.

Each column is a fact of the registry and goes to the fact's place; the course counts are
turned into courses here, by a rule of their own.
"""

from __future__ import annotations

from advisor.catalog.pathways import open_courses
from advisor.plan import PlanModels, plan_models

_TECHNICAL, _COLLEGE, _FIELD = "courses[technical]", "courses[college_level]", \
    "courses[career_field]"
_CREDITS = "courses[college_level].college_credits"
_GENED = "courses[gened_transfer].college_credits"


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


def _courses(v: dict, Course) -> list | None:
    """Courses from the row's course counts and credits, keyed by course place."""
    if all(value is None for value in v.values()):
        return None
    tech, college = v.get(_TECHNICAL), v.get(_COLLEGE)
    credits_given = v.get(_CREDITS) is not None or v.get(_GENED) is not None
    # Credits but no count of college-level courses: at least one such course exists.
    n_college = college if college is not None else int(credits_given)
    specs = [{"name": f"technical course {i + 1}", "technical": True, "college_level": False}
             for i in range(tech or 0)]
    specs += [{"name": f"college-level course {i + 1}", "technical": False,
               "college_level": True, **c}
              for i, c in enumerate(_credits(n_college, v.get(_CREDITS), v.get(_GENED)))]
    # The count of career-field courses is a total too: it marks every course, in or out.
    field_courses = v.get(_FIELD)
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
                    for _ in range(open_courses())]
    return courses


def _work_based_learning(hours: dict, WorkBasedLearning) -> list | None:
    if all(h is None for h in hours.values()):
        return None
    return [WorkBasedLearning(kind=k, hours=h) if h is not None else
            WorkBasedLearning(kind=k, possible=True) for k, h in hours.items()]


def _masscore(units: dict, MassCorePlan):
    units = {k: val for k, val in units.items() if val is not None}
    if not units:
        return None
    if "world_language" in units:
        # The column counts units of one language, which is what MassCore asks for.
        units["world_language_same"] = True
    return MassCorePlan(**units)


def row_plan(values: dict, models: PlanModels | None = None):
    """`values` by column; `models` those of the catalog the columns came from."""
    m = models or plan_models()
    by_section: dict[str, dict] = {"plan": {}, "masscore": {}, "work_based_learning": {},
                                   "courses": {}}
    for f in m.facts.on_roster():
        key = str(f.place) if f.place.section == "courses" else f.place.key
        by_section[f.place.section][key] = values.get(f.name)
    plan = {"courses": _courses(by_section["courses"], m.Course),
            "work_based_learning": _work_based_learning(by_section["work_based_learning"],
                                                        m.WorkBasedLearning),
            **by_section["plan"], "masscore": _masscore(by_section["masscore"], m.MassCorePlan)}
    return m.Plan(**{k: val for k, val in plan.items() if val is not None})
