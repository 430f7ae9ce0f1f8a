"""The registry of plan facts (knowledge/catalog/plan-facts.yaml): a fact added there, and
nowhere else, is a plan key, a roster column, a form input and a fact read from chat."""

from __future__ import annotations

import json
import shutil

import gradio as gr
import pytest
import yaml
from conftest import ROOT, app_env, make_settings

from advisor.catalog import CatalogError
from advisor.catalog.bundle import load_catalog
from advisor.catalog.language import load_aspects
from advisor.catalog.plan_facts import FILE, load_plan_facts
from advisor.plan import PlanError, parse_plan, plan_models, read_plan
from advisor.roster import check_roster, load_columns, read_roster
from advisor.roster.plan import row_plan
from advisor.ui.plan_form import form_inputs, stated_from_form
from advisor.understand import understand
from advisor.understand.facts import extract_facts

CATALOG = ROOT / "knowledge" / "catalog"
CONTRACT = ["student", "technical_courses", "college_level_courses", "college_credits",
            "gened_transfer_credits", "internship_hours", "capstone_hours", "coop_hours",
            "immersive_hours", "credentials", "mycap", "masscore_english", "masscore_math",
            "masscore_lab_science", "masscore_history", "masscore_world_language",
            "masscore_arts", "masscore_additional_core", "masscore_pe"]

# One fact of each reader's kind, each with a plan JSON value, a roster cell, a form value,
# a sentence that states it and what the plan then holds.
ADDED = {
    "masscore units": dict(
        fact={"name": "masscore_computer_science", "type": "amount", "unit": "units",
              "label": "Computer science units", "words": ["computer science", "coding"],
              "place": "masscore.computer_science", "description": "MassCore computer "
              "science units.", "max": 20},
        plan={"masscore": {"computer_science": 2}}, typo={"masscore": {"computer_sciense": 2}},
        cell="2", form="2", said="she has 4 english and 2 computer science",
        got=lambda plan: plan.masscore.computer_science, value=2),
    "yes/no": dict(
        fact={"name": "work_permit", "type": "yesno", "label": "Has a work permit",
              "words": ["work permit", "work permits"], "place": "work_permit",
              "description": "Whether the student has a work permit, yes or no."},
        plan={"work_permit": True}, typo={"work_permitt": True}, cell="yes", form="yes",
        said="I already have my work permit and 60 internship hours",
        got=lambda plan: plan.work_permit, value=True),
    "work-based learning hours": dict(
        fact={"name": "apprenticeship_hours", "type": "amount", "unit": "hours",
              "label": "Apprenticeship hours", "words": ["apprenticeship", "apprenticeships"],
              "place": "work_based_learning[apprenticeship].hours",
              "description": "Registered apprenticeship hours (0 if none).", "max": 10000},
        plan={"work_based_learning": [{"kind": "apprenticeship", "hours": 120}]},
        typo={"work_based_learning": [{"kind": "apprentiseship", "hours": 120}]},
        cell="120", form="120", said="my son did 120 hours of apprenticeship",
        got=lambda plan: next(w.hours for w in plan.work_based_learning
                              if w.kind == "apprenticeship"), value=120),
}


def _with_fact(tmp_path, fact: dict):
    """A copy of the shipped knowledge whose registry alone holds one more fact."""
    shutil.copytree(ROOT / "knowledge", tmp_path / "knowledge",
                    ignore=shutil.ignore_patterns("guidance"))
    catalog = tmp_path / "knowledge" / "catalog"
    data = yaml.safe_load((catalog / FILE).read_text("utf-8"))
    data["facts"].append(fact)
    (catalog / FILE).write_text(yaml.safe_dump(data, sort_keys=False), "utf-8")
    return catalog


def test_the_template_header_is_the_registry_roster_columns():
    header = (CATALOG / "roster-template.csv").read_text("utf-8").strip().split(",")
    facts = load_plan_facts(CATALOG)
    assert header == ["student"] + [f.name for f in facts.on_roster()]
    assert header == load_columns(CATALOG).names() and header[:len(CONTRACT)] == CONTRACT
    assert not (CATALOG / "roster.yaml").exists()


