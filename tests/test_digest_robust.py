"""The digest under faults: concurrent runs, bad stored rows, bookkeeping that fails after
the server's 250, and recipients the server keeps refusing. Real processes, a real SQLite
file and aiosmtpd on loopback, as in test_digest.py."""

from __future__ import annotations

import asyncio
import os
import sqlite3
import subprocess
import sys
from pathlib import Path

import pytest
from conftest import BEVAKNING
from test_digest import WEEK, add_subs, build_db, digest_cli, invoke, log_rows

from db import open_db


def _slow_server(server, seconds: float) -> None:
    """The server takes `seconds` per message, so that two runs overlap for certain."""
    accept = server.handler.handle_DATA

    async def slow(srv, session, envelope):
        await asyncio.sleep(seconds)
        return await accept(srv, session, envelope)

    server.handler.handle_DATA = slow


def _sql(db_path: Path, script: str) -> None:
    """Change the database from a process of its own, as staff or another tool would."""
    code = "import sqlite3, sys; c = sqlite3.connect(sys.argv[1]); c.executescript(sys.argv[2]); c.close()"
    subprocess.run([sys.executable, "-c", code, str(db_path), script], check=True, timeout=30)


def _log(db_path: Path, sub_id: int) -> tuple | None:
    with sqlite3.connect(db_path) as conn:
        return conn.execute(
            "select status, attempts, detail from digest_log where subscription_id = ?",
            [sub_id],
        ).fetchone()


# --- two runs at once ------------------------------------------------------------------------


def test_two_concurrent_sends_give_everyone_exactly_one(db_path: Path, smtp_server) -> None:
    build_db(db_path)
    emails = [f"mottagare{i}@example.org" for i in range(6)]
    add_subs(db_path, *(["--email", e] for e in emails))
    server = smtp_server()
    _slow_server(server, 0.25)
    env = {**os.environ, **server.env()}
    env.pop("BEVAKNING_DB", None)
    cmd = [*BEVAKNING, "digest", "--db", str(db_path), "--week", WEEK, "--send"]
    runs = [subprocess.Popen(cmd, env=env, stdout=subprocess.PIPE, stderr=subprocess.PIPE, text=True) for _ in range(2)]  # fmt: skip
    results = [(p.wait(timeout=120), *p.communicate()) for p in runs]

    for code, _out, err in results:
        assert code == 0, err
        assert "Traceback" not in err and "UNIQUE" not in err, err
    for e in emails:
        assert len(server.handler.by_rcpt(e)) == 1, e
    sent = sum(int(out.split(": ")[1].split(" sent")[0]) for _, out, _ in results)
    assert sent == 6
    # Each run sent some: they really ran at the same time.
    assert all(" 0 sent" not in out for _, out, _ in results), results
    assert len(log_rows(db_path)) == 6


# --- the server took it, the bookkeeping failed ----------------------------------------------

DISK_FULL = """
create trigger disk_full_{n} before {op} on digest_log when new.sent_at is not null
begin select raise(abort, 'database or disk is full'); end
"""


def test_recording_failure_after_250_is_not_resent_on_rerun(db_path: Path, smtp_server) -> None:
    build_db(db_path)
    add_subs(db_path, ["--email", "forst@example.org"], ["--email", "sist@example.org"])
    server = smtp_server()
    # Writing the 'sent' record fails as on a full disk; claiming still works.
    _sql(db_path, DISK_FULL.format(n=0, op="insert") + ";" + DISK_FULL.format(n=1, op="update"))

    first = digest_cli(db_path, "--send", env=server.env())
    assert first.returncode == 1
    assert "Traceback" not in first.stderr, first.stderr
    assert "unrecorded: subscription 1 <forst@example.org>: the server accepted" in first.stderr
    assert "2 unrecorded" in first.stdout
    assert len(server.messages) == 2

    for _ in range(2):  # disk still full, then freed: neither resends
        again = digest_cli(db_path, "--send", env=server.env())
        assert again.returncode == 0, again.stderr
        assert "0 sent" in again.stdout and "2 unconfirmed" in again.stdout
        assert "unconfirmed: subscription 1 <forst@example.org>: claimed at" in again.stderr
        assert len(server.messages) == 2
        _sql(db_path, "drop trigger if exists disk_full_0; drop trigger if exists disk_full_1")
    assert _log(db_path, 1)[0] == "sending"

    # Staff who checked the mail log may send again on purpose.
    retry = digest_cli(db_path, "--send", "--retry-failed", "--subscription", "2", env=server.env())
    assert retry.returncode == 0 and "1 sent" in retry.stdout, retry.stderr
    assert len(server.handler.by_rcpt("sist@example.org")) == 2
    assert _log(db_path, 2)[0] == "sent"


def test_a_recipient_answered_4xx_is_tried_three_runs_then_left(db_path: Path, smtp_server) -> None:
    build_db(db_path)
    add_subs(db_path, ["--email", "upptagen@example.org"], ["--email", "ok@example.org"])
    server = smtp_server()
    server.handler.transient["upptagen@example.org"] = 1000  # answers 451 every time

    first = digest_cli(db_path, "--send", env=server.env())
    assert first.returncode == 1 and "1 sent" in first.stdout and "1 deferred" in first.stdout
    assert _log(db_path, 1)[:2] == ("deferred", 1)
    second = digest_cli(db_path, "--send", env=server.env())
    assert second.returncode == 1 and "1 deferred" in second.stdout
    third = digest_cli(db_path, "--send", env=server.env())
    assert third.returncode == 1 and "1 failed" in third.stdout
    status, attempts, detail = _log(db_path, 1)
    assert (status, attempts) == ("failed", 3) and detail.startswith("451 ")
    asked = 1000 - server.handler.transient["upptagen@example.org"]
    fourth = digest_cli(db_path, "--send", env=server.env())
    assert fourth.returncode == 0
    assert "1 already-sent" in fourth.stdout and "1 failed-earlier" in fourth.stdout
    assert 1000 - server.handler.transient["upptagen@example.org"] == asked, "asked again"
    assert len(server.handler.by_rcpt("ok@example.org")) == 1


