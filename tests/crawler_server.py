"""A configurable HTTP server on 127.0.0.1 for crawler tests and the benchmark.

Like Scrapy's own mock server: routes with status codes, headers, delays,
redirects, conditional GET (ETag/Last-Modified), flaky endpoints that fail a
few times, generated pages, and a log of every hit.
"""

from __future__ import annotations

import threading
import time
from collections.abc import Callable
from dataclasses import dataclass, field
from http.server import BaseHTTPRequestHandler, ThreadingHTTPServer
from pathlib import Path
from urllib.parse import urlsplit

Handler = Callable[[str], tuple[int, dict[str, str], bytes]]


@dataclass
class Route:
    body: bytes = b""
    status: int = 200
    content_type: str = "text/html; charset=utf-8"
    headers: dict[str, str] = field(default_factory=dict)
    delay: float = 0.0
    fail_times: int = 0  # answer 503 this many times first
    etag: str | None = None
    last_modified: str | None = None
    func: Handler | None = None


@dataclass
class Hit:
    at: float
    path: str
    status: int
    headers: dict[str, str]


class CrawlServer:
    """Threaded server; `host` may be "localhost" to get a separate Scrapy download slot."""

    def __init__(self, host: str = "127.0.0.1"):
        self.routes: dict[str, Route] = {}
        self.prefixes: dict[str, Route] = {}
        self.hits: list[Hit] = []
        self.lock = threading.Lock()
        server = self

        class _H(BaseHTTPRequestHandler):
            protocol_version = "HTTP/1.1"

            def log_message(self, *args: object) -> None:
                pass

            def do_GET(self) -> None:
                server._serve(self)

        self.httpd = ThreadingHTTPServer(("127.0.0.1", 0), _H)
        self.httpd.daemon_threads = True
        self.httpd.handle_error = lambda request, client_address: None  # clients hang up
        self.url = f"http://{host}:{self.httpd.server_address[1]}"
        self.thread = threading.Thread(target=self.httpd.serve_forever, daemon=True)

    def start(self) -> CrawlServer:
        self.thread.start()
        return self

    def stop(self) -> None:
        self.httpd.shutdown()
        self.httpd.server_close()

    def add(self, path: str, body: bytes | str = b"", **kwargs: object) -> Route:
        if isinstance(body, str):
            body = body.encode("utf-8")
        route = Route(body=body.replace(b"__BASE_URL__", self.url.encode()), **kwargs)
        self.routes[path] = route
        return route

    def add_file(self, path: str, file: Path, **kwargs: object) -> Route:
        return self.add(path, file.read_bytes(), **kwargs)

    def add_prefix(self, prefix: str, func: Handler) -> None:
        self.prefixes[prefix] = Route(func=func)

    def hits_for(self, path: str) -> list[Hit]:
        with self.lock:
            return [h for h in self.hits if h.path == path]

    def _serve(self, req: BaseHTTPRequestHandler) -> None:
        path = urlsplit(req.path).path
        query_path = req.path
        route = self.routes.get(query_path) or self.routes.get(path)
        if route is None:
            for prefix, r in self.prefixes.items():
                if path.startswith(prefix):
                    route = r
                    break
        headers = {k.lower(): v for k, v in req.headers.items()}
        hit = Hit(time.monotonic(), req.path, 0, headers)  # logged on arrival, before any delay
        with self.lock:
            self.hits.append(hit)
        status, extra, body = 404, {"Content-Type": "text/html; charset=utf-8"}, b"<h1>404</h1>"
        if route is not None:
            if route.delay:
                time.sleep(route.delay)
            if route.func is not None:
                status, extra, body = route.func(req.path)
            elif route.fail_times > 0:
                route.fail_times -= 1
                status, body = 503, b"<h1>503 Service Unavailable</h1>"
            elif (
                route.etag
                and headers.get("if-none-match") == route.etag
                or route.last_modified
                and headers.get("if-modified-since") == route.last_modified
            ):
                status, body, extra = 304, b"", {}
            else:
                status, body = route.status, route.body
                extra = {"Content-Type": route.content_type, **route.headers}
                if route.etag:
                    extra["ETag"] = route.etag
                if route.last_modified:
                    extra["Last-Modified"] = route.last_modified
        hit.status = status
        try:
            req.send_response(status)
            for k, v in extra.items():
                req.send_header(k, v)
            req.send_header("Content-Length", str(len(body)))
            req.end_headers()
            if body and status != 304:
                view = memoryview(body)
                for i in range(0, len(body), 1 << 16):
                    req.wfile.write(view[i : i + (1 << 16)])
        except (BrokenPipeError, ConnectionResetError):
            pass


NAV = """<header><nav><a href="/">Start</a> <a href="/nyheter/">Nyheter</a> <a href="/sport/">Sport</a>
<a href="/kultur/">Kultur</a> <a href="/logga-in">Logga in</a></nav></header>"""


def article_html(
    *,
    title: str,
    paragraphs: list[str],
    published: str | None = "2026-11-23T07:30:00+01:00",
    author: str = "Eva Nyström",
    lead: str | None = None,
    section: str = "Nyheter",
    lang: str = "sv",
    canonical: str | None = None,
    charset: str = "utf-8",
    boilerplate: str = "",
    related: list[tuple[str, str]] = (),
    paywall: bool = False,
    outlet: str = "Lokalbladet",
) -> str:
    """A realistic Swedish article page: navigation, ads, related links, JSON-LD."""
    import json

    ld = {
        "@context": "https://schema.org",
        "@type": "NewsArticle",
        "headline": title,
        "author": {"@type": "Person", "name": author},
        "articleSection": section,
        "inLanguage": lang,
    }
    if published:
        ld["datePublished"] = published
    if paywall:
        ld["isAccessibleForFree"] = False
    rel = "".join(f'<li><a href="{u}">{t}</a></li>' for u, t in related)
    body = "".join(f"<p>{p}</p>" for p in paragraphs)
    wall = (
        '<div class="paywall"><h2>Läs hela artikeln</h2><p>Bli prenumerant för 1 kr första '
        'månaden.</p><a href="/prenumerera">Prenumerera</a></div>'
        if paywall
        else ""
    )
    return f"""<!DOCTYPE html>
<html lang="{lang}"><head><meta charset="{charset}">
<title>{title} | {outlet}</title>
{f'<link rel="canonical" href="{canonical}">' if canonical else ""}
<meta property="og:title" content="{title}">
<script type="application/ld+json">{json.dumps(ld, ensure_ascii=False)}</script>
</head><body>
{NAV}
<div class="ad">Annons: Köp din nya bil hos Bilhallen – 0 % ränta i december!</div>
<main><article>
<h1>{title}</h1>
<p class="byline">{author}, {outlet}</p>
{f'<p class="lead">{lead}</p>' if lead else ""}
{body}
{wall}
</article>
{boilerplate}
<aside><h3>Läs också</h3><ul>{rel}</ul></aside></main>
<footer><p>© {outlet} · Ansvarig utgivare: Karin Berg · Kontakt: tips@example.se</p>
<p>Vi använder kakor för att ge dig en bättre upplevelse.</p></footer>
</body></html>"""
