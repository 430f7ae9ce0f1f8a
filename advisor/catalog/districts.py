"""Pathway catalogs: CSV files in knowledge/catalog/districts/, one row per pathway a school
offers. The statewide files name each row's public page; a counselor can add a district's own.

Every row is validated by one pydantic model; a bad row is reported with its file, row and
column and is never silently dropped. The other rows load.
"""

from __future__ import annotations

import csv
import datetime as dt
import io
import re
from dataclasses import dataclass, field, replace
from pathlib import Path

from pydantic import BaseModel, ValidationError, ValidationInfo, field_validator, model_validator

from advisor.catalog.pathways import PATHWAY_IDS

COLUMNS = ["district", "school", "pathway_name", "type", "sector", "grades", "course_sequence",
           "college_partner", "college_credits", "cost_to_family", "employer_partners",
           "contact"]
# Added for the statewide catalog: where the row comes from and how sure it is. A file may
# leave these columns out; the statewide files carry them all.
SOURCE_COLUMNS = ["town", "sector_label", "year_designated", "source_url", "as_of", "retrieved",
                  "confidence", "notes"]
ALL_COLUMNS = COLUMNS + SOURCE_COLUMNS
HEADER_REQUIRED = COLUMNS
CONFIDENCE = {"H": "a state or district page names the school and the pathway",
              "M": "a news story, a copy of a page, or an inference noted with the row"}
_AS_OF = re.compile(r"^(c\.)?(\d{4})(?:-(\d{2}))?(?:-(\d{2}))?$")
_TOWN_PART = re.compile(r"[^()]+")


def _split(text: str) -> list[str]:
    return [part.strip() for part in text.split(";") if part.strip()]


class DistrictPathway(BaseModel):
    """One catalog row, as read from its file."""

    district: str | None = None
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
    town: str | None = None
    sector_label: str | None = None
    year_designated: int | None = None
    source_url: str | None = None
    as_of: str | None = None  # the page's own date, as precise as the page gives it
    retrieved: str | None = None  # the day the page was read
    confidence: str | None = None
    notes: str | None = None
    file: str = ""
    line: int = 0
    sample: bool = False
    record: str = ""  # the row exactly as written in its file, for citing it

    @model_validator(mode="before")
    @classmethod
    def _blank_is_absent(cls, raw: dict) -> dict:
        return {k: v for k, v in raw.items() if not (isinstance(v, str) and not v.strip())}

    @field_validator("school", "pathway_name", "type")
    @classmethod
    def _present(cls, value: str) -> str:
        if not value.strip():
            raise ValueError("is empty")
        return value.strip()

    @field_validator("type")
    @classmethod
    def _known_type(cls, value: str) -> str:
        if value not in PATHWAY_IDS:
            raise ValueError(f"unknown pathway type {value!r}; use one of "
                             + ", ".join(PATHWAY_IDS))
        return value

    @field_validator("sector")
    @classmethod
    def _known_sector(cls, value: str | None, info: ValidationInfo) -> str | None:
        sectors = (info.context or {}).get("sectors")
        if value and sectors is not None and value not in sectors:
            raise ValueError(f"unknown sector {value!r}; use one of {', '.join(sorted(sectors))}")
        return value

    @field_validator("grades", mode="before")
    @classmethod
    def _grade_range(cls, value):
        if not isinstance(value, str):
            return value
        parts = value.replace("–", "-").split("-")
        try:
            low, high = int(parts[0]), int(parts[-1])
        except ValueError:
            low = high = 0
        if len(parts) > 2 or not (6 <= low <= high <= 14):
            raise ValueError(f"not a grade range like 9-12: {value!r}")
        return low, high

    @field_validator("college_credits", "cost_to_family", mode="before")
    @classmethod
    def _amount(cls, value):
        if not isinstance(value, str):
            return value
        try:
            number = float(value.replace("$", "").replace(",", ""))
        except ValueError:
            raise ValueError(f"not a number: {value!r}") from None
        if number < 0:
            raise ValueError(f"must not be negative: {value!r}")
        return number

    @field_validator("course_sequence", "employer_partners", mode="before")
    @classmethod
    def _list(cls, value):
        return _split(value) if isinstance(value, str) else value

    @field_validator("year_designated", mode="before")
    @classmethod
    def _year(cls, value):
        if isinstance(value, str) and not (value.isdigit()
                                           and 2000 <= int(value) <= dt.date.today().year + 1):
            raise ValueError(f"not a year: {value!r}")
        return value

    @field_validator("source_url")
    @classmethod
    def _url(cls, value: str | None) -> str | None:
        if value and not re.match(r"^https?://[^\s/]+\.[^\s]+$", value):
            raise ValueError(f"not a web address: {value!r}")
        return value

    @field_validator("as_of")
    @classmethod
    def _page_date(cls, value: str | None) -> str | None:
        match = _AS_OF.match(value or "")
        if value and not match:
            raise ValueError(f"not a date like 2024, 2024-04 or 2024-04-03: {value!r}")
        if match:
            year, month, day = (int(g) if g else 1 for g in match.groups()[1:])
            try:
                dt.date(year, month, day)
            except ValueError:
                raise ValueError(f"not a real date: {value!r}") from None
        return value

    @field_validator("retrieved")
    @classmethod
    def _day(cls, value: str | None) -> str | None:
        if value:
            try:
                dt.date.fromisoformat(value)
            except ValueError:
                raise ValueError(f"not a date like 2026-11-24: {value!r}") from None
        return value

    @field_validator("confidence")
    @classmethod
    def _mark(cls, value: str | None) -> str | None:
        if value and value not in CONFIDENCE:
            raise ValueError(f"unknown confidence mark {value!r}; use one of "
                             + ", ".join(CONFIDENCE))
        return value

    @model_validator(mode="after")
    def _names_its_source(self):
        if not self.sample and not (self.source_url or self.contact):
            raise ValueError("source_url: a row must name its source page (or a contact)")
        return self

    @property
    def towns(self) -> list[str]:
        """The places the row's town names: "Boston (Charlestown)" is Boston and Charlestown."""
        return [p.strip() for p in _TOWN_PART.findall(self.town or "") if p.strip()]

    @property
    def dated(self) -> str:
        """When the row's facts are from, in words."""
        if self.as_of:
            return f"page dated {self.as_of}"
        if self.retrieved:
            return f"page undated, read {self.retrieved}"
        return "undated"


