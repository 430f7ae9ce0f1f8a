"""`python -m advisor COMMAND`: thin shells over the advisor's APIs."""

from __future__ import annotations

import argparse
from types import SimpleNamespace

from advisor.cli import ask, careers, quiz, roster, rules, search, sources
from advisor.cli.common import add_index_flags

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
}


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(prog="python -m advisor")
    sub = parser.add_subparsers(dest="command", required=True)
    for name, module in COMMANDS.items():
        p = sub.add_parser(name, help=module.__doc__.split("\n")[0] if module.__doc__ else None)
        add_index_flags(p)
        module.configure(p)
    args = parser.parse_args(argv)
    return COMMANDS[args.command].run(args)
