"""A counselor's roster: every student against every pathway, from the CLI and the app."""

from __future__ import annotations

import csv
import io
import json
import os
import shutil
import stat
from pathlib import Path

import pytest
from conftest import GUIDANCE, ROOT, make_settings, run_cli
from gradio_client import Client, handle_file
from pypdf import PdfReader
from servers import app_server
from test_privacy import files_containing

from advisor.catalog import PATHWAY_IDS
from advisor.roster import check_roster, load_columns, read_roster
from advisor.roster.plan import row_plan
from advisor.roster.read import parse_roster
from advisor.rules import check

CATALOG = ROOT / "knowledge" / "catalog"
COLUMNS = load_columns(CATALOG)
TEMPLATE = CATALOG / "roster-template.csv"
MASSCORE_DONE = {"masscore_english": 4, "masscore_math": 4, "masscore_lab_science": 3,
                 "masscore_history": 3, "masscore_world_language": 2, "masscore_arts": 1,
                 "masscore_additional_core": 5, "masscore_pe": True}


def roster_text(*rows: dict, header: list[str] | None = None) -> str:
    header = header or COLUMNS.names()
    buf = io.StringIO()
    writer = csv.DictWriter(buf, header, restval="")
    writer.writeheader()
    writer.writerows(rows)
    return buf.getvalue()


def verdicts(values: dict) -> dict[str, str]:
    plan = row_plan(values)
    return {p: check(p, plan, CATALOG).verdict for p in PATHWAY_IDS}


def statuses(pathway: str, values: dict) -> dict[str, str]:
    return {c.id: c.status for c in check(pathway, row_plan(values), CATALOG).criteria}


def test_template_has_the_contract_columns_first():
    contract = ["student", "technical_courses", "college_level_courses", "college_credits",
                "gened_transfer_credits", "internship_hours", "capstone_hours", "coop_hours",
                "immersive_hours", "credentials", "mycap", "masscore_english", "masscore_math",
                "masscore_lab_science", "masscore_history", "masscore_world_language",
                "masscore_arts", "masscore_additional_core", "masscore_pe"]
    header = TEMPLATE.read_text().strip().split(",")
    assert header[:len(contract)] == contract and header == COLUMNS.names()


def test_a_blank_hours_cell_stays_unknown_and_a_zero_does_not():
    # Chapter 74 asks for a co-op or an internship: a blank co-op cell could still be one
    assert statuses("cte", {"internship_hours": 0, "capstone_hours": 0})["cte.wbl"] == "unknown"
    assert statuses("cte", {"internship_hours": 0, "capstone_hours": 0,
                            "coop_hours": 0})["cte.wbl"] == "unmet"
    assert statuses("cte", {"coop_hours": 400})["cte.wbl"] == "met"
    # ICP counts internship and capstone hours: a blank capstone cell can't be ruled out...
    assert statuses("icp", {"internship_hours": 60})["icp.wbl"] == "unknown"
    # ...but a blank co-op cell doesn't matter to it
    assert statuses("icp", {"internship_hours": 60, "capstone_hours": 0})["icp.wbl"] == "unmet"
    assert statuses("icp", {"internship_hours": 60, "capstone_hours": 40})["icp.wbl"] == "met"


def test_course_counts_and_credits_become_the_plan_they_describe():
    full = {"technical_courses": 2, "college_level_courses": 2, "internship_hours": 120,
            "capstone_hours": 0, "mycap": True, **MASSCORE_DONE}
    assert verdicts(full)["icp"] == "meets"
    assert statuses("icp", {**full, "college_level_courses": 1})["icp.college_level"] == "unmet"
    # an unknown count of college-level courses leaves that criterion open
    assert statuses("icp", {**full, "college_level_courses": None})[
        "icp.college_level"] == "unknown"
    # only GenEd transfer credits count for Early College; the rest are reported
    ec = {"college_level_courses": 3, "college_credits": 15, "gened_transfer_credits": 9,
          **MASSCORE_DONE}
    credit = check("early-college", row_plan(ec), CATALOG).criteria[0]
    assert credit.status == "unmet" and credit.shortfall.amount == 3
    assert "6 credits outside the GenEd transfer block" in credit.detail
    assert verdicts({**ec, "gened_transfer_credits": 12})["early-college"] == "meets"
    # credits of unknown kind: 9 in all can't reach 12, 15 in all might
    assert statuses("early-college", {"college_credits": 9})["ec.credits"] == "unmet"
    assert statuses("early-college", {"college_credits": 15})["ec.credits"] == "unknown"
    # courses but no credits at all: the credits are unknown, not zero
    assert statuses("early-college", {"technical_courses": 2})["ec.credits"] == "unknown"


