"""Whole crawls in a subprocess against CrawlServer on 127.0.0.1: the failure cases of the Web.

One module-scoped crawl covers many cases at once (it is the slow part);
each test then checks one behaviour in the database or the server's hit log.
"""

from __future__ import annotations

import sqlite3
from pathlib import Path

import pytest
from conftest import SITES, run_cli
from crawler_server import CrawlServer, article_html

MIXED = SITES / "crawl-mixed"
SINCE = "2026-11-01"
BUS = [
    "Länstrafiken Örebro drar in linje 705 mellan Laxå och Hallsberg från december.",
    "– Det här är ett svek mot alla som pendlar från Laxå. Regionen har inte lyssnat på oss, "
    "säger Anna Andersson (C), kommunstyrelsens ordförande i Laxå.",
    "Regionen hänvisar till det låga resandet och till besparingskraven i budgeten för nästa år.",
    "Kommunen kräver att regionen river upp beslutet innan tidtabellen börjar gälla.",
]
STORY = [
    "Regionen lägger ner tågstoppet i Askersund när den nya tidtabellen börjar gälla i december.",
    "– Vi accepterar inte att regionen bestämmer över våra pendlare, säger kommunstyrelsens "
    "ordförande Per Lind (M) i Askersund.",
    "Enligt regionen stiger bara ett fåtal resenärer på och av i Askersund under en vanlig vardag.",
    "Kommunen tänker nu begära ett möte med regionens trafiknämnd och kräva att stoppet finns kvar.",
    "Frågan ska också tas upp i kommunfullmäktige i Askersund nästa vecka.",
]


def _sitemap(entries: list[tuple[str, str]]) -> str:
    urls = "".join(
        f"<url><loc>{loc}</loc><news:news><news:publication>"
        f"<news:name>Lokalbladet</news:name><news:language>sv</news:language></news:publication>"
        f"<news:publication_date>{date}</news:publication_date><news:title>Nyhet</news:title>"
        f"</news:news></url>"
        for loc, date in entries
    )
    return (
        '<?xml version="1.0" encoding="UTF-8"?>\n<urlset xmlns="http://www.sitemaps.org/schemas/'
        'sitemap/0.9" xmlns:news="http://www.google.com/schemas/sitemap-news/0.9">'
        f"{urls}</urlset>"
    )


def _article(title: str, paragraphs: list[str], **kw: object) -> str:
    return article_html(title=title, paragraphs=paragraphs, **kw)


