"""Checks across a pathway catalog that one entry's shape cannot make: templates that name
real values, thresholds written only in rules, dated versions in order, waivers that
name real MassCore criteria."""

from __future__ import annotations

from pydantic import ValidationError

from advisor.catalog.in_force import rule_of
from advisor.catalog.models import PathwayType, repeated
from advisor.catalog.templates import names


def _template(template: str, known: set[str], what: str) -> str | None:
    try:
        used = names(template)
    except ValueError as exc:
        return f"{what}: {exc}"
    unknown = [n for n in used if n not in known]
    if unknown:
        return (f"{what}: {{{unknown[0]}}} names no value; use one of "
                f"{', '.join('{' + k + '}' for k in sorted(known)) or 'none'}")
    return None


def _criterion(c, masscore_ids: set[str]) -> str | None:
    where = f"criterion {c.id}: key"
    dates = [v.since for v in c.values]
    if dates != sorted(dates) or repeated(dates):
        return f"{where} 'values': versions must run oldest first, one per date"
    rules = [c.rule]
    for i, version in enumerate(c.values):
        stray = set(version.rule) - set(c.rule.values())
        if stray:
            return (f"{where} 'values[{i}].rule.{sorted(stray)[0]}': unknown key for a "
                    f"{c.rule.kind} rule; it takes {', '.join(sorted(c.rule.values()))}")
        try:
            rules.append(rule_of(c, version))
        except ValidationError as exc:
            err = exc.errors(include_url=False)[0]
            return f"{where} 'values[{i}].rule.{err['loc'][-1]}': {err['msg']}"
    for rule in rules:
        problem = _template(c.requirement, set(rule.values()), f"{where} 'requirement'")
        if problem:
            return problem
        if "min" in rule.values() and "min" not in names(c.requirement):
            return (f"{where} 'requirement': write the threshold as {{min}}, so the text "
                    f"follows the rule ({rule.min:g} is written in the rule)")
        waived = [w for w in getattr(rule, "waive", []) if w not in masscore_ids]
        if waived:
            return f"{where} 'rule.waive': no MassCore criterion {waived[0]!r}"
    return None


def check_catalog(pathways: dict[str, PathwayType]) -> tuple[str, str] | None:
    """The first problem as (pathway id, message naming the entry and key), or None."""
    ids = [c.id for p in pathways.values() for c in p.criteria]
    masscore_ids = {c.id for c in pathways["masscore"].criteria} if "masscore" in pathways \
        else set()
    values = {f"{c.id}.{k}" for p in pathways.values() for c in p.criteria
              for k in c.rule.values()}
    for pid, p in pathways.items():
        twice = next((c.id for c in p.criteria if ids.count(c.id) > 1), None)
        if twice:
            return pid, f"criterion {twice}: key 'id': used twice in the catalog"
        for c in p.criteria:
            problem = _criterion(c, masscore_ids)
            if problem:
                return pid, problem
        texts = [("key 'summary'", p.summary or "")]
        texts += [(f"fact {k}: key 'text'", f.text) for k, f in p.facts.items()]
        for i, n in enumerate(p.notes, 1):
            texts.append((f"note {i}: key 'text'", n.text or ""))
            texts += [(f"note {i}: key 'values[{j}].text'", v.text)
                      for j, v in enumerate(n.values)]
            dates = [v.since for v in n.values]
            if dates != sorted(dates) or repeated(dates):
                return pid, f"note {i}: key 'values': versions must run oldest first"
        for what, text in texts:
            problem = _template(text, values, what)
            if problem:
                return pid, problem
    return None
