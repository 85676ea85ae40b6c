"""Datasette plugin: reviewer login, server-side sessions, login throttling and the admin role.

Replaces datasette-auth-passwords, which kept the password hashes in the plugin
configuration (published by ``/-/metadata.json``), issued ``ds_actor`` cookies that
never expired and survived logout, verified hashes on the event loop and had no
limit on wrong guesses.

Everything secret lives in an ``AuthState`` attached to the Datasette instance by
``configure`` (from the environment, see ``AuthConfig.from_env``); Datasette never
sees it as metadata, settings or plugin configuration, so no ``/-/`` page can show it.

The ``ds_actor`` cookie carries only a random session token, signed under our own
namespace. The token's SHA-256 is a row in ``reviewer_sessions`` (migration 0011);
every request looks it up, so expiry, logout, a removed account and a changed
password all end the session, restarts included. Datasette's own ``ds_actor``
format (what datasette-auth-passwords issued, with no expiry) is stripped from
requests before Datasette reads it.
"""

from __future__ import annotations

import asyncio
import base64
import hashlib
import hmac
import re
import secrets
import time
from collections.abc import Iterable, Mapping
from concurrent.futures import ThreadPoolExecutor
from dataclasses import dataclass, field
from datetime import UTC, datetime, timedelta
from http.cookies import SimpleCookie
from typing import Any

from datasette import hookimpl
from datasette.utils.asgi import Response
from itsdangerous import BadSignature

ALGORITHM = "pbkdf2_sha256"
ITERATIONS = 480_000  # datasette-auth-passwords' default: existing hashes keep working
COOKIE = "ds_actor"  # the name Datasette's menu looks for to offer "Log out"
NAMESPACE = "bevakning-session"  # not Datasette's "actor": its own cookie reader rejects ours
SESSIONS_TABLE = "reviewer_sessions"
# Tables (and views or canned queries reading them) that only admins may see:
# subscribers' e-mail addresses, what was sent to them, and the session table.
RESTRICTED_TABLES = frozenset({"subscriptions", "digest_log", SESSIONS_TABLE})
_RESTRICTED_RE = re.compile(r"\b(" + "|".join(sorted(RESTRICTED_TABLES)) + r")\b", re.IGNORECASE)
ADMIN_ROLE = "admin"
REVIEWER_ROLE = "reviewer"

ADMINS_ENV = "BEVAKNING_ADMINS"
SESSION_HOURS_ENV = "BEVAKNING_SESSION_HOURS"
MAX_FAILURES_ENV = "BEVAKNING_LOGIN_MAX_FAILURES"
LOCKOUT_ENV = "BEVAKNING_LOGIN_LOCKOUT_SECONDS"
COOKIE_SECURE_ENV = "BEVAKNING_COOKIE_SECURE"

TOO_MANY = "För många misslyckade inloggningar. Försök igen om {seconds} sekunder."
WRONG = "Fel användarnamn eller lösenord."
NO_ACCOUNTS = "Inga granskarkonton är inställda på den här servern."
NO_TABLE = "Inloggningen fungerar inte: databasen saknar tabellen reviewer_sessions (kör migreringarna med bevakning serve)."

# Hashing is CPU work (~0.3 s); one thread at a time, so a flood of logins cannot take
# the cores from other requests, and never on the event loop, so other requests are not held up.
_HASH_POOL = ThreadPoolExecutor(max_workers=1, thread_name_prefix="bevakning-login")
# Verifying unknown names against a real hash takes as long as a known name: timing
# does not tell which accounts exist.
_DUMMY_HASH: str | None = None


def hash_password(password: str, *, salt: str | None = None, iterations: int = ITERATIONS) -> str:
    """A PBKDF2-SHA256 hash, ``pbkdf2_sha256$iterations$salt$base64`` (Django's and
    datasette-auth-passwords' format, so hashes made before keep working)."""
    salt = salt or secrets.token_hex(16)
    if "$" in salt:
        raise ValueError("salt must not contain '$'")
    digest = hashlib.pbkdf2_hmac("sha256", password.encode("utf-8"), salt.encode(), iterations)
    return f"{ALGORITHM}${iterations}${salt}${base64.b64encode(digest).decode('ascii')}"


