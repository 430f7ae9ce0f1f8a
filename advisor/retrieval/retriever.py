"""The searcher as a LangChain retriever, so it composes with chains."""

from __future__ import annotations

from typing import Any

from langchain_core.callbacks import CallbackManagerForRetrieverRun
from langchain_core.documents import Document
from langchain_core.retrievers import BaseRetriever
from pydantic import ConfigDict


class PathwaysRetriever(BaseRetriever):
    """Hybrid (or dense / lexical) retrieval over the guidance index."""

    model_config = ConfigDict(arbitrary_types_allowed=True)

    searcher: Any
    k: int = 5
    mode: str = "hybrid"
    filter: dict | None = None

    def _get_relevant_documents(self, query: str, *, run_manager: CallbackManagerForRetrieverRun,
                                **kwargs: Any) -> list[Document]:
        k = kwargs.get("k", self.k)
        hits = self.searcher.search(query, k=k, mode=kwargs.get("mode", self.mode),
                                    where=kwargs.get("filter", self.filter))
        return [Document(page_content=h.text, id=h.chunk_id,
                         metadata=h.model_dump(exclude={"text"})) for h in hits]
