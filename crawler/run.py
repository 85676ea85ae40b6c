"""Run a crawl in this process (the Twisted reactor can run once per process)."""

from __future__ import annotations

import os
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

from crawler.sources import Source
from db import open_db
from db.store import upsert_sources


@dataclass
class CrawlSummary:
    new: int = 0
    duplicates: int = 0
    errors: int = 0
    per_source: dict[str, dict[str, int]] = field(default_factory=dict)

    def line(self) -> str:
        return (
            f"crawl done: {self.new} new articles, {self.duplicates} duplicates, "
            f"{self.errors} errors from {len(self.per_source)} sources"
        )


def crawl_settings(
    db_path: str | Path, *, fast: bool = False, overrides: dict[str, Any] | None = None
) -> dict[str, Any]:
    """Project settings plus the database path; `fast` drops delays for sites on 127.0.0.1."""
    from scrapy.settings import Settings

    settings = Settings()
    settings.setmodule("crawler.settings", priority="project")
    settings.set("BEVAKNING_DB", str(db_path), priority="cmdline")
    if ua := os.environ.get("BEVAKNING_USER_AGENT"):
        settings.set("USER_AGENT", ua, priority="cmdline")
    if os.environ.get("BEVAKNING_HTTPCACHE") == "1":
        settings.set("HTTPCACHE_ENABLED", True, priority="cmdline")
    if fast:
        settings.setdict(
            {"DOWNLOAD_DELAY": 0, "AUTOTHROTTLE_ENABLED": False, "RANDOMIZE_DOWNLOAD_DELAY": False},
            priority="cmdline",
        )
    if overrides:
        settings.setdict(overrides, priority="cmdline")
    return settings


def run_crawl(
    db_path: str | Path,
    sources: list[Source],
    *,
    refresh: bool = False,
    fast: bool = False,
    overrides: dict[str, Any] | None = None,
) -> CrawlSummary:
    """Crawl the given sources' feeds into the database and summarise what happened."""
    from scrapy.crawler import CrawlerProcess

    from crawler.spiders.feeds import FeedSpider

    db = open_db(db_path)
    upsert_sources(db, [s.as_row() for s in sources])
    db.close()

    process = CrawlerProcess(
        crawl_settings(db_path, fast=fast, overrides=overrides), install_root_handler=True
    )
    crawler = process.create_crawler(FeedSpider)
    process.crawl(crawler, sources=sources, db_path=str(db_path), refresh=refresh)
    process.start()
    stats = crawler.stats.get_stats()
    spider_stats = getattr(crawler.spider, "stats_by_source", {})
    return CrawlSummary(
        new=stats.get("bevakning/new", 0),
        duplicates=stats.get("bevakning/duplicates", 0),
        errors=sum(s["errors"] for s in spider_stats.values()),
        per_source=spider_stats,
    )
