"""Pathways Advisor: cited, offline guidance on Massachusetts career pathways."""

from advisor import offline as _offline  # noqa: F401  (must run before heavy imports)

__version__ = "0.1.0"
