"""One plan against every pathway: `match`, the CLI and its ranking."""

from __future__ import annotations

import json

from conftest import ROOT, run_cli

from advisor.catalog import PATHWAY_IDS
from advisor.plan import Plan
from advisor.rules import match

CATALOG = ROOT / "knowledge" / "catalog"
ICP_NEARLY = {"courses": [{"name": "Intro to Health Careers", "technical": True},
                          {"name": "Anatomy", "technical": True},
                          {"name": "AP Biology", "college_level": True},
                          {"name": "AP Chemistry", "college_level": True}],
              "work_based_learning": [{"kind": "internship", "hours": 120}],
              "mycap": True,
              "masscore": {"english": 4, "math": 4, "lab_science": 3, "history": 3,
                           "world_language": 2, "world_language_same": True, "arts": 1,
                           "additional_core": 5, "pe": True}}


def test_a_plan_that_meets_a_pathway_ranks_it_first():
    found = match(Plan.model_validate(ICP_NEARLY), CATALOG)
    assert [c.pathway for c in found.checks] == list(PATHWAY_IDS)
    assert found.ranked[0] == "icp"
    verdicts = {c.pathway: c.verdict for c in found.checks}
    assert verdicts["icp"] == "meets" and verdicts["masscore"] == "meets"
    order = {"meets": 0, "needs-info": 1, "does-not-meet": 2}
    ranks = [order[verdicts[p]] for p in found.ranked]
    assert ranks == sorted(ranks)  # meets, then needs-info, then does-not-meet


def test_among_unmet_pathways_the_smaller_shortfall_ranks_first():
    short = dict(ICP_NEARLY, work_based_learning=[{"kind": "internship", "hours": 90}],
                 immersive_hours=100, credentials=[])
    found = match(Plan.model_validate(short), CATALOG)
    unmet = [p for p in found.ranked
             if next(c for c in found.checks if c.pathway == p).verdict == "does-not-meet"]
    # ICP misses 10 hours; Chapter 74 misses 800 hours and a credential
    assert unmet.index("icp") < unmet.index("cte")


def test_match_command_prints_every_check_and_the_ranking(tmp_path):
    plan = tmp_path / "plan.json"
    plan.write_text(json.dumps(ICP_NEARLY))
    out = run_cli("-m", "advisor", "match", "--plan", plan, "--json")
    assert out.returncode == 0, out.stderr
    data = json.loads(out.stdout)
    assert [c["pathway"] for c in data["checks"]] == list(PATHWAY_IDS)
    assert sorted(data["ranked"]) == sorted(PATHWAY_IDS) and data["ranked"][0] == "icp"
    assert all({"verdict", "criteria"} <= set(c) for c in data["checks"])
    text = run_cli("-m", "advisor", "match", "--plan", plan)
    assert text.returncode == 0 and text.stdout.splitlines()[1].startswith("1. icp: MEETS")
    plan.write_text(json.dumps({"immersive_hours": -5}))
    bad = run_cli("-m", "advisor", "match", "--plan", plan, "--json")
    assert bad.returncode == 2 and "immersive_hours" in json.loads(bad.stdout)["error"]
