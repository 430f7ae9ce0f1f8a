"""The catalog's rules as checked declarations: a typo anywhere is refused by file, entry and
key, and a threshold written once in a rule drives both the check and the words."""

from __future__ import annotations

import json
import shutil
import subprocess
import sys

import pytest
from conftest import ROOT, cli_env, run_cli

from advisor.catalog import CatalogError
from advisor.catalog.bundle import load_catalog
from advisor.plan import Plan
from advisor.rules import check, requirements

PATHWAYS = ROOT / "knowledge" / "catalog" / "pathways"


def _copy(tmp_path):
    target = tmp_path / "knowledge" / "catalog"
    shutil.copytree(ROOT / "knowledge" / "catalog", target)
    return target


def _edit(path, old, new):
    text = path.read_text("utf-8")
    assert text.count(old) == 1, f"{old!r} is not once in {path.name}"
    path.write_text(text.replace(old, new, 1), "utf-8")


# (file, text as shipped, the typo, what the message must name)
TYPOS = [
    ("pathways/icp.yaml", "{kind: wbl_hours, min: 100,", "{kind: wbl_hours, mn: 100,",
     ["icp.yaml", "criterion icp.wbl", "'rule.mn'", "unknown key", "takes min, kinds"]),
    ("pathways/icp.yaml", "{kind: wbl_hours,", "{kind: wbl_hour,",
     ["icp.yaml", "criterion icp.wbl", "'rule'", "wbl_hour"]),
    ("pathways/cte.yaml", "fact: immersive_hours,", "fact: immersive_hour,",
     ["cte.yaml", "criterion cte.hours", "'rule.fact'", "immersive_hour"]),
    ("pathways/cte.yaml", "min: 900,", "min: lots,",
     ["cte.yaml", "criterion cte.hours", "'rule.min'"]),
    ("pathways/cte.yaml", "kinds: [co-op, internship]", "kinds: [coop, internship]",
     ["cte.yaml", "criterion cte.wbl", "'rule.kinds'", "'coop'"]),
    ("pathways/masscore.yaml", "field: lab_science,", "field: lab_sciences,",
     ["masscore.yaml", "criterion masscore.science", "'rule.field'", "lab_sciences"]),
    ("pathways/cte.yaml", "requirement: At least {min} hours", "requirement: At least {mn} hours",
     ["cte.yaml", "criterion cte.hours", "'requirement'", "{mn}"]),
    # the threshold typed into the text again instead of named: refused, it would drift
    ("pathways/cte.yaml", "requirement: At least {min} hours", "requirement: At least 900 hours",
     ["cte.yaml", "criterion cte.hours", "'requirement'", "{min}"]),
    ("pathways/early-college.yaml", "text: At least {ec.credits.min} college credits from",
     "text: At least {ec.credit.min} college credits from",
     ["early-college.yaml", "fact college_credits", "{ec.credit.min}"]),
    ("pathways/cte.yaml", "masscore.arts]", "masscore.art]",
     ["cte.yaml", "criterion cte.masscore", "'rule.waive'", "masscore.art"]),
    ("pathways/masscore.yaml", "        in_force: false\n", "        in_force: false\n"
     "        rule: {wht: x}\n",
     ["masscore.yaml", "criterion masscore.math_senior_year", "'values[1].rule.wht'"]),
    ("pathways/masscore.yaml", "      - from: 2018-01-01\n        in_force: false",
     "      - from: 2018-13-01\n        in_force: false",
     ["masscore.yaml", "criterion masscore.math_senior_year", "'values.1.from'"]),
    ("pathways/career-connections.yaml", "  - id: cc.courses\n",
     "  - id: cc.courses\n    as_off: 2024-04-24\n",
     ["career-connections.yaml", "criterion cc.courses", "'as_off'", "unknown key"]),
    ("pathways/career-connections.yaml", "      - value: three courses\n",
     "      - valeu: three courses\n",
     ["career-connections.yaml", "note 1", "valeu"]),
    ("rulings.yaml", "ICP asks for a {icp.wbl.min}-hour", "ICP asks for a {icp.wbl.mn}-hour",
     ["rulings.yaml", "{icp.wbl.mn}", "'text'"]),
    ("plan-facts.yaml", "  - name: mycap\n", "  - name: mycap\n    colour: red\n",
     ["plan-facts.yaml", "fact mycap", "'colour'"]),
    # wrong types pydantic would otherwise convert: a yes for a number, half a course
    ("pathways/icp.yaml", "{kind: wbl_hours, min: 100,", "{kind: wbl_hours, min: true,",
     ["icp.yaml", "criterion icp.wbl", "'rule.min'"]),
    ("pathways/icp.yaml", "{kind: course_count, min: 4}", "{kind: course_count, min: 4.5}",
     ["icp.yaml", "criterion icp.courses", "'rule.min'"]),
    ("pathways/masscore.yaml", "        in_force: false\n", "        in_force: 'no'\n",
     ["masscore.yaml", "criterion masscore.math_senior_year", "in_force"]),
    # one bucket's threshold copied into the other's rule must stay the same number
    ("pathways/icp.yaml", "bucket: college_level, min: 2,", "bucket: college_level, min: 3,",
     ["icp.yaml", "criterion icp.technical", "'rule.other_min'"]),
    ("pathways/icp.yaml", "description: >-\n  State-designated pathways",
     "description: >-\n  {min} State-designated pathways",
     ["icp.yaml", "'description'", "{min}"]),
    ("pathways/icp.yaml", "name: Innovation Career Pathways\n",
     "name: Innovation Career Pathways {icp.wbl.min}\n", ["icp.yaml", "'name'"]),
    ("glossary.yaml", "{icp.wbl.min}-hour internship", "{icp.wbl.min-hour internship",
     ["glossary.yaml", "internship", "'text'"]),
    ("plan-facts.yaml", "  - name: masscore_complete\n", "  - name: masscore_done\n",
     ["plan-facts.yaml", "fact masscore_complete", "missing"]),
    ("glossary.yaml", "  - id: gened-transfer-block\n", "  - id: gened-transfer-block\n"
     "    colour: x\n", ["glossary.yaml", "gened-transfer-block", "'colour'"]),
]


