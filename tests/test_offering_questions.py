"""Offering questions worded as families write them (tests/offerings/questions.yaml), asked
of an Advisor over the shipped guidance and catalog indexed in a real Chroma store."""

from __future__ import annotations

from pathlib import Path

import pytest
import yaml
from conftest import indexed_copy

CASES = yaml.safe_load((Path(__file__).parent / "offerings" / "questions.yaml")
                       .read_text("utf-8"))["cases"]


@pytest.fixture(scope="module")
def advisor(tmp_path_factory, embeddings):
    from advisor.assistant import Advisor

    settings = indexed_copy(tmp_path_factory.mktemp("offerings"), embeddings)
    return Advisor(settings)


def _history(messages: list[str]) -> list[dict]:
    return [{"role": "user", "content": m} for m in messages]


@pytest.mark.parametrize("case", CASES, ids=[c["question"][:50] for c in CASES])
def test_offering_question(advisor, case):
    history = []
    for earlier in case.get("history", []):
        reply = advisor.reply(earlier, history, "family")
        history += [*_history([earlier]), {"role": "assistant", "content": reply.answer}]
    reply = advisor.reply(case["question"], history, "family")
    lead = reply.answer.splitlines()[0]
    if "not_kind" in case:
        assert reply.intent != case["not_kind"], lead
    else:
        assert reply.intent == case.get("kind", "offerings"), lead
    for text in case.get("lead_has", []):
        assert text in lead, f"{text!r} not in {lead!r}"
    for text in case.get("lead_lacks", []):
        assert text not in lead, f"{text!r} in {lead!r}"
    for text in case.get("says", []):
        assert text in reply.answer
    if "abstains" in case:
        assert reply.abstained is case["abstains"]
    cited = {c.quote.split(",")[1] for c in reply.citations if c.source.startswith("catalog/")}
    assert set(case.get("cites", [])) <= cited, cited
    # every catalog row cited is quoted exactly as its file has it, with its page
    for c in reply.citations:
        if c.source.startswith("catalog/"):
            assert c.url and c.url.startswith("http") and (c.as_of or c.retrieved)


def test_a_rule_question_naming_a_thing_with_a_is_not_a_count(advisor):
    """"does it have to include a college course?" asks what the rule includes; "is one
    college course enough?" tries a count against it."""
    reply = advisor.reply("does an innovation pathway have to include a college course?", [],
                          "family")
    assert reply.answer.startswith("**Yes.") and "At least 2" in reply.answer
    reply = advisor.reply("is one college course enough for an innovation pathway?", [],
                          "family")
    assert reply.answer.startswith("**No.") and "needs 1 more" in reply.answer
