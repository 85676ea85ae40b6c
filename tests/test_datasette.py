"""Datasette in process: canned queries, search, syndication, metadata, accounts, anonymous writes."""

from __future__ import annotations

import asyncio
import json
import re
import sqlite3
from pathlib import Path
from typing import Any

import pytest

from bevakning.web import hash_password, load_metadata, make_datasette, metadata_for
from db import open_db
from db.cases import rebuild_cases

QUERIES = load_metadata()["databases"]["bevakning"]["queries"]
READ_QUERIES = [name for name, q in QUERIES.items() if not q.get("write")]
XSS = "Kommunen <script>alert(1)</script> säger <b>nej</b> till Länstrafiken."


def populate(path: Path) -> dict[str, Any]:
    """A small realistic database: two counties, a syndicated story, a hostile article text."""
    db = open_db(path)
    db["regions"].insert_all(
        [
            {"lan_code": "18", "lan_name": "Örebro län", "region_name": "Region Örebro län"},
            {
                "lan_code": "05",
                "lan_name": "Östergötlands län",
                "region_name": "Region Östergötland",
            },
        ]
    )
    db["municipalities"].insert_all(
        [
            {
                "code": "1880",
                "name": "Örebro",
                "lan_code": "18",
                "lan_name": "Örebro län",
                "lat": 59.27,
                "lon": 15.21,
                "k_category": "K1",
            },
            {
                "code": "1860",
                "name": "Laxå",
                "lan_code": "18",
                "lan_name": "Örebro län",
                "lat": 58.99,
                "lon": 14.62,
                "k_category": "K3",
            },
            {
                "code": "0561",
                "name": "Åtvidaberg",
                "lan_code": "05",
                "lan_name": "Östergötlands län",
                "lat": 58.20,
                "lon": 15.99,
                "k_category": "K2",
            },
        ]
    )
    db["municipality_aliases"].insert({"alias": "Laxå kommun", "code": "1860", "kind": "official"})
    db["sources"].insert_all(
        [
            {"id": "nt", "name": "Nerikes Tidning", "homepage": "http://nt.example/", "lan": "18"},
            {"id": "cb", "name": "Corren Bladet", "homepage": "http://cb.example/", "lan": "05"},
        ]
    )
    articles = [
        # id, source, title, published, text, story_id
        (
            1,
            "nt",
            "Laxå rasar mot indragen busslinje",
            "2025-03-04T07:30:00+01:00",
            "– Det här är ett svek mot Laxå, säger kommunstyrelsens ordförande.",
            1,
        ),
        (
            2,
            "cb",
            "Laxå rasar mot indragen busslinje",
            "2025-03-05T08:00:00+01:00",
            "– Det här är ett svek mot Laxå, säger kommunstyrelsens ordförande.",
            1,
        ),
        (
            3,
            "cb",
            "Åtvidaberg säger nej till RUS",
            "2025-04-10T09:00:00+02:00",
            "Kommunen i Åtvidaberg ser ingen nytta med Östgötatrafiken och hållplatsen flyttas.",
            3,
        ),
        (4, "nt", "Nytt konstgräs", "2025-04-11T09:00:00+02:00", XSS, 4),
    ]
    db["articles"].insert_all(
        [
            {
                "id": i,
                "source_id": s,
                "url": f"http://{s}.example/a/{i}",
                "title": t,
                "published": p,
                "text": x,
                "story_id": st,
                "story_first": int(i == st),
                "classified_at": "2025-05-01T00:00:00+00:00",
            }
            for i, s, t, p, x, st in articles
        ]
    )
    flagged_text = "– Det här är ett svek mot Laxå."
    db["statements"].insert_all(
        [
            {
                "id": 1,
                "article_id": 1,
                "position": 0,
                "text": flagged_text,
                "speaker": "Anna Andersson",
                "actor_role": "kso",
                "municipality": "Laxå",
                "municipality_code": "1860",
                "topic": "transit",
                "conflict": 1,
                "score": 0.93,
                "model": "test-model v1",
                "region_lan_code": "18",
            },
            {
                "id": 2,
                "article_id": 2,
                "position": 0,
                "text": flagged_text,
                "speaker": "Anna Andersson",
                "actor_role": "kso",
                "municipality": "Laxå",
                "municipality_code": "1860",
                "topic": "transit",
                "conflict": 1,
                "score": 0.93,
                "model": "test-model v1",
                "region_lan_code": "18",
            },
            {
                "id": 3,
                "article_id": 3,
                "position": 0,
                "text": "Kommunen i Åtvidaberg ser ingen nytta med Östgötatrafiken och hållplatsen flyttas.",
                "speaker": None,
                "actor_role": "municipality",
                "municipality": "Åtvidaberg",
                "municipality_code": "0561",
                "topic": "rus",
                "conflict": 1,
                "score": 0.81,
                "model": "test-model v1",
                "region_lan_code": "05",
            },
            {
                "id": 4,
                "article_id": 4,
                "position": 0,
                "text": XSS,
                "speaker": None,
                "actor_role": "municipality",
                "municipality": "Örebro",
                "municipality_code": "1880",
                "topic": "transit",
                "conflict": 1,
                "score": 0.6,
                "model": "test-model v1",
            },
            {
                "id": 5,
                "article_id": 4,
                "position": 1,
                "text": "Planen klubbades i veckan.",
                "actor_role": "journalist",
                "topic": "none",
                "conflict": 0,
                "score": 0.05,
                "model": "test-model v1",
            },
        ]
    )
    db.conn.commit()
    rebuild_cases(db)
    db.close()
    return {"flagged_stories": 3}


