"""Explore pathways: the district catalog filtered by sector, type and cost."""

from __future__ import annotations

import gradio as gr

from advisor.catalog import PATHWAY_IDS

COLUMNS = ["School", "Pathway", "Type", "Sector", "Grades", "College credits",
           "Cost to family ($)", "Courses", "Contact"]


def build_explore_tab(advisor) -> None:
    rows = advisor.districts.pathways
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
    table = gr.Dataframe(headers=COLUMNS, label="Pathways", interactive=False, wrap=True)

    def explore(s, k, cost):
        out = []
        for r in rows:
            if (s and r.sector != s) or (k and r.type != k):
                continue
            if cost is not None and r.cost_to_family is not None and r.cost_to_family > cost:
                continue
            out.append([f"{r.school} ({r.district})", r.pathway_name, r.type, r.sector or "",
                        f"{r.grades[0]}-{r.grades[1]}" if r.grades else "",
                        r.college_credits, r.cost_to_family, "; ".join(r.course_sequence),
                        r.contact or ""])
        return out

    for control in (sector, kind, max_cost):
        control.change(explore, [sector, kind, max_cost], table, api_name=False)
    gr.Button("Show pathways").click(explore, [sector, kind, max_cost], table,
                                     api_name="explore")
