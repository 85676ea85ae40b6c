"""Crawler tables and columns: article metadata, story grouping, crawl health and feed state."""

from sqlite_utils import Database


def migrate(db: Database) -> None:
    articles = db["articles"]
    for name, kind in [
        ("author", str),
        ("lead", str),  # ingress; for a paywalled article the teaser, with text NULL
        ("section", str),
        ("canonical_url", str),
        ("language", str),  # ISO 639-1; non-Swedish articles are stored but never classified
        ("paywalled", int),
        ("story_id", int),  # own id, or the id of the story's first-published copy
        ("story_first", int),  # 1 on the first-published copy of a story
        ("simhash", str),  # 64-bit SimHash of the body's word shingles, 16 hex digits
    ]:
        articles.add_column(name, kind)
    articles.create_index(["story_id"])
    articles.create_index(["language"])

    sources = db["sources"]
    for name, kind in [("owner", str), ("paywall", int), ("kind", str), ("verified", int)]:
        sources.add_column(name, kind)

    # Other URLs under which a stored article was seen (exact duplicates by content hash,
    # canonical and redirect targets), so they are not fetched again.
    db["article_urls"].create(
        {"url": str, "article_id": int, "reason": str, "seen_at": str},
        pk="url",
        foreign_keys=[("article_id", "articles", "id")],
    )
    # MinHash signatures (uint32 hash values, datasketch affine32) used to match near-duplicates across crawls.
    db["article_minhash"].create(
        {"article_id": int, "signature": bytes},
        pk="article_id",
        foreign_keys=[("article_id", "articles", "id")],
    )
    db["crawl_runs"].create(
        {
            "id": int,
            "started_at": str,
            "ended_at": str,
            "status": str,  # running | finished | failed | killed
            "pid": int,
            "since": str,
            "refresh": int,
            "fetched": int,
            "new": int,
            "duplicates": int,
            "errors": int,
            "summary": str,
        },
        pk="id",
    )
    db["crawl_run_sources"].create(
        {
            "run_id": int,
            "source_id": str,
            "entries": int,
            "fetched": int,
            "new": int,
            "duplicates": int,
            "skipped_known": int,
            "errors": int,
        },
        pk=("run_id", "source_id"),
        foreign_keys=[("run_id", "crawl_runs", "id")],
    )
    db["source_health"].create(
        {
            "source_id": str,
            "url": str,
            "kind": str,  # feed | sitemap
            "status": str,  # ok | empty | http_error | malformed | network_error
            "http_status": int,
            "items": int,
            "error": str,
            "checked_at": str,
            "last_success_at": str,
        },
        pk=("source_id", "url"),
    )
    db["feed_state"].create(
        {
            "url": str,
            "source_id": str,
            "etag": str,
            "last_modified": str,
            "checked_at": str,
            "items": int,
        },
        pk="url",
    )
