"""Dated sources: `advisor sources`, dated citations, the stale notice, criteria `as_of`."""

from __future__ import annotations

import json
import re
import shutil
from datetime import date

import pytest
import yaml
from conftest import GUIDANCE, ROOT, cli_env, indexed_copy, run_cli

SOURCE_KEYS = {"source", "title", "publisher", "url", "updated", "age_days", "stale"}
OLD = "2019-05-01"
# Nothing listens here: a command that tried to open the store would fail.
NO_STORE = {"ADVISOR_CHROMA_URL": "http://127.0.0.1:9"}


def _doc(folder, name: str, updated: str | None, title: str) -> None:
    date_line = f"updated: {updated}\n" if updated else ""
    (folder / "guidance" / name).write_text(
        f"---\ntitle: {title}\npublisher: Test publisher\nurl: https://example.org/{name}\n"
        f"{date_line}---\n# {title}\n\nStudents complete four courses in a sequence.\n")


def _redate(path, updated: str) -> None:
    text, found = re.subn(r"(?m)^updated: .*$", f"updated: {updated}",
                          path.read_text(encoding="utf-8"), count=1)
    assert found, f"{path} has no updated line"
    path.write_text(text, encoding="utf-8")


def _sources(knowledge, *flags, **env):
    proc = run_cli("-m", "advisor", "sources", "--knowledge", knowledge, "--db",
                   knowledge.parent / "no-index", *flags, env=cli_env(**NO_STORE, **env))
    assert proc.returncode == 0, proc.stderr
    return proc


@pytest.fixture
def dated_knowledge(knowledge):
    """The shipped guidance plus one old, one fresh and one undated document."""
    _doc(knowledge, "old-rules.md", OLD, "Old rules")
    _doc(knowledge, "fresh-rules.md", date.today().isoformat(), "Fresh rules")
    _doc(knowledge, "undated-rules.md", None, "Undated rules")
    return knowledge


def test_sources_json_lists_every_guidance_document_with_its_date(dated_knowledge):
    out = json.loads(_sources(dated_knowledge, "--json", ADVISOR_STALE_DAYS="730").stdout)
    rows = {r["source"]: r for r in out["sources"]}
    shipped = {f"guidance/{f.name}" for f in GUIDANCE.iterdir()
               if f.is_file() and not f.name.startswith(".")}
    assert set(rows) == shipped | {"guidance/old-rules.md", "guidance/fresh-rules.md",
                                   "guidance/undated-rules.md"}
    assert all(set(r) == SOURCE_KEYS for r in rows.values())
    old = rows["guidance/old-rules.md"]
    assert old["title"] == "Old rules" and old["publisher"] == "Test publisher"
    assert old["url"] == "https://example.org/old-rules.md" and old["updated"] == OLD
    assert old["age_days"] == (date.today() - date.fromisoformat(OLD)).days
    assert old["stale"] is True
    fresh = rows["guidance/fresh-rules.md"]
    assert (fresh["age_days"], fresh["stale"]) == (0, False)
    # undated: its age is unknown, so neither fresh nor stale
    undated = rows["guidance/undated-rules.md"]
    assert (undated["updated"], undated["age_days"], undated["stale"]) == (None, None, None)


def test_stale_limit_comes_from_advisor_stale_days(dated_knowledge):
    def stale(days: str) -> set[str]:
        out = json.loads(_sources(dated_knowledge, "--json", ADVISOR_STALE_DAYS=days).stdout)
        return {r["source"] for r in out["sources"] if r["stale"]}

    assert stale("1000000") == set()
    one_day = stale("1")
    assert "guidance/old-rules.md" in one_day and "guidance/fresh-rules.md" not in one_day
    assert "guidance/undated-rules.md" not in one_day


def test_sources_table_marks_stale_and_undated(dated_knowledge):
    lines = _sources(dated_knowledge, ADVISOR_STALE_DAYS="730").stdout.splitlines()

    def row(source: str) -> str:
        return next(line for line in lines if source in line)

    assert row("guidance/old-rules.md").startswith("STALE") and OLD in row("old-rules")
    assert row("guidance/fresh-rules.md").startswith("ok")
    assert row("guidance/undated-rules.md").startswith("UNDATED")


def test_sources_without_a_guidance_folder_exits_2(tmp_path):
    proc = run_cli("-m", "advisor", "sources", "--knowledge", tmp_path, "--json",
                   env=cli_env(**NO_STORE))
    assert proc.returncode == 2 and "guidance" in json.loads(proc.stdout)["error"]


# --- criteria `as_of` and the dates of criterion sources ---------------------------------

def _catalog_copy(tmp_path):
    knowledge = tmp_path / "knowledge"
    shutil.copytree(GUIDANCE, knowledge / "guidance")
    shutil.copytree(ROOT / "knowledge" / "catalog", knowledge / "catalog")
    return knowledge


