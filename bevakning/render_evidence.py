"""Datasette plugin: readable cells for statements and articles.

- `statements.evidence` (the model's JSON) as a short list of what it found,
  instead of 10-15 lines of raw JSON per row;
- codes in table pages (roles, topics, statuses, verdicts, quote kinds, 1/0
  flags, a source's or a criticised region's county) as their Swedish label
  from `labels`, the code in a tooltip;
- the reading views' ids (`uttalanden`, `artiklar`) link to the statement's
  and the article's own pages;
- `review_margin` and `score` rounded to two decimals (0.021, not 0.02100000000000002);
- `articles.text`: on the article's own page the stored text with the
  article's flagged statements highlighted and a link to the original (a copy
  to read when the newspaper's page is gone); on table pages a short excerpt.

Datasette 0.65's render_cell does not receive the request, so an asgi_wrapper
keeps the current path in a ContextVar to tell an article's page from a list.
"""

from __future__ import annotations

import json
import re
import sqlite3
import time
from contextvars import ContextVar
from typing import Any

from datasette import hookimpl
from markupsafe import Markup, escape

_PATH: ContextVar[str] = ContextVar("bevakning_path", default="")
EXCERPT_CHARS = 200
MAX_ITEMS = 8
ROUNDED = {"review_margin", "score"}
# Code columns shown with their Swedish label (labels table, migration 0014) on table pages.
LABELLED = {
    "actor_role": "role",
    "role": "role",
    "topic": "topic",
    "status": "status",
    "verdict": "verdict",
    "quote_kind": "quote_kind",
    "conflict": "flag",
    "model_conflict": "flag",
    "paywall": "flag",
    "paywalled": "flag",
    "verified": "flag",
    "story_first": "flag",
    "refresh": "flag",
    "region_lan_code": "lan",
}
# Where only one table's column holds that kind of code (elsewhere a `lan` sits beside its name).
LABELLED_IN_TABLE = {("sources", "lan"): "lan"}
LABEL_TTL = 60.0
_label_cache: dict[tuple[int, str], tuple[float, dict[tuple[str, str], str]]] = {}
# The reading views have no row pages of their own: their ids link to the tables'.
VIEW_LINKS = {
    ("uttalanden", "id"): "statements",
    ("uttalanden", "artikel"): "articles",
    ("artiklar", "id"): "articles",
}


@hookimpl
def asgi_wrapper(datasette: Any):
    """Remember each request's path for render_cell (see module docstring)."""

    def wrap(app):
        async def remember_path(scope, receive, send):
            token = _PATH.set(scope.get("path", "") if scope.get("type") == "http" else "")
            try:
                await app(scope, receive, send)
            finally:
                _PATH.reset(token)

        return remember_path

    return wrap


def is_row_page(table: str | None) -> bool:
    """True on a row's own page, /<db>/<table>/<pk>, of the given table."""
    parts = [p for p in _PATH.get().split("/") if p]
    return table is not None and len(parts) == 3 and parts[1] == table


def _short(value: Any, limit: int = 80) -> str:
    text = value if isinstance(value, str) else json.dumps(value, ensure_ascii=False)
    return text if len(text) <= limit else text[: limit - 1] + "…"


def evidence_list(raw: str) -> Markup | None:
    """The evidence JSON as a list of at most MAX_ITEMS 'key: value' lines; None if not JSON."""
    try:
        data = json.loads(raw)
    except (TypeError, ValueError):
        return None
    if not isinstance(data, dict):
        return None
    items = []
    for key, value in list(data.items())[:MAX_ITEMS]:
        if isinstance(value, dict):
            value = ", ".join(f"{k}: {_short(v, 40)}" for k, v in list(value.items())[:4])
        items.append(f"<li><strong>{escape(key)}</strong>: {escape(_short(value))}</li>")
    more = len(data) - MAX_ITEMS
    if more > 0:
        items.append(f"<li>… och {more} till</li>")
    return Markup('<ul class="evidence">' + "".join(items) + "</ul>")


