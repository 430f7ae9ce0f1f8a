"""Shared CLI plumbing: index flags, JSON output, fatal errors."""

from __future__ import annotations

import argparse
import json
import sys
from pathlib import Path

from advisor.config import Settings, get_settings


def add_index_flags(parser: argparse.ArgumentParser) -> None:
    parser.add_argument("--db", type=Path, help="embedded index folder (default data/chroma)")
    parser.add_argument("--knowledge", type=Path, help="knowledge folder (default knowledge)")


def settings_from(args: argparse.Namespace) -> Settings:
    return get_settings().with_overrides(db=getattr(args, "db", None),
                                         knowledge_dir=getattr(args, "knowledge", None))


def emit(payload: dict) -> None:
    sys.stdout.write(json.dumps(payload, ensure_ascii=False) + "\n")


def fail(message: str, as_json: bool, code: int = 2) -> int:
    if as_json:
        emit({"error": message})
    print(f"error: {message}", file=sys.stderr)
    return code
