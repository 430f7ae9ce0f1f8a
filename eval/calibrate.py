"""Calibrate the abstention threshold on the development questions.

  python eval/calibrate.py [--questions FILE]

For each question, the best passage's cosine similarity decides whether the
advisor has evidence. The threshold is placed midway between the highest
similarity of an unanswerable question and the lowest of an answerable one,
so that no unanswerable question is answered (abstention recall 1.0).
"""

from __future__ import annotations

import argparse
import json
import sys
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]
sys.path.insert(0, str(ROOT))

import advisor  # noqa: E402,F401
from advisor.config import get_settings  # noqa: E402
from advisor.retrieval import Searcher  # noqa: E402


def main() -> int:
    ap = argparse.ArgumentParser()
    ap.add_argument("--questions", type=Path, default=ROOT / "eval" / "questions.jsonl")
    args = ap.parse_args()
    searcher = Searcher(get_settings())
    rows = [json.loads(line) for line in args.questions.read_text().splitlines() if line.strip()]
    answerable, unanswerable = [], []
    for row in rows:
        hits = searcher.search(row["question"], k=5, mode="dense")
        top = hits[0].score if hits else 0.0
        (answerable if row.get("answerable", True) else unanswerable).append((top, row["id"]))
    high_neg, low_pos = max(unanswerable), min(answerable)
    threshold = round((high_neg[0] + low_pos[0]) / 2, 3)
    print(json.dumps({"highest_unanswerable": high_neg, "lowest_answerable": low_pos,
                      "separable": high_neg[0] < low_pos[0], "threshold": threshold}))
    return 0


if __name__ == "__main__":
    sys.exit(main())
