"""Check a roster: a counselor's CSV, every student against every pathway.

The upload is read once and then deleted (advisor/ui/uploads.py); the results stay in this
browser session's server memory; the CSV and the PDF exist only as the downloads asked for.
"""

from __future__ import annotations

from pathlib import Path

import gradio as gr
import pandas as pd

from advisor.catalog import PATHWAY_IDS, CatalogError
from advisor.render.pdf import roster_pdf
from advisor.roster import RosterFileError, check_roster, load_columns, read_roster
from advisor.roster.check import VERDICTS
from advisor.ui.downloads import private_file

TEMPLATE = "roster-template.csv"


def render_counts(result, names: dict[str, str]) -> str:
    counts = result.counts()
    lines = [result.tally(), "",
             "| pathway | " + " | ".join(VERDICTS) + " |", "|---" * (len(VERDICTS) + 1) + "|"]
    lines += [f"| {names[p]} | " + " | ".join(str(counts[p][v]) for v in VERDICTS) + " |"
              for p in PATHWAY_IDS]
    return "\n".join(lines)


def student_table(result, names: dict[str, str]) -> pd.DataFrame:
    rows = [[s.row, s.student] + [c.verdict for c in s.checks] for s in result.students]
    return pd.DataFrame(rows, columns=["row", "student"] + [names[p] for p in PATHWAY_IDS])


def problem_table(result) -> pd.DataFrame:
    return pd.DataFrame([[e.row, e.column, e.error] for e in result.errors],
                        columns=["row", "column", "problem"])


def build_roster_tab(advisor, access, signed_in, uploads) -> None:
    """Roster results are counselor data: with sign-in configured, only a session signed in
    (`signed_in`, the app's sign-in state) gets them. `uploads` deletes the uploaded roster,
    which holds student names, once it has been read (advisor/ui/uploads.py)."""
    names = {p: advisor.types[p].name for p in PATHWAY_IDS}
    columns = load_columns(advisor.catalog_dir)
    gr.Markdown("Upload a roster CSV, one student per row, to check every student against "
                "every pathway. A blank cell means *unknown*. The file is deleted as soon as "
                "it is read, the results are kept only in this browser session, and the CSV or PDF "
                "is made when you ask for it and removed a few minutes later." +
                (" For signed-in counselors." if access.required else ""))
    with gr.Accordion("Roster columns", open=False):
        gr.Markdown("\n".join(f"- `{c.name}`: {c.description}" for c in columns.columns))
        # No student data: served from Gradio's cache like any file a component starts with.
        gr.DownloadButton("Download the roster template", elem_id="roster-template",
                          value=str(advisor.catalog_dir / TEMPLATE))
    upload = gr.File(label="Roster CSV", file_types=[".csv"], type="filepath",
                     elem_id="roster-upload")
    summary = gr.Markdown(elem_id="roster-summary")
    students = gr.Dataframe(label="Students × pathways", interactive=False,
                            elem_id="roster-students")
    problems = gr.Dataframe(label="Problems (a row with a problem was not checked; row 0 is "
                            "the header)", interactive=False, visible=False,
                            elem_id="roster-problems")
    with gr.Row():
        csv_button = gr.Button("Results as CSV", elem_id="roster-csv-button")
        csv_file = gr.File(label="Results (CSV)", elem_id="roster-csv")
        pdf_button = gr.Button("Results as PDF, a page per student",
                               elem_id="roster-pdf-button")
        pdf_file = gr.File(label="Results (PDF)", elem_id="roster-pdf")
    checked = gr.State(None)

    def run(value, is_counselor):
        """Results stay in this session's memory; files are made only when asked for."""
        nothing = (None, gr.update(value=None, visible=False), None, None, None)
        with uploads.reading(value) as path:  # deleted when this block ends, read or not
            if not path:
                return ("", *nothing)
            if not access.allows(is_counselor):
                return (access.refusal("roster checks"), *nothing)
            try:
                result = check_roster(read_roster(path, columns, advisor.settings.roster_max_rows,
                                                  name=Path(path).name,
                                                  max_mb=advisor.settings.max_file_mb),
                                      advisor.catalog_dir)
            except (RosterFileError, CatalogError) as exc:
                return (f"**The roster could not be read:** {exc}", *nothing)
        return (render_counts(result, names), student_table(result, names),
                gr.update(value=problem_table(result), visible=bool(result.errors)),
                result, None, None)

    def make_csv(result, is_counselor):
        if not access.allows(is_counselor):
            gr.Info(access.refusal("roster results"))
            return None
        if result is None:
            gr.Info("Upload a roster first.")
            return None
        return private_file("roster-results.csv", result.summary_csv().encode("utf-8"))

    def make_pdf(result, is_counselor, progress=gr.Progress()):  # noqa: B008 (Gradio's way)
        if not access.allows(is_counselor):
            gr.Info(access.refusal("roster results"))
            return None
        if result is None or not result.students:
            gr.Info("Upload a roster with at least one student first.")
            return None
        progress(0, desc=f"Writing {len(result.students)} pages")
        return private_file("roster-results.pdf",
                            writer=lambda p: roster_pdf(result.students, names, p))

    # the raw upload, not gr.File's preprocessing (see advisor/ui/uploads.py)
    upload.upload(run, [upload, signed_in],
                  [summary, students, problems, checked, csv_file, pdf_file],
                  api_name="check_roster", preprocess=False).then(
        lambda: None, None, upload, api_visibility="private")
    csv_button.click(make_csv, [checked, signed_in], [csv_file], api_name="roster_csv")
    pdf_button.click(make_pdf, [checked, signed_in], [pdf_file], api_name="roster_pdf")
