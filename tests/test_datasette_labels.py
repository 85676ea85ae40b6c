"""Swedish column labels in a real Datasette (issue 14): headers, row pages, facets, forms.

The label map (bevakning/column_labels.py) must name every column of every
table and view; the pages show the labels while sort links, filters, JSON and
CSV keep the real names. `header_problems` walks every table and view page and
one row page per table; tests/test_demo.py runs it on the demo's database too.
"""

from __future__ import annotations

import asyncio
import csv
import html
import io
import re
from pathlib import Path
from typing import Any
from urllib.parse import parse_qs, urlsplit

import pytest
from test_datasette import populate

from bevakning.column_labels import (
    COLUMN_LABELS,
    QUERY_COLUMN_LABELS,
    SWEDISH_AS_NAMED,
    TABLE_LABELS,
    column_label,
)
from bevakning.web import make_datasette
from db import open_db

# Every real name the map gives another label (bar words that are Swedish too, like
# "id", "text" and "status"): none of them may be a header people read.
ENGLISH = {
    name
    for name in set(COLUMN_LABELS).union(*TABLE_LABELS.values())
    if COLUMN_LABELS.get(name) != name
}
TH = re.compile(r'(?s)<th\b([^>]*)\bdata-column="([^"]*)"[^>]*>(.*?)</th>')


def get(ds: Any, path: str, **kwargs: Any):
    return asyncio.run(ds.client.get(path, **kwargs))


def _text(fragment: str) -> str:
    text = html.unescape(re.sub(r"<[^>]+>", " ", fragment))
    return re.sub(r"\s+", " ", text.replace("▲", "").replace("▼", "")).strip()


def headers(page: str) -> list[tuple[str, str, str | None]]:
    """(real column, header text, sort link) for each column header of a table page."""
    out = []
    for _attrs, column, inner in TH.findall(page):
        link = re.search(r'<a href="([^"]+)"', inner)
        out.append((html.unescape(column), _text(inner), html.unescape(link[1]) if link else None))
    return out


def header_problems(ds: Any, db: str) -> tuple[list[str], dict[str, int]]:
    """Walk every table and view page (hidden ones too) and one row page of each table.

    A problem is a header that is not the column's label, a known English
    column name shown to the reader, a sort link without the real name, or a
    filter choice that shows a real name. Returns (problems, pages counted).
    """
    problems: list[str] = []
    seen = {"tables": 0, "rows": 0, "headers": 0}
    meta = get(ds, f"/{db}.json").json()
    names = [t["name"] for t in meta["tables"]] + [v["name"] for v in meta.get("views", [])]
    for name in names:
        page = get(ds, f"/{db}/{name}")
        if page.status_code == 403:  # subscribers and sessions: admins only
            continue
        assert page.status_code == 200, (name, page.status_code)
        seen["tables"] += 1
        pages = [(name, page.text)]
        pk_link = re.search(r'<td class="col-[^"]* type-pk"><a href="([^"]+)"', page.text)
        if pk_link and "_fts_" not in name:  # an FTS index's blob keys make no row page
            row = get(ds, html.unescape(pk_link[1]))
            assert row.status_code == 200, (name, pk_link[1])
            seen["rows"] += 1
            pages.append((f"{name} (rad)", row.text))
        for where, text in pages:
            for column, shown, link in headers(text):
                seen["headers"] += 1
                if shown != column_label(name, column):
                    problems.append(f"{where}: {column!r} shown as {shown!r}")
                if shown in ENGLISH:
                    problems.append(f"{where}: English header {shown!r}")
                if link:
                    query = parse_qs(urlsplit(link).query)
                    if column not in query.get("_sort", []) + query.get("_sort_desc", []):
                        problems.append(f"{where}: sort link {link!r} lost {column!r}")
        for value, shown in re.findall(r'<option value="([^"]*)">([^<]*)</option>', page.text):
            if value and shown in ENGLISH:
                problems.append(f"{name}: filter choice {shown!r}")
        for shown in re.findall(r"<dt[^>]*>([^<]*)</dt>", page.text):
            if shown in ENGLISH:
                problems.append(f"{name}: column description {shown!r}")
    return problems, seen