def get(ds, path: str, **kwargs):
    return asyncio.run(ds.client.get(path, **kwargs))


@pytest.fixture(scope="module")
def populated(tmp_path_factory) -> Path:
    path = tmp_path_factory.mktemp("ds") / "bevakning.db"
    populate(path)
    return path


def _params(name: str) -> dict[str, str]:
    defaults = {"kommun": "Laxå", "q": "Laxå", "statement_id": "1", "verdict": "correct"}
    return {p: defaults.get(p, "") for p in QUERIES[name].get("params", [])}


@pytest.mark.parametrize("name", READ_QUERIES)
def test_canned_query_on_fresh_database(db_path: Path, name: str) -> None:
    open_db(db_path).close()
    ds = make_datasette(db_path, environ={})
    response = get(ds, f"/test/{name}.json", params={**_params(name), "_shape": "objects"})
    assert response.status_code == 200, response.text[:500]
    assert response.json()["ok"] is True
    assert response.json()["rows"] == []


@pytest.mark.parametrize("name", READ_QUERIES)
def test_canned_query_on_populated_database(populated: Path, name: str) -> None:
    ds = make_datasette(populated, environ={})
    response = get(ds, f"/bevakning/{name}.json", params={**_params(name), "_shape": "objects"})
    assert response.status_code == 200, response.text[:500]
    assert response.json()["ok"] is True, response.json()
    html = get(ds, f"/bevakning/{name}", params=_params(name))
    assert html.status_code == 200
    assert QUERIES[name]["title"] in html.text
    for param in QUERIES[name].get("params", []):
        assert f'name="{param}"' in html.text, f"{param} is not a form field"


@pytest.mark.parametrize(
    "query,q,expected",
    [
        ("sok_uttalanden", "Länstrafiken", [4]),
        ("sok_uttalanden", "Åtvidaberg", [3]),
        ("sok_uttalanden", "hållplats", [3]),  # prefix: finds "hållplatsen"
        ("sok_uttalanden", "hallplats", [3]),  # unicode61 folds å → a (documented)
        ("sok_uttalanden", "svek mot", [1]),  # one row for a syndicated story
        ("sok_uttalanden", 'svek" OR "nej', []),  # operators and quotes are literal
        ("sok_uttalanden", "", []),
        ("sok_artiklar", "Östgötatrafiken", [3]),
        ("sok_artiklar", "Laxå", [1]),  # the syndicated copy (id 2) is not repeated
        ("sok_artiklar", "*", []),
    ],
)
def test_search_handles_swedish_letters(populated: Path, query: str, q: str, expected) -> None:
    ds = make_datasette(populated, environ={})
    response = get(ds, f"/bevakning/{query}.json", params={"q": q, "_shape": "array"})
    assert response.status_code == 200, response.text
    assert [next(iter(row.values())) for row in response.json()] == expected


