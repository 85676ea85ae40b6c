"""Article extraction: text, metadata, language and paywall from one HTML page.

Pure functions over bytes/strings, so they are tested on fixture pages
without a crawl.
"""

from __future__ import annotations

import codecs
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
    "BlogPosting",
}
_META_CHARSET = re.compile(rb"""<meta[^>]+charset\s*=\s*["']?\s*([a-zA-Z0-9_.:-]+)""", re.I)
_MOJIBAKE = re.compile("Ã[\u0080-\u00bf]|Â[\u00a0-\u00bf]")
# The lead's class on common templates: "ingress", "article__lead", "c-article__preamble",
# "articleLead", "standfirst", "lede"; BEM separators ("__", "--") and camelCase included.
# "lead-image" and the like hold a picture, not the lead.
_LEAD_CLASS = re.compile(
    r"(?:^|[\s_-]|(?<=[a-z])(?=(?-i:[A-Z])))(?:lead|lede|ingress|preamble|standfirst|summary)"
    r"(?!-?(?:image|img|photo|media|figure|video|picture)|[a-z])",
    re.I,
)
_LEAD_TAGS = {"p", "div", "h2", "h3", "section", "span", "strong", "header"}
_PAYWALL_CLASS = re.compile(
    r"\b(paywall|premium-?(lock|teaser|content)|locked-?content|plus-?teaser|subscriber-only|"
    r"article-?locked|pw-teaser)\b",
    re.I,
)

# Frequent short words; enough to tell Swedish from the languages local papers also print.
_STOPWORDS = {
    "sv": [
        "och",
        "att",
        "det",
        "som",
        "en",
        "på",
        "är",
        "av",
        "för",
        "med",
        "till",
        "den",
        "har",
        "de",
        "inte",
        "om",
        "ett",
        "han",
        "men",
        "var",
        "jag",
        "sig",
        "från",
        "vi",
        "så",
        "kan",
        "man",
        "när",
        "år",
        "säger",
        "hon",
        "under",
        "också",
        "efter",
        "eller",
        "nu",
        "vid",
        "mot",
        "ska",
        "hade",
        "alla",
    ],
    "en": [
        "the",
        "and",
        "to",
        "of",
        "a",
        "in",
        "is",
        "that",
        "for",
        "it",
        "on",
        "with",
        "as",
        "was",
        "he",
        "be",
        "by",
        "at",
        "this",
        "are",
        "have",
        "from",
        "or",
        "an",
        "they",
        "which",
        "you",
        "not",
        "but",
        "his",
        "her",
        "said",
        "will",
        "has",
        "their",
        "were",
    ],
    "fi": [
        "ja",
        "on",
        "ei",
        "se",
        "että",
        "oli",
        "hän",
        "ovat",
        "kun",
        "mutta",
        "myös",
        "tai",
        "kuin",
        "joka",
        "sekä",
        "ole",
        "mitä",
        "niin",
        "jo",
        "sen",
        "hänen",
        "vuonna",
        "kanssa",
    ],
    "de": [
        "und",
        "der",
        "die",
        "das",
        "ist",
        "nicht",
        "ein",
        "eine",
        "zu",
        "den",
        "mit",
        "auf",
        "für",
        "von",
        "sich",
        "dem",
        "des",
        "im",
        "auch",
        "es",
        "wird",
        "sind",
        "wir",
    ],
    "nb": [
        "og",
        "er",
        "det",
        "som",
        "en",
        "på",
        "av",
        "for",
        "med",
        "til",
        "den",
        "har",
        "de",
        "ikke",
        "om",
        "et",
        "han",
        "men",
        "var",
        "jeg",
        "seg",
        "fra",
        "vi",
        "så",
        "kan",
        "når",
        "år",
        "sier",
        "hun",
        "også",
        "etter",
        "eller",
        "nå",
        "ved",
        "mot",
        "skal",
        "hadde",
        "ble",
    ],
}
_STOPSETS = {lang: set(words) for lang, words in _STOPWORDS.items()}
_WORD = re.compile(r"[^\W\d_]+", re.UNICODE)


def _norm_encoding(name: str | None) -> str | None:
    if not name:
        return None
    try:
        enc = codecs.lookup(name.strip().strip("\"'")).name
    except LookupError:
        return None
    # As browsers do (WHATWG): a page labelled Latin-1 is decoded as Windows-1252.
    return "cp1252" if enc in {"latin-1", "iso8859-1", "ascii"} else enc


