"""Reviewer accounts against real Datasette servers: secrets, throttling, sessions, admin role.

Each test starts uvicorn on a free 127.0.0.1 port in a thread (restarts are real
restarts on the same database file) and talks to it with httpx, cookies and CSRF
tokens as a browser would.
"""

from __future__ import annotations

import asyncio
import re
import socket
import sqlite3
import statistics
import threading
import time
from collections.abc import Iterator
from contextlib import contextmanager
from pathlib import Path

import httpx
import pytest
from test_datasette import populate

from bevakning.reviewer_auth import AuthConfigError, hash_password
from bevakning.web import load_metadata, make_datasette

# Unusual names, so a hit in a page cannot be a coincidence.
REVIEWER, ADMIN = "ylva-granskar", "ozzy-admin"
PASSWORD, ADMIN_PASSWORD = "rätt-häst-batteri-häfta", "admins-eget-lösen"
EMAIL = "kalle.prenumerant@example.se"
CHEAP = 1_000  # iterations for hashes whose cost the test does not study


def _hash(password: str, iterations: int = CHEAP) -> str:
    return hash_password(password, iterations=iterations)


REVIEWER_HASH, ADMIN_HASH = _hash(PASSWORD), _hash(ADMIN_PASSWORD)


def _env(**extra: str) -> dict[str, str]:
    env = {
        "BEVAKNING_REVIEWER": REVIEWER,
        "BEVAKNING_REVIEWER_PASSWORD_HASH": REVIEWER_HASH,
        f"BEVAKNING_PASSWORD_HASH_{ADMIN.upper()}": ADMIN_HASH,
        "BEVAKNING_ADMINS": ADMIN,
    }
    env.update(extra)
    return {k: v for k, v in env.items() if v}


@pytest.fixture
def db(tmp_path: Path) -> Path:
    path = tmp_path / "bevakning.db"
    populate(path)
    with sqlite3.connect(path) as conn:
        conn.execute("insert into subscriptions (email, name) values (?, 'Kalle')", [EMAIL])
        conn.execute("create view mottagarlista as select email from subscriptions")
    return path


def _free_port() -> int:
    with socket.socket() as s:
        s.bind(("127.0.0.1", 0))
        return s.getsockname()[1]


@contextmanager
def running(path: Path, env: dict[str, str], metadata: dict | None = None) -> Iterator[str]:
    """A real Datasette server (as `bevakning serve` builds it) until the block ends."""
    import uvicorn

    ds = make_datasette(path, environ=env, metadata=metadata)
    port = _free_port()
    srv = uvicorn.Server(uvicorn.Config(ds.app(), host="127.0.0.1", port=port, log_level="error"))
    thread = threading.Thread(target=srv.run, daemon=True)
    thread.start()
    deadline = time.monotonic() + 20
    while not srv.started:
        assert time.monotonic() < deadline, "Datasette did not start"
        time.sleep(0.02)
    try:
        yield f"http://127.0.0.1:{port}"
    finally:
        srv.should_exit = True
        thread.join(10)


def _csrf(html: str) -> str:
    match = re.search(r'name="csrftoken" value="([^"]+)"', html)
    assert match, "form has no CSRF token"
    return match.group(1)


def _login(client: httpx.Client, user: str, password: str, **headers: str) -> httpx.Response:
    token = _csrf(client.get("/-/login").text)
    return client.post(
        "/-/login",
        data={"username": user, "password": password, "csrftoken": token},
        headers=headers,
    )


def _actor(base: str, cookie: str | None) -> dict | None:
    cookies = {"ds_actor": cookie} if cookie else {}
    return httpx.get(f"{base}/-/actor.json", cookies=cookies).json()["actor"]


def _reviews(path: Path) -> int:
    with sqlite3.connect(path) as conn:
        return conn.execute("select count(*) from reviews").fetchone()[0]


def _try_review(base: str, cookie: str) -> int:
    """Post a verdict with a replayed cookie; the status code the server answers."""
    with httpx.Client(base_url=base, cookies={"ds_actor": cookie}) as client:
        form = client.get("/bevakning/granska")
        token = _csrf(form.text if form.status_code == 200 else client.get("/-/login").text)
        data = {"statement_id": "1", "verdict": "incorrect", "comment": "", "csrftoken": token}
        return client.post("/bevakning/granska", data=data).status_code


