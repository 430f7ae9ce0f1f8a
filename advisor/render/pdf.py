"""Blocks to a PDF a counselor can hand to a family (fpdf2)."""

from __future__ import annotations

from pathlib import Path

from fpdf import FPDF

from advisor.answers.blocks import Bullets, CheckBlock, Lead, Note, Quotes
from advisor.documents.dated import updated_label

_ASCII = {"“": '"', "”": '"', "‘": "'", "’": "'", "—": "-", "–": "-", "›": ">", "…": "...",
          "§": "Sec. ", "≥": ">="}
_VERDICT = {"meets": "Meets every criterion", "does-not-meet": "Does not yet meet",
            "needs-info": "Needs more information"}


def _latin1(text: str) -> str:
    """The PDF core fonts cover Latin-1 only; map typographic characters down."""
    for a, b in _ASCII.items():
        text = text.replace(a, b)
    return text.encode("latin-1", "replace").decode("latin-1")


def _dated(source: str, updated) -> str:
    """A source id with its own date, so a family sees how current each rule is."""
    return f"{source}, {updated_label(updated)}"


def _check(pdf: FPDF, block: CheckBlock) -> None:
    pdf.set_font("Helvetica", "B", 15)
    pdf.cell(0, 9, _latin1(f"Pathway check: {block.name}"), new_x="LMARGIN", new_y="NEXT")
    pdf.set_font("Helvetica", "", 11)
    pdf.cell(0, 7, _latin1(f"Result: {_VERDICT[block.check.verdict]}"), new_x="LMARGIN",
             new_y="NEXT")
    pdf.ln(2)
    with pdf.table(col_widths=(30, 16, 74, 70), text_align="LEFT", line_height=4.5) as table:
        pdf.set_font("Helvetica", "B", 8)
        table.row(["Criterion", "Status", "Detail", "Source"])
        pdf.set_font("Helvetica", "", 7.5)
        for c in block.check.criteria:
            table.row([c.id, c.status, _latin1(c.detail),
                       _latin1(f'{_dated(c.source.source, c.source.updated)}: '
                               f'"{c.source.quote}"')])
    pdf.ln(2)


def _text(pdf: FPDF, text: str, size: float = 9, style: str = "") -> None:
    pdf.set_font("Helvetica", style, size)
    pdf.multi_cell(0, size * 0.5, _latin1(text), new_x="LMARGIN", new_y="NEXT")


def _footer(pdf: FPDF, source: str) -> None:
    pdf.set_font("Helvetica", "I", 7)
    pdf.multi_cell(0, 3.5, f"Prepared with Pathways Advisor from {source} is 'unknown', not "
                   "'unmet'. Confirm with the school counselor.", new_x="LMARGIN",
                   new_y="NEXT")


def blocks_pdf(blocks, path: Path, dates: dict | None = None) -> Path:
    """`dates`: source id -> `updated` date, for the quotes and notes (a check's criteria
    carry their own)."""
    dates = dates or {}
    pdf = FPDF(format="letter")
    pdf.set_auto_page_break(True, margin=12)
    pdf.add_page()
    for block in blocks:
        if isinstance(block, CheckBlock):
            _check(pdf, block)
        elif isinstance(block, Lead):
            _text(pdf, block.text, 11, "B")
        elif isinstance(block, Bullets):
            for line in block.items:
                _text(pdf, f"- {line.text}")
        elif isinstance(block, Quotes):
            for c in block.items:
                _text(pdf, f'"{c.quote}" ({_dated(c.source, dates.get(c.source))})', 8.5)
        elif isinstance(block, Note):
            where = (f' ({_dated(block.cite.source, dates.get(block.cite.source))}: '
                     f'"{block.cite.quote}")') if block.cite else ""
            _text(pdf, f"Note: {block.text}{where}", 7.5)
            for value, c in block.conflict:
                _text(pdf, f'  - {value} ({_dated(c.source, dates.get(c.source))}: '
                           f'"{c.quote}")', 7.5)
    pdf.ln(1)
    _footer(pdf, "the plan as entered. A fact the plan does not give")
    pdf.output(str(path))
    return path


def roster_pdf(students, names: dict[str, str], path: Path) -> Path:
    """One page per student: each pathway's verdict and what is missing, closest first."""
    from advisor.rules.match import closeness, missing

    pdf = FPDF(format="letter")
    pdf.set_auto_page_break(True, margin=12)
    for s in students:
        pdf.add_page()
        pdf.set_font("Helvetica", "B", 15)
        pdf.cell(0, 9, _latin1(f"Pathway check: {s.student}"), new_x="LMARGIN", new_y="NEXT")
        _text(pdf, f"Roster row {s.row}. Every pathway, closest first.", 9, "I")
        # Lines, not pdf.table: a table page took ~12 ms, too slow for a 1,000-row roster.
        for c in sorted(s.checks, key=closeness):
            pdf.ln(2)
            _text(pdf, f"{names.get(c.pathway, c.pathway)}: {_VERDICT[c.verdict]}", 11, "B")
            _text(pdf, f"What is missing: {missing(c)}", 9)
        pdf.ln(2)
        _footer(pdf, "the roster as entered. A blank cell")
    pdf.output(str(path))
    return path
