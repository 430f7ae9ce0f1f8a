"""Evaluate retrieval, answers and latency on a question set.

  python eval/run.py [--questions FILE] [--json] [--report] [--no-baseline]

Question file: JSON lines {"id", "question", "audience"?, "relevant": [stems],
"must_include"?: [str], "answerable"?: bool, "history"?: [{"role", "content"}],
"no_verdict"?: bool, "answer_starts"?: str, "pathway"?: str, "verdict"?: str,
"kind"?: str}. Only `--report` (which `make eval` passes) rewrites the committed
eval/report.*; scoring another file never does. Retrieval is scored per source
stem (a source counts once, at its best-ranked chunk) with ranx. The naive
baseline is a plain LangChain `Chroma.similarity_search` over the same chunk
texts with Chroma's defaults (L2 distance) and the same embedding model.
Questions whose id hashes to 0 mod 3 form the holdout third, reported apart.
"""

from __future__ import annotations

import argparse
import hashlib
import json
import statistics
import sys
import tempfile
import time
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]
sys.path.insert(0, str(ROOT))

import advisor  # noqa: E402,F401
from advisor.config import get_settings  # noqa: E402

METRICS = ["recall@5", "mrr", "ndcg@10"]
LEAD_CHARS = 400
MODES = ["hybrid", "dense", "lexical"]


def stem(source: str) -> str:
    return source.rsplit("/", 1)[-1].rsplit(".", 1)[0]


def holdout(qid: str) -> bool:
    return int(hashlib.sha256(qid.encode()).hexdigest(), 16) % 3 == 0


def load_questions(path: Path) -> list[dict]:
    rows = []
    for n, line in enumerate(path.read_text(encoding="utf-8").splitlines(), 1):
        if line.strip():
            row = json.loads(line)
            if "id" not in row or "question" not in row:
                raise SystemExit(f"{path}:{n}: a question needs 'id' and 'question'")
            row.setdefault("relevant", [])
            row.setdefault("answerable", True)
            rows.append(row)
    return rows


def ranking(sources: list[tuple[str, float]]) -> dict[str, float]:
    """Chunk results to a per-stem run: each stem once, scored by its first rank."""
    run: dict[str, float] = {}
    for source, _ in sources:
        s = stem(source)
        if s not in run:
            run[s] = 1.0 / (len(run) + 1)
    return run or {"__none__": 0.0}


def retrieval_metrics(rows, runs: dict[str, dict]) -> dict:
    from ranx import Qrels, Run, evaluate

    scored = [r for r in rows if r["answerable"] and r["relevant"]]
    if not scored:
        return {}
    qrels = Qrels({r["id"]: {s: 1 for s in r["relevant"]} for r in scored})
    out = {}
    for name, run in runs.items():
        values = evaluate(qrels, Run({r["id"]: run[r["id"]] for r in scored}), METRICS)
        out[name] = {m: round(float(values[m]), 4) for m in METRICS}
    return out


def naive_baseline(searcher, embeddings, rows) -> dict:
    """A newcomer's LangChain Chroma: default collection settings (L2), raw chunk text."""
    import chromadb
    from chromadb.config import Settings as ChromaSettings
    from langchain_chroma import Chroma

    ids, texts, metas = [], [], []
    for page_ids, page in searcher.store.records():
        ids += page_ids
        texts += page["documents"]
        metas += [{"source": m["source"]} for m in page["metadatas"]]
    with tempfile.TemporaryDirectory() as tmp:
        client = chromadb.PersistentClient(tmp, settings=ChromaSettings(anonymized_telemetry=False))
        store = Chroma(client=client, collection_name="naive", embedding_function=embeddings)
        store.add_texts(texts, metadatas=metas, ids=ids)
        return {r["id"]: ranking([(d.metadata["source"], 0.0) for d in
                                  store.similarity_search(r["question"], k=20)]) for r in rows}


