"""The statewide catalog: real rows with their sources, validated row by row, indexed in
Chroma as `kind: catalog` one row at a time, and answering "which schools offer..."."""

from __future__ import annotations

import csv
import json
import shutil

import pytest
from conftest import GUIDANCE, ROOT, cli_env, free_port, make_settings, run_cli
from servers import chroma_server

from advisor.catalog.districts import ALL_COLUMNS, load_districts
from advisor.catalog.sectors import load_sectors

CATALOG = ROOT / "knowledge" / "catalog"
SHARED = {"ma-innovation-career-pathways.csv": 115, "ma-early-college.csv": 54,
          "ma-chapter-74-programs.csv": 267}


def _sectors():
    return set(load_sectors(CATALOG))


def test_the_real_files_load_with_no_bad_row_and_every_row_names_its_source():
    catalog = load_districts(CATALOG / "districts", _sectors())
    assert catalog.errors == []
    by_file = {}
    for row in catalog.pathways:
        by_file[row.file] = by_file.get(row.file, 0) + 1
        assert row.source_url.startswith("http") and row.retrieved and row.confidence in "HM"
        assert not row.sample and row.town and row.school in row.record
    assert by_file == SHARED
    # the page's own sector name is kept; the product's id is beside it
    info = [r for r in catalog.pathways if r.sector_label == "Information Technology"]
    assert info and {r.sector for r in info} == {"information"}


def test_the_fictional_sample_is_not_in_the_default_catalog():
    from advisor.catalog.bundle import load_catalog

    rows = load_catalog(CATALOG).districts.pathways
    assert not any(r.sample or "Riverbend" in r.school for r in rows)
    sample = load_districts(ROOT / "tests" / "data", _sectors())
    assert sample.pathways and all(r.sample for r in sample.pathways)


def _planted(tmp_path, edits: dict[int, dict]):
    """A copy of the real ICP file with some data rows (1-based) changed."""
    src = CATALOG / "districts" / "ma-innovation-career-pathways.csv"
    with open(src, encoding="utf-8", newline="") as fh:
        rows = list(csv.DictReader(fh))
    for n, change in edits.items():
        rows[n - 1].update(change)
    out = tmp_path / "districts"
    out.mkdir(exist_ok=True)
    with open(out / src.name, "w", encoding="utf-8", newline="") as fh:
        writer = csv.DictWriter(fh, fieldnames=ALL_COLUMNS, lineterminator="\n")
        writer.writeheader()
        writer.writerows(rows)
    return out, len(rows)


def test_planted_bad_rows_are_reported_by_file_row_and_column_and_the_rest_load(tmp_path):
    folder, total = _planted(tmp_path, {
        3: {"sector": "informaton"},          # a typo in a sector id
        5: {"year_designated": "20199"},
        7: {"source_url": "mass.gov/page"},
        9: {"as_of": "2024-13"},
        11: {"confidence": "high"},
        13: {"school": ""},
        15: {"source_url": "", "contact": ""},  # a real row must name its source
    })
    catalog = load_districts(folder, _sectors())
    got = {(e.file, e.row, e.column) for e in catalog.errors}
    name = "ma-innovation-career-pathways.csv"
    # spreadsheet rows: the header is row 1, so data row n is row n + 1
    assert got == {(name, 4, "sector"), (name, 6, "year_designated"), (name, 8, "source_url"),
                   (name, 10, "as_of"), (name, 12, "confidence"), (name, 14, "school"),
                   (name, 16, "source_url")}
    assert "informaton" in next(str(e) for e in catalog.errors if e.column == "sector")
    assert len(catalog.pathways) == total - 7


def test_a_repeated_row_is_reported_not_merged(tmp_path):
    src = CATALOG / "districts" / "ma-early-college.csv"
    lines = src.read_text("utf-8").splitlines()
    folder = tmp_path / "districts"
    folder.mkdir()
    (folder / src.name).write_text("\n".join(lines[:4] + [lines[2]] + lines[4:]) + "\n",
                                   "utf-8")
    catalog = load_districts(folder, _sectors())
    assert [(e.row, e.column, e.message) for e in catalog.errors] == [
        (5, "(row)", "repeats row 3")]
    assert len(catalog.pathways) == SHARED[src.name]


def _knowledge(tmp_path, districts=None):
    knowledge = tmp_path / "knowledge"
    (knowledge / "guidance").mkdir(parents=True)
    shutil.copy(GUIDANCE / "maicp-about.md", knowledge / "guidance")
    shutil.copytree(CATALOG, knowledge / "catalog")
    return knowledge


def _rewrite(path, change):
    with open(path, encoding="utf-8", newline="") as fh:
        rows = list(csv.DictReader(fh))
    rows = change(rows)
    with open(path, "w", encoding="utf-8", newline="") as fh:
        writer = csv.DictWriter(fh, fieldnames=ALL_COLUMNS, lineterminator="\n")
        writer.writeheader()
        writer.writerows(rows)


