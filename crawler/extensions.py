"""Progress lines while crawling (every BEVAKNING_PROGRESS_INTERVAL seconds)."""

from __future__ import annotations

import logging
import sys
from typing import Any

from scrapy import signals
from scrapy.crawler import Crawler
from scrapy.exceptions import NotConfigured

logger = logging.getLogger("bevakning.progress")


class ProgressLog:
    """Print cumulative counts to stderr, so a long crawl shows it is alive."""

    def __init__(self, crawler: Crawler, interval: float):
        self.crawler = crawler
        self.interval = interval
        self.task: Any = None

    @classmethod
    def from_crawler(cls, crawler: Crawler) -> ProgressLog:
        interval = crawler.settings.getfloat("BEVAKNING_PROGRESS_INTERVAL", 10.0)
        if interval <= 0:
            raise NotConfigured
        ext = cls(crawler, interval)
        crawler.signals.connect(ext.spider_opened, signal=signals.spider_opened)
        crawler.signals.connect(ext.spider_closed, signal=signals.spider_closed)
        return ext

    def spider_opened(self, spider: Any = None) -> None:
        from twisted.internet import task

        self.task = task.LoopingCall(self.report)
        self.task.start(self.interval, now=False)

    def report(self) -> None:
        by_source = getattr(self.crawler.spider, "stats_by_source", {})
        total = {
            k: sum(s.get(k, 0) for s in by_source.values())
            for k in ("fetched", "new", "duplicates", "skipped_known", "errors")
        }
        pending = len(self.crawler.engine.downloader.active) if self.crawler.engine else 0
        print(
            f"progress: {total['fetched']} pages fetched, {total['new']} new, "
            f"{total['duplicates']} duplicates, {total['skipped_known']} already stored, "
            f"{total['errors']} errors, {pending} downloading",
            file=sys.stderr,
            flush=True,
        )

    def spider_closed(self, spider: Any = None, reason: str = "") -> None:
        if self.task is not None and self.task.running:
            self.task.stop()
