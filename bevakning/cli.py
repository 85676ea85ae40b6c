"""The `bevakning` command: thin subcommands over the library functions."""

from __future__ import annotations

import functools
import sys
from collections.abc import Callable
from pathlib import Path
from typing import Any

import click

from bevakning import __version__


class BadInput(click.ClickException):
    """A one-line error about the user's input; exit code 2 like click's usage errors."""

    exit_code = 2


def db_option(fn: Callable[..., Any]) -> Callable[..., Any]:
    """--db PATH, falling back to $BEVAKNING_DB and then ./bevakning.db."""
    return click.option(
        "--db",
        "db_path",
        envvar="BEVAKNING_DB",
        default="bevakning.db",
        show_default=True,
        help="SQLite database file (env: BEVAKNING_DB).",
    )(fn)


def sources_options(fn: Callable[..., Any]) -> Callable[..., Any]:
    """--sources FILE and --source ID…, shared by `crawl` and `run`."""
    fn = click.option(
        "--source",
        "source_ids",
        multiple=True,
        metavar="ID",
        help="Only crawl this source id (repeatable).",
    )(fn)
    return click.option(
        "--sources", "sources_file", help="Sources TOML file (default: the project's registry)."
    )(fn)


def translate_errors(fn: Callable[..., Any]) -> Callable[..., Any]:
    """Turn the library's input errors into one-line messages with exit code 2."""

    @functools.wraps(fn)
    def wrapper(*args: Any, **kwargs: Any) -> Any:
        from classify.model import ModelNotFound
        from crawler.sources import SourcesError
        from db import DatabaseError

        try:
            return fn(*args, **kwargs)
        except (DatabaseError, SourcesError, ModelNotFound) as exc:
            raise BadInput(str(exc)) from exc

    return wrapper


def _open(db_path: str):
    """Open and migrate the database; a fresh one also gets the reference data."""
    from db import open_db
    from db.reference import ensure_reference

    db = open_db(db_path)
    ensure_reference(db)
    return db


@click.group(context_settings={"help_option_names": ["-h", "--help"]})
@click.version_option(__version__, prog_name="bevakning")
def cli() -> None:
    """Find statements in Swedish local press where municipal actors push back
    against regional transit and development priorities."""


@cli.command()
@db_option
@click.option(
    "--k-threshold",
    type=float,
    envvar="BEVAKNING_K_THRESHOLD",
    help="Minutes by car to the county's K1 town that separate K2 from K3 (default 45; "
    "env: BEVAKNING_K_THRESHOLD).",
)
@click.option(
    "--k-overrides",
    type=click.Path(dir_okay=False),
    help="CSV of curated K-categories (code,k_category,reason); default db/reference/k_overrides.csv.",
)
@translate_errors
def init(db_path: str, k_threshold: float | None, k_overrides: str | None) -> None:
    """Create the database, apply pending migrations and load the reference data."""
    from db.reference import ReferenceDataError, load_reference

    db = _open(db_path)
    try:
        report = load_reference(db, threshold=k_threshold, overrides_path=k_overrides)
    except ReferenceDataError as exc:
        raise BadInput(str(exc)) from exc
    for warning in report.warnings:
        click.echo(f"warning: {warning}", err=True)
    click.echo(report.line())
    click.echo(f"database ready: {db_path} ({len(db.table_names())} tables)")


def _crawl(
    db_path: str,
    sources_file: str | None,
    source_ids: tuple[str, ...],
    refresh: bool,
    fast: bool,
    since: Any = None,
    log_level: str | None = None,
) -> int:
    """Crawl and print the summary; returns the exit code (1: items lost or no source answered)."""
    from crawler.run import run_crawl
    from crawler.sources import load_sources

    sources = load_sources(sources_file, only=source_ids)  # validate before touching the database
    _open(db_path).close()
    overrides = {"LOG_LEVEL": log_level} if log_level else None
    summary = run_crawl(
        db_path, sources, refresh=refresh, fast=fast, since=since, overrides=overrides
    )
    for line in summary.cause_lines():
        click.echo(line)
    click.echo(summary.line())
    return summary.exit_code


