"""Fallback for outlets with neither feed nor sitemap: section pages and URL patterns.

Per outlet in sources.toml: `sections = [...]` (default: the homepage) and
`article_pattern = "regex"` matched against absolute URLs (default: a path
with a long numeric id or a slug of four or more words). Listing pages are
followed only below a section address, to BEVAKNING_SECTION_DEPTH levels and
at most BEVAKNING_SECTION_MAX_PAGES pages per outlet, so an endless calendar
ends.
"""

from __future__ import annotations

import re
from collections.abc import Iterator
from typing import Any

import scrapy
from scrapy.http import Response, TextResponse

from crawler.sources import Source
from crawler.spiders.base import ArticleSpider
from crawler.urls import normalise_url, same_site

DEFAULT_ARTICLE_PATTERN = r"/\d{5,}(?:[/-]|$)|/[a-z0-9åäö]+(?:-[a-z0-9åäö]+){3,}/?(?:\.html?)?$"


def article_pattern(source: Source) -> re.Pattern[str]:
    return re.compile(source.extra.get("article_pattern") or DEFAULT_ARTICLE_PATTERN, re.I)


def section_urls(source: Source) -> list[str]:
    return list(source.extra.get("sections") or [source.homepage])


class SectionsMixin:
    def section_requests(self: Any, source: Source) -> Iterator[scrapy.Request]:
        self.section_pages.setdefault(source.id, 0)
        for url in section_urls(source):
            yield self._section_request(source, url, depth=0)

    def _section_request(self: Any, source: Source, url: str, depth: int) -> scrapy.Request:
        self.section_pages[source.id] = self.section_pages.get(source.id, 0) + 1
        return scrapy.Request(
            url,
            callback=self.parse_section,
            errback=self.on_error,
            cb_kwargs={"source": source, "depth": depth},
            meta={"origin": f"section:{source.id}", "entry": "section" if depth == 0 else None},
            priority=5,
        )

    def parse_section(
        self: Any, response: Response, source: Source, depth: int
    ) -> Iterator[scrapy.Request]:
        if not isinstance(response, TextResponse):
            self.note(source, "section page is not HTML")
            self.entry_result(response.request, "malformed", error="not HTML")
            return
        self.entry_result(response.request, "ok", http_status=response.status)
        pattern = article_pattern(source)
        prefixes = [normalise_url(u) for u in section_urls(source)]
        max_depth = self.settings.getint("BEVAKNING_SECTION_DEPTH", 2)
        max_pages = self.settings.getint("BEVAKNING_SECTION_MAX_PAGES", 30)
        candidates = []
        for href in response.css("a::attr(href)").getall():
            url = self.resolve_link(response, href, source)
            if url is None:
                continue
            if not url.startswith(("http://", "https://")) or not same_site(url, source.homepage):
                continue
            if pattern.search(url):
                candidates.append((url, {}))
                continue
            if depth >= max_depth or self.section_pages.get(source.id, 0) >= max_pages:
                continue
            key = normalise_url(url)
            if key in self.section_seen or not any(key.startswith(p) for p in prefixes):
                continue
            self.section_seen.add(key)
            yield self._section_request(source, url, depth + 1)
        yield from self.article_requests(
            source, candidates, response.meta.get("origin"), repeats_are_duplicates=False
        )


class SectionSpider(SectionsMixin, ArticleSpider):
    """Only section pages."""

    name = "sections"

    def __init__(self, *args: Any, **kwargs: Any):
        super().__init__(*args, **kwargs)
        self.section_pages: dict[str, int] = {}
        self.section_seen: set[str] = set()

    async def start(self) -> Any:
        for source in self.sources:
            for request in self.section_requests(source):
                yield request