def decode_html(body: bytes, declared: str | None = None) -> tuple[str, str]:
    """Bytes to text that reads right even when the declared charset is wrong.

    Order: a BOM; then valid UTF-8 (Latin-1 Swedish text is practically never
    valid UTF-8, so this catches UTF-8 pages labelled Latin-1); then the HTTP
    or <meta> label; then Windows-1252. A result full of mojibake (Ã¤) is
    decoded once more as UTF-8 read through Latin-1.
    Returns (text, encoding used).
    """
    for bom, enc in (
        (codecs.BOM_UTF8, "utf-8-sig"),
        (codecs.BOM_UTF16_LE, "utf-16"),
        (codecs.BOM_UTF16_BE, "utf-16"),
    ):
        if body.startswith(bom):
            return body.decode(enc, errors="replace"), enc
    try:
        text = body.decode("utf-8")
        encoding = "utf-8"
    except UnicodeDecodeError:
        meta = _META_CHARSET.search(body[:4096])
        candidates = [
            _norm_encoding(declared),
            _norm_encoding(meta.group(1).decode("ascii", "ignore") if meta else None),
            "cp1252",
        ]
        text, encoding = "", "cp1252"
        for enc in candidates:
            if not enc or enc.startswith("utf"):
                continue
            try:
                text, encoding = body.decode(enc), enc
                break
            except UnicodeDecodeError:
                continue
        else:
            text, encoding = body.decode("cp1252", errors="replace"), "cp1252"
    if _MOJIBAKE.search(text):
        for wrong in ("latin-1", "cp1252"):
            try:
                text, encoding = text.encode(wrong).decode("utf-8"), "utf-8 (double-encoded)"
                break
            except (UnicodeEncodeError, UnicodeDecodeError):
                continue
    return text, encoding


