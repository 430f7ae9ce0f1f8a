"""One roster row as a pydantic model built from the column kinds: each cell is checked on
its own, so every bad cell is reported with its reason."""

from __future__ import annotations

import math
import re
from functools import lru_cache
from typing import Annotated, Any

from pydantic import BeforeValidator, ValidationError, create_model

from advisor.roster.columns import Columns

MAX_TEXT = 200
MAX_CELL = 2000
_GROUPED = re.compile(r"\d{1,3}(?:,\d{3})+(?:\.\d+)?")  # "1,200" from a spreadsheet
_YES = {"yes", "y", "true", "1"}
_NO = {"no", "n", "false", "0"}


def _blank(value: Any) -> str | None:
    text = "" if value is None else str(value).strip()
    return text or None


def _amount(value: Any) -> float | None:
    text = _blank(value)
    if text is None:
        return None
    plain = text.replace(",", "") if _GROUPED.fullmatch(text) else text
    try:
        number = float(plain)
    except ValueError:
        raise ValueError(f"{text!r} is not a number") from None
    if not math.isfinite(number):
        raise ValueError(f"{text!r} is not a finite number")
    if number < 0:
        raise ValueError(f"{text!r} is below 0")
    return number


def _count(value: Any) -> int | None:
    number = _amount(value)
    if number is not None and not number.is_integer():
        raise ValueError(f"{_blank(value)!r} is not a whole number")
    return None if number is None else int(number)


def _yesno(value: Any) -> bool | None:
    text = _blank(value)
    if text is None:
        return None
    if text.lower() in _YES:
        return True
    if text.lower() in _NO:
        return False
    raise ValueError(f"{text!r} is not yes or no")


def _list(value: Any) -> list[str] | None:
    text = _blank(value)
    return None if text is None else [p.strip() for p in text.split(";") if p.strip()]


def _text(value: Any) -> str | None:
    text = _blank(value)
    if text is not None and len(text) > MAX_TEXT:
        raise ValueError(f"longer than {MAX_TEXT} characters")
    return text


def _bounded(parse, top: float | None):
    def check(value: Any):
        number = parse(value)
        if number is not None and top is not None and number > top:
            raise ValueError(f"{number:g} is more than {top:g}, the most this column allows")
        return number
    return check


def _list_of(none_words: frozenset[str]):
    def check(value: Any) -> list[str] | None:
        items = _list(value)
        if items is not None and len(items) == 1 and items[0].lower() in none_words:
            return []  # "none": known to have none
        return items
    return check


_TYPES = {"text": str, "count": int, "amount": float, "list": list[str], "yesno": bool}


def _parser(column, none_words: frozenset[str]):
    if column.kind == "count":
        return _bounded(_count, column.max)
    if column.kind == "amount":
        return _bounded(_amount, column.max)
    if column.kind == "list":
        return _list_of(none_words)
    return {"text": _text, "yesno": _yesno}[column.kind]


def _one_line(parse):
    """A line break in a cell is an unclosed quote that swallowed the rows after it more
    often than it is meant: reported, never read as data."""
    def check(value: Any):
        if isinstance(value, str) and ("\n" in value or "\r" in value):
            raise ValueError("holds a line break; check for an unclosed quote before it")
        if isinstance(value, str) and len(value) > MAX_CELL:
            raise ValueError(f"longer than {MAX_CELL} characters")
        return parse(value)
    return check


@lru_cache(maxsize=4)
def row_model(columns: Columns):
    fields = {c.name: (Annotated[_TYPES[c.kind] | None,
                                 BeforeValidator(_one_line(_parser(c, columns.none_words)))],
                       None) for c in columns.columns}
    return create_model("RosterRow", **fields)


def parse_cells(columns: Columns, cells: dict[str, str]) -> tuple[dict, dict[str, str]]:
    """(values by column, reasons by column); a bad cell's value is left out."""
    model = row_model(columns)
    try:
        return model.model_validate(cells).model_dump(), {}
    except ValidationError as exc:
        reasons = {str(e["loc"][0]): e["msg"].removeprefix("Value error, ")
                   for e in exc.errors(include_url=False)}
    good = {k: v for k, v in cells.items() if k not in reasons}
    return model.model_validate(good).model_dump(), reasons
