"""Reading a roster CSV: the header matched to the known columns, every row's cells
checked, and every problem kept with its row and column instead of stopping the run."""

from __future__ import annotations

import csv
import difflib
import io
import re
from dataclasses import dataclass, field
from pathlib import Path

from advisor.roster.cells import parse_cells
from advisor.roster.columns import Columns

HEADER_ROW = 0  # problems with the header row are reported as row 0


class RosterFileError(ValueError):
    """The file as a whole cannot be read as a roster; the message names it."""


@dataclass(frozen=True)
class RosterError:
    row: int
    column: str
    error: str

    def contract(self) -> dict:
        return {"row": self.row, "column": self.column, "error": self.error}


@dataclass(frozen=True)
class RosterRow:
    row: int
    student: str
    values: dict


@dataclass
class Roster:
    rows: list[RosterRow] = field(default_factory=list)
    errors: list[RosterError] = field(default_factory=list)


def _decode(data: bytes, name: str) -> str:
    if data.startswith((b"\xff\xfe", b"\xfe\xff")):  # Excel's "Unicode text" is UTF-16
        try:
            return data.decode("utf-16")
        except UnicodeDecodeError:
            raise RosterFileError(f"{name} is not valid UTF-16 text") from None
    if b"\x00" in data:
        raise RosterFileError(f"{name} is a binary file, not a CSV roster")
    for encoding in ("utf-8-sig", "cp1252"):  # cp1252: Excel's plain "CSV" on Windows
        try:
            return data.decode(encoding)
        except UnicodeDecodeError:
            continue
    raise RosterFileError(f"{name} is not text in UTF-8; save it as 'CSV UTF-8'")


def _header_name(cell: str) -> str:
    return re.sub(r"[\s\-]+", "_", cell.strip().lower())


def _match_header(header: list[str], columns: Columns, errors: list[RosterError]) -> list:
    """The known column each header cell names, or None for a cell to ignore."""
    known, seen, out = columns.names(), set(), []
    for n, cell in enumerate(header, 1):
        name = _header_name(cell)
        if not name:
            errors.append(RosterError(HEADER_ROW, f"column {n}", "the header cell is empty"))
            out.append(None)
        elif name in seen:
            errors.append(RosterError(HEADER_ROW, name, "the column appears twice; the "
                                      "later one is ignored"))
            out.append(None)
        elif name not in known:
            near = difflib.get_close_matches(name, known, n=1, cutoff=0.75)
            hint = f"; did you mean '{near[0]}'?" if near else ""
            errors.append(RosterError(HEADER_ROW, cell.strip(),
                                      f"unknown column, ignored{hint}"))
            out.append(None)
        else:
            seen.add(name)
            out.append(name)
    return out


def _cross_check(values: dict) -> dict[str, str]:
    """Cells that are each valid but contradict one another."""
    reasons = {}
    credits, gened = values.get("college_credits"), values.get("gened_transfer_credits")
    if credits is not None and gened is not None and gened > credits:
        reasons["gened_transfer_credits"] = (f"{gened:g} GenEd transfer credits is more than "
                                             f"the {credits:g} college credits in all")
    if values.get("college_level_courses") == 0 and (credits or gened):
        column = "college_credits" if credits else "gened_transfer_credits"
        reasons[column] = "college credits are given but college_level_courses is 0"
    tech, college = values.get("technical_courses"), values.get("college_level_courses")
    in_field = values.get("career_field_courses")
    if in_field is not None and tech is not None and college is not None \
            and in_field > tech + college:
        reasons["career_field_courses"] = (f"{in_field} courses in the career field is more "
                                           f"than the {tech + college} technical and "
                                           "college-level courses in all")
    return reasons


# A cell past the csv module's default (128 KB) would stop the whole file; read it, and
# let the cell checks report it as too long.
csv.field_size_limit(16 * 1024 * 1024)


def parse_roster(text: str, name: str, columns: Columns, max_rows: int) -> Roster:
    roster = Roster()
    reader = csv.reader(io.StringIO(text, newline=""))
    try:
        header = next((r for r in reader if any(c.strip() for c in r)), None)
        if header is None:
            raise RosterFileError(f"{name} is empty: it needs a header row naming its columns "
                                  f"({', '.join(columns.names()[:4])}, ...)")
        names = _match_header(header, columns, roster.errors)
        if not any(names):
            raise RosterFileError(f"{name} names none of the roster columns in its first row "
                                  f"(expected {', '.join(columns.names()[:4])}, ...)")
        for number, record in enumerate(reader, 1):
            if number > max_rows:
                roster.errors.append(RosterError(number, "", f"the roster has more than "
                                                 f"{max_rows} rows; split it and check the "
                                                 "rest separately"))
                break
            _read_row(roster, number, record, names, columns)
    except csv.Error as exc:
        raise RosterFileError(f"{name}, line {reader.line_num}: {exc}") from None
    if not roster.rows and not any(e.row > HEADER_ROW for e in roster.errors):
        roster.errors.append(RosterError(HEADER_ROW, "", "the roster has a header but no "
                                         "student rows"))
    return roster


def _read_row(roster: Roster, number: int, record: list[str], names: list,
              columns: Columns) -> None:
    if not any(c.strip() for c in record):
        return  # a blank line: counted, so row numbers match the spreadsheet's
    extra = [c for c in record[len(names):] if c.strip()]
    if extra:
        roster.errors.append(RosterError(number, "", f"the row has {len(record)} cells but "
                                         f"the header has {len(names)}; a comma inside a "
                                         "cell needs quotes"))
        return
    cells = {n: c for n, c in zip(names, record, strict=False) if n}
    values, reasons = parse_cells(columns, cells)
    reasons = {**_cross_check(values), **reasons}  # checks of cells that read well
    order = columns.names()
    roster.errors += [RosterError(number, col, reasons[col])
                      for col in sorted(reasons, key=order.index)]
    if not reasons:
        student = values.get("student") or f"row {number}"
        roster.rows.append(RosterRow(number, student, values))


def read_roster(path: Path, columns: Columns, max_rows: int, name: str | None = None,
                max_mb: float = 20.0) -> Roster:
    """`name` is how messages call the file (an upload's own name, not the server's path)."""
    name = name or str(path)
    try:
        size = Path(path).stat().st_size
        if size > max_mb * 1024 * 1024:
            raise RosterFileError(f"{name} is {size / 1024 / 1024:.0f} MB, over the "
                                  f"{max_mb:g} MB limit (ADVISOR_MAX_FILE_MB)")
        data = Path(path).read_bytes()
    except OSError as exc:
        raise RosterFileError(f"cannot read roster {name}: {exc.strerror or exc}") from None
    return parse_roster(_decode(data, name), name, columns, max_rows)
