"""`python -m advisor check` and `requirements`: exact checks, no model loaded."""

from __future__ import annotations

import argparse
from pathlib import Path

from advisor.catalog.pathways import PATHWAY_IDS as PATHWAYS
from advisor.cli.common import as_of, emit, fail, settings_from


def configure_check(parser: argparse.ArgumentParser) -> None:
    parser.add_argument("--pathway", required=True, choices=PATHWAYS)
    parser.add_argument("--plan", required=True, type=Path, help="plan JSON file")
    parser.add_argument("--json", action="store_true")
    as_of(parser)


def configure_match(parser: argparse.ArgumentParser) -> None:
    parser.add_argument("--plan", required=True, type=Path, help="plan JSON file")
    parser.add_argument("--json", action="store_true")
    as_of(parser)


def configure_requirements(parser: argparse.ArgumentParser) -> None:
    parser.add_argument("pathway", choices=PATHWAYS)
    parser.add_argument("--json", action="store_true")
    as_of(parser)


def _catalog(args) -> Path:
    return settings_from(args).knowledge_dir / "catalog"


def _plan(args, catalog: Path):
    from advisor.plan import read_plan

    return read_plan(args.plan, catalog, name=str(args.plan),
                     max_kb=settings_from(args).max_json_kb)


def run_check(args: argparse.Namespace) -> int:
    from advisor.catalog import CatalogError
    from advisor.plan import PlanError
    from advisor.rules import check

    try:
        catalog = _catalog(args)
        result = check(args.pathway, _plan(args, catalog), catalog, on=args.as_of)
    except (PlanError, CatalogError) as exc:
        return fail(str(exc), args.json)
    if args.json:
        emit(result.contract())
    else:
        print(render_check(result))
    return 0


def run_match(args: argparse.Namespace) -> int:
    from advisor.catalog import CatalogError
    from advisor.plan import PlanError
    from advisor.rules import match
    from advisor.rules.match import missing

    try:
        catalog = _catalog(args)
        found = match(_plan(args, catalog), catalog, on=args.as_of)
    except (PlanError, CatalogError) as exc:
        return fail(str(exc), args.json)
    if args.json:
        emit(found.contract())
        return 0
    by_id = {c.pathway: c for c in found.checks}
    print("Closest first:")
    for n, pid in enumerate(found.ranked, 1):
        print(f"{n}. {pid}: {by_id[pid].verdict.upper()} (missing: {missing(by_id[pid])})")
    return 0


def run_requirements(args: argparse.Namespace) -> int:
    from advisor.catalog import CatalogError
    from advisor.documents.dated import updated_label
    from advisor.rules import requirements

    try:
        spec = requirements(args.pathway, _catalog(args), on=args.as_of)
    except CatalogError as exc:
        return fail(str(exc), args.json)
    if args.json:
        emit(spec)
        return 0
    print(f"{spec['name']} ({spec['pathway']}), rules in force on {spec['in_force_on']}\n"
          f"{spec['description']}\n")
    for c in spec["criteria"]:
        since = f", in force from {c['in_force_from']}" if c["in_force_from"] else ""
        print(f"- {c['id']}: {c['requirement']} (as of {c['as_of']}{since})\n    "
              f"{c['source']['source']} ({updated_label(c['source']['updated'])}): "
              f"“{c['source']['quote']}”")
    for n in spec["notes"]:
        print(f"Note: {n}")
    return 0


def render_check(result) -> str:
    from advisor.documents.dated import updated_label
    from advisor.rules.match import lacks

    rows = [("criterion", "status", "what is missing", "source")]
    for c in result.criteria:
        missing = lacks(c) if c.shortfall else ("" if c.status == "met" else c.detail)
        rows.append((c.id, c.status, missing, c.source.source))
    widths = [min(max(len(r[i]) for r in rows), 48) for i in range(4)]
    lines = [f"{result.pathway}: {result.verdict.upper()}",
             f"(rules in force on {result.in_force_on})", ""]
    for r in rows:
        lines.append("  ".join(cell[:w].ljust(w) for cell, w in zip(r, widths, strict=True)))
    lines.append("")
    for c in result.criteria:
        since = f" (in force from {c.in_force_from})" if c.in_force_from else ""
        lines.append(f"{c.id}: {c.detail}{since}\n    source {c.source.source} "
                     f"({updated_label(c.source.updated)}): “{c.source.quote}”")
    lines += [f"Note: {n.line()}" for n in result.notes]
    return "\n".join(lines)
