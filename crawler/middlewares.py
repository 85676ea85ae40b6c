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