def _since(ctx: click.Context, param: click.Parameter, value: str | None) -> Any:
    """--since as an aware datetime (a bare date means midnight UTC)."""
    if not value:
        return None
    from datetime import UTC, datetime

    try:
        when = datetime.fromisoformat(value.strip().replace("Z", "+00:00"))
    except ValueError:
        raise click.BadParameter(
            f"not a date: {value!r} (use YYYY-MM-DD or an ISO 8601 time)"
        ) from None
    return when if when.tzinfo else when.replace(tzinfo=UTC)


@cli.command()
@db_option
@sources_options
@click.option(
    "--refresh", is_flag=True, help="Fetch articles again even if their URL is already stored."
)
@click.option(
    "--fast", is_flag=True, hidden=True, help="No politeness delays (local fixture sites only)."
)
@click.option(
    "--since",
    metavar="DATE",
    callback=_since,
    help="Only items published after DATE (YYYY-MM-DD or ISO time); sitemaps default to 3 days.",
)
@translate_errors
def crawl(
    db_path: str,
    sources_file: str | None,
    source_ids: tuple[str, ...],
    refresh: bool,
    fast: bool,
    since: Any,
) -> None:
    """Collect new articles from the sources' feeds, sitemaps and section pages.

    Exits 1 when articles were fetched but could not be stored, or when no source answered.
    """
    sys.exit(_crawl(db_path, sources_file, source_ids, refresh, fast, since))


def _classify(db_path: str, model_name: str | None, refresh: bool) -> None:
    from classify.model import load_model
    from classify.pipeline import classify_articles

    model = load_model(model_name)
    db = _open(db_path)

    def progress(done: int, total: int) -> None:
        if done % 100 == 0 or done == total:
            click.echo(f"classified {done}/{total} articles", err=True)

    report = classify_articles(db, model, refresh=refresh, progress=progress)
    click.echo(
        f"classify done: {report.articles} articles, {report.statements} statements, "
        f"{report.flagged} flagged, {report.cases} cases rebuilt (model {model.name})"
    )


@cli.command()
@db_option
@click.option(
    "--model",
    "model_name",
    metavar="NAME_OR_PATH",
    help="Model name or path (default: the shipped model).",
)
@click.option("--refresh", is_flag=True, help="Reclassify articles that already have statements.")
@click.option(
    "--engine",
    type=click.Choice(["local", "ray"]),
    default="local",
    show_default=True,
    help="ray: on a Ray cluster (optional extra `scale`; see docs/scale.md).",
)
@click.option("--address", help="--engine ray: cluster address (auto, host:port); default local.")
@click.option(
    "--workers",
    default=2,
    show_default=True,
    type=click.IntRange(min=1),
    help="--engine ray: model workers.",
)
@click.option(
    "--out",
    "out_dir",
    metavar="DIR",
    help="--engine ray: write the statements as Parquet shards per month in DIR (the export's "
    "columns) instead of the database, which is only read; conflict cases are not built "
    "(they need the statements in the database).",
)
@translate_errors
def classify(
    db_path: str,
    model_name: str | None,
    refresh: bool,
    engine: str,
    address: str | None,
    workers: int,
    out_dir: str | None,
) -> None:
    """Split new articles into statements and classify each one."""
    if engine == "ray":
        from bevakning.cli_classify import classify_on_ray

        classify_on_ray(db_path, model_name, refresh, address, workers, out_dir)
        return
    if out_dir:
        raise BadInput("--out needs --engine ray")
    _classify(db_path, model_name, refresh)


