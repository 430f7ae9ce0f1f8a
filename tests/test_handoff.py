"""Hand-off to a counselor: `ask --json` carries it, the Markdown note, the chat's download."""

from __future__ import annotations

import json
import stat
import time
from pathlib import Path

import pytest
from conftest import ROOT, app_env, indexed_copy, run_cli
from gradio_client import Client
from servers import app_server
from test_privacy import files_containing

from advisor.catalog.handoff import load_handoff_words
from advisor.catalog.pathways import CatalogError
from advisor.handoff import Handoff, HandoffPassage
from advisor.render.handoff import render_handoff
from advisor.rules import check
from advisor.stated import StatedFacts

KEYS = {"question", "audience", "facts", "checks", "passages"}
PLAN = "she has two technical courses, one AP and 60 internship hours: does she meet ICP?"
CATALOG = ROOT / "knowledge" / "catalog"


@pytest.fixture(scope="module")
def index(tmp_path_factory, embeddings):
    return indexed_copy(tmp_path_factory.mktemp("handoff"), embeddings)


def ask(settings, question, *extra) -> dict:
    proc = run_cli("-m", "advisor", "ask", question, "--db", settings.db, "--knowledge",
                   settings.knowledge_dir, "--json", *extra)
    assert proc.returncode == 0, proc.stderr
    return json.loads(proc.stdout)


def test_an_abstained_answer_carries_the_handoff(index):
    out = ask(index, "who won the super bowl")
    assert out["abstained"] is True
    handoff = out["handoff"]
    assert set(handoff) == KEYS
    assert handoff["question"] == "who won the super bowl" and handoff["audience"] == "student"
    assert handoff["facts"] == {} and handoff["checks"] == []
    passages = handoff["passages"]
    assert 1 <= len(passages) <= 5
    for p in passages:
        assert set(p) == {"source", "section", "score", "text"}
        assert p["source"].startswith("guidance/") and p["text"].strip()
    scores = [p["score"] for p in passages]
    assert scores == sorted(scores, reverse=True)  # best first


def test_the_counselor_view_carries_it_on_any_answer_with_facts_from_the_history(index,
                                                                                 tmp_path):
    history = tmp_path / "history.json"
    history.write_text(json.dumps([{"role": "user", "content": PLAN},
                                   {"role": "assistant", "content": "..."}]))
    out = ask(index, "I now have 120 hours", "--audience", "counselor", "--history", history)
    assert out["abstained"] is False
    handoff = out["handoff"]
    assert set(handoff) == KEYS and handoff["audience"] == "counselor"
    # the facts of the earlier turn, updated by this one
    assert handoff["facts"] == {"technical_courses": 2, "college_level_courses": 1,
                                "internship_hours": 120}
    assert handoff["checks"] == out["checks"] and handoff["checks"][0]["pathway"] == "icp"
    # a plan check searches nothing for its answer; the counselor still sees the guidance
    assert handoff["passages"] and all(set(p) == {"source", "section", "score", "text"}
                                       for p in handoff["passages"])


def test_a_student_answer_does_not_carry_it(index):
    out = ask(index, "what is a MyCAP?")
    assert out["abstained"] is False and out["citations"]
    assert "handoff" not in out


def _handoff(**extra) -> Handoff:
    facts = StatedFacts(technical_courses=2, college_level_courses=1, internship_hours=60,
                        mycap=True)
    result = check("icp", facts.to_plan(), CATALOG)
    passage = HandoffPassage(source="guidance/maicp-about.md", section="Work-based learning",
                             score=0.03279, text="Students complete a 100-hour internship.\n"
                                                 "Second line of the passage.")
    return Handoff(question="Does she meet ICP?\nShe is in grade 11.", audience="family",
                   facts=facts.model_dump(exclude_none=True), checks=[result],
                   passages=[passage], **extra)


def test_the_note_says_what_was_asked_understood_checked_and_found():
    words = load_handoff_words(CATALOG)
    note = render_handoff(_handoff(), words, {"icp": "Innovation Career Pathways"})
    assert note.startswith("# A note for my school counselor\n")
    assert "> Does she meet ICP?\n> She is in grade 11.\n" in note
    assert "Asked by: a parent or family member" in note
    assert "- Internship hours: 60\n" in note and "- Has a MyCAP: yes\n" in note
    assert "### Innovation Career Pathways: does not yet meet it" in note
    assert ("Missing: At least 100 hours of internship or capstone project (60 of 100 "
            "internship or capstone hours; needs 40 more) `guidance/maicp-about.md`") in note
    assert "Not known yet: Complete MassCore by graduation." in note
    assert ("1. `guidance/maicp-about.md`, Work-based learning (retrieval score 0.0328)\n\n"
            "> Students complete a 100-hour internship.\n> Second line of the passage.") in note
    last = note.rstrip().splitlines()[-1]
    assert last.startswith("Can you help me plan for what is still missing")
    assert "40 internship or capstone hours" in last and "1 college-level courses" in last
    # the sections come in the order a counselor reads them
    order = [note.index(h) for h in ("## My question", "## What the advisor understood",
                                     "## Plan checks", "## What the guidance says",
                                     "## What I would like to ask you")]
    assert order == sorted(order)


