from advisor.retrieval.retriever import PathwaysRetriever
from advisor.retrieval.searcher import MODES, Searcher

__all__ = ["MODES", "PathwaysRetriever", "Searcher"]
