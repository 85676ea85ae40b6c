"""End to end: fixture site → crawl (subprocess) → SQLite → classify → Datasette JSON API."""

from __future__ import annotations

import json
import sqlite3
from pathlib import Path

import click
import pytest
from conftest import run_cli, write_sources

from bevakning.cli import cli
from db import open_db


def test_schema_has_required_tables_and_columns(db_path: Path) -> None:
    db = open_db(db_path)
    assert db.journal_mode == "wal"
    assert {"id", "name", "homepage", "lan"} <= set(db["sources"].columns_dict)
    assert {
        "id",
        "source_id",
        "url",
        "title",
        "published",
        "text",
        "fetched_at",
        "content_hash",
    } <= set(db["articles"].columns_dict)
    assert {
        "id",
        "article_id",
        "position",
        "text",
        "speaker",
        "actor_role",
        "municipality",
        "topic",
        "conflict",
        "score",
        "model",
    } <= set(db["statements"].columns_dict)
    assert db["articles"].detect_fts() == "articles_fts"
    assert db["statements"].detect_fts() == "statements_fts"
    fks = {(fk.column, fk.other_table) for fk in db["articles"].foreign_keys}
    assert ("source_id", "sources") in fks


def test_open_db_is_idempotent(db_path: Path) -> None:
    open_db(db_path).close()
    db = open_db(db_path)
    applied = [r["name"] for r in db["_sqlite_migrations"].rows]
    assert len(applied) == len(set(applied))


def test_end_to_end_crawl_classify_datasette(tmp_path: Path, db_path: Path, fixture_site) -> None:
    site = fixture_site("lokalbladet")
    sources = write_sources(tmp_path / "sources.toml", {"lokalbladet": site})

    result = run_cli("crawl", "--db", str(db_path), "--sources", str(sources), "--fast")
    assert result.returncode == 0, result.stderr[-2000:]
    assert "2 new articles" in result.stdout

    conn = sqlite3.connect(db_path)
    rows = conn.execute("select url, title, published, text from articles order by url").fetchall()
    urls = [r[0] for r in rows]
    assert urls == [f"{site.url}/artikel/konstgras.html", f"{site.url}/artikel/laxa-busslinje.html"]
    laxa = rows[1]
    assert laxa[1] == "Laxå rasar mot indragen busslinje"
    assert laxa[2] == "2026-11-23T07:30:00+01:00"
    assert "svek mot alla som pendlar från Laxå" in laxa[3]
    assert "Annons" not in laxa[3] and "Läs också" not in laxa[3], "boilerplate leaked into body"
    assert not any("/admin/" in u for u in urls), "robots.txt was not obeyed"

    # A second crawl fetches nothing new and duplicates nothing.
    again = run_cli("crawl", "--db", str(db_path), "--sources", str(sources), "--fast")
    assert again.returncode == 0
    assert "0 new articles" in again.stdout
    assert conn.execute("select count(*) from articles").fetchone()[0] == 2

    result = run_cli("classify", "--db", str(db_path))
    assert result.returncode == 0, result.stderr
    n_statements = conn.execute("select count(*) from statements").fetchone()[0]
    assert n_statements >= 10
    flagged = conn.execute("select text from statements where conflict = 1").fetchall()
    assert any("svek" in t for (t,) in flagged)
    conn.close()

    from bevakning.web import make_datasette

    ds = make_datasette(db_path)
    db_name = db_path.stem
    response = ds.client.get(f"/{db_name}/statements.json?_shape=array&conflict=1")
    import asyncio

    response = asyncio.run(response)
    assert response.status_code == 200
    data = response.json()
    assert any("svek" in row["text"] for row in data)
    fts = asyncio.run(ds.client.get(f"/{db_name}/articles.json?_search=Laxå&_shape=array"))
    assert [r["title"] for r in fts.json()] == ["Laxå rasar mot indragen busslinje"]


def test_classify_text_contract() -> None:
    lines = [
        json.dumps(
            {
                "id": 1,
                "text": "– Det här är ett svek mot Laxå och busslinjen måste vara kvar.",
                "context": "säger Anna Andersson (C), kommunstyrelsens ordförande i Laxå.",
            },
            ensure_ascii=False,
        ),
        "{not json",
        json.dumps({"id": 3}),
        json.dumps({"id": 4, "text": ""}),
        json.dumps({"id": 5, "text": "x" * 100_000}),
        json.dumps({"text": "utan id"}),
        json.dumps({"id": "sju", "text": "Nytt konstgräs på idrottsplatsen."}, ensure_ascii=False),
    ]
    result = run_cli("classify-text", input="\n".join(lines) + "\n")
    assert result.returncode == 0, result.stderr
    out = [json.loads(line) for line in result.stdout.splitlines()]
    assert len(out) == len(lines)
    assert out[0]["id"] == 1 and set(out[0]) >= {
        "conflict",
        "score",
        "topic",
        "actor_role",
        "municipality",
    }
    assert out[0]["conflict"] in (0, 1) and 0 <= out[0]["score"] <= 1
    assert "error" in out[1] and "invalid JSON" in out[1]["error"]
    assert out[2] == {"id": 3, "error": "missing or non-string field: text"}
    assert out[3]["error"] == "empty text"
    assert "too long" in out[4]["error"]
    assert "missing field: id" in out[5]["error"]
    assert out[6]["id"] == "sju" and out[6]["conflict"] == 0


