"""`python -m advisor roster FILE.csv`: every student of a roster against every pathway.

Exit 0 when every row was checked, 1 when some rows or cells were reported as problems
(the rest are still checked), 2 when the file cannot be read as a roster at all.
"""

from __future__ import annotations

import argparse
from pathlib import Path

from advisor.cli.common import as_of, emit, fail, settings_from


def configure(parser: argparse.ArgumentParser) -> None:
    parser.add_argument("file", type=Path, help="roster CSV, one student per row "
                        "(knowledge/catalog/roster-template.csv has the columns)")
    parser.add_argument("--out", type=Path, help="also write a CSV of verdicts per student "
                        "(owner-only: it holds student names; never the roster itself)")
    parser.add_argument("--json", action="store_true")
    as_of(parser)


def run(args: argparse.Namespace) -> int:
    from advisor.catalog import CatalogError
    from advisor.cli.private import same_file, write_private
    from advisor.roster import RosterFileError, check_roster, load_columns, read_roster

    if args.out and same_file(args.out, args.file):
        return fail(f"--out {args.out} is the roster being read ({args.file}); write the "
                    "results to another file", args.json)
    settings = settings_from(args)
    catalog = settings.knowledge_dir / "catalog"
    try:
        roster = read_roster(args.file, load_columns(catalog), settings.roster_max_rows,
                             max_mb=settings.max_file_mb)
        result = check_roster(roster, catalog, on=args.as_of)
    except (RosterFileError, CatalogError) as exc:
        return fail(str(exc), args.json)
    if args.out:
        try:
            write_private(args.out, result.summary_csv().encode("utf-8"))
        except OSError as exc:
            return fail(f"cannot write {args.out}: {exc.strerror or exc}", args.json)
    if args.json:
        emit(result.contract())
    else:
        print(render(result))
    return 1 if result.errors else 0


def render(result) -> str:
    from advisor.catalog import PATHWAY_IDS
    from advisor.roster.check import VERDICTS

    counts = result.counts()
    width = max(len(p) for p in PATHWAY_IDS)
    lines = [result.tally(), "", "pathway".ljust(width) + "".join(f"  {v:>13}" for v in VERDICTS)]
    lines += [p.ljust(width) + "".join(f"  {counts[p][v]:>13}" for v in VERDICTS)
              for p in PATHWAY_IDS]
    name = max([len("student")] + [len(s.student[:30]) for s in result.students])
    cols = [max(len(p), len("does-not-meet")) for p in PATHWAY_IDS]
    lines += ["", f"{'row':<5}{'student':<{name}}" +
              "".join(f"  {p:<{w}}" for p, w in zip(PATHWAY_IDS, cols, strict=True))]
    for s in result.students:
        lines.append(f"{s.row:<5}{s.student[:30]:<{name}}" + "".join(
            f"  {c.verdict:<{w}}" for c, w in zip(s.checks, cols, strict=True)))
    if result.errors:
        lines += ["", "Problems (a row with a problem was not checked; row 0 is the header):"]
        lines += [f"row {e.row}" + (f", column {e.column}" if e.column else "") + f": {e.error}"
                  for e in result.errors]
    return "\n".join(lines)
