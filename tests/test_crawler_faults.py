"""Faults that used to lose items silently (issue 15, "Nothing lost").

Each test crawls fixture sites on 127.0.0.1 in a subprocess, like
test_crawler_crawl.py, and checks that a failure in one place never drops
its siblings, is counted per source with a cause, and changes the exit code
when items were lost or every source failed.
"""

from __future__ import annotations

import gzip
import json
import socket
import sqlite3
import time
from pathlib import Path

import pytest
from conftest import run_cli
from crawler_server import CrawlServer, article_html

# The fixture sites listen on 127.0.0.1, which the host policy refuses unless allowed.
ENV = {
    "BEVAKNING_DOWNLOAD_TIMEOUT": "1",
    "BEVAKNING_PROGRESS_INTERVAL": "0",
    "BEVAKNING_ALLOW_PRIVATE": "1",
}


def _paragraphs(n: int, town: str) -> list[str]:
    return [
        f"Artikel {n} handlar om {town} och om hur kommunen ser på regionens trafikplan "
        f"för år {2020 + n}.",
        f"– Vi i {town} har helt andra behov än {n * 7} resenärer om dagen, säger en "
        f"företrädare för kommunen i nummer {n}.",
        f"Regionen svarar med ett brev daterat den {n + 1} november, skrivet av "
        f"tjänsteperson {n * 13}.",
    ]


def _rss(links: list[str]) -> str:
    body = "".join(f"<item><title>Nyhet</title><link>{link}</link></item>" for link in links)
    return (
        f'<?xml version="1.0"?><rss version="2.0"><channel><title>T</title>{body}</channel></rss>'
    )


def _source(sid: str, base: str, extra: str = "", **lists: list[str]) -> str:
    fields = "".join(f"{key} = {json.dumps(values)}\n" for key, values in lists.items())
    return (
        f'[[sources]]\nid = "{sid}"\nname = "{sid.title()}"\nhomepage = "{base}/"\n'
        f'lan = "18"\n{fields}{extra}\n'
    )


def q(db: Path, sql: str, *params: object) -> list[tuple]:
    with sqlite3.connect(db) as conn:
        return conn.execute(sql, params).fetchall()


def run_source(db: Path, sid: str) -> dict:
    """The source's row in crawl_run_sources for the latest run."""
    with sqlite3.connect(db) as conn:
        conn.row_factory = sqlite3.Row
        row = conn.execute(
            "select * from crawl_run_sources where source_id = ? order by run_id desc limit 1",
            [sid],
        ).fetchone()
    return dict(row)


# --- 1. one malformed link never drops its siblings --------------------------------------------

BAD_LINKS = ["http://127.0.0.1:99999/nyheter/x", "http://[::1/nyheter/x"]


def test_malformed_links_in_feed_and_section_are_errors_not_lost_feeds(tmp_path: Path) -> None:
    srv = CrawlServer().start()
    try:
        u = srv.url
        for i in range(4):
            srv.add(
                f"/nyheter/{i}-artikel.html",
                article_html(title=f"Nyhet {i}", paragraphs=_paragraphs(i, "Laxå")),
            )
        srv.add(
            "/rss.xml",
            _rss([f"{u}/nyheter/0-artikel.html", *BAD_LINKS, f"{u}/nyheter/1-artikel.html"]),
            content_type="application/rss+xml",
            etag='"v1"',
        )
        hrefs = [*BAD_LINKS, "/nyheter/2-artikel.html", "/nyheter/3-artikel.html"]
        links = "".join(f'<a href="{h}">x</a>' for h in hrefs)
        srv.add("/sektion/", f"<html><body>{links}</body></html>")
        sources = tmp_path / "s.toml"
        sources.write_text(
            _source("flode", u, feeds=[f"{u}/rss.xml"])
            + _source("sektion", u, 'article_pattern = "/nyheter/"\n', sections=[f"{u}/sektion/"]),
            encoding="utf-8",
        )
        db = tmp_path / "c.db"
        res = run_cli("crawl", "--db", str(db), "--sources", str(sources), "--fast", env=ENV)
        assert res.returncode == 0, res.stdout + res.stderr[-3000:]
        urls = {r[0].rsplit("/", 1)[-1] for r in q(db, "select url from articles")}
        assert urls == {f"{i}-artikel.html" for i in range(4)}
        for sid in ("flode", "sektion"):
            row = run_source(db, sid)
            assert row["errors"] == 2, row
            assert "bad link: 2" in row["causes"], row
        assert "bad link: 4 in 2 source(s)" in res.stdout
        assert "Traceback" not in res.stderr
    finally:
        srv.stop()


