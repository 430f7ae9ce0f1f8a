"""Rules on single facts, work-based learning and college credits."""

from __future__ import annotations

from advisor.plan import Plan
from advisor.rules.courses import unstated
from advisor.rules.outcome import Outcome, fmt


def fact_true(plan: Plan, rule) -> Outcome:
    value, what = getattr(plan, rule.fact), rule.what
    if value is None:
        return Outcome.unknown(f"The plan does not say whether the student has {what}.")
    return Outcome("met", f"Has {what}.") if value else Outcome("unmet", f"Does not have {what}.")


def number_at_least(plan: Plan, rule) -> Outcome:
    value, min, what = getattr(plan, rule.fact), rule.min, rule.what
    if value is None:
        return Outcome.unknown(f"The plan does not give {what}.")
    return Outcome.threshold(value, min, what)


def list_not_empty(plan: Plan, rule) -> Outcome:
    value, min, what = getattr(plan, rule.fact), rule.min, rule.what
    if value is None:
        return Outcome.unknown(f"The plan does not list {what}.")
    named = [v for v in value if v.strip()]
    extra = f" ({', '.join(named)})" if named else ""
    return Outcome.threshold(len(named), min, what, extra)


def wbl_hours(plan: Plan, rule) -> Outcome:
    items, min, kinds = plan.work_based_learning, rule.min, rule.kinds
    if items is None:
        return Outcome.unknown("The plan does not list work-based learning.")
    label = " or ".join(kinds)
    counted = sum(w.hours for w in items
                  if w.kind in kinds and w.hours is not None and not w.possible)
    maybe = [w for w in items if (w.kind is None or (w.kind in kinds and w.hours is None))]
    other = sum(w.hours or 0 for w in items if w.kind is not None and w.kind not in kinds)
    extra = f" ({fmt(other)} hours of other kinds, e.g. job shadowing, do not count)" if other \
        else ""
    result = Outcome.threshold(counted, min, f"{label} hours", extra)
    if result.status == "unmet" and maybe:
        return Outcome.unknown(f"{fmt(counted)} of {fmt(min)} {label} hours confirmed; "
                               "some experiences do not give their kind or hours.")
    return result


def wbl_any(plan: Plan, rule) -> Outcome:
    items, kinds, what = plan.work_based_learning, rule.kinds, rule.what
    if items is None:
        return Outcome.unknown("The plan does not list work-based learning.")
    hits = [w.kind for w in items if w.kind in kinds and not w.possible
            and (w.hours is None or w.hours > 0)]
    if hits:
        return Outcome("met", f"Has {what}: {', '.join(hits)}.")
    if any(w.kind is None for w in items):
        return Outcome.unknown("Some work-based learning does not give its kind.")
    open_kinds = [w.kind for w in items if w.possible and w.kind in kinds]
    if open_kinds:
        return Outcome.unknown(f"The plan does not say whether the student has: "
                               f"{', '.join(open_kinds)}.")
    have = ", ".join(w.kind for w in items if not w.possible
                     and (w.hours is None or w.hours > 0)) or "none"
    return Outcome("unmet", f"Needs {what}; the plan has: {have}.", what, 1)


def college_credits(plan: Plan, rule) -> Outcome:
    min, gened_only = rule.min, rule.gened_only
    if plan.courses is None:
        return Outcome.unknown("The plan does not list its courses.")
    credits = [(c.college_credits, c.gened_transfer) for c in plan.courses]
    counted = sum(n for n, g in credits if n and (g or not gened_only))
    excluded = sum(n for n, g in credits if n and g is False and gened_only)
    # A course may carry credits nobody stated: a college-level one, or one the plan only
    # knows is possible (say "two technical courses" and the rest of the plan is open).
    open_ended = any(c.college_credits is None and (c.college_level or (
        c.college_level is None and unstated(c))) for c in plan.courses)
    unclear = any(n and g is None for n, g in credits) or open_ended
    what = "GenEd transfer college credits" if gened_only else "college credits"
    extra = f" ({fmt(excluded)} credits outside the GenEd transfer block do not count)" \
        if excluded else ""
    result = Outcome.threshold(counted, min, what, extra)
    # Credits of unclear kind can only add what they are: 9 credits in all stay short of 12.
    possible = counted + sum(n for n, g in credits if n and g is None)
    if result.status == "unmet" and unclear and not open_ended and possible < min:
        return Outcome("unmet", f"{fmt(possible)} of {fmt(min)} college credits even if all of "
                                f"them count; needs {fmt(min - possible)} more", what,
                       min - possible)
    if result.status == "unmet" and unclear:
        return Outcome.unknown(f"{fmt(counted)} of {fmt(min)} {what} confirmed; some courses "
                               "do not say their credits or whether they transfer as GenEd.")
    return result
