"""Weekly digest: subscriptions, content, exactly-once delivery, against a real SMTP server."""

from __future__ import annotations

import sqlite3
import subprocess
import tempfile
from email import message_from_bytes, policy
from pathlib import Path

import click
import pytest
from click.testing import CliRunner
from conftest import run_cli

from bevakning.cli import cli
from db import open_db

WEEK = "2026-W47"
PASSWORD = "hemligt-Lösen-7731"


# --- test data: real rows through open_db --------------------------------------------------


def _source(db, sid: str, name: str, lan: str) -> None:
    db.execute(
        "insert into sources (id, name, homepage, lan) values (?, ?, ?, ?)",
        [sid, name, f"https://{sid}.example.se/", lan],
    )


def _article(
    db,
    source: str,
    slug: str,
    published: str | None,
    *,
    fetched: str = "2026-11-25T06:00:00+00:00",
    story_of: int | None = None,
) -> int:
    cur = db.execute(
        "insert into articles (source_id, url, title, published, text, fetched_at) "
        "values (?, ?, ?, ?, ?, ?)",
        [source, f"https://{source}.example.se/{slug}", f"Rubrik {slug}", published, "…", fetched],
    )
    aid = cur.lastrowid
    if "story_id" in db["articles"].columns_dict:
        db.execute(
            "update articles set story_id = ?, story_first = ? where id = ?",
            [story_of or aid, 0 if story_of else 1, aid],
        )
    return aid


def _statement(
    db,
    article: int,
    pos: int,
    text: str,
    municipality: str | None,
    topic: str = "transit",
    *,
    speaker: str = "Anna Andersson (C)",
    role: str = "kso",
    conflict: int = 1,
    score: float = 0.9,
) -> int:
    cur = db.execute(
        "insert into statements (article_id, position, text, speaker, actor_role, municipality, "
        "topic, conflict, score, model) values (?, ?, ?, ?, ?, ?, ?, ?, ?, 'test')",
        [article, pos, text, speaker, role, municipality, topic, conflict, score],
    )
    return cur.lastrowid


LAXA_1 = "Det här är ett svek mot alla som pendlar från Laxå."
LAXA_2 = "Regionen har inte lyssnat på kommunen över huvud taget."


def build_db(path: Path) -> dict[str, int]:
    """Week 47 of 2026 has 5 flagged statements once syndication is deduplicated."""
    db = open_db(path)
    ids: dict[str, int] = {}
    with db.atomic():
        _source(db, "lokalbladet", "Lokalbladet", "18")
        _source(db, "bergslagsnytt", "Bergslagsnytt", "18")
        _source(db, "hoglandsposten", "Höglandsposten", "06")
        a1 = _article(db, "lokalbladet", "laxa-buss", "2026-11-17T07:30:00+01:00")
        ids["laxa1"] = _statement(db, a1, 0, LAXA_1, "Laxå")
        ids["laxa2"] = _statement(db, a1, 1, LAXA_2, "Laxå")
        _statement(db, a1, 2, "Bussen går klockan sju.", "Laxå", conflict=0, score=0.1)
        # The same story syndicated a day later: must not count again.
        a2 = _article(db, "bergslagsnytt", "laxa-buss", "2026-11-18T09:00:00+01:00", story_of=a1)
        _statement(db, a2, 0, LAXA_1, "Laxå")
        _statement(db, a2, 1, "  " + LAXA_2.replace(" ", "\n", 1), "Laxå")
        # Publication date unknown: the fetch date decides the week.
        a3 = _article(db, "lokalbladet", "hallsberg-rus", None, fetched="2026-11-19T10:00:00+00:00")
        ids["hallsberg"] = _statement(
            db,
            a3,
            0,
            "RUS:en är inte relevant för Hallsberg.",
            "Hallsberg",
            "rus",
            role="kommunalrad",
        )
        # Sunday 23:30 Swedish time is still week 47.
        a4 = _article(db, "hoglandsposten", "eksjo", "2026-11-22T23:30:00+01:00")
        ids["eksjo"] = _statement(
            db,
            a4,
            0,
            "Eksjö accepterar inte att linje 325 läggs ned.",
            "Eksjö",
            speaker="Bo Berg (M)",
        )
        # UTC Sunday 23:30 is Monday 00:30 in Stockholm: week 47, not 46.
        a5 = _article(db, "lokalbladet", "okand", "2026-11-15T23:30:00Z")
        ids["unknown"] = _statement(
            db, a5, 0, "Kommunen kräver att regionen river upp beslutet.", None, "other_regional",
            role="municipality", score=0.55,
        )  # fmt: skip
        # History: W43 1 (Hallsberg), W44 0, W45 2 (Laxå, Eksjö), W46 1 (Laxå); W48 ignored.
        h = _article(db, "lokalbladet", "w43", "2026-10-21T08:00:00+02:00")
        _statement(db, h, 0, "Vi tänker inte följa regionens plan.", "Hallsberg", "rus")
        h = _article(db, "lokalbladet", "w45a", "2026-11-03T08:00:00+01:00")
        _statement(db, h, 0, "Linjen behövs.", "Laxå")
        h = _article(db, "hoglandsposten", "w45b", "2026-11-05T08:00:00+01:00")
        _statement(db, h, 0, "Fel beslut av regionen.", "Eksjö")
        h = _article(db, "lokalbladet", "w46", "2026-11-12T08:00:00+01:00")
        _statement(db, h, 0, "Vi kräver besked.", "Laxå")
        h = _article(db, "lokalbladet", "w48", "2026-11-23T00:30:00+01:00")
        _statement(db, h, 0, "Nästa vecka.", "Laxå")
    db.close()
    return ids


