"""MassCore rules: units per subject, and MassCore as one criterion of a pathway."""

from __future__ import annotations

from advisor.plan import Plan
from advisor.rules.outcome import Outcome


def masscore_units(plan: Plan, rule) -> Outcome:
    min, what, same = rule.min, rule.what, rule.same
    units = getattr(plan.masscore, rule.field) if plan.masscore else None
    if units is None:
        return Outcome.unknown(f"The plan does not give {what}.")
    result = Outcome.threshold(units, min, what)
    if result.status == "met" and same:
        flag = getattr(plan.masscore, same)
        if flag is None:
            return Outcome.unknown(f"{result.detail}; the plan does not say whether they are "
                                   "in the same language.")
        if not flag:
            return Outcome("unmet", f"{result.detail}, but not in the same language.")
    return result


def masscore_flag(plan: Plan, rule) -> Outcome:
    what = rule.what
    value = getattr(plan.masscore, rule.field) if plan.masscore else None
    if value is None:
        return Outcome.unknown(f"The plan does not say whether {what} is complete.")
    return Outcome("met" if value else "unmet", f"{what.capitalize()}: "
                   f"{'complete' if value else 'not complete'}.")


def masscore(plan: Plan, rule, *, evaluate) -> Outcome:
    """MassCore as a whole: unmet if any part is, unknown if any part is unknown."""
    waive = rule.waive
    parts = [r for r in evaluate("masscore", plan).criteria if r.id not in (waive or [])]
    unmet = [r for r in parts if r.status == "unmet"]
    unknown = [r for r in parts if r.status == "unknown"]
    waived = f" ({', '.join(waive)} waived)" if waive else ""
    if unmet:
        return Outcome("unmet", "MassCore not complete" + waived + ": " +
                       "; ".join(f"{r.id} {r.detail}" for r in unmet))
    stated = plan.masscore.complete if plan.masscore else None
    if unknown and stated is not None:
        return Outcome("met" if stated else "unmet",
                       f"MassCore stated {'complete' if stated else 'not complete'}" + waived
                       + " (subjects not listed: " + ", ".join(r.id for r in unknown) + ")")
    if unknown:
        return Outcome.unknown("MassCore facts missing" + waived + ": " +
                               ", ".join(r.id for r in unknown))
    return Outcome("met", "All MassCore criteria met" + waived + ".")
