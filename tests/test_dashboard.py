"""The dashboard "Konfliktläget": filters in words, figures, anonymous access, Chromium.

The database is the small populated one of test_datasette plus a demo-like
spread of conflict cases over the last year in four counties (real municipality
coordinates from db/reference/municipalities.csv) and crawled articles of each
county's outlets, so the per-100-articles figures have a denominator.
"""

from __future__ import annotations

import asyncio
import csv
import datetime as dt
import json
import random
import re
import sqlite3
import threading
import time
from collections.abc import Iterator
from pathlib import Path

import pytest
from test_datasette import populate

from bevakning.dashboard import convex_hull, county_outlines
from bevakning.web import make_datasette
from db.core import open_db

PATH = "/-/dashboards/konfliktlaget"
REFERENCE = Path(__file__).resolve().parent.parent / "db" / "reference" / "municipalities.csv"
COUNTIES = {
    "18": "Örebro län",
    "05": "Östergötlands län",
    "06": "Jönköpings län",
    "03": "Uppsala län",
}
ROLES = ["kso", "kommunalrad", "oppositionsrad", "kommundirektor", "municipal_politician"]
TOPICS = ["transit", "transit", "rus", "other_regional"]


def populate_dashboard(path: Path, today: dt.date | None = None) -> None:
    """populate() plus 120 cases and ~2,000 articles spread over the last 12 months."""
    populate(path)
    today = today or dt.date.today()
    rng = random.Random(14)
    db = open_db(path)
    with REFERENCE.open(encoding="utf-8") as fh:
        refs = [r for r in csv.DictReader(fh) if r["lan_code"] in COUNTIES]
    db["municipalities"].upsert_all(
        [
            {
                "code": r["code"],
                "name": r["name"],
                "lan_code": r["lan_code"],
                "lan_name": r["lan_name"],
                "lat": float(r["lat"]),
                "lon": float(r["lon"]),
                "k_category": ["K1", "K2", "K3", "K4"][int(r["code"]) % 4],
            }
            for r in refs
        ],
        pk="code",
    )
    db["sources"].upsert_all(
        [{"id": f"s{c}", "name": f"Tidning {n}", "lan": c} for c, n in COUNTIES.items()], pk="id"
    )
    articles = []
    for i in range(2000):
        code = rng.choice(list(COUNTIES))
        day = today - dt.timedelta(days=rng.randrange(365))
        articles.append(
            {
                "id": 1000 + i,
                "source_id": f"s{code}",
                "url": f"http://s{code}.example/a/{i}",
                "title": "Artikel",
                "published": f"{day.isoformat()}T08:00:00+01:00",
                "text": "Text.",
            }
        )
    db["articles"].insert_all(articles)
    cases = []
    # Örebro län gets most cases, Laxå most of those (a figure the tests can follow).
    weights = {"18": 5, "05": 2, "06": 2, "03": 1}
    for i in range(120):
        code = rng.choices(list(weights), weights=list(weights.values()))[0]
        local = [r for r in refs if r["lan_code"] == code]
        muni = next(r for r in refs if r["code"] == "1860") if i % 4 == 0 else rng.choice(local)
        day = today - dt.timedelta(days=rng.randrange(360))
        cases.append(
            {
                "id": 10_000 + i,
                "story_id": 10_000 + i,
                "municipality": muni["name"],
                "municipality_code": muni["code"],
                "lan": muni["lan_code"],
                "lan_name": muni["lan_name"],
                "k_category": ["K1", "K2", "K3", "K4"][int(muni["code"]) % 4],
                "actor": "Anna Andersson",
                "actor_role": ROLES[i % len(ROLES)],
                "target": "Länstrafiken",
                "target_key": TOPICS[i % len(TOPICS)],
                "topic": TOPICS[i % len(TOPICS)],
                "quote": "– Det här är ett svek.",
                "quote_kind": "quote",
                "score": 0.9,
                "first_published": f"{day.isoformat()}T09:00:00+01:00",
                "month": day.isoformat()[:7],
                "n_statements": 1,
            }
        )
    db["conflict_cases"].insert_all(cases)
    db.conn.commit()
    db.close()


@pytest.fixture(scope="module")
def dash_db(tmp_path_factory) -> Path:
    path = tmp_path_factory.mktemp("dash") / "bevakning.db"
    populate_dashboard(path)
    return path


def get(ds, path: str, **kwargs):
    return asyncio.run(ds.client.get(path, **kwargs))


def figure(html: str, element_id: str) -> str:
    match = re.search(rf'id="{element_id}"><strong>([^<]*)</strong>', html)
    assert match, f"{element_id} missing"
    return match.group(1)


def specs(html: str) -> dict:
    match = re.search(r'<script type="application/json" id="kl-specs">(.*?)</script>', html, re.S)
    assert match
    return json.loads(match.group(1))


