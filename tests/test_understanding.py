"""Message understanding as data (tests/understanding/*.yaml): text in, one Question out."""

from __future__ import annotations

from pathlib import Path

import pytest
import yaml
from conftest import ROOT

from advisor.understand import understand

CASES = [case for path in sorted((Path(__file__).parent / "understanding").glob("*.yaml"))
         for case in yaml.safe_load(path.read_text("utf-8"))]
CATALOG = ROOT / "knowledge" / "catalog"


@pytest.mark.parametrize("case", CASES, ids=[c["message"][:50] for c in CASES])
def test_message(case):
    history = [{"role": "user", "content": m} for m in case.get("history", [])]
    q = understand(case["message"], CATALOG, history)
    if "kind" in case:
        assert q.kind == case["kind"]
    if "pathways" in case:
        assert list(q.pathways) == case["pathways"]
    for name, value in case.get("facts", {}).items():
        got = getattr(q.facts, name)
        if isinstance(value, dict):
            assert {k: got.get(k) for k in value} == value, name
        else:
            assert got == value, name
    for name in case.get("absent", []):
        assert getattr(q.facts, name) is None, name
    for key in ("yes_no", "term"):
        if key in case:
            assert getattr(q, key) == case[key], key
    for key in ("aspects", "wants", "mentions"):
        if key in case:
            assert list(getattr(q, key)) == case[key], key
    for name, value in case.get("hypothetical", {}).items():
        assert getattr(q.hypothetical, name) == value, name


def test_question_is_frozen():
    q = understand("how much does early college cost", CATALOG)
    with pytest.raises(AttributeError):
        q.kind = "plan_check"
