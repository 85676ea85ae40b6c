"""The crawler fetches only the outlet's own hosts, over HTTP(S), at addresses it may reach.

A real crawl in a subprocess against three CrawlServers on loopback: the
outlet (127.0.0.1:A), a stranger on another local port (127.0.0.1:B) whose
page holds a "secret", and a partner host ("localhost":C) that the outlet lists
in `allowed_hosts`. Feed items, sitemap-index entries and redirects point at
all of them and at file:///etc/passwd.
"""

from __future__ import annotations

import sqlite3
from datetime import UTC, datetime
from pathlib import Path

import pytest
from conftest import run_cli
from crawler_server import CrawlServer, article_html

from crawler.hosts import HostPolicy, is_public_address
from crawler.sources import Source

TEXT = [
    "Länstrafiken Örebro drar in linje 705 mellan Laxå och Hallsberg från december.",
    "– Det här är fel, säger Anna Andersson (C), kommunstyrelsens ordförande i Laxå.",
    "Regionen hänvisar till det låga resandet och till besparingskraven i budgeten.",
]
SECRET = "HEMLIGT-LOSENORD-4711"


def _page(title: str, extra: str = "") -> str:
    # A paragraph of its own per page: identical bodies would be stored once as duplicates.
    own = f"Sidan {title} handlar om något helt annat än de andra sidorna på sajten."
    return article_html(title=title, paragraphs=[own, *TEXT, extra] if extra else [own, *TEXT])


def _rss(links: list[str]) -> str:
    items = "".join(f"<item><title>x</title><link>{u}</link></item>" for u in links)
    return (
        f'<?xml version="1.0"?><rss version="2.0"><channel><title>t</title>{items}</channel></rss>'
    )


def _sitemap_index(locs: list[str]) -> str:
    body = "".join(f"<sitemap><loc>{loc}</loc></sitemap>" for loc in locs)
    return (
        '<?xml version="1.0" encoding="UTF-8"?><sitemapindex '
        f'xmlns="http://www.sitemaps.org/schemas/sitemap/0.9">{body}</sitemapindex>'
    )


def _urlset(locs: list[str]) -> str:
    today = datetime.now(UTC).strftime("%Y-%m-%dT%H:%M:%SZ")
    body = "".join(
        f"<url><loc>{loc}</loc><news:news><news:publication_date>{today}"
        "</news:publication_date></news:news></url>"
        for loc in locs
    )
    return (
        '<?xml version="1.0" encoding="UTF-8"?><urlset xmlns="http://www.sitemaps.org/schemas/'
        f'sitemap/0.9" xmlns:news="http://www.google.com/schemas/sitemap-news/0.9">{body}</urlset>'
    )


