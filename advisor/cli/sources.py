"""List the guidance documents with their dates, stale ones marked (no index or model)."""

from __future__ import annotations

import argparse
from datetime import date

from advisor.cli.common import emit, fail, settings_from


def configure(parser: argparse.ArgumentParser) -> None:
    parser.add_argument("--json", action="store_true")


def run(args: argparse.Namespace) -> int:
    from advisor.documents.dated import guidance_sources

    settings = settings_from(args)
    try:
        sources, failed = guidance_sources(settings.knowledge_dir, settings.max_file_mb)
    except FileNotFoundError as exc:
        return fail(str(exc), args.json)
    today = date.today()
    rows = [{"source": s.source, "title": s.title, "publisher": s.publisher, "url": s.url,
             "updated": s.updated.isoformat() if s.updated else None,
             "age_days": s.age_days(today), "stale": s.stale(settings.stale_days, today)}
            for s in sources]
    if args.json:
        emit({"sources": rows, "stale_days": settings.stale_days,
              "failed": [{"source": k, "error": v} for k, v in failed.items()]})
        return 0
    print(render_table(rows, settings.stale_days))
    for source, error in failed.items():
        print(f"could not read {source}: {error}")
    return 0


def _status(row: dict) -> str:
    # undated is its own mark: its age is unknown, so it is neither fresh nor stale
    return {True: "STALE", False: "ok", None: "UNDATED"}[row["stale"]]


def render_table(rows: list[dict], stale_days: int) -> str:
    table = [("status", "updated", "age (days)", "source", "title")]
    table += [(_status(r), r["updated"] or "-", "-" if r["age_days"] is None
               else str(r["age_days"]), r["source"], r["title"]) for r in rows]
    widths = [max(len(r[i]) for r in table) for i in range(4)]
    lines = ["  ".join(cell.ljust(w) for cell, w in zip(r[:4], widths, strict=True))
             + "  " + r[4] for r in table]
    stale = sum(1 for r in rows if r["stale"])
    undated = sum(1 for r in rows if r["stale"] is None)
    lines += ["", f"{len(rows)} sources; {stale} stale (last updated more than {stale_days} "
              f"days ago, ADVISOR_STALE_DAYS); {undated} undated (no `updated` date)."]
    return "\n".join(lines)
