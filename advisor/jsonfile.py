"""A small JSON file a user hands the advisor (a plan, a chat history, quiz answers), read
in bounded time and memory.

- At most `max_kb` is ever read, however long the file or stream is (`/dev/zero`), as
  `advisor.smallfile` reads it.
- Nesting deeper than MAX_DEPTH is refused before parsing: the json module recurses once
  per level and would end in a RecursionError.
- An integer of more than MAX_DIGITS digits is refused where it stands: the json module
  would build it (time quadratic in its length) or raise a bare ValueError past 4,300.
- A UTF-8 byte-order mark is allowed, as it is in rosters (Windows editors write one).

Every problem is one JsonFileError naming the file by the name the caller gives (an
upload's own name, never a server path) and, where it has one, the line and column.
"""

from __future__ import annotations

import json
import re
from itertools import accumulate
from pathlib import Path

from advisor.smallfile import NotUtf8, TooLarge, read_utf8

# These follow from the formats, not from the machine, so they are not settings: a plan's
# deepest value is at depth 3 ({"courses": [{"name": ...}]}), a history's at 2, and no
# count, amount or hours in them has more than a handful of digits.
MAX_DEPTH = 32
MAX_DIGITS = 100

_STRING = re.compile(r'"[^"\\]*(?:\\.[^"\\]*)*"', re.S)  # unrolled: linear on long strings
_NOT_BRACKET = re.compile(r"[^\[\]{}]+")
_STEP = {"[": 1, "{": 1, "]": -1, "}": -1}


class JsonFileError(ValueError):
    """The file cannot be read as JSON; the message names it and the problem."""


def _where(text: str, index: int) -> str:
    line = text.count("\n", 0, index) + 1
    column = index - (text.rfind("\n", 0, index) + 1) + 1
    return f"line {line}, column {column}"


def _too_deep(text: str, max_depth: int) -> int | None:
    """Where the nesting first goes past `max_depth`, or None. The depth of brackets outside
    strings is summed in C (a Python loop over a megabyte of brackets took 0.5 s); the
    place is looked for only in a file that is too deep."""
    brackets = _NOT_BRACKET.sub("", _STRING.sub("", text))
    if max(accumulate(map(_STEP.__getitem__, brackets)), default=0) <= max_depth:
        return None
    depth = 0
    for token in re.finditer(_STRING.pattern + r"|[\[\]{}]", text, re.S):
        depth += _STEP.get(token.group(), 0)
        if depth > max_depth:
            return token.start()
    return None


class _LongNumber(Exception):
    def __init__(self, digits: str):
        self.digits = digits


def _int(digits: str) -> int:
    if len(digits.lstrip("-")) > MAX_DIGITS:
        raise _LongNumber(digits)
    return int(digits)


def read_json(path: Path, name: str, what: str, max_kb: float) -> object:
    """The JSON value in `path`; `what` says what the file should be ("plan file")."""
    try:
        text = read_utf8(path, int(max_kb * 1024))
    except OSError as exc:
        raise JsonFileError(f"cannot read {what} {name}: {exc.strerror or exc}") from None
    except TooLarge:
        raise JsonFileError(f"{what} {name} is larger than {max_kb:g} KB, the limit "
                            "(ADVISOR_MAX_JSON_KB)") from None
    except NotUtf8 as exc:
        raise JsonFileError(f"{what} {name} is not UTF-8 text (byte {exc.start + 1}); "
                            "save it as UTF-8") from None
    deep = _too_deep(text, MAX_DEPTH)
    if deep is not None:
        raise JsonFileError(f"{what} {name}, {_where(text, deep)}: nested more than "
                            f"{MAX_DEPTH} levels deep")
    try:
        return json.loads(text, parse_int=_int)
    except _LongNumber as exc:
        raise JsonFileError(f"{what} {name}, {_where(text, text.find(exc.digits))}: a number "
                            f"of {len(exc.digits.lstrip('-'))} digits; numbers longer than "
                            f"{MAX_DIGITS} digits are not read") from None
    except json.JSONDecodeError as exc:
        raise JsonFileError(f"{what} {name} is not valid JSON: {exc.msg} "
                            f"({_where(text, exc.pos)})") from None