@pytest.fixture(scope="module")
def crawled(tmp_path_factory: pytest.TempPathFactory):
    tmp = tmp_path_factory.mktemp("hosts")
    outlet, stranger = CrawlServer().start(), CrawlServer().start()
    partner = CrawlServer(host="localhost").start()
    o, s, p = outlet.url, stranger.url, partner.url
    xml = "application/rss+xml"
    outlet.add(
        "/rss.xml",
        _rss(
            [
                f"{o}/nyheter/egen-artikel.html",
                f"{s}/hemlig.html",  # another local port: never fetched
                f"{p}/nyheter/partner-artikel.html",  # listed in allowed_hosts
                f"{o}/till-framling",  # redirects to the stranger
                f"{o}/till-fil",  # redirects to file:///etc/passwd
                f"{o}/till-egen",  # redirects within the outlet
                "file:///etc/passwd",
            ]
        ),
        content_type=xml,
    )
    outlet.add("/nyheter/egen-artikel.html", _page("Egen artikel"))
    outlet.add("/nyheter/flyttad.html", _page("Flyttad artikel"))
    outlet.add("/till-framling", status=302, headers={"Location": f"{s}/hemlig-2.html"})
    outlet.add("/till-fil", status=302, headers={"Location": "file:///etc/passwd"})
    outlet.add("/till-egen", status=301, headers={"Location": "/nyheter/flyttad.html"})
    outlet.add(
        "/sitemap_index.xml",
        _sitemap_index(["file:///etc/passwd", f"{s}/sitemap.xml", f"{o}/sitemap-news.xml"]),
        content_type="application/xml",
    )
    outlet.add(
        "/sitemap-news.xml",
        _urlset([f"{o}/nyheter/fran-sitemap.html", f"{s}/hemlig-3.html"]),
        content_type="application/xml",
    )
    outlet.add("/nyheter/fran-sitemap.html", _page("Från sitemap"))
    outlet.add("/oskyddad/rss.xml", _rss([f"{o}/nyheter/oskyddad.html"]), content_type=xml)
    outlet.add("/nyheter/oskyddad.html", _page("Oskyddad"))
    for path in ("/hemlig.html", "/hemlig-2.html", "/hemlig-3.html"):
        stranger.add(path, _page("Hemlig sida", SECRET))
    stranger.add("/sitemap.xml", _urlset([f"{s}/hemlig.html"]), content_type="application/xml")
    partner.add("/nyheter/partner-artikel.html", _page("Partnerartikel"))
    sources = tmp / "sources.toml"
    sources.write_text(
        f'[[sources]]\nid = "lokal"\nname = "Lokalbladet"\nhomepage = "{o}/"\nlan = "18"\n'
        f'feeds = ["{o}/rss.xml"]\nsitemaps = ["{o}/sitemap_index.xml"]\n'
        f'allowed_hosts = ["{p.split("//")[1]}"]\nallow_private = true\n\n'
        # Same outlet address but no allow_private: 127.0.0.1 is refused outright.
        f'[[sources]]\nid = "oskyddad"\nname = "Oskyddad"\nhomepage = "{o}/oskyddad/"\n'
        f'lan = "18"\nfeeds = ["{o}/oskyddad/rss.xml"]\n',
        encoding="utf-8",
    )
    db = tmp / "hosts.db"
    res = run_cli(
        "crawl", "--db", str(db), "--sources", str(sources), "--fast", "--since", "2026-01-01"
    )
    yield {"db": db, "res": res, "outlet": outlet, "stranger": stranger, "partner": partner}
    for srv in (outlet, stranger, partner):
        srv.stop()


def _urls(db: Path) -> list[str]:
    with sqlite3.connect(db) as conn:
        return [r[0] for r in conn.execute("select url from articles order by url")]


def test_other_hosts_are_never_fetched_or_stored(crawled) -> None:
    res = crawled["res"]
    assert res.returncode == 0, res.stderr[-3000:]
    assert crawled["stranger"].hits == []  # not the page, not its robots.txt, not its sitemap
    urls = _urls(crawled["db"])
    assert not any(crawled["stranger"].url in u for u in urls)
    with sqlite3.connect(crawled["db"]) as conn:
        leaked = conn.execute("select count(*) from articles where text like ?", [f"%{SECRET}%"])
        assert leaked.fetchone()[0] == 0


def test_own_hosts_and_allowed_hosts_are_still_crawled(crawled) -> None:
    o, p = crawled["outlet"].url, crawled["partner"].url
    urls = _urls(crawled["db"])
    assert f"{o}/nyheter/egen-artikel.html" in urls
    assert f"{o}/nyheter/fran-sitemap.html" in urls
    assert f"{o}/till-egen" in urls  # stored under the listed URL, redirect target as alias
    assert f"{p}/nyheter/partner-artikel.html" in urls
    assert crawled["partner"].hits_for("/nyheter/partner-artikel.html")


