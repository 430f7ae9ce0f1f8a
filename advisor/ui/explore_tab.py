"""Explore pathways: the district catalog, shown at once, filtered by sector, type, cost,
Chapter 74 program and cluster."""

from __future__ import annotations

import gradio as gr

from advisor.careers.result import row_programs
from advisor.catalog import PATHWAY_IDS

COLUMNS = ["School", "Pathway", "Type", "Sector", "Program", "Grades", "College credits",
           "Cost to family ($)", "Courses", "Contact"]


def build_explore_tab(advisor) -> None:
    rows = advisor.districts.pathways
    programs = advisor.catalog.programs.programs
    offered = {id(r): row_programs(r, programs) for r in rows}
    if any(r.sample for r in rows):
        gr.Markdown("**SAMPLE DATA.** The shipped district catalog describes a fictional "
                    "district, to show how the explorer works. Add your district's CSV to "
                    "`knowledge/catalog/districts/`.", elem_id="sample-label")
    if advisor.districts.errors:
        gr.Markdown("Some catalog rows could not be used:\n" + "\n".join(
            f"- {e}" for e in advisor.districts.errors))
    sectors = [("Any sector", "")] + [(s.name, s.id) for s in advisor.sectors.values()]
    with gr.Row():
        sector = gr.Dropdown(sectors, value="", label="Sector")
        kind = gr.Dropdown([("Any type", "")] + [(advisor.types[p].name, p) for p in PATHWAY_IDS],
                           value="", label="Pathway type")
        max_cost = gr.Number(label="Most the family can pay ($)", minimum=0, value=None)
    with gr.Row():
        program = gr.Dropdown([("Any program", "")] + [(p.name, p.id) for p in programs],
                              value="", label="Chapter 74 program", elem_id="explore-program")
        cluster = gr.Dropdown([("Any cluster", "")] + [
            (c.name, c.id) for c in advisor.catalog.programs.clusters], value="",
            label="Career cluster", elem_id="explore-cluster")

    def explore(s, k, cost, prog="", clus=""):
        out = []
        for r in rows:
            if (s and r.sector != s) or (k and r.type != k):
                continue
            if cost is not None and r.cost_to_family is not None and r.cost_to_family > cost:
                continue
            mine = offered[id(r)]
            if prog and not any(p.id == prog for p in mine):
                continue
            if clus and not any(p.cluster == clus for p in mine):
                continue
            out.append([f"{r.school} ({r.district})", r.pathway_name, r.type, r.sector or "",
                        ", ".join(p.name for p in mine),
                        f"{r.grades[0]}-{r.grades[1]}" if r.grades else "",
                        r.college_credits, r.cost_to_family, "; ".join(r.course_sequence),
                        r.contact or ""])
        return out

    # the whole catalog is shown as soon as the tab opens, before any filter is touched
    table = gr.Dataframe(value=explore("", "", None), headers=COLUMNS, label="Pathways",
                         interactive=False, wrap=True, elem_id="explore-table")
    controls = [sector, kind, max_cost, program, cluster]
    for control in controls:
        control.change(explore, controls, table, api_name=False)
    gr.Button("Show pathways").click(explore, controls, table, api_name="explore")
