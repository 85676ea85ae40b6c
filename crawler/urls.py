"""URL normalisation, applied before the known-URL check and before storing.

Two addresses that show the same article (tracking parameters, AMP variants,
a trailing slash, letter case in the host) must map to one key, or the same
article is fetched and stored twice.
"""

from __future__ import annotations

import re
from urllib.parse import parse_qsl, urlencode, urlsplit, urlunsplit

_TRACKING = {
    "fbclid",
    "gclid",
    "gclsrc",
    "dclid",
    "msclkid",
    "yclid",
    "igshid",
    "mc_cid",
    "mc_eid",
    "_ga",
    "_gl",
    "ocid",
    "cmpid",
    "s_cid",
    "ns_source",
    "ns_mchannel",
    "ns_campaign",
    "ref_src",
    "twclid",
    "wt_mc",
    "at_medium",
    "at_campaign",
    "xtor",
}
_TRACKING_PREFIXES = ("utm_", "pk_", "mtm_", "at_")
_AMP_PARAMS = {("amp", "1"), ("amp", "true"), ("amp", ""), ("outputtype", "amp")}
_AMP_PATH = re.compile(r"(/amp)+/?$|^/amp(?=/)", re.IGNORECASE)
_DEFAULT_PORTS = {"http": 80, "https": 443}


def _keep_param(key: str, value: str) -> bool:
    k = key.lower()
    if k in _TRACKING or k.startswith(_TRACKING_PREFIXES):
        return False
    return (k, value.lower()) not in _AMP_PARAMS


def normalise_url(url: str) -> str:
    """The article's key: lower-case scheme and host, no default port, fragment,
    tracking parameters, AMP marker or trailing slash; remaining parameters sorted."""
    parts = urlsplit(url.strip())
    scheme = parts.scheme.lower()
    host = (parts.hostname or "").lower()
    port = parts.port
    netloc = host if port is None or _DEFAULT_PORTS.get(scheme) == port else f"{host}:{port}"
    if parts.username:
        netloc = f"{parts.username}@{netloc}"
    path = re.sub(r"/{2,}", "/", parts.path or "/")
    path = _AMP_PATH.sub("", path) or "/"
    if path.lower().endswith(".amp.html"):
        path = path[: -len(".amp.html")] + ".html"
    if len(path) > 1:
        path = path.rstrip("/") or "/"
    query = [(k, v) for k, v in parse_qsl(parts.query, keep_blank_values=True) if _keep_param(k, v)]
    return urlunsplit((scheme, netloc, path, urlencode(sorted(query)), ""))


def same_site(url: str, other: str) -> bool:
    """Whether two URLs are on the same host, ignoring a leading www."""
    a = (urlsplit(url).hostname or "").removeprefix("www.")
    b = (urlsplit(other).hostname or "").removeprefix("www.")
    return a == b
