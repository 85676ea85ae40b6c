"""Subcommands for the web area, registered on the `bevakning` group when imported.

Commands here stay thin: parse options, call the library, print a summary.
"""

from __future__ import annotations

import sys
from pathlib import Path

import click

from bevakning.cli import BadInput, cli, db_option, translate_errors


@cli.command()
@db_option
@click.argument("kind", type=click.Choice(["statements", "articles", "cases"]))
@click.option("--since", metavar="DATE", help="Only rows published on or after YYYY-MM-DD.")
@click.option("--until", metavar="DATE", help="Only rows published on or before YYYY-MM-DD.")
@click.option(
    "--lan",
    "lans",
    multiple=True,
    metavar="CODE",
    help="Only this county, by two-digit code such as 18 (repeatable).",
)
@click.option("--flagged", is_flag=True, help="Statements only: just those flagged as conflict.")
@click.option(
    "--format",
    "fmt",
    type=click.Choice(["csv", "jsonl", "parquet"]),
    required=True,
    help="Output format.",
)
@click.option(
    "--excel",
    is_flag=True,
    help="CSV for Excel: UTF-8 with a byte-order mark and ';' between fields.",
)
@click.option("--out", "out_path", metavar="FILE", help="Write here instead of standard output.")
@click.option(
    "--partition",
    type=click.Choice(["month"]),
    help="Parquet only: Hive-style folders month=YYYY-MM under --out DIR (for DuckDB and co.).",
)
@click.option(
    "--progress/--no-progress",
    default=None,
    help="Show a progress bar on stderr (default: on a terminal, for 10,000 rows or more).",
)
@translate_errors
def export(
    db_path: str,
    kind: str,
    since: str | None,
    until: str | None,
    lans: tuple[str, ...],
    flagged: bool,
    fmt: str,
    excel: bool,
    out_path: str | None,
    progress: bool | None,
    partition: str | None,
) -> None:
    """Export statements (joined with article, outlet, municipality and county), articles or cases."""
    from db.export import ExportError, Filters, build_query

    filters = Filters(since=since, until=until, lans=lans, flagged=flagged)
    try:
        build_query(kind, filters)  # validate before creating any file
    except ExportError as exc:
        raise BadInput(str(exc)) from exc
    if flagged and kind != "statements":
        raise BadInput("--flagged applies to statements only")
    if excel and fmt != "csv":
        raise BadInput("--excel applies to --format csv only")
    if partition:
        _export_partitioned(db_path, kind, fmt, out_path, filters, partition)
        return
    if out_path is None:
        if fmt == "parquet" and sys.stdout.isatty():
            raise BadInput("refusing to write Parquet to a terminal; use --out FILE")
        count = _export(db_path, kind, fmt, sys.stdout.buffer, filters, progress, excel)
        click.echo(f"exported {count} {kind}", err=True)
        return
    target = Path(out_path)
    if not target.parent.exists():
        raise BadInput(f"output directory does not exist: {target.parent}")
    partial = target.with_name(target.name + ".part")
    try:
        with partial.open("wb") as fh:
            count = _export(db_path, kind, fmt, fh, filters, progress, excel)
        partial.replace(target)
    finally:
        partial.unlink(missing_ok=True)
    click.echo(f"exported {count} {kind} to {target}", err=True)


def _export_partitioned(db_path, kind, fmt, out_path, filters, partition) -> None:
    """`--partition month`: Parquet shards in month=YYYY-MM folders under --out DIR."""
    from db.export import ExportError, export_partitioned

    if fmt != "parquet":
        raise BadInput("--partition needs --format parquet")
    if not out_path:
        raise BadInput("--partition needs --out DIR (a folder of Parquet shards)")
    try:
        counts = export_partitioned(db_path, kind, out_path, filters, partition)
    except ExportError as exc:
        raise BadInput(str(exc)) from exc
    click.echo(
        f"exported {sum(counts.values())} {kind} to {out_path} in {len(counts)} "
        f"{partition} partition(s)",
        err=True,
    )


def _export(db_path, kind, fmt, out, filters, progress, excel=False) -> int:
    from db.export import ExportError, export

    try:
        return export(db_path, kind, fmt, out, filters, progress=progress, excel=excel)
    except ExportError as exc:
        raise BadInput(str(exc)) from exc


@cli.command("reviewer-hash")
@click.option(
    "--password-stdin", is_flag=True, help="Read the password from standard input (no prompt)."
)
def reviewer_hash(password_stdin: bool) -> None:
    """Print a password hash for BEVAKNING_REVIEWER_PASSWORD_HASH (reviewer login)."""
    from bevakning.web import hash_password

    if password_stdin:
        password = sys.stdin.readline().rstrip("\n")
    else:
        password = click.prompt("Password", hide_input=True, confirmation_prompt=True)
    if not password:
        raise BadInput("empty password")
    click.echo(hash_password(password))
