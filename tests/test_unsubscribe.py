"""The digest's unsubscribe link and List-Unsubscribe header, and Datasette's /-/avregistrera.

A real SMTP server (aiosmtpd on loopback) receives the digest; a real
Datasette on the same SQLite file ends the subscription the link names.
"""

from __future__ import annotations

import asyncio
import sqlite3
from pathlib import Path
from urllib.parse import parse_qs, urlparse

import pytest
from conftest import run_cli
from test_digest import STANDARD_SUBS, _plain, add_subs, build_db, digest_cli

from bevakning.web import make_datasette
from digest.unsubscribe import make_token, verify_token

SECRET = "test-digest-secret-1234"


def _active(db_path: Path) -> dict[str, int]:
    with sqlite3.connect(db_path) as conn:
        return dict(conn.execute("select email, active from subscriptions"))


def _ids(db_path: Path) -> dict[str, int]:
    with sqlite3.connect(db_path) as conn:
        return dict(conn.execute("select email, id from subscriptions"))


def test_token_names_one_subscription_and_cannot_be_altered() -> None:
    token = make_token(7, SECRET)
    assert verify_token(token, SECRET) == 7
    assert verify_token(token.replace("7.", "8.", 1), SECRET) is None
    assert verify_token(token, "another-secret") is None
    for bad in ("", "7", "7.", "x.abc", token[:-1], token + "0"):
        assert verify_token(bad, SECRET) is None


def test_digest_carries_unsubscribe_link_and_header(db_path: Path, smtp_server) -> None:
    build_db(db_path)
    add_subs(db_path, *STANDARD_SUBS)
    server = smtp_server()
    env = server.env(
        BEVAKNING_DATASETTE_URL="https://data.example.se/", BEVAKNING_DIGEST_SECRET=SECRET
    )
    result = digest_cli(db_path, "--send", env=env)
    assert result.returncode == 0, result.stderr
    ids = _ids(db_path)
    by = {m["To"].addresses[0].addr_spec: m for m in server.messages}
    assert len(by) == 4
    for email, msg in by.items():
        token = make_token(ids[email], SECRET)
        link = f"https://data.example.se/-/avregistrera?token={token}"
        header = str(msg["List-Unsubscribe"])
        assert header == f"<{link}>, <mailto:bevakning@example.org?subject=avregistrera%20{token}>"
        assert str(msg["List-Unsubscribe-Post"]) == "List-Unsubscribe=One-Click"
        assert f"Avsluta prenumerationen: {link}" in _plain(msg)
        html = msg.get_body(("html",)).get_content()
        assert link.replace("&", "&amp;") in html and "Avsluta prenumerationen</a>" in html


def test_link_ends_exactly_that_subscription(db_path: Path, monkeypatch) -> None:
    build_db(db_path)
    add_subs(db_path, *STANDARD_SUBS)
    monkeypatch.setenv("BEVAKNING_DIGEST_SECRET", SECRET)
    ids = _ids(db_path)
    token = make_token(ids["orebro@example.org"], SECRET)
    ds = make_datasette(db_path, environ={})

    confirm = asyncio.run(ds.client.get(f"/-/avregistrera?token={token}"))
    assert confirm.status_code == 200 and "Avsluta prenumerationen" in confirm.text
    assert all(v == 1 for v in _active(db_path).values()), "a GET (link scanner) changes nothing"

    forged = make_token(ids["alla@example.org"], "wrong-secret")
    bad = asyncio.run(ds.client.post("/-/avregistrera", data={"token": forged}))
    assert bad.status_code == 400 and "ogiltig" in bad.text
    assert all(v == 1 for v in _active(db_path).values())

    # The mail client's one-click POST (RFC 8058) carries the token in the URL, no CSRF token.
    done = asyncio.run(
        ds.client.post(f"/-/avregistrera?token={token}", data={"List-Unsubscribe": "One-Click"})
    )
    assert done.status_code == 200 and "inte fler veckobrev" in done.text
    active = _active(db_path)
    assert active.pop("orebro@example.org") == 0
    assert all(v == 1 for v in active.values()), "only the named subscription ends"


def test_without_a_digest_secret_the_databases_signing_secret_is_shared(
    db_path: Path, smtp_server, monkeypatch
) -> None:
    """`bevakning digest` and `bevakning serve` on one database agree with no setting at all."""
    monkeypatch.delenv("BEVAKNING_DIGEST_SECRET", raising=False)
    monkeypatch.delenv("BEVAKNING_SECRET", raising=False)
    build_db(db_path)
    add_subs(db_path, ["--email", "alla@example.org"])
    server = smtp_server()
    result = digest_cli(db_path, "--send", env=server.env(BEVAKNING_DATASETTE_URL="http://x.se"))
    assert result.returncode == 0, result.stderr
    header = str(server.messages[0]["List-Unsubscribe"])
    token = parse_qs(urlparse(header.split(">")[0].lstrip("<")).query)["token"][0]
    ds = make_datasette(db_path, environ={})
    done = asyncio.run(ds.client.post("/-/avregistrera", data={"token": token}))
    assert done.status_code == 200, done.text
    assert _active(db_path) == {"alla@example.org": 0}


@pytest.mark.parametrize("token", ["", "abc", "1.00000000000000000000000000000000"])
def test_bad_links_get_a_swedish_explanation(db_path: Path, token: str, monkeypatch) -> None:
    build_db(db_path)
    monkeypatch.setenv("BEVAKNING_DIGEST_SECRET", SECRET)
    ds = make_datasette(db_path, environ={})
    r = asyncio.run(ds.client.get(f"/-/avregistrera?token={token}"))
    assert r.status_code == 400 and "Länken är ogiltig" in r.text


def test_cli_removes_by_token(db_path: Path) -> None:
    """Staff answering a mailto: unsubscribe paste the token from its subject."""
    build_db(db_path)
    add_subs(db_path, *STANDARD_SUBS)
    token = make_token(_ids(db_path)["rus@example.org"], SECRET)
    env = {"BEVAKNING_DIGEST_SECRET": SECRET}
    forged = run_cli(
        "subscribers", "remove", "--db", str(db_path), "--token", token[:-1] + "x", env=env
    )
    assert forged.returncode == 2 and "invalid unsubscribe token" in forged.stderr
    r = run_cli("subscribers", "remove", "--db", str(db_path), "--token", token, env=env)
    assert r.returncode == 0, r.stderr
    assert "rus@example.org" in r.stdout
    assert [e for e, a in _active(db_path).items() if a == 0] == ["rus@example.org"]