@pytest.fixture(scope="module")
def populated(tmp_path_factory: pytest.TempPathFactory) -> Path:
    path = tmp_path_factory.mktemp("labels") / "bevakning.db"
    populate(path)
    db = open_db(path)
    from db.cases import rebuild_cases

    rebuild_cases(db)
    db["reviews"].insert(
        {"statement_id": 1, "verdict": "correct", "reviewer": "anna", "at": "2025-05-01"}
    )
    db.conn.commit()
    db.close()
    return path


@pytest.fixture(scope="module")
def ds(populated: Path) -> Any:
    return make_datasette(populated, environ={})


def test_label_map_names_every_column_once(db_path: Path) -> None:
    """Every column of every table and view has a label, and no table shows two alike."""
    db = open_db(db_path)
    missing, doubled = [], []
    for name in db.table_names() + db.view_names():
        cols = [r[1] for r in db.execute(f"pragma table_xinfo([{name}])") if r[6] != 1]
        if name not in SWEDISH_AS_NAMED:
            missing += [
                f"{name}.{c}"
                for c in cols
                if c not in TABLE_LABELS.get(name, {}) and c not in COLUMN_LABELS
            ]
        labels = [column_label(name, c) for c in cols]
        doubled += [f"{name}: {lab}" for lab in set(labels) if labels.count(lab) > 1]
    assert not missing, f"no Swedish label for: {missing}"
    assert not doubled, f"two columns read the same: {doubled}"
    labels = set(COLUMN_LABELS.values()) | {
        lab for t in TABLE_LABELS.values() for lab in t.values()
    }
    assert not labels & ENGLISH, labels & ENGLISH
    assert not set(QUERY_COLUMN_LABELS.values()) & ENGLISH


def test_every_table_view_and_row_page_shows_swedish_headers(ds: Any, populated: Path) -> None:
    problems, seen = header_problems(ds, populated.stem)
    assert not problems, problems
    # The fixture fills statements, articles, cases, reviews, places, sources and labels.
    assert seen["tables"] >= 25 and seen["rows"] >= 10 and seen["headers"] > 150, seen


def test_statements_headers_sort_links_and_exports_keep_real_names(
    ds: Any, populated: Path
) -> None:
    db = populated.stem
    page = get(ds, f"/{db}/statements?_sort=score").text
    shown = {column: text for column, text, _ in headers(page)}
    assert shown["actor_role"] == "roll" and shown["text"] == "citat"
    assert shown["score"] == "poäng" and shown["conflict"] == "flaggad"
    assert "?_sort_desc=score" in page, "sorted column links to its descending sort"
    assert '<option value="actor_role">roll</option>' in page
    assert '<option value="score" selected>Sortera efter poäng</option>' in page
    # The JSON, CSV and ?_col= answers still speak the real names.
    rows = get(ds, f"/{db}/statements.json?_shape=array&_col=actor_role&_sort=score").json()
    assert set(rows[0]) == {"id", "actor_role"}
    header = next(csv.reader(io.StringIO(get(ds, f"/{db}/statements.csv").text)))
    assert header[:6] == ["id", "article_id", "position", "text", "speaker", "actor_role"]
    # statement_details: the export's English names in CSV, Swedish headers on the page.
    details = get(ds, f"/{db}/statement_details.csv?_size=1").text.splitlines()[0]
    assert details.startswith("statement_id,statement,speaker,speaker_party,role,")
    shown = {c: t for c, t, _ in headers(get(ds, f"/{db}/statement_details").text)}
    assert shown["statement"] == "citat" and shown["lan_name"] == "län"
    assert shown["story_key"] == "berättelse"


