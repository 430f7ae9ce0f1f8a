"""Bounded reading (issue 25): every count, amount and credit, said in chat, typed on the
form or written in a plan file, is checked against its fact's range in the registry
(knowledge/catalog/plan-facts.yaml); a number outside it is not a fact, and the reply says
which number it could not use. Nothing allocates in proportion to a typed number."""

from __future__ import annotations

import tracemalloc

import pytest
import yaml
from conftest import ROOT

from advisor.catalog import CatalogError
from advisor.catalog.plan_facts import FILE, load_plan_facts
from advisor.plan import PlanError, parse_plan
from advisor.rules import check
from advisor.ui.plan_form import stated_from_form
from advisor.understand import understand
from advisor.understand.facts import extract_facts

CATALOG = ROOT / "knowledge" / "catalog"
FACTS = load_plan_facts(CATALOG)
BIG = "9" * 309  # past the largest float: float() of it is inf

# (message, the fact it would state, the words the refusal quotes, the bound it names)
REFUSED = [
    ("she has 99999999999999999999 AP classes", "college_level_courses",
     "'99999999999999999999 AP classes'", "more than 60 courses"),
    ("he has 1000000 tech classes", "technical_courses", "'1000000 tech classes'",
     "more than 60 courses"),
    ("-100 internship hours", "internship_hours", "'-100 internship hours'",
     "less than 0 hours"),
    ("she did 9,999,999,999 internship hours", "internship_hours",
     "'9,999,999,999 internship hours'", "more than 10,000 hours"),
    (f"she has {BIG} capstone hours", "capstone_hours", "(309 digits) capstone hours'",
     "more than 10,000 hours"),
    ("my son has -12 college credits", "college_credits", "'-12 college credits'",
     "less than 0 credits"),
    ("she has 4 english, 99999 math and 3 science", "masscore", "'99999 math'",
     "more than 20 units"),
    ("he has −3 AP classes", "college_level_courses", "'−3 AP classes'", "less than 0 courses"),
]


@pytest.mark.parametrize("message,fact,said,bound", REFUSED, ids=[r[0][:40] for r in REFUSED])
def test_a_number_outside_its_range_is_not_a_fact_and_is_named(message, fact, said, bound):
    reading = extract_facts(message, FACTS)
    value = getattr(reading.facts, fact)
    assert value is None or (fact == "masscore" and "math" not in value)
    assert len(reading.unusable) == 1
    text = reading.unusable[0].message
    assert text.startswith("I couldn't use '") and said in text and bound in text, text


def test_numbers_inside_their_range_are_still_read():
    reading = extract_facts("she has 2 tech classes, 60 AP classes, 10,000 internship hours, "
                            "0 capstone hours and 4 english", FACTS)
    f = reading.facts
    assert (f.technical_courses, f.college_level_courses, f.internship_hours,
            f.capstone_hours, f.masscore) == (2, 60, 10000, 0, {"english": 4})
    assert reading.unusable == []
    # a dash between numbers is no minus sign
    assert extract_facts("ages 9-12 and 80 internship hours", FACTS).facts.internship_hours == 80


def test_hours_of_no_named_kind_are_bounded_too():
    history = [{"role": "user", "content": "she has 60 internship hours, does she meet icp?"}]
    q = understand("she now has -5 hours", CATALOG, history)
    assert q.facts.internship_hours == 60  # the refused number left the fact as it was
    assert [u.message for u in q.unusable] == [
        "I couldn't use '-5 hours': that's less than 0 hours."]


def test_hours_added_past_the_max_are_not_added():
    history = [{"role": "user", "content": "she has 6000 internship hours, does she meet icp?"}]
    q = understand("and another 6000 internship hours", CATALOG, history)
    assert q.facts.internship_hours == 6000
    assert "that makes more than 10,000 hours in all" in q.unusable[0].message


