"""Rules that changed over time: `--as-of` applies the version in force on a date."""

from __future__ import annotations

import json
from datetime import date

import pytest
from conftest import ROOT, run_cli

from advisor.catalog.pathways import load_pathways

CATALOG = ROOT / "knowledge" / "catalog"
MASSCORE = {"english": 4, "math": 4, "math_senior_year": False, "lab_science": 3, "history": 3,
            "world_language": 2, "world_language_same": True, "arts": 1, "additional_core": 5,
            "pe": True}


@pytest.fixture
def plan(tmp_path):
    path = tmp_path / "plan.json"
    path.write_text(json.dumps({"masscore": MASSCORE}), "utf-8")
    return path


def _check(plan, *extra):
    proc = run_cli("-m", "advisor", "check", "--pathway", "masscore", "--plan", plan, "--json",
                   *extra)
    assert proc.returncode == 0, proc.stderr
    return json.loads(proc.stdout)


def test_check_as_of_applies_the_2007_senior_year_math_rule(plan):
    old = _check(plan, "--as-of", "2012-09-01")
    assert old["verdict"] == "does-not-meet" and old["in_force_on"] == "2012-09-01"
    senior = {c["id"]: c for c in old["criteria"]}["masscore.math_senior_year"]
    assert senior["status"] == "unmet" and senior["in_force_from"] == "2007-03-27"
    assert "2007" in senior["source"]["quote"]
    today = _check(plan)
    assert today["verdict"] == "meets" and today["in_force_on"] == date.today().isoformat()
    assert "masscore.math_senior_year" not in {c["id"] for c in today["criteria"]}
    # today the recommendation is a note, not a criterion
    assert any("recommended" in n for n in today["notes"])
    assert not any("recommended" in n for n in old["notes"])


def test_the_change_takes_effect_on_its_date(plan):
    before = _check(plan, "--as-of", "2017-12-31")
    after = _check(plan, "--as-of", "2018-01-01")
    assert (before["verdict"], after["verdict"]) == ("does-not-meet", "meets")
    # before MassCore's first text there was no senior-year math rule to apply
    first = {c.id for c in load_pathways(CATALOG, date(2007, 3, 26))["masscore"].criteria}
    assert "masscore.math_senior_year" not in first


def test_match_and_pathways_built_on_masscore_use_the_same_date(plan):
    proc = run_cli("-m", "advisor", "match", "--plan", plan, "--json", "--as-of", "2012-09-01")
    assert proc.returncode == 0, proc.stderr
    checks = {c["pathway"]: c for c in json.loads(proc.stdout)["checks"]}
    for pathway, cid in (("icp", "icp.masscore"), ("early-college", "ec.masscore")):
        by_id = {c["id"]: c for c in checks[pathway]["criteria"]}
        assert by_id[cid]["status"] == "unmet", (pathway, by_id[cid]["detail"])
        assert "masscore.math_senior_year" in by_id[cid]["detail"]


@pytest.mark.parametrize("day,expected", [
    ("2020-01-01", None),
    ("2023-09-01", "each district selects students by its own policy"),
    ("2025-05-20", "admits by lottery"),
])
def test_chapter_74_admissions_follow_the_2025_change(day, expected):
    proc = run_cli("-m", "advisor", "requirements", "cte", "--json", "--as-of", day)
    assert proc.returncode == 0, proc.stderr
    notes = [n for n in json.loads(proc.stdout)["note_details"]
             if n["text"].startswith("Admissions")]
    if expected is None:
        assert notes == []
    else:
        assert len(notes) == 1 and expected in notes[0]["text"], notes
        assert notes[0]["source"]["source"] == "guidance/chapter-74-cte.md"


def test_text_output_says_which_day_s_rules_were_applied(plan):
    proc = run_cli("-m", "advisor", "check", "--pathway", "masscore", "--plan", plan,
                   "--as-of", "2012-09-01")
    assert proc.returncode == 0, proc.stderr
    assert "rules in force on 2012-09-01" in proc.stdout
    assert "in force from 2007-03-27" in proc.stdout


def test_a_date_that_is_not_one_is_refused(plan):
    proc = run_cli("-m", "advisor", "check", "--pathway", "masscore", "--plan", plan,
                   "--as-of", "2012-02-30")
    assert proc.returncode == 2 and "not a date" in proc.stderr


def test_conflicting_sources_come_as_competing_values_with_their_quotes(tmp_path):
    path = tmp_path / "plan.json"
    path.write_text("{}", "utf-8")
    proc = run_cli("-m", "advisor", "check", "--pathway", "career-connections", "--plan", path,
                   "--json")
    out = json.loads(proc.stdout)
    conflict = next(n for n in out["note_details"] if n["conflict"])
    assert {c["value"] for c in conflict["conflict"]} == {"two or three courses", "three courses"}
    assert all(c["source"]["quote"] for c in conflict["conflict"])
    # the contract's plain strings keep their old form, the rule's value filled in
    assert out["notes"][0].startswith("Sources differ on the course count")
    assert "This check uses 2; the district may ask for three. [guidance/career-connections.md:" \
        in out["notes"][0]


def test_a_roster_is_checked_under_the_rules_of_its_date(tmp_path):
    roster = tmp_path / "roster.csv"
    roster.write_text("student,masscore_english,masscore_math,masscore_lab_science,"
                      "masscore_history,masscore_world_language,masscore_arts,"
                      "masscore_additional_core,masscore_pe\nAna,4,4,3,3,2,1,5,yes\n", "utf-8")

    def masscore(*extra):
        proc = run_cli("-m", "advisor", "roster", roster, "--json", *extra)
        assert proc.returncode == 0, proc.stderr
        return next(c for c in json.loads(proc.stdout)["students"][0]["checks"]
                    if c["pathway"] == "masscore")

    assert masscore()["verdict"] == "meets"
    old = masscore("--as-of", "2012-09-01")  # the roster has no senior-year math column
    assert old["verdict"] == "needs-info" and old["in_force_on"] == "2012-09-01"
    assert [c["id"] for c in old["criteria"] if c["status"] == "unknown"] == \
        ["masscore.math_senior_year"]
