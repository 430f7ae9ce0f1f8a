"""LangChain's standard retriever suite against PathwaysRetriever."""

from __future__ import annotations

import shutil

import pytest
from conftest import GUIDANCE, make_settings
from langchain_tests.integration_tests import RetrieversIntegrationTests

from advisor.ingest import Ingester
from advisor.retrieval import PathwaysRetriever, Searcher


class TestPathwaysRetrieverStandard(RetrieversIntegrationTests):
    searcher: Searcher | None = None

    @pytest.fixture(autouse=True, scope="class")
    @classmethod
    def _index(cls, tmp_path_factory, embeddings):
        tmp = tmp_path_factory.mktemp("std")
        shutil.copytree(GUIDANCE, tmp / "knowledge" / "guidance")
        settings = make_settings(tmp)
        Ingester(settings, embeddings=embeddings).run()
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
