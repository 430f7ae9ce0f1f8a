"""The app in headless Chromium (Debian's /usr/bin/chromium), driven by Playwright."""

from __future__ import annotations

from pathlib import Path

import pytest
from conftest import ROOT, app_env, indexed_copy
from pypdf import PdfReader
from servers import app_server

pytestmark = pytest.mark.browser
CHROMIUM = Path("/usr/bin/chromium")
ARTIFACTS = ROOT / "test-artifacts"
ARGS = ["--no-sandbox", "--disable-gpu", "--disable-background-networking",
        "--disable-component-update", "--disable-sync", "--no-first-run", "--disable-quic"]


@pytest.fixture(scope="module")
def page(tmp_path_factory, embeddings):
    if not CHROMIUM.exists():
        pytest.fail("Debian chromium is missing: apt-get install -y chromium (.ci/run does)")
    from playwright.sync_api import sync_playwright

    tmp = tmp_path_factory.mktemp("browser")
    settings = indexed_copy(tmp, embeddings)
    ARTIFACTS.mkdir(exist_ok=True)
    with app_server(tmp, app_env(settings)) as (url, _), sync_playwright() as p:
        browser = p.chromium.launch(executable_path=str(CHROMIUM), args=ARGS, headless=True)
        context = browser.new_context(accept_downloads=True, viewport={"width": 1280,
                                                                        "height": 900})
        pg = context.new_page()
        pg.goto(url)
        pg.wait_for_selector("#question textarea", timeout=60_000)
        yield pg
        browser.close()


def download(page, output: str, target: Path) -> Path:
    """Click the file link an output shows, once it shows one, and save what comes."""
    link = page.locator(f"{output} a").first
    link.wait_for(timeout=60_000)
    with page.expect_download() as started:
        link.click()
    started.value.save_as(target)
    return target


def ask(page, question: str, expected: str):
    """Send `question` and wait until the assistant's answer to it (the next bot message,
    not the echoed question nor an earlier answer) contains `expected`; return the answer."""
    from playwright.sync_api import expect

    answers = page.locator('#chat [data-testid="bot"]')
    before = answers.count()
    box = page.locator("#question textarea")
    box.fill(question)
    box.press("Enter")
    answer = answers.nth(before)
    expect(answer).to_contain_text(expected, timeout=60_000)
    return answer


def test_ask_shows_answer_and_citation(page):
    page.get_by_label("counselor").check()
    ask(page, "she has two technical courses, one AP and 60 internship hours: does she meet ICP?",
        "40 more")
    sources = page.locator("#sources")
    sources.get_by_text("guidance/maicp-about.md").first.wait_for(timeout=30_000)
    assert "[1]" in sources.inner_text()
    page.screenshot(path=str(ARTIFACTS / "tab-ask.png"), full_page=True)


def test_script_in_a_message_does_not_run(page):
    page.evaluate("window.__pwned = false")
    ask(page, "<img src=x onerror=\"window.__pwned=true\"><script>window.__pwned=true</script>"
        " what is MyCAP?", "My Career and Academic Plan")
    page.wait_for_timeout(1000)
    assert page.evaluate("window.__pwned") is False


def test_a_note_for_the_counselor_downloads(page, tmp_path):
    page.get_by_role("tab", name="Ask").click()
    page.get_by_label("family").check()
    ask(page, "who won the super bowl", "guess")
    page.locator("#counselor-note-button").click()
    target = download(page, "#counselor-note", tmp_path / "note.md")
    note = target.read_text()
    assert "> who won the super bowl" in note and "Asked by: a parent or family member" in note
    assert "Can you answer it, or tell me who can?" in note


def test_check_a_plan_and_download_the_pdf(page, tmp_path):
    page.get_by_role("tab", name="Check a plan").click()
    page.locator("#internship-hours input").fill("60")
    page.locator("#check-plan").click()
    page.wait_for_function(
        "document.querySelector('#check-result').innerText.includes('icp.wbl')",
        timeout=60_000)
    assert "60 of 100 internship or capstone hours" in page.locator("#check-result").inner_text()
    target = download(page, "#check-pdf", tmp_path / "check.pdf")
    assert target.read_bytes().startswith(b"%PDF")
    page.screenshot(path=str(ARTIFACTS / "tab-check-plan.png"), full_page=True)