@cli.command("classify-text")
@click.option(
    "--model",
    "model_name",
    metavar="NAME_OR_PATH",
    help="Model name or path (default: the shipped model).",
)
@translate_errors
def classify_text(model_name: str | None) -> None:
    """Classify JSON Lines from stdin: {"id", "text", "context"?} in, one verdict per line out."""
    from classify.model import load_model
    from classify.pipeline import classify_jsonl
    from classify.textstream import InputLines

    model = load_model(model_name)
    lines = InputLines(sys.stdin.buffer)
    out = sys.stdout.buffer
    try:
        for result in classify_jsonl(lines, model, waiting=lines.waiting):
            out.write(_json_line(result))
            if not lines.waiting():  # the writer may wait for this answer
                out.flush()
        out.flush()
    except BrokenPipeError:  # the reader went away: nothing left to answer
        import os

        sys.stdout = open(os.devnull, "w")  # noqa: SIM115 - no flush error at exit


def _json_line(result: dict) -> bytes:
    """One answer as a JSON line; never NaN or a lone surrogate, which are not valid JSON text."""
    import json

    try:
        text = json.dumps(result, ensure_ascii=False, allow_nan=False)
        return (text + "\n").encode("utf-8")
    except UnicodeEncodeError:
        return (json.dumps(result, allow_nan=False) + "\n").encode("ascii")
    except (ValueError, RecursionError):
        return (
            json.dumps({"id": None, "error": "answer could not be written as JSON"}) + "\n"
        ).encode()


@cli.command()
@db_option
@click.option("--host", default="127.0.0.1", show_default=True, help="Address to bind.")
@click.option("--port", default=8001, show_default=True, type=int, help="Port to listen on.")
@click.option(
    "--public", is_flag=True, help="Allow binding a non-loopback address (reachable by others)."
)
@translate_errors
def serve(db_path: str, host: str, port: int, public: bool) -> None:
    """Browse, chart, map, search and review the database in Datasette."""
    from bevakning.web import is_loopback
    from bevakning.web import serve as run_server

    if not public and not is_loopback(host):
        raise BadInput(f"--host {host} is reachable from other machines; add --public to allow it")
    from bevakning.reviewer_auth import AuthConfigError

    _open(db_path).close()
    try:
        run_server(db_path, host, port, on_ready=lambda url: click.echo(f"Datasette: {url}"))
    except AuthConfigError as exc:
        raise BadInput(str(exc)) from exc


@cli.command()
@db_option
@sources_options
@click.option("--model", "model_name", metavar="NAME_OR_PATH", help="Model name or path.")
@click.option(
    "--digest",
    "with_digest",
    is_flag=True,
    help="Then send last week's digest on BEVAKNING_DIGEST_WEEKDAY (default monday).",
)
@translate_errors
def run(
    db_path: str,
    sources_file: str | None,
    source_ids: tuple[str, ...],
    model_name: str | None,
    with_digest: bool,
) -> None:
    """Crawl, then classify (and with --digest, send the weekly digest when due): the regular job."""
    crawl_status = _crawl(db_path, sources_file, source_ids, refresh=False, fast=False)
    _classify(db_path, model_name, refresh=False)
    if with_digest:
        from bevakning.cli_digest import digest_if_due

        digest_if_due(db_path)
    sys.exit(crawl_status)  # what was stored is classified; a failed crawl still fails the job


def _require_free_port(host: str, port: int) -> None:
    """Refuse a port another program listens on (a demo already running, most likely)."""
    import socket

    with socket.socket() as s:
        s.setsockopt(socket.SOL_SOCKET, socket.SO_REUSEADDR, 1)  # as uvicorn binds
        try:
            s.bind((host, port))
        except OSError:
            raise BadInput(
                f"port {port} is in use (is a demo already running? open http://{host}:{port}/ "
                "or stop it, or choose another with --port 0)"
            ) from None