@pytest.mark.parametrize("relpath,old,new,named", TYPOS,
                         ids=[f"{t[0]}:{t[2][:24]}" for t in TYPOS])
def test_a_typo_anywhere_in_the_catalog_is_refused_by_name(tmp_path, relpath, old, new, named):
    catalog = _copy(tmp_path)
    load_catalog(catalog)  # the copy as shipped loads
    broken = _copy(tmp_path / "broken")
    _edit(broken / relpath, old, new)
    with pytest.raises(CatalogError) as err:
        load_catalog(broken)
    for word in named:
        assert word in str(err.value), str(err.value)


def test_every_command_exits_2_naming_the_typo(tmp_path):
    catalog = _copy(tmp_path)
    _edit(catalog / "pathways" / "icp.yaml", "{kind: wbl_hours, min: 100,",
          "{kind: wbl_hours, mn: 100,")
    plan = tmp_path / "plan.json"
    plan.write_text('{"mycap": true}', "utf-8")
    knowledge = ["--knowledge", str(tmp_path / "knowledge")]
    for args in (["check", "--pathway", "cte", "--plan", plan, "--json"],
                 ["requirements", "masscore"], ["ask", "what is a co-op?"],
                 ["search", "co-op"], ["sources"], ["test", ROOT / "tests/cases/cte.yaml"]):
        proc = run_cli("-m", "advisor", *args, *knowledge)
        assert proc.returncode == 2, (args, proc.stdout, proc.stderr)
        assert "icp.yaml" in proc.stderr and "criterion icp.wbl" in proc.stderr \
            and "'rule.mn'" in proc.stderr, (args, proc.stderr)
    # the same command on the catalog as shipped works
    fine = run_cli("-m", "advisor", "check", "--pathway", "cte", "--plan", plan, "--json")
    assert fine.returncode == 0, fine.stderr


