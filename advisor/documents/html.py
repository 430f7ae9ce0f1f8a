"""HTML pages: scripts, styles and site chrome removed, headings kept as sections."""

from __future__ import annotations

import re

from bs4 import BeautifulSoup

from advisor.documents.markdown import sections
from advisor.documents.source import Source

_CHROME = ["script", "style", "noscript", "template", "nav", "header", "footer", "aside", "form",
           "iframe", "svg", "button"]


def load_html(source: Source, text: str) -> Source:
    soup = BeautifulSoup(text, "html.parser")
    for tag in soup(_CHROME):
        tag.decompose()
    for tag in soup.select('[role="navigation"], [role="banner"], [role="contentinfo"]'):
        tag.decompose()
    title = soup.title.get_text(" ", strip=True) if soup.title else None
    if soup.title:
        soup.title.decompose()
    for level in range(1, 7):
        for h in soup.find_all(f"h{level}"):
            h.replace_with(f"\n\n{'#' * level} {h.get_text(' ', strip=True)}\n\n")
    for tag in soup.find_all(["p", "li", "div", "section", "article", "tr", "br"]):
        tag.insert_after("\n")
    body = soup.get_text()
    body = re.sub(r"[ \t\r\f\v]+", " ", body)
    body = re.sub(r"\n\s*\n\s*", "\n\n", body).strip()
    source.title = title or source.title
    source.units = [source.unit(t, section=s) for s, t in sections(body)]
    return source
