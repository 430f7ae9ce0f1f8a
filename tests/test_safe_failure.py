"""The safe failure path (issue 25): `Advisor.reply` never raises. A failure inside becomes a
short abstaining reply with who to ask and an error id, its trace in the log; the CLI prints
one line and exits 1; the chat shows the short reply; a reply past its time budget is cut
off. Every lookup by id has a named not-found error."""

from __future__ import annotations

import logging
import re
import shutil
import threading
import time

import pytest
from conftest import ROOT, make_settings, run_cli
from gradio_client import Client
from servers import app_server

from advisor.answers import load_answerers
from advisor.assistant import Advisor
from advisor.catalog.bundle import load_catalog
from advisor.catalog.lookup import NotInCatalog
from advisor.store import StoreUnavailable

CATALOG = ROOT / "knowledge" / "catalog"
FOLLOW_UPS = ["and EC?", "why?", "ok thanks"]


class _NoStore:
    """A searcher whose store is down: the rules still answer, search waits."""

    def __getattr__(self, name):
        raise StoreUnavailable("no store in this test")


@pytest.fixture
def advisor(tmp_path):
    shutil.copytree(CATALOG, tmp_path / "knowledge" / "catalog")
    return Advisor(make_settings(tmp_path), searcher=_NoStore())


def _failing(monkeypatch, kind: str, exc: BaseException, calls: list | None = None):
    def boom(question, knowledge):
        if calls is not None:
            calls.append(question.text)
        raise exc

    monkeypatch.setitem(load_answerers(), kind, boom)


@pytest.mark.parametrize("follow", FOLLOW_UPS)
def test_a_follow_up_after_a_definition_answers(advisor, follow):
    """43 of 216 follow-ups crashed with StopIteration: the follow-up kept the definition
    kind but lost the term."""
    history = [{"role": "user", "content": "what is icp"},
               {"role": "assistant", "content": "..."}]
    reply = advisor.reply(follow, history)
    assert reply.error_id is None and reply.kind == "definition"
    expected = "Early College" if follow == "and EC?" else "Innovation Career Pathways"
    assert f"**{expected}" in reply.answer  # the term's definition leads the answer


def test_a_failure_in_answering_becomes_a_short_reply_with_an_error_id(advisor, monkeypatch,
                                                                      caplog):
    _failing(monkeypatch, "definition", StopIteration())
    with caplog.at_level(logging.ERROR, logger="advisor"):
        reply = advisor.reply("what is a mycap")
    assert reply.abstained and reply.kind == "error"
    assert re.fullmatch(r"[0-9a-f]{8}", reply.error_id)
    assert reply.error_id in reply.answer and "couldn't answer" in reply.answer
    assert "school counselor" in reply.answer  # who to ask, from phrases.yaml
    assert "StopIteration" not in reply.answer and "Traceback" not in reply.answer
    logged = [r for r in caplog.records if reply.error_id in r.getMessage()]
    assert logged and logged[0].exc_info[0] is StopIteration  # the trace goes to the log


def test_a_failure_in_understanding_becomes_the_same_reply(advisor, monkeypatch):
    def broken(*args, **kwargs):
        raise MemoryError

    monkeypatch.setattr("advisor.assistant.understand", broken)
    reply = advisor.reply("does early college cost money?", [{"role": "user", "content": "x"}])
    assert reply.abstained and reply.error_id and reply.error_id in reply.answer
    assert reply.contract()["abstained"] is True


def test_lookups_by_id_raise_a_named_key_error():
    cat = load_catalog(CATALOG.resolve())
    lookups = [(cat.term, "glossary term"), (cat.aspect, "aspect"), (cat.ruling, "ruling"),
               (cat.plan_facts.named, "plan fact"), (cat.programs.program, "program"),
               (cat.programs.cluster, "cluster")]
    for lookup, what in lookups:
        with pytest.raises(NotInCatalog) as err:
            lookup("no-such-id")
        assert isinstance(err.value, KeyError)
        assert str(err.value) == f"no {what} with id 'no-such-id'"
    assert cat.term("mycap").id == "mycap"


