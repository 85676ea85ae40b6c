"""What the spiders yield: one article, before normalisation and storage."""

from __future__ import annotations

from dataclasses import dataclass, field


@dataclass
class ArticleItem:
    source_id: str
    url: str  # normalised URL (crawler.urls.normalise_url): the article's key
    title: str | None = None
    published: str | None = None
    text: str | None = None
    author: str | None = None
    lead: str | None = None
    section: str | None = None
    canonical_url: str | None = None
    language: str | None = None
    paywalled: int = 0
    fetched_at: str | None = None
    content_hash: str | None = None
    extra: dict = field(default_factory=dict)
