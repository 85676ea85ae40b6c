"""Build the Datasette instance that `bevakning serve` and `bevakning demo` run.

Everything Datasette needs comes from here: the metadata (titles, canned
queries, permissions) in datasette_metadata.json, the reviewers' password
hashes from the environment, and a signing secret that survives restarts so
reviewers stay logged in (sessions themselves live in the database, see reviewer_auth).
"""

from __future__ import annotations

import asyncio
import copy
import ipaddress
import json
import os
import re
import secrets
import socket
import time
from pathlib import Path
from typing import Any

PROJECT_ROOT = Path(__file__).resolve().parent.parent
METADATA = PROJECT_ROOT / "datasette_metadata.json"
# The metadata is written for a database called "bevakning"; make_datasette
# re-keys it for whatever the file is called (Datasette names a database by its stem).
METADATA_DB = "bevakning"
DEFAULT_REVIEWER = "granskare"
PASSWORD_HASH_ENV = "BEVAKNING_REVIEWER_PASSWORD_HASH"
REVIEWER_ENV = "BEVAKNING_REVIEWER"
# Further accounts: BEVAKNING_PASSWORD_HASH_<NAME>=<hash> logs in as <name> (lower case).
EXTRA_HASH_PREFIX = "BEVAKNING_PASSWORD_HASH_"
SECRET_ENV = "BEVAKNING_SECRET"


# Datasette's templates with their visible text in Swedish (copied from 0.65.5).
TEMPLATES = Path(__file__).resolve().parent / "templates"


def load_metadata(path: Path = METADATA) -> dict[str, Any]:
    """The project's Datasette metadata (titles, descriptions, canned queries)."""
    return json.loads(path.read_text(encoding="utf-8"))


def metadata_for(db_name: str, metadata: dict[str, Any] | None = None) -> dict[str, Any]:
    """The metadata with its database section and links re-keyed to ``db_name``."""
    meta = copy.deepcopy(metadata if metadata is not None else load_metadata())
    databases = meta.get("databases", {})
    if db_name != METADATA_DB and METADATA_DB in databases:
        databases[db_name] = databases.pop(METADATA_DB)
        for key in ("description_html",):
            if key in meta:
                meta[key] = meta[key].replace(f"/{METADATA_DB}/", f"/{db_name}/")
    return meta


def reviewer_accounts(environ: dict[str, str] | None = None) -> dict[str, str]:
    """Reviewer name → password hash, from the environment only (never from files)."""
    env = os.environ if environ is None else environ
    accounts: dict[str, str] = {}
    if env.get(PASSWORD_HASH_ENV):
        accounts[env.get(REVIEWER_ENV) or DEFAULT_REVIEWER] = env[PASSWORD_HASH_ENV]
    for key, value in env.items():
        if key.startswith(EXTRA_HASH_PREFIX) and value:
            name = key[len(EXTRA_HASH_PREFIX) :].lower()
            if re.fullmatch(r"[a-z0-9_.-]+", name):
                accounts[name] = value
    return accounts


def hash_password(password: str) -> str:
    """A PBKDF2 hash for BEVAKNING_REVIEWER_PASSWORD_HASH (the format
    datasette-auth-passwords used, so existing hashes keep working)."""
    from bevakning.reviewer_auth import hash_password as _hash

    return _hash(password)


def signing_secret(db_path: str | Path) -> str:
    """$BEVAKNING_SECRET, else a random secret kept beside the database (mode 600).

    A stable secret keeps reviewers' login cookies and CSRF tokens valid
    across restarts; a fresh random one per start would log everybody out.
    """
    if os.environ.get(SECRET_ENV):
        return os.environ[SECRET_ENV]
    path = Path(db_path).with_name(Path(db_path).name + ".secret")
    if path.exists():
        return path.read_text(encoding="utf-8").strip()
    secret = secrets.token_hex(32)
    try:
        fd = os.open(path, os.O_WRONLY | os.O_CREAT | os.O_EXCL, 0o600)
    except OSError:
        return secret  # read-only directory: logins last until the server stops
    with os.fdopen(fd, "w", encoding="utf-8") as fh:
        fh.write(secret + "\n")
    return secret


