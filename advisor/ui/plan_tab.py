"""Check a plan: a form or an uploaded plan JSON, and a one-page PDF of the result."""

from __future__ import annotations

from pathlib import Path

import gradio as gr

from advisor.answers.blocks import CheckBlock
from advisor.answers.common import note
from advisor.catalog import PATHWAY_IDS
from advisor.documents.dated import guidance_dates
from advisor.plan import PlanError, read_plan
from advisor.render.pdf import blocks_pdf
from advisor.rules import check, match
from advisor.rules.match import missing
from advisor.ui.downloads import private_file
from advisor.ui.plan_form import form_inputs, stated_from_form

ALL = "all"  # the pathway choice that checks every pathway at once


def render_check(result, name: str, notes=()) -> str:
    lines = [f"### {name}: {result.verdict}", "", "| criterion | status | detail | source |",
             "|---|---|---|---|"]
    for c in result.criteria:
        lines.append(f"| `{c.id}` | **{c.status}** | {c.detail} | {c.source.source}: "
                     f"“{c.source.quote}” |")
    for n in notes:
        lines.append(f"\n> Note: {n.text}")
        lines += [f"> - {value}: {c.source}: “{c.quote}”" for value, c in n.conflict]
    return "\n".join(lines)


def render_match(found, names: dict[str, str]) -> str:
    """Every pathway, closest first: its verdict and what is missing."""
    by_id = {c.pathway: c for c in found.checks}
    lines = ["### All pathways, closest first", "", "| pathway | verdict | what is missing |",
             "|---|---|---|"]
    lines += [f"| {names[pid]} | **{by_id[pid].verdict}** | {missing(by_id[pid])} |"
              for pid in found.ranked]
    return "\n".join(lines)


def build_plan_tab(advisor) -> None:
    names = {p: advisor.types[p].name for p in PATHWAY_IDS}
    pathway = gr.Dropdown([(names[p], p) for p in PATHWAY_IDS] + [("All pathways", ALL)],
                          value="icp", label="Pathway", elem_id="plan-pathway")
    gr.Markdown("Leave a field empty when you don't know it: it will show as *unknown*.")
    facts = advisor.catalog.plan_facts
    fields = form_inputs(facts, last=lambda: gr.File(
        label="…or upload a plan JSON", file_types=[".json"], type="filepath"))
    button = gr.Button("Check plan", variant="primary", elem_id="check-plan")
    result = gr.Markdown(elem_id="check-result")
    pdf = gr.File(label="Printable result (PDF)", elem_id="check-pdf")

    def run(p, *values):
        """Check the uploaded plan, or the form's facts; empty fields stay unknown."""
        *given, up = values
        try:
            plan = read_plan(Path(up), advisor.catalog_dir) if up else \
                stated_from_form(facts, given).to_plan()
        except (PlanError, ValueError) as exc:
            return f"**The plan could not be read:** {exc}", None
        if p == ALL:
            found = match(plan, advisor.catalog_dir)
            by_id = {c.pathway: c for c in found.checks}
            blocks = [CheckBlock(by_id[pid], names[pid]) for pid in found.ranked]
            return render_match(found, names), private_file(
                "pathway-check-all.pdf", writer=lambda path: blocks_pdf(
                    blocks, path, guidance_dates(advisor.settings.knowledge_dir)))
        out = check(p, plan, advisor.catalog_dir)
        notes = [note(n) for n in advisor.types[p].notes]
        return render_check(out, names[p], notes), private_file(
            f"pathway-check-{p}.pdf", writer=lambda path: blocks_pdf(
                [CheckBlock(out, names[p]), *notes], path,
                guidance_dates(advisor.settings.knowledge_dir)))

    # The API takes the pathway, the form's inputs row by row, then the uploaded plan.
    button.click(run, [pathway, *fields], [result, pdf], api_name="check_plan")
