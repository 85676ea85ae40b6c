"""Writes on natural keys, so that re-running any stage never duplicates rows."""

from __future__ import annotations

import json
from collections.abc import Iterable, Iterator, Mapping
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


def articles_to_classify(
    db: Database, *, refresh: bool = False, batch_size: int = 200
) -> Iterator[dict]:
    """Articles not yet split into statements (all Swedish ones with refresh), in id order.

    Read in pages so that a refresh of the whole corpus never holds every text
    in memory. Non-Swedish articles are never classified; a paywalled article
    is classified on its teaser (lead).
    """
    where = ["id > ?", "(language is null or language = 'sv')"]
    if not refresh:
        where.append("classified_at is null")
    sql = (
        "select id, source_id, url, title, coalesce(text, lead) as text, published "
        f"from articles where {' and '.join(where)} order by id limit {int(batch_size)}"
    )
    last = 0
    while True:
        page = [dict(r) for r in db.query(sql, [last])]
        if not page:
            return
        yield from page
        last = page[-1]["id"]


def count_to_classify(db: Database, *, refresh: bool = False) -> int:
    """How many articles `articles_to_classify` will yield (for progress)."""
    sql = "select count(*) from articles where (language is null or language = 'sv')"
    if not refresh:
        sql += " and classified_at is null"
    return db.execute(sql).fetchone()[0]


def replace_statements(db: Database, article_id: int, statements: list[Mapping[str, Any]]) -> None:
    """Store an article's statements atomically and mark the article classified.

    Statements keep their ids across reclassification (matched on position), so
    reviews and the digest's links to a statement stay valid. Positions past
    the new count are removed unless a reviewer has judged them.
    """
    columns = db["statements"].columns_dict
    rows = []
    for st in statements:
        row = {k: v for k, v in st.items() if k in columns and k != "id"}
        for k, v in list(row.items()):
            if isinstance(v, list | dict):
                row[k] = json.dumps(v, ensure_ascii=False)
        row["article_id"] = article_id
        rows.append(row)
    reviewed = "reviews" in db.table_names()
    with db.atomic():
        for row in rows:
            names = ", ".join(f"[{k}]" for k in row)
            marks = ", ".join("?" for _ in row)
            updates = ", ".join(
                f"[{k}] = excluded.[{k}]" for k in row if k not in ("article_id", "position")
            )
            db.execute(
                f"insert into statements ({names}) values ({marks}) "
                f"on conflict(article_id, position) do update set {updates}",
                list(row.values()),
            )
        stale = "delete from statements where article_id = ? and position >= ?"
        if reviewed:
            stale += " and id not in (select statement_id from reviews)"
        db.execute(stale, [article_id, len(rows)])
        db.execute("update articles set classified_at = ? where id = ?", [now_iso(), article_id])