def build_main_site(srv: CrawlServer) -> None:
    xml = "application/rss+xml"
    srv.add_file(
        "/rss-latin1.xml", MIXED / "rss-latin1.xml", content_type=f"{xml}; charset=iso-8859-1"
    )
    srv.add_file("/andra/rss-cp1252.xml", MIXED / "andra/rss-cp1252.xml", content_type=xml)
    srv.add_file("/bozo.xml", MIXED / "bozo.xml", content_type=xml)
    srv.add_file("/broken.xml", MIXED / "broken.xml", content_type=xml)
    srv.add(
        "/atom.xml",
        '<?xml version="1.0" encoding="utf-8"?><feed xmlns="http://www.w3.org/2005/Atom">'
        "<title>Lokalbladet</title><id>urn:lokalbladet</id><updated>2026-11-23T08:00:00Z</updated>"
        '<entry><title>Atomartikel</title><link href="__BASE_URL__/artikel/atom-artikel.html"/>'
        "<id>urn:1</id><updated>2026-11-23T08:00:00Z</updated></entry>"
        '<entry><title>Laxå (AMP)</title><link href="__BASE_URL__/artikel/busslinje.html/amp"/>'
        "<id>urn:2</id><updated>2026-11-23T08:00:00Z</updated></entry></feed>",
        content_type="application/atom+xml",
        etag='"atom-v1"',
    )
    srv.add(
        "/artikel/latin1.html",
        (MIXED / "artikel/latin1.html").read_bytes(),
        content_type="text/html; charset=iso-8859-1",
    )
    srv.add(
        "/artikel/fel-teckenkodning.html", (MIXED / "artikel/fel-teckenkodning.html").read_bytes()
    )  # header says utf-8
    srv.add(
        "/artikel/busslinje.html",
        _article(
            "Laxå rasar mot indragen busslinje",
            BUS,
            lead="Kommunen vägrar acceptera regionens beslut.",
        ),
    )
    srv.add("/trasig.html", "<h1>Serverfel</h1>", status=500)
    srv.add(
        "/ibland.html",
        _article(
            "Servern svarar till slut",
            BUS[:1]
            + [
                "Efter två misslyckade försök kom sidan fram, och texten handlar om linje 705 igen.",
                "Länstrafiken säger att beslutet om nedläggningen fattades redan i oktober.",
                "Kommunen har ännu inte fått något svar på sin skrivelse till regionen.",
            ],
        ),
        fail_times=2,
    )
    srv.add("/seg.html", _article("Seg", BUS), delay=4)
    srv.add("/loop-a", "", status=302, headers={"Location": "/loop-b"})
    srv.add("/loop-b", "", status=302, headers={"Location": "/loop-a"})
    srv.add("/stor.html", b"<html><body>" + b"<p>stor sida</p>" * (20 * 1024 * 1024 // 16))
    srv.add(
        "/artikel/betalvagg.html",
        _article(
            "Regionen stänger vårdcentralen i Fjugesta",
            ["Regionen vill stänga vårdcentralen i Fjugesta redan till sommaren."],
            lead="Lekebergs kommun protesterar mot regionens besked om vårdcentralen.",
            paywall=True,
        ),
    )
    srv.add(
        "/artikel/english.html",
        _article(
            "Region cuts rural bus routes",
            [
                "The region has decided to cut three rural bus routes in the west of the county.",
                "The municipality says that it was not consulted and that the decision is wrong.",
                "Local politicians will meet the transit authority next week to discuss the cuts.",
            ],
            lang="en",
        ),
    )
    srv.add(
        "/artikel/regionen-stanger.html",
        _article(
            "Askersund protesterar mot nedlagt tågstopp",
            STORY,
            published="2026-11-20T08:00:00+01:00",
            boilerplate="<div class='promo'>Prenumerera på Lokalbladet – bara 99 kr!</div>",
            related=[("/artikel/busslinje.html", "Laxå rasar")],
        ),
    )
    srv.add("/artikel/gammal.html", _article("Gammal", BUS))
    srv.add(
        "/artikel/atom-artikel.html",
        _article(
            "Atomartikel om Degerfors",
            [
                "Degerfors kommun vill att regionen satsar på pendeltåg till Karlskoga och Örebro.",
                "– Regionens plan tar inte hänsyn till oss, säger kommunalrådet Lena Berg (S) i Degerfors.",
                "Regionen svarar att planen ska revideras nästa år och att kommunerna får lämna synpunkter.",
            ],
        ),
    )
    srv.add(
        "/artikel/bozo-artikel.html",
        _article(
            "Lekeberg och regionen oense",
            [
                "Lekebergs kommun och regionen är oense om var den nya busshållplatsen ska ligga.",
                "– Vi har redan bestämt platsen i vår detaljplan, säger kommundirektören Ola Holm.",
                "Regionen vill hellre ha hållplatsen vid riksvägen, där fler bussar redan passerar.",
            ],
        ),
    )
    srv.add(
        "/andra/artikel/egen.html",
        _article(
            "Kumla kräver att tågen stannar",
            [
                "Kumla kommun kräver åter att regionaltågen stannar i Kumla även på helgerna.",
                "– Regionen har glömt att Kumla växer, säger Maria Ek (S), kommunstyrelsens ordförande.",
                "Regionen säger att frågan ska utredas inför nästa tidtabellsskifte.",
            ],
            outlet="Andra bladet",
        ),
    )
    # The syndicated copy: other outlet, other boilerplate, a line of its own, published later.
    srv.add(
        "/granne/rss.xml",
        '<?xml version="1.0"?><rss version="2.0"><channel><title>Grannen'
        "</title><item><title>Askersund protesterar</title>"
        "<link>__BASE_URL__/granne/nyheter/askersund-tagstopp.html</link></item></channel></rss>",
        content_type="application/rss+xml",
    )
    srv.add(
        "/granne/nyheter/askersund-tagstopp.html",
        _article(
            "Askersund protesterar mot nedlagt tågstopp",
            STORY + ["Artikeln publicerades först i Lokalbladet."],
            published="2026-11-20T11:30:00+01:00",
            outlet="Grannbladet",
            boilerplate="<div class='teaser-list'><h3>Mest läst i Grannbladet</h3>"
            "<a href='/granne/a'>Brand i Zinkgruvan</a> <a href='/granne/b'>Ny skola i Åsbro</a></div>",
        ),
    )
    # News sitemaps: an index with a fresh and an old child.
    srv.add(
        "/sitemap_index.xml",
        '<?xml version="1.0" encoding="UTF-8"?><sitemapindex '
        'xmlns="http://www.sitemaps.org/schemas/sitemap/0.9">'
        "<sitemap><loc>__BASE_URL__/sitemap-news.xml</loc><lastmod>2026-11-24</lastmod></sitemap>"
        "<sitemap><loc>__BASE_URL__/sitemap-2020.xml</loc><lastmod>2020-01-31</lastmod></sitemap>"
        "</sitemapindex>",
        content_type="application/xml",
    )
    srv.add(
        "/sitemap-news.xml",
        _sitemap(
            [
                (f"{srv.url}/artikel/sitemap-ny.html", "2026-11-24T06:00:00+01:00"),
                (f"{srv.url}/artikel/sitemap-gammal.html", "2026-03-01T06:00:00+01:00"),
            ]
        ),
        content_type="application/xml",
    )
    srv.add(
        "/sitemap-2020.xml",
        _sitemap([(f"{srv.url}/artikel/2020.html", "2020-01-02")]),
        content_type="application/xml",
    )
    srv.add(
        "/artikel/sitemap-ny.html",
        _article(
            "Sitemapnyhet om Nora",
            [
                "Nora kommun säger nej till regionens förslag om att flytta busstationen.",
                "– Vår egen trafikplan gäller, säger Karl Svensson (KD), kommunalråd i Nora.",
                "Regionen vill flytta stationen närmare järnvägen för att underlätta byten.",
            ],
        ),
    )
    srv.add("/artikel/sitemap-gammal.html", _article("Gammal sitemapnyhet", BUS))
    # An endless calendar for the section-page fallback.

    def calendar(path: str) -> tuple[int, dict[str, str], bytes]:
        n = int(path.rstrip("/").rsplit("/", 1)[-1] or 0) if path.rstrip("/") != "/kalender" else 0
        body = (
            f"<html><body>{'<h1>Kalender</h1>'}<a href='/kalender/{n + 1}'>Nästa dag</a>"
            f"<a href='/kalender/{n - 1}'>Förra dagen</a><a href='/kalender/{n + 2}'>+2</a>"
            f"<a href='/kalender-artikel/{n % 3}'>Evenemang</a></body></html>"
        )
        return 200, {"Content-Type": "text/html; charset=utf-8"}, body.encode()

    srv.add_prefix("/kalender/", calendar)
    srv.add("/kalender", "", status=301, headers={"Location": "/kalender/"})
    for i in range(3):
        srv.add(
            f"/kalender-artikel/{i}",
            _article(
                f"Evenemang {i} i Hallsberg",
                [
                    f"Evenemang nummer {i} äger rum på torget i Hallsberg på lördag.",
                    "Kommunen bjuder på kaffe och regionen informerar om de nya busslinjerna.",
                    "Alla är välkomna, och det kostar ingenting att delta i evenemanget.",
                ],
            ),
        )


def build_polite_site(srv: CrawlServer) -> None:
    srv.add(
        "/robots.txt",
        "User-agent: *\nCrawl-delay: 1\nDisallow: /privat/\n",
        content_type="text/plain",
    )
    items = (
        "".join(
            f"<item><title>A{i}</title><link>__BASE_URL__/nyheter/artikel-{i}.html</link></item>"
            for i in range(3)
        )
        + "<item><title>Hemlig</title><link>__BASE_URL__/privat/hemlig.html</link></item>"
    )
    srv.add(
        "/rss.xml",
        f'<?xml version="1.0"?><rss version="2.0"><channel><title>Artig</title>'
        f"{items}</channel></rss>",
        content_type="application/rss+xml",
    )
    for i in range(3):
        srv.add(
            f"/nyheter/artikel-{i}.html",
            _article(
                f"Artig nyhet {i} från Karlskoga",
                [
                    f"Karlskoga kommun har synpunkter på regionens plan nummer {i} för kollektivtrafiken.",
                    "– Vi vill se fler bussar till Bofors industriområde, säger ett kommunalråd.",
                    "Regionen ska svara kommunen före årsskiftet om hur planen ska ändras.",
                ],
            ),
        )
    srv.add("/privat/hemlig.html", _article("Hemlig", BUS))


def sources_toml(main: CrawlServer, polite: CrawlServer) -> str:
    u = main.url
    return f"""
[[sources]]
id = "lokal"
name = "Lokalbladet"
homepage = "{u}/"
lan = "18"
allow_private = true
feeds = ["{u}/rss-latin1.xml", "{u}/atom.xml", "{u}/bozo.xml", "{u}/broken.xml"]
sitemaps = ["{u}/sitemap_index.xml"]

[[sources]]
id = "andra"
name = "Andra bladet"
homepage = "{u}/andra/"
lan = "18"
allow_private = true
feeds = ["{u}/andra/rss-cp1252.xml"]

[[sources]]
id = "granne"
name = "Grannbladet"
homepage = "{u}/granne/"
lan = "18"
allow_private = true
feeds = ["{u}/granne/rss.xml"]

[[sources]]
id = "kalender"
name = "Kalenderbladet"
homepage = "{u}/"
lan = "18"
allow_private = true
sections = ["{u}/kalender/"]
article_pattern = "/kalender-artikel/\\\\d+$"

[[sources]]
id = "artig"
name = "Artiga tidningen"
homepage = "{polite.url}/"
lan = "18"
allow_private = true
feeds = ["{polite.url}/rss.xml"]
"""


ENV = {"BEVAKNING_DOWNLOAD_TIMEOUT": "1.5", "BEVAKNING_PROGRESS_INTERVAL": "1"}


@pytest.fixture(scope="module")
def crawled(tmp_path_factory: pytest.TempPathFactory):
    tmp = tmp_path_factory.mktemp("crawl")
    main, polite = CrawlServer().start(), CrawlServer(host="localhost").start()
    build_main_site(main)
    build_polite_site(polite)
    sources = tmp / "sources.toml"
    sources.write_text(sources_toml(main, polite), encoding="utf-8")
    db = tmp / "crawl.db"
    args = ("crawl", "--db", str(db), "--sources", str(sources), "--fast", "--since", SINCE)
    first = run_cli(*args, env=ENV, timeout=120)
    main.first_hits = list(main.hits)
    polite.first_hits = list(polite.hits)
    second = run_cli(*args, env=ENV, timeout=120)
    yield {
        "db": db,
        "main": main,
        "polite": polite,
        "first": first,
        "second": second,
        "args": args,
    }
    main.stop()
    polite.stop()


def first(srv: CrawlServer, path: str) -> list:
    """Hits on path during the first crawl."""
    return [h for h in srv.first_hits if h.path == path]


def q(db: Path, sql: str, *params: object) -> list[tuple]:
    with sqlite3.connect(db) as conn:
        return conn.execute(sql, params).fetchall()


def one(db: Path, url_part: str) -> dict:
    with sqlite3.connect(db) as conn:
        conn.row_factory = sqlite3.Row
        rows = conn.execute("select * from articles where url like ?", [f"%{url_part}%"]).fetchall()
    assert len(rows) == 1, f"{url_part}: {len(rows)} rows"
    return dict(rows[0])


def test_crawl_finishes_with_summary_and_progress(crawled) -> None:
    first = crawled["first"]
    assert first.returncode == 0, first.stderr[-3000:]
    assert first.stdout.strip().splitlines()[-1].startswith("crawl done: ")
    assert "progress: " in first.stderr
    runs = q(crawled["db"], "select status, new, errors, ended_at from crawl_runs order by id")
    assert [r[0] for r in runs] == ["finished", "finished"]
    assert runs[0][1] >= 10 and runs[0][2] >= 5 and all(r[3] for r in runs)
    per_source = dict(
        q(crawled["db"], "select source_id, new from crawl_run_sources where run_id = 1")
    )
    assert per_source["granne"] == 1 and per_source["artig"] == 3 and per_source["kalender"] == 3


def test_http_errors_are_retried_and_recorded(crawled) -> None:
    main = crawled["main"]
    assert len(first(main, "/saknas.html")) == 1  # 404: not retried
    assert len(first(main, "/trasig.html")) == 3  # 500: two retries
    assert [h.status for h in first(main, "/ibland.html")] == [503, 503, 200]
    assert one(crawled["db"], "/ibland.html")["title"] == "Servern svarar till slut"
    errors = q(
        crawled["db"], "select errors from crawl_run_sources where run_id=1 and source_id='lokal'"
    )
    assert errors[0][0] >= 5  # 404, 500, timeout, redirect loop, oversized page, broken feed


def test_timeout_redirect_loop_and_huge_page_end_in_errors(crawled) -> None:
    main, db = crawled["main"], crawled["db"]
    assert len(first(main, "/seg.html")) == 3  # timed out, retried twice
    assert 2 <= len(first(main, "/loop-a")) + len(first(main, "/loop-b")) <= 8
    assert (
        q(
            db,
            "select count(*) from articles where url like '%seg.html' or url like '%loop%' "
            "or url like '%stor.html'",
        )[0][0]
        == 0
    )


def test_feed_encodings_and_wrong_declared_charset(crawled) -> None:
    db = crawled["db"]
    latin = one(db, "/artikel/latin1.html")
    assert latin["title"] == "Hallsberg säger nej till regionens nya linjekarta"
    assert "Björn Åström" in latin["text"]
    wrong = one(db, "/artikel/fel-teckenkodning.html")
    assert wrong["title"].startswith("Örebro läns kommuner")
    assert "– Programmet är skrivet för Örebro stad" in wrong["text"]
    assert "\ufffd" not in wrong["text"] and "Ã" not in wrong["text"]
    egen = one(db, "/andra/artikel/egen.html")  # listed only in the Windows-1252 feed
    assert egen["source_id"] == "andra"


def test_malformed_feeds(crawled) -> None:
    db = crawled["db"]
    assert one(db, "/artikel/bozo-artikel.html")["title"] == "Lekeberg och regionen oense"
    assert crawled["main"].hits_for("/broken.xml")  # fetched, unusable: counted as an error


def test_same_entry_in_two_feeds_and_url_variants_stored_once(crawled) -> None:
    db = crawled["db"]
    bus = one(db, "/artikel/busslinje.html")
    assert bus["url"].endswith("/artikel/busslinje.html")  # utm_*, fbclid and /amp removed
    assert not crawled["main"].hits_for("/artikel/busslinje.html/amp")
    fetched = [h for h in crawled["main"].hits if h.path.startswith("/artikel/busslinje.html")]
    assert len(fetched) == 1


def test_syndicated_story_grouped_first_published_marked(crawled) -> None:
    db = crawled["db"]
    orig, copy = one(db, "/artikel/regionen-stanger.html"), one(db, "/granne/nyheter/askersund")
    assert orig["text"] != copy["text"]
    assert orig["story_id"] == copy["story_id"] == orig["id"]
    assert (orig["story_first"], copy["story_first"]) == (1, 0)
    assert q(db, "select count(*) from articles where story_id is null")[0][0] == 0
    # Articles that merely share a quote are not one story.
    bus, again = one(db, "/artikel/busslinje.html"), one(db, "/ibland.html")
    assert bus["story_id"] == bus["id"] and again["story_id"] == again["id"]
    singles = q(db, "select count(*) from articles where source_id = 'lokal' and story_first = 1")
    assert singles[0][0] == q(db, "select count(*) from articles where source_id = 'lokal'")[0][0]


def test_paywall_teaser_and_foreign_language(crawled) -> None:
    db = crawled["db"]
    paid = one(db, "/artikel/betalvagg.html")
    assert paid["paywalled"] == 1 and paid["text"] is None
    assert paid["lead"] == "Lekebergs kommun protesterar mot regionens besked om vårdcentralen."
    en = one(db, "/artikel/english.html")
    assert en["language"] == "en" and en["classified_at"] is not None
    assert one(db, "/artikel/busslinje.html")["language"] == "sv"
    assert one(db, "/artikel/busslinje.html")["classified_at"] is None


def test_since_filters_feeds_and_sitemaps(crawled) -> None:
    main, db = crawled["main"], crawled["db"]
    assert one(db, "/artikel/sitemap-ny.html")["source_id"] == "lokal"
    for old in ("/artikel/gammal.html", "/artikel/sitemap-gammal.html", "/sitemap-2020.xml"):
        assert not main.hits_for(old), old


def test_endless_calendar_is_bounded(crawled) -> None:
    pages = [h for h in crawled["main"].hits if h.path.startswith("/kalender/")]
    assert 1 <= len(pages) <= 30
    assert q(crawled["db"], "select count(*) from articles where source_id = 'kalender'")[0][0] == 3


def test_robots_disallow_and_crawl_delay(crawled) -> None:
    polite = crawled["polite"]
    assert not polite.hits_for("/privat/hemlig.html")
    times = sorted(h.at for h in polite.first_hits if h.path.startswith("/nyheter/"))
    assert len(times) == 3
    assert min(b - a for a, b in zip(times, times[1:], strict=False)) >= 0.9
    ua = polite.hits_for("/rss.xml")[0].headers["user-agent"]
    assert "bevakning" in ua and "https://" in ua


def test_second_crawl_uses_conditional_get_and_skips_known(crawled) -> None:
    second, main = crawled["second"], crawled["main"]
    assert second.returncode == 0, second.stderr[-3000:]
    assert "0 new articles" in second.stdout
    atom = main.hits_for("/atom.xml")
    assert [h.status for h in atom] == [200, 304]
    assert atom[1].headers.get("if-none-match") == '"atom-v1"'
    # The Latin-1 feed had failures, so its validators were not saved: it is read again in
    # full, but the articles already stored are not fetched again.
    assert len(main.hits_for("/artikel/latin1.html")) == 1
    assert len(main.hits_for("/saknas.html")) == 2
    rows = q(crawled["db"], "select count(*), count(distinct url) from articles")[0]
    assert rows[0] == rows[1]


def test_refresh_refetches_known_articles(crawled, tmp_path: Path) -> None:
    main = crawled["main"]
    before = len(main.hits_for("/granne/nyheter/askersund-tagstopp.html"))
    res = run_cli(*crawled["args"], "--refresh", "--source", "granne", env=ENV)
    assert res.returncode == 0, res.stderr[-2000:]
    assert len(main.hits_for("/granne/nyheter/askersund-tagstopp.html")) == before + 1
    assert q(crawled["db"], "select count(*) from articles where source_id='granne'")[0][0] == 1


def test_bad_since_date_is_a_usage_error(tmp_path: Path) -> None:
    res = run_cli("crawl", "--db", str(tmp_path / "x.db"), "--since", "förra veckan")
    assert res.returncode == 2 and "not a date" in res.stderr
    assert not (tmp_path / "x.db").exists()
