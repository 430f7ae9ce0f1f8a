"""Score questions about offerings (eval/catalog.jsonl, eval/catalog-holdout.jsonl).

Each line names the rows of ../shared/catalog that answer it ({"file", "school", and
"sector" | "program" | "college_partners"}); an Early College row named by school alone
stands for each of that school's rows. Figures:
- recall_at_5: over questions with rows, the share of expected rows among the first five of
  `search --kind catalog` (hybrid), averaged; `recall_at_5_by_mode` gives the same for
  hybrid, dense and lexical search;
- answer_recall / answer_precision: the rows the answer cites (by file and row number)
  against the expected ones, averaged over questions with rows;
- none_correct: over questions with no row, the answer says none was found (abstains); it may
  still list the nearest rows, marked as such;
- routed: the share of questions answered as offerings.

Usage: .venv/bin/python eval/catalog.py eval/catalog.jsonl [more.jsonl] [--json]
(`make eval` runs it too, through `eval/run.py --catalog FILE`.)
"""

from __future__ import annotations

import argparse
import json
import sys
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]
sys.path.insert(0, str(ROOT))

FILES = {"icp.csv": "ma-innovation-career-pathways.csv",
         "early_college.csv": "ma-early-college.csv",
         "cte_programs.csv": "ma-chapter-74-programs.csv"}


def _key(row) -> tuple:
    return (row.file, row.line)


def expected_rows(expect: list[dict], catalog) -> list[set]:
    """Each expected row as the set of catalog (file, line) keys that satisfy it."""
    out = []
    for e in expect:
        file = FILES[e["file"]]
        found = {_key(r) for r in catalog.districts.pathways if r.file == file
                 and r.school == e["school"]
                 and ("sector" not in e or (r.sector_label or "") == e["sector"])
                 and ("program" not in e or r.pathway_name == e["program"])
                 and ("college_partners" not in e or (r.college_partner or "")
                      == e["college_partners"])}
        if not found:
            raise SystemExit(f"no catalog row for {e}")
        out.append(found)
    return out


MODES = ("hybrid", "dense", "lexical")


def _top5(adv, question: str, mode: str) -> set:
    hits = adv.searcher.search(question, k=5, kind="catalog", mode=mode)
    return {(h.source.removeprefix("catalog/districts/"), h.row["row"]) for h in hits}


def score(rows: list[dict], adv) -> dict:
    catalog = adv.catalog
    a_recall, a_precision, none_ok, routed, failures = [], [], [], [], []
    by_mode: dict[str, list[float]] = {m: [] for m in MODES}
    for q in rows:
        want = expected_rows(q["expect"], catalog)
        if want:
            for mode in MODES:
                top5 = _top5(adv, q["question"], mode)
                by_mode[mode].append(sum(1 for w in want if w & top5) / len(want))
        reply = adv.reply(q["question"], [], q.get("audience", "family"))
        cited = {(c.source.removeprefix("catalog/districts/"),
                  int(c.section.removeprefix("row "))) for c in reply.citations
                 if c.source.startswith("catalog/") and c.section}
        routed.append(reply.intent == "offerings")
        if want:
            got = sum(1 for w in want if w & cited) / len(want)
            union = set().union(*want)
            prec = (sum(1 for c in cited if c in union) / len(cited)) if cited else 0.0
            a_recall.append(got)
            a_precision.append(prec)
            if got < 1 or prec < 1:
                failures.append({"id": q["id"], "question": q["question"],
                                 "recall": round(got, 2), "precision": round(prec, 2),
                                 "intent": reply.intent,
                                 "first_line": reply.answer.splitlines()[0][:160]})
        else:
            # the answer may still list the nearest rows, marked as not a match
            ok = reply.abstained
            none_ok.append(ok)
            if not ok:
                failures.append({"id": q["id"], "question": q["question"], "expect": "none",
                                 "intent": reply.intent,
                                 "first_line": reply.answer.splitlines()[0][:160]})

    def mean(v):
        return round(sum(v) / len(v), 3) if v else None

    return {"questions": len(rows), "with_rows": len(a_recall),
            "recall_at_5": mean(by_mode["hybrid"]),
            "recall_at_5_by_mode": {m: mean(v) for m, v in by_mode.items()},
            "answer_recall": mean(a_recall), "answer_precision": mean(a_precision),
            "none_correct": mean(none_ok), "routed": mean(routed), "failures": failures}


def evaluate(paths: list[Path]) -> dict:
    """Each set scored on the current index (ingested first when stale), by file name."""
    from advisor.assistant import Advisor
    from advisor.config import get_settings
    from advisor.ingest import Ingester

    settings = get_settings()
    Ingester(settings).run()  # incremental: a no-op when the index is current
    adv = Advisor(settings)
    result = {}
    for path in paths:
        rows = [json.loads(line) for line in path.read_text("utf-8").splitlines()
                if line.strip()]
        result[path.name] = score(rows, adv)
    return result


def main() -> int:
    ap = argparse.ArgumentParser()
    ap.add_argument("sets", type=Path, nargs="+")
    ap.add_argument("--json", action="store_true")
    args = ap.parse_args()
    result = evaluate(args.sets)
    if args.json:
        print(json.dumps(result))
    else:
        for name, r in result.items():
            print(name, {k: v for k, v in r.items() if k != "failures"})
            for f in r["failures"]:
                print("   ", f)
    return 0


if __name__ == "__main__":
    sys.exit(main())
