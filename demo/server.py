"""Serve static fixture sites on 127.0.0.1, one port per site, like separate outlets.

Files may contain the token ``__BASE_URL__``; it is replaced with the site's
own address when served, so feeds can hold absolute links whatever the port.
"""

from __future__ import annotations

import mimetypes
import threading
from http.server import BaseHTTPRequestHandler, ThreadingHTTPServer
from pathlib import Path
from urllib.parse import unquote, urlsplit

SITES_DIR = Path(__file__).with_name("sites")
TOKEN = b"__BASE_URL__"
_TEXT_SUFFIXES = {".html", ".htm", ".xml", ".txt", ".json", ".rss", ".atom"}
_TYPES = {
    ".xml": "application/rss+xml; charset=utf-8",
    ".html": "text/html; charset=utf-8",
    ".txt": "text/plain; charset=utf-8",
}


class _Handler(BaseHTTPRequestHandler):
    root: Path
    base_url: str

    def log_message(self, format: str, *args: object) -> None:  # noqa: A002 - stdlib signature
        pass

    def do_GET(self) -> None:
        path = unquote(urlsplit(self.path).path)
        target = (self.root / path.lstrip("/")).resolve()
        if target.is_dir():
            target = target / "index.html"
        if not str(target).startswith(str(self.root.resolve())) or not target.is_file():
            self.send_error(404)
            return
        body = target.read_bytes()
        if target.suffix in _TEXT_SUFFIXES:
            body = body.replace(TOKEN, self.base_url.encode())
        ctype = (
            _TYPES.get(target.suffix)
            or mimetypes.guess_type(target.name)[0]
            or "application/octet-stream"
        )
        self.send_response(200)
        self.send_header("Content-Type", ctype)
        self.send_header("Content-Length", str(len(body)))
        self.end_headers()
        self.wfile.write(body)


class SiteServer:
    """One static site on a free loopback port, served from a background thread."""

    def __init__(self, root: Path, host: str = "127.0.0.1", port: int = 0):
        handler = type("Handler", (_Handler,), {"root": Path(root)})
        self.httpd = ThreadingHTTPServer((host, port), handler)
        self.httpd.daemon_threads = True
        self.url = f"http://{host}:{self.httpd.server_address[1]}"
        handler.base_url = self.url
        self.thread = threading.Thread(target=self.httpd.serve_forever, daemon=True)

    def __enter__(self) -> SiteServer:
        self.start()
        return self

    def __exit__(self, *exc: object) -> None:
        self.stop()

    def start(self) -> None:
        self.thread.start()

    def stop(self) -> None:
        self.httpd.shutdown()
        self.httpd.server_close()


def site_ids(sites_dir: Path = SITES_DIR) -> list[str]:
    """The demo sites: every folder with an rss.xml."""
    return sorted(p.name for p in sites_dir.iterdir() if (p / "rss.xml").is_file())


def demo_sources_toml(servers: dict[str, SiteServer], sites_dir: Path = SITES_DIR) -> str:
    """A sources file for the running demo sites (names and counties from each site.toml)."""
    import tomllib

    lines = []
    for sid, srv in servers.items():
        meta_file = sites_dir / sid / "site.toml"
        meta = tomllib.loads(meta_file.read_text(encoding="utf-8")) if meta_file.is_file() else {}
        municipalities = ", ".join(f'"{m}"' for m in meta.get("municipalities", []))
        lines += [
            "[[sources]]",
            f'id = "{sid}"',
            f'name = "{meta.get("name", sid)}"',
            f'homepage = "{srv.url}/"',
            f'lan = "{meta.get("lan", "00")}"',
            f"municipalities = [{municipalities}]",
            f'feeds = ["{srv.url}/rss.xml"]',
            # The demo sites run on 127.0.0.1, which the crawler refuses unless told.
            "allow_private = true",
            "",
        ]
    return "\n".join(lines)
