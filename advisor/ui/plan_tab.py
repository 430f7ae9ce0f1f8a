"""Check a plan: a form or an uploaded plan JSON, and a one-page PDF of the result."""

from __future__ import annotations

import html
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
UPLOADED = ("\n\n_Checked the uploaded plan {name}. The file was deleted once read: upload "
            "it again to check it against another pathway._")


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


def build_plan_tab(advisor, uploads) -> None:
    """`uploads` deletes an uploaded plan once it has been read (advisor/ui/uploads.py)."""
    names = {p: advisor.types[p].name for p in PATHWAY_IDS}
    pathway = gr.Dropdown([(names[p], p) for p in PATHWAY_IDS] + [("All pathways", ALL)],
                          value="icp", label="Pathway", elem_id="plan-pathway")
    gr.Markdown("Leave a field empty when you don't know it: it will show as *unknown*.")
    facts = advisor.catalog.plan_facts
    fields = form_inputs(facts, last=lambda: gr.File(
        label="…or upload a plan JSON (deleted once checked)", file_types=[".json"],
        type="filepath", elem_id="plan-upload"))
    plan_file = fields[-1]
    button = gr.Button("Check plan", variant="primary", elem_id="check-plan")
    result = gr.Markdown(elem_id="check-result")
    pdf = gr.File(label="Printable result (PDF)", elem_id="check-pdf")

    def read(given, up):
        """The uploaded plan, deleted once read (or not), else the form's facts."""
        with uploads.reading(up) as path:
            if path:
                return read_plan(Path(path), advisor.catalog_dir), UPLOADED.format(
                    name=html.escape(Path(path).name))
        return stated_from_form(facts, given).to_plan(), ""

    def run(p, *values):
        """Check the uploaded plan, or the form's facts; empty fields stay unknown. Values
        come unprocessed (see the event below), so the pathway is checked here."""
        *given, up = values
        if p not in names and p != ALL:
            return "**Choose a pathway** from the list.", None
        try:
            plan, uploaded = read(given, up)
        except (PlanError, ValueError) as exc:
            return f"**The plan could not be read:** {exc}", None
        if p == ALL:
            found = match(plan, advisor.catalog_dir)
            by_id = {c.pathway: c for c in found.checks}
            blocks = [CheckBlock(by_id[pid], names[pid]) for pid in found.ranked]
            return render_match(found, names) + uploaded, private_file(
                "pathway-check-all.pdf", writer=lambda path: blocks_pdf(
                    blocks, path, guidance_dates(advisor.settings.knowledge_dir)))
        out = check(p, plan, advisor.catalog_dir)
        notes = [note(n) for n in advisor.types[p].notes]
        return render_check(out, names[p], notes) + uploaded, private_file(
            f"pathway-check-{p}.pdf", writer=lambda path: blocks_pdf(
                [CheckBlock(out, names[p]), *notes], path,
                guidance_dates(advisor.settings.knowledge_dir)))

    # The API takes the pathway, the form's inputs row by row, then the uploaded plan. The
    # raw values, not gr.File's preprocessing (see advisor/ui/uploads.py); the upload is
    # gone once checked, so the page lets go of it too.
    button.click(run, [pathway, *fields], [result, pdf], api_name="check_plan",
                 preprocess=False).then(lambda: None, None, plan_file,
                                        api_visibility="private")
