"""YAML front matter at the top of a Markdown file."""

from __future__ import annotations

import yaml

from advisor.documents.errors import LoadError


def split_front_matter(text: str) -> tuple[dict, str]:
    if not text.startswith("---"):
        return {}, text
    end = text.find("\n---", 3)
    if end < 0:
        return {}, text
    try:
        meta = yaml.safe_load(text[3:end]) or {}
    except yaml.YAMLError as exc:
        raise LoadError(f"front matter is not valid YAML: {exc}") from exc
    if not isinstance(meta, dict):
        raise LoadError("front matter is not a mapping of fields")
    body = text[end + 4 :].lstrip("\r\n")
    return {k: (str(v) if v is not None else None) for k, v in meta.items()}, body
