"""One bad knowledge file is reported by name with its reason, and breaks nothing else: not
the ingest of the other files, not `ask`, `sources` or `requirements`, not a running app's
replies. A symbolic link out of the knowledge folder is refused without saying where it
leads; a Markdown file that is not all UTF-8 is indexed and named in a warning."""

from __future__ import annotations

import json
import logging
import re
import shutil

import pytest
from conftest import GUIDANCE, ROOT, run_cli

from advisor.config import Settings
from advisor.store import open_store

FILES = ["career-connections.md", "early-college.md", "masscore.md", "mycap.md"]
BAD_DATE = "---\ntitle: Work-based learning hours\nupdated: 2025-02-30\n---\n# Hours\n\n" \
    "Internship hours are logged by the employer each week.\n"


@pytest.fixture(scope="module")
def indexed(tmp_path_factory):
    """A small knowledge folder (the catalog without district rows) and its index."""
    root = tmp_path_factory.mktemp("bad-files")
    knowledge = root / "knowledge"
    (knowledge / "guidance").mkdir(parents=True)
    for name in FILES:
        shutil.copy(GUIDANCE / name, knowledge / "guidance" / name)
    shutil.copytree(ROOT / "knowledge" / "catalog", knowledge / "catalog")
    for path in (knowledge / "catalog" / "districts").glob("*.csv"):
        path.unlink()
    proc = run_cli("ingest.py", "--knowledge", knowledge, "--db", root / "db" / "chroma",
                   "--json")
    assert proc.returncode == 0, proc.stderr
    return root


@pytest.fixture
def copy(indexed, tmp_path) -> Settings:
    """The indexed folder and its index, copied for one test to change."""
    shutil.copytree(indexed / "knowledge", tmp_path / "knowledge")
    shutil.copytree(indexed / "db", tmp_path / "db")
    return Settings(knowledge_dir=tmp_path / "knowledge", db=tmp_path / "db" / "chroma")


def _escaping_link(settings: Settings, tmp_path) -> str:
    """guidance/linked.md, a symbolic link to a file outside the knowledge folder."""
    outside = tmp_path / "server-only" / "secret-notes.md"
    outside.parent.mkdir()
    outside.write_text("# Server notes\n\nNot for students.\n")
    (settings.knowledge_dir / "guidance" / "linked.md").symlink_to(outside)
    return str(outside.parent)


def _ids(settings: Settings) -> dict[str, set[str]]:
    store = open_store(settings)
    try:
        return {sid: set(state.ids) for sid, state in store.inventory().items()}
    finally:
        store.close()


def _cli(settings: Settings, *args):
    return run_cli(*args, "--knowledge", settings.knowledge_dir, "--db", settings.db, "--json")


def test_bad_files_fail_alone_by_name_and_everything_else_stays_indexed(copy, tmp_path):
    before = _ids(copy)
    guidance = copy.knowledge_dir / "guidance"
    (guidance / "hours.md").write_text(BAD_DATE)
    mycap = guidance / "mycap.md"  # indexed, then its date is mistyped
    mycap.write_text(mycap.read_text().replace("---\n", "---\nupdated: 2024-13-01\n", 1))
    server_path = _escaping_link(copy, tmp_path)
    (copy.knowledge_dir / "catalog" / "districts" / "ours.csv").write_text("")
    (guidance / "apprenticeships.md").write_text(
        "# Apprenticeship\n\nRegistered apprenticeships pair paid work with classes.\n")

    proc = _cli(copy, "ingest.py")
    assert "Traceback" not in proc.stderr, proc.stderr
    assert proc.returncode == 1, proc.stderr
    summary = json.loads(proc.stdout)
    errors = {f["source"]: f["error"] for f in summary["failed"]}
    assert sorted(errors) == ["catalog/districts/ours.csv", "guidance/hours.md",
                              "guidance/linked.md", "guidance/mycap.md"]
    assert "`updated: 2025-02-30` is not a real date" in errors["guidance/hours.md"]
    assert "`updated: 2024-13-01` is not a real date" in errors["guidance/mycap.md"]
    assert "symbolic link" in errors["guidance/linked.md"]
    assert "outside the knowledge folder" in errors["guidance/linked.md"]
    assert "empty" in errors["catalog/districts/ours.csv"]
    for out in (proc.stdout, proc.stderr):
        assert server_path not in out and "secret-notes" not in out
    # the good new file is indexed; the others, the mistyped one included, keep their chunks
    assert (summary["added"], summary["unchanged"]) == (1, len(FILES) - 1)
    after = _ids(copy)
    assert {k: v for k, v in after.items() if k != "guidance/apprenticeships.md"} == before
    assert after["guidance/apprenticeships.md"]

    text = run_cli("ingest.py", "--knowledge", copy.knowledge_dir, "--db", copy.db)
    assert "FAILED guidance/linked.md: a symbolic link" in text.stdout
    assert server_path not in text.stdout + text.stderr


