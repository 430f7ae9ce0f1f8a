"""Search over the shipped guidance finds the right source, in every mode."""

from __future__ import annotations

import json

import pytest
from builders import write_pdf
from conftest import make_settings, run_cli

from advisor.ingest import Ingester
from advisor.retrieval import PathwaysRetriever, Searcher

# Paraphrases that avoid the documents' own wording where they can.
PARAPHRASES = [
    ("how long does an internship have to be for the innovation pathway", "maicp-about"),
    ("which industries can an innovation pathway be in", "maicp-about"),
    ("is the innovation pathway free or do we pay tuition", "maicp-about"),
    ("how many college credits does early college give", "early-college"),
    ("does early college cost my family money", "early-college"),
    ("how many shop hours in a vocational program", "chapter-74-cte"),
    ("how many years of math are recommended in high school", "masscore"),
    ("can computer science replace a science class", "masscore"),
    ("can voc students skip foreign language", "masscore"),
    ("signature experiences of each pathway type for the state", "dese-pathways-strategies"),
    ("steps for a district to plan a system of pathways and build a coalition",
     "district-wide-system-of-pathways"),
    ("which school districts in other states run good career pathway programs",
     "national-pathway-exemplars"),
    ("what is P-TECH", "national-pathway-exemplars"),
    ("what goes into my career and academic plan portfolio", "mycap"),
    ("which trades cannot be offered as locally developed programs", "career-connections"),
]


@pytest.fixture(scope="module")
def indexed(tmp_path_factory, embeddings):
    import shutil

    from conftest import GUIDANCE

    tmp = tmp_path_factory.mktemp("search")
    shutil.copytree(GUIDANCE, tmp / "knowledge" / "guidance")
    write_pdf(tmp / "knowledge" / "guidance" / "handbook.pdf",
              ["Chapter one: the welding shop and its safety rules.",
               "Chapter two: the school-year co-op schedule with local employers.",
               "Chapter three: the dental assisting clinic."], title="Student Handbook")
    settings = make_settings(tmp)
    Ingester(settings, embeddings=embeddings).run()
    return settings, Searcher(settings, embeddings=embeddings)


def _stem(source: str) -> str:
    return source.rsplit("/", 1)[-1].rsplit(".", 1)[0]


@pytest.mark.parametrize("mode", ["dense", "lexical", "hybrid"])
def test_paraphrased_questions_find_their_source(indexed, mode):
    _, searcher = indexed
    ranks = {}
    for question, stem in PARAPHRASES:
        stems = [_stem(h.source) for h in searcher.search(question, k=5, mode=mode)]
        ranks[question] = stems.index(stem) + 1 if stem in stems else None
    missing = [q for q, r in ranks.items() if r is None]
    assert not missing, f"{mode}: source not in top 5 for {missing}"
    top1 = sum(1 for r in ranks.values() if r == 1) / len(ranks)
    assert top1 >= {"dense": 0.8, "lexical": 0.6, "hybrid": 0.8}[mode], ranks


def test_results_carry_score_source_title_section_and_page(indexed):
    _, searcher = indexed
    hits = searcher.search("co-op schedule with employers", k=3)
    pdf = next(h for h in hits if h.source == "guidance/handbook.pdf")
    assert (pdf.title, pdf.page, pdf.section) == ("Student Handbook", 2, None)
    md = searcher.search("MyCAP online portfolio platforms", k=1)[0]
    assert md.source == "guidance/mycap.md" and md.page is None and md.section
    assert all(a.score >= b.score for a, b in zip(hits, hits[1:], strict=False))


@pytest.mark.parametrize("mode", ["dense", "lexical", "hybrid"])
def test_metadata_filter_limits_sources(indexed, mode):
    _, searcher = indexed
    where = {"source": "guidance/national-pathway-exemplars.md"}
    hits = searcher.search("internship hours", k=5, mode=mode, where=where)
    assert hits and {h.source for h in hits} == {where["source"]}
    page = searcher.search("dental clinic", k=5, mode=mode, where={"page": 3})
    assert page and {(h.source, h.page) for h in page} == {("guidance/handbook.pdf", 3)}


def test_hybrid_fuses_both_sides(indexed):
    _, searcher = indexed
    hits = searcher.search("100-hour internship or capstone", k=5)
    assert any(h.dense is not None and h.lexical is not None for h in hits)


def test_empty_query_and_unknown_mode(indexed):
    _, searcher = indexed
    assert searcher.search("   ", k=5) == []
    assert searcher.lexical().search("zzzqqq xyzzy", k=5) == []
    with pytest.raises(ValueError, match="unknown search mode 'fuzzy'"):
        searcher.search("x", mode="fuzzy")


def test_langchain_retriever_composes(indexed):
    from langchain_core.runnables import RunnableLambda

    _, searcher = indexed
    chain = PathwaysRetriever(searcher=searcher, k=2) | RunnableLambda(
        lambda docs: [d.metadata["source"] for d in docs])
    sources = chain.invoke("Early College tuition for families")
    assert len(sources) == 2 and sources[0] == "guidance/early-college.md"
    docs = PathwaysRetriever(searcher=searcher, k=3, mode="lexical").invoke("P-TECH IBM")
    assert [d.metadata["source"] for d in docs] == ["guidance/national-pathway-exemplars.md"]
    docs = PathwaysRetriever(searcher=searcher, k=3, mode="lexical").invoke("internship hours")
    assert len(docs) == 3 and all(d.metadata["lexical"] > 0 for d in docs)


def test_search_cli_json_contract(indexed):
    settings, _ = indexed
    proc = run_cli("-m", "advisor", "search", "how many hours of immersive learning",
                   "--k", "3", "--mode", "hybrid", "--db", settings.db, "--json")
    assert proc.returncode == 0, proc.stderr
    results = json.loads(proc.stdout)["results"]
    assert len(results) == 3
    for r in results:
        assert set(r) == {"source", "title", "chunk_id", "page", "section", "score", "text"}
    assert any(_stem(r["source"]) in {"chapter-74-cte", "dese-pathways-strategies"}
               for r in results)
