"""`advisor check` and `advisor requirements` as subprocesses."""

from __future__ import annotations

import json

import pytest
from conftest import run_cli


def _plan(tmp_path, data) -> str:
    path = tmp_path / "plan.json"
    path.write_text(data if isinstance(data, str) else json.dumps(data))
    return str(path)


def test_check_json_contract(tmp_path):
    plan = _plan(tmp_path, {"courses": [{"name": "A", "technical": True},
                                        {"name": "B", "technical": True},
                                        {"name": "AP Bio", "college_level": True}],
                            "work_based_learning": [{"kind": "internship", "hours": 60}]})
    proc = run_cli("-m", "advisor", "check", "--pathway", "icp", "--plan", plan, "--json")
    assert proc.returncode == 0, proc.stderr
    out = json.loads(proc.stdout)
    assert out["pathway"] == "icp" and out["verdict"] == "does-not-meet"
    by_id = {c["id"]: c for c in out["criteria"]}
    assert by_id["icp.wbl"]["shortfall"] == {"what": "internship or capstone hours", "amount": 40}
    assert by_id["icp.college_level"]["shortfall"]["amount"] == 1
    assert by_id["icp.mycap"]["status"] == "unknown"
    for c in out["criteria"]:
        assert set(c) == {"id", "status", "requirement", "detail", "shortfall", "source",
                          "as_of", "in_force_from"}
        assert set(c["source"]) == {"source", "quote", "updated"}
    assert out["notes"]


def test_check_table_output(tmp_path):
    plan = _plan(tmp_path, {"immersive_hours": 850})
    proc = run_cli("-m", "advisor", "check", "--pathway", "cte", "--plan", plan)
    assert proc.returncode == 0
    assert "cte: DOES-NOT-MEET" in proc.stdout
    assert "50 immersive hours" in proc.stdout and "guidance/dese-pathways-strategies.md" \
        in proc.stdout


@pytest.mark.parametrize("data,field", [
    ({"courses": [{"name": "A", "hours": 3}]}, "courses[0].hours"),
    ({"work_based_learning": [{"kind": "internship", "hours": -1}]},
     "work_based_learning[0].hours"),
    ({"immersive_hours": "lots"}, "immersive_hours"),
    ({"mycap": "yes"}, "mycap"),
    ({"masscore": {"math": -2}}, "masscore.math"),
    ({"extra_field": 1}, "extra_field"),
    ({"work_based_learning": [{"kind": "volunteering"}]}, "work_based_learning[0].kind"),
    ('{"courses": [', "not valid JSON"),
    ("[1, 2]", "must be a JSON object"),
])
def test_malformed_plan_exits_2_naming_the_field(tmp_path, data, field):
    proc = run_cli("-m", "advisor", "check", "--pathway", "icp", "--plan",
                   _plan(tmp_path, data), "--json")
    assert proc.returncode == 2
    assert field in json.loads(proc.stdout)["error"]
    assert field in proc.stderr


def test_requirements_lists_the_criteria_with_sources():
    proc = run_cli("-m", "advisor", "requirements", "early-college", "--json")
    assert proc.returncode == 0
    out = json.loads(proc.stdout)
    assert [c["id"] for c in out["criteria"]] == ["ec.credits", "ec.masscore"]
    assert out["criteria"][0]["source"]["quote"] == "At least 12 college credits from GenEd " \
        "Transfer Block"
    assert "cost" in out["facts"]
    text = run_cli("-m", "advisor", "requirements", "icp").stdout
    assert "icp.wbl" in text and "100-hour" in text


def test_check_never_imports_the_model_or_chroma(tmp_path):
    plan = _plan(tmp_path, {})
    code = ("import runpy, sys; sys.argv=['advisor','check','--pathway','icp','--plan',"
            f"{plan!r},'--json']\ntry:\n    runpy.run_module('advisor', run_name='__main__')\n"
            "except SystemExit:\n    pass\n"
            "heavy=[m for m in ('torch','chromadb','sentence_transformers','gradio') "
            "if m in sys.modules]\nprint('HEAVY', heavy)")
    proc = run_cli("-c", code)
    assert "HEAVY []" in proc.stdout, proc.stdout + proc.stderr