def test_world_language_units_are_of_one_language_and_career_field_courses_count():
    assert verdicts(MASSCORE_DONE)["masscore"] == "meets"
    assert verdicts({**MASSCORE_DONE, "masscore_pe": False})["masscore"] == "does-not-meet"
    cc = {"technical_courses": 2, "college_level_courses": 0, "internship_hours": 30,
          **MASSCORE_DONE}
    assert statuses("career-connections", cc)["cc.courses"] == "unknown"
    assert verdicts({**cc, "career_field_courses": 2})["career-connections"] == "meets"
    one = check("career-connections", row_plan({**cc, "career_field_courses": 1}), CATALOG)
    assert one.criteria[0].status == "unmet" and one.criteria[0].shortfall.amount == 1
    # a 0 is known even when another course count is blank: unknown courses are outside
    # the field too, because the column counts them all
    none_in_field = {"technical_courses": 2, "career_field_courses": 0}
    cc_courses = check("career-connections", row_plan(none_in_field), CATALOG).criteria[0]
    assert cc_courses.status == "unmet" and cc_courses.shortfall.amount == 2


def test_bad_cells_are_reported_by_row_and_column_and_the_rest_are_checked():
    text = roster_text(
        {"student": "Ana", "technical_courses": "2", "internship_hours": "1,200"},
        {"student": "Ben", "technical_courses": "two", "mycap": "maybe",
         "internship_hours": "-5", "college_level_courses": "1.5"},
        {},
        {"student": "Cy", "college_credits": "3", "gened_transfer_credits": "6"},
        {"student": "Dee", "college_level_courses": "0", "college_credits": "4"},
        {"student": "Eve", "credentials": "OSHA 10; ServSafe", "mycap": "Yes"})
    roster = parse_roster(text, "r.csv", COLUMNS, 100)
    assert [(r.row, r.student) for r in roster.rows] == [(1, "Ana"), (6, "Eve")]
    assert roster.rows[0].values["internship_hours"] == 1200
    assert roster.rows[1].values["credentials"] == ["OSHA 10", "ServSafe"]
    errors = {(e.row, e.column): e.error for e in roster.errors}
    assert errors[(2, "technical_courses")] == "'two' is not a number"
    assert errors[(2, "mycap")] == "'maybe' is not yes or no"
    assert errors[(2, "internship_hours")] == "'-5' is below 0"
    assert errors[(2, "college_level_courses")] == "'1.5' is not a whole number"
    assert "more than the 3 college credits" in errors[(4, "gened_transfer_credits")]
    assert "college_level_courses is 0" in errors[(5, "college_credits")]
    assert {row for row, _ in errors} == {2, 4, 5}  # the blank row 3 is skipped quietly


def test_implausible_numbers_and_swallowed_rows_are_bad_cells():
    text = roster_text(
        {"student": "Ana", "technical_courses": "1e9"},
        {"student": "Ben", "internship_hours": "20000", "masscore_math": "40"},
        {"student": "Cy", "credentials": "none"},
        {"student": "Dee", "credentials": "x" * 200_000},
        {"student": "Eve", "college_level_courses": "0", "gened_transfer_credits": "3"},
        {"student": "Fay", "technical_courses": "1", "college_level_courses": "0",
         "career_field_courses": "2"})
    # an unclosed quote swallows the next row into one cell
    text += 'Gus,1,1,,,,,,,"OSHA 10\nHal,2,2\n'
    roster = parse_roster(text, "r.csv", COLUMNS, 100)
    errors = {(e.row, e.column): e.error for e in roster.errors}
    assert "more than 60" in errors[(1, "technical_courses")]
    assert "more than 10000" in errors[(2, "internship_hours")]
    assert "more than 20" in errors[(2, "masscore_math")]
    assert "longer than" in errors[(4, "credentials")]
    assert "college_level_courses is 0" in errors[(5, "gened_transfer_credits")]
    assert "more than the 1 technical and college-level" in errors[(6, "career_field_courses")]
    assert "line break" in errors[(7, "credentials")]
    assert [r.student for r in roster.rows] == ["Cy"]
    assert roster.rows[0].values["credentials"] == []  # "none" is a known zero
    assert statuses("cte", roster.rows[0].values)["cte.credential"] == "unmet"


