"""The crawler's bookkeeping in the database: known URLs, feed validators, crawl runs.

Only the crawler writes these tables; the rest of the project reads them.
"""

from __future__ import annotations

import os
from collections.abc import Iterable
from typing import Any

from db.store import now_iso

SWEDISH = "sv"


def known_urls(db: Any, urls: Iterable[str]) -> set[str]:
    """Which of these normalised URLs are stored, as articles or as another address of one."""
    urls = list(dict.fromkeys(urls))
    found: set[str] = set()
    for i in range(0, len(urls), 400):
        chunk = urls[i : i + 400]
        marks = ",".join("?" * len(chunk))
        found.update(
            r[0]
            for r in db.execute(
                f"select url from articles where url in ({marks}) "
                f"union select url from article_urls where url in ({marks})",
                chunk + chunk,
            )
        )
    return found


def feed_validators(db: Any, url: str) -> tuple[str | None, str | None]:
    """The ETag and Last-Modified a feed answered with when it was last read in full."""
    row = db.execute("select etag, last_modified from feed_state where url = ?", [url]).fetchone()
    return (row[0], row[1]) if row else (None, None)


def save_feed_state(
    db: Any, url: str, source_id: str, etag: str | None, last_modified: str | None, items: int
) -> None:
    with db.atomic():
        db.execute(
            "insert or replace into feed_state (url, source_id, etag, last_modified, checked_at, items) "
            "values (?, ?, ?, ?, ?, ?)",
            [url, source_id, etag, last_modified, now_iso(), items],
        )


def _pid_alive(pid: int | None) -> bool:
    if not pid:
        return False
    try:
        os.kill(pid, 0)
    except ProcessLookupError:
        return False
    except PermissionError:
        return True
    return True


def start_run(db: Any, *, since: str | None, refresh: bool) -> int:
    """Open a crawl_runs row; runs left 'running' by a dead process are marked 'killed'."""
    with db.atomic():
        for run_id, pid in db.execute(
            "select id, pid from crawl_runs where status = 'running'"
        ).fetchall():
            if pid != os.getpid() and not _pid_alive(pid):
                db.execute("update crawl_runs set status = 'killed' where id = ?", [run_id])
        cur = db.execute(
            "insert into crawl_runs (started_at, status, pid, since, refresh) values (?, ?, ?, ?, ?)",
            [now_iso(), "running", os.getpid(), since, int(refresh)],
        )
        return cur.lastrowid


def format_causes(causes: dict[str, int]) -> str | None:
    """'HTTP 404: 2; bad link: 1', most frequent first (None when there are none)."""
    if not causes:
        return None
    return "; ".join(f"{c}: {n}" for c, n in sorted(causes.items(), key=lambda kv: (-kv[1], kv[0])))


def finish_run(
    db: Any,
    run_id: int,
    status: str,
    per_source: dict[str, dict[str, int]],
    summary: str,
    causes: dict[str, dict[str, int]] | None = None,
) -> None:
    """Close the run with totals and one row per source, with the causes of its errors."""
    totals = {
        k: sum(s.get(k, 0) for s in per_source.values())
        for k in ("fetched", "new", "duplicates", "errors", "lost")
    }
    causes = causes or {}
    with db.atomic():
        db.execute(
            "update crawl_runs set ended_at = ?, status = ?, fetched = ?, new = ?, duplicates = ?, "
            "errors = ?, lost = ?, summary = ? where id = ?",
            [
                now_iso(),
                status,
                totals["fetched"],
                totals["new"],
                totals["duplicates"],
                totals["errors"],
                totals["lost"],
                summary,
                run_id,
            ],
        )
        for source_id, s in per_source.items():
            db.execute(
                "insert or replace into crawl_run_sources (run_id, source_id, entries, fetched, new, "
                "duplicates, skipped_known, errors, lost, causes) "
                "values (?, ?, ?, ?, ?, ?, ?, ?, ?, ?)",
                [
                    run_id,
                    source_id,
                    s.get("entries", 0),
                    s.get("fetched", 0),
                    s.get("new", 0),
                    s.get("duplicates", 0),
                    s.get("skipped_known", 0),
                    s.get("errors", 0),
                    s.get("lost", 0),
                    format_causes(causes.get(source_id, {})),
                ],
            )


def add_url_alias(db: Any, url: str, article_id: int, reason: str) -> None:
    """Remember another address of a stored article so it is not fetched again."""
    db.execute(
        "insert or ignore into article_urls (url, article_id, reason, seen_at) values (?, ?, ?, ?)",
        [url, article_id, reason, now_iso()],
    )
