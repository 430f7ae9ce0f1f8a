"""The Check a plan form, built from the registry of plan facts: one input per fact on the
form, row by row; what is filled in becomes the facts a student states."""

from __future__ import annotations

from itertools import groupby

import gradio as gr

from advisor.catalog.plan_facts import NUMBERS, Fact, PlanFacts
from advisor.stated import stated_model
from advisor.understand.facts import shown

YES_NO = {"yes": True, "no": False}


def _num(value, fact: Fact, facts: PlanFacts):
    """Empty means unknown; anything else must be a number inside the fact's range (the
    registry's min and max), whole for a count."""
    label, whole = fact.label, fact.type == "count"
    text = "" if value is None else str(value).strip()
    if not text:
        return None
    try:
        number = float(text)
    except ValueError:
        number = float("nan")
    if number != number:
        raise ValueError(f"{label}: {shown(text)!r} is not a number")
    if (where := fact.out_of_range(number)) is not None:
        raise ValueError(f"{label}: {facts.out_of_range.say(fact, shown(text), where)}")
    if whole and not number.is_integer():
        raise ValueError(f"{label}: {shown(text)!r} must be a whole number")
    return int(number) if whole else number


def _input(fact: Fact):
    elem_id = fact.name.replace("_", "-")
    if fact.type in NUMBERS:
        # A textbox, not gr.Number: an empty Number sends 0, which would turn "not known"
        # into a known zero.
        return gr.Textbox(label=fact.label, placeholder="unknown", max_lines=1, elem_id=elem_id)
    if fact.type == "yesno" and fact.form.checked is not None:
        return gr.Checkbox(label=fact.label, value=fact.form.checked, elem_id=elem_id)
    if fact.type == "yesno":
        return gr.Radio(["yes", "no", "unknown"], value="unknown", label=fact.label,
                        elem_id=elem_id)
    label = f"{fact.label} (comma-separated)" if fact.type == "list" else fact.label
    return gr.Textbox(label=label, max_lines=1, elem_id=elem_id)


def form_inputs(facts: PlanFacts, last=None) -> list:
    """The form's inputs in the order the check_plan API takes them; `last` makes the
    component for the end of the last row (the plan upload)."""
    inputs = []
    rows = [list(row) for _, row in groupby(facts.on_form(), key=lambda f: f.form.row)]
    for n, row in enumerate(rows, 1):
        with gr.Row():
            inputs += [_input(f) for f in row]
            if last is not None and n == len(rows):
                inputs.append(last())
    return inputs


def _value(fact: Fact, raw, facts: PlanFacts):
    if fact.type in NUMBERS:
        return _num(raw, fact, facts)
    if fact.type == "yesno":
        return raw if fact.form.checked is not None else YES_NO.get(raw)
    if fact.type == "list":
        return [c.strip() for c in (raw or "").split(",") if c.strip()] or None
    return (raw or "").strip() or None


def stated_from_form(facts: PlanFacts, values: list):
    """The facts the form states; `values` in the order of `form_inputs`. A yes/no said of
    another fact stays unknown while that one is."""
    on_form = facts.on_form()
    given = {f.name: _value(f, raw, facts) for f, raw in zip(on_form, values, strict=True)}
    given = {name: None if facts.named(name).of and given.get(facts.named(name).of) is None
             else value for name, value in given.items()}
    data: dict = {"masscore": {}}
    for f in on_form:
        if given[f.name] is not None:
            if f.place.section == "masscore":
                data["masscore"][f.place.key] = given[f.name]
            else:
                data[f.name] = given[f.name]
    return stated_model(facts)(**{k: v for k, v in data.items() if v != {}})