def test_syndicated_story_counts_once(populated: Path) -> None:
    ds = make_datasette(populated, environ={})
    rows = get(ds, "/bevakning/senaste_flaggade.json?lan=&amne=&_shape=array").json()
    laxa = [r for r in rows if r["kommun"] == "Laxå"]
    assert len(laxa) == 1 and laxa[0]["kopior"] == 2
    per_month = get(ds, "/bevakning/konflikt_per_manad_lan.json?fran=&till=&amne=&_shape=array")
    march = [r for r in per_month.json() if r["månad"] == "2025-03"]
    assert [{k: r[k] for k in ("månad", "län", "konflikter", "uttalanden")} for r in march] == [
        {"månad": "2025-03", "län": "Örebro län", "konflikter": 1, "uttalanden": 1}
    ]
    top = get(ds, "/bevakning/topp_kommuner.json?fran=&till=&lan=18&_shape=array").json()
    assert {r["kommun"]: r["konflikter"] for r in top} == {"Laxå": 1, "Örebro": 1}
    one = get(ds, "/bevakning/kommun.json?kommun=laxå kommun&_shape=array").json()
    assert [r["statement_id"] for r in one] == [1], "alias lookup, one row per story"


def test_every_table_and_column_is_described(db_path: Path) -> None:
    db = open_db(db_path)
    tables = load_metadata()["databases"]["bevakning"]["tables"]
    hidden = {"_sqlite_migrations"}
    names = [t for t in db.table_names() + db.view_names() if t not in hidden and "_fts" not in t]
    missing = []
    for name in names:
        meta = tables.get(name, {})
        if not meta.get("description") or not meta.get("title"):
            missing.append(name)
        # table_xinfo, not table_info: generated columns (review_margin) are shown too.
        cols = [r[1] for r in db.execute(f"pragma table_xinfo([{name}])") if r[6] != 1]
        missing += [f"{name}.{c}" for c in cols if not meta.get("columns", {}).get(c)]
    assert not missing, f"no Swedish description for: {missing}"


def test_metadata_is_rekeyed_for_other_file_names() -> None:
    meta = metadata_for("demo")
    assert "demo" in meta["databases"] and "bevakning" not in meta["databases"]
    assert "/demo/senaste_flaggade" in meta["description_html"]


def test_reviewer_accounts_come_from_environment(tmp_path: Path) -> None:
    from bevakning.web import reviewer_accounts

    env = {
        "BEVAKNING_REVIEWER_PASSWORD_HASH": "h1",
        "BEVAKNING_PASSWORD_HASH_ERIK": "h2",
        "BEVAKNING_PASSWORD_HASH_BAD NAME": "h3",
    }
    assert reviewer_accounts(env) == {"granskare": "h1", "erik": "h2"}
    assert reviewer_accounts({}) == {}
    ds = make_datasette(tmp_path / "x.db", environ={})
    login = get(ds, "/-/login")
    assert login.status_code == 200  # no accounts: the login page says so, nothing crashes
    assert (tmp_path / "x.db.secret").stat().st_mode & 0o077 == 0, "secret readable by others"


def test_hash_password_round_trip() -> None:
    from bevakning.reviewer_auth import verify_password

    assert verify_password("lösen", hash_password("lösen"))
    assert not verify_password("fel", hash_password("lösen"))


def test_anonymous_write_refused_in_process(populated: Path) -> None:
    ds = make_datasette(populated, environ={})
    assert get(ds, "/bevakning/granska").status_code == 403
    with sqlite3.connect(populated) as conn:
        assert conn.execute("select count(*) from reviews").fetchone()[0] == 0


def test_flagged_summary_follows_statements(db_path: Path) -> None:
    populate(db_path)
    db = open_db(db_path)

    def summary() -> dict[int, tuple]:
        return {
            r[0]: r[1:]
            for r in db.execute("select statement_id, story_key, month, topic from flagged_summary")
        }

    assert set(summary()) == {1, 2, 3, 4}
    db.execute("update statements set conflict = 0 where id = 3")
    db.execute("update statements set conflict = 1, topic = 'rus' where id = 5")
    db.execute(
        "update articles set published = '2025-06-01T00:00:00+02:00', story_id = 1 where id = 4"
    )
    db.execute("delete from statements where id = 1")
    db.conn.commit()
    assert summary() == {
        2: (1, "2025-03", "transit"),
        4: (1, "2025-06", "transit"),
        5: (1, "2025-06", "rus"),
    }


def _evidence(score: float, passed: bool, role: str | None, cues: list[str]) -> str:
    return json.dumps(
        {
            "score": score,
            "threshold": 0.5,
            "gate": {"name": "strict", "regional_target": True, "passed": passed},
            "speaker": {"role": role} if role else None,
            "stance_cues": cues,
        }
    )


