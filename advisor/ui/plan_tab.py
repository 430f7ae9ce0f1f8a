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
from advisor.stated import StatedFacts
from advisor.ui.downloads import private_file

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


def _num(value, label: str, whole: bool = False):
    """Empty means unknown; anything else must be a non-negative number."""
    text = "" if value is None else str(value).strip()
    if not text:
        return None
    try:
        number = float(text)
    except ValueError:
        raise ValueError(f"{label}: {text!r} is not a number") from None
    if number < 0 or (whole and not number.is_integer()):
        raise ValueError(f"{label}: {text!r} must be a {'whole ' if whole else ''}number "
                         "of 0 or more")
    return int(number) if whole else number


def form_facts(tech, college, internship, capstone, coop, immersive, credits, gened,
               credentials, mycap) -> StatedFacts:
    college_credits = _num(credits, "College credits earned")
    return StatedFacts(
        technical_courses=_num(tech, "Technical courses", whole=True),
        college_level_courses=_num(college, "College-level courses", whole=True),
        internship_hours=_num(internship, "Internship hours"),
        capstone_hours=_num(capstone, "Capstone hours"), coop_hours=_num(coop, "Co-op hours"),
        immersive_hours=_num(immersive, "Immersive (shop) hours"),
        college_credits=college_credits,
        gened_transfer=None if college_credits is None else gened,
        credentials=[c.strip() for c in (credentials or "").split(",") if c.strip()] or None,
        mycap={"yes": True, "no": False}.get(mycap))


def build_plan_tab(advisor) -> None:
    names = {p: advisor.types[p].name for p in PATHWAY_IDS}
    pathway = gr.Dropdown([(names[p], p) for p in PATHWAY_IDS] + [("All pathways", ALL)],
                          value="icp", label="Pathway", elem_id="plan-pathway")
    gr.Markdown("Leave a field empty when you don't know it: it will show as *unknown*.")

    def number(label: str, elem_id: str | None = None):
        # A textbox, not gr.Number: an empty Number sends 0, which would turn
        # "not known" into a known zero.
        return gr.Textbox(label=label, placeholder="unknown", max_lines=1, elem_id=elem_id)

    with gr.Row():
        tech = number("Technical courses")
        college = number("College-level courses (AP, IB, dual enrollment)")
        credits = number("College credits earned")
        gened = gr.Checkbox(label="Credits are in the GenEd transfer block", value=True)
    with gr.Row():
        internship = number("Internship hours", "internship-hours")
        capstone = number("Capstone hours")
        coop = number("Co-op hours")
        immersive = number("Immersive (shop) hours")
    with gr.Row():
        credentials = gr.Textbox(label="Credentials (comma-separated)", max_lines=1)
        mycap = gr.Radio(["yes", "no", "unknown"], value="unknown", label="Has a MyCAP")
        upload = gr.File(label="…or upload a plan JSON", file_types=[".json"], type="filepath")
    button = gr.Button("Check plan", variant="primary", elem_id="check-plan")
    result = gr.Markdown(elem_id="check-result")
    pdf = gr.File(label="Printable result (PDF)", elem_id="check-pdf")

    def run(p, t, c, i, cap, co, imm, cr, g, creds, my, up):
        """Check the uploaded plan, or the form's facts; empty fields stay unknown."""
        try:
            plan = read_plan(Path(up)) if up else form_facts(
                t, c, i, cap, co, imm, cr, g, creds, my).to_plan()
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

    button.click(run, [pathway, tech, college, internship, capstone, coop, immersive, credits,
                       gened, credentials, mycap, upload], [result, pdf], api_name="check_plan")
