"""Which URLs the crawler may fetch: the outlet's own hosts, over HTTP(S), at public addresses.

A feed item, a sitemap-index entry or a redirect is written by whoever runs the
site (or whoever broke into it). Followed blindly, it makes the crawler fetch
another host's page and store it as the outlet's article, open local files
(`file:///etc/passwd`) or reach services on the crawler's own machine or network
(a database console on another local port, the cloud metadata address). So a
URL is fetched only when:

* its scheme is http or https;
* its host is one the source registers: the host of its homepage, feeds,
  sitemaps and sections, or one listed in `allowed_hosts` (subdomains included,
  a leading `www.` ignored; an explicit non-default port must match);
* every address the host resolves to is public, unless the source says
  `allow_private = true` or the crawl runs with BEVAKNING_ALLOW_PRIVATE (tests
  and the demo crawl fixture sites on 127.0.0.1).

`crawler.middlewares.HostGuardMiddleware` applies this to every request,
redirects included; the spiders apply the cheap part (scheme and host) before
they queue a URL, so refused URLs are not counted as entries.
"""

from __future__ import annotations

import ipaddress
import socket
from collections.abc import Callable, Iterable
from urllib.parse import urlsplit

from scrapy.exceptions import IgnoreRequest

from crawler.sources import Source

_DEFAULT_PORTS = {"http": 80, "https": 443}
Resolver = Callable[[str, int], list[str]]


class RefusedURL(IgnoreRequest):
    """A request the host policy does not allow (not an error of the site)."""


def _host_key(url: str) -> tuple[str, int | None] | None:
    """(host without a leading www., explicit non-default port or None); None if unusable."""
    try:
        parts = urlsplit(url.strip())
        port = parts.port
    except ValueError:
        return None
    host = (parts.hostname or "").rstrip(".").lower()
    if not host:
        return None
    if port is not None and _DEFAULT_PORTS.get(parts.scheme.lower()) == port:
        port = None
    return host.removeprefix("www."), port


def _entry_key(entry: str) -> tuple[str, int | None] | None:
    """An `allowed_hosts` entry: "host", "host:port" or a whole URL."""
    return _host_key(entry if "://" in entry else f"//{entry}")


def source_hosts(source: Source) -> set[tuple[str, int | None]]:
    """The hosts a source registers: homepage, feeds, sitemaps, sections, allowed_hosts."""
    urls = [source.homepage, *source.feeds, *source.sitemaps]
    urls += [u for u in source.extra.get("sections") or [] if isinstance(u, str)]
    keys = {_host_key(u) for u in urls}
    keys |= {_entry_key(h) for h in source.extra.get("allowed_hosts") or [] if isinstance(h, str)}
    keys.discard(None)
    return keys  # type: ignore[return-value]


def _host_matches(key: tuple[str, int | None], allowed: Iterable[tuple[str, int | None]]) -> bool:
    host, port = key
    return any(
        port == a_port and (host == a_host or host.endswith("." + a_host))
        for a_host, a_port in allowed
    )


def is_public_address(address: str) -> bool:
    """Whether an IP address is globally routable (not private, loopback, link-local, …)."""
    try:
        ip = ipaddress.ip_address(address.split("%", 1)[0])
    except ValueError:
        return False
    if isinstance(ip, ipaddress.IPv6Address) and ip.ipv4_mapped is not None:
        ip = ip.ipv4_mapped
    return ip.is_global and not ip.is_multicast


def resolve(host: str, port: int) -> list[str]:
    """The addresses a host name resolves to (an empty list if it does not resolve)."""
    try:
        infos = socket.getaddrinfo(host, port, type=socket.SOCK_STREAM)
    except (OSError, UnicodeError):
        return []
    return [info[4][0] for info in infos]


class HostPolicy:
    """The crawl's rule for which URLs may be fetched, per source (see the module docstring)."""

    def __init__(
        self, sources: list[Source], allow_private: bool = False, resolver: Resolver = resolve
    ):
        self.allow_private = allow_private
        self.resolver = resolver
        self.hosts = {s.id: source_hosts(s) for s in sources}
        self.private_ok = {s.id: s.extra.get("allow_private") is True for s in sources}
        self._addresses: dict[tuple[str, int], list[str]] = {}

    def refusal(self, url: str, source: Source | None = None, resolve: bool = True) -> str | None:
        """Why this URL may not be fetched for this source, or None when it may.

        Without a source (robots.txt), any source's hosts count. `resolve`
        looks the host up and refuses non-public addresses; the spiders skip it
        before queueing and leave it to the downloader middleware.
        """
        try:
            parts = urlsplit(url.strip())
        except ValueError:
            return "unreadable URL"
        scheme = parts.scheme.lower()
        if scheme not in _DEFAULT_PORTS:
            return f"scheme {scheme or '(none)'!r} is not http(s)"
        key = _host_key(url)
        if key is None:
            return "no host"
        ids = [source.id] if source is not None else list(self.hosts)
        matching = [i for i in ids if _host_matches(key, self.hosts.get(i, ()))]
        if not matching:
            name = key[0] if key[1] is None else f"{key[0]}:{key[1]}"
            return f"host {name} is not one of the source's hosts"
        if not resolve or self.allow_private or any(self.private_ok.get(i) for i in matching):
            return None
        host = parts.hostname or ""
        port = key[1] or _DEFAULT_PORTS[scheme]
        if (host, port) not in self._addresses:
            self._addresses[(host, port)] = self.resolver(host, port)
        private = [a for a in self._addresses[(host, port)] if not is_public_address(a)]
        if private:
            return (
                f"host {host} resolves to a non-public address ({private[0]}); "
                "set allow_private = true for this source to allow it"
            )
        return None


class HostIndex:
    """Which source a URL belongs to, by the same host rule as the crawl (subdomains
    included, a leading `www.` ignored, an explicit non-default port must match).

    A dictionary lookup per host and parent domain, so matching millions of archived
    URLs (`bevakning import-warc`) against ~600 outlets stays cheap. When two sources
    register the same host, the first in the registry wins.
    """

    def __init__(self, sources: list[Source]):
        self.by_key: dict[tuple[str, int | None], Source] = {}
        for source in sources:
            for key in sorted(source_hosts(source), key=str):
                self.by_key.setdefault(key, source)

    def source_for(self, url: str) -> Source | None:
        """The source whose hosts include this http(s) URL's host, or None."""
        try:
            scheme = urlsplit(url.strip()).scheme.lower()
        except ValueError:
            return None
        key = _host_key(url) if scheme in _DEFAULT_PORTS else None
        if key is None:
            return None
        host, port = key
        labels = host.split(".")
        for i in range(len(labels)):
            found = self.by_key.get((".".join(labels[i:]), port))
            if found is not None:
                return found
        return None
