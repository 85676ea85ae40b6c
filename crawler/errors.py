"""Why a request failed, in a few words a person can act on.

Every error the crawl counts gets a cause ("DNS lookup failed", "HTTP 404",
"robots.txt answered HTTP 503"), stored per source and run, and summed into
one line per cause at the end of `bevakning crawl`.
"""

from __future__ import annotations

from typing import Any

from scrapy.exceptions import IgnoreRequest

DNS = "DNS lookup failed"
REFUSED = "connection refused"
TIMEOUT = "timeout"


class RobotsBlocked(IgnoreRequest):
    """A request robots.txt keeps us from, with the reason.

    `whole_site` is true when nothing on the host may be fetched: its robots.txt
    says `Disallow: /`, or could not be read (5xx, timeout, no answer), which
    RFC 9309 says to treat as a complete disallow.
    """

    def __init__(self, cause: str, *, whole_site: bool, status: str = "robots"):
        super().__init__(cause)
        self.cause = cause
        self.whole_site = whole_site
        self.status = status


def network_cause(exc: BaseException) -> str | None:
    """A short cause for a network failure, or None when it is not one."""
    from scrapy.exceptions import (
        CannotResolveHostError,
        DownloadConnectionRefusedError,
        DownloadTimeoutError,
    )
    from twisted.internet import error as tw

    if isinstance(exc, CannotResolveHostError | tw.DNSLookupError):
        return DNS
    if isinstance(exc, DownloadConnectionRefusedError | tw.ConnectionRefusedError):
        return REFUSED
    if isinstance(exc, DownloadTimeoutError | tw.TimeoutError | tw.TCPTimedOutError | TimeoutError):
        return TIMEOUT
    if isinstance(exc, tw.ConnectError | tw.ConnectionLost | ConnectionError):
        return f"connection failed ({type(exc).__name__})"
    return None


def failure_cause(failure: Any) -> tuple[str, str]:
    """(cause, source_health status) for a failed request's Twisted Failure."""
    from scrapy.spidermiddlewares.httperror import HttpError

    exc = failure.value
    if isinstance(exc, RobotsBlocked):
        return exc.cause, exc.status
    if isinstance(exc, HttpError):
        return f"HTTP {exc.response.status}", "http_error"
    if cause := network_cause(exc):
        return cause, "network_error"
    message = str(exc).splitlines()[0][:80] if str(exc) else ""
    name = type(exc).__name__
    return (f"{name}: {message}" if message else name), "network_error"
