"""Real files for tests, generated at test time: PDFs (fpdf2) and DOCX (python-docx)."""

from __future__ import annotations

from pathlib import Path


def write_pdf(path: Path, pages: list[str], title: str | None = None,
              password: str | None = None) -> Path:
    from fpdf import FPDF

    pdf = FPDF()
    if title:
        pdf.set_title(title)
    pdf.set_font("Helvetica", size=12)
    for text in pages:
        pdf.add_page()
        pdf.multi_cell(0, 8, text)
    if password:
        pdf.set_encryption(owner_password=password + "-owner", user_password=password)
    pdf.output(str(path))
    return path


def write_scanned_pdf(path: Path) -> Path:
    """A PDF whose page carries only drawing, no text layer, like a scan."""
    from fpdf import FPDF

    pdf = FPDF()
    pdf.add_page()
    pdf.set_fill_color(80, 80, 80)
    for i in range(10):
        pdf.rect(10 + i * 15, 20, 10, 200, style="F")
    pdf.output(str(path))
    return path


def write_docx(path: Path, title: str, sections: dict[str, str]) -> Path:
    import docx

    doc = docx.Document()
    doc.core_properties.title = title
    for heading, text in sections.items():
        doc.add_heading(heading, level=2)
        doc.add_paragraph(text)
    doc.save(str(path))
    return path
