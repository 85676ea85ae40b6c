"""Downloader middleware: robots.txt rules including Crawl-delay.

Scrapy's RobotsTxtMiddleware honours Allow/Disallow but ignores Crawl-delay.
This subclass raises the download slot's delay to the site's Crawl-delay
(capped by BEVAKNING_MAX_CRAWL_DELAY) on every request, so AutoThrottle,
which adjusts the slot delay after each response, can never undercut it.
"""

from __future__ import annotations

from typing import Any

from scrapy import Request
from scrapy.downloadermiddlewares.robotstxt import RobotsTxtMiddleware


class PoliteRobotsTxtMiddleware(RobotsTxtMiddleware):
    def process_request_2(self, rp: Any, request: Request) -> None:
        super().process_request_2(rp, request)
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