def test_a_refused_number_keeps_the_question_a_plan_check_with_that_fact_unknown():
    q = understand("-100 internship hours, does she meet ICP?", CATALOG)
    assert q.kind == "plan_check" and q.facts.internship_hours is None
    result = check("icp", q.facts.to_plan(), CATALOG)
    assert {c.id: c.status for c in result.criteria}["icp.wbl"] != "met"


def test_a_typed_count_allocates_nothing_in_proportion():
    """10^5 AP classes built 10^5 course objects (10^20 grew a process to 23 GB)."""
    tracemalloc.start()
    try:
        q = understand("she has 100000 AP classes and 100000 tech classes, does she meet icp?",
                       CATALOG)
        plan = q.facts.to_plan()
        _, peak = tracemalloc.get_traced_memory()
    finally:
        tracemalloc.stop()
    assert len(plan.courses or []) <= 20
    assert peak < 20 * 2 ** 20, f"{peak / 2 ** 20:.0f} MB"


def _form(**given) -> list:
    """The Check a plan form's values in API order, blank but for `given` (by fact name)."""
    return [given.get(f.name, "unknown" if f.type == "yesno" and f.form.checked is None
                      else (f.form.checked if f.form.checked is not None else ""))
            for f in FACTS.on_form()]


@pytest.mark.parametrize("field,typed,says", [
    ("internship_hours", "1e308", "more than 10,000 hours"),
    ("capstone_hours", "-100", "less than 0 hours"),
    ("technical_courses", "99999999999999999999", "more than 60 courses"),
    ("college_credits", BIG, "more than 200 credits"),
    ("immersive_hours", "inf", "more than 10,000 hours"),
    ("coop_hours", "nan", "is not a number"),
])
def test_the_form_refuses_numbers_outside_the_range_naming_the_field(field, typed, says):
    with pytest.raises(ValueError) as err:
        stated_from_form(FACTS, _form(**{field: typed}))
    assert str(err.value).startswith(FACTS.named(field).label + ":") and says in str(err.value)
    assert "inf" not in str(err.value).replace("'inf'", "")


def test_the_form_still_takes_numbers_in_range():
    stated = stated_from_form(FACTS, _form(technical_courses="2", internship_hours="10000"))
    assert (stated.technical_courses, stated.internship_hours) == (2, 10000)


@pytest.mark.parametrize("plan,field", [
    ({"work_based_learning": [{"kind": "internship", "hours": 1e308},
                              {"kind": "capstone", "hours": 1e308}]},
     "work_based_learning[0].hours"),
    ({"immersive_hours": 9_999_999_999}, "immersive_hours"),
    ({"immersive_hours": -1}, "immersive_hours"),
    ({"masscore": {"math": 1e300}}, "masscore.math"),
    ({"courses": [{"college_level": True, "college_credits": 1e308}]},
     "courses[0].college_credits"),
])
def test_a_plan_file_with_a_number_outside_the_range_is_refused_naming_the_field(plan, field):
    with pytest.raises(PlanError) as err:
        parse_plan(plan)
    assert f"plan field '{field}'" in str(err.value)


def _registry(tmp_path, change) -> None:
    folder = tmp_path / "catalog"
    folder.mkdir()
    data = yaml.safe_load((CATALOG / FILE).read_text("utf-8"))
    change(data)
    (folder / FILE).write_text(yaml.safe_dump(data, sort_keys=False), "utf-8")
    return folder


def _fact(data, name) -> dict:
    return next(f for f in data["facts"] if f["name"] == name)


@pytest.mark.parametrize("change,problem", [
    (lambda d: _fact(d, "internship_hours").pop("max"), "key 'max': a count or amount needs a max"),
    (lambda d: _fact(d, "internship_hours").update(min=20000),
     "key 'min': min must be less than max"),
    (lambda d: d["out_of_range"].update(above="too big: {size}"), "unknown placeholder"),
])
def test_the_registry_refuses_a_fact_without_a_range(tmp_path, change, problem):
    folder = _registry(tmp_path, change)
    with pytest.raises(CatalogError) as err:
        load_plan_facts(folder)
    assert FILE in str(err.value) and problem in str(err.value)
