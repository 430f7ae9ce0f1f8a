"""The notice an answer gets when it quotes a source older than the stale limit."""

from __future__ import annotations

from datetime import date

from advisor.documents.dated import is_stale


def stale_notices(citations, limit_days: int, wording, today: date | None = None) -> list[str]:
    """One notice per stale source cited, in citation order; `wording` is the catalog's
    `phrases.stale`. An undated source gets none: its age is unknown, and its citation
    already shows it is undated."""
    today = today or date.today()
    out, seen = [], set()
    for c in citations:
        if c.source not in seen and is_stale(c.updated, limit_days, today):
            seen.add(c.source)
            out.append(wording.text(c.title, c.updated, limit_days))
    return out
