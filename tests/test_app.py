"""The launched Gradio app, driven by gradio_client."""

from __future__ import annotations

import pytest
from conftest import app_env, indexed_copy
from gradio_client import Client
from pypdf import PdfReader
from servers import app_server


@pytest.fixture(scope="module")
def app_url(tmp_path_factory, embeddings):
    tmp = tmp_path_factory.mktemp("app")
    settings = indexed_copy(tmp, embeddings)
    with app_server(tmp, app_env(settings)) as (url, _):
        yield url


def test_endpoints_are_named(app_url):
    endpoints = Client(app_url, verbose=False).view_api(
        return_format="dict", print_info=False)["named_endpoints"]
    assert {"/respond", "/check_plan", "/explore", "/search", "/quiz",
            "/careers"} <= set(endpoints)


def test_chat_answers_with_sources(app_url):
    client = Client(app_url, verbose=False)
    history, box, sources = client.predict(
        "she has two technical courses, one AP and 60 internship hours: does she meet ICP?",
        [], "counselor", api_name="/respond")
    answer = str(history[-1]["content"])
    assert "40 more internship or capstone hours" in answer and box == ""
    assert "guidance/maicp-about.md" in sources and "[1]" in sources
    history, _, _ = client.predict("I now have 120 hours", history, "counselor",
                                   api_name="/respond")
    assert "| `icp.wbl` | met |" in str(history[-1]["content"])
    _, _, none = client.predict("who won the super bowl", [], "student", api_name="/respond")
    assert "No source supports" in none


def test_plan_form_and_pdf(app_url, tmp_path):
    client = Client(app_url, verbose=False, download_files=str(tmp_path))
    result, pdf = client.predict("cte", "", "", "", "", "200", "850", "", True,
                                 "OSHA 10", "unknown", None, api_name="/check_plan")
    assert "does-not-meet" in result and "850 of 900 immersive hours" in result
    text = PdfReader(pdf).pages[0].extract_text()
    assert "Pathway check: Chapter 74" in text and "needs 50 more" in text
    assert len(PdfReader(pdf).pages) == 1
    # every pathway at once: a table closest first, and the checks in the PDF
    table, every = client.predict("all", "2", "1", "60", "", "", "", "", True, "", "yes", None,
                                  api_name="/check_plan")
    assert "All pathways, closest first" in table
    assert all(name in table for name in ("Chapter 74", "Career Connections", "Early College",
                                          "MassCore", "Innovation Career Pathways"))
    assert "40 internship or capstone hours" in table
    pages = " ".join(page.extract_text() for page in PdfReader(every).pages)
    assert "Innovation Career Pathways" in pages and "Early College" in pages