def test_dashboard_answers_anonymous_readers_while_free_sql_stays_forbidden(dash_db: Path) -> None:
    ds = make_datasette(dash_db, environ={})
    response = get(ds, PATH)
    assert response.status_code == 200
    html = response.text
    assert "<h1>Konfliktläget</h1>" in html
    assert int(figure(html, "kl-total")) == 120, "every case of the last 12 months"
    for label in ("Konflikter per vecka och län", "per 100 artiklar", "Kommuner med flest"):
        assert label in html
    for option in ("Örebro län", "Laxå", "kollektivtrafik", "RUS och regionala planer"):
        assert f">{option}</option>" in html
    assert "kommunstyrelsens ordförande" in html and "oppositionsråd" in html
    # Free SQL stays closed to the same anonymous reader.
    assert get(ds, "/bevakning.json", params={"sql": "select 1"}).status_code == 403
    # The home page leads there in one click.
    assert f'href="{PATH}"' in get(ds, "/").text
    js = get(ds, "/-/dashboards/static/vega-lite.min.js")
    assert js.status_code == 200 and "javascript" in js.headers["content-type"]
    assert get(ds, "/-/dashboards/static/secret.min.js").status_code == 404


def test_filters_in_words_change_the_figures(dash_db: Path) -> None:
    ds = make_datasette(dash_db, environ={})
    total = int(figure(get(ds, PATH).text, "kl-total"))
    orebro = get(ds, PATH, params={"lan": "Örebro län"}).text
    short = get(ds, PATH, params={"lan": "Örebro"}).text
    code = get(ds, PATH, params={"lan": "18"}).text
    n_orebro = int(figure(orebro, "kl-total"))
    assert 0 < n_orebro < total
    assert figure(short, "kl-total") == figure(code, "kl-total") == str(n_orebro)
    laxa = get(ds, PATH, params={"lan": "Örebro län", "kommun": "Laxå"}).text
    assert 0 < int(figure(laxa, "kl-total")) < n_orebro
    transit = get(ds, PATH, params={"amne": "kollektivtrafik"}).text
    kso = get(ds, PATH, params={"roll": "kommunstyrelsens ordförande"}).text
    assert 0 < int(figure(transit, "kl-total")) < total
    assert int(figure(kso, "kl-total")) == 24, "every fifth case"
    # Per 100 articles: the articles of the county's outlets in the same period.
    today = dt.date.today()
    with sqlite3.connect(dash_db) as conn:
        (articles,) = conn.execute(
            "select count(*) from articles a join sources s on s.id = a.source_id "
            "where s.lan = '18' and a.published >= ? and a.published < ?",
            (
                (today - dt.timedelta(days=365)).isoformat(),
                (today + dt.timedelta(days=1)).isoformat(),
            ),
        ).fetchone()
    assert 300 < articles < 1000
    expected = f"{100 * n_orebro / articles:.1f}".replace(".", ",")
    assert figure(orebro, "kl-per100") == expected
    weekly = specs(orebro)["vecka"]["data"]["values"]
    assert sum(w["konflikter"] for w in weekly) == n_orebro
    assert all(w["per100"] and w["lan"] == "Örebro län" for w in weekly)
    # The chosen filters stay chosen, and the top list links to the municipality's cases.
    assert '<option value="Örebro län" selected>' in orebro
    assert re.search(r'href="/bevakning/konflikter\?lan=&amp;kommun=Lax%C3%A5&amp;', orebro)
    # Only Örebro län's points and outline on its map.
    karta = specs(orebro)["karta"]["layer"]
    assert {p["lan"] for p in karta[3]["data"]["values"]} == {"Örebro län"}
    assert [o["properties"]["lan"] for o in karta[0]["data"]["values"]] == ["Örebro län"]
    # A period with nothing in it.
    empty = get(ds, PATH, params={"fran": "2001-01-01", "till": "2001-12-31"}).text
    assert figure(empty, "kl-total") == "0" and "Inga konflikter med dessa filter." in empty


@pytest.mark.parametrize(
    "params,message",
    [
        ({"lan": "Atlantis"}, "Okänt län: ”Atlantis”"),
        ({"kommun": "Gotham"}, "Okänd kommun: ”Gotham”"),
        ({"lan": "Uppsala län", "kommun": "Laxå"}, "Laxå ligger inte i Uppsala län."),
        ({"amne": "transit"}, "Okänt ämne: ”transit”. Välj: kollektivtrafik"),
        ({"roll": "kso"}, "Okänd aktörsroll: ”kso”"),
        ({"fran": "igår"}, "Från: ”igår” är inget datum"),
        ({"fran": "2026-05-01", "till": "2026-01-01"}, "Från-datumet ligger efter"),
    ],
)
def test_unknown_filter_value_says_so_in_swedish(dash_db: Path, params: dict, message: str) -> None:
    ds = make_datasette(dash_db, environ={})
    response = get(ds, PATH, params=params)
    assert response.status_code == 400
    assert message in response.text
    assert 'role="alert"' in response.text


def test_filter_value_is_shown_as_text(dash_db: Path) -> None:
    ds = make_datasette(dash_db, environ={})
    html = get(ds, PATH, params={"kommun": "<script>alert(1)</script>"}).text
    assert "<script>alert(1)</script>" not in html
    assert "Okänd kommun: ”&lt;script&gt;alert(1)&lt;/script&gt;”" in html