def invoke(*args: str, env: dict | None = None):
    """The real command in-process (cheaper than a subprocess for the many small checks)."""
    result = CliRunner().invoke(cli, list(args), env=env, catch_exceptions=False)
    result.returncode = result.exit_code
    return result


def add_subs(db_path: Path, *specs: list[str]) -> None:
    for spec in specs:
        r = invoke("subscribers", "add", "--db", str(db_path), *spec)
        assert r.returncode == 0, r.stderr


STANDARD_SUBS = (
    ["--email", "alla@example.org", "--name", "Åsa Öberg"],
    ["--email", "orebro@example.org", "--lan", "18"],
    ["--email", "eksjo@example.org", "--municipality", "Eksjö", "--topic", "transit"],
    ["--email", "rus@example.org", "--lan", "06", "--topic", "rus"],
)


def digest_cli(db_path: Path, *args: str, env: dict | None = None):
    return run_cli("digest", "--db", str(db_path), "--week", WEEK, *args, env=env)


def log_rows(db_path: Path) -> list[tuple]:
    """The digests recorded as delivered."""
    with sqlite3.connect(db_path) as conn:
        return conn.execute(
            "select s.email, l.week, l.message_id from digest_log l "
            "join subscriptions s on s.id = l.subscription_id where l.status = 'sent' "
            "order by s.email"
        ).fetchall()


# --- subscriptions ---------------------------------------------------------------------------


def test_subscribers_add_list_remove(db_path: Path) -> None:
    add_subs(db_path, *STANDARD_SUBS)
    listed = invoke("subscribers", "list", "--db", str(db_path))
    assert listed.returncode == 0
    lines = listed.stdout.strip().splitlines()
    assert len(lines) == 4
    assert lines[0].startswith("1\talla@example.org Åsa Öberg\talla län, kommuner och ämnen")
    assert "län 18" in lines[1] and "kommun Eksjö; ämne transit" in lines[2]

    assert invoke("subscribers", "remove", "--db", str(db_path), "2").returncode == 0
    assert (
        invoke("subscribers", "remove", "--db", str(db_path), "EKSJO@example.org").returncode == 0
    )
    after = invoke("subscribers", "list", "--db", str(db_path)).stdout
    assert "orebro@" not in after and "eksjo@" not in after and "alla@" in after
    again = invoke("subscribers", "remove", "--db", str(db_path), "2")
    assert again.returncode == 2 and "no active subscription matches '2'" in again.stderr


