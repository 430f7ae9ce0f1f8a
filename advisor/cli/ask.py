"""`python -m advisor ask`: a grounded, cited answer with any exact checks."""

from __future__ import annotations

import argparse

from advisor.cli.common import emit, fail, settings_from


def configure(parser: argparse.ArgumentParser) -> None:
    parser.add_argument("question")
    parser.add_argument("--audience", choices=["student", "family", "counselor"],
                        default="student")
    parser.add_argument("--json", action="store_true")


def run(args: argparse.Namespace) -> int:
    from advisor.assistant import Advisor
    from advisor.store import StoreUnavailable

    try:
        reply = Advisor(settings_from(args)).reply(args.question, [], args.audience)
    except StoreUnavailable as exc:
        return fail(str(exc), args.json)
    if args.json:
        emit(reply.contract())
        return 0
    print(reply.answer)
    for c in reply.citations:
        where = f", page {c.page}" if c.page else (f", {c.section}" if c.section else "")
        print(f"[{c.n}] {c.title} ({c.source}{where}): “{c.quote}”")
    return 0