def _reingest_one_row(settings, embeddings, knowledge):
    from advisor.ingest import Ingester
    from advisor.store import open_store

    first = Ingester(settings, embeddings=embeddings).run()
    assert first.catalog.rows == sum(SHARED.values()) and first.catalog.added == first.catalog.rows
    icp = knowledge / "catalog" / "districts" / "ma-innovation-career-pathways.csv"

    def rename(rows):
        rows[4]["school"] = "Renamed Test High School"
        return rows
    _rewrite(icp, rename)
    second = Ingester(settings, embeddings=embeddings).run()
    assert (second.catalog.added, second.catalog.removed, second.embedded) == (1, 1, 1)
    assert second.unchanged == 1 and second.catalog.rows == first.catalog.rows
    store = open_store(settings)
    schools = {m["school"] for m in store.catalog_rows().values()}
    assert "Renamed Test High School" in schools

    # a row added at the top moves every row below it: none of them is embedded again
    _rewrite(icp, lambda rows: [{**rows[0], "school": "Added Test High School"}] + rows)
    third = Ingester(settings, embeddings=embeddings).run()
    assert (third.catalog.added, third.catalog.removed, third.embedded) == (1, 0, 1)
    # a deleted row disappears from the index
    _rewrite(icp, lambda rows: [r for r in rows if r["school"] != "Renamed Test High School"])
    fourth = Ingester(settings, embeddings=embeddings).run()
    assert (fourth.catalog.added, fourth.catalog.removed, fourth.embedded) == (0, 1, 0)
    schools = {m["school"] for m in open_store(settings).catalog_rows().values()}
    assert "Renamed Test High School" not in schools and "Added Test High School" in schools
    # a planted bad row is reported; its file keeps every row already indexed
    _rewrite(icp, lambda rows: [rows[0] | {"sector": "informaton"}] + rows[1:])
    fifth = Ingester(settings, embeddings=embeddings).run()
    assert fifth.catalog.bad_rows == 1 and fifth.catalog.removed == 0
    assert any("row 2, column 'sector'" in f.error for f in fifth.failed)
    assert fifth.catalog.rows == fourth.catalog.rows
    # while that row stays bad, a good row edited in the same file replaces its old version
    old_name = {}

    def edit(rows):
        old_name["v"] = (rows[3]["school"], rows[3]["pathway_name"])
        return rows[:3] + [rows[3] | {"pathway_name": "Edited Test Pathway"}] + rows[4:]
    _rewrite(icp, edit)
    sixth = Ingester(settings, embeddings=embeddings).run()
    assert (sixth.catalog.added, sixth.catalog.removed, sixth.embedded) == (1, 1, 1)
    stored = open_store(settings).catalog_rows().values()
    pairs = [(m["school"], m["pathway_name"]) for m in stored]
    edited = (old_name["v"][0], "Edited Test Pathway")
    assert old_name["v"] not in pairs and pairs.count(edited) == 1
    assert sixth.catalog.rows == fourth.catalog.rows
    # a row deleted above a bad row in the same edit goes; the bad row keeps its last good
    # version, found by its school and pathway although its line moved up
    picked = {}

    def delete_above_a_bad_row(rows):
        with open(CATALOG / "districts" / icp.name, encoding="utf-8", newline="") as fh:
            rows[0]["sector"] = next(csv.DictReader(fh))["sector"]  # the first bad row fixed
        picked["gone"] = (rows[9]["school"], rows[9]["pathway_name"])
        picked["bad"] = (rows[10]["school"], rows[10]["pathway_name"])
        rows[10] = rows[10] | {"sector": "informaton"}
        return rows[:9] + rows[10:]
    _rewrite(icp, delete_above_a_bad_row)
    seventh = Ingester(settings, embeddings=embeddings).run()
    pairs = [(m["school"], m["pathway_name"]) for m in open_store(settings).catalog_rows()
             .values()]
    assert picked["bad"] in pairs and picked["gone"] not in pairs
    assert (seventh.catalog.added, seventh.catalog.removed) == (0, 1)


def test_reingest_embeds_only_the_changed_row_embedded_store(tmp_path, embeddings):
    knowledge = _knowledge(tmp_path)
    _reingest_one_row(make_settings(tmp_path), embeddings, knowledge)


def test_reingest_embeds_only_the_changed_row_on_a_chroma_server(tmp_path, embeddings):
    knowledge = _knowledge(tmp_path)
    with chroma_server(tmp_path / "server-data", free_port()) as (url, _):
        settings = make_settings(tmp_path, chroma_url=url)
        _reingest_one_row(settings, embeddings, knowledge)


@pytest.fixture(scope="module")
def indexed(tmp_path_factory):
    """The shipped guidance and catalog, ingested once for the command-line tests."""
    tmp = tmp_path_factory.mktemp("catalog-index")
    knowledge = tmp / "knowledge"
    shutil.copytree(GUIDANCE, knowledge / "guidance")
    shutil.copytree(CATALOG, knowledge / "catalog")
    env = cli_env(ADVISOR_DB=str(tmp / "db" / "chroma"), ADVISOR_KNOWLEDGE_DIR=str(knowledge))
    proc = run_cli("ingest.py", "--json", env=env)
    assert proc.returncode == 0, proc.stderr
    assert json.loads(proc.stdout)["catalog"]["rows"] == sum(SHARED.values())
    return env


