"""A quick smoke of the evaluation harness on a few questions (the full run is `make eval`)."""

from __future__ import annotations

import json

from conftest import cli_env, indexed_copy, run_cli


def test_eval_run_contract_on_a_small_set(tmp_path, embeddings):
    settings = indexed_copy(tmp_path, embeddings)
    questions = tmp_path / "q.jsonl"
    rows = [
        {"id": "a", "question": "is the innovation pathway free", "relevant": ["maicp-about"],
         "must_include": ["free"]},
        {"id": "b", "question": "how many hours of immersive learning in CTE",
         "relevant": ["dese-pathways-strategies", "chapter-74-cte"], "must_include": ["900"]},
        {"id": "c", "question": "what is P-TECH", "relevant": ["national-pathway-exemplars"]},
        {"id": "d", "question": "who won the world series", "relevant": [],
         "answerable": False},
    ]
    questions.write_text("\n".join(json.dumps(r) for r in rows) + "\n")
    env = cli_env(ADVISOR_DB=str(settings.db), ADVISOR_KNOWLEDGE_DIR=str(settings.knowledge_dir))
    proc = run_cli("eval/run.py", "--questions", questions, "--json", "--no-report", env=env)
    assert proc.returncode == 0, proc.stderr[-2000:]
    out = json.loads(proc.stdout)
    for mode in ("hybrid", "dense", "lexical", "naive-langchain"):
        assert set(out["retrieval"][mode]) == {"recall@5", "mrr", "ndcg@10"}
        assert out["retrieval"][mode]["mrr"] > 0, mode  # each mode ranks a relevant source
    assert out["retrieval"]["hybrid"]["recall@5"] == 1.0
    assert set(out["answers"]) >= {"fact_recall", "citation_valid", "abstain_precision",
                                   "abstain_recall"}
    assert out["answers"]["citation_valid"] == 1.0
    assert out["answers"]["abstain_recall"] == 1.0
    assert out["questions"] == len(rows)
    assert 0 < out["latency_ms"]["p50"] and out["latency_ms"]["p95"] < 30_000, out["latency_ms"]
