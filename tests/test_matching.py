"""Catalog phrases are found at word starts by plain string search."""

from __future__ import annotations

from advisor.catalog.matching import spaced, word_starts


def test_a_phrase_matches_only_where_a_word_begins_and_runs_to_the_word_end():
    hay = spaced("My Co-op and 2 internships; no print-ernships")
    found = [hay[s:e] for s, e in word_starts(hay, "intern")]
    assert found == ["internships"]  # "print ernships" does not start with "intern"
    assert [hay[s:e] for s, e in word_starts(hay, "co op")] == ["co op"]
    assert list(word_starts(hay, "intern", whole=True)) == []
    assert list(word_starts(hay, "rint")) == []  # inside a word, not at its start
