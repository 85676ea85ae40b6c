"""Downloader middleware: robots.txt rules including Crawl-delay, failing closed.

Scrapy's RobotsTxtMiddleware honours Allow/Disallow but ignores Crawl-delay.
This subclass raises the download slot's delay to the site's Crawl-delay
(capped by BEVAKNING_MAX_CRAWL_DELAY) on every request, so AutoThrottle,
which adjusts the slot delay after each response, can never undercut it.

Scrapy also allows everything when robots.txt answers 5xx or cannot be fetched.
RFC 9309 (section 2.3.1) says the opposite: an unreachable robots.txt means a
complete disallow. Here it does, and each request refused that way raises
RobotsBlocked with the reason, so the spider can count and report it.
"""

from __future__ import annotations

from typing import Any

from scrapy import Request
from scrapy.downloadermiddlewares.robotstxt import RobotsTxtMiddleware
from scrapy.exceptions import IgnoreRequest
from scrapy.utils.httpobj import urlparse_cached

from crawler.errors import DNS, REFUSED, RobotsBlocked, network_cause

DISALLOW_ALL = b"User-agent: *\nDisallow: /\n"


class PoliteRobotsTxtMiddleware(RobotsTxtMiddleware):
    def __init__(self, crawler: Any):
        super().__init__(crawler)
        # netloc -> (cause, source_health status) where robots.txt could not be read.
        self.unreadable: dict[str, tuple[str, str]] = {}

    async def _parse_robots(self, response: Any, netloc: str, request: Request) -> None:
        if response.status >= 500:
            self.unreadable[netloc] = (f"robots.txt answered HTTP {response.status}", "robots")
            response = response.replace(body=DISALLOW_ALL)
        elif response.status >= 400:
            response = response.replace(body=b"")  # RFC 9309: 4xx means no restrictions
        await super()._parse_robots(response, netloc, request)

    def _robots_error(self, exc: Exception, netloc: str) -> None:
        if isinstance(exc, IgnoreRequest):
            super()._robots_error(exc, netloc)
            return
        cause = network_cause(exc) or type(exc).__name__
        if cause not in (DNS, REFUSED):
            # The host answers (or might), but its rules are unknown: stay away.
            cause = f"robots.txt unreachable ({cause})"
        self.unreadable[netloc] = (cause, "network_error")
        rp_dfd = self._parsers[netloc]
        self._parsers[netloc] = rp = self._build_parser(DISALLOW_ALL)
        rp_dfd.callback(rp)

    def _build_parser(self, body: bytes) -> Any:
        from scrapy.utils.misc import build_from_crawler

        return build_from_crawler(self._parserimpl, self.crawler, body)

    def process_request_2(self, rp: Any, request: Request) -> None:
        try:
            super().process_request_2(rp, request)
        except IgnoreRequest:
            url = urlparse_cached(request)
            if url.netloc in self.unreadable:
                cause, status = self.unreadable[url.netloc]
                raise RobotsBlocked(cause, whole_site=True, status=status) from None
            useragent = self._robotstxt_useragent or request.headers.get(
                b"User-Agent", self._default_useragent
            )
            if not rp.allowed(f"{url.scheme}://{url.netloc}/", useragent):
                raise RobotsBlocked("robots.txt disallows all pages", whole_site=True) from None
            raise RobotsBlocked("robots.txt disallows the page", whole_site=False) from None
        if rp is None:
            return
        useragent = self._robotstxt_useragent or request.headers.get(
            b"User-Agent", self._default_useragent
        )
        delay = rp.crawl_delay(useragent)
        if not delay:
            return
        delay = min(float(delay), self.crawler.settings.getfloat("BEVAKNING_MAX_CRAWL_DELAY", 30))
        downloader = self.crawler.engine.downloader
        key = downloader.get_slot_key(request)
        downloader.per_slot_settings.setdefault(key, {})["delay"] = delay
        slot = downloader.slots.get(key)
        if slot is not None and slot.delay < delay:
            slot.delay = delay
            self.crawler.stats.set_value(f"bevakning/crawl_delay/{key}", delay)


class HostGuardMiddleware:
    """Refuse requests the crawl's HostPolicy does not allow (off-host, non-HTTP, private).

    It runs before every download, so a redirect to another host, to a local
    address or to a file is refused like a feed item pointing there: the
    redirect middleware hands its new request back to the engine, which sends
    it through here again. It sits before the robots.txt middleware, so no
    robots.txt is fetched from a refused host.
    """

    def __init__(self, crawler: Any):
        self.crawler = crawler

    @classmethod
    def from_crawler(cls, crawler: Any) -> HostGuardMiddleware:
        return cls(crawler)

    def process_request(self, request: Request) -> None:
        from crawler.hosts import RefusedURL

        policy = getattr(self.crawler.spider, "host_policy", None)
        if policy is None:
            return None
        reason = policy.refusal(request.url, request.cb_kwargs.get("source"))
        if reason:
            self.crawler.stats.inc_value("bevakning/refused")
            raise RefusedURL(f"refused {request.url}: {reason}")
        return None