def test_spreadsheet_encodings_are_read(tmp_path):
    header = "student,mycap\n"
    path = tmp_path / "enc.csv"
    for data in ((header + "José,yes\n").encode("utf-8-sig"),
                 (header + "José,yes\r\n").encode("cp1252"),
                 (header + "José,yes\n").encode("utf-16")):
        path.write_bytes(data)
        roster = read_roster(path, COLUMNS, 10, name="enc.csv")
        assert [r.student for r in roster.rows] == ["José"], data[:12]


def test_header_problems_are_named_and_do_not_stop_the_rows():
    text = "Student,Internship Hours,internship_hour,mycap,mycap\nAna,120,5,yes,no\n"
    roster = parse_roster(text, "r.csv", COLUMNS, 100)
    errors = {(e.row, e.column): e.error for e in roster.errors}
    assert "did you mean 'internship_hours'" in errors[(0, "internship_hour")]
    assert "appears twice" in errors[(0, "mycap")]
    assert roster.rows[0].values["internship_hours"] == 120
    assert roster.rows[0].values["mycap"] is True  # the first mycap column
    shifted = parse_roster("student,mycap\nSmith, Ana,yes\n", "r.csv", COLUMNS, 100)
    assert not shifted.rows and "needs quotes" in shifted.errors[0].error


def test_rows_past_the_limit_are_reported_not_read():
    text = roster_text(*({"student": f"S{i}", "mycap": "yes"} for i in range(5)))
    roster = parse_roster(text, "r.csv", COLUMNS, 3)
    assert len(roster.rows) == 3
    assert roster.errors[-1].row == 4 and "more than 3 rows" in roster.errors[-1].error


def test_roster_command_json_text_and_out_csv(tmp_path):
    path = tmp_path / "roster.csv"
    path.write_text(roster_text(
        {"student": "Ana", "technical_courses": 2, "college_level_courses": 2,
         "internship_hours": 120, "capstone_hours": 0, "mycap": "yes",
         **{k: ("yes" if v is True else v) for k, v in MASSCORE_DONE.items()}},
        {"student": "Ben", "coop_hours": "lots"},
        {"student": "Cy", "immersive_hours": 950, "credentials": "OSHA 10", "coop_hours": 400}))
    out = tmp_path / "results.csv"
    done = run_cli("-m", "advisor", "roster", path, "--json", "--out", out)
    assert done.returncode == 1, done.stderr  # a problem was reported; the rest checked
    data = json.loads(done.stdout)
    assert [(s["row"], s["student"]) for s in data["students"]] == [(1, "Ana"), (3, "Cy")]
    assert [c["pathway"] for c in data["students"][0]["checks"]] == list(PATHWAY_IDS)
    ana = {c["pathway"]: c["verdict"] for c in data["students"][0]["checks"]}
    assert ana["icp"] == "meets" and ana["masscore"] == "meets"
    cy = {c["pathway"]: c for c in data["students"][1]["checks"]}
    assert cy["cte"]["verdict"] == "needs-info"  # MassCore not given
    assert {c["id"]: c["status"] for c in cy["cte"]["criteria"]}["cte.hours"] == "met"
    assert data["errors"] == [{"row": 2, "column": "coop_hours",
                               "error": "'lots' is not a number"}]
    lines = list(csv.DictReader(out.open()))
    assert [line["row"] for line in lines] == ["1", "2", "3"]
    assert lines[0]["icp"] == "meets" and lines[1]["errors"] == "coop_hours: 'lots' is not a number"
    assert "unknown: cte.masscore" in lines[2]["cte missing"]
    text = run_cli("-m", "advisor", "roster", path)
    assert text.returncode == 1
    assert "2 students checked; 1 problem reported." in text.stdout
    assert "row 2, column coop_hours: 'lots' is not a number" in text.stdout