@pytest.mark.parametrize(
    "args,message",
    [
        (["--email", "inte-en-adress"], "invalid email address: 'inte-en-adress'"),
        (["--email", "a@b.se\r\nBcc: x@y.se"], "invalid email address"),
        (["--email", "a@example.org", "--topic", "vård"], "invalid topic: 'vård'"),
        (["--email", "a@example.org", "--min-score", "1.5"], "invalid min score"),
        (["--email", "a@example.org", "--name", "A\nBcc: x@y.se"], "invalid name"),
        (["--email", "a@example.org", "--lan", "99"], "unknown county"),
    ],
)
def test_subscribers_add_rejects_bad_input(db_path: Path, args: list[str], message: str) -> None:
    open_db(db_path).close()
    result = invoke("subscribers", "add", "--db", str(db_path), *args)
    assert result.returncode == 2, result.stderr
    assert message in result.stderr
    assert len(result.stderr.strip().splitlines()) == 1
    assert sqlite3.connect(db_path).execute("select count(*) from subscriptions").fetchone() == (0,)


# --- content and exactly-once ----------------------------------------------------------------


def _plain(msg) -> str:
    return msg.get_body(("plain",)).get_content()


def _html(msg) -> str:
    return msg.get_body(("html",)).get_content()


def test_digest_send_content_and_second_run_sends_nothing(db_path: Path, smtp_server) -> None:
    ids = build_db(db_path)
    add_subs(db_path, *STANDARD_SUBS)
    server = smtp_server()
    env = server.env(BEVAKNING_DATASETTE_URL="https://data.example.se/")

    result = digest_cli(db_path, "--send", env=env)
    assert result.returncode == 0, result.stderr
    assert result.stdout.strip() == f"digest {WEEK}: 4 sent, 0 failed"
    by = {m["To"].addresses[0].addr_spec: m for m in server.messages}
    assert sorted(by) == [
        "alla@example.org",
        "eksjo@example.org",
        "orebro@example.org",
        "rus@example.org",
    ]
    for rcpt, m in by.items():
        assert m.envelope_rcpt == [rcpt] and m.get_content_type() == "multipart/alternative"

    alla = by["alla@example.org"]
    assert alla["Subject"] == "Bevakning vecka 47: 4 nya konflikter mot regionala prioriteringar"
    assert alla["To"].addresses[0].display_name == "Åsa Öberg"
    assert alla["From"].addresses[0].addr_spec == "bevakning@example.org"
    text = _plain(alla)
    assert (
        "Föregående fyra veckor: v. 43: 1, v. 44: 0, v. 45: 2, v. 46: 1 (snitt 1,0 per vecka)"
        in text
    )
    assert (
        "4 konflikter där kommunala företrädare går emot regionala prioriteringar (5 uttalanden)"
        in text
    )
    assert "Mest aktiva kommuner: Eksjö (1), Hallsberg (1), Laxå (1)." in text
    # Grouped by municipality, one case per story: the syndicated Laxå story with its two
    # statements is one item with the strongest statement.
    headings = [line for line in text.splitlines() if line.startswith("== ")]
    assert headings == [
        "== Eksjö (1) ==",
        "== Hallsberg (1) ==",
        "== Laxå (1) ==",
        "== Okänd kommun (1) ==",
    ]
    assert text.count(LAXA_1) == 1 and LAXA_2 not in text
    assert "Även publicerad i: Bergslagsnytt" in text
    assert "Anna Andersson (C), kommunstyrelsens ordförande" in text
    assert "Lokalbladet, 17 november 2026 · kollektivtrafik" in text
    assert "Artikel (Lokalbladet): https://lokalbladet.example.se/laxa-buss" in text
    assert "Artikel (Bergslagsnytt): https://bergslagsnytt.example.se/laxa-buss" in text
    laxa_ids = f"{ids['laxa1']},{ids['laxa2']},"
    assert f"2 uttalanden: https://data.example.se/test/statements?id__in={laxa_ids}" in text
    assert f"1 uttalande: https://data.example.se/test/statements/{ids['eksjo']}" in text
    assert "Bussen går klockan sju" not in text and "Nästa vecka" not in text
    html = _html(alla)
    assert f'href="https://data.example.se/test/statements/{ids["hallsberg"]}"' in html
    assert html.index("Eksjö") < html.index("Hallsberg") < html.index("Laxå")

    orebro = by["orebro@example.org"]
    assert orebro["Subject"].startswith("Bevakning vecka 47: 3 nya konflikter")
    assert "Eksjö" not in _plain(orebro).split("--")[0]
    assert "v. 43: 1, v. 44: 0, v. 45: 1, v. 46: 1" in _plain(orebro)
    eksjo = by["eksjo@example.org"]
    assert eksjo["Subject"] == "Bevakning vecka 47: 1 ny konflikt mot regionala prioriteringar"
    assert "Eksjö accepterar inte" in _plain(eksjo) and "Laxå" not in _plain(eksjo)
    rus = by["rus@example.org"]
    assert rus["Subject"] == "Bevakning vecka 47: inget nytt"
    assert "Inget nytt den här veckan" in _plain(rus)

    logged = log_rows(db_path)
    assert [(e, w) for e, w, _ in logged] == [(r, WEEK) for r in sorted(by)]
    assert {mid for _, _, mid in logged} == {m["Message-ID"] for m in server.messages}

    again = digest_cli(db_path, "--send", env=env)
    assert again.returncode == 0
    assert again.stdout.strip() == f"digest {WEEK}: 0 sent, 4 already-sent, 0 failed"
    assert len(server.messages) == 4


