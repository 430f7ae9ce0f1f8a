"""Check a plan: a form or an uploaded plan JSON, and a one-page PDF of the result."""

from __future__ import annotations

import tempfile
from pathlib import Path

import gradio as gr

from advisor.catalog import PATHWAY_IDS
from advisor.plan import PlanError, read_plan
from advisor.report.pdf import check_pdf
from advisor.rules import check
from advisor.stated import StatedFacts


def render_check(result, name: str) -> str:
    lines = [f"### {name}: {result.verdict}", "", "| criterion | status | detail | source |",
             "|---|---|---|---|"]
    for c in result.criteria:
        lines.append(f"| `{c.id}` | **{c.status}** | {c.detail} | {c.source.source}: "
                     f"“{c.source.quote}” |")
    lines += [f"\n> Note: {n}" for n in result.notes]
    return "\n".join(lines)


def _num(value):
    return None if value is None or value == "" else float(value)


def form_facts(tech, college, internship, capstone, coop, immersive, credits, gened,
               credentials, mycap) -> StatedFacts:
    return StatedFacts(
        technical_courses=None if tech is None else int(tech),
        college_level_courses=None if college is None else int(college),
        internship_hours=_num(internship), capstone_hours=_num(capstone),
        coop_hours=_num(coop), immersive_hours=_num(immersive),
        college_credits=_num(credits), gened_transfer=None if credits is None else gened,
        credentials=[c.strip() for c in (credentials or "").split(",") if c.strip()] or None,
        mycap={"yes": True, "no": False}.get(mycap))


def build_plan_tab(advisor) -> None:
    names = {p: advisor.types[p].name for p in PATHWAY_IDS}
    pathway = gr.Dropdown([(names[p], p) for p in PATHWAY_IDS], value="icp", label="Pathway",
                          elem_id="plan-pathway")
    gr.Markdown("Leave a field empty when you don't know it: it will show as *unknown*.")
    with gr.Row():
        tech = gr.Number(label="Technical courses", precision=0, minimum=0, value=None)
        college = gr.Number(label="College-level courses (AP, IB, dual enrollment)",
                            precision=0, minimum=0, value=None)
        credits = gr.Number(label="College credits earned", minimum=0, value=None)
        gened = gr.Checkbox(label="Credits are in the GenEd transfer block", value=True)
    with gr.Row():
        internship = gr.Number(label="Internship hours", minimum=0, value=None,
                               elem_id="internship-hours")
        capstone = gr.Number(label="Capstone hours", minimum=0, value=None)
        coop = gr.Number(label="Co-op hours", minimum=0, value=None)
        immersive = gr.Number(label="Immersive (shop) hours", minimum=0, value=None)
    with gr.Row():
        credentials = gr.Textbox(label="Credentials (comma-separated)", max_lines=1)
        mycap = gr.Radio(["yes", "no", "unknown"], value="unknown", label="Has a MyCAP")
        upload = gr.File(label="…or upload a plan JSON", file_types=[".json"], type="filepath")
    button = gr.Button("Check plan", variant="primary", elem_id="check-plan")
    result = gr.Markdown(elem_id="check-result")
    pdf = gr.File(label="Printable result (PDF)", elem_id="check-pdf")

    def run(p, t, c, i, cap, co, imm, cr, g, creds, my, up):
        try:
            plan = read_plan(Path(up)) if up else form_facts(
                t, c, i, cap, co, imm, cr, g, creds, my).to_plan()
        except (PlanError, ValueError) as exc:
            return f"**The plan could not be read:** {exc}", None
        out = check(p, plan, advisor.catalog_dir)
        path = Path(tempfile.mkdtemp(prefix="advisor-check-")) / f"pathway-check-{p}.pdf"
        return render_check(out, names[p]), str(check_pdf(out, names[p], path))

    button.click(run, [pathway, tech, college, internship, capstone, coop, immersive, credits,
                       gened, credentials, mycap, upload], [result, pdf], api_name="check_plan")