def test_empty_and_unmigrated_databases_get_a_page_not_a_traceback(tmp_path: Path) -> None:
    empty = tmp_path / "tom.db"
    open_db(empty).close()  # migrated, nothing crawled
    response = get(make_datasette(empty, environ={}), PATH)
    assert response.status_code == 200 and figure(response.text, "kl-total") == "0"
    assert "Inga konflikter med dessa filter." in response.text
    old = tmp_path / "gammal.db"
    sqlite3.connect(old).execute(
        "create table articles (id integer primary key)"
    ).connection.close()
    response = get(make_datasette(old, environ={}), PATH)
    assert response.status_code == 503
    assert (
        "Databasen har inga konfliktfall än. Kör <code>bevakning classify</code>" in response.text
    )


def test_a_period_from_1900_counts_only_weeks_with_articles(dash_db: Path) -> None:
    ds = make_datasette(dash_db, environ={})
    started = time.perf_counter()
    html = get(ds, PATH, params={"fran": "1900-01-01"}).text
    assert time.perf_counter() - started < 5
    # Every case (the 120 generated and populate()'s three of 2025), and populate()'s four
    # articles of 2025 besides the 2,000 of the last year.
    assert int(figure(html, "kl-total")) == 123
    assert re.sub(r"\D", "", figure(html, "kl-articles")) == "2004"


def test_county_outline_is_a_clockwise_hull() -> None:
    hull = convex_hull([(0, 0), (2, 0), (1, 1), (2, 2), (0, 2)])
    assert sorted(hull) == [(0, 0), (0, 2), (2, 0), (2, 2)]
    munis = [
        {"lan_code": "18", "lan_name": "Örebro län", "lon": x, "lat": y}
        for x, y in [(0, 0), (2, 0), (2, 2), (0, 2)]
    ]
    ring = county_outlines(munis, "")[0]["geometry"]["coordinates"][0]
    area2 = sum(a[0] * b[1] - b[0] * a[1] for a, b in zip(ring, ring[1:], strict=False))
    assert ring[0] == ring[-1] and area2 < 0, "clockwise, or d3-geo fills the whole globe"
    assert county_outlines(munis[:2], "") == [], "two points make no outline"


# --- Chromium --------------------------------------------------------------------------------


@pytest.fixture(scope="module")
def dash_server(dash_db: Path) -> Iterator[str]:
    import socket

    import uvicorn

    ds = make_datasette(dash_db, environ={})
    with socket.socket() as s:
        s.bind(("127.0.0.1", 0))
        port = s.getsockname()[1]
    srv = uvicorn.Server(uvicorn.Config(ds.app(), host="127.0.0.1", port=port, log_level="warning"))
    thread = threading.Thread(target=srv.run, daemon=True)
    thread.start()
    deadline = time.monotonic() + 20
    while not srv.started:
        assert time.monotonic() < deadline, "Datasette did not start"
        time.sleep(0.05)
    yield f"http://127.0.0.1:{port}"
    srv.should_exit = True
    thread.join(10)


def test_chromium_dashboard_renders_and_filters(dash_server: str, output_dir: Path) -> None:
    from playwright.sync_api import sync_playwright
    from test_datasette_server import CHROMIUM

    assert Path(CHROMIUM).exists(), f"{CHROMIUM} is missing: install Debian's chromium"
    with sync_playwright() as p:
        browser = p.chromium.launch(
            executable_path=CHROMIUM,
            args=["--no-sandbox", "--disable-gpu", "--disable-background-networking"],
        )
        page = browser.new_page(viewport={"width": 1400, "height": 900})
        errors: list[str] = []
        page.on("pageerror", lambda exc: errors.append(str(exc)))
        try:
            page.goto(f"{dash_server}{PATH}")
            for name in ("vecka", "kategori", "roll", "karta"):
                page.locator(f"#chart-{name} svg, #chart-{name} canvas").first.wait_for(
                    state="visible", timeout=15000
                )
            # The map draws a circle per municipality with conflicts.
            assert page.locator("#chart-karta svg path").count() > 20
            assert page.locator("#chart-vecka svg").bounding_box()["width"] > 400
            height = page.evaluate("document.documentElement.scrollHeight")
            assert height < 5000, f"{height} px tall at 1,400 px"
            page.screenshot(path=output_dir / "konfliktlaget.png", full_page=True)
            before = page.locator("#kl-total strong").inner_text()
            page.select_option("#kl-lan", label="Örebro län")
            page.wait_for_url(re.compile(r"lan=%C3%96rebro"))
            page.locator("#chart-karta svg").first.wait_for(state="visible", timeout=15000)
            after = page.locator("#kl-total strong").inner_text()
            assert int(after) < int(before), (before, after)
            # Kommun now offers Örebro län's municipalities only.
            assert page.locator("#kl-kommun option:not([disabled])", has_text="Laxå").count()
            assert not page.locator("#kl-kommun option:not([disabled])", has_text="Uppsala").count()
            page.screenshot(path=output_dir / "konfliktlaget_orebro.png", full_page=True)
            assert not errors, errors
        finally:
            browser.close()