def _front_matter_date(source: str) -> str | None:
    text = (ROOT / "knowledge" / source).read_text(encoding="utf-8")
    meta = yaml.safe_load(text.split("---")[1])
    return str(meta["updated"]) if meta.get("updated") else None


@pytest.mark.parametrize("pathway", ["icp", "masscore", "cte", "early-college",
                                     "career-connections"])
def test_requirements_json_carries_as_of_and_source_dates(pathway):
    proc = run_cli("-m", "advisor", "requirements", pathway, "--json", env=cli_env(**NO_STORE))
    assert proc.returncode == 0, proc.stderr
    criteria = json.loads(proc.stdout)["criteria"]
    stored = yaml.safe_load((ROOT / "knowledge" / "catalog" / "pathways" / f"{pathway}.yaml")
                            .read_text(encoding="utf-8"))["criteria"]
    # today's criteria: the stored ones, less those a dated version has taken out of force
    current = [c for c in stored if not c.get("values") or c["values"][-1].get("in_force", True)]
    assert [(c["id"], c["as_of"]) for c in criteria] == \
        [(c["id"], str(c["as_of"])) for c in current]
    for c in criteria:
        assert c["source"]["updated"] == _front_matter_date(c["source"]["source"]), c["id"]


def test_every_criterion_was_checked_against_the_current_version_of_its_source():
    """When a cited document gets a newer date, its criteria must be re-checked and their
    `as_of` moved: a criterion older than its source may no longer be the rule."""
    from advisor.catalog import load_pathways
    from advisor.documents.dated import guidance_dates

    dates = guidance_dates(ROOT / "knowledge")
    for pathway in load_pathways(ROOT / "knowledge" / "catalog").values():
        for c in pathway.criteria:
            updated = dates[c.source]
            assert c.as_of <= date.today(), c.id
            assert updated is None or c.as_of >= updated, (c.id, c.as_of, updated)


@pytest.mark.parametrize("value,problem", [
    (None, "as_of"),            # missing
    (20240424, "as_of"),        # a number, not a date
    ("2024-02-30", "as_of"),    # no such day
    ("April 2024", "as_of"),
])
def test_a_criterion_without_a_valid_as_of_is_refused(tmp_path, value, problem):
    knowledge = _catalog_copy(tmp_path)
    path = knowledge / "catalog" / "pathways" / "icp.yaml"
    data = yaml.safe_load(path.read_text(encoding="utf-8"))
    if value is None:
        del data["criteria"][1]["as_of"]
    else:
        data["criteria"][1]["as_of"] = value
    path.write_text(yaml.safe_dump(data, allow_unicode=True), encoding="utf-8")
    proc = run_cli("-m", "advisor", "requirements", "icp", "--knowledge", knowledge, "--json",
                   env=cli_env(**NO_STORE))
    assert proc.returncode == 2
    error = json.loads(proc.stdout)["error"]
    assert "icp.yaml" in error and problem in error


def test_check_criteria_carry_as_of_and_the_cited_documents_date(tmp_path):
    knowledge = _catalog_copy(tmp_path)
    # the date is read from the guidance file itself, so a changed date shows at once
    _redate(knowledge / "guidance" / "dese-pathways-strategies.md", OLD)
    plan = tmp_path / "plan.json"
    plan.write_text(json.dumps({"immersive_hours": 850}))
    proc = run_cli("-m", "advisor", "check", "--pathway", "cte", "--plan", plan,
                   "--knowledge", knowledge, "--json", env=cli_env(**NO_STORE))
    assert proc.returncode == 0, proc.stderr
    by_id = {c["id"]: c for c in json.loads(proc.stdout)["criteria"]}
    hours = by_id["cte.hours"]
    assert hours["source"] == {"source": "guidance/dese-pathways-strategies.md",
                               "quote": hours["source"]["quote"], "updated": OLD}
    stored = yaml.safe_load((knowledge / "catalog" / "pathways" / "cte.yaml")
                            .read_text(encoding="utf-8"))["criteria"]
    assert {c["id"]: c["as_of"] for c in by_id.values()} == \
        {c["id"]: str(c["as_of"]) for c in stored}


# --- answers: dated citations and the stale notice ---------------------------------------

@pytest.fixture(scope="module")
def indexed(tmp_path_factory, embeddings):
    settings = indexed_copy(tmp_path_factory.mktemp("sources"), embeddings)
    # After ingest: dates are read from the files, never from the index. Every dated
    # document is made current but MassCore's, so only that one can be stale.
    for path in (settings.knowledge_dir / "guidance").glob("*.md"):
        if re.search(r"(?m)^updated: ", path.read_text(encoding="utf-8")):
            _redate(path, OLD if path.name == "masscore.md" else date.today().isoformat())
    return settings


def _ask(settings, question: str, **env) -> dict:
    proc = run_cli("-m", "advisor", "ask", question, "--db", settings.db, "--knowledge",
                   settings.knowledge_dir, "--json", env=cli_env(**env))
    assert proc.returncode == 0, proc.stderr
    return json.loads(proc.stdout)


