"""YAML front matter at the top of a Markdown file."""

from __future__ import annotations

import re
from datetime import date

import yaml

from advisor.documents.errors import LoadError

# YAML's own shape of a date (2024-4-5 is one too); free text such as "spring 2024" is not.
_DATE_LIKE = re.compile(r"\d{4}-\d{1,2}-\d{1,2}")


class _Loader(yaml.SafeLoader):
    """SafeLoader that keeps a date which cannot exist (`2025-02-30`) as the text written,
    so that the loader can name it, where PyYAML would raise a bare ValueError."""


def _timestamp(loader: _Loader, node):
    try:
        return yaml.SafeLoader.construct_yaml_timestamp(loader, node)
    except ValueError:
        return loader.construct_scalar(node)


_Loader.add_constructor("tag:yaml.org,2002:timestamp", _timestamp)


def split_front_matter(text: str) -> tuple[dict, str]:
    if not text.startswith("---"):
        return {}, text
    end = text.find("\n---", 3)
    if end < 0:
        return {}, text
    try:
        meta = yaml.load(text[3:end], Loader=_Loader) or {}  # noqa: S506 (a SafeLoader)
    except (yaml.YAMLError, ValueError, RecursionError) as exc:
        raise LoadError(f"front matter is not valid YAML: {exc}") from exc
    if not isinstance(meta, dict):
        raise LoadError("front matter is not a mapping of fields")
    body = text[end + 4 :].lstrip("\r\n")
    return {str(k): (str(v) if v is not None else None) for k, v in meta.items()}, body


def updated_date(value: str | None) -> date | None:
    """The `updated` field as a date. Free text ("spring 2024") is undated, not guessed; a
    date that cannot exist is an error that names it, so the typo gets fixed rather than the
    document quietly losing its date."""
    text = (value or "").strip()
    if not _DATE_LIKE.fullmatch(text):
        return None
    year, month, day = map(int, text.split("-"))
    try:
        return date(year, month, day)
    except ValueError as exc:
        raise LoadError(f"front matter `updated: {text}` is not a real date ({exc}); "
                        "write it as YYYY-MM-DD") from None