def test_filter_line_and_facets_read_in_swedish(ds: Any, populated: Path) -> None:
    db = populated.stem
    page = get(ds, f"/{db}/statements?actor_role=kso&_sort_desc=score&_facet=topic").text
    line = _text(re.search(r"(?s)<h3>(.*?)</h3>", page)[1])
    assert line == "2 rader där roll = ”kommunstyrelsens ordförande” sorterade efter poäng fallande"
    assert "sorted by" not in page and "actor_role" not in line
    assert '<strong title="topic">ämne' in page
    assert re.search(r'<a href="[^"]*topic=transit"[^>]*title="transit">kollektivtrafik</a>', page)
    # Filter operations by name, the value in the query string unchanged.
    assert ">innehåller</option>" in page and ">contains</option>" not in page
    cases = get(ds, f"/{db}/conflict_cases").text
    facet_names = re.findall(r'<strong title="([^"]+)">([^<]+?)\s*<span', cases)
    assert ("actor_role", "roll") in facet_names and ("lan_name", "län") in facet_names
    row = get(ds, f"/{db}/reviews/1").text
    assert '<span title="correct">rätt</span>' in row
    assert "via uttalande i" not in row  # reviews has no incoming links; the title is Swedish
    assert "<title>" in row and "Granskningar" in row


def test_query_pages_label_columns_and_take_dates_as_text(ds: Any, populated: Path) -> None:
    db = populated.stem
    page = get(ds, f"/{db}/senaste_flaggade").text
    shown = [_text(t) for t in re.findall(r"(?s)<th\b[^>]*>(.*?)</th>", page)]
    assert shown[0] == "uttalande" and "statement_id" not in shown
    assert get(ds, f"/{db}/senaste_flaggade.json?_shape=array").json()[0]["statement_id"]
    # The map plugin finds its columns by the headers' data-column: the real names stay there.
    karta = get(ds, f"/{db}/karta", params={"fran": "", "till": ""}).text
    assert re.search(r'<th [^>]*data-column="latitude"[^>]*>latitud</th>', karta)
    form = get(ds, f"/{db}/konflikt_per_manad_lan").text
    assert '<label for="qp1">Från och med (ÅÅÅÅ-MM-DD)</label>' in form
    fran = re.search(r'<input[^>]*name="fran"[^>]*>', form)[0]
    assert 'type="text"' in fran and 'placeholder="ÅÅÅÅ-MM-DD"' in fran
    assert 'pattern="\\d{4}-\\d{2}-\\d{2}"' in fran
    march = get(
        ds,
        f"/{db}/konflikt_per_manad_lan.json",
        params={"fran": "2025-03-01", "till": "2025-03-31", "amne": "", "_shape": "array"},
    ).json()
    assert march and {r["månad"] for r in march} == {"2025-03"}
    bad = get(ds, f"/{db}/konflikt_per_manad_lan", params={"fran": "03/01/2025", "till": ""})
    assert "Från: &#39;03/01/2025&#39; är inget datum – skriv ÅÅÅÅ-MM-DD" in bad.text
    dashboard = get(ds, "/-/dashboards/konfliktlaget").text
    for name in ("fran", "till"):
        field = re.search(rf'<input[^>]*name="{name}"[^>]*>', dashboard)[0]
        assert 'type="text"' in field and 'placeholder="ÅÅÅÅ-MM-DD"' in field


def test_home_and_database_pages_name_tables_and_columns_in_swedish(
    ds: Any, populated: Path
) -> None:
    db = populated.stem
    page = get(ds, f"/{db}").text
    assert f'<a href="/{db}/statements" title="statements">Uttalanden</a>' in page
    lists = re.findall(r"(?s)<p><em>(.*?)</em></p>", page)
    assert len(lists) >= 19
    shown = {c.strip() for line in lists for c in html.unescape(line).split(",")}
    assert {"citat", "roll", "poäng", "K-kategori"} <= shown
    assert not shown & ENGLISH, shown & ENGLISH
    assert ">Uttalanden att läsa</a>" in page, "views by their titles"
    home = _text(get(ds, "/").text)
    assert "Data license" not in home and "Licens:" in home
