"""The catalog as it stands on one day: the criteria then in force, with their values then,
and every sentence rendered from those values (OpenFisca's dated parameters, in small)."""

from __future__ import annotations

from datetime import date

from pydantic import TypeAdapter

from advisor.catalog.models import Criterion, Note, PathwayType
from advisor.catalog.rule_kinds import Rule
from advisor.catalog.templates import render

RULE = TypeAdapter(Rule)


def version_on(values: list, on: date):
    """The newest version that took effect on or before `on`; None before the first."""
    return max((v for v in values if v.since <= on), key=lambda v: v.since, default=None)


def rule_of(criterion: Criterion, version=None, catalog_dir=None):
    """The criterion's rule with a version's own values laid over it, checked again against
    the registry of plan facts of `catalog_dir`."""
    if version is None or not version.rule:
        return criterion.rule
    return RULE.validate_python({**criterion.rule.model_dump(), **version.rule},
                                context={"catalog_dir": catalog_dir})


def criterion_on(criterion: Criterion, on: date, catalog_dir=None) -> Criterion | None:
    version = version_on(criterion.values, on) if criterion.values else None
    if criterion.values and (version is None or not version.in_force):
        return None
    rule = rule_of(criterion, version, catalog_dir)
    cited = version.reference if version is not None else criterion
    out = criterion.model_copy(update={
        "rule": rule, "requirement": render(criterion.requirement, rule.values()),
        "source": cited.source, "quote": cited.quote})
    out._since = version.since if version is not None else None
    return out


def value_table(pathways: dict[str, PathwayType], on: date,
                catalog_dir=None) -> dict[str, object]:
    """`criterion-id.value` -> the value on `on` ("icp.wbl.min" -> 100), for facts, summaries
    and notes. A criterion not in force that day lends its own stored values."""
    table: dict[str, object] = {}
    for p in pathways.values():
        for c in p.criteria:
            version = version_on(c.values, on) if c.values else None
            rule = rule_of(c, version if version is not None and version.in_force else None,
                           catalog_dir)
            table.update({f"{c.id}.{k}": v for k, v in rule.values().items()})
    return table


def _note_on(note: Note, on: date, table: dict) -> Note | None:
    if note.values:
        version = version_on(note.values, on)
        if version is None:
            return None
        note = note.model_copy(update={"text": version.text, "source": version.source,
                                       "quote": version.quote})
    return note.model_copy(update={"text": render(note.text, table)})


def pathway_on(pathway: PathwayType, on: date, table: dict,
               catalog_dir=None) -> PathwayType:
    criteria = [c for c in (criterion_on(c, on, catalog_dir) for c in pathway.criteria)
                if c is not None]
    notes = [n for n in (_note_on(n, on, table) for n in pathway.notes) if n is not None]
    facts = {k: f.model_copy(update={"text": render(f.text, table)})
             for k, f in pathway.facts.items()}
    summary = render(pathway.summary, table) if pathway.summary else None
    return pathway.model_copy(update={"criteria": criteria, "notes": notes, "facts": facts,
                                      "summary": summary,
                                      "description": render(pathway.description, table)})


def catalog_on(pathways: dict[str, PathwayType], on: date,
               catalog_dir=None) -> dict[str, PathwayType]:
    table = value_table(pathways, on, catalog_dir)
    return {pid: pathway_on(p, on, table, catalog_dir) for pid, p in pathways.items()}


COURSE_KINDS = ("course_count", "course_buckets", "same_field_courses")


def most_courses(pathways: dict[str, PathwayType]) -> int:
    """The largest course minimum of any rule on any date: how many courses a plan that
    leaves its courses open must be able to hold, so an open count stays unknown."""
    return max((int(v) for p in pathways.values() for c in p.criteria
                for rule in [c.rule, *(v.rule for v in c.values)]
                for k, v in rule_values(rule).items() if k in ("min", "other_min")
                and c.rule.kind in COURSE_KINDS), default=0)


def rule_values(rule) -> dict:
    return rule if isinstance(rule, dict) else rule.values()
