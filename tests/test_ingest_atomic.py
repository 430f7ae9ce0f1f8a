"""An ingest is atomic in its version: killed after any of its writes, the next run ends with
the records, sentence vectors, version stamp and BM25 folder of a clean build.

The kills are not timed: `tests/kill_ingest.py` SIGKILLs the ingest right after its Nth write
to the index, for every step that an incremental run takes (new chunks, kept chunks'
metadata, stale chunks, sentence vectors, a deleted file, catalog rows added, moved and
deleted, the version stamp, the BM25 folder).
"""

from __future__ import annotations

import csv
import json
import shutil
import signal
import subprocess
import sys
from dataclasses import dataclass
from pathlib import Path

import pytest
from conftest import GUIDANCE, ROOT, cli_env, run_cli

from advisor.config import Settings
from advisor.retrieval.searcher import lexical_root
from advisor.store import open_store

GUIDANCE_V1 = ["career-connections.md", "early-college.md", "mycap.md", "masscore.md"]
DISTRICTS = "ma-early-college.csv"


def _trimmed_catalog(target, rows: int = 6) -> None:
    """The shipped catalog with one short district file: a few rows to add, move and drop."""
    shutil.copytree(ROOT / "knowledge" / "catalog", target)
    for path in (target / "districts").glob("*.csv"):
        if path.name != DISTRICTS:
            path.unlink()
    _rewrite_rows(target / "districts" / DISTRICTS, lambda body: body[:rows])


def _rewrite_rows(path, change) -> None:
    with open(path, newline="", encoding="utf-8") as fh:
        header, *body = list(csv.reader(fh))
    with open(path, "w", newline="", encoding="utf-8") as fh:
        csv.writer(fh).writerows([header, *change(body)])


def _version_2(v1, v2) -> None:
    """Every kind of change an incremental run handles, at once."""
    shutil.copytree(v1, v2)
    guidance = v2 / "guidance"
    (guidance / "apprenticeships.md").write_text(
        "---\ntitle: Registered apprenticeship\n---\n# Apprenticeship\n\n"
        "Registered apprenticeships pair paid work with classroom instruction.\n")
    mycap = guidance / "mycap.md"  # one passage edited: new chunk, kept chunks, a stale one
    text = mycap.read_text()
    first = text.index("\n\n", text.index("\n# ")) + 2
    mycap.write_text(text[:first] + "Zanzibar portfolio review happens each spring. "
                     + text[first:])
    (guidance / "masscore.md").unlink()

    def rows(body):
        added = [*body[0]]
        added[1] = "Zanzibar Regional High School"
        edited = [*body[2]]
        edited[-1] = (edited[-1] + " Edited for the atomic ingest test.").strip()
        return [added, body[0], body[1], edited, *body[3:-1]]  # a row moved, one dropped

    _rewrite_rows(v2 / "catalog" / "districts" / DISTRICTS, rows)


def _ingest(knowledge, db, env=None):
    proc = run_cli("ingest.py", "--knowledge", knowledge, "--db", db, "--json", env=env)
    assert proc.returncode == 0, proc.stdout + proc.stderr
    return json.loads(proc.stdout)


def index_state(settings: Settings) -> dict:
    """Everything a build leaves behind that a search reads."""
    store = open_store(settings)
    try:
        records = sorted((i, json.dumps(m, sort_keys=True))
                         for ids, page in store.records(include=("metadatas",))
                         for i, m in zip(ids, page["metadatas"], strict=True))
        sentences = sorted(store.sentences.get(include=[])["ids"])
        version = store.version()
    finally:
        store.close()
    root = lexical_root(settings)
    folders = sorted(p.name for p in root.iterdir()) if root.is_dir() else []
    lexical = []
    if len(folders) == 1:
        with open(root / folders[0] / "records.jsonl", encoding="utf-8") as fh:
            lexical = sorted((r["id"], json.dumps(r["meta"], sort_keys=True))
                             for r in map(json.loads, fh))
    return {"records": records, "sentences": sentences, "version": version,
            "bm25 folders": [f.split("-")[0] for f in folders], "bm25 records": lexical}


def _differences(got: dict, want: dict) -> list[str]:
    return [f"{key}: {len(got[key]) if isinstance(got[key], list) else got[key]} vs clean "
            f"{len(want[key]) if isinstance(want[key], list) else want[key]}"
            for key in want if got[key] != want[key]]


@dataclass
class Corpus:
    before_knowledge: Path
    knowledge: Path  # after the edit
    before: Path  # the index of `before_knowledge`: every case starts from a copy
    clean: dict  # a clean build of `knowledge`
    steps: list[str]  # the writes of the uninterrupted incremental run, in order


