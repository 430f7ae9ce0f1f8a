"""The catalog: every quote verbatim in its source, aliases, sectors, district CSVs."""

from __future__ import annotations

import pytest
from conftest import ROOT

from advisor.catalog import PATHWAY_IDS, find_pathways, load_pathways
from advisor.catalog.districts import COLUMNS, load_districts
from advisor.catalog.sectors import load_sectors, match_interests
from advisor.documents import load

KNOWLEDGE = ROOT / "knowledge"
CATALOG = KNOWLEDGE / "catalog"


def _norm(text: str) -> str:
    return " ".join(text.split())


def _ingested_text(source_id: str) -> str:
    return _norm(load(KNOWLEDGE / source_id, KNOWLEDGE).text)


def _all_citations():
    from advisor.catalog.bundle import load_catalog

    cat = load_catalog(CATALOG)
    for group in (cat.glossary, cat.rulings):
        for item in group:
            yield item.id, item.source, item.quote
    for named in cat.lists:
        yield named.id, named.source, named.quote
        for item in named.items:
            yield f"{named.id}.{item.name}", item.source, item.quote
    from advisor.catalog.pathways import load_declared

    # as written: every dated version's reference and each side of a conflict too
    for p in load_declared(CATALOG).values():
        for c in p.criteria:
            yield c.id, c.source, c.quote
            for j, v in enumerate(c.values):
                yield f"{c.id}.values[{j}]", v.reference.source, v.reference.quote
        for k, f in p.facts.items():
            yield f"{p.id}.facts.{k}", f.source, f.quote
        for i, n in enumerate(p.notes):
            cited = [("", n)] if n.source else []
            cited += [(f".values[{j}]", v) for j, v in enumerate(n.values)]
            cited += [(f".conflict[{j}]", c) for j, c in enumerate(n.conflict)]
            for suffix, item in cited:
                yield f"{p.id}.notes[{i}]{suffix}", item.source, item.quote


@pytest.mark.parametrize("cid,source,quote", list(_all_citations()),
                         ids=[c[0] for c in _all_citations()])
def test_every_quote_is_verbatim_in_its_ingested_source(cid, source, quote):
    assert _norm(quote) in _ingested_text(source), f"{cid}: quote not found in {source}"


def test_criterion_ids_match_the_contract():
    types = load_pathways(CATALOG)
    assert set(types) == set(PATHWAY_IDS)
    ids = {p: [c.id for c in t.criteria] for p, t in types.items()}
    assert ids == {
        "icp": ["icp.courses", "icp.technical", "icp.college_level", "icp.wbl", "icp.mycap",
                "icp.masscore"],
        "early-college": ["ec.credits", "ec.masscore"],
        "cte": ["cte.hours", "cte.credential", "cte.wbl", "cte.masscore"],
        "career-connections": ["cc.courses", "cc.wbl", "cc.masscore"],
        "masscore": ["masscore.english", "masscore.math", "masscore.science",
                     "masscore.history", "masscore.world_language", "masscore.arts",
                     "masscore.additional", "masscore.pe"],
    }


@pytest.mark.parametrize("text,expected", [
    ("Does my son qualify for the Innovation Pathway?", ["icp"]),
    ("what about early college", ["early-college"]),
    ("is voc school better than ICP", ["cte", "icp"]),
    ("Chapter 74 hours", ["cte"]),
    ("a perkins-only program", ["career-connections"]),
    ("how many units does MassCore need", ["masscore"]),
    ("what is the weather today", []),
])
def test_aliases_find_pathways(text, expected):
    assert find_pathways(text, load_pathways(CATALOG)) == expected


def test_sectors_and_interest_matching():
    sectors = load_sectors(CATALOG)
    assert len(sectors) == 6
    matched = [s for s, _ in match_interests("I like fixing cars and computers", sectors)]
    assert matched[:2] and set(matched) >= {"advanced-manufacturing", "information"}
    assert match_interests("nothing in particular", sectors) == []


def test_sample_district_catalog_loads_clean_and_is_labelled():
    catalog = load_districts(CATALOG.parent.parent / "tests" / "data",
                             set(load_sectors(CATALOG)))
    assert catalog.errors == []
    assert len(catalog.pathways) >= 6
    assert all(p.sample and "SAMPLE" in p.district for p in catalog.pathways)
    assert {p.type for p in catalog.pathways} >= {"icp", "cte", "early-college",
                                                  "career-connections"}


def test_every_csv_problem_names_file_row_and_column(tmp_path):
    header = ",".join(COLUMNS)
    good = "D,S,Health,icp,information,9-12,A; B,,3,0,E,c@x"
    (tmp_path / "a.csv").write_text("\n".join([
        header, good,
        "D,S,Bad type,vocational,,9-12,,,,,,",         # row 3: type
        "D,S,Bad sector,icp,space,9-12,,,,,,",          # row 4: sector
        "D,S,Bad credits,icp,,9-12,,,lots,,,",          # row 5: college_credits
        "D,S,Negative cost,icp,,9-12,,,,-5,,",          # row 6: cost_to_family
        "D,S,Bad grades,icp,,twelve,,,,,,",             # row 7: grades
        "D,,No school,icp,,9-12,,,,,,",                 # row 8: school
        "D,S,Too many,icp,,9-12,,,,,,,extra",           # row 9: (row)
    ]))
    (tmp_path / "b.csv").write_text("district,school,pathway\nD,S,P\n")
    catalog = load_districts(tmp_path, set(load_sectors(CATALOG)))
    assert [p.pathway_name for p in catalog.pathways] == ["Health"]
    found = {(e.file, e.row, e.column) for e in catalog.errors}
    assert {("a.csv", 3, "type"), ("a.csv", 4, "sector"), ("a.csv", 5, "college_credits"),
            ("a.csv", 6, "cost_to_family"), ("a.csv", 7, "grades"), ("a.csv", 8, "school"),
            ("a.csv", 9, "(row)"), ("b.csv", 1, "pathway_name"), ("b.csv", 1, "pathway")} <= found
    for e in catalog.errors:
        assert str(e).startswith(f"{e.file}, row {e.row}, column '{e.column}'")
    # Every bad data row is reported: none silently vanished.
    assert {e.row for e in catalog.errors if e.file == "a.csv"} == set(range(3, 10))


def test_a_glossary_typo_names_the_file_term_and_key(tmp_path):
    import shutil

    from advisor.catalog.bundle import load_catalog
    from advisor.catalog.language import CatalogError

    folder = tmp_path / "catalog"
    shutil.copytree(CATALOG, folder)
    path = folder / "glossary.yaml"
    path.write_text(path.read_text("utf-8").replace("related: [masstransfer-block]",
                                                    "related: [mastransfer-block]"), "utf-8")
    with pytest.raises(CatalogError, match=r"glossary.yaml: gened-transfer-block: key "
                                           r"'related': no term with id 'mastransfer-block'"):
        load_catalog(folder)
