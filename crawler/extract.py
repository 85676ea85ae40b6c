"""Article extraction: title, publication time and body text from one HTML page."""

from __future__ import annotations

import json
import re
from typing import Any

import trafilatura
from lxml import html as lxml_html

_JSONLD_TYPES = {
    "NewsArticle",
    "Article",
    "ReportageNewsArticle",
    "AnalysisNewsArticle",
    "OpinionNewsArticle",
}


def _jsonld_objects(tree: Any) -> list[dict]:
    out: list[dict] = []
    for node in tree.xpath('//script[@type="application/ld+json"]/text()'):
        try:
            data = json.loads(node)
        except (json.JSONDecodeError, TypeError):
            continue
        stack = data if isinstance(data, list) else [data]
        while stack:
            obj = stack.pop()
            if isinstance(obj, dict):
                out.append(obj)
                if isinstance(obj.get("@graph"), list):
                    stack.extend(obj["@graph"])
    return out


def _published(tree: Any) -> str | None:
    """JSON-LD datePublished first, then article:published_time; both carry a time zone."""
    for obj in _jsonld_objects(tree):
        types = obj.get("@type")
        types = set(types) if isinstance(types, list) else {types}
        if types & _JSONLD_TYPES and isinstance(obj.get("datePublished"), str):
            return obj["datePublished"]
    for value in tree.xpath('//meta[@property="article:published_time"]/@content'):
        if value.strip():
            return value.strip()
    return None


def extract_article(html: str, url: str) -> dict[str, Any]:
    """Extract what the database stores for one article page.

    Body text comes from trafilatura (which drops navigation, ads and related
    links); the headline line it repeats at the top is removed.
    """
    try:
        tree = lxml_html.fromstring(html)
    except (ValueError, lxml_html.etree.ParserError):
        tree = None
    doc = trafilatura.bare_extraction(html, url=url, with_metadata=True, favor_precision=True)
    meta = doc.as_dict() if doc is not None else {}
    title = meta.get("title")
    text = meta.get("text") or ""
    if title:
        lines = text.split("\n")
        if lines and lines[0].strip() == title.strip():
            text = "\n".join(lines[1:])
    published = _published(tree) if tree is not None else None
    if not published:
        published = meta.get("date")
    author = meta.get("author")
    return {
        "title": title,
        "text": re.sub(r"\n{2,}", "\n", text).strip() or None,
        "published": published,
        "author": author,
    }
