"""Item pipelines: normalise → dedupe → store (see ITEM_PIPELINES in settings.py)."""

from __future__ import annotations

import hashlib
import re
import unicodedata
from typing import Any

from scrapy.crawler import Crawler
from scrapy.exceptions import DropItem

from crawler.items import ArticleItem
from db import open_db
from db.store import insert_article, now_iso


def content_hash(text: str) -> str:
    """Hash of the body with whitespace and case folded, so re-renders hash alike."""
    norm = re.sub(r"\s+", " ", unicodedata.normalize("NFC", text)).strip().lower()
    return hashlib.sha256(norm.encode("utf-8")).hexdigest()


class NormalisePipeline:
    """Unicode NFC, trimmed fields, a fetch time and a content hash; empty bodies are dropped."""

    def process_item(self, item: ArticleItem, spider: Any = None) -> ArticleItem:
        if not item.text or not item.text.strip():
            raise DropItem(f"no article text: {item.url}")
        item.text = unicodedata.normalize("NFC", item.text).strip()
        if item.title:
            item.title = unicodedata.normalize("NFC", item.title).strip()
        item.fetched_at = item.fetched_at or now_iso()
        item.content_hash = content_hash(item.text)
        return item


class _DatabasePipeline:
    """A pipeline holding one connection to the crawl's database for the whole crawl."""

    def __init__(self, crawler: Crawler):
        self.crawler = crawler
        self.stats = crawler.stats

    @classmethod
    def from_crawler(cls, crawler: Crawler) -> _DatabasePipeline:
        return cls(crawler)

    def open_spider(self, spider: Any = None) -> None:
        self.db = open_db(self.crawler.settings["BEVAKNING_DB"])

    def close_spider(self, spider: Any = None) -> None:
        self.db.close()


class DedupePipeline(_DatabasePipeline):
    """Drop exact duplicates (same body under another URL) within the database."""

    def process_item(self, item: ArticleItem, spider: Any = None) -> ArticleItem:
        row = self.db.execute(
            "select url from articles where content_hash = ? and url != ? limit 1",
            [item.content_hash, item.url],
        ).fetchone()
        if row:
            self.stats.inc_value("bevakning/duplicates")
            raise DropItem(f"duplicate of {row[0]}: {item.url}")
        return item


class StorePipeline(_DatabasePipeline):
    """Write each article in its own transaction, so a crash loses at most the one in flight."""

    def process_item(self, item: ArticleItem, spider: Any = None) -> ArticleItem:
        new_id = insert_article(
            self.db,
            {
                "source_id": item.source_id,
                "url": item.url,
                "title": item.title,
                "published": item.published,
                "text": item.text,
                "fetched_at": item.fetched_at,
                "content_hash": item.content_hash,
            },
        )
        self.stats.inc_value("bevakning/new" if new_id else "bevakning/already_stored")
        return item
