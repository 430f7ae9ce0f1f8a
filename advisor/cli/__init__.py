"""`python -m advisor COMMAND`: thin shells over the advisor's APIs."""

from __future__ import annotations

import argparse
import sys
from pathlib import Path
from types import SimpleNamespace

from advisor.cli import ask, careers, cases, quiz, roster, rules, search, sources
from advisor.cli.common import add_index_flags, fail, settings_from

COMMANDS = {
    "search": search,
    "ask": ask,
    "careers": careers,
    "quiz": quiz,
    "check": SimpleNamespace(__doc__="Check a plan against a pathway's exact criteria.",
                             configure=rules.configure_check, run=rules.run_check),
    "match": SimpleNamespace(__doc__="Check one plan against every pathway, closest first.",
                             configure=rules.configure_match, run=rules.run_match),
    "roster": roster,
    "requirements": SimpleNamespace(__doc__="List a pathway's criteria with their sources.",
                                    configure=rules.configure_requirements,
                                    run=rules.run_requirements),
    "sources": sources,
    "test": cases,
}


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(prog="python -m advisor")
    sub = parser.add_subparsers(dest="command", required=True)
    for name, module in COMMANDS.items():
        p = sub.add_parser(name, help=module.__doc__.split("\n")[0] if module.__doc__ else None)
        add_index_flags(p)
        module.configure(p)
    args = parser.parse_args(argv)
    problem = catalog_problem(settings_from(args).knowledge_dir / "catalog")
    if problem:
        return fail(problem, getattr(args, "json", False))
    try:
        return COMMANDS[args.command].run(args)
    except BrokenPipeError:  # `... | head`: the reader has what it wanted
        sys.stderr.close()
        return 0


def catalog_problem(folder: Path) -> str | None:
    """Every command refuses a malformed catalog up front, naming file, entry and key,
    rather than answering from part of it (about 0.2 s)."""
    from advisor.catalog import CatalogError
    from advisor.catalog.bundle import load_catalog

    if not folder.is_dir():
        return None  # no catalog at all: the commands that need one say so themselves
    try:
        load_catalog(folder)
    except CatalogError as exc:
        return f"the catalog is malformed: {exc}"
    return None