def parse_hash(encoded: str) -> tuple[int, str, bytes] | None:
    """(iterations, salt, digest) of a well-formed hash, else None."""
    parts = encoded.strip().split("$")
    if len(parts) != 4 or parts[0] != ALGORITHM or not parts[1].isdigit() or not parts[2]:
        return None
    try:
        digest = base64.b64decode(parts[3], validate=True)
    except ValueError:
        return None
    iterations = int(parts[1])
    if not 1 <= iterations <= 50_000_000 or len(digest) != 32:
        return None
    return iterations, parts[2], digest


def verify_password(password: str, encoded: str) -> bool:
    """True when ``password`` matches ``encoded``; False for a wrong password or a bad hash."""
    parsed = parse_hash(encoded or "")
    if parsed is None:
        return False
    iterations, salt, digest = parsed
    candidate = hashlib.pbkdf2_hmac("sha256", password.encode("utf-8"), salt.encode(), iterations)
    return hmac.compare_digest(candidate, digest)


def _hash_key(encoded: str) -> str:
    """A short fingerprint of an account's hash: a new password ends the old sessions."""
    return hashlib.sha256(encoded.strip().encode()).hexdigest()[:16]


def _token_hash(token: str) -> str:
    return hashlib.sha256(token.encode()).hexdigest()


class AuthConfigError(ValueError):
    """A reviewer setting in the environment that cannot be used (bad hash or number)."""


def _number(environ: Mapping[str, str], name: str, default: float, minimum: float) -> float:
    raw = environ.get(name, "").strip()
    if not raw:
        return default
    try:
        value = float(raw)
    except ValueError:
        value = float("nan")
    if not value >= minimum:  # also catches NaN
        raise AuthConfigError(f"{name}={raw!r}: expected a number of at least {minimum:g}")
    return value


@dataclass(frozen=True)
class AuthConfig:
    """Accounts, admins and session/throttle settings, read once at startup."""

    accounts: dict[str, str]
    admins: frozenset[str] = frozenset()
    session_seconds: float = 12 * 3600
    max_failures: int = 5
    lockout_seconds: float = 60.0
    lockout_max_seconds: float = 900.0
    cookie_secure: bool | None = None  # None: Secure when the request came over HTTPS

    @classmethod
    def from_env(cls, accounts: dict[str, str], environ: Mapping[str, str]) -> AuthConfig:
        """Settings from the environment; a malformed hash or number is a clear error."""
        for name, encoded in accounts.items():
            if parse_hash(encoded) is None:
                raise AuthConfigError(
                    f"the password hash for reviewer {name!r} is not a {ALGORITHM} hash; "
                    "make one with `bevakning reviewer-hash`"
                )
        admins = frozenset(a.strip() for a in environ.get(ADMINS_ENV, "").split(",") if a.strip())
        secure_raw = environ.get(COOKIE_SECURE_ENV, "").strip().lower()
        if secure_raw not in ("", "1", "0", "true", "false", "yes", "no"):
            raise AuthConfigError(f"{COOKIE_SECURE_ENV}={secure_raw!r}: expected 1 or 0")
        lockout = _number(environ, LOCKOUT_ENV, 60.0, 0.01)
        return cls(
            accounts=dict(accounts),
            admins=admins,
            session_seconds=_number(environ, SESSION_HOURS_ENV, 12.0, 0.0001) * 3600,
            max_failures=int(_number(environ, MAX_FAILURES_ENV, 5, 1)),
            lockout_seconds=lockout,
            lockout_max_seconds=max(900.0, lockout),
            cookie_secure=None if not secure_raw else secure_raw in ("1", "true", "yes"),
        )


