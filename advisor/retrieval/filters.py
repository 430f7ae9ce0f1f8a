"""Chroma-style metadata filters, evaluated in Python for the lexical side.

Supports what the advisor uses: {"field": value}, {"field": {"$eq"|"$ne"|"$in"|"$nin": ...}},
and {"$and"/"$or": [...]}.
"""

from __future__ import annotations

KINDS = ("guidance", "catalog")


def with_kind(where: dict | None, kind: str | None) -> dict | None:
    """`where`, narrowed to guidance passages or to catalog rows."""
    if kind is None:
        return where
    if kind not in KINDS:
        raise ValueError(f"unknown kind {kind!r}; use one of {', '.join(KINDS)}")
    return {"$and": [where, {"kind": kind}]} if where else {"kind": kind}


def matches(meta: dict, where: dict) -> bool:
    for key, cond in where.items():
        if key == "$and":
            if not all(matches(meta, c) for c in cond):
                return False
        elif key == "$or":
            if not any(matches(meta, c) for c in cond):
                return False
        elif not _test(meta.get(key), cond):
            return False
    return True


def _test(value, cond) -> bool:
    if not isinstance(cond, dict):
        return value == cond
    op, arg = next(iter(cond.items()))
    if op == "$eq":
        return value == arg
    if op == "$ne":
        return value != arg
    if op == "$in":
        return value in arg
    if op == "$nin":
        return value not in arg
    raise ValueError(f"unsupported filter operator {op}")