def test_review_queue_lists_the_uncertain_statements_once(db_path: Path) -> None:
    populate(db_path)
    db = open_db(db_path)
    near = "– Vi är inte helt nöjda med Länstrafikens nya tidtabell."
    kept = "– Vi vill ha kvar linjen, säger kommunalrådet."
    rows = [
        # id, article, text, conflict, score, evidence, municipality code
        (
            20,
            3,
            "Åtvidaberg kräver att hållplatsen blir kvar.",
            1,
            0.62,
            (0.62, True, "kso", ["kräver"]),
            "0561",
        ),
        (21, 1, "– Det är ett svek mot Laxå.", 1, 0.95, (0.95, True, "kso", ["svek"]), "1860"),
        (22, 1, near, 0, 0.45, (0.45, True, "kso", []), "1860"),
        (
            23,
            1,
            "Laxå kommun har fått svar från regionen.",
            0,
            0.05,
            (0.05, True, "kso", []),
            "1860",
        ),
        (
            24,
            4,
            "Det är ett svek mot alla som pendlar med Länstrafiken.",
            0,
            0.7,
            (0.7, False, None, ["svek"]),
            "1860",
        ),
        (
            25,
            4,
            "Resenärerna kritiserar Länstrafiken.",
            0,
            0.7,
            (0.7, False, "citizen", ["kritiserar"]),
            "1860",
        ),
        (26, 2, near, 0, 0.45, (0.45, True, "kso", []), "1860"),  # a syndicated copy of 22
        (27, 1, kept, 0, 0.48, (0.48, True, "kommunalrad", []), "1860"),
        (29, 2, kept, 0, 0.48, (0.48, True, "kommunalrad", []), "1860"),  # reviewed; 27 is its copy
        (28, 4, "Trasig rad.", 0, 0.5, None, "1860"),
    ]
    db["statements"].insert_all(
        [
            {
                "id": i,
                "article_id": a,
                "position": 10 + i,
                "text": t,
                "conflict": c,
                "score": s,
                "evidence": _evidence(*e) if e else "{inte json",
                "municipality_code": code,
                "model": "test-model v1",
            }
            for i, a, t, c, s, e, code in rows
        ]
    )
    db["reviews"].insert({"statement_id": 29, "verdict": "correct", "reviewer": "anna"})
    db.conn.commit()
    db.close()
    ds = make_datasette(db_path, environ={})

    def queue(lan: str = "") -> list[tuple[int, str]]:
        res = get(ds, f"/{db_path.stem}/att_granska.json", params={"lan": lan, "_shape": "array"})
        assert res.status_code == 200, res.text[:500]
        return [(r["statement_id"], r["varfor"]) for r in res.json()]

    assert queue() == [
        (22, "Inte flaggad, men nära gränsen"),
        (20, "Flaggad med liten marginal"),
        (24, "Låter som kritik mot regionen, men talaren är okänd"),
    ]
    assert queue("05") == [(20, "Flaggad med liten marginal")]
    assert [i for i, _ in queue("Örebro län")] == [22, 24]


def _asgi_get(app, path: str, cookie: str | None = None) -> str:
    import asyncio

    import httpx

    async def fetch() -> str:
        transport = httpx.ASGITransport(app=app)
        headers = {"cookie": cookie} if cookie else {}
        async with httpx.AsyncClient(transport=transport, base_url="http://t") as client:
            response = await client.get(path, headers=headers)
            assert response.status_code == 200
            return response.text

    return asyncio.run(fetch())


def test_pages_are_cached_for_anonymous_readers_only(populated: Path) -> None:
    """Anonymous GETs get a short-lived copy; signed-in users, /-/ pages and cookies pass."""
    from bevakning.web import PageCache, make_datasette

    ds = make_datasette(populated)
    inner = ds.app()
    seen: list[str] = []

    async def counting(scope, receive, send):
        seen.append(scope["path"] + "?" + scope["query_string"].decode())
        await inner(scope, receive, send)

    db_page = f"/{populated.stem}"
    app = PageCache(counting, ttl=3600, max_entries=3)
    first = _asgi_get(app, db_page)
    assert _asgi_get(app, db_page) == first
    assert _asgi_get(app, db_page + "/senaste_flaggade?lan=18") == _asgi_get(
        app, db_page + "/senaste_flaggade?lan=18"
    )
    assert seen == [f"{db_page}?", f"{db_page}/senaste_flaggade?lan=18"]
    _asgi_get(app, db_page, cookie="ds_actor=x")
    _asgi_get(app, "/-/versions")
    _asgi_get(app, "/-/versions")
    assert len(seen) == 5
    # The oldest copies give way to new ones; an expired copy is made again.
    for n in range(3):
        _asgi_get(app, f"{db_page}/statements?_size={n + 1}")
    assert len(app._copies) == 3
    _asgi_get(app, db_page)
    assert len(seen) == 9
    app.ttl = 0
    _asgi_get(app, f"{db_page}/statements?_size=3")
    assert len(seen) == 10


