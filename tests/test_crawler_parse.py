"""Parse logic on Response objects built from fixture bytes: no network, no reactor."""

from __future__ import annotations

from datetime import UTC, datetime
from pathlib import Path

import pytest
from conftest import SITES
from crawler_server import article_html
from scrapy.http import HtmlResponse, Request, XmlResponse

from crawler.dedupe import StoryIndex, assign_story, minhash, shingles
from crawler.extract import decode_html, detect_language, extract_article
from crawler.sources import Source
from crawler.spiders.news import NewsSpider
from crawler.spiders.sitemaps import parse_sitemap
from crawler.urls import normalise_url
from db import open_db

MIXED = SITES / "crawl-mixed"
SRC = Source(id="lokal", name="Lokalbladet", homepage="http://tidning.test/", lan="18")


@pytest.mark.parametrize(
    ("url", "expected"),
    [
        ("https://Tidning.se/a/b/?utm_source=x&utm_medium=rss", "https://tidning.se/a/b"),
        ("https://tidning.se/a?fbclid=1&gclid=2&id=7", "https://tidning.se/a?id=7"),
        ("https://tidning.se/a/amp", "https://tidning.se/a"),
        ("https://tidning.se/amp/a/", "https://tidning.se/a"),
        ("https://tidning.se/a?amp=1", "https://tidning.se/a"),
        ("https://tidning.se:443/a#kommentarer", "https://tidning.se/a"),
        ("https://tidning.se/a?b=2&a=1", "https://tidning.se/a?a=1&b=2"),
    ],
)
def test_normalise_url(url: str, expected: str) -> None:
    assert normalise_url(url) == expected


def test_decode_declared_sniffed_and_wrong_charsets() -> None:
    text = "Växjö – åäö"
    assert decode_html(text.encode("cp1252"), "utf-8")[0] == text  # declared wrong
    assert decode_html(text.encode("utf-8"), "iso-8859-1")[0] == text  # declared wrong
    assert decode_html("åäö".encode("iso-8859-1"), None)[0] == "åäö"  # sniffed
    meta = b'<meta charset="windows-1252"><p>' + "Göteborg – här".encode("cp1252")
    assert "Göteborg – här" in decode_html(meta, None)[0]
    double = text.encode("utf-8").decode("latin-1").encode("utf-8")
    assert decode_html(double, "utf-8")[0] == text


def _spider(tmp_path: Path) -> NewsSpider:
    return NewsSpider(sources=[SRC], db_path=str(tmp_path / "p.db"))


def test_parse_article_wrong_declared_charset(tmp_path: Path) -> None:
    body = (MIXED / "artikel/fel-teckenkodning.html").read_bytes()
    resp = HtmlResponse(
        "http://tidning.test/a", body=body, headers={"Content-Type": "text/html; charset=utf-8"}
    )
    items = list(_spider(tmp_path).parse_article(resp, SRC, "http://tidning.test/a", {}))
    assert items[0].title == "Örebro läns kommuner kritiserar trafikförsörjningsprogrammet"
    assert "– Programmet är skrivet för Örebro stad" in items[0].text


def test_parse_article_latin1(tmp_path: Path) -> None:
    body = (MIXED / "artikel/latin1.html").read_bytes()
    resp = HtmlResponse("http://tidning.test/b", body=body)
    item = next(_spider(tmp_path).parse_article(resp, SRC, "http://tidning.test/b", {}))
    assert "Björn Åström (S)" in item.text and item.language == "sv"
    assert item.published == "2026-11-22T08:15:00+01:00" and item.author == "Eva Nyström"