def test_search_filters_by_kind(indexed):
    rows = json.loads(run_cli("-m", "advisor", "search", "welding program at a technical "
                              "school", "--kind", "catalog", "--json", env=indexed).stdout)
    assert rows["results"] and all(r["kind"] == "catalog" and r["row"]["school"]
                                   for r in rows["results"])
    assert any("Weld" in r["row"]["pathway_name"] for r in rows["results"])
    guidance = json.loads(run_cli("-m", "advisor", "search", "welding program at a technical "
                                  "school", "--kind", "guidance", "--json", env=indexed).stdout)
    assert guidance["results"] and all("row" not in r and r["source"].startswith(
        "guidance/") for r in guidance["results"])
    bad = run_cli("-m", "advisor", "search", "welding", "--kind", "catalogue", env=indexed)
    assert bad.returncode == 2 and "catalogue" in bad.stderr


def _ask(env, question):
    proc = run_cli("-m", "advisor", "ask", question, "--audience", "family", "--json", env=env)
    assert proc.returncode == 0, proc.stderr
    return json.loads(proc.stdout)


def test_which_schools_offer_is_answered_from_the_rows_with_their_sources(indexed):
    reply = _ask(indexed, "is there early college in lowell?")
    first = reply["answer"].splitlines()[0]
    assert "Lowell High School" in first and not reply["abstained"]
    cited = [c for c in reply["citations"] if c["source"].startswith("catalog/")]
    assert cited and all(c["url"].startswith("http") and c["section"].startswith("row ")
                         for c in cited)
    # the quote is the row exactly as its file has it
    text = (ROOT / "knowledge" / cited[0]["source"]).read_text("utf-8")
    assert cited[0]["quote"] in text and "Lowell High School" in cited[0]["quote"]
    assert "partial" in reply["answer"] and "mass.gov" in reply["answer"]


def test_a_school_by_its_nickname_and_a_town_in_other_words(indexed):
    reply = _ask(indexed, "does monty tech have welding")
    assert reply["answer"].startswith("**Yes") and "Welding" in reply["answer"].splitlines()[0]
    reply = _ask(indexed, "any innovation pathway in HYANNIS")
    assert not reply["abstained"] and "Barnstable High School" in reply["answer"]


def test_near_reaches_the_towns_around(indexed):
    reply = _ask(indexed, "which schools near lowell have an innovation pathway?")
    first = reply["answer"].splitlines()[0]
    assert "within 15 miles of Lowell" in first and "Chelmsford High School" in first


def test_nothing_found_says_so_and_names_the_state_list(indexed):
    reply = _ask(indexed, "is there early college in newton?")
    assert reply["abstained"] and reply["answer"].startswith("**No")
    assert "partial" in reply["answer"]
    assert "https://www.mass.gov/service-details/designated-early-college-programs" in \
        reply["answer"]
    assert "Waltham High School" in reply["answer"]  # the nearest ones, with distances


def test_rule_questions_never_cite_catalog_rows(indexed):
    for question in ("how many internship hours does an innovation pathway need?",
                     "what is early college?",
                     "can a voc school turn my son down because of his attendance?"):
        reply = _ask(indexed, question)
        assert reply["citations"] and not any(c["source"].startswith("catalog/")
                                              for c in reply["citations"]), question


def test_a_typo_in_the_offerings_wording_is_refused_by_name(tmp_path):
    catalog = tmp_path / "catalog"
    shutil.copytree(CATALOG, catalog)
    path = catalog / "offerings.yaml"
    path.write_text(path.read_text("utf-8").replace("' with {partner}'", "' with {partners}'"),
                    "utf-8")
    from advisor.catalog.language import CatalogError
    from advisor.catalog.offerings import load_offerings

    with pytest.raises(CatalogError) as err:
        load_offerings(catalog)
    assert "offerings.yaml" in str(err.value) and "row_text" in str(err.value) \
        and "{partners}" in str(err.value)


def test_every_shipped_nickname_names_a_school_or_college_of_the_rows():
    """A nickname whose school or college is misspelt would name nothing: it is caught here
    for the shipped catalog (a district with its own rows may keep nicknames it has no use
    for, so loading does not refuse them)."""
    import re

    from advisor.catalog.bundle import load_catalog

    catalog = load_catalog(CATALOG)
    reading = catalog.offerings.reading
    schools = {r.school for r in catalog.districts.pathways}
    colleges = {c.strip() for r in catalog.districts.pathways
                for c in re.split(r"[;,]", r.college_partner or "") if c.strip()}
    assert set(reading.school_aliases) - schools == set()
    assert set(reading.college_aliases) - colleges == set()
