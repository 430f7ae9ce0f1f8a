"""The Advisor API and `advisor ask`: checks first, verbatim citations, abstention."""

from __future__ import annotations

import json

import pytest
from conftest import indexed_copy, run_cli

from advisor.assistant import Advisor
from advisor.documents import load
from advisor.retrieval import Searcher

OUT_OF_SCOPE = ["what is the capital of France?", "who won the super bowl last year",
                "how do I apply for a driver's license", "what is the best pizza in Boston",
                # Near the guidance's words, but no passage states this figure.
                "what is the graduation rate at worcester tech",
                "what is the student to teacher ratio at a voc school"]


@pytest.fixture(scope="module")
def advisor(tmp_path_factory, embeddings):
    settings = indexed_copy(tmp_path_factory.mktemp("advisor"), embeddings)
    return Advisor(settings, searcher=Searcher(settings, embeddings=embeddings))


def _norm(text: str) -> str:
    return " ".join(text.split())


def assert_citations_verbatim(reply, knowledge):
    import re

    assert reply.citations
    for c in reply.citations:
        source_text = _norm((knowledge / c.source).read_text("utf-8")
                            if c.source.startswith("catalog/")
                            else load(knowledge / c.source, knowledge).text)
        assert _norm(c.quote) in source_text, (c.source, c.quote)
    for n in re.findall(r"\[(\d+)\]", reply.answer):
        assert 1 <= int(n) <= len(reply.citations)


def test_counselor_plan_check_gives_exact_shortfalls(advisor):
    reply = advisor.reply("she has two technical courses, one AP and 60 internship hours: "
                          "does she meet ICP?", [], "counselor")
    assert reply.intent == "plan_check" and not reply.abstained
    check = reply.checks[0]
    assert check["pathway"] == "icp" and check["verdict"] == "does-not-meet"
    status = {c["id"]: c for c in check["criteria"]}
    assert status["icp.wbl"]["shortfall"]["amount"] == 40
    assert status["icp.college_level"]["shortfall"]["amount"] == 1
    assert status["icp.mycap"]["status"] == "unknown"
    assert "40 more internship or capstone hours" in reply.answer
    assert "| `icp.wbl` | unmet |" in reply.answer  # counselors get the table
    assert_citations_verbatim(reply, advisor.settings.knowledge_dir)


def test_follow_ups_reuse_and_update_the_facts(advisor):
    first = "she has two technical courses, one AP and 60 internship hours: does she meet ICP?"
    history = [{"role": "user", "content": first}, {"role": "assistant", "content": "..."}]
    updated = advisor.reply("I now have 120 hours", history, "student")
    status = {c["id"]: c["status"] for c in updated.checks[0]["criteria"]}
    assert status["icp.wbl"] == "met" and status["icp.college_level"] == "unmet"
    history += [{"role": "user", "content": "I now have 120 hours"}]
    ec = advisor.reply("what about Early College?", history, "family")
    assert ec.checks and ec.checks[0]["pathway"] == "early-college"
    assert {c["id"]: c["status"] for c in ec.checks[0]["criteria"]}["ec.credits"] == "unknown"
    assert "Sources differ" in ec.answer  # the credit-basis conflict is surfaced


def test_family_cost_and_credits(advisor):
    reply = advisor.reply("will Early College cost us anything, and how many credits will "
                          "she get?", [], "family")
    assert "Free for students" in reply.answer and "12 college credits" in reply.answer
    assert_citations_verbatim(reply, advisor.settings.knowledge_dir)


def test_student_interests_map_to_sectors_and_sample_pathways(advisor):
    reply = advisor.reply("I like fixing cars and computers, what should I look at?")
    assert reply.intent == "fit"
    # the Chapter 74 programs for the words, each with its cluster and related sector
    assert "Automotive Technology" in reply.answer.splitlines()[0]
    assert "Information Support Services & Networking" in reply.answer
    assert "related Innovation Career Pathways sector: Information" in reply.answer
    assert reply.citations[0].source == "guidance/chapter-74-programs.md"
    # real schools offering them follow, each cited by its row and public page
    rows = [c for c in reply.citations if c.source.startswith("catalog/districts/")]
    assert rows and all(c.url.startswith("http") and c.section.startswith("row ")
                        for c in rows)
    assert "SAMPLE DATA" not in reply.answer


def test_explanations_quote_the_guidance(advisor):
    reply = advisor.reply("What is P-TECH?")
    assert not reply.abstained and "IBM" in reply.answer
    assert_citations_verbatim(reply, advisor.settings.knowledge_dir)


