"""`python -m advisor ask`: a grounded, cited answer with any exact checks."""

from __future__ import annotations

import argparse
import logging
from pathlib import Path

from advisor.cli.common import emit, fail, settings_from
from advisor.jsonfile import read_json


def configure(parser: argparse.ArgumentParser) -> None:
    parser.add_argument("question")
    parser.add_argument("--audience", choices=["student", "family", "counselor"],
                        default="student")
    parser.add_argument("--history", type=Path,
                        help='JSON list of earlier turns: [{"role": "user", "content": "..."}]')
    parser.add_argument("--json", action="store_true")


def read_history(path: Path, max_kb: float) -> list[dict]:
    """Earlier turns from a file; a malformed file is refused with the turn that is wrong."""
    data = read_json(path, str(path), "history file", max_kb)  # a JsonFileError is a ValueError
    if not isinstance(data, list):
        raise ValueError(f"history file {path} must be a JSON list of turns")
    for n, turn in enumerate(data, 1):
        if not isinstance(turn, dict) or turn.get("role") not in ("user", "assistant") \
                or not isinstance(turn.get("content"), str):
            raise ValueError(f"history file {path}, turn {n}, must be "
                             '{"role": "user"|"assistant", "content": str}')
    return data


def run(args: argparse.Namespace) -> int:
    from advisor.assistant import Advisor
    from advisor.documents.dated import updated_label
    from advisor.store import StoreUnavailable

    settings = settings_from(args)
    try:
        history = read_history(args.history, settings.max_json_kb) if args.history else []
    except ValueError as exc:
        return fail(str(exc), args.json)
    if not logging.getLogger().handlers:
        # No log configured: a failed reply is reported by the one line below, with its id,
        # so its trace is not printed too. Only the reply's own logger is silenced: other
        # warnings (a guidance file read as undated) still reach stderr.
        logging.getLogger("advisor.assistant").addHandler(logging.NullHandler())
    try:
        reply = Advisor(settings).reply(args.question, history, args.audience)
    except StoreUnavailable as exc:
        return fail(str(exc), args.json)
    if reply.error_id:  # an internal failure: reply caught it and logged its trace
        return fail(f"internal error {reply.error_id}: the question could not be answered",
                    args.json, code=1)
    if args.json:
        emit(reply.contract())
        return 0
    print(reply.answer)
    for c in reply.citations:
        where = f", page {c.page}" if c.page else (f", {c.section}" if c.section else "")
        dated = (f"page dated {c.as_of}" if c.as_of else updated_label(c.updated))
        page = f" {c.url}" if c.url and c.source.startswith("catalog/") else ""
        print(f"[{c.n}] {c.title} ({c.source}{where}; {dated}){page}: “{c.quote}”")
    return 0