def test_skip_empty_sends_nothing_for_an_empty_week(db_path: Path, smtp_server) -> None:
    build_db(db_path)
    add_subs(db_path, STANDARD_SUBS[3], STANDARD_SUBS[2])
    server = smtp_server()
    result = digest_cli(db_path, "--send", env=server.env(BEVAKNING_DIGEST_SKIP_EMPTY="1"))
    assert result.returncode == 0, result.stderr
    assert "1 sent, 1 empty-skipped, 0 failed" in result.stdout
    assert [m["To"].addresses[0].addr_spec for m in server.messages] == ["eksjo@example.org"]


def test_dropped_connection_then_rerun_gives_everyone_exactly_one(
    db_path: Path, smtp_server
) -> None:
    build_db(db_path)
    emails = [f"mottagare{i}@example.org" for i in range(5)]
    add_subs(db_path, *(["--email", e] for e in emails))
    server = smtp_server()
    server.handler.drop_after = 2

    first = digest_cli(db_path, "--send", env=server.env())
    assert first.returncode == 1
    assert "2 sent" in first.stdout and "3 not-sent" in first.stdout and "stopped:" in first.stdout
    assert len(server.messages) == 2
    assert len(log_rows(db_path)) == 2

    server.handler.drop_after = None
    second = digest_cli(db_path, "--send", env=server.env())
    assert second.returncode == 0, second.stderr
    assert second.stdout.strip() == f"digest {WEEK}: 3 sent, 2 already-sent, 0 failed"
    for e in emails:
        assert len(server.handler.by_rcpt(e)) == 1, e
    assert len(log_rows(db_path)) == 5