@dataclass
class RowError:
    file: str
    row: int  # 1-based line number in the file; the header is row 1
    column: str
    message: str
    # the bad row's school and pathway as written, so ingest can keep that row's last good
    # version even when rows above it moved
    key: tuple[str, str] | None = None

    def __str__(self) -> str:
        if self.column == "(file)":  # the whole file: no row or column to point at
            return f"{self.file}: {self.message}"
        return f"{self.file}, row {self.row}, column '{self.column}': {self.message}"


@dataclass
class DistrictCatalog:
    pathways: list[DistrictPathway] = field(default_factory=list)
    errors: list[RowError] = field(default_factory=list)

    @property
    def towns(self) -> list[str]:
        return sorted({t for r in self.pathways for t in r.towns})

    @property
    def has_sample(self) -> bool:
        return any(r.sample for r in self.pathways)


def _errors(exc: ValidationError, file: str, line: int) -> list[RowError]:
    out = []
    for err in exc.errors():
        message = str(err["msg"]).removeprefix("Value error, ")
        column = str(err["loc"][0]) if err["loc"] else "(row)"
        if err["type"] == "missing":
            message = "is empty"
        elif column == "(row)" and ": " in message and message.split(":")[0] in ALL_COLUMNS:
            column, message = message.split(": ", 1)
        out.append(RowError(file, line, column, message))
    return out


def read_file(path: Path, sectors: set[str]) -> DistrictCatalog:
    out = DistrictCatalog()
    name = path.name
    try:
        text = path.read_text(encoding="utf-8-sig")
    except (OSError, UnicodeDecodeError) as exc:
        out.errors.append(RowError(name, 0, "(file)", f"cannot read: {exc}"))
        return out
    if "\x00" in text:
        out.errors.append(RowError(name, 0, "(file)", "is not a text CSV file"))
        return out
    if not text.strip():  # one problem, not one per column the missing header lacks
        out.errors.append(RowError(name, 1, "(file)", "is empty: no header row naming the "
                                   "columns, and no rows"))
        return out
    lines = text.splitlines()
    reader = csv.DictReader(io.StringIO(text, newline=""))
    header = reader.fieldnames or []
    if not any(h.strip() for h in header):
        out.errors.append(RowError(name, 1, "(file)", "row 1 is blank: it must be the header "
                                   "row naming the columns"))
        return out
    missing = [c for c in HEADER_REQUIRED if c not in header]
    unknown = [c for c in header if c not in ALL_COLUMNS]
    if missing or unknown or not header:
        out.errors += [RowError(name, 1, c, "column is missing from the header") for c in missing]
        out.errors += [RowError(name, 1, c, "unknown column") for c in unknown]
        return out
    sample = name.lower().startswith("sample")
    # Rows are counted as a spreadsheet shows them: the header is row 1.
    end = 1
    seen: dict[tuple, int] = {}
    for line, raw in enumerate(reader, start=2):
        start, end = end, reader.line_num
        if None in raw:
            out.errors.append(RowError(name, line, "(row)", "more cells than columns"))
            continue
        cells = tuple((v or "").strip() for v in raw.values())
        if cells in seen:  # a pasted row twice would be one index record cited twice
            out.errors.append(RowError(name, line, "(row)", f"repeats row {seen[cells]}"))
            continue
        seen[cells] = line
        try:
            out.pathways.append(DistrictPathway.model_validate(
                {**raw, "file": name, "line": line, "sample": sample,
                 "record": "\n".join(lines[start:end])},
                context={"sectors": sectors}))
        except ValidationError as exc:
            key = ((raw.get("school") or "").strip(), (raw.get("pathway_name") or "").strip())
            out.errors += [replace(e, key=key) for e in _errors(exc, name, line)]
    return out


def load_districts(folder: Path, sectors: set[str]) -> DistrictCatalog:
    out = DistrictCatalog()
    for path in sorted(folder.glob("*.csv")):
        one = read_file(path, sectors)
        out.pathways += one.pathways
        out.errors += one.errors
    return out