def highlight(text: str, quotes: list[str]) -> Markup:
    """The text, escaped, with each quote marked and paragraphs kept."""
    escaped = str(escape(text))
    for quote in sorted({q.strip() for q in quotes if q and q.strip()}, key=len, reverse=True):
        needle = str(escape(quote))
        escaped = escaped.replace(needle, f"<mark>{needle}</mark>")
    escaped = re.sub(r"\n{2,}", "</p><p>", escaped).replace("\n", "<br>")
    return Markup(f"<p>{escaped}</p>")


def label_kind(table: str | None, column: str) -> str | None:
    """The `labels` kind of a table's code column (None: not a code, or not a table page)."""
    if table is None:
        return None
    return LABELLED_IN_TABLE.get((table, column)) or LABELLED.get(column)


@hookimpl
def render_cell(row: Any, value: Any, column: str, table: str | None, database: str, datasette):
    """See the module docstring; every other cell keeps Datasette's rendering."""
    link = VIEW_LINKS.get((table, column))
    if link is not None and isinstance(value, int):
        href = f"{datasette.urls.database(database)}/{link}/{value}"
        return Markup(f'<a href="{escape(href)}">{value}</a>')
    kind = label_kind(table, column)
    if kind is not None and isinstance(value, (str, int)):
        return _labelled(kind, str(value), database, datasette)
    if column in ROUNDED and isinstance(value, float):
        return f"{value:.2f}"
    if table == "statements" and column == "evidence" and isinstance(value, str):
        return evidence_list(value)
    if (
        table == "conflict_cases"
        and column in CASE_LISTS
        and isinstance(value, str)
        and not is_row_page(table)
    ):
        return _case_list_summary(column, value)
    if table == "articles" and column == "text" and isinstance(value, str):
        if not is_row_page(table):
            excerpt = value[:EXCERPT_CHARS] + ("…" if len(value) > EXCERPT_CHARS else "")
            return excerpt
        return _article_page(row, value, database, datasette)
    return None


# A case's lists and evidence: a count or a short excerpt on the table page (they made each
# row of the demo's 20 cases about 600 px tall), in full on the case's own page.
CASE_LISTS = {
    "urls": "länkar",
    "article_ids": "artiklar",
    "statement_ids": "uttalanden",
    "outlets": None,
    "evidence": None,
}


def _case_list_summary(column: str, value: str) -> str:
    try:
        items = json.loads(value)
    except ValueError:
        items = None
    noun = CASE_LISTS[column]
    if noun and isinstance(items, list):
        return f"{len(items)} {noun}"
    if column == "outlets" and isinstance(items, list):
        return ", ".join(str(i) for i in items)
    return value[: EXCERPT_CHARS // 2] + ("…" if len(value) > EXCERPT_CHARS // 2 else "")


def _article_page(row: Any, text: str, database: str, datasette: Any):
    async def inner() -> Markup:
        keys = row.keys() if hasattr(row, "keys") else []
        article_id = row["id"] if "id" in keys else None
        url = row["url"] if "url" in keys else None
        quotes: list[str] = []
        if article_id is not None:
            result = await datasette.get_database(database).execute(
                "select text from statements where article_id = ? and conflict = 1", [article_id]
            )
            quotes = [r[0] for r in result.rows]
        link = ""
        if url:
            link = f'<p><a href="{escape(url)}" rel="noopener">Originalartikeln</a> (sparad kopia nedan)</p>'
        note = f"<p>{len(quotes)} flaggade uttalanden är markerade.</p>" if quotes else ""
        return Markup(link + note) + highlight(text, quotes)

    return inner


async def labels_for(database: str, datasette: Any) -> dict[tuple[str, str], str]:
    """(kind, code) -> Swedish label, read at most once a minute per database."""
    key = (id(datasette), database)
    cached = _label_cache.get(key)
    if cached is not None and time.monotonic() - cached[0] < LABEL_TTL:
        return cached[1]
    try:
        result = await datasette.get_database(database).execute("select kind, code, sv from labels")
        labels = {(r[0], r[1]): r[2] for r in result.rows}
    except sqlite3.Error:  # a database from before migration 0014
        labels = {}
    _label_cache[key] = (time.monotonic(), labels)
    return labels


def _labelled(kind: str, code: str, database: str, datasette: Any):
    async def inner() -> Markup | None:
        label = (await labels_for(database, datasette)).get((kind, code))
        if label is None:
            return None
        return Markup(f'<span title="{escape(code)}">{escape(label)}</span>')

    return inner
