"""Datasette plugin: in the review queue, each statement links to the review form, filled in.

Reviewers work through `att_granska`; copying a statement id into `granska` by hand is
slow and error-prone. Datasette fills a canned query's form from the query string, so
the link only has to carry the id.
"""

from __future__ import annotations

from typing import Any

from datasette import hookimpl
from markupsafe import Markup, escape

COLUMN = "granska"  # the column att_granska adds for the link


@hookimpl
def render_cell(value: Any, column: str, table: str | None, database: str, datasette):
    """A query's `granska` column (only the queue has one) as a link to the review form."""
    if table is not None or column != COLUMN or not isinstance(value, int):
        return None
    href = f"{datasette.urls.database(database)}/granska?statement_id={value}"
    return Markup(f'<a href="{escape(href)}">Granska {value}</a>')


@hookimpl
def prepare_connection(conn: Any) -> None:
    """Datasette's connections wait for the write lock as long as the pipeline's writers.

    A reviewer's verdict is written through Datasette's own connection, which
    otherwise waits Python's default 5 s while a crawl or classification holds
    the lock; the pipeline's writers wait 30 s (db.core.BUSY_TIMEOUT_MS).
    """
    from db.core import BUSY_TIMEOUT_MS

    conn.execute(f"PRAGMA busy_timeout = {BUSY_TIMEOUT_MS}")
