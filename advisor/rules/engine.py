"""Checking a plan against a pathway's criteria, as the catalog states them."""

from __future__ import annotations

from functools import lru_cache, partial
from pathlib import Path

from advisor.catalog.pathways import PATHWAY_IDS, load_pathways
from advisor.documents.dated import guidance_dates
from advisor.plan import Plan
from advisor.rules import courses, facts, masscore
from advisor.rules.result import Check, CriterionResult, Shortfall, SourceRef, verdict

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
    "masscore": masscore.masscore,
}


class UnknownPathway(ValueError):
    pass


def default_catalog() -> Path:
    from advisor.config import get_settings

    return get_settings().knowledge_dir / "catalog"


def _spec(pathway: str, catalog_dir: Path):
    types = load_pathways(catalog_dir)
    if pathway not in types:
        raise UnknownPathway(f"unknown pathway {pathway!r}; use one of {', '.join(PATHWAY_IDS)}")
    return types[pathway]


def _notes(spec) -> list[str]:
    return [f"{n.text} [{n.source}: “{n.quote}”]" for n in spec.notes]


@lru_cache(maxsize=256)
def _source_ref(source: str, quote: str, updated) -> SourceRef:
    """One per cited passage, shared by every check that cites it (never mutated)."""
    return SourceRef(source=source, quote=quote, updated=updated)


def check(pathway: str, plan: Plan, catalog_dir: Path | None = None,
          done: dict[str, Check] | None = None) -> Check:
    """`done` holds this plan's checks already made, so MassCore, a part of every pathway,
    is worked out once when one plan meets many pathways (a roster's thousands of rows)."""
    catalog_dir = catalog_dir or default_catalog()
    if done is not None and pathway in done:
        return done[pathway]
    spec = _spec(pathway, catalog_dir)
    dates = guidance_dates(catalog_dir.parent)  # the cited documents' own `updated` dates
    results = []
    for criterion in spec.criteria:
        params = dict(criterion.rule)
        kind = params.pop("kind")
        if kind not in RULES:
            raise ValueError(f"{criterion.id}: unknown rule kind {kind!r} in the catalog")
        fn = RULES[kind]
        if kind == "masscore":
            fn = partial(fn, evaluate=partial(check, catalog_dir=catalog_dir,
                                              done={} if done is None else done))
        out = fn(plan, **params)
        shortfall = Shortfall(what=out.what, amount=out.amount) if out.amount else None
        results.append(CriterionResult(
            id=criterion.id, status=out.status, requirement=criterion.requirement,
            detail=out.detail, shortfall=shortfall, as_of=criterion.as_of,
            source=_source_ref(criterion.source, criterion.quote,
                               dates.get(criterion.source))))
    result = Check(pathway=pathway, verdict=verdict([r.status for r in results]),
                   criteria=results, notes=_notes(spec))
    if done is not None:
        done[pathway] = result
    return result


def check_all(plan: Plan, catalog_dir: Path | None = None) -> tuple[Check, ...]:
    """The plan against every pathway, in the contract's order."""
    done: dict[str, Check] = {}
    return tuple(check(p, plan, catalog_dir, done) for p in PATHWAY_IDS)


def requirements(pathway: str, catalog_dir: Path | None = None) -> dict:
    """The pathway's criteria, facts and notes, without a plan."""
    catalog_dir = catalog_dir or default_catalog()
    spec = _spec(pathway, catalog_dir)
    dates = guidance_dates(catalog_dir.parent)
    return {
        "pathway": spec.id, "name": spec.name, "description": spec.description,
        "criteria": [{"id": c.id, "requirement": c.requirement, "rule": c.rule,
                      "as_of": c.as_of.isoformat(),
                      "source": {"source": c.source, "quote": c.quote,
                                 "updated": _iso(dates.get(c.source))}}
                     for c in spec.criteria],
        "facts": {k: f.model_dump() for k, f in spec.facts.items()},
        "notes": _notes(spec),
    }


def _iso(day) -> str | None:
    return day.isoformat() if day else None
