"""A one-page PDF of a plan check that a counselor can hand to a family (fpdf2)."""

from __future__ import annotations

from pathlib import Path

from fpdf import FPDF

_ASCII = {"“": '"', "”": '"', "‘": "'", "’": "'", "—": "-", "–": "-", "›": ">", "…": "...",
          "§": "Sec. ", "≥": ">="}


def _latin1(text: str) -> str:
    """The PDF core fonts cover Latin-1 only; map typographic characters down."""
    for a, b in _ASCII.items():
        text = text.replace(a, b)
    return text.encode("latin-1", "replace").decode("latin-1")


def check_pdf(check, pathway_name: str, path: Path) -> Path:
    pdf = FPDF(format="letter")
    pdf.set_auto_page_break(True, margin=12)
    pdf.add_page()
    pdf.set_font("Helvetica", "B", 15)
    pdf.cell(0, 9, _latin1(f"Pathway check: {pathway_name}"), new_x="LMARGIN", new_y="NEXT")
    pdf.set_font("Helvetica", "", 11)
    verdict = {"meets": "Meets every criterion", "does-not-meet": "Does not yet meet",
               "needs-info": "Needs more information"}[check.verdict]
    pdf.cell(0, 7, _latin1(f"Result: {verdict}"), new_x="LMARGIN", new_y="NEXT")
    pdf.ln(2)
    with pdf.table(col_widths=(30, 16, 74, 70), text_align="LEFT", line_height=4.5) as table:
        pdf.set_font("Helvetica", "B", 8)
        table.row(["Criterion", "Status", "Detail", "Source"])
        pdf.set_font("Helvetica", "", 7.5)
        for c in check.criteria:
            table.row([c.id, c.status, _latin1(c.detail),
                       _latin1(f'{c.source.source}: "{c.source.quote}"')])
    pdf.ln(2)
    pdf.set_font("Helvetica", "", 7.5)
    for note in check.notes:
        pdf.multi_cell(0, 4, _latin1("Note: " + note.split(" [")[0]), new_x="LMARGIN",
                       new_y="NEXT")
    pdf.ln(1)
    pdf.set_font("Helvetica", "I", 7)
    pdf.multi_cell(0, 3.5, "Prepared with Pathways Advisor from the plan as entered. A fact "
                   "the plan does not give is 'unknown', not 'unmet'. Confirm with the school "
                   "counselor.", new_x="LMARGIN", new_y="NEXT")
    pdf.output(str(path))
    return path
