"""`python -m advisor quiz`: the interest quiz's items, or a profile scored from answers."""

from __future__ import annotations

import argparse
from pathlib import Path

from advisor.cli.common import emit, fail, settings_from
from advisor.jsonfile import JsonFileError, read_json


def configure(parser: argparse.ArgumentParser) -> None:
    parser.add_argument("--answers", type=Path,
                        help='JSON file {"<item id>": 1..5}; without it, the items are listed')
    parser.add_argument("--json", action="store_true")


def run(args: argparse.Namespace) -> int:
    from advisor.careers.quiz import QuizAnswersError, score_quiz
    from advisor.catalog.bundle import load_catalog

    settings = settings_from(args)
    catalog = load_catalog(settings.knowledge_dir / "catalog")
    quiz = catalog.quiz
    if quiz is None:
        return fail("the catalog has no quiz.yaml", args.json)
    if args.answers is None:
        if args.json:
            emit({"items": [{"id": i.id, "text": i.text, "type": i.type} for i in quiz.items],
                  "scale": {str(k): v for k, v in quiz.scale.items()}})
        else:
            print("Rate each statement 1 (not at all like me) to 5 (very much like me):")
            for i in quiz.items:
                print(f"  {i.id}: {i.text}")
        return 0
    try:
        answers = read_json(args.answers, str(args.answers), "answers file",
                            settings.max_json_kb)
    except JsonFileError as exc:
        return fail(str(exc), args.json)
    try:
        result = score_quiz(catalog, answers)
    except QuizAnswersError as exc:
        return fail(f"{args.answers}: {exc}", args.json)
    if args.json:
        emit(result.contract())
        return 0
    from advisor.cli.careers import print_matches

    print(" ".join(f"{t}={n}" for t, n in result.scores.items()))
    print(result.summary)
    print_matches(result.programs, result.sectors, result.district_pathways)
    return 0