def detect_language(text: str, declared: str | None = None) -> str | None:
    """Stop-word vote over the body; the page's declared language when the text is too short."""
    words = [w.lower() for w in _WORD.findall(text[:5000])]
    if len(words) >= 25:
        scores = {lang: sum(w in stops for w in words) for lang, stops in _STOPSETS.items()}
        best = max(scores, key=scores.get)
        if scores[best] >= max(3, len(words) // 20):
            if best in {"sv", "nb"}:
                # Swedish and Norwegian share many words; decide on the distinctive ones.
                sv = sum(
                    w in {"och", "är", "inte", "från", "säger", "också", "efter"} for w in words
                )
                nb = sum(w in {"og", "er", "ikke", "fra", "sier", "også", "etter"} for w in words)
                best = "sv" if sv >= nb else "nb"
            return best
    if declared:
        code = declared.strip().lower().replace("_", "-").split("-")[0]
        return {"se": "sv", "no": "nb"}.get(code, code) or None
    return None


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


def _article_jsonld(tree: Any) -> dict:
    for obj in _jsonld_objects(tree):
        types = obj.get("@type")
        types = set(types) if isinstance(types, list) else {types}
        if types & _JSONLD_TYPES:
            return obj
    return {}


def _meta(tree: Any, *keys: str) -> str | None:
    for key in keys:
        for value in tree.xpath(f'//meta[@property="{key}" or @name="{key}"]/@content'):
            if value and value.strip():
                return value.strip()
    return None


def _names(value: Any) -> str | None:
    if isinstance(value, str):
        return value.strip() or None
    if isinstance(value, dict):
        return _names(value.get("name"))
    if isinstance(value, list):
        names = [n for n in (_names(v) for v in value) if n]
        return ", ".join(dict.fromkeys(names)) or None
    return None


def _is_false(value: Any) -> bool:
    return value is False or (isinstance(value, str) and value.strip().lower() == "false")


def _paywalled(tree: Any, ld: dict) -> bool:
    """Schema.org paywall markup, a locked content tier, or a paywall box in the page."""
    if _is_false(ld.get("isAccessibleForFree")):
        return True
    parts = ld.get("hasPart")
    for part in parts if isinstance(parts, list) else [parts]:
        if isinstance(part, dict) and _is_false(part.get("isAccessibleForFree")):
            return True
    tier = (_meta(tree, "article:content_tier") or "").lower()
    if tier in {"locked", "metered"}:
        return True
    if (_meta(tree, "paywall", "bevakning:paywall") or "").lower() in {"true", "1", "yes"}:
        return True
    return any(_PAYWALL_CLASS.search(c) for c in tree.xpath("//body//@class"))


def _lead(tree: Any, ld: dict) -> str | None:
    """The ingress: an element marked as lead in the article (or, on templates without an
    <article> or <main>, anywhere in the body), else the JSON-LD or meta description."""
    for path in ("//article//*[@class] | //main//*[@class]", "//body//*[@class]"):
        for node in tree.xpath(path):
            if node.tag in _LEAD_TAGS and _LEAD_CLASS.search(node.get("class", "")):
                text = " ".join(node.text_content().split())
                if text:
                    return text
    desc = ld.get("description")
    if isinstance(desc, str) and desc.strip():
        return desc.strip()
    return _meta(tree, "og:description", "description")


def extract_article(html: str, url: str) -> dict[str, Any]:
    """Everything the database stores for one article page.

    Body text comes from trafilatura (which drops navigation, ads and related
    links). Published date: JSON-LD datePublished, then article:published_time,
    then trafilatura's date, which is htmldate's find_date. A paywalled page
    keeps only its teaser, as the lead, and no body text.
    """
    try:
        tree = lxml_html.fromstring(html)
    except (ValueError, lxml_html.etree.ParserError):
        tree = None
    doc = trafilatura.bare_extraction(
        html, url=url, with_metadata=True, favor_precision=True, deduplicate=False
    )
    meta = doc.as_dict() if doc is not None else {}
    ld = _article_jsonld(tree) if tree is not None else {}
    title = None
    if tree is not None:
        title = _names(ld.get("headline")) or _meta(tree, "og:title")
        if not title:
            h1 = tree.xpath("string(//h1)").strip()
            title = h1 or None
    title = title or meta.get("title")
    text = meta.get("text") or ""
    lines = [ln.strip() for ln in text.split("\n") if ln.strip()]
    if title and lines and lines[0] == title.strip():
        lines = lines[1:]
    published = None
    if isinstance(ld.get("datePublished"), str):
        published = ld["datePublished"]
    if not published and tree is not None:
        published = _meta(tree, "article:published_time")
    published = published or meta.get("date")
    author = (_names(ld.get("author")) if ld else None) or (
        _meta(tree, "author", "article:author") if tree is not None else None
    )
    author = author or meta.get("author")
    lead = _lead(tree, ld) if tree is not None else None
    if lead and lines and lines[0] == lead:
        lines = lines[1:]
    section = _names(ld.get("articleSection")) if ld else None
    if not section and tree is not None:
        section = _meta(tree, "article:section")
    canonical = None
    if tree is not None:
        hrefs = tree.xpath('//link[@rel="canonical"]/@href')
        canonical = hrefs[0].strip() if hrefs and hrefs[0].strip() else None
    canonical = canonical or _meta(tree, "og:url") if tree is not None else None
    declared_lang = None
    if tree is not None:
        declared_lang = tree.get("lang") or _names(ld.get("inLanguage")) or _meta(tree, "og:locale")
    body = "\n".join(lines).strip()
    language = detect_language(" ".join([title or "", lead or "", body]), declared_lang)
    paywalled = _paywalled(tree, ld) if tree is not None else False
    if paywalled:
        lead = lead or body or None
        body = ""
    return {
        "title": title,
        "text": body or None,
        "published": published,
        "author": author,
        "lead": lead,
        "section": section,
        "canonical_url": canonical,
        "language": language,
        "paywalled": 1 if paywalled else 0,
    }


def charset_of(content_type: str | None) -> str | None:
    """The charset label of a Content-Type header value, or None."""
    ctype = (content_type or "").lower()
    if "charset=" not in ctype:
        return None
    return ctype.split("charset=")[-1].split(";")[0].strip() or None


def article_item(
    source_id: str,
    key: str,
    final_url: str,
    body: bytes,
    content_type: str | None = None,
    hints: dict | None = None,
) -> Any:
    """One fetched article page as the crawler's item (before normalisation and storage).

    Shared by the spiders and `bevakning import-warc`, so a page read from a WARC
    file is decoded and extracted exactly as a crawled one. `key` is the
    normalised URL the page was asked for, `final_url` where it was served from
    (after redirects); a different one is kept as an alias.
    """
    from crawler.items import ArticleItem
    from crawler.urls import normalise_url

    hints = hints or {}
    html, _encoding = decode_html(body, charset_of(content_type))
    data = extract_article(html, final_url)
    served = normalise_url(final_url)
    return ArticleItem(
        source_id=source_id,
        url=key,
        title=data["title"] or hints.get("title"),
        published=data["published"] or hints.get("published"),
        text=data["text"],
        author=data["author"],
        lead=data["lead"],
        section=data["section"],
        canonical_url=data["canonical_url"],
        language=data["language"],
        paywalled=data["paywalled"],
        extra={"aliases": [served] if served != key else []},
    )
