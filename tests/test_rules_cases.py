"""Domain cases as data (tests/cases/*.yaml), OpenFisca style: plan in, check out."""

from __future__ import annotations

import json
from pathlib import Path

import pytest
from conftest import ROOT, run_cli

from advisor.cases import load_cases, run_case
from advisor.rules import check

FILES = sorted((Path(__file__).parent / "cases").glob("*.yaml"))
CASES = [(path.stem, case) for path in FILES for case in load_cases(path)]
CATALOG = ROOT / "knowledge" / "catalog"


def test_there_are_enough_cases():
    assert len(CASES) >= 40
    assert any(case.on for _, case in CASES), "no case checks the rules of an older date"


@pytest.mark.parametrize("case", [c for _, c in CASES], ids=[f"{f}: {c.name}" for f, c in CASES])
def test_case(case):
    outcome = run_case(case, CATALOG)
    assert outcome.passed, outcome.problems


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


def test_the_test_command_runs_every_case_file():
    proc = run_cli("-m", "advisor", "test", *FILES)
    assert proc.returncode == 0, proc.stdout[-3000:] + proc.stderr
    assert proc.stdout.strip().endswith(f"{len(CASES)} passed, 0 failed")


def test_the_test_command_reports_a_failing_case_and_exits_1(tmp_path):
    cases = tmp_path / "cases.yaml"
    cases.write_text("""
- name: 60 internship hours meet ICP (wrong on purpose)
  pathway: icp
  plan: {work_based_learning: [{kind: internship, hours: 60}]}
  verdict: needs-info
  criteria: {icp.wbl: met}
  shortfalls: {icp.wbl: null}
- name: 60 internship hours are 40 short
  pathway: icp
  plan: {work_based_learning: [{kind: internship, hours: 60}]}
  verdict: does-not-meet
  shortfalls: {icp.wbl: 40}
""", "utf-8")
    proc = run_cli("-m", "advisor", "test", cases, "--json")
    assert proc.returncode == 1, proc.stderr
    out = json.loads(proc.stdout)
    assert (out["passed"], out["failed"]) == (1, 1)
    wrong = out["cases"][0]
    assert not wrong["passed"] and wrong["name"].endswith("(wrong on purpose)")
    assert "verdict: expected needs-info, got does-not-meet" in wrong["problems"]
    assert any(p.startswith("icp.wbl: expected met, got unmet") for p in wrong["problems"])
    assert any(p.startswith("icp.wbl: expected shortfall None, got 40") for p in wrong["problems"])


@pytest.mark.parametrize("text,named", [
    ("- name: a\n  pathway: icp\n  plan: {}\n  verdict: meets\n  critera: {}\n", "'critera'"),
    ("- name: b\n  pathway: icp\n  plan: {mycap: maybe}\n  verdict: meets\n", "mycap"),
    ("- name: c\n  pathway: icp\n  plan: {}\n  verdict: meets\n  criteria: {icp.wbl: done}\n",
     "icp.wbl"),
    ("- name: d\n  pathway: icpp\n  plan: {}\n  verdict: meets\n", "icpp"),
    ("name: [unclosed\n", "cases.yaml"),
    ("- name: e\n  pathway: icp\n  plan: {}\n  verdict: needs_info\n", "verdict"),
    ("- name: f\n  pathway: icp\n  as_of: 2017-13-01\n  plan: {}\n  verdict: meets\n", "as_of"),
    ("[]\n", "cases.yaml"),
])
def test_the_test_command_refuses_a_malformed_case_file(tmp_path, text, named):
    cases = tmp_path / "cases.yaml"
    cases.write_text(text, "utf-8")
    proc = run_cli("-m", "advisor", "test", cases)
    assert proc.returncode == 2, proc.stdout + proc.stderr
    assert "cases.yaml" in proc.stderr and named in proc.stderr, proc.stderr