# --- 2. a failed write loses nothing for good ---------------------------------------------------

N = 6


def _commit_site() -> CrawlServer:
    srv = CrawlServer().start()
    u = srv.url
    for i in range(N):
        # The others answer slowly, so the failing item is stored first and every later
        # article meets whatever the failed transaction left behind in memory.
        srv.add(
            f"/nyheter/{i}-artikel.html",
            article_html(title=f"Nyhet {i}", paragraphs=_paragraphs(i, "Kumla")),
            delay=0.3 if i else 0,
        )
    # Item 0 arrives through a redirect, so storing it also writes an alias row: the write
    # that fails below, after the article's story has been assigned.
    srv.add("/flyttad/0", "", status=301, headers={"Location": "/nyheter/0-artikel.html"})
    links = [f"{u}/flyttad/0"] + [f"{u}/nyheter/{i}-artikel.html" for i in range(1, N)]
    srv.add(
        "/rss.xml",
        _rss([*links, f"{u}/nyheter/kopia.html"]),
        content_type="application/rss+xml",
        etag='"v1"',
    )
    # A page whose rel=canonical names another article, not stored yet.
    srv.add(
        "/nyheter/kopia.html",
        article_html(
            title="Kopian", paragraphs=_paragraphs(40, "Nora"), canonical=f"{u}/nyheter/original"
        ),
    )
    srv.add(
        "/nyheter/original",
        article_html(title="Originalet", paragraphs=_paragraphs(41, "Lindesberg")),
    )
    srv.links = links
    return srv


@pytest.fixture(scope="module")
def commit_crawls(tmp_path_factory: pytest.TempPathFactory):
    from db import open_db

    tmp = tmp_path_factory.mktemp("commit")
    srv = _commit_site()
    u = srv.url
    sources = tmp / "s.toml"
    sources.write_text(_source("seg", u, feeds=[f"{u}/rss.xml"]), encoding="utf-8")
    db_path = tmp / "c.db"
    db = open_db(db_path)
    # A real failing write (as when the disk is full for a moment): the alias insert aborts,
    # and with it the article's whole transaction.
    db.execute(
        "create trigger simulated_disk_full before insert on article_urls "
        "when new.reason = 'redirect' begin select raise(abort, 'database or disk is full'); end"
    )
    db.conn.commit()
    db.close()
    args = ("crawl", "--db", str(db_path), "--sources", str(sources), "--fast")
    first = run_cli(*args, env=ENV)
    first_state = q(db_path, "select url, etag from feed_state")
    with sqlite3.connect(db_path) as conn:
        conn.execute("drop trigger simulated_disk_full")
    # The feed now also lists the article the copy named as canonical.
    srv.add(
        "/rss.xml",
        _rss([*srv.links, f"{u}/nyheter/kopia.html", f"{u}/nyheter/original"]),
        content_type="application/rss+xml",
        etag='"v2"',
    )
    second = run_cli(*args, env=ENV)
    yield {"db": db_path, "srv": srv, "first": first, "second": second, "state": first_state}
    srv.stop()


def test_failed_write_loses_one_item_not_the_rest(commit_crawls) -> None:
    first, db = commit_crawls["first"], commit_crawls["db"]
    assert first.returncode == 1, first.stdout + first.stderr[-3000:]
    assert "1 articles fetched but lost" in first.stdout
    assert "already exists" not in db.with_name("c.db.crawl.log").read_text(encoding="utf-8")
    lost, errors, causes = q(
        db, "select lost, errors, causes from crawl_run_sources where run_id = 1"
    )[0]
    assert (lost, errors) == (1, 1) and "store failed: database or disk is full" in causes
    assert q(db, "select lost, new from crawl_runs where id = 1")[0] == (1, N)
    assert commit_crawls["state"] == []  # no ETag saved over the lost item


def test_lost_item_is_fetched_on_the_next_crawl(commit_crawls) -> None:
    second, db, srv = commit_crawls["second"], commit_crawls["db"], commit_crawls["srv"]
    assert second.returncode == 0, second.stdout + second.stderr[-3000:]
    feed = srv.hits_for("/rss.xml")
    assert [h.status for h in feed] == [200, 200]
    assert "if-none-match" not in feed[1].headers
    titles = [r[0] for r in q(db, "select title from articles where title like 'Nyhet %'")]
    assert sorted(titles) == [f"Nyhet {i}" for i in range(N)]
    urls = [r[0] for r in q(db, "select url from articles")]
    assert len(urls) == len(set(urls))
    assert q(db, "select count(*) from articles where story_id is null")[0][0] == 0
    assert q(db, "select count(*) from article_minhash")[0][0] == len(urls)
    # Crawls fill source_health too, not only `sources check`.
    health = q(db, "select url, status, http_status, items, last_success_at from source_health")
    assert [h[:4] for h in health] == [(f"{srv.url}/rss.xml", "ok", 200, N + 2)] and health[0][4]