def test_rules_read_plan_facts_by_name():
    plan = parse_plan({"immersive_hours": 900, "mycap": True, "masscore": {"english": 4}})
    assert plan.immersive_hours == 900 and plan.mycap and plan.masscore.english == 4


@pytest.mark.parametrize("case", ADDED.values(), ids=ADDED.keys())
def test_a_fact_added_to_the_registry_alone_reaches_every_reader(tmp_path, case):
    name = case["fact"]["name"]
    # the shipped catalog does not know it
    with pytest.raises(PlanError):
        parse_plan(case["plan"])
    catalog = _with_fact(tmp_path, case["fact"])

    # a plan JSON key, checked as strictly as any other
    assert case["got"](parse_plan(case["plan"], catalog)) == case["value"]
    path = tmp_path / "plan.json"
    path.write_text(json.dumps(case["plan"]))
    assert case["got"](read_plan(path, catalog)) == case["value"]
    typo = next(iter(case["typo"]))
    with pytest.raises(PlanError, match=rf"plan field '{typo}"):
        parse_plan(case["typo"], catalog)

    # a roster column, after the contract's, whose cell lands in the plan
    columns = load_columns(catalog)
    assert columns.names()[:len(CONTRACT)] == CONTRACT and columns.names()[-1] == name
    roster_csv = tmp_path / "roster.csv"
    roster_csv.write_text(f"student,internship_hours,{name}\nAna,60,{case['cell']}\n")
    roster = read_roster(roster_csv, columns, 10)
    assert roster.errors == [] and roster.rows[0].values[name] == case["value"]
    assert case["got"](row_plan(roster.rows[0].values, plan_models(catalog))) == case["value"]
    assert len(check_roster(roster, catalog).students) == 1

    # read from a sentence that uses its words, and placed in the plan
    facts = load_plan_facts(catalog)
    reading = extract_facts(case["said"], facts)
    assert case["got"](reading.facts.to_plan()) == case["value"]
    asked = understand(case["said"], catalog)
    assert case["got"](asked.facts.to_plan()) == case["value"]

    # an input of the plan form, after the existing ones, whose value lands in the plan
    with gr.Blocks():
        inputs = form_inputs(facts)
    assert inputs[-1].label == case["fact"]["label"]
    assert len(inputs) == len(form_inputs_of_shipped()) + 1
    values = [None if isinstance(i, gr.Textbox) else i.value for i in inputs]
    values[-1] = case["form"]
    assert case["got"](stated_from_form(facts, values).to_plan()) == case["value"]


def form_inputs_of_shipped() -> list:
    with gr.Blocks():
        return form_inputs(load_plan_facts(CATALOG))


def test_the_shipped_form_keeps_its_api_order():
    """check_plan's callers pass the inputs by position: the order must not move."""
    labels = [i.label for i in form_inputs_of_shipped()]
    assert labels == ["Technical courses", "College-level courses (AP, IB, dual enrollment)",
                      "Internship hours", "Capstone hours", "Co-op hours",
                      "Immersive (shop) hours", "College credits earned",
                      "Credits are in the GenEd transfer block", "Credentials (comma-separated)",
                      "Has a MyCAP"]


def test_the_form_states_facts_as_the_chat_does():
    facts = load_plan_facts(CATALOG)
    stated = stated_from_form(facts, ["2", "1", "60", "", "", "", "", True, "OSHA 10", "yes"])
    assert stated.model_dump(exclude_none=True) == {
        "technical_courses": 2, "college_level_courses": 1, "internship_hours": 60,
        "credentials": ["OSHA 10"], "mycap": True}  # GenEd ticked, but no credits: unknown
    with pytest.raises(ValueError, match="Technical courses: 'two' is not a number"):
        stated_from_form(facts, ["two", "", "", "", "", "", "", True, "", "unknown"])


