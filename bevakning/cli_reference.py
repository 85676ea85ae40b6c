"""Subcommands for the reference area, registered on the `bevakning` group when imported.

Commands here stay thin: parse options, call the library, print a summary.
"""

from __future__ import annotations

import click

from bevakning.cli import BadInput, cli, db_option, translate_errors


@cli.group()
def reference() -> None:
    """Municipalities, regions and K1/K2/K3 categories (loaded by `bevakning init`)."""


@reference.command("show")
@db_option
@click.option("--lan", "lan_code", metavar="CODE", help="Only this county, e.g. 18 (Örebro län).")
@translate_errors
def show(db_path: str, lan_code: str | None) -> None:
    """List municipalities with population, K-category and estimated minutes to K1."""
    from db import open_db

    db = open_db(db_path)
    if lan_code is not None:
        lan_code = lan_code.strip().zfill(2)
        if not (len(lan_code) == 2 and lan_code.isdigit()):
            raise BadInput(f"--lan must be a two-digit county code, got {lan_code!r}")
        if not db["regions"].count_where("lan_code = ?", [lan_code]):
            raise BadInput(f"unknown county code {lan_code}; see the regions table")
    if not db["municipalities"].count:
        raise BadInput(f"no reference data in {db_path}; run `bevakning init` first")
    where, params = ("WHERE lan_code = ?", [lan_code]) if lan_code else ("", [])
    rows = db.query(
        "SELECT code, name, lan_name, population, population_year, k_category, "
        f"travel_minutes_to_k1 FROM municipalities {where} "
        "ORDER BY lan_code, k_category, travel_minutes_to_k1, name",
        params,
    )
    click.echo(f"{'kod':<5} {'kommun':<18} {'län':<22} {'folkmängd':>10} {'år':>4}  K   min")
    n = 0
    for r in rows:
        pop = f"{r['population']:,}".replace(",", " ") if r["population"] is not None else "–"
        year = str(r["population_year"] or "")
        minutes = (
            f"{r['travel_minutes_to_k1']:.0f}" if r["travel_minutes_to_k1"] is not None else "–"
        )
        click.echo(
            f"{r['code']:<5} {r['name']:<18} {r['lan_name']:<22} {pop:>10} {year:>4}  "
            f"{r['k_category'] or '–':<3} {minutes:>3}"
        )
        n += 1
    click.echo(f"{n} kommuner")