QUESTION = "What does MassCore require in math?"
TITLE = "MassCore, the recommended high-school program of study (summary)"


def test_ask_citations_carry_their_sources_dates_and_a_stale_one_is_noted(indexed):
    stale = _ask(indexed, QUESTION, ADVISOR_STALE_DAYS="730")
    fresh = _ask(indexed, QUESTION, ADVISOR_STALE_DAYS="1000000")
    dates = {r["source"]: r["updated"] for r in json.loads(
        _sources(indexed.knowledge_dir, "--json").stdout)["sources"]}
    for c in stale["citations"]:
        assert c["updated"] == dates[c["source"]], c
    assert {"source": "guidance/masscore.md", "updated": OLD} in [
        {"source": c["source"], "updated": c["updated"]} for c in stale["citations"]]
    notice = (f"Note: “{TITLE}” was last updated {OLD}, more than 2 years ago; check the "
              "current guidance with your school counselor or DESE.")
    assert stale["answer"].endswith(notice) and stale["answer"].count(notice) == 1
    assert notice not in fresh["answer"] and "was last updated" not in fresh["answer"]
    # the direct answer stays first, the same with or without the notice
    assert stale["answer"].splitlines()[0] == fresh["answer"].splitlines()[0]
    assert stale["answer"].removesuffix(notice).rstrip() == fresh["answer"]


def test_stale_notice_wording_is_catalog_data(indexed):
    phrases = indexed.knowledge_dir / "catalog" / "phrases.yaml"
    shipped = phrases.read_text(encoding="utf-8")
    data = yaml.safe_load(shipped)
    data["stale"]["notice"] = "Heads up: {title} dates from {updated} (older than {age})."
    try:
        phrases.write_text(yaml.safe_dump(data, allow_unicode=True), encoding="utf-8")
        out = _ask(indexed, QUESTION, ADVISOR_STALE_DAYS="1")
    finally:
        phrases.write_text(shipped, encoding="utf-8")
    assert out["answer"].endswith(f"Heads up: {TITLE} dates from {OLD} (older than 1 day).")


def test_reply_api_citations_carry_dates(indexed, embeddings):
    from advisor.assistant import Advisor
    from advisor.retrieval import Searcher

    settings = indexed.model_copy(update={"stale_days": 730})
    reply = Advisor(settings, searcher=Searcher(settings, embeddings=embeddings)).reply(
        QUESTION, [], "counselor")
    cited = {c.source: c.updated for c in reply.citations}
    assert cited["guidance/masscore.md"] == date.fromisoformat(OLD)
    # every citation's date is its own file's `updated` line (None for an undated file)
    lines = {c.source: re.search(r"(?m)^updated: (\S+)$", (indexed.knowledge_dir / c.source)
                                 .read_text(encoding="utf-8")) for c in reply.citations}
    assert cited == {s: m and date.fromisoformat(m.group(1)) for s, m in lines.items()}
    assert reply.answer.endswith(f"was last updated {OLD}, more than 2 years ago; check the "
                                 "current guidance with your school counselor or DESE.")


# --- the sources panel and the PDF show each source's date -------------------------------

def test_chat_sources_panel_shows_each_citations_date():
    from advisor.reply import Citation, Reply
    from advisor.ui.chat_tab import render_sources

    panel = render_sources(Reply(answer="x", citations=[
        Citation(n=1, source="guidance/old-rules.md", title="Old rules", quote="Four courses.",
                 updated=date.fromisoformat(OLD)),
        Citation(n=2, source="guidance/undated-rules.md", title="Undated", quote="A rule.")]))
    first, second = panel.split("[2]")
    assert f"updated {OLD}" in first and "undated" in second and OLD not in second


def test_pdf_lists_sources_with_their_dates(tmp_path):
    from pypdf import PdfReader

    from advisor.answers.blocks import CheckBlock, Cite, Note, Quotes
    from advisor.plan import Plan
    from advisor.render.pdf import blocks_pdf
    from advisor.rules import check

    knowledge = _catalog_copy(tmp_path)
    _redate(knowledge / "guidance" / "dese-pathways-strategies.md", OLD)
    result = check("cte", Plan(immersive_hours=850), knowledge / "catalog")
    quote = Cite("guidance/masscore.md", "English language arts: 4 units.")
    note = Cite("guidance/maicp-about.md", "Launched in 2017")
    path = blocks_pdf([CheckBlock(result, "Chapter 74"), Quotes([quote]), Note("A note.", note)],
                      tmp_path / "check.pdf",
                      {"guidance/masscore.md": date(2024, 1, 5), "guidance/maicp-about.md": None})
    text = " ".join(" ".join(page.extract_text().split()) for page in PdfReader(path).pages)
    assert text.count(f"updated {OLD}") == len(result.criteria)
    assert "guidance/masscore.md, updated 2024-01-05" in text
    assert "guidance/maicp-about.md, undated" in text