SQL_EMAILS = "/bevakning.json?sql=select+email+from+subscriptions&_shape=array"

# Every /-/ page Datasette 0.65 has, plus the pages a visitor starts from.
PAGES = [
    "/-/metadata.json",
    "/-/metadata",
    "/-/settings.json",
    "/-/config.json",
    "/-/plugins.json",
    "/-/versions.json",
    "/-/databases.json",
    "/-/threads.json",
    "/-/actor.json",
    "/-/permissions",
    "/-/allow-debug",
    "/-/messages",
    "/-/login",
    "/-/logout",
    "/",
    "/bevakning",
    "/bevakning.json",
]


def test_no_reviewer_secret_on_any_page(db: Path) -> None:
    """The hashes (salt and digest too) appear nowhere; account names not to visitors."""
    secrets_ = set()
    for encoded in (REVIEWER_HASH, ADMIN_HASH):
        secrets_ |= {encoded, *encoded.split("$")[2:]}
    ds = make_datasette(db, environ=_env())
    for page in PAGES:  # in process, anonymous
        text = asyncio.run(ds.client.get(page)).text
        for secret in secrets_ | {REVIEWER, ADMIN}:
            assert secret not in text, f"{page} shows {secret}"
    with running(db, _env()) as base, httpx.Client(base_url=base) as client:
        assert _login(client, REVIEWER, PASSWORD).status_code == 302
        for page in PAGES:  # as a signed-in reviewer
            text = client.get(page).text
            for secret in secrets_ | {ADMIN}:
                assert secret not in text, f"{page} shows {secret} to a reviewer"
        assert client.get("/-/actor.json").json()["actor"] == {
            "id": REVIEWER,
            "roles": ["reviewer"],
        }


def test_wrong_logins_are_throttled_and_hashing_leaves_other_requests_fast(db: Path) -> None:
    """Five wrong guesses hash in threads while ordinary pages stay fast; then 429."""
    slow = _hash(PASSWORD, iterations=1_000_000)  # ~0.5 s per check: a blocked loop would show
    with running(db, _env(BEVAKNING_REVIEWER_PASSWORD_HASH=slow)) as base:
        clients = [httpx.Client(base_url=base, timeout=60) for _ in range(5)]
        tokens = [_csrf(c.get("/-/login").text) for c in clients]
        answers: list[int] = []

        def guess(client: httpx.Client, token: str) -> None:
            data = {"username": REVIEWER, "password": "fel", "csrftoken": token}
            answers.append(client.post("/-/login", data=data).status_code)

        threads = [
            threading.Thread(target=guess, args=ct) for ct in zip(clients, tokens, strict=True)
        ]
        for t in threads:
            t.start()
        time.sleep(0.2)  # the guesses are hashing now, one after another (2.5 s or more)
        timings: list[float] = []

        def ordinary() -> None:
            started = time.perf_counter()
            assert httpx.get(f"{base}/bevakning/statements.json?_size=5").status_code == 200
            timings.append(time.perf_counter() - started)

        # Five visitors, 0.1 s apart, each timing its own request.
        visitors = [threading.Thread(target=ordinary) for _ in range(5)]
        for v in visitors:
            v.start()
            time.sleep(0.1)
        busy = any(t.is_alive() for t in threads)
        for v in visitors:
            v.join(60)
        for t in threads:
            t.join(60)
        assert len(timings) == 5
        assert statistics.median(timings) < 0.5, f"other requests slowed: {timings}"
        assert busy, "the guesses ended before the timing: the test measured nothing"
        assert sorted(answers) == [200] * 5, answers

        # The sixth attempt, even with the right password, is refused without hashing.
        with httpx.Client(base_url=base) as client:
            refused = _login(client, REVIEWER, PASSWORD)
            assert refused.status_code == 429
            assert "För många misslyckade inloggningar" in refused.text
            assert int(refused.headers["Retry-After"]) >= 1
            assert "ds_actor" not in client.cookies
        for c in clients:
            c.close()


