"""Datasette plugin: a canned query's county, topic or role typed as an unknown word says so,
and so does a date that is not ÅÅÅÅ-MM-DD.

The queries turn what the user typed into a code through `label_terms` (see
db/labels.py); a word that is not there would silently give an empty table.
Datasette 0.65 has no hook between a canned query's parameters and its SQL,
so the least intrusive place is `extra_template_vars` on the query page: it
looks each filled-in parameter up and adds a warning message (Datasette's own
message box) naming the allowed values. The SQL stays plain, the JSON/CSV
answers are unchanged (an empty list), and nothing is cached per user.
"""

from __future__ import annotations

import datetime as dt
import re
import sqlite3
from typing import Any

from datasette import hookimpl

# parameter -> (label kind, how the warning names it)
PARAM_KINDS: dict[str, tuple[str, str]] = {
    "lan": ("lan", "Okänt län"),
    "amne": ("topic", "Okänt ämne"),
    "roll": ("role", "Okänd roll"),
}


async def unknown_values(db: Any, args: dict[str, str]) -> list[str]:
    """One Swedish warning per filled-in parameter whose value names no known code."""
    warnings: list[str] = []
    for param, (kind, prefix) in PARAM_KINDS.items():
        value = (args.get(param) or "").strip()
        if not value:
            continue
        try:
            found = await db.execute(
                "select 1 from label_terms where kind = ? and term = ?", [kind, value]
            )
            if found.first():
                continue
            names = await db.execute("select sv from labels where kind = ? order by sv", [kind])
        except sqlite3.Error:  # a database without the labels migration: nothing to check
            return []
        choices = ", ".join(row[0] for row in names.rows)
        warnings.append(f"{prefix}: '{value}' – välj bland {choices}.")
    return warnings


# Date parameters: the queries compare ÅÅÅÅ-MM-DD text, so "3/4/2025" would match nothing.
DATE_PARAMS = {"fran": "Från", "till": "Till"}


def bad_dates(args: dict[str, str]) -> list[str]:
    """One Swedish warning per filled-in date that is not a real ÅÅÅÅ-MM-DD date."""
    warnings = []
    for param, label in DATE_PARAMS.items():
        value = (args.get(param) or "").strip()
        if not value:
            continue
        try:
            ok = bool(re.fullmatch(r"\d{4}-\d{2}-\d{2}", value)) and dt.date.fromisoformat(value)
        except ValueError:
            ok = False
        if not ok:
            warnings.append(
                f"{label}: '{value}' är inget datum – skriv ÅÅÅÅ-MM-DD, t.ex. 2025-03-04."
            )
    return warnings


@hookimpl
def extra_template_vars(template: str, database: str | None, request: Any, datasette: Any):
    """On a query page, warn about each unknown county, topic or role the form carries.

    Canned queries are served through TableView in 0.65, so view_name says
    "table"; the template chosen (query.html or query-<db>-<name>.html) tells.
    """
    if not (template or "").startswith("query") or request is None or database is None:
        return None

    async def inner() -> dict[str, Any]:
        args = {p: request.args.get(p, "") for p in PARAM_KINDS}
        if any(args.values()):
            for message in await unknown_values(datasette.get_database(database), args):
                datasette.add_message(request, message, datasette.WARNING)
        dates = {p: request.args.get(p, "") for p in DATE_PARAMS}
        for message in bad_dates(dates):
            datasette.add_message(request, message, datasette.WARNING)
        return {}

    return inner
