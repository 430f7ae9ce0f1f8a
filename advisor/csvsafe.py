"""CSV the product writes, safe to open in a spreadsheet (OWASP, "CSV Injection").

A cell that begins with `=`, `+`, `-`, `@`, a tab or a carriage return is read by Excel,
LibreOffice and Google Sheets as a formula, which can fetch URLs (`=HYPERLINK(...)`,
`=WEBSERVICE(...)`) or, in old Excel, run commands (`+cmd|' /C calc'!A0`). Such a text
cell gets OWASP's leading single quote, so it shows as the text it is.

Only text is neutralised. Numbers our code computes are passed as int or float and written
as numbers: `-3` written from a number cannot carry a formula, and a spreadsheet should sum
it. Every text cell is treated alike, whoever wrote it, because a roster's student names,
header cells and cell values reach the results inside our own messages; so the text
"-3" comes out as `'-3`, text, which is what it was.
"""

from __future__ import annotations

import csv
from collections.abc import Iterable
from typing import Any

FORMULA_START = ("=", "+", "-", "@", "\t", "\r")


def neutralise(cell: Any) -> Any:
    if isinstance(cell, str) and cell.startswith(FORMULA_START):
        return "'" + cell
    return cell


class SafeWriter:
    """`csv.writer` whose every row is neutralised; the one way the product writes CSV."""

    def __init__(self, f, **fmt):
        self._writer = csv.writer(f, **fmt)

    def writerow(self, row: Iterable[Any]) -> Any:
        return self._writer.writerow([neutralise(c) for c in row])

    def writerows(self, rows: Iterable[Iterable[Any]]) -> None:
        for row in rows:
            self.writerow(row)