class LoginThrottle:
    """Counts failed logins per key (account, client address); after ``max_failures``
    the key is locked for ``base`` seconds, doubling with each further failure up to
    ``cap``. An attempt is counted *before* its hash is checked, so a burst of
    concurrent guesses cannot slip past the limit while the first ones are hashing."""

    FORGET_AFTER = 900.0  # failures older than this (after any lock) are forgotten
    MAX_KEYS = 10_000

    def __init__(self, max_failures: int, base: float, cap: float, clock=time.monotonic) -> None:
        self.max_failures, self.base, self.cap, self.clock = max_failures, base, cap, clock
        # key -> [failures, locked_until, last_failure_at]
        self._entries: dict[tuple[str, str], list[float]] = {}

    def begin(self, keys: Iterable[tuple[str, str]]) -> float:
        """Seconds to wait when any key is locked (nothing counted); else 0 and the
        attempt is counted as a failure until ``succeeded`` says otherwise."""
        now = self.clock()
        keys = list(keys)
        self._forget(now, keys)
        wait = max((self._entries.get(k, [0, 0, 0])[1] - now for k in keys), default=0.0)
        if wait > 0:
            return wait
        for key in keys:
            entry = self._entries.setdefault(key, [0, 0.0, now])
            entry[0] += 1
            entry[2] = now
            if entry[0] >= self.max_failures:
                extra = int(entry[0] - self.max_failures)
                entry[1] = now + min(self.cap, self.base * 2 ** min(extra, 30))
        return 0.0

    def succeeded(
        self, account_key: tuple[str, str], other_keys: Iterable[tuple[str, str]]
    ) -> None:
        """A right password clears the account's count; the address keeps its earlier
        failures (a valid account must not wipe the record of guesses at others)."""
        self._entries.pop(account_key, None)
        for key in other_keys:
            entry = self._entries.get(key)
            if entry:
                entry[0] -= 1
                if entry[0] < self.max_failures:
                    entry[1] = 0.0

    def _forget(self, now: float, keys: list[tuple[str, str]]) -> None:
        def stale(entry: list[float]) -> bool:
            return now > max(entry[1], entry[2]) + self.FORGET_AFTER

        for key in keys:
            if key in self._entries and stale(self._entries[key]):
                del self._entries[key]
        if len(self._entries) >= self.MAX_KEYS:
            for key, entry in list(self._entries.items()):
                if stale(entry):
                    del self._entries[key]


@dataclass
class AuthState:
    """What one Datasette instance knows about its reviewers (never published)."""

    config: AuthConfig
    database: str
    throttle: LoginThrottle = field(init=False)

    def __post_init__(self) -> None:
        c = self.config
        self.throttle = LoginThrottle(c.max_failures, c.lockout_seconds, c.lockout_max_seconds)


def configure(datasette: Any, config: AuthConfig, database: str) -> None:
    """Attach reviewer accounts and settings to ``datasette`` (an attribute, not metadata)."""
    datasette._bevakning_auth = AuthState(config=config, database=database)


def _state(datasette: Any) -> AuthState | None:
    return getattr(datasette, "_bevakning_auth", None)


def _now() -> datetime:
    return datetime.now(UTC)


def _iso(moment: datetime) -> str:
    return moment.strftime("%Y-%m-%dT%H:%M:%SZ")


def _actor(state: AuthState, account: str) -> dict[str, Any]:
    roles = [REVIEWER_ROLE] + ([ADMIN_ROLE] if account in state.config.admins else [])
    return {"id": account, "roles": roles}


def is_admin(datasette: Any, actor: dict | None) -> bool:
    """True for a signed-in account listed in BEVAKNING_ADMINS."""
    state = _state(datasette)
    if state is None or not actor:
        return False
    return actor.get("id") in state.config.admins and ADMIN_ROLE in (actor.get("roles") or [])


def _client_address(request: Any) -> str:
    client = request.scope.get("client")
    return str(client[0]) if client else "unknown"


def _is_https(request: Any, config: AuthConfig) -> bool:
    if config.cookie_secure is not None:
        return config.cookie_secure
    forwarded = (request.headers.get("x-forwarded-proto") or "").split(",")[0].strip().lower()
    return request.scheme == "https" or forwarded == "https"


@hookimpl
def actor_from_request(datasette, request):
    """The account of a live session: known token, not expired, account still configured
    with the same password hash. Anything else is anonymous."""
    state = _state(datasette)
    cookie = request.cookies.get(COOKIE)
    if state is None or not cookie:
        return None

    async def inner():
        try:
            token = datasette.unsign(cookie, NAMESPACE).get("t")
        except (BadSignature, AttributeError):
            return None
        if not isinstance(token, str):
            return None
        try:
            result = await datasette.get_database(state.database).execute(
                f"select account, hash_key, expires_at from {SESSIONS_TABLE} where token_hash = ?",
                [_token_hash(token)],
            )
        except Exception:  # no session table (unmigrated database): nobody is signed in
            return None
        row = result.first()
        if row is None or row["expires_at"] <= _iso(_now()):
            return None
        encoded = state.config.accounts.get(row["account"])
        if encoded is None or _hash_key(encoded) != row["hash_key"]:
            return None
        return _actor(state, row["account"])

    return inner


