"""Message understanding as data (tests/understanding/*.yaml): text in, intent and facts out."""

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
    u = understand(case["message"], CATALOG)
    if "intent" in case:
        assert u.intent == case["intent"]
    if "pathways" in case:
        assert u.pathways == case["pathways"]
    for name, value in case.get("facts", {}).items():
        assert getattr(u.facts, name) == value, name
    for name in case.get("absent", []):
        assert getattr(u.facts, name) is None, name