def test_explorer_filters_the_statewide_catalog(app_url):
    """/explore takes (sector, type, most the family can pay, program, cluster, town, towns
    nearby too) and gives (table, notice, sector chart); the last inputs may be left out."""
    import re

    from conftest import ROOT

    from advisor.catalog.bundle import load_catalog
    from advisor.ui.explore_tab import COLUMNS

    col = {c: i for i, c in enumerate(COLUMNS)}
    catalog = load_catalog(ROOT / "knowledge" / "catalog")
    client = Client(app_url, verbose=False)

    def explore(*args):
        table, notice, chart = client.predict(*args, api_name="/explore")
        assert table["headers"] == COLUMNS
        return table["data"], notice, chart

    rows, notice, chart = explore("", "", None)
    assert len(rows) == len(catalog.districts.pathways)
    # every row names its source page, as a link
    assert all(re.fullmatch(r"\[page\]\(https?://\S+\)", r[col["Source"]]) for r in rows)
    assert "newest page dated" in notice and "It is partial" in notice
    assert all(s.url in notice for s in catalog.offerings.state_lists.values())
    left_out = int(re.search(r"leaves out (\d+) rows", notice).group(1))
    assert sum(n for _, n, _ in chart["data"]) + left_out == len(rows)
    assert {kind for _, _, kind in chart["data"]} == {"Innovation Career Pathway",
                                                      "Chapter 74, related field"}

    early, notice, chart = explore("", "early-college", None)
    assert early and all(r[col["Type"]] == "Early College" for r in early)
    assert chart["data"] == [] and f"leaves out {len(early)} rows" in notice
    # a sector: its Innovation Career Pathways and the Chapter 74 programs in a related field
    info, _, chart = explore("information", "", None)
    icp = [r for r in info if r[col["Sector"]].startswith("Information")]
    cte = [r for r in info if r[col["Type"]] == "Chapter 74 Career Technical Education"]
    assert icp and cte and len(icp) + len(cte) == len(info)
    assert {sector for sector, _, _ in chart["data"]} == {"Information"}
    # a town, typed in any case: its rows, Worcester Technical High School's among them
    worcester, notice, _ = explore("", "", None, "", "", "worcester")
    assert worcester and all(r[col["Town"]] == "Worcester" for r in worcester)
    assert "Worcester Technical High School" in {r[col["School"]] for r in worcester}
    assert f"Showing {len(worcester)} of {len(rows)}" in notice
    # and the towns around it
    lowell, _, _ = explore("", "", None, "", "", "lowell")
    around, notice, _ = explore("", "", None, "", "", "lowell", True)
    assert {tuple(r) for r in lowell} < {tuple(r) for r in around}
    assert "Within 15 miles of Lowell" in notice
    assert "Shawsheen Valley Technical High School" in {r[col["School"]] for r in around}
    # part of a school's name
    franklin, _, _ = explore("", "", None, "", "", "franklin county tech")
    assert franklin and all("Franklin County Technical" in r[col["School"]] for r in franklin)
    # by Chapter 74 program and by cluster: only rows that offer it, with the program named
    auto, _, _ = explore("", "", None, "automotive-technology", "")
    assert auto and all("Automotive Technology" in r[col["Program"]] for r in auto)
    transport, _, _ = explore("", "", None, "", "transportation")
    assert {tuple(r) for r in auto} <= {tuple(r) for r in transport}
    upton, _, _ = explore("", "", None, "automotive-technology", "", "Upton")
    assert upton and {tuple(r) for r in upton} < {tuple(r) for r in auto}
    none, notice, chart = explore("", "", None, "", "", "no such town")
    assert none == [] and chart["data"] == [] and "Showing 0 of" in notice
    # the most the family can pay: an amount typed as text; the statewide rows name no cost
    assert explore("", "", "0")[0] == explore("", "", "$1,500")[0] == rows
    _, notice, _ = explore("", "", "lots")
    assert "not an amount" in notice


def test_find_my_fit_scores_the_quiz_and_matches_words(app_url):
    from conftest import ROOT

    from advisor.catalog.bundle import load_catalog

    quiz = load_catalog(ROOT / "knowledge" / "catalog").quiz
    client = Client(app_url, verbose=False)
    ratings = [5 if i.type == "S" else 2 for i in quiz.items]
    chart, result = client.predict(*ratings, api_name="/quiz")
    assert "Social" in result and "cluster" in result and "Next step" in result
    scores = dict(chart["value"]["data"])  # the bar chart's rows: [type, score]
    assert scores["S Social"] == 5 * sum(i.type == "S" for i in quiz.items)
    assert scores["R Realistic"] == 2 * sum(i.type == "R" for i in quiz.items)
    _, missing = client.predict(*([None] + ratings[1:]), api_name="/quiz")
    assert "Please answer every statement" in missing and quiz.items[0].text in missing
    words = client.predict("I want to be a chef", api_name="/careers")
    assert "Culinary Arts" in words and "Hospitality & Tourism" in words


def test_the_counselor_choice_says_when_sign_in_is_off(app_url):
    """No ADVISOR_AUTH: the counselor view is open, the audience choice says so, and there is
    no sign-in panel."""
    import httpx

    components = httpx.get(app_url + "config", timeout=30).json()["components"]
    props = {c["props"].get("elem_id"): c["props"] for c in components if "props" in c}
    assert "open to anyone: sign-in is not configured (ADVISOR_AUTH)" in \
        props["audience"]["info"]
    assert "signin" not in props


def test_search_page(app_url):
    md = Client(app_url, verbose=False).predict(
        "how many hours is the internship for innovation pathways", 3, "hybrid",
        api_name="/search")
    assert "100-hour" in md


def test_empty_form_fields_stay_unknown(app_url):
    client = Client(app_url, verbose=False)
    result, _ = client.predict("icp", "", "", "60", "", "", "", "", True, "", "unknown", None,
                               api_name="/check_plan")
    assert "| `icp.technical` | **unknown** |" in result
    assert "| `icp.college_level` | **unknown** |" in result
    assert "| `icp.wbl` | **unmet** |" in result and "needs 40 more" in result
    bad, pdf = client.predict("icp", "two", "", "", "", "", "", "", True, "", "unknown", None,
                              api_name="/check_plan")
    assert "Technical courses: 'two' is not a number" in bad and pdf is None