@hookimpl(trylast=True)
def permission_allowed(datasette, actor, action, resource):
    """Admins only: free SQL, the restricted tables, views and canned queries reading them.

    trylast: Datasette keeps the last non-None answer, so a refusal here overrides
    any metadata ``allow`` block that would let a reviewer in.
    """
    state = _state(datasette)
    if state is None or action not in ("execute-sql", "view-table", "view-query"):
        return None
    if is_admin(datasette, actor):
        return None

    async def inner():
        if action == "execute-sql":
            return False
        database, name = resource
        if action == "view-table":
            if name.lower() in RESTRICTED_TABLES:
                return False
            result = await datasette.get_database(database).execute(
                "select sql from sqlite_master where type = 'view' and name = ?", [name]
            )
            row = result.first()
            return False if row and _RESTRICTED_RE.search(row["sql"] or "") else None
        query = await datasette.get_canned_query(database, name, actor)
        return False if query and _RESTRICTED_RE.search(query.get("sql") or "") else None

    return inner


@hookimpl
def asgi_wrapper(datasette):
    """Drop a ``ds_actor`` cookie that is not one of our session cookies before
    Datasette's own reader sees it: datasette-auth-passwords' cookies never expire."""

    def wrap(app):
        async def strip_foreign_actor(scope, receive, send):
            if scope.get("type") == "http" and _state(datasette) is not None:
                scope = _without_foreign_cookie(scope, datasette)
            await app(scope, receive, send)

        return strip_foreign_actor

    return wrap


def _without_foreign_cookie(scope: dict, datasette: Any) -> dict:
    headers = scope.get("headers") or []
    changed = False
    new_headers = []
    for name, value in headers:
        if name.lower() == b"cookie" and COOKIE.encode() in value:
            kept = []
            for part in value.decode("latin-1").split(";"):
                key, _, val = part.strip().partition("=")
                if key == COOKIE:
                    try:
                        datasette.unsign(SimpleCookie(f"x={val}")["x"].value, NAMESPACE)
                    except Exception:  # bad signature, or not a cookie value at all
                        changed = True
                        continue
                kept.append(part.strip())
            value = "; ".join(kept).encode("latin-1")
        new_headers.append((name, value))
    return dict(scope, headers=new_headers) if changed else scope


async def _render(datasette, request, body: str, title: str, status: int = 200, headers=None):
    template = datasette.jinja_env.from_string(
        '{% extends "base.html" %}{% block title %}' + title + "{% endblock %}"
        "{% block content %}" + body + "{% endblock %}"
    )
    html = await datasette.render_template(template, {}, request=request)
    return Response.html(html, status=status, headers=headers or {})


LOGIN_FORM = """
<h1>Logga in som granskare</h1>
{% if error %}<p class="message-error">{{ error }}</p>{% endif %}
<form class="core" action="{{ urls.path('/-/login') }}" method="post">
  <p><label for="id_username">Användarnamn</label>
     <input id="id_username" type="text" name="username" autocomplete="username"></p>
  <p><label for="id_password">Lösenord</label>
     <input id="id_password" type="password" name="password" autocomplete="current-password"></p>
  <input type="hidden" name="csrftoken" value="{{ csrftoken() }}">
  <p><input type="submit" value="Logga in"></p>
</form>
"""


