"""Writes on natural keys, so that re-running any stage never duplicates rows."""

from __future__ import annotations

import json
from collections.abc import Iterable, Mapping
from datetime import UTC, datetime
from typing import Any

from sqlite_utils import Database


def now_iso() -> str:
    """UTC timestamp with seconds, the project's format for *_at columns."""
    return datetime.now(UTC).replace(microsecond=0).isoformat()


def upsert_sources(db: Database, sources: Iterable[Mapping[str, Any]]) -> None:
    """Record outlets from a sources file; list fields are stored as JSON."""
    rows = []
    for s in sources:
        row = {k: v for k, v in s.items() if k in db["sources"].columns_dict}
        for key in ("municipalities", "feeds", "sitemaps"):
            if key in row and not isinstance(row[key], str):
                row[key] = json.dumps(list(row[key]), ensure_ascii=False)
        rows.append(row)
    with db.atomic():
        db["sources"].upsert_all(rows, pk="id", alter=False)


def known_urls(db: Database, urls: Iterable[str]) -> set[str]:
    """Which of these article URLs are stored already (so the crawler skips them)."""
    urls = list(urls)
    found: set[str] = set()
    for i in range(0, len(urls), 500):
        chunk = urls[i : i + 500]
        marks = ",".join("?" * len(chunk))
        found.update(
            r[0] for r in db.execute(f"select url from articles where url in ({marks})", chunk)
        )
    return found


def insert_article(db: Database, article: Mapping[str, Any]) -> int | None:
    """Store one article unless its URL is known; return the new id or None.

    Columns the table lacks are ignored, so newer crawler fields degrade
    gracefully on an older schema.
    """
    columns = db["articles"].columns_dict
    row = {k: v for k, v in article.items() if k in columns and k != "id"}
    row.setdefault("fetched_at", now_iso())
    names = ", ".join(f"[{k}]" for k in row)
    marks = ", ".join("?" for _ in row)
    with db.atomic():
        cur = db.execute(
            f"insert into articles ({names}) values ({marks}) on conflict(url) do nothing",
            list(row.values()),
        )
        return cur.lastrowid if cur.rowcount else None


def articles_to_classify(
    db: Database, *, refresh: bool = False, limit: int | None = None
) -> list[dict]:
    """Articles not yet split into statements (all of them with refresh)."""
    sql = "select id, source_id, url, title, text, published from articles"
    if not refresh:
        sql += " where classified_at is null"
    sql += " order by id"
    if limit:
        sql += f" limit {int(limit)}"
    return [dict(r) for r in db.query(sql)]


def replace_statements(db: Database, article_id: int, statements: list[Mapping[str, Any]]) -> None:
    """Swap an article's statements for a new set atomically and mark it classified."""
    columns = db["statements"].columns_dict
    rows = []
    for st in statements:
        row = {k: v for k, v in st.items() if k in columns and k != "id"}
        for k, v in list(row.items()):
            if isinstance(v, list | dict):
                row[k] = json.dumps(v, ensure_ascii=False)
        row["article_id"] = article_id
        rows.append(row)
    with db.atomic():
        db.execute("delete from statements where article_id = ?", [article_id])
        if rows:
            db["statements"].insert_all(rows, alter=False)
        db.execute("update articles set classified_at = ? where id = ?", [now_iso(), article_id])