def test_a_reply_past_its_time_budget_is_cut_off_and_stops(advisor, monkeypatch):
    calls: list[str] = []

    def slow(question, knowledge):
        calls.append(question.text)
        time.sleep(1.5)
        return []

    monkeypatch.setitem(load_answerers(), "definition", slow)
    advisor.settings = advisor.settings.with_overrides(reply_seconds=0.3)
    started = time.monotonic()
    reply = advisor.reply_in_time("what is a mycap? what is a co-op?")
    assert time.monotonic() - started < 1.2  # the caller is not held for the slow answer
    assert reply.abstained and reply.kind == "timeout" and "took too long" in reply.answer
    # the work itself stops at its next stage: the second question is never answered
    for worker in [t for t in threading.enumerate() if t.name == "advisor-reply"]:
        worker.join(10)
    assert calls == ["what is a mycap?"]


def test_a_reply_within_its_budget_is_the_reply(advisor):
    reply = advisor.reply_in_time("what is a mycap")
    assert reply.kind == "definition" and "**MyCAP" in reply.answer


_PATCHED_ASK = """
import sys
from advisor.answers import load_answerers
def boom(question, knowledge):
    raise StopIteration
load_answerers()["definition"] = boom
from advisor.cli import main
sys.exit(main(sys.argv[1:]))
"""


@pytest.mark.parametrize("as_json", [False, True])
def test_the_cli_prints_one_line_and_exits_1_on_an_internal_failure(tmp_path, as_json):
    proc = run_cli("-c", _PATCHED_ASK, "ask", "what is a mycap", "--knowledge", ROOT /
                   "knowledge", "--db", tmp_path / "db" / "chroma",
                   *(["--json"] if as_json else []))
    assert proc.returncode == 1, proc.stderr
    lines = proc.stderr.strip().splitlines()
    assert len(lines) == 1, proc.stderr
    assert re.fullmatch(r"error: internal error [0-9a-f]{8}: the question could not be "
                        r"answered", lines[0])
    assert ('"error"' in proc.stdout) == as_json
    assert "Traceback" not in proc.stdout + proc.stderr


@pytest.fixture(scope="module")
def knowledge_copy(tmp_path_factory):
    """The shipped knowledge with no index: the chat answers from the catalog."""
    tmp = tmp_path_factory.mktemp("chat")
    shutil.copytree(ROOT / "knowledge", tmp / "knowledge")
    return tmp


def _chat(url: str, message: str, history: list) -> str:
    history, _, _ = Client(url, verbose=False).predict(message, history, "student",
                                                        api_name="/respond")
    return history


def test_the_web_chat_answers_a_follow_up_that_crashed(knowledge_copy):
    env = {"ADVISOR_KNOWLEDGE_DIR": str(knowledge_copy / "knowledge"),
           "ADVISOR_DB": str(knowledge_copy / "db" / "chroma")}
    with app_server(knowledge_copy, env) as (url, _):
        history = _chat(url, "what is icp", [])
        history = _chat(url, "why?", history)
    answer = str(history[-1]["content"])
    assert "**Innovation Career Pathways" in answer, answer
    assert "StopIteration" not in answer


def test_the_web_chat_cuts_off_a_reply_past_its_budget(knowledge_copy):
    env = {"ADVISOR_KNOWLEDGE_DIR": str(knowledge_copy / "knowledge"),
           "ADVISOR_DB": str(knowledge_copy / "db" / "chroma"),
           "ADVISOR_REPLY_SECONDS": "0.000001"}
    with app_server(knowledge_copy, env) as (url, _):
        history = _chat(url, "what is icp", [])
    answer = str(history[-1]["content"])
    assert "took too long to answer" in answer, answer

