"""Item pipelines: normalise → dedupe → store (see ITEM_PIPELINES in settings.py)."""

from __future__ import annotations

import hashlib
import re
import unicodedata
from datetime import datetime
from email.utils import parsedate_to_datetime
from typing import Any
from zoneinfo import ZoneInfo

from scrapy.crawler import Crawler
from scrapy.exceptions import DropItem

from crawler.dedupe import MIN_SHINGLES, StoryIndex, assign_story, minhash, shingles, simhash
from crawler.items import ArticleItem
from crawler.state import SWEDISH, add_url_alias
from crawler.urls import normalise_url
from db import open_db
from db.store import now_iso

STOCKHOLM = ZoneInfo("Europe/Stockholm")


def content_hash(text: str) -> str:
    """Hash of the body with whitespace and case folded, so re-renders hash alike."""
    norm = re.sub(r"\s+", " ", unicodedata.normalize("NFC", text)).strip().lower()
    return hashlib.sha256(norm.encode("utf-8")).hexdigest()


def _nfc(value: str | None) -> str | None:
    if value is None:
        return None
    value = unicodedata.normalize("NFC", value).strip()
    return value or None


def normalise_published(value: str | None) -> str | None:
    """One ISO 8601 form for every publication date, or None when it cannot be read.

    Pages and feeds give ISO times, RFC 822 dates ("Mon, 23 Nov 2026 07:30:00 +0100")
    and bare dates; the database compares `published` as text (exports, months,
    ISO weeks), so mixed forms would sort wrongly. A time without an offset is
    Swedish local time; a bare date stays a date.
    """
    if not value or not value.strip():
        return None
    value = value.strip()
    if re.fullmatch(r"\d{4}-\d{2}-\d{2}", value):
        return value
    when: datetime | None = None
    try:
        when = datetime.fromisoformat(value.replace("Z", "+00:00"))
    except ValueError:
        try:
            when = parsedate_to_datetime(value)
        except (TypeError, ValueError, IndexError):
            try:
                from dateutil import parser as dateparser

                when = dateparser.parse(value)
            except (ValueError, OverflowError):
                return None
    if when is None:
        return None
    if when.tzinfo is None:
        when = when.replace(tzinfo=STOCKHOLM)
    return when.isoformat()


class NormalisePipeline:
    """Normalised URL, Unicode NFC, trimmed fields, a fetch time and a content hash.

    Pages with neither body text nor a paywall teaser are dropped.
    """

    def process_item(self, item: ArticleItem, spider: Any = None) -> ArticleItem:
        item.url = normalise_url(item.url)
        if item.canonical_url:
            item.canonical_url = normalise_url(item.canonical_url)
        for name in ("title", "text", "author", "lead", "section"):
            setattr(item, name, _nfc(getattr(item, name)))
        if not item.text and not (item.paywalled and item.lead):
            raise DropItem(f"no article text: {item.url}")
        item.published = normalise_published(item.published)
        item.fetched_at = item.fetched_at or now_iso()
        item.content_hash = content_hash(item.text or f"{item.title or ''}\n{item.lead}")
        return item


class _DatabasePipeline:
    """A pipeline holding one connection to the database for the whole crawl.

    Scrapy builds it with `from_crawler`; `bevakning import-warc` builds it
    directly (db_path, its own per-source counts) and calls open_spider,
    process_item and close_spider itself, so WARC records are stored by the
    same code as crawled pages, without a Scrapy engine or reactor.
    """

    def __init__(
        self,
        crawler: Crawler | None = None,
        *,
        db_path: str | None = None,
        story_window_days: int = 30,
        stats_by_source: dict[str, dict[str, int]] | None = None,
    ):
        self.crawler = crawler
        self.stats = crawler.stats if crawler is not None else None
        if crawler is not None:
            db_path = crawler.settings["BEVAKNING_DB"]
            story_window_days = crawler.settings.getint("BEVAKNING_STORY_WINDOW_DAYS", 30)
        self.db_path = db_path
        self.story_window_days = story_window_days
        self._stats_by_source = stats_by_source

    @classmethod
    def from_crawler(cls, crawler: Crawler) -> _DatabasePipeline:
        return cls(crawler)

    def _inc(self, key: str) -> None:
        if self.stats is not None:
            self.stats.inc_value(key)

    def _count(self, source_id: str, key: str) -> None:
        """One more `key` for this source (the spider's table, or the importer's)."""
        if self.crawler is not None:
            by_source = getattr(self.crawler.spider, "stats_by_source", None)
        else:
            by_source = self._stats_by_source
        if by_source is None:
            return
        stats = by_source.setdefault(source_id, {})
        stats[key] = stats.get(key, 0) + 1

    def _refresh_mode(self) -> bool:
        return self.crawler is not None and getattr(self.crawler.spider, "refresh", False)

    def open_spider(self, spider: Any = None) -> None:
        self.db = open_db(self.db_path)
        # WAL with synchronous=NORMAL: a commit survives the process being killed (only a
        # power cut can lose the last few), and no fsync per article.
        self.db.execute("PRAGMA synchronous = NORMAL")

    def close_spider(self, spider: Any = None) -> None:
        self.db.close()


