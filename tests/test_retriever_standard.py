"""LangChain's standard retriever suite against PathwaysRetriever."""

from __future__ import annotations

import pytest
from conftest import indexed_copy
from langchain_tests.integration_tests import RetrieversIntegrationTests

from advisor.retrieval import PathwaysRetriever, Searcher


class TestPathwaysRetrieverStandard(RetrieversIntegrationTests):
    searcher: Searcher | None = None

    @pytest.fixture(autouse=True, scope="class")
    @classmethod
    def _index(cls, tmp_path_factory, embeddings):
        settings = indexed_copy(tmp_path_factory.mktemp("std"), embeddings, catalog=False)
        cls.searcher = Searcher(settings, embeddings=embeddings)

    @property
    def retriever_constructor(self) -> type[PathwaysRetriever]:
        return PathwaysRetriever

    @property
    def retriever_constructor_params(self) -> dict:
        return {"searcher": TestPathwaysRetrieverStandard.searcher}

    @property
    def retriever_query_example(self) -> str:
        return "What does an Innovation Career Pathway require?"
