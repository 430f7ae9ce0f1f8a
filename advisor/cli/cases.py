"""Run domain cases: a plan in, the verdict, statuses and shortfalls out, without pytest.

Exit 0 when every case passes, 1 when any fails, 2 when a file cannot be run."""

from __future__ import annotations

import argparse
from pathlib import Path

from advisor.cli.common import emit, fail, settings_from


def configure(parser: argparse.ArgumentParser) -> None:
    parser.add_argument("files", nargs="+", type=Path, metavar="FILE.yaml",
                        help="case files (a list of cases: name, pathway, plan, verdict, "
                             "criteria, shortfalls, as_of)")
    parser.add_argument("--json", action="store_true")


def run(args: argparse.Namespace) -> int:
    from advisor.cases import CasesError, load_cases, run_case
    from advisor.catalog import CatalogError
    from advisor.rules import UnknownPathway

    catalog = settings_from(args).knowledge_dir / "catalog"
    outcomes = []
    for path in args.files:
        try:
            cases = load_cases(path, catalog)
            outcomes += [(path, run_case(case, catalog)) for case in cases]
        except (CasesError, CatalogError) as exc:
            return fail(str(exc), args.json)
        except UnknownPathway as exc:
            return fail(f"{path}: {exc}", args.json)
    failed = [(p, o) for p, o in outcomes if not o.passed]
    if args.json:
        emit({"passed": len(outcomes) - len(failed), "failed": len(failed),
              "cases": [{"file": str(p), "name": o.case.name, "passed": o.passed,
                         "problems": list(o.problems)} for p, o in outcomes]})
    else:
        for path, o in outcomes:
            print(f"{'ok  ' if o.passed else 'FAIL'} {path}: {o.case.name}")
            for problem in o.problems:
                print(f"       {problem}")
        print(f"\n{len(outcomes) - len(failed)} passed, {len(failed)} failed")
    return 1 if failed else 0