def _all_commands(group: click.Group, prefix: str = "") -> list[tuple[str, click.Command]]:
    found = []
    for name, cmd in group.commands.items():
        found.append((f"{prefix}{name}", cmd))
        if isinstance(cmd, click.Group):
            found.extend(_all_commands(cmd, f"{prefix}{name} "))
    return found


@pytest.mark.parametrize("name,command", _all_commands(cli))
def test_every_command_has_help(name: str, command: click.Command) -> None:
    assert (command.help or "").strip(), f"`bevakning {name}` has no help text"
    for param in command.params:
        if isinstance(param, click.Option) and not param.hidden:
            assert (param.help or "").strip(), (
                f"`bevakning {name} {param.opts[0]}` has no help text"
            )


def test_help_runs_in_subprocess() -> None:
    result = run_cli("--help")
    assert result.returncode == 0 and "crawl" in result.stdout


# --- bad input: one line, exit 2, database untouched -------------------------------------


def _snapshot(path: Path) -> bytes | None:
    return path.read_bytes() if path.exists() else None


def test_missing_sources_file(tmp_path: Path, db_path: Path) -> None:
    open_db(db_path).close()
    before = _snapshot(db_path)
    result = run_cli("crawl", "--db", str(db_path), "--sources", str(tmp_path / "nope.toml"))
    assert result.returncode == 2
    assert "sources file not found" in result.stderr
    assert len(result.stderr.strip().splitlines()) == 1
    assert _snapshot(db_path) == before


@pytest.mark.parametrize(
    "content,expected",
    [
        ("[[sources]\nid = ", "malformed sources file"),
        ("title = 'no sources'\n", "no [[sources]] tables"),
        ('[[sources]]\nid = "a"\nname = "A"\n', "missing or empty field(s): homepage, lan"),
        (
            '[[sources]]\nid = "a"\nname = "A"\nhomepage = "http://x/"\nlan = "18"\nfeeds = "x"\n',
            "'feeds' must be a list",
        ),
        (b"\xff\xfe[[sources]]", "malformed sources file"),
    ],
)
def test_malformed_sources_file(tmp_path: Path, content: str | bytes, expected: str) -> None:
    path = tmp_path / "sources.toml"
    path.write_bytes(content if isinstance(content, bytes) else content.encode())
    db_path = tmp_path / "fresh.db"
    result = run_cli("crawl", "--db", str(db_path), "--sources", str(path))
    assert result.returncode == 2, result.stderr
    assert expected in result.stderr
    assert len(result.stderr.strip().splitlines()) == 1
    assert not db_path.exists(), "a bad sources file must not create the database"


def test_unknown_source_id(tmp_path: Path) -> None:
    path = tmp_path / "sources.toml"
    path.write_text(
        '[[sources]]\nid = "a"\nname = "A"\nhomepage = "http://127.0.0.1:9/"\nlan = "18"\n'
    )
    db_path = tmp_path / "fresh.db"
    result = run_cli("crawl", "--db", str(db_path), "--sources", str(path), "--source", "zz")
    assert result.returncode == 2
    assert "unknown source id(s)" in result.stderr and "zz" in result.stderr
    assert not db_path.exists()


@pytest.mark.parametrize("kind", ["directory", "missing_parent", "not_sqlite"])
def test_unreadable_database_path(tmp_path: Path, kind: str) -> None:
    if kind == "directory":
        path = tmp_path / "adir"
        path.mkdir()
    elif kind == "missing_parent":
        path = tmp_path / "no" / "such" / "dir" / "x.db"
    else:
        path = tmp_path / "notes.db"
        path.write_text("these are my notes, not a database\n")
    before = _snapshot(path) if path.is_file() else None
    result = run_cli("init", "--db", str(path))
    assert result.returncode == 2, result.stdout + result.stderr
    assert len(result.stderr.strip().splitlines()) == 1
    assert str(path.name) in result.stderr or "directory" in result.stderr
    if before is not None:
        assert path.read_bytes() == before
    assert not (tmp_path / "no").exists()


def test_db_path_from_environment(tmp_path: Path) -> None:
    target = tmp_path / "env.db"
    result = run_cli("init", env={"BEVAKNING_DB": str(target)})
    assert result.returncode == 0, result.stderr
    assert target.exists()


def test_unknown_model_is_bad_input() -> None:
    result = run_cli("classify-text", "--model", "/no/such/model", input="")
    assert result.returncode == 2
    assert "model" in result.stderr
