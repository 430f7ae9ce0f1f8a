"""`python -m advisor careers "TEXT"`: programs, clusters and sectors for a student's words."""

from __future__ import annotations

import argparse

from advisor.cli.common import emit, fail, settings_from


def configure(parser: argparse.ArgumentParser) -> None:
    parser.add_argument("text", help="what the student likes or wants to do")
    parser.add_argument("--limit", type=int, default=3, help="programs to show (default 3)")
    parser.add_argument("--json", action="store_true")


def run(args: argparse.Namespace) -> int:
    from advisor.assistant import Advisor

    if args.limit < 1:
        return fail("--limit must be at least 1", args.json)
    if not args.text.strip():
        return fail("say what the student likes or wants to do", args.json)
    found = Advisor(settings_from(args)).careers(args.text, limit=args.limit)
    if args.json:
        emit(found.contract())
        return 0
    if not found.found:
        print("No program matched those words. Try naming a job, a school subject or "
              "something you like doing, or take the quiz: python -m advisor quiz")
        return 0
    print_matches(found.programs, found.sectors, found.district_pathways)
    return 0


def print_matches(programs, sectors, rows=()) -> None:
    for n, m in enumerate(programs, 1):
        only = ", Chapter 74 only" if m.program.chapter74_only else ""
        print(f"{n}. {m.program.name} ({m.cluster} cluster{only})")
        print(f"   {m.why}")
        print(f"   Source: {m.program.source}: “{m.program.quote}”")
    if sectors:
        print("Innovation Career Pathways sectors: " + "; ".join(
            f"{s.name} ({s.why})" for s in sectors))
    from advisor.careers.result import NEXT_STEP, describe_row

    for r in rows[:5]:
        print(f"- {describe_row(r)}")
    print(NEXT_STEP)
