"""Course rules: counts, ICP technical/college-level buckets, one-field series."""

from __future__ import annotations

from collections import Counter

from advisor.plan import Plan
from advisor.rules.outcome import Outcome, fmt

NO_COURSES = "The plan does not list its courses."


def distinct(plan: Plan) -> list:
    """The plan's courses, a course listed twice (same name, any case) counted once."""
    seen: set[str] = set()
    out = []
    for c in plan.courses or []:
        key = (c.name or "").strip().lower()
        if key and key in seen:
            continue
        seen.add(key)
        out.append(c)
    return out


def unstated(course) -> bool:
    """A course only known to be possible (no name, field or type): never counts as met."""
    return course.name is None and not course.technical and not course.college_level \
        and course.field is None and course.sector is None


def course_count(plan: Plan, rule) -> Outcome:
    min = rule.min
    if plan.courses is None:
        return Outcome.unknown(NO_COURSES)
    courses = distinct(plan)
    known = sum(not unstated(c) for c in courses)
    if known < min <= len(courses):
        return Outcome.unknown(f"{fmt(known)} of {fmt(min)} distinct courses stated; the "
                               "plan does not list the rest.")
    return Outcome.threshold(known, min, "distinct courses")


def assign(only_a: int, only_b: int, both: int, min_a: int, min_b: int) -> tuple[int, int]:
    """Split courses that could count either way so both minimums are best served.

    Returns (count for a, count for b); each course counts once.
    """
    def cost(x: int) -> tuple[int, int]:
        short = max(0, min_a - only_a - x) + max(0, min_b - only_b - (both - x))
        return short, abs((only_a + x - min_a) - (only_b + both - x - min_b))

    x = min(range(both + 1), key=cost)
    return only_a + x, only_b + both - x


def _split(plan: Plan, mins: dict[str, int], unknown_as: bool) -> dict[str, int]:
    """Best joint split over both buckets, always computed in the same order."""
    a, b = sorted(mins)
    only_a = only_b = both = 0
    for c in distinct(plan):
        in_a = unknown_as if getattr(c, a) is None else getattr(c, a)
        in_b = unknown_as if getattr(c, b) is None else getattr(c, b)
        both += bool(in_a and in_b)
        only_a += bool(in_a and not in_b)
        only_b += bool(in_b and not in_a)
    got_a, got_b = assign(only_a, only_b, both, mins[a], mins[b])
    return {a: got_a, b: got_b}


def course_buckets(plan: Plan, rule) -> Outcome:
    if plan.courses is None:
        return Outcome.unknown(NO_COURSES)
    bucket, min = rule.bucket, rule.min
    mins = {bucket: min, rule.other: rule.other_min}
    label = bucket.replace("_", "-")
    note = " (a course counts toward one bucket only)"
    sure = _split(plan, mins, False)[bucket]
    if sure >= min:
        return Outcome.threshold(sure, min, f"{label} courses", note)
    best = _split(plan, mins, True)[bucket]
    if best >= min:
        return Outcome.unknown(f"{fmt(sure)} of {fmt(min)} {label} courses confirmed; some "
                               f"courses do not say whether they are {label}.")
    return Outcome.threshold(best, min, f"{label} courses", note)


def same_field_courses(plan: Plan, rule) -> Outcome:
    min = rule.min
    if plan.courses is None:
        return Outcome.unknown(NO_COURSES)
    courses = distinct(plan)
    if any(c.career_field is not None for c in courses):
        return _career_field_courses(courses, min)
    fields = Counter((c.field or c.sector).strip().lower() for c in courses
                     if (c.field or c.sector))
    unlabeled = sum(1 for c in courses if not (c.field or c.sector))
    top_field, top = fields.most_common(1)[0] if fields else ("", 0)
    where = f" in {top_field}" if top_field else ""
    if top < min and top + unlabeled >= min:
        return Outcome.unknown(f"{top} courses{where}; {unlabeled} courses do not name "
                               "their field.")
    return Outcome.threshold(top, min, "courses in one field", where)


def _career_field_courses(courses: list, min: int) -> Outcome:
    """Courses marked in or out of the student's career field, its name not given."""
    inside = sum(1 for c in courses if c.career_field)
    open_ = sum(1 for c in courses if c.career_field is None)
    what = "courses in the student's career field"
    if inside < min <= inside + open_:
        return Outcome.unknown(f"{inside} {what}; {open_} courses do not say whether they "
                               "are in it.")
    return Outcome.threshold(inside, min, what)