def make_datasette(
    db_path: str | Path,
    *,
    metadata: dict[str, Any] | None = None,
    environ: dict[str, str] | None = None,
) -> Any:
    """A Datasette serving the database read-only for anonymous users, with our metadata.

    Writing (the review form) needs a signed-in reviewer; accounts, admins and
    session settings come from the environment (see reviewer_accounts and
    bevakning.reviewer_auth.AuthConfig) and are handed to our login plugin
    directly, never through metadata or plugin configuration, which Datasette
    publishes at /-/metadata.json. A malformed hash or setting raises ValueError.
    """
    from datasette.app import Datasette
    from datasette.plugins import pm

    from bevakning import (
        column_labels,
        dashboard,
        excel_csv,
        param_check,
        query_links,
        quiet_errors,
        render_evidence,
        review_links,
        reviewer_auth,
        unsubscribe_route,
    )

    env = os.environ if environ is None else environ
    config = reviewer_auth.AuthConfig.from_env(reviewer_accounts(env), env)
    for plugin in (
        review_links,
        reviewer_auth,
        quiet_errors,
        render_evidence,
        param_check,
        excel_csv,
        unsubscribe_route,
        dashboard,
        query_links,
        column_labels,
    ):
        if not pm.is_registered(plugin):
            pm.register(plugin, name=f"bevakning-{plugin.__name__.rsplit('.', 1)[-1]}")
    # datasette-auth-passwords (used before) would publish hashes and issue
    # never-expiring cookies; an environment that still has it installed must not load it.
    for plugin in list(pm.get_plugins()):
        if getattr(plugin, "__name__", "").startswith("datasette_auth_passwords"):
            pm.unregister(plugin)
    db_path = Path(db_path)
    meta = metadata_for(db_path.stem, metadata)
    ds = Datasette(
        files=[str(db_path)],
        template_dir=str(TEMPLATES),
        metadata=meta,
        secret=signing_secret(db_path),
        settings={
            "sql_time_limit_ms": 5000,
            # Facets and facet suggestions scan whole tables: at 3M statements four
            # default facets held a page for 3 s and queued everyone behind it. Big
            # tables get none by default; a facet clicked by hand still stops here.
            "facet_time_limit_ms": 200,
            "suggest_facets": False,
            "truncate_cells_html": 300,
            "default_page_size": 20,
            "allow_download": False,
            "num_sql_threads": 6,
        },
    )
    for database in ds.databases.values():
        cache_table_counts(database)
    reviewer_auth.configure(ds, config, db_path.stem)
    return ds


def cache_table_counts(database: Any, ttl: float = 60.0) -> None:
    """Count each table's rows at most once a minute, for every page that shows counts.

    Datasette counts every table (one query each, in turn) on the home and
    database pages of a database that is being written. Under 20 concurrent
    users each of those ~40 small queries waited in the SQL threads' queue
    behind the others' work, and the home page took 4-5 s at 100k articles.
    Counts a minute old are good enough for a page that says "about N rows".
    Long time limits (inspection, `datasette inspect`) still count afresh.
    """
    original = database.table_counts
    state: dict[str, Any] = {"at": 0.0, "counts": None}
    lock = asyncio.Lock()

    async def table_counts(limit: int = 10) -> dict[str, int | None]:
        if limit > 1000:
            return await original(limit=limit)
        async with lock:
            now = time.monotonic()
            if state["counts"] is None or now - state["at"] > ttl:
                state["counts"] = await original(limit=limit)
                state["at"] = now
            return dict(state["counts"])

    database.table_counts = table_counts


def is_loopback(host: str) -> bool:
    """True for addresses only this machine can reach (127.0.0.0/8, ::1, localhost)."""
    if host == "localhost":
        return True
    try:
        return ipaddress.ip_address(host).is_loopback
    except ValueError:
        try:
            return all(
                ipaddress.ip_address(info[4][0]).is_loopback
                for info in socket.getaddrinfo(host, None)
            )
        except OSError:
            return False


