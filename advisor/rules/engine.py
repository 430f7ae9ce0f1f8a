"""Checking a plan against a pathway's criteria, as the catalog states them."""

from __future__ import annotations

from datetime import date
from functools import lru_cache, partial
from pathlib import Path

from advisor.catalog.pathways import PATHWAY_IDS, load_pathways
from advisor.documents.dated import guidance_dates
from advisor.plan import Plan
from advisor.rules import courses, facts, masscore
from advisor.rules.result import (
    Check,
    CheckNote,
    Competing,
    CriterionResult,
    Shortfall,
    SourceRef,
    verdict,
)

RULES = {
    "course_count": courses.course_count,
    "course_buckets": courses.course_buckets,
    "same_field_courses": courses.same_field_courses,
    "fact_true": facts.fact_true,
    "number_at_least": facts.number_at_least,
    "list_not_empty": facts.list_not_empty,
    "wbl_hours": facts.wbl_hours,
    "wbl_any": facts.wbl_any,
    "college_credits": facts.college_credits,
    "masscore_units": masscore.masscore_units,
    "masscore_flag": masscore.masscore_flag,
}  # "masscore" is checked by the engine itself: it checks the MassCore pathway


class UnknownPathway(ValueError):
    pass


def default_catalog() -> Path:
    from advisor.config import get_settings

    return get_settings().knowledge_dir / "catalog"


def _spec(pathway: str, catalog_dir: Path, on: date):
    types = load_pathways(catalog_dir, on)
    if pathway not in types:
        raise UnknownPathway(f"unknown pathway {pathway!r}; use one of {', '.join(PATHWAY_IDS)}")
    return types[pathway]


@lru_cache(maxsize=256)
def _source_ref(source: str, quote: str, updated) -> SourceRef:
    """One per cited passage, shared by every check that cites it (never mutated)."""
    return SourceRef(source=source, quote=quote, updated=updated)


def _notes(spec, dates) -> list[CheckNote]:
    def ref(item):
        return _source_ref(item.source, item.quote, dates.get(item.source))

    return [CheckNote(text=n.text, source=ref(n),
                      conflict=[Competing(value=c.value, source=ref(c)) for c in n.conflict])
            for n in spec.notes]


def check(pathway: str, plan: Plan, catalog_dir: Path | None = None,
          done: dict[str, Check] | None = None, on: date | None = None) -> Check:
    """The plan against the pathway's criteria in force on `on` (default today).

    `done` holds this plan's checks already made, so MassCore, a part of every pathway,
    is worked out once when one plan meets many pathways (a roster's thousands of rows)."""
    catalog_dir = catalog_dir or default_catalog()
    on = on or date.today()
    if done is not None and pathway in done:
        return done[pathway]
    spec = _spec(pathway, catalog_dir, on)
    dates = guidance_dates(catalog_dir.parent)  # the cited documents' own `updated` dates
    results = []
    for criterion in spec.criteria:
        rule = criterion.rule
        if rule.kind == "masscore":
            out = masscore.masscore(plan, rule, evaluate=partial(
                check, catalog_dir=catalog_dir, done={} if done is None else done, on=on))
        else:
            out = RULES[rule.kind](plan, rule)
        shortfall = Shortfall(what=out.what, amount=out.amount) if out.amount else None
        results.append(CriterionResult(
            id=criterion.id, status=out.status, requirement=criterion.requirement,
            detail=out.detail, shortfall=shortfall, as_of=criterion.as_of,
            in_force_from=criterion.in_force_from,
            source=_source_ref(criterion.source, criterion.quote,
                               dates.get(criterion.source))))
    result = Check(pathway=pathway, verdict=verdict([r.status for r in results]),
                   criteria=results, notes=_notes(spec, dates), in_force_on=on)
    if done is not None:
        done[pathway] = result
    return result


def check_all(plan: Plan, catalog_dir: Path | None = None,
              on: date | None = None) -> tuple[Check, ...]:
    """The plan against every pathway, in the contract's order."""
    done: dict[str, Check] = {}
    return tuple(check(p, plan, catalog_dir, done, on) for p in PATHWAY_IDS)


def requirements(pathway: str, catalog_dir: Path | None = None,
                 on: date | None = None) -> dict:
    """The pathway's criteria, facts and notes in force on `on`, without a plan."""
    catalog_dir = catalog_dir or default_catalog()
    on = on or date.today()
    spec = _spec(pathway, catalog_dir, on)
    dates = guidance_dates(catalog_dir.parent)
    notes = _notes(spec, dates)
    return {
        "pathway": spec.id, "name": spec.name, "description": spec.description,
        "in_force_on": on.isoformat(),
        "criteria": [{"id": c.id, "requirement": c.requirement,
                      "rule": c.rule.model_dump(mode="json"),
                      "as_of": c.as_of.isoformat(), "in_force_from": _iso(c.in_force_from),
                      "source": {"source": c.source, "quote": c.quote,
                                 "updated": _iso(dates.get(c.source))}}
                     for c in spec.criteria],
        "facts": {k: f.model_dump() for k, f in spec.facts.items()},
        "notes": [n.line() for n in notes],
        "note_details": [n.model_dump(mode="json") for n in notes],
    }


def _iso(day) -> str | None:
    return day.isoformat() if day else None
