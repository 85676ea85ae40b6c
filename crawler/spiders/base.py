"""What every spider kind shares: known-URL checks, article pages, errors, per-source counts."""

from __future__ import annotations

from collections.abc import Iterable, Iterator
from datetime import datetime
from typing import Any
from urllib.parse import urlsplit

import scrapy
from scrapy import signals
from scrapy.exceptions import IgnoreRequest
from scrapy.http import Response, TextResponse
from scrapy.spidermiddlewares.httperror import HttpError

from crawler.extract import decode_html, extract_article
from crawler.hosts import HostPolicy, RefusedURL
from crawler.items import ArticleItem
from crawler.sources import Source
from crawler.state import known_urls
from crawler.urls import normalise_url
from db import open_db

STAT_KEYS = ("entries", "fetched", "new", "duplicates", "skipped_known", "errors", "refused")


class ArticleSpider(scrapy.Spider):
    """Base for spiders that find article URLs somewhere and fetch each one once."""

    def __init__(
        self,
        sources: list[Source],
        db_path: str,
        refresh: bool = False,
        since: datetime | None = None,
        **kwargs: Any,
    ):
        super().__init__(**kwargs)
        self.sources = sources
        self.db_path = db_path
        self.refresh = refresh
        self.since = since
        self.stats_by_source: dict[str, dict[str, int]] = {
            s.id: dict.fromkeys(STAT_KEYS, 0) for s in sources
        }
        self.queued: set[str] = set()
        self.failed_origins: set[str] = set()
        self._db: Any = None

    @classmethod
    def from_crawler(cls, crawler: Any, *args: Any, **kwargs: Any) -> ArticleSpider:
        spider = super().from_crawler(crawler, *args, **kwargs)
        crawler.signals.connect(spider.on_closed, signal=signals.spider_closed)
        spider.host_policy = HostPolicy(
            spider.sources, allow_private=crawler.settings.getbool("BEVAKNING_ALLOW_PRIVATE")
        )
        return spider

    @property
    def db(self) -> Any:
        if self._db is None:
            self._db = open_db(self.db_path)
        return self._db

    def on_closed(self, spider: Any = None, reason: str = "") -> None:
        self.closed_reason = reason
        for source_id, stats in self.stats_by_source.items():
            if stats.get("refused"):
                self.logger.warning(
                    "source %s: %d URL(s) refused (other hosts, non-HTTP schemes or "
                    "non-public addresses)",
                    source_id,
                    stats["refused"],
                )
        self.persist_state(reason)
        if self._db is not None:
            self._db.close()
            self._db = None

    def persist_state(self, reason: str) -> None:
        """Hook for spider kinds that keep state between crawls (feed validators)."""

    def count(self, source: Source, key: str, n: int = 1) -> None:
        self.stats_by_source.setdefault(source.id, dict.fromkeys(STAT_KEYS, 0))[key] += n

    def refuse(self, source: Source | None, url: str, reason: str) -> None:
        """Count and log a URL the host policy does not allow; it is not a site error."""
        if source is not None:
            self.count(source, "refused")
        self.logger.warning("refused %s: %s", url, reason)

    def allowed(self, source: Source, url: str) -> bool:
        """Scheme and host check before a URL is queued (addresses are checked at download)."""
        policy = getattr(self, "host_policy", None)
        reason = policy.refusal(url, source, resolve=False) if policy else None
        if reason:
            self.refuse(source, url, reason)
        return reason is None

    def article_requests(
        self,
        source: Source,
        candidates: Iterable[tuple[str, dict]],
        origin: str,
        repeats_are_duplicates: bool = True,
    ) -> Iterator[scrapy.Request]:
        """Requests for article URLs not stored yet and not queued in this crawl.

        `candidates` are (absolute URL, hints from the listing such as title and date).
        URLs are normalised first, so tracking and AMP variants count as one, and
        the normalised URL is what is fetched (the AMP page is a stripped copy).
        A URL listed twice (two feeds) counts as a duplicate unless
        repeats_are_duplicates is off (section pages link the same article often).
        """
        fresh: list[tuple[str, str, dict]] = []
        for url, hints in candidates:
            if not self.allowed(source, url):
                continue
            key = normalise_url(url)
            if key in self.queued:
                if repeats_are_duplicates:
                    self.count(source, "entries")
                    self.count(source, "duplicates")
                continue
            self.count(source, "entries")
            self.queued.add(key)
            fetch = key + "/" if urlsplit(url).path.endswith("/") and not key.endswith("/") else key
            fresh.append((fetch, key, hints))
        known = set() if self.refresh else known_urls(self.db, [k for _, k, _ in fresh])
        for url, key, hints in fresh:
            if key in known:
                self.count(source, "skipped_known")
                continue
            yield scrapy.Request(
                url,
                callback=self.parse_article,
                errback=self.on_error,
                cb_kwargs={"source": source, "key": key, "hints": hints},
                meta={"origin": origin},
                dont_filter=True,
            )

    def parse_article(
        self, response: Response, source: Source, key: str, hints: dict
    ) -> Iterator[ArticleItem]:
        self.count(source, "fetched")
        if not isinstance(response, TextResponse):
            self.logger.warning("not a text page, skipped: %s", response.url)
            return
        declared = None
        ctype = response.headers.get("Content-Type", b"").decode("latin-1")
        if "charset=" in ctype.lower():
            declared = ctype.lower().split("charset=")[-1].split(";")[0].strip()
        html, _encoding = decode_html(response.body, declared)
        data = extract_article(html, response.url)
        aliases = []
        if normalise_url(response.url) != key:
            aliases.append(normalise_url(response.url))
        yield ArticleItem(
            source_id=source.id,
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
            extra={"aliases": aliases},
        )

    def on_error(self, failure: Any) -> None:
        request = failure.request
        message = failure.getErrorMessage()
        if failure.check(RefusedURL):
            # Not the site's fault and not worth a retry: counted apart from errors, and
            # the feed that listed it still counts as read in full.
            source = request.cb_kwargs.get("source")
            if source is not None:
                self.count(source, "refused")
            self.logger.warning("%s", message)
            return
        if (
            failure.check(IgnoreRequest)
            and not failure.check(HttpError)
            and "robots.txt" in message
        ):
            self.logger.info("skipped %s: %s", request.url, message)
            return
        source = request.cb_kwargs.get("source")
        if source is not None:
            self.count(source, "errors")
        origin = request.meta.get("origin")
        if origin:
            self.failed_origins.add(origin)
        if failure.check(HttpError):
            message = f"HTTP {failure.value.response.status}"
        self.logger.error("failed %s: %s", request.url, message)
