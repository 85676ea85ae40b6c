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
    in memory. Non-Swedish articles are never classified. `text` is what the
    classifier reads: the lead (ingress) first, then the body (`classified_text`).
    """
    where = ["id > ?", "(language is null or language = 'sv')"]
    if not refresh:
        where.append("classified_at is null")
    sql = (
        "select id, source_id, url, title, text, lead, published "
        f"from articles where {' and '.join(where)} order by id limit {int(batch_size)}"
    )
    last = 0
    while True:
        page = [dict(r) for r in db.query(sql, [last])]
        if not page:
            return
        for row in page:
            row["text"] = classified_text(row.pop("lead"), row["text"])
        yield from page
        last = page[-1]["id"]


def _squeeze(text: str) -> str:
    return " ".join(text.split())


def classified_text(lead: str | None, text: str | None) -> str | None:
    """The lead as the first paragraph, then the body.

    The extractor stores the lead (ingress) apart from the body, and local papers often put
    the municipality's reaction there ("Kommunledningen kallar beslutet ett svek"); a
    paywalled article has only its lead. A lead whose opening the body already has (a
    page description copied from the first paragraph, perhaps cut off with "…") is read
    once, in the body.
    """
    lead = lead.strip() if lead else ""
    if not lead:
        return text
    if not text or not text.strip():
        return lead
    opening = _squeeze(lead).rstrip(".… ")[:60]
    if opening in _squeeze(text):
        return text
    return f"{lead}\n{text}"


def count_to_classify(db: Database, *, refresh: bool = False) -> int:
    """How many articles `articles_to_classify` will yield (for progress)."""
    sql = "select count(*) from articles where (language is null or language = 'sv')"
    if not refresh:
        sql += " and classified_at is null"
    return db.execute(sql).fetchone()[0]


def replace_statements(db: Database, article_id: int, statements: list[Mapping[str, Any]]) -> None:
    """Store an article's statements atomically and mark the article classified.

    Statements keep their ids across reclassification, so reviews and the digest's links
    stay valid. A sentence keeps its id while its words are unchanged, wherever the new
    split puts it (a lead now read before the body, a changed splitter); an edited
    sentence takes the id of the one at its position, unless a reviewer judged that one,
    because a verdict belongs to the words judged. A reviewed statement that no longer
    occurs is kept after the new ones; other statements that no longer occur are removed.
    """
    columns = db["statements"].columns_dict
    rows = []
    for n, st in enumerate(statements):
        row = {k: v for k, v in st.items() if k in columns and k != "id"}
        for k, v in list(row.items()):
            if isinstance(v, list | dict):
                row[k] = json.dumps(v, ensure_ascii=False)
        row["article_id"] = article_id
        row.setdefault("position", n)
        rows.append(row)
    with db.atomic():
        existing = list(
            db.query(
                "select id, position, text from statements where article_id = ? order by position",
                [article_id],
            )
        )
        reviewed: set[int] = set()
        if existing and "reviews" in db.table_names():
            reviewed = {
                r["statement_id"]
                for r in db.query(
                    "select distinct r.statement_id from reviews r join statements s "
                    "on s.id = r.statement_id where s.article_id = ?",
                    [article_id],
                )
            }
        ids = _match_statements(existing, rows, reviewed)
        if existing:
            # Out of the way of the unique (article_id, position) index while rows move.
            db.execute(
                "update statements set position = -1 - position where article_id = ?",
                [article_id],
            )
        for sid, row in zip(ids, rows, strict=True):
            if sid is None:
                names = ", ".join(f"[{k}]" for k in row)
                marks = ", ".join("?" for _ in row)
                db.execute(f"insert into statements ({names}) values ({marks})", list(row.values()))
            else:
                sets = ", ".join(f"[{k}] = ?" for k in row)
                db.execute(f"update statements set {sets} where id = ?", [*row.values(), sid])
        claimed = {sid for sid in ids if sid is not None}
        stale = [e["id"] for e in existing if e["id"] not in claimed]
        for k, sid in enumerate(s for s in stale if s in reviewed):
            db.execute("update statements set position = ? where id = ?", [len(rows) + k, sid])
        gone = [s for s in stale if s not in reviewed]
        if gone:
            db.execute(f"delete from statements where id in ({', '.join('?' for _ in gone)})", gone)
        db.execute("update articles set classified_at = ? where id = ?", [now_iso(), article_id])


def _match_statements(
    existing: list[dict], rows: list[dict], reviewed: set[int]
) -> list[int | None]:
    """Which stored statement id each new row takes: same words first, then the same place."""
    by_text: dict[str, list[int]] = {}
    for e in existing:
        by_text.setdefault(e["text"], []).append(e["id"])
    ids: list[int | None] = []
    claimed: set[int] = set()
    for row in rows:
        same = by_text.get(row.get("text"), [])
        sid = same.pop(0) if same else None
        ids.append(sid)
        if sid is not None:
            claimed.add(sid)
    by_position = {e["position"]: e["id"] for e in existing}
    for n, row in enumerate(rows):
        sid = by_position.get(row["position"])
        if ids[n] is None and sid is not None and sid not in claimed and sid not in reviewed:
            ids[n] = sid
            claimed.add(sid)
    return ids
