"""Domain cases as data (tests/cases/*.yaml), OpenFisca style: plan in, check out."""

from __future__ import annotations

from pathlib import Path

import pytest
import yaml
from conftest import ROOT

from advisor.plan import parse_plan
from advisor.rules import check

CASES = [(path.stem, case) for path in sorted((Path(__file__).parent / "cases").glob("*.yaml"))
         for case in yaml.safe_load(path.read_text("utf-8"))]
CATALOG = ROOT / "knowledge" / "catalog"


def test_there_are_enough_cases():
    assert len(CASES) >= 40


@pytest.mark.parametrize("case", [c for _, c in CASES], ids=[f"{f}: {c['name']}" for f, c in CASES])
def test_case(case):
    result = check(case["pathway"], parse_plan(case["plan"]), CATALOG)
    statuses = {c.id: c for c in result.criteria}
    assert result.verdict == case["verdict"]
    for cid, status in case.get("criteria", {}).items():
        assert statuses[cid].status == status, (cid, statuses[cid].detail)
    for cid, amount in case.get("shortfalls", {}).items():
        got = statuses[cid].shortfall
        assert (got.amount if got else None) == amount, (cid, statuses[cid].detail)