def test_sector_question_lists_the_catalog_sectors_with_their_source(advisor):
    reply = advisor.reply("what sectors can innovation pathways be in", audience="family")
    assert reply.kind == "list" and not reply.abstained
    for name in ("Advanced Manufacturing", "Clean Energy", "Information"):
        assert name in reply.answer
    assert reply.citations[0].source == "guidance/maicp-about.md"
    assert_citations_verbatim(reply, advisor.settings.knowledge_dir)


def test_asking_about_a_mycap_is_not_having_one(advisor):
    reply = advisor.reply("what platforms can hold a mycap")
    assert reply.checks == [] and "Met:" not in reply.answer
    assert "MEFA" in reply.answer


@pytest.mark.parametrize("question", OUT_OF_SCOPE)
def test_abstains_when_the_guidance_is_silent(advisor, question):
    reply = advisor.reply(question)
    assert reply.abstained and reply.citations == [] and "counselor" in reply.answer


def test_hostile_and_empty_input_is_bounded(advisor):
    assert advisor.reply("   \n\t ").intent == "empty"
    huge = advisor.reply("internship hours " * 10000)
    assert huge.notice and "shortened" in huge.answer
    ctrl = advisor.reply("what is\x00 MyCAP\x1b[31m?")
    assert "\x00" not in ctrl.answer and not ctrl.abstained


def test_ask_cli_json_contract(advisor):
    settings = advisor.settings
    proc = run_cli("-m", "advisor", "ask", "does early college cost money?", "--audience",
                   "family", "--db", settings.db, "--knowledge", settings.knowledge_dir,
                   "--json")
    assert proc.returncode == 0, proc.stderr
    out = json.loads(proc.stdout)
    assert set(out) == {"answer", "abstained", "citations", "checks"}
    assert out["abstained"] is False and out["citations"]
    for c in out["citations"]:
        assert set(c) == {"n", "source", "title", "page", "quote", "updated"}
    proc = run_cli("-m", "advisor", "ask", "who won the super bowl", "--db", settings.db,
                   "--knowledge", settings.knowledge_dir, "--json")
    assert json.loads(proc.stdout)["abstained"] is True


def test_a_long_message_of_one_repeated_question_answers_once_and_fast(advisor):
    """2,000 characters of one repeated question were 83 parts and 5.2 s of CPU."""
    import time

    message = "how many internship hours does icp need? " * 50
    advisor.reply(message)  # anything loaded on first use loads here
    started = time.process_time()
    reply = advisor.reply(message)
    assert time.process_time() - started < 1.5  # the old code took 5.2 s; a guard
    assert reply.answer.count("At least 100 hours of internship") == 1
    assert "shortened" in reply.answer and "answered the first" not in reply.answer


def test_a_message_is_answered_in_at_most_three_parts(advisor):
    reply = advisor.reply("what is a mycap? what is a co-op? what is p-tech? what is perkins? "
                          "what is masshire?")
    assert "I answered the first 3 questions of your message; please ask the other 2 " \
           "separately." in reply.answer
    assert "MyCAP" in reply.answer and "Perkins" not in reply.answer.split("\n\n", 1)[1]


def test_a_long_history_costs_no_more_than_its_latest_turns(advisor):
    import time

    history = [{"role": "user", "content": "which schools near lowell teach welding? " * 40},
               {"role": "assistant", "content": "..."}] * 500
    started = time.process_time()
    reply = advisor.reply("and what about early college?", history)
    assert time.process_time() - started < 10.0 and not reply.error_id  # a guard, not a timing


@pytest.mark.parametrize("message,refused,criterion", [
    ("she has 99999999999999999999 AP classes, does she meet ICP?",
     "I couldn't use '99999999999999999999 AP classes': that's more than 60 courses.",
     "icp.college_level"),
    ("-100 internship hours, does she meet ICP?",
     "I couldn't use '-100 internship hours': that's less than 0 hours.", "icp.wbl"),
    ("she has 9,999,999,999 internship hours, does she meet icp?",
     "I couldn't use '9,999,999,999 internship hours': that's more than 10,000 hours.",
     "icp.wbl"),
    ("she has " + "9" * 309 + " internship hours, does she meet icp?",
     "I couldn't use '99999999999999999999… (309 digits) internship hours': that's more than "
     "10,000 hours.", "icp.wbl"),
])
def test_the_reply_names_a_number_it_could_not_use(advisor, message, refused, criterion):
    reply = advisor.reply(message)
    assert reply.answer.startswith(f"_{refused}_") and not reply.error_id
    status = {c["id"]: c["status"] for c in reply.checks[0]["criteria"]}
    assert status[criterion] == "unknown"
    assert "validation error" not in reply.answer and " inf " not in reply.answer
