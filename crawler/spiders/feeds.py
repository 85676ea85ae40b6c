"""RSS/Atom feeds through feedparser, with conditional GETs (ETag, Last-Modified)."""

from __future__ import annotations

from calendar import timegm
from collections.abc import Iterator
from datetime import UTC, datetime
from typing import Any

import feedparser
import scrapy
from scrapy.http import Response

from crawler.sources import Source
from crawler.spiders.base import ArticleSpider
from crawler.state import feed_validators, save_feed_state


def _entry_time(entry: Any) -> datetime | None:
    parsed = entry.get("published_parsed") or entry.get("updated_parsed")
    return datetime.fromtimestamp(timegm(parsed), UTC) if parsed else None


class FeedsMixin:
    """Entry points and parsing for feeds.

    Validators are saved only when a crawl finished and every article the feed
    listed was fetched: otherwise a later 304 would hide the items still missing.
    """

    def feed_requests(self: Any, source: Source) -> Iterator[scrapy.Request]:
        for url in source.feeds:
            headers = {}
            if not self.refresh:
                etag, modified = feed_validators(self.db, url)
                if etag:
                    headers["If-None-Match"] = etag
                if modified:
                    headers["If-Modified-Since"] = modified
            yield scrapy.Request(
                url,
                callback=self.parse_feed,
                errback=self.on_error,
                headers=headers,
                cb_kwargs={"source": source},
                meta={
                    "handle_httpstatus_list": [304],
                    "origin": url,
                    "dont_cache": False,
                    "entry": "feed",
                },
                dont_filter=True,
                priority=10,
            )

    def parse_feed(self: Any, response: Response, source: Source) -> Iterator[scrapy.Request]:
        feed_url = response.request.url
        if response.status == 304:
            self.logger.info("feed not modified: %s", feed_url)
            self.entry_result(response.request, "ok", http_status=304)
            return
        parsed = feedparser.parse(
            response.body,
            response_headers={
                "content-type": response.headers.get("Content-Type", b"").decode("latin-1")
            },
        )
        if not parsed.entries:
            # A feed address that now serves an empty body or a web page gives no
            # entries and often no parse error either: say so, or it looks quiet.
            looks_html = b"<html" in response.body[:4096].lower()
            if not response.body.strip():
                cause, status = "feed answered with an empty body", "empty"
            elif not parsed.get("version") and looks_html:
                cause, status = "not a feed (an HTML page)", "malformed"
            elif parsed.bozo or not parsed.get("version"):
                cause, status = "malformed feed", "malformed"
            else:
                cause, status = "feed has no entries", "empty"
            self.logger.warning("%s: %s %s", cause, feed_url, parsed.get("bozo_exception") or "")
            self.note(source, cause, error=cause != "feed has no entries")
            self.entry_result(
                response.request, status, items=0, http_status=response.status, error=cause
            )
            if cause != "feed has no entries":
                return
        else:
            self.entry_result(
                response.request, "ok", items=len(parsed.entries), http_status=response.status
            )
        if parsed.bozo:
            self.logger.warning(
                "malformed feed %s, %d entries still usable: %s",
                feed_url,
                len(parsed.entries),
                parsed.get("bozo_exception"),
            )
        candidates = []
        for entry in parsed.entries:
            link = entry.get("link")
            if not link:
                continue
            when = _entry_time(entry)
            if self.since and when and when < self.since:
                continue
            url = self.resolve_link(response, link, source)
            if url is None:
                continue
            candidates.append(
                (
                    url,
                    {"title": entry.get("title"), "published": when.isoformat() if when else None},
                )
            )
        etag = response.headers.get("ETag")
        modified = response.headers.get("Last-Modified")
        self.feed_updates[feed_url] = (
            source.id,
            etag.decode("latin-1") if etag else None,
            modified.decode("latin-1") if modified else None,
            len(parsed.entries),
        )
        yield from self.article_requests(source, candidates, origin=feed_url)

    def save_feed_states(self: Any, reason: str) -> None:
        if reason != "finished":
            return
        for url, (source_id, etag, modified, items) in self.feed_updates.items():
            if url not in self.failed_origins:
                save_feed_state(self.db, url, source_id, etag, modified, items)


class FeedSpider(FeedsMixin, ArticleSpider):
    """Only the sources' feeds."""

    name = "feeds"

    def __init__(self, *args: Any, **kwargs: Any):
        super().__init__(*args, **kwargs)
        self.feed_updates: dict[str, tuple] = {}

    async def start(self) -> Any:
        for source in self.sources:
            for request in self.feed_requests(source):
                yield request

    def persist_state(self, reason: str) -> None:
        self.save_feed_states(reason)
