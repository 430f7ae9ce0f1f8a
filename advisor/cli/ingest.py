"""`python ingest.py`: build or update the index from the knowledge folder."""

from __future__ import annotations

import argparse
import sys

from advisor.cli.common import add_index_flags, emit, fail, settings_from


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(prog="ingest.py", description=__doc__)
    add_index_flags(parser)
    parser.add_argument("--json", action="store_true", help="print one JSON summary")
    args = parser.parse_args(argv)
    settings = settings_from(args)

    from advisor.ingest import IngestLocked, ingest
    from advisor.store import StoreUnavailable

    try:
        report = ingest(settings, progress=sys.stderr.isatty() and not args.json)
    except (StoreUnavailable, IngestLocked, FileNotFoundError) as exc:
        return fail(str(exc), args.json)
    # The guidance is indexed whatever the catalog's state (the rest of the work goes on),
    # but a malformed catalog is reported and exits 2, so `make run` never serves it.
    from advisor.cli import catalog_problem

    problem = catalog_problem(settings.knowledge_dir / "catalog")
    if args.json:
        emit({**report.model_dump(), **({"catalog_error": problem} if problem else {})})
    else:
        print(report.line())
    if problem:
        print(f"error: {problem}", file=sys.stderr)
        return 2
    return report.exit_code