@pytest.fixture(scope="module")
def corpus(tmp_path_factory) -> Corpus:
    root = tmp_path_factory.mktemp("atomic")
    v1, v2 = root / "v1", root / "v2"
    (v1 / "guidance").mkdir(parents=True)
    for name in GUIDANCE_V1:
        shutil.copy(GUIDANCE / name, v1 / "guidance" / name)
    _trimmed_catalog(v1 / "catalog")
    _version_2(v1, v2)
    _ingest(v1, root / "before" / "db")
    _ingest(v2, root / "clean" / "db")
    clean = index_state(Settings(knowledge_dir=v2, db=root / "clean" / "db"))
    # The uninterrupted incremental run, logging its writes: the kill points. It is
    # itself an incremental run that must end as the clean build does.
    whole = _copy_before(root / "before", root / "whole", v2)
    log = root / "steps.log"
    proc = _killed_ingest(0, v2, whole.db, log)
    assert proc.returncode == 0, proc.stderr
    assert not _differences(index_state(whole), clean)
    return Corpus(v1, v2, root / "before", clean, log.read_text().split())


def _copy_before(before: Path, case: Path, knowledge: Path) -> Settings:
    shutil.copytree(before, case)
    return Settings(knowledge_dir=knowledge, db=case / "db")


def _killed_ingest(kill_after: int, knowledge, db, log, env=None) -> subprocess.CompletedProcess:
    return subprocess.run([sys.executable, str(ROOT / "tests" / "kill_ingest.py"),
                           str(kill_after), str(log), "--knowledge", str(knowledge),
                           "--db", str(db), "--json"], cwd=ROOT, env=env or cli_env(),
                          capture_output=True, text=True, timeout=600)


def _kill_points(steps: list[str]) -> list[int]:
    """After the first and the last call of every step (1-based positions in the run)."""
    points = set()
    for n, name in enumerate(steps):
        if n == 0 or steps[n - 1] != name:
            points.add(n + 1)
        if n + 1 == len(steps) or steps[n + 1] != name:
            points.add(n + 1)
    return sorted(points)


def _repaired(settings: Settings, clean: dict, embeddings) -> list[str]:
    """Rerun after a kill (in this process, with the model already loaded): what still
    differs from the clean build."""
    from advisor.ingest import Ingester

    def run():
        ingester = Ingester(settings, embeddings=embeddings)
        try:
            return ingester.run()
        finally:
            ingester.store.close()

    rerun = run()
    problems = _differences(index_state(settings), clean)
    again = run()
    if again.embedded or again.version != clean["version"]:
        problems.append(f"a further run still had work to do: {again.line()}")
    return [f"the rerun reported {rerun.line()}", *problems] if problems else []


def test_an_ingest_killed_after_any_write_is_repaired_to_a_clean_build(tmp_path, corpus,
                                                                      embeddings):
    steps = corpus.steps
    # every kind of write happens in this run, the stamp after the last record write
    assert {"add", "update_meta", "delete", "add_sentences", "stamp_version", "save"} <= set(
        steps), steps
    points = _kill_points(steps)
    assert len(points) >= 10, steps
    assert steps.index("stamp_version") in points  # all written, not yet stamped

    failures = []
    for point in points:
        settings = _copy_before(corpus.before, tmp_path / f"killed-{point}", corpus.knowledge)
        killed = _killed_ingest(point, corpus.knowledge, settings.db,
                                tmp_path / f"killed-{point}.log")
        assert killed.returncode == -signal.SIGKILL, (point, killed.stderr)
        problems = _repaired(settings, corpus.clean, embeddings)
        if problems:
            failures.append(f"killed after write {point} ({steps[point - 1]}, next "
                            f"{steps[point:point + 1]}): " + "; ".join(problems))
    assert not failures, "\n".join(failures)


@pytest.mark.server
def test_an_ingest_into_a_chroma_server_killed_before_its_stamp_is_repaired(tmp_path, corpus,
                                                                          embeddings):
    """The same through `chroma run`, killed at the moment of the reported fault: every
    record written, the version not yet stamped."""
    from servers import chroma_server

    with chroma_server(tmp_path / "server-data") as (url, _):
        host = tmp_path / "host" / "chroma"
        env = cli_env(ADVISOR_CHROMA_URL=url, ADVISOR_DB=str(host))
        _ingest(corpus.before_knowledge, host, env)
        point = corpus.steps.index("stamp_version")
        killed = _killed_ingest(point, corpus.knowledge, host, tmp_path / "steps.log", env)
        assert killed.returncode == -signal.SIGKILL, killed.stderr
        assert (tmp_path / "steps.log").read_text().split() == corpus.steps[:point]
        settings = Settings(knowledge_dir=corpus.knowledge, db=host, chroma_url=url)
        problems = _repaired(settings, corpus.clean, embeddings)
        assert not problems, problems
