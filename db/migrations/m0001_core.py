"""Core tables: sources, articles, statements, with full-text search."""

from sqlite_utils import Database


def migrate(db: Database) -> None:
    db["sources"].create(
        {
            "id": str,
            "name": str,
            "homepage": str,
            "lan": str,
            "municipalities": str,  # JSON list of municipality names
            "feeds": str,  # JSON list
            "sitemaps": str,  # JSON list
        },
        pk="id",
    )
    db["articles"].create(
        {
            "id": int,
            "source_id": str,
            "url": str,
            "title": str,
            "published": str,  # ISO-8601, may be NULL when unknown
            "text": str,
            "fetched_at": str,
            "content_hash": str,
            "classified_at": str,  # NULL until `bevakning classify` has split it
        },
        pk="id",
        foreign_keys=[("source_id", "sources", "id")],
        not_null={"url", "source_id"},
    )
    db["articles"].create_index(["url"], unique=True)
    db["articles"].create_index(["content_hash"])
    db["articles"].create_index(["published"])
    db["articles"].create_index(["source_id"])
    db["statements"].create(
        {
            "id": int,
            "article_id": int,
            "position": int,
            "text": str,
            "speaker": str,
            "actor_role": str,
            "municipality": str,
            "topic": str,
            "conflict": int,
            "score": float,
            "model": str,
        },
        pk="id",
        foreign_keys=[("article_id", "articles", "id")],
        not_null={"article_id", "position", "text"},
    )
    db["statements"].create_index(["article_id", "position"], unique=True)
    db["statements"].create_index(["conflict"])
    db["articles"].enable_fts(["title", "text"], create_triggers=True, tokenize="unicode61")
    db["statements"].enable_fts(["text"], create_triggers=True, tokenize="unicode61")