@pytest.mark.parametrize("relpath,old,new,named", [
    ("pathways/cte.yaml", "fact: immersive_hours,", "fact: immersive_hour,",
     ["criterion cte.hours", "immersive_hour"]),
    # the plan's own shape is built from this file, when the app first imports it
    ("plan-facts.yaml", "  - name: mycap\n", "  - name: mycap\n    colour: red\n",
     ["plan-facts.yaml", "fact mycap", "'colour'"]),
])
def test_the_app_refuses_to_start_on_a_malformed_catalog(tmp_path, relpath, old, new, named):
    catalog = _copy(tmp_path)
    _edit(catalog / relpath, old, new)
    env = cli_env(ADVISOR_KNOWLEDGE_DIR=str(tmp_path / "knowledge"),
                  ADVISOR_DB=str(tmp_path / "db"), GRADIO_SERVER_PORT="0")
    proc = subprocess.run([sys.executable, str(ROOT / "app.py")], cwd=ROOT, env=env,
                          capture_output=True, text=True, timeout=180)
    assert proc.returncode == 2, proc.stderr[-2000:]
    assert all(word in proc.stderr for word in named), proc.stderr[-2000:]
    assert "did not start" in proc.stderr and "Traceback" not in proc.stderr


def test_a_threshold_changed_in_data_changes_the_check_and_the_words(tmp_path):
    catalog = _copy(tmp_path)
    plan = Plan.model_validate({"work_based_learning": [{"kind": "internship", "hours": 100}]})
    shipped = {c.id: c for c in check("icp", plan, ROOT / "knowledge" / "catalog").criteria}
    assert shipped["icp.wbl"].status == "met"
    _edit(catalog / "pathways" / "icp.yaml", "{kind: wbl_hours, min: 100,",
          "{kind: wbl_hours, min: 120,")
    changed = {c.id: c for c in check("icp", plan, catalog).criteria}
    assert changed["icp.wbl"].status == "unmet" and changed["icp.wbl"].shortfall.amount == 20
    assert changed["icp.wbl"].requirement == \
        "At least 120 hours of internship or capstone project."
    # the quote stays the source's own words
    assert "100-hour" in changed["icp.wbl"].source.quote
    spec = load_catalog(catalog).types["icp"]
    assert "a 120-hour internship" in spec.summary and "100" not in spec.summary
    assert spec.facts["hours"].text.startswith("A 120-hour internship")
    assert "one 120-hour experience" in spec.notes[0].text
    # glossary and ruling sentences name the value too
    assert "a 120-hour internship" in load_catalog(catalog).term("internship").text
    assert any("a 120-hour internship" in r.text for r in load_catalog(catalog).rulings)
    listed = requirements("icp", catalog)
    assert [c["rule"]["min"] for c in listed["criteria"] if c["id"] == "icp.wbl"] == [120]
    proc = run_cli("-m", "advisor", "requirements", "icp", "--json", "--knowledge",
                   tmp_path / "knowledge")
    assert proc.returncode == 0, proc.stderr
    assert "At least 120 hours" in json.dumps(json.loads(proc.stdout)["criteria"])


def test_every_rule_kind_has_a_check():
    import typing

    from advisor.catalog.rule_kinds import Rule
    from advisor.rules.engine import RULES

    kinds = {typing.get_args(m.model_fields["kind"].annotation)[0]
             for m in typing.get_args(typing.get_args(Rule)[0])}
    assert kinds - set(RULES) == {"masscore"}  # MassCore as a whole: the engine checks it


def test_a_raised_course_minimum_leaves_a_blank_count_unknown_not_unmet(tmp_path):
    catalog = _copy(tmp_path)
    _edit(catalog / "pathways" / "icp.yaml", "{kind: course_count, min: 4}",
          "{kind: course_count, min: 5}")
    roster = tmp_path / "roster.csv"
    roster.write_text("student,technical_courses,college_level_courses\nAna,,0\n", "utf-8")
    proc = run_cli("-m", "advisor", "roster", roster, "--json",
                   env=cli_env(ADVISOR_KNOWLEDGE_DIR=str(tmp_path / "knowledge")))
    assert proc.returncode == 0, proc.stderr
    icp = next(c for c in json.loads(proc.stdout)["students"][0]["checks"]
               if c["pathway"] == "icp")
    courses = {c["id"]: c for c in icp["criteria"]}["icp.courses"]
    assert courses["status"] == "unknown", courses["detail"]
    assert courses["requirement"].startswith("At least 5 distinct courses")