def test_sources_requirements_and_ask_work_beside_a_bad_file(copy, tmp_path):
    (copy.knowledge_dir / "guidance" / "hours.md").write_text(BAD_DATE)
    server_path = _escaping_link(copy, tmp_path)

    sources = _cli(copy, "-m", "advisor", "sources")
    requirements = _cli(copy, "-m", "advisor", "requirements", "icp")
    ask = _cli(copy, "-m", "advisor", "ask", "What does MassCore require in math?")
    for proc in (sources, requirements, ask):
        assert proc.returncode == 0, proc.stderr
        assert "Traceback" not in proc.stderr
        assert server_path not in proc.stdout + proc.stderr
    listed = json.loads(sources.stdout)
    assert sorted(s["source"] for s in listed["sources"]) == [f"guidance/{n}" for n in FILES]
    assert {f["source"] for f in listed["failed"]} == {"guidance/hours.md", "guidance/linked.md"}
    assert {c["id"] for c in json.loads(requirements.stdout)["criteria"]} >= {"icp.wbl"}
    answer = json.loads(ask.stdout)
    assert not answer["abstained"] and answer["citations"]
    # the bad date is logged, once, naming the file and the date
    assert len(re.findall(r"guidance/hours\.md.*2025-02-30", ask.stderr)) == 1, ask.stderr


def test_a_running_advisor_keeps_answering_when_a_cited_file_gets_a_bad_date(
        copy, embeddings, monkeypatch, caplog):
    from advisor.assistant import Advisor
    from advisor.documents import dated
    from advisor.retrieval import Searcher

    monkeypatch.setattr(dated, "_RESCAN_SECONDS", 0.0)  # every reply reads the folder again
    advisor = Advisor(copy, searcher=Searcher(copy, embeddings=embeddings))
    question = "What does MassCore require in math?"
    first = advisor.reply(question)
    assert "guidance/masscore.md" in {c.source for c in first.citations}

    masscore = copy.knowledge_dir / "guidance" / "masscore.md"
    masscore.write_text(re.sub(r"(?m)^updated: .*$", "updated: 2025-02-30", masscore.read_text()))
    assert "updated: 2025-02-30" in masscore.read_text()
    with caplog.at_level(logging.WARNING, logger="advisor.documents.dated"):
        replies = [advisor.reply(question) for _ in range(3)]
    for reply in replies:
        assert not reply.abstained
        assert reply.answer.splitlines()[0] == first.answer.splitlines()[0]
        cited = {c.source: c.updated for c in reply.citations}
        assert "guidance/masscore.md" in cited and cited["guidance/masscore.md"] is None
    warnings = [r.getMessage() for r in caplog.records if "masscore.md" in r.getMessage()]
    assert len(warnings) == 1 and "2025-02-30" in warnings[0], warnings


def test_a_markdown_file_not_all_utf8_is_indexed_intact_and_named(copy):
    text = ("---\ntitle: Culinary co-op\n---\n# Culinary co-op\n\n"
            "Students in the café co-op work alternate weeks – paid – with a chef mentor.\n"
            "The menu is set by the students.\n")
    data = text.encode("utf-8").replace(b"The menu", b"The men\xfc")  # one cp1252 byte, line 7
    offset = data.index(b"\xfc")
    (copy.knowledge_dir / "guidance" / "culinary.md").write_bytes(data)

    for run in ("added", "unchanged"):  # still said when the file is skipped as unchanged
        proc = _cli(copy, "ingest.py")
        assert proc.returncode == 0, proc.stderr
        summary = json.loads(proc.stdout)
        assert summary[run] >= 1
        assert [w["source"] for w in summary["warnings"]] == ["guidance/culinary.md"], summary
        warning = summary["warnings"][0]["warning"]
        assert "not valid UTF-8" in warning and f"byte offset {offset}" in warning
        assert "line 7" in warning and "cp1252" in warning

    found = json.loads(_cli(copy, "-m", "advisor", "search", "culinary co-op chef mentor",
                            "--mode", "lexical", "--k", "1").stdout)["results"][0]
    assert found["source"] == "guidance/culinary.md"
    # UTF-8 stays UTF-8 (no "cafÃ©" or "â€“"); the one stray byte is read as cp1252
    assert "café co-op work alternate weeks – paid –" in found["text"]
    assert "The menü is set" in found["text"]