# --- bad rows in the subscriptions table -----------------------------------------------------

BAD_ROWS = [
    ("a@example.org\r\nBcc: evil@example.com", "[]", "[]", "[]", "invalid email address"),
    ("a@example.org, b@example.org", "[]", "[]", "[]", "invalid email address"),
    ("c@example.org", "inte json", "[]", "[]", "invalid lans 'inte json': not JSON"),
    ("d@example.org", "[]", '{"x": 1}', "[]", "invalid municipalities"),
    ("e@example.org", "[]", "[]", '["vård"]', "invalid topics"),
]


def _add_bad_rows(db_path: Path) -> None:
    with sqlite3.connect(db_path) as conn:
        for email, lans, munis, topics, _ in BAD_ROWS:
            conn.execute(
                "insert into subscriptions (email, lans, municipalities, topics, active) "
                "values (?, ?, ?, ?, 1)",
                [email, lans, munis, topics],
            )
        # The same address and filter again (as `add` used to allow): one digest, not two.
        conn.execute("insert into subscriptions (email, active) values ('FORST@example.org', 1)")


@pytest.mark.parametrize("mode", ["preview", "out", "send"])
def test_bad_stored_rows_are_skipped_and_everyone_else_gets_theirs(
    db_path: Path, tmp_path: Path, smtp_server, mode: str
) -> None:
    build_db(db_path)
    add_subs(db_path, ["--email", "forst@example.org"])
    _add_bad_rows(db_path)
    add_subs(db_path, ["--email", "sist@example.org", "--lan", "18"])
    server = smtp_server()
    args = {"preview": [], "out": ["--out", str(tmp_path / "eml")], "send": ["--send"]}[mode]

    result = digest_cli(db_path, *args, env=server.env())
    assert result.returncode == 1
    assert "Traceback" not in result.stderr, result.stderr
    summary = result.stderr if mode == "preview" else result.stdout
    assert "6 skipped (bad or duplicate subscription rows)" in summary
    for n, (*_, reason) in enumerate(BAD_ROWS, start=2):
        assert f"subscription {n} skipped: {reason}" in result.stderr
    assert "subscription 7 skipped: duplicate of subscription 1" in result.stderr
    got = {
        "preview": lambda: [line[4:] for line in result.stdout.splitlines() if line.startswith("To: ")],
        "out": lambda: sorted(p.name.split("-", 3)[3] for p in (tmp_path / "eml").iterdir()),
        "send": lambda: sorted(m.envelope_rcpt[0] for m in server.messages),
    }[mode]()  # fmt: skip
    assert [g.removesuffix(".eml").replace("_", "@") for g in got] == [
        "forst@example.org",
        "sist@example.org",
    ]
    assert not any("evil" in str(m.envelope_rcpt) for m in server.messages)


def test_bad_rows_can_be_listed_and_removed(db_path: Path) -> None:
    open_db(db_path).close()
    add_subs(db_path, ["--email", "forst@example.org"])
    _add_bad_rows(db_path)
    listed = invoke("subscribers", "list", "--db", str(db_path))
    assert listed.returncode == 0
    assert "subscription 2 skipped: invalid email address" in listed.stderr
    assert listed.stdout.count("@") == 1
    removed = invoke("subscribers", "remove", "--db", str(db_path), "2")
    assert removed.returncode == 0
    assert "removed subscription 2: 'a@example.org\\r\\nBcc: evil@example.com'" in removed.stdout
    assert (
        "subscription 2 skipped" not in invoke("subscribers", "list", "--db", str(db_path)).stderr
    )
    one = invoke("digest", "--db", str(db_path), "--week", WEEK, "--subscription", "3")
    assert one.returncode == 2
    assert "subscription 3 cannot be used: invalid email address: 'a@example.org, b@" in one.stderr


# --- validation at add -----------------------------------------------------------------------


@pytest.mark.parametrize(
    "email",
    ["a..b@region.se", "anna.@region.se", ".a@region.se", "a@region..se", "a,b@region.se"],
)
def test_add_rejects_malformed_dots(db_path: Path, email: str) -> None:
    open_db(db_path).close()
    result = invoke("subscribers", "add", "--db", str(db_path), "--email", email)
    assert result.returncode == 2
    assert result.stderr.strip() == f"Error: invalid email address: {email!r}"


def test_add_refuses_the_same_address_and_filter_twice(db_path: Path) -> None:
    open_db(db_path).close()
    add_subs(db_path, ["--email", "anna@region.se", "--lan", "18", "--topic", "rus"])
    again = invoke(
        "subscribers", "add", "--db", str(db_path), "--email", "Anna@Region.se",
        "--topic", "rus", "--lan", "Örebro län",
    )  # fmt: skip
    assert again.returncode == 2
    assert "already subscribed: subscription 1 has the address anna@region.se" in again.stderr
    # Another filter is another digest, and a removed subscription may be added back.
    add_subs(db_path, ["--email", "anna@region.se", "--lan", "06"])
    assert invoke("subscribers", "remove", "--db", str(db_path), "1").returncode == 0
    add_subs(db_path, ["--email", "anna@region.se", "--lan", "18", "--topic", "rus"])
    with sqlite3.connect(db_path) as conn:
        assert conn.execute("select count(*) from subscriptions").fetchone() == (3,)
