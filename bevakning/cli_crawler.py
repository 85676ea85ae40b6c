"""Subcommands for the crawler area, registered on the `bevakning` group when imported.

Commands here stay thin: parse options, call the library, print a summary.
"""

import click

from bevakning.cli import BadInput, cli, db_option, translate_errors  # noqa: F401


@cli.group()
def sources() -> None:
    """The outlet registry: list it and check that feeds and sitemaps answer."""


@sources.command("list")
@click.option(
    "--sources", "sources_file", help="Sources TOML file (default: the project's registry)."
)
@click.option("--lan", help="Only outlets in this county (two-digit code, e.g. 18).")
@translate_errors
def sources_list(sources_file: str | None, lan: str | None) -> None:
    """Print one line per outlet: id, county, entry points, name."""
    from crawler.sources import load_sources

    rows = [s for s in load_sources(sources_file) if not lan or s.lan == lan]
    for s in rows:
        entry = "feed" if s.feeds else "sitemap" if s.sitemaps else "sections"
        click.echo(f"{s.id:<28} {s.lan}  {entry:<8}  {s.name}")
    click.echo(f"{len(rows)} outlets")


@sources.command("check")
@db_option
@click.option(
    "--sources", "sources_file", help="Sources TOML file (default: the project's registry)."
)
@click.option(
    "--source", "source_ids", multiple=True, metavar="ID", help="Only this source (repeatable)."
)
@click.option("--timeout", default=15.0, show_default=True, help="Seconds per request.")
@translate_errors
def sources_check(
    db_path: str, sources_file: str | None, source_ids: tuple[str, ...], timeout: float
) -> None:
    """Fetch every feed and sitemap once and record status, items and last success."""
    import os

    from crawler.health import check_sources
    from crawler.settings import USER_AGENT
    from crawler.sources import load_sources
    from db import open_db

    selected = load_sources(sources_file, only=source_ids)
    db = open_db(db_path)
    from db.store import upsert_sources

    upsert_sources(db, [s.as_row() for s in selected])
    ua = os.environ.get("BEVAKNING_USER_AGENT") or USER_AGENT
    checks = check_sources(db, selected, user_agent=ua, timeout=timeout)
    last_ok = dict(
        ((r[0], r[1]), r[2])
        for r in db.execute("select source_id, url, last_success_at from source_health")
    )
    db.close()
    click.echo(f"{'source':<24} {'kind':<8} {'status':<14} {'http':>4} {'items':>6}  last success")
    for c in checks:
        http = str(c.http_status) if c.http_status else "-"
        when = last_ok.get((c.source_id, c.url)) or "never"
        click.echo(f"{c.source_id:<24} {c.kind:<8} {c.status:<14} {http:>4} {c.items:>6}  {when}")
        if c.error:
            click.echo(f"    {c.url}: {c.error}")
    ok = sum(c.status == "ok" for c in checks)
    without = sum(1 for s in selected if not s.feeds and not s.sitemaps)
    click.echo(
        f"sources check done: {ok} of {len(checks)} feeds/sitemaps ok, "
        f"{len(selected)} sources ({without} without feed or sitemap)"
    )


@cli.command("import-warc")
@db_option
@click.argument("paths", nargs=-1, required=True, metavar="PATH…")
@click.option(
    "--sources", "sources_file", help="Sources TOML file (default: the project's registry)."
)
@click.option(
    "--progress-every",
    default=1000,
    show_default=True,
    metavar="N",
    help="Print a progress line on stderr every N records (0: never).",
)
@translate_errors
def import_warc(
    db_path: str, paths: tuple[str, ...], sources_file: str | None, progress_every: int
) -> None:
    """Store the registry's articles found in WARC files (.warc, .warc.gz, or directories).

    Same extraction, duplicate and story detection as `crawl`; the record's
    WARC-Date is the fetch time. Files already imported and URLs already stored
    are skipped. Bad records are counted and skipped; the summary names the
    file and offset. Exits 1 when a record failed.
    """
    import sys

    from crawler.sources import load_sources
    from crawler.warc import WarcError, WarcImporter, find_warc_files

    sources = load_sources(sources_file)
    try:
        find_warc_files(paths)  # a missing path is an error before anything is written
    except WarcError as exc:
        raise BadInput(str(exc)) from exc
    from bevakning.cli import _open

    _open(db_path).close()

    def progress(line: str) -> None:
        click.echo(line, err=True)

    importer = WarcImporter(
        db_path,
        sources,
        progress=progress if progress_every > 0 else None,
        progress_every=progress_every or 1,
    )
    summary = importer.run(paths)
    for line in summary.source_lines():
        click.echo(line)
    click.echo(summary.line())
    sys.exit(1 if summary.total("failed") else 0)
