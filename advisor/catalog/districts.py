"""District pathway catalogs: CSV files a counselor drops into knowledge/catalog/districts/.

Every row is validated; a bad row is reported with its file, row and column and
is never silently dropped.
"""

from __future__ import annotations

import csv
from dataclasses import dataclass, field
from pathlib import Path

from pydantic import BaseModel

from advisor.catalog.pathways import PATHWAY_IDS

COLUMNS = ["district", "school", "pathway_name", "type", "sector", "grades", "course_sequence",
           "college_partner", "college_credits", "cost_to_family", "employer_partners",
           "contact"]
REQUIRED = ["district", "school", "pathway_name", "type"]


class DistrictPathway(BaseModel):
    district: str
    school: str
    pathway_name: str
    type: str
    sector: str | None = None
    grades: tuple[int, int] | None = None
    course_sequence: list[str] = []
    college_partner: str | None = None
    college_credits: float | None = None
    cost_to_family: float | None = None
    employer_partners: list[str] = []
    contact: str | None = None
    file: str = ""
    sample: bool = False


@dataclass
class RowError:
    file: str
    row: int  # 1-based line number in the file; the header is row 1
    column: str
    message: str

    def __str__(self) -> str:
        return f"{self.file}, row {self.row}, column '{self.column}': {self.message}"


@dataclass
class DistrictCatalog:
    pathways: list[DistrictPathway] = field(default_factory=list)
    errors: list[RowError] = field(default_factory=list)


def _number(text: str, column: str, errors: list, where) -> float | None:
    if not text:
        return None
    try:
        value = float(text.replace("$", "").replace(",", ""))
    except ValueError:
        errors.append(where(column, f"not a number: {text!r}"))
        return None
    if value < 0:
        errors.append(where(column, f"must not be negative: {text!r}"))
        return None
    return value


def _grades(text: str, errors: list, where) -> tuple[int, int] | None:
    if not text:
        return None
    parts = text.replace("–", "-").split("-")
    try:
        low, high = (int(parts[0]), int(parts[-1]))
    except ValueError:
        errors.append(where("grades", f"not a grade range like 9-12: {text!r}"))
        return None
    if not (6 <= low <= high <= 14) or len(parts) > 2:
        errors.append(where("grades", f"not a grade range like 9-12: {text!r}"))
        return None
    return low, high


def _row(raw: dict, file: str, line: int, sectors: set[str], errors: list):
    before = len(errors)

    def where(column: str, message: str) -> RowError:
        return RowError(file, line, column, message)

    values = {k: (raw.get(k) or "").strip() for k in COLUMNS}
    for column in REQUIRED:
        if not values[column]:
            errors.append(where(column, "is empty"))
    if values["type"] and values["type"] not in PATHWAY_IDS:
        errors.append(where("type", f"unknown pathway type {values['type']!r}; use one of "
                            + ", ".join(PATHWAY_IDS)))
    if values["sector"] and values["sector"] not in sectors:
        errors.append(where("sector", f"unknown sector {values['sector']!r}"))
    credits = _number(values["college_credits"], "college_credits", errors, where)
    cost = _number(values["cost_to_family"], "cost_to_family", errors, where)
    grades = _grades(values["grades"], errors, where)
    if len(errors) > before:
        return None
    return DistrictPathway(
        district=values["district"], school=values["school"],
        pathway_name=values["pathway_name"], type=values["type"],
        sector=values["sector"] or None, grades=grades,
        course_sequence=[c.strip() for c in values["course_sequence"].split(";") if c.strip()],
        college_partner=values["college_partner"] or None, college_credits=credits,
        cost_to_family=cost,
        employer_partners=[e.strip() for e in values["employer_partners"].split(";")
                           if e.strip()],
        contact=values["contact"] or None, file=file,
        sample=Path(file).name.lower().startswith("sample"))


def load_districts(folder: Path, sectors: set[str]) -> DistrictCatalog:
    out = DistrictCatalog()
    for path in sorted(folder.glob("*.csv")):
        name = path.name
        try:
            text = path.read_text(encoding="utf-8-sig")
        except (OSError, UnicodeDecodeError) as exc:
            out.errors.append(RowError(name, 0, "(file)", f"cannot read: {exc}"))
            continue
        reader = csv.DictReader(text.splitlines())
        header = reader.fieldnames or []
        missing = [c for c in COLUMNS if c not in header]
        unknown = [c for c in header if c not in COLUMNS]
        if missing or unknown:
            for c in missing:
                out.errors.append(RowError(name, 1, c, "column is missing from the header"))
            for c in unknown:
                out.errors.append(RowError(name, 1, c, "unknown column"))
            continue
        for line, raw in enumerate(reader, start=2):
            if None in raw:
                out.errors.append(RowError(name, line, "(row)", "more cells than columns"))
                continue
            row = _row(raw, name, line, sectors, out.errors)
            if row:
                out.pathways.append(row)
    return out
