"""Score the career matcher on a phrasing set (eval/careers.jsonl).

Each line: {"id", "text", "programs": [acceptable program names], "sectors": [acceptable
sector ids, empty when no ICP sector fits]}.
- top3_program_accuracy: an acceptable program is among the first three programs;
- sector_accuracy: over rows with acceptable sectors, the first sector returned is one;
- no_sector_agreement: over rows with none, the first program has no related sector.
"""

from __future__ import annotations

import json
import statistics
import time
from pathlib import Path


def load(path: Path) -> list[dict]:
    rows = []
    for n, line in enumerate(path.read_text(encoding="utf-8").splitlines(), 1):
        if line.strip():
            row = json.loads(line)
            for key in ("id", "text", "programs", "sectors"):
                if key not in row:
                    raise SystemExit(f"{path}:{n}: a phrasing needs '{key}'")
            rows.append(row)
    return rows


def score(rows: list[dict], match) -> dict:
    """`match(text) -> CareerMatch`."""
    match("warm up")
    hits, sector_hits, no_sector, misses, times = 0, [], [], [], []
    for row in rows:
        t = time.perf_counter()
        found = match(row["text"])
        times.append((time.perf_counter() - t) * 1000)
        names = [p.program.name for p in found.programs]
        ok = any(n in row["programs"] for n in names[:3])
        hits += ok
        if row["sectors"]:
            sector_ok = bool(found.sectors) and found.sectors[0].id in row["sectors"]
            sector_hits.append(sector_ok)
        else:
            sector_ok = not (found.programs and found.programs[0].program.sectors)
            no_sector.append(sector_ok)
        if not ok or not sector_ok:
            misses.append({"id": row["id"], "expected": row["programs"][:1], "got": names[:3],
                           "sectors": [s.id for s in found.sectors][:2]})
    ordered = sorted(times)
    return {"phrasings": len(rows),
            "top3_program_accuracy": round(hits / len(rows), 4) if rows else None,
            "sector_accuracy": round(statistics.mean(sector_hits), 4) if sector_hits else None,
            "no_sector_agreement": round(statistics.mean(no_sector), 4) if no_sector else None,
            "match_p95_ms": round(ordered[int(0.95 * (len(ordered) - 1))], 2) if ordered else None,
            "misses": misses}


def evaluate(path: Path) -> dict:
    from advisor.assistant import Advisor
    from advisor.config import get_settings

    return score(load(path), Advisor(get_settings()).careers)