def test_permanent_failure_does_not_stop_others_and_transient_is_retried(
    db_path: Path, smtp_server
) -> None:
    build_db(db_path)
    add_subs(
        db_path,
        ["--email", "forst@example.org"],
        ["--email", "finns-inte@example.org"],
        ["--email", "upptagen@example.org"],
        ["--email", "sist@example.org"],
    )
    server = smtp_server()
    server.handler.reject["finns-inte@example.org"] = "550 5.1.1 No such user"
    server.handler.transient["upptagen@example.org"] = 1

    result = digest_cli(db_path, "--send", env=server.env())
    assert result.returncode == 1
    assert result.stdout.strip() == f"digest {WEEK}: 3 sent, 1 failed"
    assert (
        "failed: subscription 2 <finns-inte@example.org>: 550 5.1.1 No such user" in result.stderr
    )
    got = sorted(m.envelope_rcpt[0] for m in server.messages)
    assert got == ["forst@example.org", "sist@example.org", "upptagen@example.org"]
    assert server.handler.transient["upptagen@example.org"] == 0  # the 451 was really given
    assert [e for e, _, _ in log_rows(db_path)] == got

    with sqlite3.connect(db_path) as conn:
        assert conn.execute(
            "select status, detail from digest_log where subscription_id = 2"
        ).fetchone() == ("failed", "550 5.1.1 No such user")

    # A rerun (an hourly job) does not knock on the refused mailbox again ...
    again = digest_cli(db_path, "--send", env=server.env())
    assert again.returncode == 0, again.stderr
    assert (
        again.stdout.strip() == f"digest {WEEK}: 0 sent, 3 already-sent, 0 failed, 1 failed-earlier"
    )
    assert "failed-earlier: subscription 2 <finns-inte@example.org>: 550 5.1.1" in again.stderr
    assert len(server.messages) == 3
    # ... until staff have fixed the address and ask for it.
    del server.handler.reject["finns-inte@example.org"]
    retry = digest_cli(db_path, "--send", "--retry-failed", env=server.env())
    assert retry.returncode == 0 and "1 sent, 3 already-sent" in retry.stdout
    assert len(server.handler.by_rcpt("finns-inte@example.org")) == 1


def test_starttls_with_login(db_path: Path, smtp_server) -> None:
    build_db(db_path)
    add_subs(db_path, ["--email", "alla@example.org"])
    server = smtp_server(tls="starttls", logins={"digest": PASSWORD})

    wrong = digest_cli(
        db_path,
        "--send",
        env=server.env(BEVAKNING_SMTP_USER="digest", BEVAKNING_SMTP_PASSWORD=PASSWORD + "x"),
    )
    assert wrong.returncode == 1
    assert "SMTP login failed for user 'digest'" in wrong.stderr
    assert PASSWORD not in wrong.stdout + wrong.stderr
    assert server.messages == [] and log_rows(db_path) == []

    ok = digest_cli(
        db_path,
        "--send",
        env=server.env(BEVAKNING_SMTP_USER="digest", BEVAKNING_SMTP_PASSWORD=PASSWORD),
    )
    assert ok.returncode == 0, ok.stderr
    assert PASSWORD not in ok.stdout + ok.stderr
    assert server.handler.logins == ["digest"] and len(server.messages) == 1

    # Without trusting the self-signed certificate the client refuses to talk.
    env = server.env(BEVAKNING_SMTP_USER="digest", BEVAKNING_SMTP_PASSWORD=PASSWORD)
    del env["BEVAKNING_SMTP_CAFILE"]
    untrusted = run_cli("digest", "--db", str(db_path), "--week", "2026-W46", "--send", env=env)
    assert untrusted.returncode == 1 and "certificate" in untrusted.stderr


def test_implicit_tls(db_path: Path, smtp_server) -> None:
    build_db(db_path)
    add_subs(db_path, ["--email", "alla@example.org"])
    server = smtp_server(tls="ssl")
    result = digest_cli(db_path, "--send", env=server.env())
    assert result.returncode == 0, result.stderr
    assert len(server.messages) == 1


@pytest.mark.parametrize(
    "env,message",
    [
        ({"BEVAKNING_SMTP_HOST": ""}, "BEVAKNING_SMTP_HOST is not set"),
        ({"BEVAKNING_SMTP_TLS": "tls1.0"}, "invalid BEVAKNING_SMTP_TLS 'tls1.0'"),
        ({"BEVAKNING_SMTP_PORT": "smtp"}, "invalid BEVAKNING_SMTP_PORT 'smtp'"),
        ({"BEVAKNING_SMTP_FROM": "ingen"}, "invalid BEVAKNING_SMTP_FROM 'ingen'"),
        ({"BEVAKNING_SMTP_USER": "u"}, "BEVAKNING_SMTP_PASSWORD is not"),
    ],
)
def test_bad_smtp_settings(db_path: Path, env: dict[str, str], message: str) -> None:
    build_db(db_path)
    add_subs(db_path, ["--email", "alla@example.org"])
    base = {
        "BEVAKNING_SMTP_HOST": "127.0.0.1",
        "BEVAKNING_SMTP_FROM": "bevakning@example.org",
        "BEVAKNING_SMTP_PASSWORD": "",
    }
    result = invoke("digest", "--db", str(db_path), "--week", WEEK, "--send", env={**base, **env})
    assert result.returncode == 2
    assert message in result.stderr and len(result.stderr.strip().splitlines()) == 1
    assert log_rows(db_path) == []


