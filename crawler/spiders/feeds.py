"""RSS/Atom feed spider: read each feed with feedparser, fetch each entry's article page."""

from __future__ import annotations

from collections.abc import Iterator
from typing import Any

import feedparser
import scrapy
from scrapy.exceptions import IgnoreRequest
from scrapy.http import Response

from crawler.extract import extract_article
from crawler.items import ArticleItem
from crawler.sources import Source
from db import open_db
from db.store import known_urls


class FeedSpider(scrapy.Spider):
    """Follow every entry of every source's feeds, skipping articles already stored."""

    name = "feeds"

    def __init__(self, sources: list[Source], db_path: str, refresh: bool = False, **kwargs: Any):
        super().__init__(**kwargs)
        self.sources = sources
        self.db_path = db_path
        self.refresh = refresh
        self.stats_by_source: dict[str, dict[str, int]] = {
            s.id: {"entries": 0, "fetched": 0, "skipped_known": 0, "errors": 0} for s in sources
        }

    async def start(self) -> Any:
        for source in self.sources:
            for feed in source.feeds:
                yield scrapy.Request(
                    feed,
                    callback=self.parse_feed,
                    errback=self.on_error,
                    cb_kwargs={"source": source},
                    dont_filter=True,
                )

    def parse_feed(self, response: Response, source: Source) -> Iterator[scrapy.Request]:
        parsed = feedparser.parse(
            response.body,
            response_headers={
                "content-type": response.headers.get("Content-Type", b"").decode("latin-1")
            },
        )
        if parsed.bozo and not parsed.entries:
            self.logger.error("unusable feed %s: %s", response.url, parsed.get("bozo_exception"))
            self.stats_by_source[source.id]["errors"] += 1
            return
        links = [e.get("link") for e in parsed.entries if e.get("link")]
        links = [response.urljoin(link) for link in links]
        self.stats_by_source[source.id]["entries"] += len(links)
        skip: set[str] = set()
        if not self.refresh and links:
            db = open_db(self.db_path)
            try:
                skip = known_urls(db, links)
            finally:
                db.close()
        self.stats_by_source[source.id]["skipped_known"] += len(skip)
        for entry in parsed.entries:
            link = entry.get("link")
            if not link:
                continue
            url = response.urljoin(link)
            if url in skip:
                continue
            yield scrapy.Request(
                url,
                callback=self.parse_article,
                errback=self.on_error,
                cb_kwargs={
                    "source": source,
                    "entry_title": entry.get("title"),
                    "entry_published": entry.get("published"),
                },
            )

    def parse_article(
        self,
        response: Response,
        source: Source,
        entry_title: str | None,
        entry_published: str | None,
    ) -> Iterator[ArticleItem]:
        if not isinstance(response, scrapy.http.TextResponse):
            self.logger.warning("not a text page, skipped: %s", response.url)
            return
        data = extract_article(response.text, response.url)
        self.stats_by_source[source.id]["fetched"] += 1
        yield ArticleItem(
            source_id=source.id,
            url=response.url,
            title=data["title"] or entry_title,
            published=data["published"] or entry_published,
            text=data["text"],
            author=data["author"],
        )

    def on_error(self, failure: Any) -> None:
        request = failure.request
        if failure.check(IgnoreRequest):
            self.logger.info("skipped %s: %s", request.url, failure.getErrorMessage())
            return
        source = request.cb_kwargs.get("source")
        if source is not None:
            self.stats_by_source[source.id]["errors"] += 1
        self.logger.error("failed %s: %s", request.url, failure.getErrorMessage())
