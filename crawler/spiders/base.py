"""What every spider kind shares: known-URL checks, article pages, errors, per-source counts."""

from __future__ import annotations

from collections import Counter
from collections.abc import Iterable, Iterator
from datetime import datetime
from typing import Any
from urllib.parse import urlsplit

import scrapy
from scrapy import signals
from scrapy.http import Response, TextResponse
from scrapy.spidermiddlewares.httperror import HttpError

from crawler.errors import RobotsBlocked, failure_cause
from crawler.extract import article_item
from crawler.hosts import HostPolicy, RefusedURL
from crawler.items import ArticleItem
from crawler.sources import Source
from crawler.state import known_urls
from crawler.urls import normalise_url
from db import open_db

STAT_KEYS = (
    "entries",
    "fetched",
    "new",
    "duplicates",
    "skipped_known",
    "errors",
    "lost",
    "refused",
)


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
        # Why errors happened, per source ("HTTP 404": 2, "bad link": 1), and what each
        # entry point (feed, sitemap, section page) answered: the crawl's health report.
        self.causes: dict[str, Counter[str]] = {s.id: Counter() for s in sources}
        self.entry_health: dict[str, dict[str, Any]] = {}
        self._db: Any = None

    @classmethod
    def from_crawler(cls, crawler: Any, *args: Any, **kwargs: Any) -> ArticleSpider:
        spider = super().from_crawler(crawler, *args, **kwargs)
        crawler.signals.connect(spider.on_closed, signal=signals.spider_closed)
        spider.host_policy = HostPolicy(
            spider.sources, allow_private=crawler.settings.getbool("BEVAKNING_ALLOW_PRIVATE")
        )
        crawler.signals.connect(spider.on_spider_error, signal=signals.spider_error)
        crawler.signals.connect(spider.on_item_error, signal=signals.item_error)
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

    def count(self, source: Source | str, key: str, n: int = 1) -> None:
        source_id = source if isinstance(source, str) else source.id
        stats = self.stats_by_source.setdefault(source_id, dict.fromkeys(STAT_KEYS, 0))
        stats[key] = stats.get(key, 0) + n

    def note(self, source: Source | str, cause: str, *, error: bool = True) -> None:
        """Record why something from this source went wrong (and count it as an error)."""
        source_id = source if isinstance(source, str) else source.id
        self.causes.setdefault(source_id, Counter())[cause] += 1
        if error:
            self.count(source_id, "errors")

    def entry_result(
        self,
        request: scrapy.Request,
        status: str,
        *,
        items: int | None = None,
        http_status: int | None = None,
        error: str | None = None,
    ) -> None:
        """What an entry point (feed, sitemap, first section page) answered in this crawl.

        Written to source_health when the crawl ends, so the health view reflects
        every crawl, not only `sources check`.
        """
        kind = request.meta.get("entry")
        source = request.cb_kwargs.get("source")
        if not kind or source is None:
            return
        # After a redirect, a feed or sitemap is still filed under the address in sources.toml.
        url = request.meta.get("origin") if kind in ("feed", "sitemap") else request.url
        self.entry_health[url or request.url] = {
            "source_id": source.id,
            "kind": kind,
            "status": status,
            "items": items,
            "http_status": http_status,
            "error": error,
        }

    def resolve_link(self, response: Response, href: str, source: Source) -> str | None:
        """The absolute URL of a link, or None (counted as an error) when it is malformed.

        One bad link (a port out of range, a broken IPv6 host) must cost that link
        only, never the rest of the feed or page it stands in.
        """
        try:
            url = response.urljoin(href.strip())
            parts = urlsplit(url)
            if parts.scheme in ("http", "https"):
                parts.port  # noqa: B018 - raises ValueError when out of range
                if not parts.hostname:
                    raise ValueError("no host")
        except ValueError as exc:
            self.bad_link(source, href, exc)
            return None
        return url

    def bad_link(self, source: Source, href: str, exc: Exception) -> None:
        self.note(source, "bad link")
        self.logger.warning("bad link skipped (%s): %r", exc, href[:200])

    def refuse(self, source: Source | None, url: str, reason: str) -> None:
        """Count and log a URL the host policy does not allow; it is not a site error."""
        if source is not None:
            self.count(source, "refused")
            # Shown with the source's causes in the health view; not counted as an error.
            self.note(source, "refused (other host, scheme or private address)", error=False)
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
            try:
                key = normalise_url(url)
            except ValueError as exc:
                self.bad_link(source, url, exc)
                continue
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
        ctype = response.headers.get("Content-Type", b"").decode("latin-1")
        yield article_item(source.id, key, response.url, response.body, ctype, hints)

    def on_error(self, failure: Any) -> None:
        request = failure.request
        if failure.check(RefusedURL):
            # Not the site's fault and not worth a retry: counted apart from errors, and
            # the feed that listed it still counts as read in full.
            source = request.cb_kwargs.get("source")
            if source is not None:
                self.count(source, "refused")
                self.note(source, "refused (other host, scheme or private address)", error=False)
            self.logger.warning("%s", failure.getErrorMessage())
            return
        source = request.cb_kwargs.get("source")
        cause, status = failure_cause(failure)
        http_status = failure.value.response.status if failure.check(HttpError) else None
        self.entry_result(request, status, http_status=http_status, error=cause)
        if (
            failure.check(RobotsBlocked)
            and not failure.value.whole_site
            and not request.meta.get("entry")
        ):
            # One article page the site's robots.txt keeps us from: its wish, not a fault.
            if source is not None:
                self.note(source, "robots.txt disallows a page", error=False)
            self.logger.info("skipped %s: %s", request.url, cause)
            return
        if source is not None:
            self.note(source, cause)
        origin = request.meta.get("origin")
        if origin:
            self.failed_origins.add(origin)
        self.logger.error("failed %s: %s", request.url, cause)

    def on_spider_error(self, failure: Any, response: Any, spider: Any = None) -> None:
        """A callback raised: count it for its source, and keep the feed's validators unsaved."""
        request = getattr(response, "request", None) or getattr(failure, "request", None)
        if request is None:
            return
        source = request.cb_kwargs.get("source")
        message = str(failure.value).splitlines()[0][:60] if str(failure.value) else ""
        cause = f"parse error: {type(failure.value).__name__}" + (f": {message}" if message else "")
        self.entry_result(request, "parse_error", error=cause)
        if source is not None:
            self.note(source, cause)
        if origin := request.meta.get("origin"):
            self.failed_origins.add(origin)

    def on_item_error(
        self, item: Any, response: Any, spider: Any = None, failure: Any = None
    ) -> None:
        """A pipeline raised (a failed write): the article is lost for this crawl.

        It is counted, and its feed's validators are not saved, so the next crawl
        reads the feed in full and fetches the article again.
        """
        source_id = getattr(item, "source_id", None)
        if source_id:
            reason = str(failure.value).splitlines()[0][:80] if failure is not None else "?"
            self.note(source_id, f"store failed: {reason}")
            self.count(source_id, "lost")
        origin = getattr(response, "meta", {}).get("origin") if response is not None else None
        if origin:
            self.failed_origins.add(origin)