@pytest.mark.parametrize("content, message", [
    (b"", "is empty"),
    (b"\n\n", "is empty"),
    (b"\x89PNG\r\n\x1a\n\x00\x00\x00", "binary"),
    (b"name,age\nAna,15\n", "names none of the roster columns"),
])
def test_unreadable_rosters_exit_2_naming_the_file(tmp_path, content, message):
    path = tmp_path / "bad.csv"
    path.write_bytes(content)
    done = run_cli("-m", "advisor", "roster", path, "--json")
    assert done.returncode == 2
    error = json.loads(done.stdout)["error"]
    assert message in error and "bad.csv" in error
    missing = run_cli("-m", "advisor", "roster", tmp_path / "nope.csv")
    assert missing.returncode == 2 and "nope.csv" in missing.stderr


def test_header_only_roster_says_there_are_no_students(tmp_path):
    path = tmp_path / "template.csv"
    shutil.copy(TEMPLATE, path)
    done = run_cli("-m", "advisor", "roster", path, "--json")
    assert done.returncode == 1
    assert json.loads(done.stdout) == {"students": [], "errors": [
        {"row": 0, "column": "", "error": "the roster has a header but no student rows"}]}


def test_a_roster_gives_the_verdicts_of_checking_each_student_alone():
    rows = [{"student": f"S{i}", "technical_courses": i % 4, "college_level_courses": i % 3,
             "internship_hours": (i * 37) % 200, "capstone_hours": 0, "mycap": "yes",
             **MASSCORE_DONE} for i in range(300)]
    result = check_roster(parse_roster(roster_text(*rows), "r.csv", COLUMNS, 1000), CATALOG)
    assert len(result.students) == 300 and not result.errors
    counts = result.counts()["icp"]
    # the same verdicts as checking each student alone
    alone = [check("icp", row_plan(s.values), CATALOG).verdict
             for s in parse_roster(roster_text(*rows), "r.csv", COLUMNS, 1000).rows]
    assert counts["meets"] == alone.count("meets") > 0
    assert counts["does-not-meet"] == alone.count("does-not-meet") > 0


@pytest.fixture(scope="module")
def roster_app(tmp_path_factory):
    """The real app; roster checks need no index, so none is built."""
    tmp = tmp_path_factory.mktemp("roster-app")
    shutil.copytree(GUIDANCE, tmp / "knowledge" / "guidance")
    shutil.copytree(CATALOG, tmp / "knowledge" / "catalog")
    settings = make_settings(tmp)
    env = {"ADVISOR_DB": str(settings.db), "ADVISOR_KNOWLEDGE_DIR": str(settings.knowledge_dir),
           "GRADIO_TEMP_DIR": str(tmp / "gradio")}
    with app_server(tmp, env) as (url, _):
        yield url, tmp / "gradio"


def test_app_checks_an_uploaded_roster_and_forgets_it(roster_app, tmp_path):
    upload = tmp_path / "caseload.csv"
    upload.write_text(roster_text(
        {"student": "Ana Quill-Oduya", "technical_courses": 2, "college_level_courses": 2,
         "internship_hours": 120, "capstone_hours": 0, "mycap": "yes"},
        {"student": "Ben", "mycap": "perhaps"},
        {"student": "Cy", "internship_hours": 10, "capstone_hours": 0, "coop_hours": 0}))
    url, cache = roster_app
    client = Client(url, verbose=False, download_files=str(tmp_path / "down"))
    summary, table, problems, csv_out, pdf_out = client.predict(handle_file(str(upload)),
                                                                api_name="/check_roster")
    assert "2 students checked; 1 problem reported." in summary
    assert "| Innovation Career Pathways | 0 | 1 | 1 |" in summary
    assert [r[1] for r in table["data"]] == ["Ana Quill-Oduya", "Cy"]
    assert problems["value"]["data"] == [[2, "mycap", "'perhaps' is not yes or no"]]
    # the upload held student names: once read, no file on the server holds them, and no
    # result file is made until one is asked for
    assert csv_out is None and pdf_out is None
    assert not files_containing(cache, "Quill-Oduya")
    lines = list(csv.DictReader(Path(client.predict(api_name="/roster_csv")).open()))
    assert [line["student"] for line in lines] == ["Ana Quill-Oduya", "", "Cy"]
    pdf = PdfReader(client.predict(api_name="/roster_pdf"))
    pages = [page.extract_text() for page in pdf.pages]
    assert len(pages) == 2 and "Pathway check: Ana Quill-Oduya" in pages[0] and "Cy" in pages[1]
    assert "Innovation Career Pathways: Needs more information" in pages[0]
    assert "What is missing: unknown: icp.masscore" in pages[0]
    # results belong to the session that uploaded them
    assert Client(url, verbose=False).predict(api_name="/roster_pdf") is None
    # an unreadable upload is named by its own name, and the next good one still works
    bad = tmp_path / "photo.csv"
    bad.write_bytes(b"\x89PNG\r\n\x1a\n\x00\x00")
    message, *_ = client.predict(handle_file(str(bad)), api_name="/check_roster")
    assert "photo.csv is a binary file" in message and str(cache) not in message
    again, *_ = client.predict(handle_file(str(upload)), api_name="/check_roster")
    assert "2 students checked" in again
    lines = list(csv.DictReader(Path(client.predict(api_name="/roster_csv")).open()))
    assert [line["student"] for line in lines] == ["Ana Quill-Oduya", "", "Cy"]


