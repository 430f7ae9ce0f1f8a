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


def _criterion(c, masscore_ids: set[str], catalog_dir) -> str | None:
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
            rules.append(rule_of(c, version, catalog_dir))
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


def _buckets(pathways: dict[str, PathwayType]) -> tuple[str, str] | None:
    """A course_buckets rule's `other_min` is the other bucket's own threshold: refused
    when it differs, so that threshold is not written twice."""
    mins = {(pid, c.rule.bucket): c.rule.min for pid, p in pathways.items()
            for c in p.criteria if c.rule.kind == "course_buckets"}
    for pid, p in pathways.items():
        for c in p.criteria:
            if c.rule.kind == "course_buckets" and \
                    mins.get((pid, c.rule.other), c.rule.other_min) != c.rule.other_min:
                return pid, (f"criterion {c.id}: key 'rule.other_min': {c.rule.other_min} "
                             f"differs from the {c.rule.other} criterion's min "
                             f"{mins[(pid, c.rule.other)]}")
    return None


def _plain(text: str, what: str) -> str | None:
    """Text shown as written (a name, a description, one side of a conflict): a {value}
    there would be printed as braces."""
    try:
        used = names(text)
    except ValueError:
        used = ["?"]
    return f"{what}: {{{used[0]}}} is not filled in here; write the words" if used else None


def check_catalog(pathways: dict[str, PathwayType],
                  catalog_dir=None) -> tuple[str, str] | None:
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
            problem = _criterion(c, masscore_ids, catalog_dir)
            if problem:
                return pid, problem
        texts = [("key 'summary'", p.summary or ""), ("key 'description'", p.description)]
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
        plain = [("key 'name'", p.name)]
        plain += [(f"note {i}: key 'conflict[{j}].value'", c.value)
                  for i, n in enumerate(p.notes, 1) for j, c in enumerate(n.conflict)]
        for what, text in plain:
            problem = _plain(text, what)
            if problem:
                return pid, problem
    return _buckets(pathways)