def serve(db_path: str | Path, host: str, port: int, on_ready: Any = None) -> None:
    """Run Datasette with uvicorn until interrupted."""
    import logging

    import uvicorn

    log = logging.getLogger("bevakning.web")
    if not log.handlers:
        handler = logging.StreamHandler()
        handler.setFormatter(logging.Formatter("%(asctime)s %(message)s", "%H:%M:%S"))
        log.addHandler(handler)
        log.setLevel(logging.INFO)
    ds = make_datasette(db_path)
    app = PageCache(ds.app())
    config = uvicorn.Config(app, host=host, port=port, log_level="warning", lifespan="on")
    server = uvicorn.Server(config)
    if on_ready:
        on_ready(f"http://{host}:{port}/")
    server.run()


class PageCache:
    """Serve anonymous readers a copy of a page at most `ttl` seconds old.

    On 2 cores with a crawl and a classification running, the canned queries
    cost 0.3-0.4 s of CPU each at 1M articles, and the home and database pages
    about a hundred small queries each, queued behind other users' work in
    Datasette's SQL threads: at 20 concurrent readers p95 went to several
    seconds. Most readers open the same few pages (this week's conflicts in
    their county), which change only when a crawl or classification writes.
    So an anonymous GET that answers 200 without setting a cookie is kept for
    `ttl` seconds under its full address (path and query string). Signed-in
    users (their menu and permissions differ), pages that set a cookie or hold a
    form's CSRF token, Datasette's own /-/ pages and anything not a GET pass through.
    At most `max_entries` pages of at most `max_bytes` each are kept.
    """

    def __init__(
        self,
        app: Any,
        ttl: float = 30.0,
        max_entries: int = 512,
        max_bytes: int = 2_000_000,
    ) -> None:
        self.app = app
        self.ttl = ttl
        self.max_entries = max_entries
        self.max_bytes = max_bytes
        self._copies: dict[bytes, tuple[float, list[dict[str, Any]]]] = {}
        self._locks: dict[bytes, asyncio.Lock] = {}

    async def __call__(self, scope: dict[str, Any], receive: Any, send: Any) -> None:
        if not self._cacheable(scope):
            await self.app(scope, receive, send)
            return
        key = scope["path"].encode() + b"?" + scope.get("query_string", b"")
        lock = self._locks.setdefault(key, asyncio.Lock())
        async with lock:
            copy_ = self._copies.get(key)
            if copy_ is not None and time.monotonic() - copy_[0] <= self.ttl:
                self._copies[key] = self._copies.pop(key)  # most recently used last
            else:
                messages: list[dict[str, Any]] = []

                async def keep(message: dict[str, Any]) -> None:
                    messages.append(message)

                await self.app(scope, receive, keep)
                if not self._storable(messages):
                    self._copies.pop(key, None)
                    self._locks.pop(key, None)
                    for message in messages:
                        await send(message)
                    return
                copy_ = (time.monotonic(), messages)
                self._copies.pop(key, None)
                self._copies[key] = copy_
                while len(self._copies) > self.max_entries:
                    oldest = next(iter(self._copies))
                    del self._copies[oldest]
                    self._locks.pop(oldest, None)
        for message in copy_[1]:
            await send(message)

    def _cacheable(self, scope: dict[str, Any]) -> bool:
        if scope.get("type") != "http" or scope.get("method") != "GET":
            return False
        if scope.get("path", "").startswith("/-/"):
            return False
        return not any(
            name == b"cookie" and b"ds_actor" in value for name, value in scope.get("headers", [])
        )

    def _storable(self, messages: list[dict[str, Any]]) -> bool:
        start = next((m for m in messages if m["type"] == "http.response.start"), None)
        if start is None or start["status"] != 200:
            return False
        if any(name.lower() == b"set-cookie" for name, _ in start.get("headers", [])):
            return False
        body = b"".join(m.get("body", b"") for m in messages if m["type"] == "http.response.body")
        # A form carries the visitor's own CSRF token: never hand it to someone else.
        return len(body) <= self.max_bytes and b"csrftoken" not in body