def test_redirects_and_file_urls_are_refused_and_counted(crawled) -> None:
    # Details go to the crawl's log file; the console has one line per cause.
    console = crawled["res"].stdout + crawled["res"].stderr
    err = Path(f"{crawled['db']}.crawl.log").read_text(encoding="utf-8")
    o = crawled["outlet"].url
    assert crawled["outlet"].hits_for("/till-framling")  # fetched; its redirect was refused
    assert f"{o}/till-framling" not in _urls(crawled["db"])
    assert "file:///etc/passwd" in err and "scheme 'file' is not http(s)" in err
    assert "is not one of the source's hosts" in err
    # Feed: stranger item, redirect to the stranger, file item (the redirect to file:// is
    # dropped by Scrapy itself); sitemap index: file entry, stranger sitemap; urlset: stranger.
    assert "source lokal: 6 URL(s) refused" in err
    assert "refused (other host, scheme or private address): 7 in 2 source(s): lokal" in console


def test_private_address_refused_without_opt_in(crawled) -> None:
    outlet = crawled["outlet"]
    assert not outlet.hits_for("/oskyddad/rss.xml")
    assert not outlet.hits_for("/nyheter/oskyddad.html")
    log = Path(f"{crawled['db']}.crawl.log").read_text(encoding="utf-8")
    assert "resolves to a non-public address (127.0.0.1)" in log
    assert "source oskyddad: 1 URL(s) refused" in log


def _source(**extra: object) -> Source:
    return Source(
        id="nt",
        name="NT",
        homepage="https://www.nt.se/",
        lan="05",
        feeds=["https://nt.se/rss/lokalt/norrkoping"],
        extra=dict(extra),
    )


def test_policy_rules_without_network() -> None:
    addresses = {"nt.se": ["192.0.2.10"], "m.nt.se": ["169.254.169.254"], "sr.se": ["8.8.8.8"]}
    resolver = lambda host, port: addresses.get(host, [])  # noqa: E731
    policy = HostPolicy([_source(allowed_hosts=["sr.se"])], resolver=resolver)
    nt = policy.refusal
    src = _source(allowed_hosts=["sr.se"])
    assert nt("https://nt.se/nyheter/1", src, resolve=False) is None
    assert nt("http://www.nt.se/nyheter/1", src, resolve=False) is None  # www and http
    assert nt("https://sr.se/artikel/1", src) is None
    assert "not one of" in nt("https://evil.example/nt.se", src)
    assert "not one of" in nt("https://nt.se.evil.example/", src)
    assert "not one of" in nt("https://nt.se:8080/", src)  # another port is another service
    assert "not http(s)" in nt("file:///etc/passwd", src)
    assert "not http(s)" in nt("ftp://nt.se/x", src)
    # 192.0.2.0/24 (documentation) and link-local metadata are not public addresses.
    assert "non-public" in nt("https://nt.se/", src)
    assert "169.254.169.254" in nt("https://m.nt.se/", src)
    assert nt("https://m.nt.se/", None) is not None  # robots.txt: any source's hosts, same rule
    assert (
        HostPolicy([src], allow_private=True, resolver=resolver).refusal("https://m.nt.se/", src)
        is None
    )
    mine = _source(allow_private=True)
    assert HostPolicy([mine], resolver=resolver).refusal("https://m.nt.se/", mine) is None


@pytest.mark.parametrize(
    ("address", "public"),
    [
        ("8.8.8.8", True),
        ("2a00:1450:4001::1", True),
        ("127.0.0.1", False),
        ("10.1.2.3", False),
        ("172.16.0.1", False),
        ("192.168.1.1", False),
        ("169.254.169.254", False),
        ("100.64.0.1", False),
        ("0.0.0.0", False),
        ("::1", False),
        ("fe80::1%eth0", False),
        ("fd00::1", False),
        ("::ffff:127.0.0.1", False),
        ("224.0.0.1", False),
    ],
)
def test_public_addresses(address: str, public: bool) -> None:
    assert is_public_address(address) is public


def test_localhost_name_resolves_to_loopback_and_is_refused() -> None:
    src = Source(id="x", name="X", homepage="http://localhost:8080/", lan="18")
    assert "non-public" in HostPolicy([src]).refusal("http://localhost:8080/a", src)
    assert HostPolicy([src], allow_private=True).refusal("http://localhost:8080/a", src) is None