def test_throttle_counts_per_account_and_per_address_and_lifts(db: Path) -> None:
    env = _env(BEVAKNING_LOGIN_MAX_FAILURES="3", BEVAKNING_LOGIN_LOCKOUT_SECONDS="1")
    with running(db, env) as base:
        here = httpx.Client(base_url=base)
        there = httpx.Client(
            base_url=base, transport=httpx.HTTPTransport(local_address="127.0.0.2")
        )
        # Three wrong guesses at the reviewer from 127.0.0.1 lock the account...
        assert [_login(here, REVIEWER, "fel").status_code for _ in range(3)] == [200] * 3
        assert _login(there, REVIEWER, PASSWORD).status_code == 429, "account lock"
        # ... and the address, whatever account it tries next.
        assert _login(here, ADMIN, ADMIN_PASSWORD).status_code == 429, "address lock"
        # Another address and another account are not affected.
        assert _login(there, ADMIN, ADMIN_PASSWORD).status_code == 302
        time.sleep(1.1)  # the lock lifts
        assert _login(here, REVIEWER, PASSWORD).status_code == 302
        # One more failure after the lock doubles the wait (2 s, not 1).
        assert [_login(there, "okänd", "fel").status_code for _ in range(3)] == [200] * 3
        time.sleep(1.1)
        assert _login(there, "okänd", "fel").status_code == 200
        refused = _login(there, ADMIN, ADMIN_PASSWORD)
        assert refused.status_code == 429 and refused.headers["Retry-After"] == "2"
        here.close()
        there.close()


def _session_cookie_header(response: httpx.Response) -> str:
    (header,) = [h for h in response.headers.get_list("set-cookie") if h.startswith("ds_actor=")]
    return header.lower() + ";"


def test_session_cookie_flags_and_expiry(db: Path) -> None:
    env = _env(BEVAKNING_SESSION_HOURS="0.0006")  # 2.16 s
    with running(db, env) as base:
        with httpx.Client(base_url=base) as client:
            response = _login(client, REVIEWER, PASSWORD)
            cookie_header = _session_cookie_header(response)
            assert "httponly" in cookie_header and "samesite=lax" in cookie_header
            assert "max-age=2;" in cookie_header and "secure" not in cookie_header
            cookie = client.cookies["ds_actor"]
        with httpx.Client(base_url=base) as client:
            behind_proxy = _login(client, REVIEWER, PASSWORD, **{"X-Forwarded-Proto": "https"})
            assert "secure" in _session_cookie_header(behind_proxy)
        assert _actor(base, cookie)["id"] == REVIEWER
        time.sleep(2.5)
        assert _actor(base, cookie) is None, "an expired session still works"
        assert _try_review(base, cookie) == 403
    assert _reviews(db) == 0


def test_logout_revokes_the_cookie(db: Path) -> None:
    with running(db, _env()) as base:
        with httpx.Client(base_url=base) as client:
            _login(client, ADMIN, ADMIN_PASSWORD)
            cookie = client.cookies["ds_actor"]
            assert client.get(SQL_EMAILS).status_code == 200
            token = _csrf(client.get("/-/logout").text)
            out = client.post("/-/logout", data={"csrftoken": token})
            assert out.status_code == 302
        # Replaying the cookie after logout (a copy kept by an attacker) gets nothing.
        assert _actor(base, cookie) is None
        assert httpx.get(base + SQL_EMAILS, cookies={"ds_actor": cookie}).status_code == 403
        assert _try_review(base, cookie) == 403
    assert _reviews(db) == 0


