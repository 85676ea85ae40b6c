"""Datasette plugin: links from the counting queries to the cases and statements they count.

The statistics queries (konflikt_per_manad_lan, konflikt_per_kategori,
konflikt_per_roll, topp_kommuner) count conflict cases; each row carries a
`visa` column holding a path relative to the database (the `conflict_cases`
table filtered to that row, or the `konflikter` query). Here it becomes a
"Visa fallen" link, and the `uttalanden` list of the `konflikter` query (a JSON
list of statement ids) a link to those statements: the statements behind a
count are then one click from the case, two from the count. JSON and CSV keep
the raw values.
"""

from __future__ import annotations

import json
from typing import Any

from datasette import hookimpl
from markupsafe import Markup, escape

# Paths a `visa` cell may point at: nothing else becomes a link.
TARGETS = ("conflict_cases?", "konflikter?")


@hookimpl
def render_cell(value: Any, column: str, table: str | None, database: str, datasette: Any):
    """`visa` and the cases' statement lists in canned queries; other cells are left alone."""
    if table is not None or not isinstance(value, str):
        return None
    base = datasette.urls.database(database)
    if column == "visa" and value.startswith(TARGETS):
        return Markup(f'<a href="{escape(base + "/" + value)}">Visa fallen</a>')
    if column == "uttalanden" and value.startswith("["):
        try:
            ids = [int(i) for i in json.loads(value)]
        except (ValueError, TypeError):
            return None
        if not ids:
            return None
        if len(ids) == 1:
            return Markup(f'<a href="{escape(f"{base}/statements/{ids[0]}")}">1 uttalande</a>')
        href = f"{base}/statements?id__in={','.join(str(i) for i in ids)}"
        return Markup(f'<a href="{escape(href)}">{len(ids)} uttalanden</a>')
    return None
