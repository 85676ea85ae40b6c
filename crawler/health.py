"""`bevakning sources check`: is each feed and sitemap alive, and how many items does it hold?

A plain threaded HTTP check (no Scrapy reactor), so it runs in seconds and
works from any process. Network failures are recorded, never raised.
"""

from __future__ import annotations

import urllib.error
import urllib.request
import zlib
from concurrent.futures import ThreadPoolExecutor
from dataclasses import dataclass
from typing import Any

from crawler.sources import Source
from db.store import now_iso

MAX_BYTES = 10 * 1024 * 1024


@dataclass
class Check:
    source_id: str
    url: str
    kind: str  # feed | sitemap
    status: str = "network_error"  # ok | empty | http_error | malformed | network_error
    http_status: int | None = None
    items: int = 0
    error: str | None = None
    checked_at: str = ""


def _count_items(kind: str, body: bytes, content_type: str) -> tuple[str, int, str | None]:
    if kind == "feed":
        import feedparser

        parsed = feedparser.parse(body, response_headers={"content-type": content_type})
        n = len(parsed.entries)
        if parsed.bozo and not n:
            return "malformed", 0, str(parsed.get("bozo_exception"))[:200]
        return ("ok" if n else "empty"), n, None
    from crawler.spiders.sitemaps import parse_sitemap

    try:
        if body[:2] == b"\x1f\x8b":
            from crawler.spiders.sitemaps import gunzip_limited

            body = gunzip_limited(body, MAX_BYTES)
        _, entries = parse_sitemap(body)
    except (ValueError, OSError, EOFError, zlib.error) as exc:
        # Corrupt, cut-off or oversized gzip bodies are a finding about the source,
        # recorded like any other, never a crash of the whole check.
        return "malformed", 0, f"{type(exc).__name__}: {exc}"[:200]
    return ("ok" if entries else "empty"), len(entries), None


def check_url(source_id: str, url: str, kind: str, user_agent: str, timeout: float) -> Check:
    """Fetch one feed or sitemap and classify the outcome."""
    check = Check(source_id, url, kind, checked_at=now_iso())
    request = urllib.request.Request(url, headers={"User-Agent": user_agent})
    try:
        with urllib.request.urlopen(request, timeout=timeout) as resp:
            check.http_status = resp.status
            body = resp.read(MAX_BYTES + 1)
            ctype = resp.headers.get("Content-Type", "")
        if len(body) > MAX_BYTES:
            check.status, check.error = "too_large", f"more than {MAX_BYTES} bytes"
            return check
    except urllib.error.HTTPError as exc:
        check.status, check.http_status, check.error = "http_error", exc.code, str(exc.reason)
        return check
    except (urllib.error.URLError, OSError, ValueError) as exc:
        reason = getattr(exc, "reason", exc)
        check.status, check.error = "network_error", str(reason)[:200]
        return check
    check.status, check.items, check.error = _count_items(kind, body, ctype)
    return check


def check_sources(
    db: Any, sources: list[Source], *, user_agent: str, timeout: float = 15, workers: int = 8
) -> list[Check]:
    """Check every feed and sitemap of the sources and record the result in source_health."""
    jobs = [(s.id, u, "feed") for s in sources for u in s.feeds]
    jobs += [(s.id, u, "sitemap") for s in sources for u in s.sitemaps]
    with ThreadPoolExecutor(max_workers=max(1, workers)) as pool:
        checks = list(pool.map(lambda j: check_url(*j, user_agent, timeout), jobs))
    record_health(db, checks)
    return checks


def crawl_checks(entry_health: dict[str, dict[str, Any]]) -> list[Check]:
    """What a crawl's entry points answered, as checks (items None: unknown, e.g. a 304)."""
    now = now_iso()
    return [
        Check(
            h["source_id"],
            url,
            h["kind"],
            status=h["status"],
            http_status=h.get("http_status"),
            items=h.get("items"),  # type: ignore[arg-type]
            error=h.get("error"),
            checked_at=now,
        )
        for url, h in entry_health.items()
    ]


def record_health(db: Any, checks: list[Check]) -> None:
    """Write checks to source_health, keeping the last success and, when unknown, the item count.

    Called by `sources check` and at the end of every crawl.
    """
    with db.atomic():
        for c in checks:
            prev = db.execute(
                "select last_success_at, items from source_health where source_id = ? and url = ?",
                [c.source_id, c.url],
            ).fetchone()
            last_ok = c.checked_at if c.status == "ok" else (prev[0] if prev else None)
            items = c.items if c.items is not None else (prev[1] if prev else None)
            db.execute(
                "insert or replace into source_health (source_id, url, kind, status, http_status, "
                "items, error, checked_at, last_success_at) values (?, ?, ?, ?, ?, ?, ?, ?, ?)",
                [
                    c.source_id,
                    c.url,
                    c.kind,
                    c.status,
                    c.http_status,
                    items,
                    c.error,
                    c.checked_at,
                    last_ok,
                ],
            )