async def login(request, datasette):
    """GET: the form. POST: throttle, verify off the event loop, open a session."""
    state = _state(datasette)
    if state is None:
        return Response.text("Not found", status=404)
    error, status, headers = None, 200, {}
    if not state.config.accounts:
        error = NO_ACCOUNTS
    elif request.method == "POST":
        post = await request.post_vars()
        username = (post.get("username") or "").strip()[:100]
        password = post.get("password") or ""
        account_key = ("account", username.casefold())
        address_key = ("address", _client_address(request))
        wait = state.throttle.begin([account_key, address_key])
        if wait > 0:
            seconds = max(1, int(wait + 0.999))
            error, status = TOO_MANY.format(seconds=seconds), 429
            headers = {"Retry-After": str(seconds)}
        else:
            encoded = state.config.accounts.get(username)
            ok = await asyncio.get_running_loop().run_in_executor(
                _HASH_POOL, verify_password, password, encoded or _dummy_hash()
            )
            if ok and encoded is not None:
                state.throttle.succeeded(account_key, [address_key])
                try:
                    token = await _open_session(datasette, state, username, encoded)
                except Exception:
                    error, status = NO_TABLE, 500
                else:
                    response = Response.redirect(datasette.urls.instance())
                    response.set_cookie(
                        COOKIE,
                        datasette.sign({"t": token}, NAMESPACE),
                        max_age=int(state.config.session_seconds),
                        httponly=True,
                        samesite="lax",
                        secure=_is_https(request, state.config),
                    )
                    datasette.add_message(request, f"Inloggad som {username}.", datasette.INFO)
                    return response
            else:
                error = WRONG
    template = datasette.jinja_env.from_string(
        '{% extends "base.html" %}{% block title %}Logga in{% endblock %}'
        "{% block content %}" + LOGIN_FORM + "{% endblock %}"
    )
    html = await datasette.render_template(template, {"error": error}, request=request)
    return Response.html(html, status=status, headers=headers)


def _dummy_hash() -> str:
    global _DUMMY_HASH
    if _DUMMY_HASH is None:
        _DUMMY_HASH = hash_password(secrets.token_hex(16))
    return _DUMMY_HASH


async def _open_session(datasette, state: AuthState, account: str, encoded: str) -> str:
    token = secrets.token_urlsafe(32)
    now = _now()
    expires = now + timedelta(seconds=state.config.session_seconds)
    db = datasette.get_database(state.database)
    await db.execute_write(f"delete from {SESSIONS_TABLE} where expires_at <= ?", [_iso(now)])
    await db.execute_write(
        f"insert into {SESSIONS_TABLE} (token_hash, account, hash_key, created_at, expires_at) "
        "values (?, ?, ?, ?, ?)",
        [_token_hash(token), account, _hash_key(encoded), _iso(now), _iso(expires)],
    )
    return token


LOGOUT_FORM = """
<h1>Logga ut</h1>
<p>Du är inloggad som <strong>{{ actor.id }}</strong>.</p>
<form class="core" action="{{ urls.logout() }}" method="post">
  <input type="hidden" name="csrftoken" value="{{ csrftoken() }}">
  <input type="submit" value="Logga ut">
</form>
"""


async def logout(request, datasette):
    """GET: a confirm button. POST: delete the session row, so the cookie is dead everywhere."""
    state = _state(datasette)
    if state is None:
        return Response.text("Not found", status=404)
    if request.method != "POST":
        if not request.actor:
            return Response.redirect(datasette.urls.instance())
        return await _render(datasette, request, LOGOUT_FORM, "Logga ut")
    cookie = request.cookies.get(COOKIE)
    if cookie:
        try:
            token = datasette.unsign(cookie, NAMESPACE).get("t")
        except (BadSignature, AttributeError):
            token = None
        if isinstance(token, str):
            await datasette.get_database(state.database).execute_write(
                f"delete from {SESSIONS_TABLE} where token_hash = ?", [_token_hash(token)]
            )
    response = Response.redirect(datasette.urls.instance())
    response.set_cookie(
        COOKIE,
        "",
        max_age=0,
        expires=0,
        httponly=True,
        samesite="lax",
        secure=_is_https(request, state.config),
    )
    datasette.add_message(request, "Du är utloggad.", datasette.WARNING)
    return response


@hookimpl
def register_routes(datasette):
    """Our /-/login and /-/logout (plugin routes come before Datasette's own)."""
    return [(r"^/-/login$", login), (r"^/-/logout$", logout)]


@hookimpl
def menu_links(datasette, actor):
    """ "Logga in" in the menu for visitors, when this instance has reviewer accounts."""
    state = _state(datasette)
    if actor or state is None or not state.config.accounts:
        return None
    return [{"href": datasette.urls.path("/-/login"), "label": "Logga in"}]
