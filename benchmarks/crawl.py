"""Crawl throughput and memory on generated Swedish article pages served from 127.0.0.1.

    python benchmarks/crawl.py [--pages 2000] [--baseline-pages 500]

Serves N article pages (navigation, ads, related links, JSON-LD) and an RSS
feed listing them, runs `bevakning crawl --fast` (politeness delays off, at
most 2 requests at a time as in production) in a subprocess and reports
pages/s and the peak RSS of the crawl process and its children. In the same
run it times trafilatura's own feed crawling (find_feed_urls + fetch_url +
extract, sequential) on the same site and prints both rates and their ratio.
Targets: >= 30 pages/s including extraction, peak RSS < 500 MB.
"""

from __future__ import annotations

import argparse
import os
import random
import subprocess
import sys
import tempfile
import threading
import time
from http.server import BaseHTTPRequestHandler, ThreadingHTTPServer
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
TOWNS = ["Laxå", "Askersund", "Kumla", "Nora", "Lindesberg", "Hallsberg", "Degerfors", "Karlskoga"]
WORDS = [
    "regionen",
    "kommunen",
    "busslinje",
    "tidtabell",
    "pendlare",
    "beslut",
    "trafiknämnden",
    "ordförande",
    "landsbygden",
    "utvecklingsstrategi",
    "resenärer",
    "hållplats",
    "budget",
    "yttrande",
    "kollektivtrafik",
    "skolskjuts",
    "förslag",
    "remiss",
    "planering",
    "tågstopp",
    "järnväg",
    "infrastruktur",
    "vägar",
    "invånare",
    "framtid",
    "samarbete",
    "kritik",
]


def article_page(i: int, base: str) -> bytes:
    rnd = random.Random(i)
    town = TOWNS[i % len(TOWNS)]
    paras = []
    for p in range(8):
        words = [rnd.choice(WORDS) for _ in range(rnd.randint(25, 45))]
        paras.append(f"<p>{' '.join(words).capitalize()} i {town} ({i}-{p}).</p>")
    paras.insert(2, f"<p>– Det här är fel för {town}, säger kommunalrådet Anna Berg (C).</p>")
    related = "".join(
        f'<li><a href="{base}/nyheter/{(i + k) % 997}.html">Läs mer {k}</a></li>'
        for k in range(1, 6)
    )
    return f"""<!DOCTYPE html><html lang="sv"><head><meta charset="utf-8">
<title>Nyhet {i} från {town} | Benchbladet</title>
<link rel="canonical" href="{base}/nyheter/{i}.html">
<script type="application/ld+json">{{"@context":"https://schema.org","@type":"NewsArticle",
"headline":"Nyhet {i}: {town} och regionen","datePublished":"2026-11-{1 + i % 27:02d}T08:00:00+01:00",
"author":{{"@type":"Person","name":"Reporter {i % 13}"}},"articleSection":"Nyheter"}}</script>
</head><body><header><nav><a href="/">Start</a> <a href="/nyheter/">Nyheter</a> <a href="/sport/">Sport</a>
<a href="/kultur/">Kultur</a> <a href="/familj/">Familj</a> <a href="/logga-in">Logga in</a></nav></header>
<div class="ad">Annons: Vinterdäck till halva priset hos Däckcentralen i {town}!</div>
<main><article><h1>Nyhet {i}: {town} och regionen</h1>
<p class="lead">Kommunen i {town} är kritisk till regionens nya plan, nummer {i}.</p>
{"".join(paras)}</article>
<aside><h3>Läs också</h3><ul>{related}</ul></aside></main>
<footer><p>© Benchbladet · Ansvarig utgivare: Karin Berg</p><p>Vi använder kakor.</p></footer>
</body></html>""".encode()


class Site:
    def __init__(self, pages: int):
        self.pages = pages
        site = self

        class H(BaseHTTPRequestHandler):
            protocol_version = "HTTP/1.1"

            def log_message(self, *a: object) -> None:
                pass

            def do_GET(self) -> None:
                path = self.path.split("?")[0]
                ctype, status = "text/html; charset=utf-8", 200
                if path == "/rss.xml":
                    body, ctype = site.feed(), "application/rss+xml"
                elif path == "/":
                    body = (
                        b'<html><head><link rel="alternate" type="application/rss+xml" '
                        b'href="/rss.xml"></head><body><h1>Benchbladet</h1></body></html>'
                    )
                elif path.startswith("/nyheter/") and path.endswith(".html"):
                    body = article_page(int(path[9:-5]), site.url)
                else:
                    body, status = b"not found", 404
                try:
                    self.send_response(status)
                    self.send_header("Content-Type", ctype)
                    self.send_header("Content-Length", str(len(body)))
                    self.end_headers()
                    self.wfile.write(body)
                except (BrokenPipeError, ConnectionResetError):
                    pass

        self.httpd = ThreadingHTTPServer(("127.0.0.1", 0), H)
        self.httpd.daemon_threads = True
        self.url = f"http://127.0.0.1:{self.httpd.server_address[1]}"
        threading.Thread(target=self.httpd.serve_forever, daemon=True).start()
        self._feed: bytes | None = None

    def feed(self) -> bytes:
        if self._feed is None:
            items = "".join(
                f"<item><title>Nyhet {i}</title><link>{self.url}/nyheter/{i}.html</link>"
                f"<pubDate>Mon, 23 Nov 2026 08:00:00 +0100</pubDate></item>"
                for i in range(self.pages)
            )
            self._feed = (
                f'<?xml version="1.0" encoding="utf-8"?><rss version="2.0"><channel>'
                f"<title>Benchbladet</title><link>{self.url}/</link>{items}</channel></rss>"
            ).encode()
        return self._feed


