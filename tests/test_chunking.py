"""Chunks fit the model, keep structure and have stable ids."""

from __future__ import annotations

from builders import write_pdf
from conftest import GUIDANCE

from advisor.chunking import chunk_source, splitter
from advisor.documents import load
from advisor.model import model_path, token_counter

COUNT = token_counter(model_path())


def _chunks(path, size=200, overlap=40):
    return chunk_source(load(path, path.parents[1]), splitter(COUNT, size, overlap))


def test_no_chunk_exceeds_the_model_window():
    for path in GUIDANCE.iterdir():
        for chunk in _chunks(path):
            assert COUNT(chunk.page_content) + 2 <= 256  # + [CLS] and [SEP]


def test_small_chunks_overlap_and_stay_in_their_section():
    chunks = _chunks(GUIDANCE / "national-pathway-exemplars.md", size=60, overlap=20)
    by_section: dict[str, list[str]] = {}
    for c in chunks:
        by_section.setdefault(c.metadata["section"], []).append(c.page_content)
    long = [texts for texts in by_section.values() if len(texts) > 1]
    assert long, "a 60-token limit must split some section"
    overlapping = sum(1 for texts in long for a, b in zip(texts, texts[1:], strict=False)
                      if a.split()[-1] in b.split()[:20])
    assert overlapping >= 1
    source_text = load(GUIDANCE / "national-pathway-exemplars.md", GUIDANCE.parent).text
    norm = " ".join(source_text.split())
    for c in chunks:
        assert " ".join(c.page_content.split()) in norm  # chunk text is verbatim source text


def test_ids_are_stable_and_depend_on_text(tmp_path):
    a = _chunks(GUIDANCE / "maicp-about.md")
    b = _chunks(GUIDANCE / "maicp-about.md")
    assert [c.id for c in a] == [c.id for c in b]
    assert len({c.id for c in a}) == len(a)
    assert all(c.metadata["n_chunks"] == len(a) for c in a)


def test_a_chunk_never_spans_two_pdf_pages(tmp_path):
    d = tmp_path / "k" / "guidance"
    d.mkdir(parents=True)
    long_page = " ".join(f"Sentence {i} about apprenticeship wages." for i in range(30))
    path = write_pdf(d / "long.pdf", [long_page, "Second page on dual enrollment."])
    source = load(path, path.parents[1])
    pages = {u.metadata["page"]: " ".join(u.page_content.split()) for u in source.units}
    chunks = chunk_source(source, splitter(COUNT, 80, 10))
    assert len(chunks) > len(pages) >= 2
    for c in chunks:
        assert " ".join(c.page_content.split()) in pages[c.metadata["page"]]
    assert any("dual enrollment" in c.page_content and c.metadata["page"] == 2 for c in chunks)