ENGLISH_CHROME = [
    "Custom SQL query",
    "Powered by",
    "This data as",
    "Next page",
    "Log out",
    "Error 4",
    "Run SQL",
    "Advanced export",
    "Tables",
    "Queries",
    "Views",
    "rows",
    "0 results",
    "Sort by",
]


def _visible_text(html: str) -> str:
    html = re.sub(r"(?is)<(script|style)\b.*?</\1>", " ", html)
    html = re.sub(r"(?s)<!--.*?-->", " ", html)
    return re.sub(r"(?s)<[^>]+>", " ", html)


@pytest.mark.parametrize(
    "path",
    [
        "/",
        "/bevakning",
        "/bevakning/statements",
        "/bevakning/statements/1",
        "/bevakning/senaste_flaggade",
        "/bevakning/finns_inte",
        "/bevakning?sql=select+1",
    ],
)
def test_interface_text_is_swedish(populated: Path, path: str) -> None:
    """The chrome people read on Datasette's pages is Swedish, errors included."""
    ds = make_datasette(populated)
    path = path.replace("/bevakning", f"/{populated.stem}")
    response = asyncio.run(ds.client.get(path))
    assert response.status_code in (200, 403, 404)
    text = _visible_text(response.text)
    found = [phrase for phrase in ENGLISH_CHROME if re.search(rf"\b{phrase}\b", text)]
    assert not found, (path, found)


def test_datasette_connections_wait_for_the_write_lock(db_path: Path) -> None:
    """A reviewer's verdict waits for a crawl's or classification's commit like they do."""
    from db.core import BUSY_TIMEOUT_MS

    open_db(db_path).close()
    ds = make_datasette(db_path)
    database = ds.get_database(db_path.stem)

    async def timeouts() -> tuple[int, int]:
        read = (await database.execute("pragma busy_timeout")).rows[0][0]
        write = await database.execute_write_fn(
            lambda conn: conn.execute("pragma busy_timeout").fetchone()[0]
        )
        return read, write

    assert asyncio.run(timeouts()) == (BUSY_TIMEOUT_MS, BUSY_TIMEOUT_MS)


@pytest.mark.parametrize(
    "query,params",
    [
        ("konflikt_per_manad_lan", {"fran": "", "till": "", "amne": ""}),
        ("konflikt_per_kategori", {"lan": "Örebro", "amne": ""}),
        ("konflikt_per_roll", {"fran": "", "till": "", "lan": "18"}),
        ("topp_kommuner", {"fran": "", "till": "", "lan": ""}),
    ],
)
def test_counts_are_cases_with_the_cases_one_click_away(
    populated: Path, query: str, params: dict[str, str]
) -> None:
    """Each count row links to exactly the cases it counts; each case to its statements."""
    ds = make_datasette(populated, environ={})
    rows = get(ds, f"/bevakning/{query}.json", params={**params, "_shape": "array"}).json()
    assert rows and all(r["konflikter"] >= 1 for r in rows)
    html = get(ds, f"/bevakning/{query}", params=params).text
    hrefs = re.findall(
        r'<a href="(/bevakning/(?:conflict_cases|konflikter)\?[^"]+)">Visa fallen</a>', html
    )
    assert len(hrefs) == len(rows)
    for row, href in zip(rows, hrefs, strict=True):
        href = href.replace("&amp;", "&")
        if "/konflikter?" in href:
            href = href.replace(
                "/konflikter?", "/konflikter.json?_shape=array&lan=&amne=&roll=&sida=&"
            )
        else:
            href = href.replace("/conflict_cases?", "/conflict_cases.json?_shape=array&")
        cases = get(ds, href).json()
        assert len(cases) == row["konflikter"], (query, row, href)
    listing = get(ds, "/bevakning/konflikter", params={"lan": "Örebro"}).text
    assert '<a href="/bevakning/statements?id__in=1,2">2 uttalanden</a>' in listing
