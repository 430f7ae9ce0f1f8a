"""Incremental ingest into a real embedded Chroma with the real model."""

from __future__ import annotations

import json

import pytest
from builders import write_pdf
from conftest import GUIDANCE_FILES, cli_env, make_settings, run_cli

from advisor.ingest import Ingester, IngestLocked
from advisor.ingest.lock import writer_lock
from advisor.retrieval import Searcher
from advisor.store import open_store


def _ingest(tmp_path, embeddings):
    settings = make_settings(tmp_path)
    return Ingester(settings, embeddings=embeddings).run(), settings


def _sources(settings) -> dict[str, set[str]]:
    return {s: set(st.hashes) for s, st in open_store(settings).inventory().items()}


def test_add_change_delete_is_incremental(tmp_path, knowledge, embeddings):
    first, settings = _ingest(tmp_path, embeddings)
    assert (first.added, first.updated, first.unchanged, first.removed) == (GUIDANCE_FILES, 0, 0, 0)
    assert first.failed == [] and first.chunks == first.embedded > 50

    again, _ = _ingest(tmp_path, embeddings)
    assert (again.added, again.updated, again.unchanged, again.removed) == (
        0, 0, GUIDANCE_FILES, 0)
    assert again.embedded == 0 and again.chunks == first.chunks
    assert again.version == first.version

    guidance = knowledge / "guidance"
    (guidance / "new-apprenticeships.md").write_text(
        "---\ntitle: Registered apprenticeship\n---\n# Apprenticeship\n\n"
        "Registered apprenticeships pair paid work with classroom instruction.\n")
    mycap = guidance / "mycap.md"
    mycap.write_text(mycap.read_text() + "\n## Extra\n\nA brand new paragraph about portfolios.\n")
    (guidance / "district-wide-system-of-pathways.md").unlink()
    before = open_store(settings).count()

    third, _ = _ingest(tmp_path, embeddings)
    assert (third.added, third.updated, third.unchanged, third.removed) == (
        1, 1, GUIDANCE_FILES - 2, 1)
    # Only the new file's chunk and mycap's new chunk reach the model.
    assert third.embedded == 2
    assert third.version != first.version
    assert third.chunks == open_store(settings).count() != before
    sources = _sources(settings)
    assert "guidance/district-wide-system-of-pathways.md" not in sources
    assert all(len(h) == 1 for h in sources.values())

    hits = Searcher(settings, embeddings=embeddings).search("paid work apprenticeship", k=3)
    assert hits[0].source == "guidance/new-apprenticeships.md"
    lexical = Searcher(settings, embeddings=embeddings).lexical()
    assert set(lexical.ids) == {i for ids, _ in open_store(settings).records(()) for i in ids}


def test_bad_files_are_reported_and_the_rest_ingest(tmp_path, knowledge, embeddings):
    g = knowledge / "guidance"
    (g / "corrupt.pdf").write_bytes(b"%PDF-1.4\nnot a pdf at all")
    write_pdf(g / "locked.pdf", ["secret plans"], password="pw")
    (g / "empty.md").write_bytes(b"")
    (g / "binary.md").write_bytes(bytes(range(256)) * 20)
    write_pdf(g / "good.pdf", ["Welding certificates.", "Nursing assistant hours."])
    report, settings = _ingest(tmp_path, embeddings)
    errors = {f.source: f.error for f in report.failed}
    assert set(errors) == {"guidance/corrupt.pdf", "guidance/locked.pdf", "guidance/empty.md",
                           "guidance/binary.md"}
    assert "corrupt PDF" in errors["guidance/corrupt.pdf"]
    assert "encrypted PDF" in errors["guidance/locked.pdf"]
    assert "empty file" in errors["guidance/empty.md"]
    assert "binary data" in errors["guidance/binary.md"]
    assert report.added == GUIDANCE_FILES + 1 and report.exit_code == 1
    hits = Searcher(settings, embeddings=embeddings).search("nursing assistant", k=1)
    assert (hits[0].source, hits[0].page) == ("guidance/good.pdf", 2)


def test_a_file_that_turns_bad_keeps_its_last_good_version(tmp_path, knowledge, embeddings):
    first, settings = _ingest(tmp_path, embeddings)
    ids_before = set(open_store(settings).inventory()["guidance/mycap.md"].ids)
    (knowledge / "guidance" / "mycap.md").write_bytes(b"\x00\x01\x02" * 100)
    report, _ = _ingest(tmp_path, embeddings)
    assert [f.source for f in report.failed] == ["guidance/mycap.md"]
    assert set(open_store(settings).inventory()["guidance/mycap.md"].ids) == ids_before
    assert report.chunks == first.chunks


def test_a_second_writer_is_refused(tmp_path, knowledge, embeddings):
    settings = make_settings(tmp_path)
    held = writer_lock(settings)
    try:
        with pytest.raises(IngestLocked, match="another ingest is writing this index"):
            Ingester(settings, embeddings=embeddings).run()
    finally:
        held.release()
    assert Ingester(settings, embeddings=embeddings).run().added == GUIDANCE_FILES


def test_cli_json_contract_and_exit_codes(tmp_path, knowledge):
    db = tmp_path / "clidb"
    (knowledge / "guidance" / "empty.txt").write_bytes(b"")
    proc = run_cli("ingest.py", "--knowledge", knowledge, "--db", db, "--json")
    assert proc.returncode == 1, proc.stderr
    summary = json.loads(proc.stdout)
    assert set(summary) >= {"added", "updated", "unchanged", "removed", "failed", "chunks",
                            "seconds"}
    assert summary["added"] == GUIDANCE_FILES
    assert summary["failed"] == [{"source": "guidance/empty.txt", "error": "empty file (0 bytes)"}]

    (knowledge / "guidance" / "empty.txt").unlink()
    proc = run_cli("ingest.py", "--knowledge", knowledge, "--db", db, "--json")
    assert proc.returncode == 0
    assert json.loads(proc.stdout)["unchanged"] == GUIDANCE_FILES

    proc = run_cli("ingest.py", "--knowledge", tmp_path / "missing", "--db", db, "--json")
    assert proc.returncode == 2
    assert "no guidance folder" in json.loads(proc.stdout)["error"]


def test_unreachable_server_is_fatal_with_a_clear_message(knowledge, free_port_url):
    proc = run_cli("ingest.py", "--knowledge", knowledge, "--json",
                   env=cli_env(ADVISOR_CHROMA_URL=free_port_url))
    assert proc.returncode == 2
    assert f"Chroma server at {free_port_url} is unreachable" in json.loads(proc.stdout)["error"]


@pytest.fixture
def free_port_url():
    from conftest import free_port

    return f"http://127.0.0.1:{free_port()}"