def test_explore_tab_filters_by_town(page):
    """The table is there as soon as the tab opens; typing a town into the town box offers it,
    and Enter narrows the table, the notice and the chart to that town. Nothing leaves the
    computer: the chart is drawn by Gradio's own bundled scripts."""
    from playwright.sync_api import expect

    from advisor.catalog.bundle import load_catalog
    from advisor.ui.explore_tab import filter_rows, towns_around

    catalog = load_catalog(ROOT / "knowledge" / "catalog")
    every = catalog.districts.pathways
    lowell = filter_rows(every, catalog.programs.programs, town="Lowell")
    assert "Lowell High School" in {r.school for r in lowell}
    around = filter_rows(every, catalog.programs.programs, town="Lowell",
                         around=towns_around(catalog.towns, "Lowell", 15))
    assert len(around) > len(lowell)
    origin = "/".join(page.url.split("/")[:3])
    outside: list[str] = []

    def record(request):
        if not request.url.startswith((origin, "data:", "blob:")):
            outside.append(request.url)

    page.on("request", record)
    try:
        page.get_by_role("tab", name="Explore pathways").click()
        notice, table = page.locator("#catalog-notice"), page.locator("#explore-table")
        expect(notice).to_contain_text(f"Showing {len(every)} of {len(every)}", timeout=30_000)
        expect(notice).to_contain_text("It is partial")
        expect(table).to_contain_text(every[0].school, timeout=30_000)
        chart = page.locator("#sector-chart canvas, #sector-chart svg").first
        chart.wait_for(timeout=30_000)
        assert page.locator("#sample-label").count() == 0  # no sample file ships

        box = page.locator("#explore-town input")
        box.click()
        box.press_sequentially("Lowell", delay=50)
        expect(page.locator("#explore-town").get_by_role("option", name="Lowell")
               ).to_be_visible(timeout=10_000)
        box.press("Enter")
        expect(notice).to_contain_text(f"Showing {len(lowell)} of {len(every)}",
                                       timeout=30_000)
        expect(table).to_contain_text("Lowell High School")
        expect(table).not_to_contain_text("Worcester")
        links = table.locator("a", has_text="page").evaluate_all("as => as.map(a => a.href)")
        assert set(links) == {r.source_url for r in lowell}
        assert chart.is_visible() and notice.is_visible()
        # the towns around it too: Billerica's Shawsheen Valley Tech joins Lowell's rows
        page.locator("#explore-near input").check()
        expect(notice).to_contain_text(f"Showing {len(around)} of {len(every)}",
                                       timeout=30_000)
        expect(notice).to_contain_text("Within 15 miles of Lowell")
        expect(table).to_contain_text("Shawsheen Valley Technical High School")
        page.screenshot(path=str(ARTIFACTS / "tab-explore.png"), full_page=True)
    finally:
        page.remove_listener("request", record)
    assert outside == []


def test_phone_width_renders_the_chat(page):
    page.set_viewport_size({"width": 390, "height": 844})
    page.get_by_role("tab", name="Ask").click()
    assert page.locator("#question textarea").is_visible()
    page.screenshot(path=str(ARTIFACTS / "phone-ask.png"), full_page=True)
    page.set_viewport_size({"width": 1280, "height": 900})


def test_search_tab_lists_passages(page):
    page.get_by_role("tab", name="Search the guidance").click()
    box = page.get_by_label("Search the guidance")
    box.fill("MyCAP online portfolio")
    box.press("Enter")
    page.wait_for_function(
        "document.querySelector('#search-results').innerText.includes('guidance/mycap.md')",
        timeout=30_000)
    page.screenshot(path=str(ARTIFACTS / "tab-search.png"), full_page=True)


def _take_quiz(page, high: str) -> str:
    """Rate every statement (5 for type `high`, else 2), score it, return the result text."""
    from advisor.catalog.bundle import load_catalog

    quiz = load_catalog(ROOT / "knowledge" / "catalog").quiz
    page.get_by_role("tab", name="Find my fit").click()
    for item in quiz.items:
        choice = "5" if item.type == high else "2"
        page.locator(f"#quiz-{item.id} label").filter(has_text=choice).first.click()
    page.locator("#quiz-score").click()
    name = quiz.types[high].name
    page.wait_for_function(
        f"document.querySelector('#quiz-result').innerText.includes('{name} (')",
        timeout=60_000)
    page.locator("#quiz-chart canvas, #quiz-chart svg").first.wait_for(timeout=30_000)
    return page.locator("#quiz-result").inner_text()


def test_find_my_fit_quiz_shows_the_chart_and_programs(page):
    result = _take_quiz(page, "R")
    assert "Realistic" in result and "cluster" in result and "Next step" in result
    page.screenshot(path=str(ARTIFACTS / "tab-find-my-fit.png"), full_page=True)
    page.locator("#fit-words textarea, #fit-words input").first.fill("I wanna do hair and nails")
    page.locator("#fit-match").click()
    page.wait_for_function(
        "document.querySelector('#fit-result').innerText.includes('Cosmetology')",
        timeout=60_000)
    assert "Chapter 74 only" in page.locator("#fit-result").inner_text()


def test_find_my_fit_at_phone_width(page):
    page.set_viewport_size({"width": 390, "height": 844})
    page.reload()
    page.wait_for_selector("#question textarea", timeout=60_000)
    result = _take_quiz(page, "S")
    assert "Social" in result and "cluster" in result
    assert page.locator("#quiz-chart").is_visible()
    page.screenshot(path=str(ARTIFACTS / "phone-find-my-fit.png"), full_page=True)
    page.set_viewport_size({"width": 1280, "height": 900})


def test_upload_a_roster_and_download_the_pdf(page, tmp_path):
    roster = tmp_path / "caseload.csv"
    roster.write_text("student,internship_hours,capstone_hours,mycap\n"
                      "Ana,120,0,yes\nBen,lots,0,no\nCy,30,0,yes\n")
    page.get_by_role("tab", name="Check a roster").click()
    page.locator("#roster-upload input[type=file]").set_input_files(str(roster))
    page.wait_for_function(
        "document.querySelector('#roster-summary').innerText.includes('students checked')",
        timeout=60_000)
    assert "2 students checked" in page.locator("#roster-summary").inner_text()
    page.wait_for_function("(document.querySelector('#roster-problems') || {innerText: ''})"
                           ".innerText.includes('is not a number')", timeout=30_000)
    page.locator("#roster-pdf-button").click()
    target = download(page, "#roster-pdf", tmp_path / "roster.pdf")
    pages = [p.extract_text() for p in PdfReader(target).pages]
    assert len(pages) == 2 and "Pathway check: Ana" in pages[0] and "Cy" in pages[1]
    page.screenshot(path=str(ARTIFACTS / "tab-check-roster.png"), full_page=True)
