"""The Explore tab's filtering, table and chart data, without a server."""

from __future__ import annotations

import re
import shutil
from types import SimpleNamespace

import pytest
from conftest import ROOT

from advisor.catalog.bundle import load_catalog
from advisor.catalog.districts import DistrictPathway
from advisor.ui.explore_tab import (
    COLUMNS,
    RELATED_BAR,
    amount,
    filter_rows,
    newest_date,
    notice_text,
    sector_counts,
    table_rows,
    towns_around,
    unsectored,
)

COL = {c: i for i, c in enumerate(COLUMNS)}


@pytest.fixture(scope="module")
def catalog():
    return load_catalog(ROOT / "knowledge" / "catalog")


def _row(**fields) -> DistrictPathway:
    base = {"school": "A High School", "pathway_name": "A pathway", "type": "icp",
            "source_url": "https://example.org/a"}
    return DistrictPathway.model_validate({**base, **fields})


def test_town_matches_a_place_or_part_of_the_school_name():
    rows = [_row(school="Charlestown High School", town="Boston (Charlestown)"),
            _row(school="Greater Lowell Technical High School", town="Tyngsborough"),
            _row(school="Lowell High School", town="Lowell"),
            _row(school="Worcester Technical High School", town="Worcester"),
            _row(school="Shrewsbury High School", town="Shrewsbury")]
    schools = lambda town: [r.school for r in filter_rows(rows, town=town)]  # noqa: E731
    assert schools("lowell") == ["Greater Lowell Technical High School", "Lowell High School"]
    assert schools("  WORCESTER ") == ["Worcester Technical High School"]
    assert schools("charlestown") == schools("Boston") == ["Charlestown High School"]
    assert schools("Boston (Charlestown)") == ["Charlestown High School"]
    # a town must be typed whole; part of a name finds the schools whose name holds it
    assert schools("Shrews") == schools("bury") == ["Shrewsbury High School"]
    assert schools("Tyngs") == []
    assert len(schools("")) == len(schools(None)) == len(rows)


def test_filters_combine(catalog):
    rows, programs = catalog.districts.pathways, catalog.programs.programs
    assert filter_rows(rows, programs) == rows
    early = filter_rows(rows, programs, kind="early-college")
    assert early and all(r.type == "early-college" for r in early)
    worcester = filter_rows(rows, programs, town="worcester")
    assert worcester and all("Worcester" in r.towns for r in worcester)
    assert "Worcester Technical High School" in {r.school for r in worcester}
    both = filter_rows(rows, programs, town="worcester", kind="icp", sector="information")
    assert both and all(r.type == "icp" and r.sector == "information" for r in both)
    assert set(map(id, both)) < set(map(id, worcester))
    auto = filter_rows(rows, programs, program="automotive-technology")
    transport = filter_rows(rows, programs, cluster="transportation")
    assert auto and {id(r) for r in auto} <= {id(r) for r in transport}
    assert filter_rows(rows, programs, town="Upton", program="automotive-technology")
    assert filter_rows(rows, programs, town="no such town anywhere") == []
    priced = [_row(cost_to_family=500), _row(cost_to_family=0), _row()]
    assert filter_rows(priced, max_cost=100) == filter_rows(priced, max_cost=0) == priced[1:]
    assert filter_rows(priced, max_cost=None) == priced


def test_amounts_typed():
    assert [amount(v) for v in ("", None, "  ", "abc", "-5", "nan")] == [None] * 6
    assert [amount(v) for v in ("0", 0, "$1,500", " 200 ", 2.5)] == [0, 0, 1500, 200, 2.5]


def test_table_rows_name_their_source_and_date(catalog):
    table = table_rows(catalog.districts.pathways, catalog)
    assert len(table) == len(catalog.districts.pathways) and all(len(r) == len(COLUMNS)
                                                                  for r in table)
    assert all(re.fullmatch(r"\[page\]\(https?://\S+\)", r[COL["Source"]]) for r in table)
    assert all(r[COL["As of"]].startswith(("page dated", "page undated")) for r in table)
    assert all(r[COL["Confidence"]] in ("H", "M") for r in table)
    by_school = {r[COL["School"]]: r for r in table}
    charlestown = by_school["Charlestown High School"]
    assert charlestown[COL["Town"]] == "Boston (Charlestown)"
    assert charlestown[COL["Type"]] == "Early College" and charlestown[COL["Designated"]]
    # the sector's name, with the page's own name only when it says something else
    sectors = {r[COL["Sector"]] for r in table}
    assert "Information (page: Information Technology)" in sectors
    assert "Health Care and Social Assistance" in sectors
    assert not any("page: Healthcare" in s for s in sectors)