@cli.command()
@click.option(
    "--db", "db_path", default="bevakning-demo.db", show_default=True, help="Database for the demo."
)
@click.option(
    "--port", default=8001, show_default=True, type=int, help="Datasette port (0 picks a free one)."
)
@click.option("--no-serve", is_flag=True, help="Crawl and classify the demo sites, then exit.")
@translate_errors
def demo(db_path: str, port: int, no_serve: bool) -> None:
    """Serve the bundled fictional newspapers, crawl and classify them, open Datasette.

    Run again, it keeps the database (a server may be reading it, and it holds the
    subscribers and reviews the README has the user add): the crawl is incremental,
    so the demo articles are not stored twice. A taken port is refused before
    anything is touched.
    """
    import socket
    import tempfile

    from demo.server import SITES_DIR, SiteServer, demo_sources_toml, site_ids

    if not no_serve and port != 0:
        _require_free_port("127.0.0.1", port)
    again = Path(db_path).exists()
    if again:
        click.echo(
            f"demo: adding to the existing {db_path} (subscribers and reviews are kept; "
            "delete the file to start afresh)"
        )
    servers = {
        sid: _site_server(SiteServer, SITES_DIR / sid, DEMO_SITE_PORTS[i % len(DEMO_SITE_PORTS)])
        for i, sid in enumerate(site_ids())
    }
    for srv in servers.values():
        srv.start()
    try:
        click.echo("demo sites: " + ", ".join(f"{sid} {srv.url}/" for sid, srv in servers.items()))
        with tempfile.NamedTemporaryFile("w", suffix=".toml", delete=False, encoding="utf-8") as fh:
            fh.write(demo_sources_toml(servers))
        # Again, every page is a known article under a new port: the crawl drops each as a
        # duplicate, which Scrapy would log as a warning with the whole item.
        level = "ERROR" if again else "WARNING"
        _crawl(db_path, fh.name, (), refresh=False, fast=True, log_level=level)
        Path(fh.name).unlink()
        _classify(db_path, None, refresh=False)
        if no_serve:
            return
        if port == 0:
            with socket.socket() as s:
                s.bind(("127.0.0.1", 0))
                port = s.getsockname()[1]
        from bevakning.web import serve as run_server

        login = _demo_reviewer()
        # The newspapers keep running beside Datasette, so the article links in
        # Datasette and in a previewed digest open; Ctrl-C stops them together.
        run_server(
            db_path,
            "127.0.0.1",
            port,
            on_ready=lambda url: click.echo(
                f"Datasette: {url}  (the demo newspapers stay up with it; Ctrl-C stops both)\n"
                + login
            ),
        )
    finally:
        for srv in servers.values():
            srv.stop()


def _demo_reviewer() -> str:
    """A reviewer account for this demo run (unless one is configured), and how to log in."""
    import os
    import secrets

    from bevakning.web import PASSWORD_HASH_ENV, REVIEWER_ENV, hash_password

    if os.environ.get(PASSWORD_HASH_ENV):
        return "Granskare: logga in med ert konto (menyn uppe till höger, Logga in)."
    password = secrets.token_urlsafe(9)
    os.environ[REVIEWER_ENV] = "demo"
    os.environ[PASSWORD_HASH_ENV] = hash_password(password)
    return f"Granskare: logga in som demo med lösenordet {password} (menyn uppe till höger)."


# The demo newspapers' preferred ports: the same on every run, so the links stored by
# an earlier run still open; a taken port falls back to a free one.
DEMO_SITE_PORTS = (8011, 8012, 8013)


def _site_server(factory: Any, root: Path, port: int) -> Any:
    """A demo site on its preferred port, or on a free one when that is taken."""
    try:
        return factory(root, port=port)
    except OSError:
        return factory(root)


def main() -> None:
    cli(prog_name="bevakning")


# Each area keeps its extra subcommands in a module of its own, which adds
# them to `cli` when imported. Imported last, after the shared decorators exist.
from bevakning import cli_classify, cli_crawler, cli_digest, cli_reference, cli_web  # noqa: E402,F401
