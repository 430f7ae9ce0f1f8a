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


def test_stated_credits_ride_on_stated_college_courses():
    from advisor.stated import StatedFacts

    plan = StatedFacts(technical_courses=2, college_level_courses=2, college_credits=12,
                       gened_transfer=True).to_plan()
    result = {c.id: c for c in check("icp", plan, CATALOG).criteria}
    assert result["icp.courses"].detail.startswith("4 of 4")
    ec = {c.id: c.status for c in check("early-college", plan, CATALOG).criteria}
    assert ec["ec.credits"] == "met"
    alone = StatedFacts(college_credits=9, gened_transfer=True).to_plan()
    assert alone.courses[0].college_credits == 9
    # Courses nobody mentioned are unnamed placeholders: they leave criteria unknown, but
    # the credits stated are the student's total, so they carry none of them.
    assert all(c.name is None and c.college_credits == 0 for c in alone.courses[1:])
    statuses = {c.id: c.status for c in check("icp", alone, CATALOG).criteria}
    assert statuses["icp.courses"] == statuses["icp.technical"] == "unknown"
    credits = check("early-college", alone, CATALOG).criteria[0]
    assert credits.status == "unmet" and credits.shortfall.amount == 3
    # no credits stated at all: the courses mentioned might still carry some
    courses_only = StatedFacts(technical_courses=2).to_plan()
    assert check("early-college", courses_only, CATALOG).criteria[0].status == "unknown"


def test_courses_nobody_mentioned_stay_unknown_never_missing():
    from advisor.stated import StatedFacts

    plan = StatedFacts(college_level_courses=2).to_plan()  # "AP Bio and AP Chem"
    statuses = {c.id: c.status for c in check("icp", plan, CATALOG).criteria}
    assert statuses["icp.college_level"] == "met"
    assert statuses["icp.technical"] == "unknown" and statuses["icp.courses"] == "unknown"
    one = StatedFacts(technical_courses=1, college_level_courses=2).to_plan()
    assert {c.id: c.status for c in check("icp", one, CATALOG).criteria}["icp.technical"] \
        == "unmet"