MALFORMED = [  # (fact, key: value, what the message says after the file's name)
    ("courses", {"colour": "blue"}, r"fact courses: key 'colour': unknown key"),
    ("technical_courses", {"max": "sixty"}, r"fact technical_courses: key 'max':"),
    ("technical_courses", {"type": "number"}, r"fact technical_courses: key 'type':"),
    ("mycap", {"roster": "yes"}, r"fact mycap: key 'roster':"),
    ("mycap", {"place": "masscore.english.units"},
     r"fact mycap: key 'place': 'masscore.english.units' is not a place in the plan"),
    ("mycap", {"place": "masscore"}, r"fact mycap: key 'place': 'masscore' is not a place"),
    ("technical_courses", {"place": "courses[tecnical]"},
     r"fact technical_courses: key 'place': 'courses\[tecnical\]' is not a course place"),
    ("masscore_english", {"place": "masscore.math"},
     r"fact masscore_english: key 'place': masscore.math is the place of another fact too"),
    ("college_level_courses", {"name": "technical_courses"},
     r"fact technical_courses: key 'name': used twice"),
    ("mycap", {"max": 3}, r"fact mycap: key 'max': max is only for a count or amount"),
    ("gened_transfer", {"of": "credit"}, r"fact gened_transfer: key 'of': no other fact"),
    ("gened_transfer_credits", {"stated": True}, r"fact gened_transfer_credits: key 'place': "
     r"courses\[gened_transfer\].college_credits is placed only for roster facts"),
]


@pytest.mark.parametrize("name, change, named", MALFORMED,
                         ids=[f"{n}-{next(iter(c))}" for n, c, _ in MALFORMED])
def test_a_malformed_registry_is_refused_naming_file_fact_and_key(tmp_path, name, change,
                                                                  named):
    shutil.copytree(CATALOG, tmp_path / "catalog")
    path = tmp_path / "catalog" / FILE
    data = yaml.safe_load(path.read_text("utf-8"))
    next(f for f in data["facts"] if f["name"] == name).update(change)
    path.write_text(yaml.safe_dump(data, sort_keys=False), "utf-8")
    with pytest.raises(CatalogError, match=rf"plan-facts.yaml: {named}"):
        load_plan_facts(tmp_path / "catalog")
    with pytest.raises(CatalogError, match=rf"plan-facts.yaml: {named}"):
        load_catalog(tmp_path / "catalog")


def test_an_aspect_naming_a_missing_fact_is_refused(tmp_path):
    shutil.copytree(CATALOG, tmp_path / "catalog")
    path = tmp_path / "catalog" / "aspects.yaml"
    path.write_text(path.read_text("utf-8").replace("plan_fact: masscore_math",
                                                    "plan_fact: masscore_maths"), "utf-8")
    with pytest.raises(CatalogError, match=r"aspects.yaml: masscore_math: key 'plan_fact'"):
        load_aspects(tmp_path / "catalog")


def test_the_launched_app_offers_an_added_fact_on_its_form(tmp_path, embeddings):
    from gradio_client import Client, handle_file
    from servers import app_server

    from advisor.ingest import Ingester

    case = ADDED["masscore units"]
    _with_fact(tmp_path, case["fact"])
    (tmp_path / "knowledge" / "guidance").mkdir()
    settings = make_settings(tmp_path)
    Ingester(settings, embeddings=embeddings).run()  # the district rows: the app needs an index
    with app_server(tmp_path, app_env(settings)) as (url, _):
        client = Client(url, verbose=False)
        params = client.view_api(return_format="dict", print_info=False)[
            "named_endpoints"]["/check_plan"]["parameters"]
        assert [p["label"] for p in params][-2] == "Computer science units"  # then the upload
        form = ["4", "", "", "", "", "", "", True, "", "unknown", "2", None]
        result, _ = client.predict("masscore", *form, api_name="/check_plan")
        assert "### MassCore" in result and "could not be read" not in result
        form[-2] = "two"  # the input is the new fact's: its value is read as that fact
        result, _ = client.predict("masscore", *form, api_name="/check_plan")
        assert "Computer science units: 'two' is not a number" in result
        # an uploaded plan JSON may hold it, as the app's catalog says
        plan = tmp_path / "plan.json"
        plan.write_text(json.dumps({"masscore": {"english": 4, "computer_science": 2}}))
        result, _ = client.predict("masscore", *form[:-1], handle_file(str(plan)),
                                   api_name="/check_plan")
        assert "### MassCore" in result and "could not be read" not in result
