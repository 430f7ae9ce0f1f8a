"""Choosing the sentences an answer quotes: pure functions over hand-made passages."""

from __future__ import annotations

from advisor.passages.sentences import sentences
from advisor.passages.support import best_sentences
from advisor.store.hit import Hit


def hit(text, section="Section", title="A guide", rank=0):
    return Hit(source="guidance/x.md", title=title, chunk_id=f"c{rank}", section=section,
               score=1.0 - rank / 10, text=text)


def test_a_short_list_stays_with_its_lead_in_and_initials_do_not_split():
    text = ("The plan has three parts. These priorities include:\n\n1. Build a system\n"
            "2. Scale work-based learning\n3. Join the data\n\nHistory: 3 units, including "
            "U.S. History and World History.\nArts: 1 unit.\n### Heading line\nok")
    got = sentences(text)
    assert got[0] == "The plan has three parts."
    assert got[1] == ("These priorities include: 1. Build a system 2. Scale work-based "
                      "learning 3. Join the data")
    assert "History: 3 units, including U.S. History and World History." in got
    assert "Arts: 1 unit." in got  # short, but it carries a figure
    assert not any(s.startswith("#") for s in got) and "ok" not in got


def test_a_long_list_is_quoted_item_by_item():
    items = "\n".join(f"- Item number {i} with enough words to be a sentence" for i in range(12))
    got = sentences("Everything that counts:\n" + items)
    assert "Item number 3 with enough words to be a sentence" in got


def test_rare_words_outweigh_common_ones():
    idf = {"platform": 3.0, "mycap": 1.0, "pathway": 0.2}.get
    hits = [hit("Every pathway needs a MyCAP for each pathway student in the pathway."),
            hit("Schools keep a MyCAP on an online platform such as MEFA.", rank=1)]
    (first, sentence), *_ = best_sentences("which platform holds a mycap pathway", hits,
                                           idf=lambda t: idf(t, 1.0))
    assert "MEFA" in sentence


def test_a_share_question_prefers_the_percentage():
    hits = [hit("Early College graduates were first designated in May 2018 by the boards."),
            hit("Of Early College graduates, 66% enrolled in college right away.", rank=1)]
    assert "66%" in best_sentences("what share of early college graduates", hits)[0][1]


def test_strict_answers_need_two_shared_words_and_a_named_statistic():
    hits = [hit("P-TECH prepares students for technical careers with IBM.", section="P-TECH"),
            hit("In 2025, 66% of graduates enrolled in college.", section="Results", rank=1)]
    question = "what is the graduation rate at worcester tech"
    assert best_sentences(question, hits) != []
    assert best_sentences(question, hits, strict=True) == []
    stated = [hit("Worcester Tech reports a graduation rate of 95% in 2024.")]
    assert best_sentences(question, stated, strict=True) != []


def test_section_heading_words_count_toward_a_match():
    hits = [hit("This section covers phases 1 and 2 of district work.", section="Unit 2"),
            hit("This section builds a broad coalition of partners.", section="Unit 3", rank=1)]
    assert "coalition" in best_sentences("what is in unit 3", hits)[0][1]