def _a_roster(tmp_path) -> Path:
    path = tmp_path / "roster.csv"
    path.write_text(roster_text({"student": "Ana Quill-Oduya", "internship_hours": 120}))
    return path


@pytest.mark.parametrize("route", ["same", "dotdot", "symlink", "hardlink"])
def test_out_never_overwrites_the_roster_it_reads(tmp_path, route):
    path = _a_roster(tmp_path)
    before = path.read_bytes()
    out = {"same": path, "dotdot": tmp_path / ".." / tmp_path.name / path.name,
           "symlink": tmp_path / "link.csv", "hardlink": tmp_path / "hard.csv"}[route]
    if route == "symlink":
        out.symlink_to(path)
    elif route == "hardlink":
        out.hardlink_to(path)
    done = run_cli("-m", "advisor", "roster", path, "--out", out, "--json")
    assert done.returncode == 2
    assert f"--out {out} is the roster being read" in json.loads(done.stdout)["error"]
    assert done.stderr.count("\n") == 1 and "Traceback" not in done.stderr
    assert path.read_bytes() == before


def test_out_files_are_owner_only_from_creation(tmp_path):
    path = _a_roster(tmp_path)
    new, old = tmp_path / "new.csv", tmp_path / "old.csv"
    old.write_text("an earlier export")
    old.chmod(0o644)
    umask = os.umask(0o022)  # the usual umask, which used to leave exports 0644
    try:
        for out in (new, old):
            done = run_cli("-m", "advisor", "roster", path, "--out", out)
            assert done.returncode == 0, done.stderr
            assert stat.S_IMODE(out.stat().st_mode) == 0o600
            assert "Ana Quill-Oduya" in out.read_text()
    finally:
        os.umask(umask)
    assert sorted(p.name for p in tmp_path.iterdir()) == ["new.csv", "old.csv", "roster.csv"]


def test_a_download_written_by_a_writer_is_owner_only_before_it_holds_anything(
        tmp_path, monkeypatch):
    from advisor.ui.downloads import private_file

    monkeypatch.setenv("GRADIO_TEMP_DIR", str(tmp_path / "cache"))
    modes = []

    def writer(path: Path) -> None:  # as fpdf writes a PDF: Path(name).write_bytes(...)
        Path(path).write_bytes(b"%PDF- Ana Quill-Oduya")
        modes.append(stat.S_IMODE(Path(path).stat().st_mode))

    umask = os.umask(0o022)
    try:
        path = Path(private_file("roster-results.pdf", writer=writer, keep_seconds=60))
    finally:
        os.umask(umask)
    assert modes == [0o600] and stat.S_IMODE(path.stat().st_mode) == 0o600
    assert path.read_bytes() == b"%PDF- Ana Quill-Oduya"


def test_the_app_roster_csv_neutralises_formulas(roster_app, tmp_path):
    upload = tmp_path / "caseload.csv"
    upload.write_text(roster_text({"student": '=HYPERLINK("http://evil.example","x")'},
                                  {"student": "-2+3+cmd|' /C calc'!A0"}))
    url, _ = roster_app
    client = Client(url, verbose=False, download_files=str(tmp_path / "down"))
    client.predict(handle_file(str(upload)), api_name="/check_roster")
    lines = list(csv.DictReader(Path(client.predict(api_name="/roster_csv")).open()))
    assert [line["student"] for line in lines] == ["'=HYPERLINK(\"http://evil.example\",\"x\")",
                                                   "'-2+3+cmd|' /C calc'!A0"]
