"""The spider `bevakning crawl` runs: every source through every entry point it has.

One spider (not three) so that the per-domain concurrency limit, the
known-URL check and the per-source counts cover feeds, sitemaps and section
pages together.
"""

from __future__ import annotations

from typing import Any

from crawler.spiders.base import ArticleSpider
from crawler.spiders.feeds import FeedsMixin
from crawler.spiders.sections import SectionsMixin
from crawler.spiders.sitemaps import SitemapsMixin


class NewsSpider(FeedsMixin, SitemapsMixin, SectionsMixin, ArticleSpider):
    """Feeds and sitemaps where an outlet has them; section pages where it has neither."""

    name = "news"

    def __init__(self, *args: Any, **kwargs: Any):
        super().__init__(*args, **kwargs)
        self.feed_updates: dict[str, tuple] = {}
        self.section_pages: dict[str, int] = {}
        self.section_seen: set[str] = set()

    async def start(self) -> Any:
        for source in self.sources:
            for request in self.feed_requests(source):
                yield request
            for request in self.sitemap_requests(source):
                yield request
            if not source.feeds and not source.sitemaps:
                for request in self.section_requests(source):
                    yield request

    def persist_state(self, reason: str) -> None:
        self.save_feed_states(reason)
