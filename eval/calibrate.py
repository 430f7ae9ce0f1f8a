"""Calibrate the abstention threshold on the tuning two-thirds of the dev questions.

  python eval/calibrate.py [--questions FILE]

An answer backed by a rule (a check, catalog facts, sector matches) never
abstains; otherwise the advisor abstains when the best passage's cosine
similarity is under the threshold. The sweep picks, on the tuning part, the
lowest threshold that abstains on every unanswerable question (abstention
recall 1.0, the goal), then reports both parts at that threshold.
"""

from __future__ import annotations

import argparse
import json
import sys
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]
sys.path.insert(0, str(ROOT))
sys.path.insert(0, str(ROOT / "eval"))

from run import holdout, load_questions  # noqa: E402

import advisor  # noqa: E402,F401
from advisor.assistant import Advisor  # noqa: E402
from advisor.config import get_settings  # noqa: E402


def scores(rows, adv) -> list[tuple[dict, bool, float]]:
    adv.settings = adv.settings.model_copy(update={"abstain_similarity": 1.01})
    out = []
    for r in rows:
        reply = adv.reply(r["question"], [], r.get("audience", "student"))
        top = max((p.get("dense") or 0.0) for p in reply.passages) if reply.passages else 0.0
        out.append((r, not reply.abstained, top))
    return out


def abstention(items, t: float) -> dict:
    abstained = [(r, rule, top) for r, rule, top in items if not rule and top < t]
    tp = sum(1 for r, _, _ in abstained if not r["answerable"])
    negatives = sum(1 for r, _, _ in items if not r["answerable"])
    return {"precision": round(tp / len(abstained), 3) if abstained else None,
            "recall": round(tp / negatives, 3) if negatives else None,
            "abstained_answerable": [r["id"] for r, _, _ in abstained if r["answerable"]],
            "answered_unanswerable": [r["id"] for r, rule, top in items
                                      if not r["answerable"] and (rule or top >= t)]}


def main() -> int:
    ap = argparse.ArgumentParser()
    ap.add_argument("--questions", type=Path, default=ROOT / "eval" / "questions.jsonl")
    args = ap.parse_args()
    items = scores(load_questions(args.questions), Advisor(get_settings()))
    tune = [i for i in items if not holdout(i[0]["id"])]
    held = [i for i in items if holdout(i[0]["id"])]
    negatives = [top for r, rule, top in tune if not r["answerable"] and not rule]
    threshold = round(max(negatives) + 0.005, 3) if negatives else 0.0
    print(json.dumps({"threshold": threshold, "tune": abstention(tune, threshold),
                      "holdout": abstention(held, threshold),
                      "all": abstention(items, threshold)}, indent=2))
    return 0


if __name__ == "__main__":
    sys.exit(main())
