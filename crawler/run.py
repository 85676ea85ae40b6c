"""Run a crawl in this process (the Twisted reactor can run once per process)."""

from __future__ import annotations

import os
from dataclasses import dataclass, field
from datetime import datetime
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
    fetched: int = 0
    skipped_known: int = 0
    lost: int = 0
    status: str = "finished"
    run_id: int | None = None
    per_source: dict[str, dict[str, int]] = field(default_factory=dict)
    causes: dict[str, dict[str, int]] = field(default_factory=dict)
    failed_sources: list[str] = field(default_factory=list)
    log_file: str | None = None

    def line(self) -> str:
        lost = f", {self.lost} lost" if self.lost else ""
        return (
            f"crawl done: {self.new} new articles, {self.duplicates} duplicates, "
            f"{self.errors} errors{lost} from {len(self.per_source)} sources "
            f"({self.fetched} pages fetched, {self.skipped_known} already stored; "
            f"run {self.run_id}, {self.status})"
        )

    @property
    def all_failed(self) -> bool:
        return bool(self.per_source) and len(self.failed_sources) == len(self.per_source)

    @property
    def exit_code(self) -> int:
        """1 when the crawl lost items or no source answered; 0 otherwise."""
        return 1 if self.lost or self.all_failed or self.status != "finished" else 0

    def cause_lines(self) -> list[str]:
        """One line per cause of errors, naming the sources it hit (for the console)."""
        from crawler.errors import DNS

        by_cause: dict[str, list[tuple[str, int]]] = {}
        for source_id, causes in sorted(self.causes.items()):
            for cause, n in causes.items():
                by_cause.setdefault(cause, []).append((source_id, n))
        lines = []
        if self.all_failed and all(
            set(self.causes.get(s, {})) <= {DNS} and self.causes.get(s) for s in self.per_source
        ):
            lines.append("no network? DNS lookup failed for every source")
        for cause, hits in sorted(by_cause.items(), key=lambda kv: -sum(n for _, n in kv[1])):
            ids = ", ".join(s for s, _ in hits[:5]) + (" …" if len(hits) > 5 else "")
            total = sum(n for _, n in hits)
            lines.append(f"  {cause}: {total} in {len(hits)} source(s): {ids}")
        if self.all_failed:
            lines.append(f"every source failed ({len(self.failed_sources)})")
        if self.lost:
            lines.append(f"{self.lost} articles fetched but lost (not stored); see the log")
        if lines and self.log_file:
            lines.append(f"details: {self.log_file}")
        return lines


# Environment variables that override a setting (between settings.py and flags).
_ENV_SETTINGS = {
    "BEVAKNING_DOWNLOAD_TIMEOUT": "DOWNLOAD_TIMEOUT",
    "BEVAKNING_DOWNLOAD_MAXSIZE": "DOWNLOAD_MAXSIZE",
    "BEVAKNING_CONCURRENT_PER_DOMAIN": "CONCURRENT_REQUESTS_PER_DOMAIN",
    "BEVAKNING_PROGRESS_INTERVAL": "BEVAKNING_PROGRESS_INTERVAL",
    "BEVAKNING_SITEMAP_DAYS": "BEVAKNING_SITEMAP_DAYS",
    "BEVAKNING_SECTION_MAX_PAGES": "BEVAKNING_SECTION_MAX_PAGES",
    "BEVAKNING_MAX_CRAWL_DELAY": "BEVAKNING_MAX_CRAWL_DELAY",
    "BEVAKNING_LOG_LEVEL": "LOG_LEVEL",
    "BEVAKNING_ALLOW_PRIVATE": "BEVAKNING_ALLOW_PRIVATE",
}


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
    for env, name in _ENV_SETTINGS.items():
        if (value := os.environ.get(env)) is not None and value.strip():
            settings.set(name, value.strip(), priority="cmdline")
    if fast:
        settings.setdict(
            # Not 0: with a zero delay, Scrapy 2.19's downloader (asyncio reactor) hands a
            # slot's whole queue out at once and CONCURRENT_REQUESTS_PER_DOMAIN is not
            # enforced; any positive delay makes it check free slots per request.
            {
                "DOWNLOAD_DELAY": 0.001,
                "AUTOTHROTTLE_ENABLED": False,
                "DOWNLOAD_DELAY_JITTER": 0,
            },
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
    since: datetime | None = None,
    overrides: dict[str, Any] | None = None,
) -> CrawlSummary:
    """Crawl the sources (feeds, sitemaps, section pages) into the database.

    The run is recorded in crawl_runs/crawl_run_sources (with the causes of
    errors per source) and what each feed, sitemap and section page answered
    in source_health; a run whose process died is marked 'killed' when the
    next one starts. Check `summary.exit_code`: items lost or every source
    failing is not a success.
    """
    from scrapy.crawler import CrawlerProcess

    from crawler.health import crawl_checks, record_health
    from crawler.spiders.news import NewsSpider
    from crawler.state import finish_run, start_run

    db = open_db(db_path)
    upsert_sources(db, [s.as_row() for s in sources])
    run_id = start_run(db, since=since.isoformat() if since else None, refresh=refresh)
    db.close()

    settings = crawl_settings(db_path, fast=fast, overrides=overrides)
    # Tracebacks and per-request lines go to a log file; the console gets progress
    # and one line per cause at the end.
    log_file = settings.get("LOG_FILE") or os.environ.get("BEVAKNING_CRAWL_LOG")
    log_file = log_file or f"{db_path}.crawl.log"
    settings.set("LOG_FILE", log_file, priority="cmdline")
    process = CrawlerProcess(settings)
    crawler = process.create_crawler(NewsSpider)
    process.crawl(crawler, sources=sources, db_path=str(db_path), refresh=refresh, since=since)
    status = "failed"
    try:
        process.start()
        status = getattr(crawler.spider, "closed_reason", None) or "failed"
    finally:
        spider = crawler.spider
        per_source = getattr(spider, "stats_by_source", {})
        causes = {k: dict(v) for k, v in getattr(spider, "causes", {}).items() if v}
        entry_health = getattr(spider, "entry_health", {})
        alive = {h["source_id"] for h in entry_health.values() if h["status"] == "ok"}
        alive |= {sid for sid, s in per_source.items() if s.get("fetched")}
        summary = CrawlSummary(
            new=sum(s.get("new", 0) for s in per_source.values()),
            duplicates=sum(s.get("duplicates", 0) for s in per_source.values()),
            errors=sum(s.get("errors", 0) for s in per_source.values()),
            fetched=sum(s.get("fetched", 0) for s in per_source.values()),
            skipped_known=sum(s.get("skipped_known", 0) for s in per_source.values()),
            lost=sum(s.get("lost", 0) for s in per_source.values()),
            status=status,
            run_id=run_id,
            per_source=per_source,
            causes=causes,
            failed_sources=sorted(set(per_source) - alive),
            log_file=log_file,
        )
        db = open_db(db_path)
        finish_run(db, run_id, status, per_source, summary.line(), causes)
        record_health(db, crawl_checks(entry_health))
        db.close()
    return summary