def tree_rss(pid: int) -> int:
    """Resident memory of a process and all its descendants, in bytes."""
    children: dict[int, list[int]] = {}
    for entry in os.listdir("/proc"):
        if entry.isdigit():
            try:
                with open(f"/proc/{entry}/stat") as fh:
                    ppid = int(fh.read().rsplit(")", 1)[1].split()[1])
                children.setdefault(ppid, []).append(int(entry))
            except (OSError, IndexError, ValueError):
                continue
    total, stack = 0, [pid]
    page = os.sysconf("SC_PAGE_SIZE")
    while stack:
        p = stack.pop()
        try:
            with open(f"/proc/{p}/statm") as fh:
                total += int(fh.read().split()[1]) * page
        except OSError:
            pass
        stack.extend(children.get(p, []))
    return total


def run_bevakning(site: Site, tmp: Path) -> tuple[float, int, int, str]:
    sources = tmp / "bench.toml"
    sources.write_text(
        f'[[sources]]\nid = "bench"\nname = "Benchbladet"\nhomepage = "{site.url}/"\n'
        f'lan = "18"\nfeeds = ["{site.url}/rss.xml"]\nallow_private = true\n',
        encoding="utf-8",
    )
    db = tmp / "bench.db"
    env = {**os.environ, "BEVAKNING_LOG_LEVEL": "WARNING", "BEVAKNING_PROGRESS_INTERVAL": "10"}
    cmd = [sys.executable, "-m", "bevakning", "crawl", "--db", str(db), "--sources", str(sources)]
    start = time.perf_counter()
    proc = subprocess.Popen(
        [*cmd, "--fast"],
        cwd=ROOT,
        env=env,
        stdout=subprocess.PIPE,
        stderr=subprocess.PIPE,
        text=True,
    )
    peak = 0
    while proc.poll() is None:
        peak = max(peak, tree_rss(proc.pid))
        time.sleep(0.05)
    elapsed = time.perf_counter() - start
    out, err = proc.communicate()
    if proc.returncode != 0:
        sys.exit(f"crawl failed:\n{err[-3000:]}")
    import sqlite3

    with sqlite3.connect(db) as conn:
        stored = conn.execute("select count(*) from articles where text is not null").fetchone()[0]
    return elapsed, stored, peak, out.strip().splitlines()[-1]


def run_trafilatura(site: Site, limit: int) -> tuple[float, int, str]:
    """trafilatura's own pipeline, sequential, as its documentation shows it.

    On 127.0.0.1 two of its safeguards get in the way: downloads need
    SSRF_PROTECTION off (loopback is "non-public"), and find_feed_urls drops IP
    hosts (courlan's URL check), so the article links come from feedparser.
    """
    import feedparser
    from trafilatura import extract, fetch_url
    from trafilatura.feeds import find_feed_urls
    from trafilatura.settings import use_config

    config = use_config()
    config.set("DEFAULT", "SSRF_PROTECTION", "off")
    start = time.perf_counter()
    urls = find_feed_urls(site.url + "/")
    how = "find_feed_urls"
    if not urls:
        feed = fetch_url(site.url + "/rss.xml", config=config) or ""
        urls = [e.link for e in feedparser.parse(feed).entries]
        how = "feedparser (find_feed_urls drops IP hosts)"
    urls = urls[:limit]
    done = 0
    for url in urls:
        html = fetch_url(url, config=config)
        if html and extract(html, url=url):
            done += 1
    return time.perf_counter() - start, done, how


def main() -> None:
    ap = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    ap.add_argument("--pages", type=int, default=2000, help="article pages to serve and crawl")
    ap.add_argument(
        "--baseline-pages", type=int, default=500, help="pages for the trafilatura baseline"
    )
    args = ap.parse_args()
    site = Site(args.pages)
    with tempfile.TemporaryDirectory() as tmp:
        elapsed, stored, peak, summary = run_bevakning(site, Path(tmp))
    rate = stored / elapsed
    print(
        f"bevakning crawl:   {stored} pages in {elapsed:.1f} s = {rate:.1f} pages/s "
        f"(incl. process start), peak RSS {peak / 2**20:.0f} MB"
    )
    print(f"  {summary}")
    t_elapsed, t_done, how = run_trafilatura(site, args.baseline_pages)
    t_rate = t_done / t_elapsed if t_done else float("nan")
    print(
        f"trafilatura:       {t_done} pages in {t_elapsed:.1f} s = {t_rate:.1f} pages/s "
        f"(links via {how}; fetch_url + extract, sequential)"
    )
    print(f"ratio bevakning/trafilatura: {rate / t_rate:.2f}")
    ok = rate >= 30 and peak < 500 * 2**20
    print(f"targets (>= 30 pages/s, < 500 MB): {'met' if ok else 'NOT met'}")


if __name__ == "__main__":
    main()