def test_removed_account_and_new_password_end_sessions_across_restarts(db: Path) -> None:
    with running(db, _env()) as base:
        cookies = {}
        for user, password in ((REVIEWER, PASSWORD), (ADMIN, ADMIN_PASSWORD)):
            with httpx.Client(base_url=base) as client:
                assert _login(client, user, password).status_code == 302
                cookies[user] = client.cookies["ds_actor"]
        assert _actor(base, cookies[ADMIN])["roles"] == ["reviewer", "admin"]
    # Restart without the admin's account: the reviewer's session survives the restart.
    without_admin = _env(**{f"BEVAKNING_PASSWORD_HASH_{ADMIN.upper()}": ""})
    with running(db, without_admin) as base:
        assert _actor(base, cookies[REVIEWER])["id"] == REVIEWER
        assert _actor(base, cookies[ADMIN]) is None
        assert httpx.get(base + SQL_EMAILS, cookies={"ds_actor": cookies[ADMIN]}).status_code == 403
        assert _try_review(base, cookies[ADMIN]) == 403
        assert _try_review(base, cookies[REVIEWER]) == 302, "a live session still reviews"
    assert _reviews(db) == 1
    # Restart with a new password for the reviewer: the old session ends.
    with running(db, _env(BEVAKNING_REVIEWER_PASSWORD_HASH=_hash("nytt-lösen"))) as base:
        assert _actor(base, cookies[REVIEWER]) is None


def test_old_style_actor_cookie_is_ignored(db: Path) -> None:
    """datasette-auth-passwords' cookies ({"a": actor}, no expiry) must not log anyone in."""
    legacy = make_datasette(db, environ=_env()).sign({"a": {"id": ADMIN}}, "actor")
    with running(db, _env()) as base:
        assert _actor(base, legacy) is None
        assert httpx.get(base + SQL_EMAILS, cookies={"ds_actor": legacy}).status_code == 403


def test_only_admins_reach_subscriber_data(db: Path) -> None:
    metadata = load_metadata()
    queries = metadata["databases"]["bevakning"]["queries"]
    queries["mottagare"] = {"title": "Mottagare", "sql": "select email from subscriptions"}
    # Even a metadata allow block letting every signed-in actor in does not open it.
    metadata["databases"]["bevakning"]["tables"]["subscriptions"]["allow"] = {"id": "*"}
    restricted = [
        "/bevakning/subscriptions",
        "/bevakning/subscriptions/1",
        "/bevakning/subscriptions.json",
        "/bevakning/digest_log",
        "/bevakning/reviewer_sessions",
        "/bevakning/mottagarlista",
        "/bevakning/mottagare",
        SQL_EMAILS,
        "/bevakning.json?sql=select+1",
        "/bevakning/statements.json?_where=id+in+(select+id+from+subscriptions)",
    ]
    with running(db, _env(), metadata=metadata) as base:
        with httpx.Client(base_url=base) as reviewer:
            _login(reviewer, REVIEWER, PASSWORD)
            for page in restricted:
                response = reviewer.get(page)
                assert response.status_code == 403, page
                assert EMAIL not in response.text, page
            for page in ("/bevakning", "/bevakning/statements", "/bevakning/senaste_flaggade"):
                response = reviewer.get(page)
                assert response.status_code == 200 and EMAIL not in response.text, page
            assert "subscriptions" not in reviewer.get("/bevakning").text
        with httpx.Client(base_url=base) as admin:
            _login(admin, ADMIN, ADMIN_PASSWORD)
            assert admin.get(SQL_EMAILS).json() == [{"email": EMAIL}]
            for page in restricted[:7]:
                assert admin.get(page).status_code == 200, page
            assert EMAIL in admin.get("/bevakning/mottagare").text


@pytest.mark.parametrize(
    "env,message",
    [
        ({"BEVAKNING_REVIEWER_PASSWORD_HASH": "hemligt"}, "bevakning reviewer-hash"),
        ({"BEVAKNING_PASSWORD_HASH_ERIK": "pbkdf2_sha256$x$salt$abc"}, "'erik'"),
        ({"BEVAKNING_SESSION_HOURS": "tolv"}, "BEVAKNING_SESSION_HOURS"),
        ({"BEVAKNING_LOGIN_MAX_FAILURES": "0"}, "BEVAKNING_LOGIN_MAX_FAILURES"),
    ],
)
def test_bad_settings_are_refused_at_startup(tmp_path: Path, env: dict, message: str) -> None:
    with pytest.raises(AuthConfigError, match=re.escape(message)):
        make_datasette(tmp_path / "x.db", environ=env)
