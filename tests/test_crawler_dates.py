"""Publication dates in one ISO form, and sitemap indexes that keep their newest sitemaps."""

from __future__ import annotations

from datetime import UTC, datetime, timedelta
from pathlib import Path

import pytest
from scrapy.http import Request, XmlResponse
from scrapy.utils.test import get_crawler

from crawler.pipelines import normalise_published
from crawler.sources import Source
from crawler.spiders.news import NewsSpider


@pytest.mark.parametrize(
    ("raw", "expected"),
    [
        ("2026-11-23T07:30:00+01:00", "2026-11-23T07:30:00+01:00"),
        ("Mon, 23 Nov 2026 07:30:00 +0100", "2026-11-23T07:30:00+01:00"),
        ("2026-11-23T06:30:00Z", "2026-11-23T06:30:00+00:00"),
        ("2026-11-23", "2026-11-23"),
        ("2026-11-23 07:30", "2026-11-23T07:30:00+01:00"),  # local time, winter
        ("2026-07-01T10:00:00", "2026-07-01T10:00:00+02:00"),  # local time, summer
        ("inte ett datum", None),
        ("", None),
        (None, None),
    ],
)
def test_normalise_published(raw: str | None, expected: str | None) -> None:
    assert normalise_published(raw) == expected


def test_rfc822_and_iso_dates_sort_together() -> None:
    dates = [normalise_published("Mon, 23 Nov 2026 07:30:00 +0100"), "2026-11-20T10:00:00+01:00"]
    assert sorted(dates) == ["2026-11-20T10:00:00+01:00", "2026-11-23T07:30:00+01:00"]


def test_sitemap_index_keeps_the_newest_children_under_the_cap(tmp_path: Path) -> None:
    now = datetime.now(UTC)
    old = [(f"http://t.test/archive-{i}.xml", now - timedelta(days=400 - i)) for i in range(30)]
    new = [(f"http://t.test/news-{i}.xml", now - timedelta(hours=i + 1)) for i in range(3)]
    entries = "".join(
        f"<sitemap><loc>{loc}</loc><lastmod>{when.isoformat()}</lastmod></sitemap>"
        for loc, when in old + new  # oldest first, as archives are often listed
    )
    body = (
        '<?xml version="1.0" encoding="UTF-8"?>'
        f'<sitemapindex xmlns="http://www.sitemaps.org/schemas/sitemap/0.9">{entries}</sitemapindex>'
    ).encode()
    crawler = get_crawler(NewsSpider, {"BEVAKNING_SITEMAP_MAX_URLS": 5})
    source = Source(id="t", name="T", homepage="http://t.test/", lan="18")
    spider = NewsSpider.from_crawler(crawler, sources=[source], db_path=str(tmp_path / "s.db"))
    response = XmlResponse(
        "http://t.test/sitemap.xml", body=body, request=Request("http://t.test/sitemap.xml")
    )
    urls = [r.url for r in spider.parse_sitemap(response, source=source, depth=0)]
    assert urls == [loc for loc, _ in new]


def test_refresh_updates_a_changed_article(tmp_path: Path) -> None:
    """`crawl --refresh` stores the page's new text and queues the article for classification."""
    import shutil
    import sqlite3

    from conftest import SITES, run_cli, write_sources

    from demo.server import SiteServer

    root = tmp_path / "site"
    shutil.copytree(SITES / "lokalbladet", root)
    db_path = tmp_path / "r.db"
    with SiteServer(root) as site:
        sources = write_sources(tmp_path / "s.toml", {"lokalbladet": site})
        first = run_cli("crawl", "--db", str(db_path), "--sources", str(sources), "--fast")
        assert first.returncode == 0, first.stderr[-2000:]
        assert run_cli("classify", "--db", str(db_path)).returncode == 0
        page = root / "artikel" / "konstgras.html"
        page.write_text(
            page.read_text(encoding="utf-8").replace("fyra miljoner", "fem miljoner"),
            encoding="utf-8",
        )
        again = run_cli(
            "crawl", "--db", str(db_path), "--sources", str(sources), "--fast", "--refresh"
        )
        assert again.returncode == 0, again.stderr[-2000:]
    conn = sqlite3.connect(db_path)
    text, classified = conn.execute(
        "select text, classified_at from articles where url like '%konstgras%'"
    ).fetchone()
    assert "fem miljoner" in text and "fyra miljoner" not in text
    assert classified is None
    assert conn.execute("select count(*) from articles").fetchone()[0] == 2