def test_sector_counts_and_newest_date(catalog):
    rows = catalog.districts.pathways
    programs = catalog.programs.programs
    counts = sector_counts(rows, catalog.sectors, programs)
    assert list(counts.columns) == ["sector", "count", "kind"]
    # every row is charted under a sector or counted apart, never both, never dropped
    assert counts["count"].sum() + unsectored(rows, catalog.sectors, programs) == len(rows)
    assert counts["count"].sum() > sum(1 for r in rows if r.sector)  # Chapter 74 rows too
    totals = counts.groupby("sector", sort=False)["count"].sum()
    assert totals.is_monotonic_decreasing
    # Shawsheen's Health Assisting counts under Health Care as a related Chapter 74 program
    health = counts[(counts["sector"] == "Health Care and Social Assistance")
                    & (counts["kind"] == RELATED_BAR)]
    shawsheen = [r for r in rows if r.school.startswith("Shawsheen")
                 and r.pathway_name == "Health Assisting"]
    assert shawsheen and health["count"].sum() >= 1
    assert sector_counts(shawsheen, catalog.sectors, programs)["kind"].tolist() == [RELATED_BAR]
    early = [r for r in rows if r.type == "early-college"]
    assert sector_counts(early, catalog.sectors, programs).empty
    assert unsectored(early, catalog.sectors, programs) == len(early)
    assert sector_counts([], catalog.sectors).empty
    assert newest_date([_row(as_of="c.2008"), _row(as_of="2024"), _row(as_of="2023-07-01"),
                        _row(retrieved="2026-11-24")]) == "2024"
    assert newest_date([_row(as_of="2024-04"), _row(as_of="2024-04-03")]) == "2024-04-03"
    assert newest_date([_row(retrieved="2026-11-24"), _row()]) == "2026-11-24"
    assert newest_date([]) == ""
    notice = notice_text(rows[:3], rows, catalog.offerings)
    assert f"Showing 3 of {len(rows)}" in notice and "It is partial" in notice
    assert all(s.url in notice for s in catalog.offerings.state_lists.values())
    dated = [r for r in rows if r.as_of]
    assert f"dated {newest_date(dated[:5])}" in notice_text(dated[:5], rows, catalog.offerings)
    # nothing shown: dated by the whole catalog
    assert f"dated {newest_date(rows)}" in notice_text([], rows, catalog.offerings)


def _labels(blocks) -> set[str]:
    return {b.elem_id for b in blocks.blocks.values() if b.elem_id}


def test_sample_label_only_when_a_sample_file_is_present(tmp_path):
    import gradio as gr

    from advisor.ui.explore_tab import build_explore_tab

    real, sample = tmp_path / "real", tmp_path / "sample"
    for folder in (real, sample):
        shutil.copytree(ROOT / "knowledge" / "catalog", folder)
    shutil.copy(ROOT / "tests" / "data" / "sample-riverbend.csv", sample / "districts")
    with gr.Blocks() as shown:
        build_explore_tab(SimpleNamespace(catalog=load_catalog(real)))
    assert {"explore-town", "explore-table", "catalog-notice", "sector-chart"} <= _labels(shown)
    assert "sample-label" not in _labels(shown)
    with gr.Blocks() as shown:
        build_explore_tab(SimpleNamespace(catalog=load_catalog(sample)))
    assert "sample-label" in _labels(shown)


def test_towns_around_a_town_widen_the_filter(catalog):
    rows, programs = catalog.districts.pathways, catalog.programs.programs
    assert filter_rows(rows, programs, town="Dennis") == []  # no row in Dennis itself
    around = towns_around(catalog.towns, "dennis", 15)
    assert "Dennis" in around and "Harwich" in around and "Boston" not in around
    near = filter_rows(rows, programs, town="Dennis", around=around)
    assert "Cape Cod Regional Technical High School" in {r.school for r in near}
    assert all(set(r.towns) & set(around) for r in near)
    assert towns_around(catalog.towns, "Narnia", 15) == [] == towns_around(catalog.towns, "", 15)


def test_the_notice_says_what_cost_and_nearby_towns_cover(catalog):
    rows = catalog.districts.pathways
    shown = rows[:4]
    text = notice_text(shown, rows, catalog.offerings, max_cost=100.0)
    assert "No cost is listed for 4 of these rows" in text
    assert "No cost is listed" not in notice_text(shown, rows, catalog.offerings)
    text = notice_text(shown, rows, catalog.offerings, around=["Lowell", "Dracut"], town="Lowell")
    assert "Within 15 miles of Lowell: 2 towns." in text