def answer_outcomes(rows, adv) -> list[dict]:
    """One reply per question: its latency, facts found, citations checked, abstention."""
    from advisor.documents import load

    texts: dict[str, str] = {}
    kdir = adv.settings.knowledge_dir

    def source_text(sid: str) -> str:
        if sid not in texts:
            # a catalog row is quoted as its file has it; a guidance document as loaded
            text = (kdir / sid).read_text("utf-8") if sid.startswith("catalog/") \
                else load(kdir / sid, kdir).text
            texts[sid] = " ".join(text.split())
        return texts[sid]

    outcomes = []
    for r in rows:
        t = time.perf_counter()
        reply = adv.reply(r["question"], r.get("history") or [], r.get("audience", "student"))
        ms = (time.perf_counter() - t) * 1000
        answer = reply.answer.lower()
        lead = answer[:LEAD_CHARS]
        facts = r.get("must_include", []) if r["answerable"] else []
        first_line = next((ln for ln in reply.answer.splitlines() if ln.strip()), "")
        starts = r.get("answer_starts")
        verdicts = {c["pathway"]: c["verdict"] for c in reply.checks}
        outcome = {
            "id": r["id"], "answerable": r["answerable"], "abstained": reply.abstained, "ms": ms,
            "facts": len(facts), "missing": [f for f in facts if f.lower() not in answer],
            "lead_missing": [f for f in facts if f.lower() not in lead],
            "follow_up": bool(r.get("history")),
            "rule_question": bool(r.get("no_verdict")),
            "verdict_on_rule": bool(r.get("no_verdict") and reply.checks),
            "starts_ok": None if not starts or not r["answerable"] else
            first_line.strip("*_ ").lower().startswith(starts.lower()),
            "verdict_ok": None if not r.get("verdict") or not r.get("pathway") else
            verdicts.get(r["pathway"]) == r["verdict"],
            "kind": r.get("kind"), "replied_kind": reply.intent,
            "citations": len(reply.citations),
            "citations_ok": sum(" ".join(c.quote.split()) in source_text(c.source)
                                for c in reply.citations)}
        outcome["good"] = (not outcome["missing"] and outcome["abstained"] != r["answerable"]
                           and not outcome["verdict_on_rule"]
                           and outcome["starts_ok"] is not False
                           and outcome["verdict_ok"] is not False)
        outcomes.append(outcome)
    return outcomes


def _share(items: list[bool]):
    return round(sum(items) / len(items), 4) if items else None


def answer_metrics(outcomes: list[dict]) -> dict:
    facts = sum(o["facts"] for o in outcomes)
    found = facts - sum(len(o["missing"]) for o in outcomes)
    in_lead = facts - sum(len(o.get("lead_missing", o["missing"])) for o in outcomes)
    cites = sum(o["citations"] for o in outcomes)
    abstained = [o for o in outcomes if o["abstained"]]
    negatives = [o for o in outcomes if not o["answerable"]]
    tp = sum(1 for o in abstained if not o["answerable"])
    return {
        "fact_recall": round(found / facts, 4) if facts else None,
        "citation_valid": round(sum(o["citations_ok"] for o in outcomes) / cites, 4)
        if cites else None,
        "abstain_precision": round(tp / len(abstained), 4) if abstained else None,
        "abstain_recall": round(tp / len(negatives), 4) if negatives else None,
        # Every must_include within the answer's first LEAD_CHARS characters.
        "lead_recall": round(in_lead / facts, 4) if facts else None,
        "verdicts_on_rule_questions": sum(o.get("verdict_on_rule", False) for o in outcomes),
        "rule_questions": sum(o.get("rule_question", False) for o in outcomes),
        "follow_up_accuracy": _share([o["good"] for o in outcomes if o.get("follow_up")]),
        "answer_starts_accuracy": _share([o["starts_ok"] for o in outcomes
                                          if o.get("starts_ok") is not None]),
        "plan_verdict_accuracy": _share([o["verdict_ok"] for o in outcomes
                                         if o.get("verdict_ok") is not None]),
        "kind_accuracy": _share([o["replied_kind"] == o["kind"] for o in outcomes
                                 if o.get("kind") and o["answerable"]]),
        "good_answers": _share([o["good"] for o in outcomes if "good" in o]),
    }