@pytest.mark.parametrize("week", ["2026-48", "2026-W54", "förra veckan"])
def test_bad_week(db_path: Path, week: str) -> None:
    result = invoke("digest", "--db", str(db_path), "--week", week)
    assert result.returncode == 2 and "invalid week" in result.stderr


# --- safety and rendering ----------------------------------------------------------------------

EVIL = 'Stoppa <script>alert("x")</script> nu\r\nBcc: evil@example.com\r\nSubject: köp'


def test_header_injection_and_html_escaping_in_browser(
    db_path: Path, tmp_path: Path, output_dir: Path, smtp_server
) -> None:
    ids = build_db(db_path)
    db = open_db(db_path)
    a = _article(db, "lokalbladet", "evil", "2026-11-18T10:00:00+01:00")
    db.execute(
        "update articles set url = ?, title = ? where id = ?",
        ['javascript:alert(1)//"><b>', "Rubrik <img src=x onerror=alert(1)>\r\nX-Evil: 1", a],
    )
    _statement(db, a, 0, EVIL, "Laxå", speaker="Eva <b>Ek</b>\r\nBcc: evil2@example.com")
    db.close()
    add_subs(db_path, ["--email", "alla@example.org"])
    server = smtp_server()

    result = digest_cli(db_path, "--send", env=server.env())
    assert result.returncode == 0, result.stderr
    assert len(server.messages) == 1
    msg = server.messages[0]
    assert msg.envelope_rcpt == ["alla@example.org"]
    assert msg["Bcc"] is None and msg["X-Evil"] is None
    assert msg["Subject"] == "Bevakning vecka 47: 5 nya konflikter mot regionala prioriteringar"
    header_block = msg.raw.split(b"\r\n\r\n", 1)[0]
    assert b"evil" not in header_block.lower()
    html = _html(msg)
    assert "<script>" not in html and "&lt;script&gt;" in html
    assert "<img" not in html and "<b>" not in html
    assert "javascript:" not in html

    out = tmp_path / "eml"
    written = digest_cli(db_path, "--out", str(out))
    assert written.returncode == 0, written.stderr
    (eml,) = out.glob("*.eml")
    parsed = message_from_bytes(eml.read_bytes(), policy=policy.default)
    page = output_dir / "digest.html"
    page.write_text(_html(parsed), encoding="utf-8")

    with tempfile.TemporaryDirectory() as profile:
        common = [
            "/usr/bin/chromium", "--headless", "--no-sandbox", "--disable-gpu",
            "--disable-background-networking", "--disable-component-update", "--disable-sync",
            "--no-first-run", f"--user-data-dir={profile}",
        ]  # fmt: skip
        shot = output_dir / "digest.png"
        shot.unlink(missing_ok=True)
        subprocess.run(
            [*common, f"--screenshot={shot}", "--window-size=1000,1400", page.as_uri()],
            capture_output=True,
            timeout=60,
            check=True,
        )
        dom = subprocess.run(
            [*common, "--dump-dom", page.as_uri()],
            capture_output=True,
            text=True,
            timeout=60,
            check=True,
        ).stdout
    assert shot.stat().st_size > 20_000 and shot.read_bytes()[:8] == b"\x89PNG\r\n\x1a\n"
    assert "Bevakning vecka 47" in dom and "Laxå" in dom and LAXA_1 in dom
    assert "<script>" not in dom and "&lt;script&gt;alert" in dom
    assert f"/test/statements/{ids['eksjo']}" in dom


