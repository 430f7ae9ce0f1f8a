from advisor.catalog.pathways import PATHWAY_IDS, CatalogError, find_pathways, load_pathways

__all__ = ["PATHWAY_IDS", "CatalogError", "find_pathways", "load_pathways"]