def pct(values, p):
    values = sorted(values)
    return round(values[min(len(values) - 1, int(round(p / 100 * (len(values) - 1))))], 2)


def evaluate_all(rows, with_baseline: bool) -> dict:
    from advisor.assistant import Advisor
    from advisor.ingest import Ingester

    settings = get_settings()
    Ingester(settings).run()  # incremental: a no-op when the index is current
    adv = Advisor(settings)
    searcher = adv.searcher
    runs = {m: {r["id"]: ranking([(h.source, h.score) for h in
                                  searcher.search(r["question"], k=20, mode=m,
                                                  kind="guidance")])
                for r in rows} for m in MODES}
    if with_baseline:
        runs["naive-langchain"] = naive_baseline(searcher, searcher.embeddings, rows)
    for r in rows:  # warm: the model and indexes are loaded before timing
        adv.reply(r["question"], r.get("history") or [], r.get("audience", "student"))
    outcomes = answer_outcomes(rows, adv)
    latencies = [o["ms"] for o in outcomes]
    parts = {}
    for name, held in (("tune", False), ("holdout", True)):
        part = [r for r in rows if holdout(r["id"]) == held]
        if part:
            ids = {r["id"] for r in part}
            parts[name] = {"questions": len(part),
                           "retrieval": retrieval_metrics(part, runs),
                           "answers": answer_metrics([o for o in outcomes if o["id"] in ids])}
    return {
        "questions": len(rows),
        "retrieval": retrieval_metrics(rows, runs),
        "answers": answer_metrics(outcomes),
        "latency_ms": {"p50": pct(latencies, 50), "p95": pct(latencies, 95),
                       "mean": round(statistics.mean(latencies), 2)},
        "parts": parts,
        "failures": [{k: o[k] for k in ("id", "abstained", "answerable", "missing",
                                         "lead_missing", "verdict_on_rule", "starts_ok",
                                         "verdict_ok", "kind", "replied_kind")}
                     for o in outcomes if not o["good"] or o["lead_missing"]],
        "settings": {"chunk_tokens": settings.chunk_tokens, "rrf_k": settings.rrf_k,
                     "abstain_similarity": settings.abstain_similarity},
    }


def main() -> int:
    ap = argparse.ArgumentParser()
    ap.add_argument("--questions", type=Path, default=ROOT / "eval" / "questions.jsonl")
    ap.add_argument("--json", action="store_true")
    ap.add_argument("--report", action="store_true",
                    help="rewrite the committed eval/report.* (make eval passes it)")
    ap.add_argument("--no-report", action="store_true",
                    help="kept for old scripts: reports are only written with --report")
    ap.add_argument("--no-baseline", action="store_true")
    ap.add_argument("--also", type=Path, action="append", default=[],
                    help="another question file, reported apart under other_sets")
    ap.add_argument("--careers", type=Path, help="a career phrasing set (eval/careers.jsonl)")
    ap.add_argument("--catalog", type=Path, action="append", default=[],
                    help="a set of questions about offerings (eval/catalog.jsonl)")
    args = ap.parse_args()
    result = evaluate_all(load_questions(args.questions), not args.no_baseline)
    if args.also:
        result["other_sets"] = {}
        for path in args.also:
            other = evaluate_all(load_questions(path), False)
            result["other_sets"][path.name] = {k: other[k] for k in (
                "questions", "retrieval", "answers", "latency_ms", "failures")}
    if args.careers:
        from careers import evaluate

        result["careers"] = evaluate(args.careers)
    if args.catalog:
        import catalog

        result["catalog"] = catalog.evaluate(args.catalog)
    if args.report and not args.no_report:
        from report import write_report

        write_report(result, ROOT / "eval")
    print(json.dumps(result, indent=None if args.json else 2))
    return 0


if __name__ == "__main__":
    sys.exit(main())
