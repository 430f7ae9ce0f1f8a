"""Checking a plan against a pathway's criteria, as the catalog states them."""

from __future__ import annotations

from functools import partial
from pathlib import Path

from advisor.catalog.pathways import PATHWAY_IDS, load_pathways
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


def check(pathway: str, plan: Plan, catalog_dir: Path | None = None) -> Check:
    catalog_dir = catalog_dir or default_catalog()
    spec = _spec(pathway, catalog_dir)
    results = []
    for criterion in spec.criteria:
        params = dict(criterion.rule)
        kind = params.pop("kind")
        if kind not in RULES:
            raise ValueError(f"{criterion.id}: unknown rule kind {kind!r} in the catalog")
        fn = RULES[kind]
        if kind == "masscore":
            fn = partial(fn, evaluate=partial(_evaluate, catalog_dir=catalog_dir))
        out = fn(plan, **params)
        shortfall = Shortfall(what=out.what, amount=out.amount) if out.amount else None
        results.append(CriterionResult(
            id=criterion.id, status=out.status, requirement=criterion.requirement,
            detail=out.detail, shortfall=shortfall,
            source=SourceRef(source=criterion.source, quote=criterion.quote)))
    return Check(pathway=pathway, verdict=verdict([r.status for r in results]),
                 criteria=results, notes=_notes(spec))


def _evaluate(pathway: str, plan: Plan, catalog_dir: Path) -> Check:
    return check(pathway, plan, catalog_dir)


def requirements(pathway: str, catalog_dir: Path | None = None) -> dict:
    """The pathway's criteria, facts and notes, without a plan."""
    spec = _spec(pathway, catalog_dir or default_catalog())
    return {
        "pathway": spec.id, "name": spec.name, "description": spec.description,
        "criteria": [{"id": c.id, "requirement": c.requirement, "rule": c.rule,
                      "source": {"source": c.source, "quote": c.quote}} for c in spec.criteria],
        "facts": {k: f.model_dump() for k, f in spec.facts.items()},
        "notes": _notes(spec),
    }