def test_a_note_without_facts_checks_or_passages_says_so():
    words = load_handoff_words(CATALOG)
    note = render_handoff(Handoff(question="who won the super bowl", audience="student",
                                  abstained=True), words)
    assert "Asked by: a student" in note
    assert "No facts about the student were stated." in note
    assert "No plan check was run for this question." in note
    assert "The advisor did not search the guidance for this question." in note
    assert note.rstrip().endswith("Can you answer it, or tell me who can?")


def test_a_template_typo_names_the_file_and_key(tmp_path):
    import shutil

    folder = tmp_path / "catalog"
    shutil.copytree(CATALOG, folder)
    path = folder / "handoff.yaml"
    path.write_text(path.read_text().replace("{pathway}: {verdict}", "{pathwy}: {verdict}"))
    with pytest.raises(CatalogError, match=r"handoff.yaml: key 'check': .*\{pathway\}"):
        load_handoff_words(folder)


def test_a_download_is_owner_only_and_removed_after_its_time(tmp_path, monkeypatch):
    from advisor.ui.downloads import private_download

    monkeypatch.setenv("GRADIO_TEMP_DIR", str(tmp_path / "cache"))
    path = Path(private_download("note.md", "private words", keep_seconds=0.3))
    assert path.read_text() == "private words" and path.parent.parent == tmp_path / "cache"
    assert stat.S_IMODE(path.stat().st_mode) == 0o600
    assert stat.S_IMODE(path.parent.stat().st_mode) == 0o700
    deadline = time.monotonic() + 10
    while path.parent.exists() and time.monotonic() < deadline:
        time.sleep(0.1)
    assert not path.parent.exists()


def test_the_chat_prepares_a_note_for_the_last_answer(index, tmp_path):
    (tmp_path / "tmp").mkdir()
    env = {**app_env(index), "GRADIO_TEMP_DIR": str(tmp_path / "gradio-tmp"),
           "TMPDIR": str(tmp_path / "tmp")}
    downloads = tmp_path.parent / f"{tmp_path.name}-downloads"  # the client's, not the app's
    with app_server(tmp_path, env) as (url, _):
        client = Client(url, verbose=False, download_files=str(downloads))
        assert client.predict(api_name="/counselor_note") is None  # nothing asked yet
        history, _, _ = client.predict(PLAN, [], "family", api_name="/respond")
        first = Path(client.predict(api_name="/counselor_note")).read_text()
        assert f"> {PLAN}" in first and "Asked by: a parent or family member" in first
        assert "- Internship hours: 60" in first
        assert "### Innovation Career Pathways: does not yet meet it" in first
        assert "40 internship or capstone hours" in first.rstrip().splitlines()[-1]

        # a follow-up: the note is about the last answer, with the facts so far
        client.predict("I now have 120 hours", history, "family", api_name="/respond")
        second = Path(client.predict(api_name="/counselor_note")).read_text()
        assert "> I now have 120 hours" in second and "- Internship hours: 120" in second
        assert "- Technical courses: 2" in second

        # an abstained answer: the note carries the passages the advisor found
        client.predict("who won the super bowl", [], "student", api_name="/respond")
        third = Path(client.predict(api_name="/counselor_note")).read_text()
        assert "Asked by: a student" in third and "1. `guidance/" in third
        assert third.rstrip().endswith("Can you answer it, or tell me who can?")
        # another browser session has no answer to make a note of
        assert Client(url, verbose=False).predict(api_name="/counselor_note") is None
        # Gradio served each note from the one copy written, in its own cache, owner-only
        for asked in (PLAN, "I now have 120 hours", "who won the super bowl"):
            written = files_containing(tmp_path, f"> {asked}")
            assert len(written) == 1 and written[0].is_relative_to(tmp_path / "gradio-tmp")
            assert stat.S_IMODE(written[0].stat().st_mode) == 0o600
    # stopped the way a service manager stops it (SIGTERM): no note is left behind
    for asked in (PLAN, "I now have 120 hours", "who won the super bowl"):
        assert not files_containing(tmp_path, f"> {asked}")
