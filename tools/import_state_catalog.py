"""Turn the rows gathered from public pages (../shared/catalog) into the product's statewide
catalog files in knowledge/catalog/districts/.

Run again when the gathered rows change:
    .venv/bin/python tools/import_state_catalog.py ../shared/catalog

Each output row keeps its page's URL, date, confidence mark and notes. The page's sector name
is kept in `sector_label` and mapped to a sector id through the `labels` in sectors.yaml;
a label no sector claims leaves `sector` blank rather than guessing.
"""

from __future__ import annotations

import csv
import sys
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]
sys.path.insert(0, str(ROOT))

from advisor.catalog.districts import ALL_COLUMNS  # noqa: E402
from advisor.catalog.sectors import load_sectors  # noqa: E402

CATALOG = ROOT / "knowledge" / "catalog"
OUT = CATALOG / "districts"
# The day the rows were read from their pages (the gathered folder's README).
RETRIEVED = "2026-11-24"


def _read(folder: Path, name: str) -> list[dict]:
    with open(folder / name, encoding="utf-8", newline="") as fh:
        return [{k: (v or "").strip() for k, v in row.items()} for row in csv.DictReader(fh)]


def _notes(rows: list[dict], notes: list[dict], key: str) -> list[str]:
    """The notes file has one line per data row, in the same order; check that it does."""
    if len(rows) != len(notes):
        raise SystemExit(f"{key}: {len(rows)} rows but {len(notes)} notes")
    out = []
    for n, (row, note) in enumerate(zip(rows, notes, strict=True), start=2):
        if (row["school"], row["source_url"]) != (note["school"], note["source_url"]):
            raise SystemExit(f"{key} row {n}: the notes line is about another row")
        out.append(next(v for k, v in note.items() if k.startswith("notes")))
    return out


def _sector_ids() -> dict[str, str]:
    return {label.lower(): s.id for s in load_sectors(CATALOG).values()
            for label in (s.name, *s.labels)}


def _row(**values) -> dict:
    return {c: values.get(c, "") for c in ALL_COLUMNS}


def icp(folder: Path) -> list[dict]:
    rows = _read(folder, "icp.csv")
    notes = _notes(rows, _read(folder, "icp_notes.csv"), "icp.csv")
    sectors = _sector_ids()
    out = []
    for row, note in zip(rows, notes, strict=True):
        label = row["sector"]
        sector = sectors.get(label.lower(), "")
        # "(sector not stated)" is wrapped whole; "Construction & Related Engineering (not
        # one of the six sectors)" ends in a bracket of its own and keeps it
        wrapped = label.startswith("(") and label.endswith(")")
        name = (f"{label} Innovation Career Pathway" if sector
                else f"Innovation Career Pathway {label}" if wrapped
                else f"Innovation Career Pathway in {label}")
        out.append(_row(school=row["school"], town=row["town"], pathway_name=name, type="icp",
                        sector=sector, sector_label=label,
                        employer_partners=row["partners"],
                        year_designated=row["year_designated"], source_url=row["source_url"],
                        as_of=row["source_date"], retrieved=RETRIEVED,
                        confidence=row["confidence"], notes=note))
    return out


def early_college(folder: Path) -> list[dict]:
    rows = _read(folder, "early_college.csv")
    notes = _notes(rows, _read(folder, "early_college_notes.csv"), "early_college.csv")
    return [_row(school=row["school"], town=row["town"], type="early-college",
                 pathway_name=f"Early College with {row['college_partners']}"
                 if row["college_partners"] else "Early College",
                 college_partner=row["college_partners"],
                 year_designated=row["year_designated"], source_url=row["source_url"],
                 as_of=row["source_date"], retrieved=RETRIEVED,
                 confidence=row["confidence"], notes=note)
            for row, note in zip(rows, notes, strict=True)]


def chapter74(folder: Path) -> list[dict]:
    rows = _read(folder, "cte_programs.csv")
    notes = _notes(rows, _read(folder, "cte_notes.csv"), "cte_programs.csv")
    return [_row(school=row["school"], town=row["town"], type="cte",
                 pathway_name=row["program"], source_url=row["source_url"],
                 as_of=row["source_date"], retrieved=RETRIEVED,
                 confidence=row["confidence"], notes=note)
            for row, note in zip(rows, notes, strict=True)]


def write(name: str, rows: list[dict]) -> None:
    with open(OUT / name, "w", encoding="utf-8", newline="") as fh:
        writer = csv.DictWriter(fh, fieldnames=ALL_COLUMNS, lineterminator="\n")
        writer.writeheader()
        writer.writerows(rows)
    print(f"{name}: {len(rows)} rows")


def main(folder: Path) -> None:
    write("ma-innovation-career-pathways.csv", icp(folder))
    write("ma-early-college.csv", early_college(folder))
    write("ma-chapter-74-programs.csv", chapter74(folder))


if __name__ == "__main__":
    main(Path(sys.argv[1] if len(sys.argv) > 1 else ROOT.parent / "shared" / "catalog"))
