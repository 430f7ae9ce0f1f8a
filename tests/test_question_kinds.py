"""Every example in knowledge/catalog/questions.yaml is read as its kind."""

from __future__ import annotations

import pytest
import yaml
from conftest import ROOT

from advisor.answers import load_answerers
from advisor.understand import understand

CATALOG = ROOT / "knowledge" / "catalog"
KINDS = yaml.safe_load((CATALOG / "questions.yaml").read_text("utf-8"))["kinds"]
EXAMPLES = [(k["id"], e) for k in KINDS for e in k.get("examples", [])]


@pytest.mark.parametrize(("kind", "message"), EXAMPLES, ids=[e[:50] for _, e in EXAMPLES])
def test_example_is_read_as_its_kind(kind, message):
    assert understand(message, CATALOG).kind == kind


def test_every_kind_has_an_answerer_and_examples():
    registry = load_answerers()
    for kind in KINDS:
        assert kind["id"] in registry, kind["id"]
        assert kind.get("examples"), kind["id"]
