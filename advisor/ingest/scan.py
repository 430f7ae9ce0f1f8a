"""Which files under knowledge/guidance are sources.

The listing lives in `advisor.documents` so that commands which only read the files
(`advisor sources`, plan checks) need not import the index and the model with this package.
"""

from __future__ import annotations

from advisor.documents import guidance_files

__all__ = ["guidance_files"]