# --- scheduling ------------------------------------------------------------------------------


def test_run_with_digest_sends_on_the_configured_weekday(
    tmp_path: Path, db_path: Path, fixture_site, smtp_server
) -> None:
    from datetime import datetime

    from conftest import write_sources

    from digest.deliver import WEEKDAYS
    from digest.weeks import STOCKHOLM, Week

    site = fixture_site("lokalbladet")
    sources = write_sources(tmp_path / "sources.toml", {"lokalbladet": site})
    open_db(db_path).close()
    add_subs(db_path, ["--email", "alla@example.org"])
    server = smtp_server()
    today = datetime.now(STOCKHOLM).date()
    env = server.env(BEVAKNING_DIGEST_WEEKDAY=WEEKDAYS[today.weekday()])

    result = run_cli("run", "--db", str(db_path), "--sources", str(sources), "--digest", env=env)
    assert result.returncode == 0, result.stderr[-2000:]
    last_week = Week.previous_complete(today)
    assert f"digest {last_week}: 1 sent, 0 failed" in result.stdout
    assert len(server.messages) == 1
    assert server.messages[0]["Subject"].startswith(f"Bevakning vecka {last_week.number}:")
    assert log_rows(db_path) == [
        ("alla@example.org", str(last_week), server.messages[0]["Message-ID"])
    ]


def test_digest_not_due_on_other_days(db_path: Path, monkeypatch, capsys) -> None:
    from datetime import datetime

    from bevakning.cli_digest import digest_if_due
    from digest.deliver import WEEKDAYS
    from digest.weeks import STOCKHOLM

    open_db(db_path).close()
    tomorrow = (datetime.now(STOCKHOLM).weekday() + 1) % 7
    monkeypatch.setenv("BEVAKNING_DIGEST_WEEKDAY", str(tomorrow + 1))
    digest_if_due(str(db_path))
    assert f"digest: not due today (sent on {WEEKDAYS[tomorrow]})" in capsys.readouterr().out
    assert log_rows(db_path) == []
    monkeypatch.setenv("BEVAKNING_DIGEST_WEEKDAY", "someday")
    with pytest.raises(click.ClickException, match="invalid BEVAKNING_DIGEST_WEEKDAY 'someday'"):
        digest_if_due(str(db_path))


def test_county_of_statement_is_its_municipalitys_not_the_outlets(
    db_path: Path, tmp_path: Path
) -> None:
    build_db(db_path)
    db = open_db(db_path)
    a = _article(db, "lokalbladet", "gislaved", "2026-11-18T10:00:00+01:00")
    _statement(db, a, 0, "Gislaved tänker inte betala för regionens nya linje.", "Gislaved")
    db.close()
    add_subs(db_path, ["--email", "jkpg@example.org", "--lan", "Jönköpings län"])
    add_subs(db_path, ["--email", "orebro@example.org", "--lan", "18"])
    out = tmp_path / "eml"
    result = invoke("digest", "--db", str(db_path), "--week", WEEK, "--out", str(out))
    assert result.returncode == 0, result.stderr
    assert f"digest {WEEK}: 0 sent, 2 written, 0 failed" in result.stdout
    files = sorted(out.glob("*.eml"))
    assert [f.name for f in files] == [
        f"{WEEK}-s1-jkpg_example.org.eml",
        f"{WEEK}-s2-orebro_example.org.eml",
    ]
    jkpg, orebro = (message_from_bytes(f.read_bytes(), policy=policy.default) for f in files)
    assert "län 06" in _plain(jkpg)
    assert "Gislaved tänker inte" in _plain(jkpg) and "Eksjö accepterar" in _plain(jkpg)
    assert "Laxå" not in _plain(jkpg).split("--")[0]
    assert "Gislaved" not in _plain(orebro) and orebro["Subject"].startswith(
        "Bevakning vecka 47: 3 nya"
    )
    assert log_rows(db_path) == []  # files are not deliveries
