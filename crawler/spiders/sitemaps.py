"""News sitemaps: sitemap indexes, <url> lists and <news:news> publication dates."""

from __future__ import annotations

import zlib
from collections.abc import Iterator
from datetime import UTC, datetime, timedelta
from typing import Any

import scrapy
from lxml import etree
from scrapy.http import Response
from scrapy.utils.gz import gzip_magic_number

from crawler.sources import Source
from crawler.spiders.base import ArticleSpider

_NS_NEWS = "http://www.google.com/schemas/sitemap-news/0.9"


def _local(tag: Any) -> str:
    return tag.rsplit("}", 1)[-1] if isinstance(tag, str) else ""


def _child_text(node: Any, name: str) -> str | None:
    for child in node:
        if _local(child.tag) == name and child.text and child.text.strip():
            return child.text.strip()
    return None


def parse_time(value: str | None) -> datetime | None:
    """W3C datetime (sitemaps allow a bare date) as an aware datetime."""
    if not value:
        return None
    try:
        dt = datetime.fromisoformat(value.strip().replace("Z", "+00:00"))
    except ValueError:
        return None
    return dt if dt.tzinfo else dt.replace(tzinfo=UTC)


def gunzip_limited(body: bytes, max_size: int) -> bytes:
    """Decompress a .gz sitemap, refusing a cut-off file or one that grows past max_size.

    Scrapy's gunzip returns whatever it could read from a truncated file, which
    then parses as a short or empty sitemap: a silent loss. A decompression bomb
    is stopped after max_size bytes, so it never fills memory.
    """
    inflater = zlib.decompressobj(16 + zlib.MAX_WBITS)
    out = bytearray()
    data = body
    try:
        while data and not inflater.eof:
            room = max_size - len(out) + 1 if max_size else 0
            out += inflater.decompress(data, room)
            if max_size and len(out) > max_size:
                raise ValueError(f"gzip too large (more than {max_size} bytes decompressed)")
            data = inflater.unconsumed_tail
    except zlib.error as exc:
        raise ValueError(f"gzip corrupt: {exc}") from exc
    if not inflater.eof:
        raise ValueError("gzip truncated (the file ends mid-stream)")
    return bytes(out)


def parse_sitemap(body: bytes) -> tuple[str, list[dict]]:
    """('index' | 'urlset', entries with loc, published, lastmod, title); bad XML raises ValueError."""
    parser = etree.XMLParser(recover=True, resolve_entities=False, no_network=True, huge_tree=False)
    try:
        root = etree.fromstring(body, parser=parser)
    except etree.XMLSyntaxError as exc:
        raise ValueError(str(exc)) from exc
    if root is None:
        raise ValueError("not XML")
    kind = _local(root.tag)
    if kind not in {"sitemapindex", "urlset"}:
        raise ValueError(f"not a sitemap (root element {kind!r})")
    entries = []
    for node in root:
        if _local(node.tag) not in {"sitemap", "url"}:
            continue
        loc = _child_text(node, "loc")
        if not loc:
            continue
        entry = {"loc": loc, "lastmod": parse_time(_child_text(node, "lastmod"))}
        news = node.find(f"{{{_NS_NEWS}}}news")
        if news is not None:
            entry["published"] = parse_time(_child_text(news, "publication_date"))
            entry["title"] = _child_text(news, "title")
        entries.append(entry)
    return ("index" if kind == "sitemapindex" else "urlset"), entries


class SitemapsMixin:
    """Entry points and parsing for (news) sitemaps.

    Only items newer than --since are followed; without --since the window is
    BEVAKNING_SITEMAP_DAYS days, so a first crawl does not walk an archive.
    """

    def sitemap_cutoff(self: Any) -> datetime:
        if self.since:
            return self.since
        days = self.settings.getfloat("BEVAKNING_SITEMAP_DAYS", 3)
        return datetime.now(UTC) - timedelta(days=days)

    def sitemap_requests(self: Any, source: Source) -> Iterator[scrapy.Request]:
        for url in source.sitemaps:
            yield scrapy.Request(
                url,
                callback=self.parse_sitemap,
                errback=self.on_error,
                cb_kwargs={"source": source, "depth": 0},
                meta={"origin": url, "entry": "sitemap"},
                dont_filter=True,
                priority=10,
            )

    def parse_sitemap(
        self: Any, response: Response, source: Source, depth: int
    ) -> Iterator[scrapy.Request]:
        body = response.body
        try:
            if gzip_magic_number(response):
                body = gunzip_limited(body, self.settings.getint("DOWNLOAD_MAXSIZE"))
            kind, entries = parse_sitemap(body)
        except ValueError as exc:
            self.logger.error("unusable sitemap %s: %s", response.url, exc)
            cause = str(exc) if str(exc).startswith("gzip") else "malformed sitemap"
            self.note(source, cause)
            self.entry_result(
                response.request, "malformed", http_status=response.status, error=str(exc)[:200]
            )
            return
        self.entry_result(
            response.request,
            "ok" if entries else "empty",
            items=len(entries),
            http_status=response.status,
        )
        cutoff = self.sitemap_cutoff()
        limit = self.settings.getint("BEVAKNING_SITEMAP_MAX_URLS", 2000)
        if kind == "index":
            if depth >= 3:
                self.logger.warning("sitemap index nested too deep, ignored: %s", response.url)
                return
            # Filter by date before capping: indexes often list archives oldest first,
            # and a cap taken first would keep only sitemaps the cutoff then drops.
            recent = [e for e in entries if not (e["lastmod"] and e["lastmod"] < cutoff)]
            # Newest first, undated ones last.
            recent.sort(
                key=lambda e: (e["lastmod"] is not None, e["lastmod"] or cutoff), reverse=True
            )
            for entry in recent[:limit]:
                url = self.resolve_link(response, entry["loc"], source)
                if url is None or not self.allowed(source, url):
                    continue
                yield scrapy.Request(
                    url,
                    callback=self.parse_sitemap,
                    errback=self.on_error,
                    cb_kwargs={"source": source, "depth": depth + 1},
                    meta={"origin": response.meta.get("origin")},
                    priority=10,
                )
            return
        candidates = []
        for entry in entries:
            when = entry.get("published") or entry["lastmod"]
            if when is None or when < cutoff:
                continue
            url = self.resolve_link(response, entry["loc"], source)
            if url is None:
                continue
            candidates.append(
                (
                    url,
                    # Only a news:publication_date is a publication date; lastmod is
                    # when the entry last changed and served above only to skip old ones.
                    {
                        "title": entry.get("title"),
                        "published": entry["published"].isoformat()
                        if entry.get("published")
                        else None,
                    },
                )
            )
        yield from self.article_requests(source, candidates[:limit], response.meta.get("origin"))


class SitemapSpider(SitemapsMixin, ArticleSpider):
    """Only the sources' sitemaps."""

    name = "sitemaps"

    async def start(self) -> Any:
        for source in self.sources:
            for request in self.sitemap_requests(source):
                yield request