class DedupePipeline(_DatabasePipeline):
    """Drop exact duplicates within one outlet (same body under another URL).

    The other URL is remembered (table article_urls) so it is not fetched again.
    The same body in another outlet is a syndicated copy: it is kept and joins
    the story in StorePipeline.
    """

    def process_item(self, item: ArticleItem, spider: Any = None) -> ArticleItem:
        row = self.db.execute(
            "select id, url from articles where content_hash = ? and source_id = ? and url != ? "
            "limit 1",
            [item.content_hash, item.source_id, item.url],
        ).fetchone()
        if row:
            with self.db.atomic():
                add_url_alias(self.db, item.url, row[0], "same_content")
            self._inc("bevakning/duplicates")
            self._count(item.source_id, "duplicates")
            raise DropItem(f"duplicate of {row[1]}: {item.url}")
        return item


class StorePipeline(_DatabasePipeline):
    """Write each article, its story and its aliases in one transaction.

    One transaction per article: a crash (even SIGKILL) loses at most the
    article in flight, which the next crawl fetches again. A write that fails
    (disk full) rolls back and raises; the spider counts the article as lost.
    Non-Swedish articles are stored with their language and marked classified
    (classified_at set, no statements), so the classifier skips them.
    """

    def open_spider(self, spider: Any = None) -> None:
        super().open_spider(spider)
        self.stories = StoryIndex(self.db, window_days=self.story_window_days)

    def _refresh(self, row: dict[str, Any]) -> None:
        """`crawl --refresh`: the stored article takes the page's current content and
        is classified again (its statement ids are kept by the classifier)."""
        fields = {k: v for k, v in row.items() if k not in ("source_id", "url")}
        fields["classified_at"] = row.get("classified_at")  # None for Swedish articles
        sets = ", ".join(f"[{k}] = ?" for k in fields)
        self.db.execute(f"update articles set {sets} where url = ?", [*fields.values(), row["url"]])

    def process_item(self, item: ArticleItem, spider: Any = None) -> ArticleItem:
        features = shingles(" ".join(filter(None, [item.title, item.lead, item.text])))
        sig = minhash(features)
        row = {
            "source_id": item.source_id,
            "url": item.url,
            "title": item.title,
            "published": item.published,
            "text": item.text,
            "author": item.author,
            "lead": item.lead,
            "section": item.section,
            "canonical_url": item.canonical_url,
            "language": item.language,
            "paywalled": item.paywalled,
            "fetched_at": item.fetched_at,
            "content_hash": item.content_hash,
            "simhash": simhash(features),
        }
        if item.language and item.language != SWEDISH:
            row["classified_at"] = item.fetched_at
        names = ", ".join(f"[{k}]" for k in row)
        marks = ", ".join("?" for _ in row)
        with self.db.atomic():
            cur = self.db.execute(
                f"insert into articles ({names}) values ({marks}) on conflict(url) do nothing",
                list(row.values()),
            )
            if not cur.rowcount:
                if self._refresh_mode():
                    self._refresh(row)
                    self._inc("bevakning/refreshed")
                else:
                    self._inc("bevakning/already_stored")
                return item
            article_id = cur.lastrowid
            same = self.db.execute(
                "select id from articles where content_hash = ? and id != ? order by id limit 1",
                [item.content_hash, article_id],
            ).fetchone()
            assign_story(
                self.db,
                self.stories,
                article_id,
                item.published,
                sig,
                len(features),
                exact=same[0] if same else None,
            )
            # rel=canonical is not recorded as another address of this article: a page
            # may name a different article (a copy pointing at its original), which
            # would then count as stored and never be fetched. Its canonical_url is kept.
            for alias in item.extra.get("aliases", ()):
                if alias != item.url:
                    add_url_alias(self.db, alias, article_id, "redirect")
        # Only now, with the row committed: a rolled-back article must not stay in the index.
        if len(features) >= MIN_SHINGLES:
            self.stories.add(article_id, sig)
        self._inc("bevakning/new")
        self._count(item.source_id, "new")
        return item
