"""Shared CLI plumbing: index flags, JSON output, fatal errors."""

from __future__ import annotations

import argparse
import json
import sys
from datetime import date
from pathlib import Path

import orjson

from advisor.config import Settings, get_settings


def add_index_flags(parser: argparse.ArgumentParser) -> None:
    parser.add_argument("--db", type=Path, help="embedded index folder (default data/chroma)")
    parser.add_argument("--knowledge", type=Path, help="knowledge folder (default knowledge)")


def _day(text: str) -> date:
    try:
        return date.fromisoformat(text)
    except ValueError:
        raise argparse.ArgumentTypeError(f"{text!r} is not a date written YYYY-MM-DD") \
            from None


def as_of(parser: argparse.ArgumentParser) -> None:
    parser.add_argument("--as-of", type=_day, metavar="YYYY-MM-DD",
                        help="apply the rules in force on this date (default today)")


def settings_from(args: argparse.Namespace) -> Settings:
    return get_settings().with_overrides(db=getattr(args, "db", None),
                                         knowledge_dir=getattr(args, "knowledge", None))


def emit(payload: dict) -> None:
    # orjson (already installed with Gradio): a roster's JSON runs to megabytes, and the
    # standard encoder was a fifth of the roster command's time.
    try:
        data = orjson.dumps(payload)
    except TypeError:  # an integer past 64 bits, which the standard encoder still writes
        data = json.dumps(payload, ensure_ascii=False).encode("utf-8")
    sys.stdout.flush()
    sys.stdout.buffer.write(data + b"\n")
    sys.stdout.buffer.flush()


def fail(message: str, as_json: bool, code: int = 2) -> int:
    if as_json:
        emit({"error": message})
    print(f"error: {message}", file=sys.stderr)
    return code
