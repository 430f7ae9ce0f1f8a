"""A small run of the load test (`make load` runs 50 users for 60 s)."""

from __future__ import annotations

import json
import subprocess
import sys

from conftest import ROOT, app_env, cli_env, indexed_copy


def test_simulated_users_get_answers_with_zero_errors(tmp_path, embeddings):
    settings = indexed_copy(tmp_path, embeddings)
    proc = subprocess.run(
        [sys.executable, "eval/load.py", "--users", "8", "--seconds", "8", "--limits", "1,4",
         "--no-write", "--json"], cwd=ROOT, capture_output=True, text=True, timeout=600,
        env=cli_env(TMPDIR=str(tmp_path), **app_env(settings)))
    assert proc.returncode == 0, proc.stderr[-2000:]
    result = json.loads(proc.stdout)
    assert list(result["runs"]) == ["1", "4"]
    runs = result["runs"]
    for run in runs.values():
        assert run["errors"] == 0 and run["requests"] >= 8, run
        assert run["p50_ms"] > 0 and run["throughput_rps"] > 0, run
    # the comparison the report makes is the two runs' own numbers, limit 4 against limit 1
    assert result["baseline_limit"] == "1"
    assert runs["4"]["throughput_vs_baseline"] == round(
        runs["4"]["throughput_rps"] / runs["1"]["throughput_rps"], 2)
    assert runs["4"]["p95_vs_baseline"] == round(runs["4"]["p95_ms"] / runs["1"]["p95_ms"], 2)


def test_hostile_messages_mixed_into_traffic_are_all_answered(tmp_path, embeddings):
    """Huge numbers, 2,000 repeated characters and markup among ordinary questions: every
    request of both kinds gets an answer (the p95 ratio is `make load`'s to report)."""
    settings = indexed_copy(tmp_path, embeddings)
    proc = subprocess.run(
        [sys.executable, "eval/load.py", "--users", "6", "--seconds", "8", "--limits", "2",
         "--hostile", "0.25", "--no-write", "--json"], cwd=ROOT, capture_output=True,
        text=True, timeout=600, env=cli_env(TMPDIR=str(tmp_path), **app_env(settings)))
    assert proc.returncode == 0, proc.stderr[-2000:]
    mixed = json.loads(proc.stdout)["runs"]["2"]["with_hostile"]
    assert mixed["errors"] == 0 and mixed["requests"] > 0, mixed
    assert mixed["hostile"]["requests"] > 0 and mixed["hostile"]["errors"] == 0, mixed
