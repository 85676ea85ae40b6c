"""Datasette: canned queries, permissions, the review path, escaping, serve's bind check."""

from __future__ import annotations

import asyncio
from pathlib import Path
from typing import Any

import pytest

from bevakning.web import load_metadata, make_datasette
from db import open_db

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