def test_extract_metadata_fallbacks_and_paywall() -> None:
    html = article_html(
        title="Laxå säger nej",
        paragraphs=["Kommunen säger nej till regionens plan för busstrafiken i Laxå i år."] * 3,
        published=None,
        lead="Ingressen om Laxå.",
        canonical="https://tidning.se/laxa?utm_source=x",
    ).replace(
        "</head>", '<meta property="article:published_time" content="2026-11-02T10:00:00Z"></head>'
    )
    data = extract_article(html, "https://tidning.se/laxa/amp")
    assert data["published"] == "2026-11-02T10:00:00Z"
    assert data["lead"] == "Ingressen om Laxå." and data["section"] == "Nyheter"
    assert data["canonical_url"] == "https://tidning.se/laxa?utm_source=x"
    assert data["paywalled"] == 0 and "Ingressen" not in data["text"]
    paid = extract_article(
        article_html(title="Låst", paragraphs=["Början av texten."], lead="Teaser.", paywall=True),
        "https://tidning.se/last",
    )
    assert (paid["paywalled"], paid["text"], paid["lead"]) == (1, None, "Teaser.")


def test_detect_language() -> None:
    sv = (
        "Kommunen säger att regionen inte har lyssnat och att beslutet är fel för alla som bor här."
    )
    en = "The municipality says that the region has not listened and that the decision is wrong for all."
    assert detect_language(sv * 3) == "sv"
    assert detect_language(en * 3) == "en"
    assert detect_language("Kort.", "sv-SE") == "sv"


def test_parse_bozo_feed_keeps_usable_entries(tmp_path: Path) -> None:
    spider = _spider(tmp_path)
    body = (MIXED / "bozo.xml").read_bytes().replace(b"__BASE_URL__", b"http://tidning.test")
    resp = XmlResponse(
        "http://tidning.test/bozo.xml", body=body, request=Request("http://tidning.test/bozo.xml")
    )
    requests = list(spider.parse_feed(resp, SRC))
    assert [r.url for r in requests] == ["http://tidning.test/artikel/bozo-artikel.html"]


def test_sitemap_index_and_news_dates() -> None:
    kind, entries = parse_sitemap(
        b'<?xml version="1.0"?><urlset xmlns="http://www.sitemaps.org/schemas/sitemap/0.9" '
        b'xmlns:news="http://www.google.com/schemas/sitemap-news/0.9"><url><loc>http://t/a</loc>'
        b"<news:news><news:publication_date>2026-11-24T06:00:00+01:00</news:publication_date>"
        b"<news:title>Rubrik</news:title></news:news></url></urlset>"
    )
    assert kind == "urlset" and entries[0]["title"] == "Rubrik"
    assert entries[0]["published"] == datetime(2026, 11, 24, 5, tzinfo=UTC)
    with pytest.raises(ValueError):
        parse_sitemap(b"<html><body>fel</body></html>")


def test_story_index_across_crawls_and_earlier_copy(db_path: Path) -> None:
    db = open_db(db_path)
    db["sources"].insert_all([{"id": "a"}, {"id": "b"}], pk="id")
    text = " ".join(
        f"Regionen drar in linje {i} och kommunen protesterar kraftigt." for i in range(8)
    )

    def store(source: str, url: str, published: str, body: str) -> int:
        cur = db.execute(
            "insert into articles (source_id, url, published, text, fetched_at) values (?,?,?,?,?)",
            [source, url, published, body, datetime.now(UTC).isoformat()],
        )
        feats = shingles(body)
        index = StoryIndex(db)  # rebuilt from stored signatures, as a new crawl does
        assign_story(db, index, cur.lastrowid, published, minhash(feats), len(feats))
        return cur.lastrowid

    late = store("a", "http://a/1", "2026-11-20T12:00:00+01:00", text + " Källa: TT.")
    early = store("b", "http://b/1", "2026-11-20T08:00:00+01:00", "NTM: " + text)
    other = store("b", "http://b/2", "2026-11-20T09:00:00+01:00", "Helt annan nyhet om skolan " * 6)
    rows = {r[0]: r[1:] for r in db.execute("select id, story_id, story_first from articles")}
    assert rows[late] == (early, 0) and rows[early] == (early, 1) and rows[other] == (other, 1)