def test_canonical_link_does_not_make_another_article_known(commit_crawls) -> None:
    titles = {r[0] for r in q(commit_crawls["db"], "select title from articles")}
    assert {"Kopian", "Originalet"} <= titles
    assert len(commit_crawls["srv"].hits_for("/nyheter/original")) == 1


# --- 3. silent failures become visible per source -----------------------------------------------


def _gz_sitemap(base: str) -> bytes:
    urls = "".join(
        f"<url><loc>{base}/nyheter/{i}</loc><lastmod>2026-11-24</lastmod></url>" for i in range(300)
    )
    xml = (
        '<?xml version="1.0" encoding="UTF-8"?>'
        f'<urlset xmlns="http://www.sitemaps.org/schemas/sitemap/0.9">{urls}</urlset>'
    )
    return gzip.compress(xml.encode())


@pytest.fixture(scope="module")
def silent_crawl(tmp_path_factory: pytest.TempPathFactory):
    tmp = tmp_path_factory.mktemp("silent")
    servers = {name: CrawlServer().start() for name in ("allt", "fel5xx", "seg", "sida")}
    page = article_html(title="Nyhet", paragraphs=_paragraphs(1, "Askersund"))
    for srv in servers.values():
        srv.add("/rss.xml", _rss([f"{srv.url}/nyheter/1-artikel.html"]), content_type="text/xml")
        srv.add("/nyheter/1-artikel.html", page)
    servers["allt"].add("/robots.txt", "User-agent: *\nDisallow: /\n", content_type="text/plain")
    servers["fel5xx"].add("/robots.txt", "<h1>503</h1>", status=503)
    servers["seg"].add(
        "/robots.txt", "User-agent: *\nAllow: /\n", content_type="text/plain", delay=3
    )
    site = servers["sida"]
    site.add("/html.xml", "<!DOCTYPE html><html><body><h1>Vår nya webbplats</h1></body></html>")
    site.add("/tom.xml", "", content_type="application/rss+xml")
    site.add("/sektion/", '<html><body><a href="/nyheter/1-artikel.html">x</a></body></html>')
    full = _gz_sitemap(site.url)
    site.add("/kapad.xml.gz", full[: len(full) // 2], content_type="application/gzip")
    bomb = gzip.compress(b"<urlset>" + b" " * (64 * 1024 * 1024))
    site.add("/bomb.xml.gz", bomb, content_type="application/gzip")
    u = site.url
    sources = tmp / "s.toml"
    sources.write_text(
        "".join(
            _source(name, servers[name].url, feeds=[f"{servers[name].url}/rss.xml"])
            for name in ("allt", "fel5xx", "seg")
        )
        + _source("htmlflode", u, feeds=[f"{u}/html.xml"])
        + _source("tomt", u, feeds=[f"{u}/tom.xml"])
        + _source("kapad", u, sitemaps=[f"{u}/kapad.xml.gz"])
        + _source("bomb", u, sitemaps=[f"{u}/bomb.xml.gz"])
        # A pattern that is not a regular expression: the section callback raises.
        + _source("monster", u, 'article_pattern = "(nyheter"\n', sections=[f"{u}/sektion/"]),
        encoding="utf-8",
    )
    db = tmp / "s.db"
    env = {**ENV, "BEVAKNING_DOWNLOAD_MAXSIZE": str(8 * 1024 * 1024)}
    res = run_cli("crawl", "--db", str(db), "--sources", str(sources), "--fast", env=env)
    yield {"db": db, "res": res, "servers": servers, "bomb": len(bomb)}
    for srv in servers.values():
        srv.stop()


@pytest.mark.parametrize(
    ("sid", "cause", "health"),
    [
        ("allt", "robots.txt disallows all pages", "robots"),
        ("fel5xx", "robots.txt answered HTTP 503", "robots"),
        ("seg", "robots.txt unreachable (timeout)", "network_error"),
        ("htmlflode", "not a feed (an HTML page)", "malformed"),
        ("tomt", "feed answered with an empty body", "empty"),
        ("kapad", "gzip truncated", "malformed"),
        ("bomb", "gzip too large", "malformed"),
        ("monster", "parse error: error: missing ), unterminated subpattern", "parse_error"),
    ],
)
def test_silent_failure_is_counted_with_a_cause(
    silent_crawl, sid: str, cause: str, health: str
) -> None:
    db = silent_crawl["db"]
    row = run_source(db, sid)
    assert row["errors"] == 1, row
    assert cause in (row["causes"] or ""), row
    assert q(db, "select status from source_health where source_id = ?", sid) == [(health,)]


def test_robots_failures_mean_disallow_all(silent_crawl) -> None:
    for name in ("allt", "fel5xx", "seg"):
        srv = silent_crawl["servers"][name]
        assert not srv.hits_for("/rss.xml") and not srv.hits_for("/nyheter/1-artikel.html"), name
    assert len(silent_crawl["servers"]["fel5xx"].hits_for("/robots.txt")) == 3  # retried twice


def test_every_source_failed_exits_non_zero(silent_crawl) -> None:
    res = silent_crawl["res"]
    assert res.returncode == 1, res.stdout + res.stderr[-3000:]
    assert "every source failed (8)" in res.stdout
    assert "Traceback" not in res.stderr + res.stdout
    assert res.stdout.strip().splitlines()[-1].startswith("crawl done: ")


# --- 4. no network ------------------------------------------------------------------------------


def _closed_port() -> int:
    with socket.socket() as s:
        s.bind(("127.0.0.1", 0))
        return s.getsockname()[1]


def test_no_network_exits_non_zero_with_one_line_per_cause(tmp_path: Path) -> None:
    sources = tmp_path / "s.toml"
    hosts = [f"http://tidning{i}.nonexistent.invalid" for i in range(5)]
    sources.write_text(
        "".join(
            _source(f"tidning{i}", h, feeds=[f"{h}/rss.xml"], sitemaps=[f"{h}/sitemap.xml"])
            for i, h in enumerate(hosts)
        ),
        encoding="utf-8",
    )
    db = tmp_path / "n.db"
    start = time.monotonic()
    # Not --fast: the production politeness settings must not stretch a crawl of dead hosts.
    res = run_cli("crawl", "--db", str(db), "--sources", str(sources), env=ENV, timeout=60)
    took = time.monotonic() - start
    assert res.returncode == 1, res.stdout + res.stderr[-3000:]
    assert res.stdout.splitlines()[0] == "no network? DNS lookup failed for every source"
    assert "DNS lookup failed: 10 in 5 source(s)" in res.stdout
    assert "Traceback" not in res.stderr + res.stdout
    assert took < 20, took  # DNS failures are not retried
    log = Path(f"{db}.crawl.log").read_text(encoding="utf-8")
    assert "nonexistent.invalid" in log and "Traceback" in log
    health = q(db, "select status, error from source_health")
    assert health == [("network_error", "DNS lookup failed")] * 10
    assert q(db, "select sum(errors), count(*) from crawl_run_sources")[0] == (10, 5)


def test_closed_port_and_unknown_host_each_get_a_summary_line(tmp_path: Path) -> None:
    closed = f"http://127.0.0.1:{_closed_port()}"
    unknown = "http://okand.nonexistent.invalid"
    sources = tmp_path / "s.toml"
    sources.write_text(
        _source("stangd", closed, feeds=[f"{closed}/rss.xml"])
        + _source("okand", unknown, feeds=[f"{unknown}/rss.xml"]),
        encoding="utf-8",
    )
    db = tmp_path / "p.db"
    res = run_cli("crawl", "--db", str(db), "--sources", str(sources), "--fast", env=ENV)
    assert res.returncode == 1, res.stdout + res.stderr[-3000:]
    assert "connection refused: 1 in 1 source(s): stangd" in res.stdout
    assert "DNS lookup failed: 1 in 1 source(s): okand" in res.stdout
    assert "no network?" not in res.stdout
    assert "Traceback" not in res.stderr
    status = dict(q(db, "select source_id, status from source_health"))
    assert status == {"stangd": "network_error", "okand": "network_error"}


def test_health_view_in_datasette_shows_causes(silent_crawl) -> None:
    import asyncio

    from bevakning.web import make_datasette

    db = silent_crawl["db"]
    ds = make_datasette(db, environ={})
    response = asyncio.run(ds.client.get(f"/{db.stem}/insamlingshalsa.json?_shape=array"))
    assert response.status_code == 200, response.text
    rows = {r["kalla"]: r for r in response.json()}
    assert rows["fel5xx"]["fel_senaste_insamling"] == 1
    assert "robots.txt answered HTTP 503" in rows["fel5xx"]["orsaker_senaste_insamling"]
    assert rows["bomb"]["flodesstatus"] == "malformed"
