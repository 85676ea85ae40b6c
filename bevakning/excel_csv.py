"""Datasette plugin: "CSV för Excel" for every table, view and query page.

Datasette's own CSV is UTF-8 without a byte-order mark and comma-separated;
Excel on a Swedish computer opens it as one column of mojibake ("LaxÃ¥").
This renderer (extension ``.excel``) writes the rows of the current page or
query as UTF-8 with a BOM and ";" between fields, the dialect Excel opens by
double-click. Like Datasette's JSON it holds the rows Datasette returned: a
table page's rows (use ?_size=max for up to 1000), a canned query's whole
answer. Whole-database exports are `bevakning export ... --format csv --excel`.
"""

from __future__ import annotations

import csv
import io
from typing import Any

from datasette import hookimpl
from datasette.utils.asgi import Response

EXTENSION = "excel"
BOM = "\ufeff"


def excel_csv(columns: list[str], rows: list[Any]) -> bytes:
    """Columns and rows as Excel's CSV: BOM, ';' separator, CRLF lines, UTF-8."""
    buffer = io.StringIO()
    buffer.write(BOM)
    writer = csv.writer(buffer, delimiter=";")
    writer.writerow(columns)
    for row in rows:
        writer.writerow(["" if row[c] is None else row[c] for c in columns])
    return buffer.getvalue().encode("utf-8")


def render(
    columns: list[str], rows: list[Any], query_name: str | None, table: str | None, database: str
) -> Response:
    name = query_name or table or database
    return Response(
        excel_csv(columns, rows),
        content_type="text/csv; charset=utf-8",
        headers={"content-disposition": f'attachment; filename="{name}.csv"'},
    )


@hookimpl
def register_output_renderer(datasette: Any) -> dict[str, Any]:
    """The .excel output: a link "excel" (shown as "CSV för Excel") on every page with rows."""
    return {"extension": EXTENSION, "render": render}
