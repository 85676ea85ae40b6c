"""The locality list (db/reference/localities.csv) and how classify uses it.

A locality tells which municipality an article is about ("Skolbussen till Rengsjö":
Bollnäs) when no municipality is named; an ambiguous or common-word name must not.
"""

from __future__ import annotations

import csv
import importlib.util
import sqlite3
from collections import Counter
from pathlib import Path

import pytest

from classify.article_place import article_place, headline_place
from classify.localities import (
    LOCALITIES_CSV,
    LocalityDataError,
    find_localities,
    load_localities,
    locality_names,
)
from classify.model import load_model
from classify.pipeline import classify_articles
from db import open_db

REFERENCE = LOCALITIES_CSV.parent
KSO_QUOTE = (
    "– Det här är ett svek mot landsbygden och vi accepterar det inte, säger "
    "Bo Rudolfsson (KD), kommunstyrelsens ordförande."
)


def _rows(path: Path) -> list[dict[str, str]]:
    with path.open(encoding="utf-8", newline="") as fh:
        return list(csv.DictReader(fh))


# --- the shipped list -------------------------------------------------------------------------


def test_shipped_list_is_larger_and_every_code_is_a_municipality() -> None:
    rows = _rows(LOCALITIES_CSV)
    codes = {r["code"] for r in _rows(REFERENCE / "municipalities.csv")}
    municipal = {r["name"] for r in _rows(REFERENCE / "municipalities.csv")}
    assert len(rows) >= 1300  # 837 before the postorter were added
    assert {r["code"] for r in rows} <= codes
    assert not {r["name"] for r in rows} & municipal  # found as municipalities already
    assert Counter(r["source"] for r in rows)["postal"] > 400
    assert len(locality_names()) == len(rows)  # one row per name: none ambiguous


def test_a_locality_only_in_the_new_list_places_an_article() -> None:
    # Rengsjö (Bollnäs) and Tungelsta (Haninge) are postorter, not in GeoNames cities500.
    assert headline_place("Skolbussen till Rengsjö dras in") == ("Bollnäs", "2183")
    place = article_place("Kvällsturen dras in", ["Bussen mellan Handen och Tungelsta går sist."])
    assert place.name == "Haninge"


def test_classify_gives_a_bare_kso_title_the_municipality_of_a_new_locality(
    db_path: Path,
) -> None:
    db = open_db(db_path)
    db.execute(
        "insert into sources (id, name, homepage, lan) values ('hela', 'Hela', 'https://h.se/', '21')"
    )
    for i, title in enumerate(
        ["Skolbussen till Rengsjö dras in", "Skolbussen till Ekeby dras in"], 1
    ):
        db.execute(
            "insert into articles (source_id, url, title, text, fetched_at) "
            "values ('hela', ?, ?, ?, '2026-11-19T06:00:00+00:00')",
            [
                f"https://h.se/{i}",
                title,
                "Länstrafiken drar in turen mitt på dagen på linje 61.\n" + KSO_QUOTE,
            ],
        )
    classify_articles(db, load_model(None))
    db.close()
    conn = sqlite3.connect(db_path)
    got = dict(
        conn.execute(
            "select a.title, s.municipality || ' / ' || "
            "coalesce(json_extract(s.evidence, '$.municipality_from'), '') "
            "from statements s join articles a on a.id = s.article_id "
            "where s.speaker like 'Bo Rudolfsson%'"
        ).fetchall()
    )
    conn.close()
    assert got["Skolbussen till Rengsjö dras in"] == "Bollnäs / headline"
    # Ekeby lies in several municipalities: it must not choose one.
    assert got.get("Skolbussen till Ekeby dras in") is None


def test_ambiguous_and_common_word_names_do_not_resolve() -> None:
    names = locality_names()
    assert "Ekeby" not in names and "Fagerhult" not in names  # several municipalities
    assert headline_place("Skolbussen till Ekeby dras in") is None
    # "Skog" (Kramfors) is also a word: only a preposition of place makes it the place.
    assert find_localities("Skog säger nej till nedläggningen.") == []
    assert find_localities("Norr om Skog ligger sjön.") == []
    assert find_localities("Skog-bussen") == []
    assert [loc.name for loc in find_localities("Bussen stannar i Skog.")] == ["Skog"]
    assert [loc.name for loc in find_localities("linjen mellan Kolbäck och Skog")] == [
        "Kolbäck",
        "Skog",
    ]
    assert [loc.name for loc in find_localities("skolorna i Färgelanda och Fristad")] == ["Fristad"]
    assert find_localities("Anna Ek och Fristad") == []
    assert find_localities("det växer skog i skog") == []  # never lower case
    # Better known abroad: left out of the list ("till Los Angeles" is not Los in Ljusdal).
    assert find_localities("Flyget till Los Angeles är fullt.") == []
    # A name that is not a common word still needs a place context.
    assert find_localities("Rengsjö säger nej.") == []
    assert [loc.name for loc in find_localities("Rengsjös skola stängs")] == ["Rengsjö"]


# --- loading: bad rows stop with file and line --------------------------------------------------


def _write(tmp_path: Path, text: str) -> Path:
    path = tmp_path / "localities.csv"
    path.write_text(text, encoding="utf-8")
    return path


@pytest.mark.parametrize(
    ("body", "message"),
    [
        ("Finnerödja,1860\nRengsjö,218\n", ":3: code '218' for 'Rengsjö' is not a four-digit"),
        ("Finnerödja,1860\n,2183\n", ":3: name '' must start with a capital"),
        ("Finnerödja,1860,x\n", ":2: wrong number of fields"),
        ("Finnerödja\n", ":2: wrong number of fields"),
    ],
)
def test_a_malformed_row_names_the_file_and_line(tmp_path: Path, body: str, message: str) -> None:
    path = _write(tmp_path, "name,code\n" + body)
    with pytest.raises(LocalityDataError) as err:
        load_localities(path)
    assert str(path) + message in str(err.value)


def test_missing_column_and_bad_flag_are_errors(tmp_path: Path) -> None:
    with pytest.raises(LocalityDataError, match=r"localities\.csv:1: missing column\(s\) code"):
        load_localities(_write(tmp_path, "name,kod\nFinnerödja,1860\n"))
    with pytest.raises(LocalityDataError, match=r":2: common_word 'ja'"):
        load_localities(_write(tmp_path, "name,code,common_word\nSkog,2282,ja\n"))


def test_a_name_listed_for_two_municipalities_is_ambiguous(tmp_path: Path) -> None:
    table = load_localities(_write(tmp_path, "name,code\nBerga,0180\nBerga,1280\nHova,1447\n"))
    assert table.ambiguous == {"Berga": {"0180", "1280"}}
    assert find_localities("bussen till Berga", table) == []
    assert [loc.code for loc in find_localities("bussen till Hova", table)] == ["1447"]


# --- the build script's rules, on small inputs --------------------------------------------------


def _build_module():
    spec = importlib.util.spec_from_file_location(
        "build_localities", REFERENCE / "build_localities.py"
    )
    module = importlib.util.module_from_spec(spec)
    spec.loader.exec_module(module)
    return module


def test_build_keeps_agreeing_sources_and_drops_contradictions() -> None:
    b = _build_module()

    def city(code: str, lat: str, lon: str, gid: str = "1") -> dict[str, str]:
        return {"code": code, "population": "600", "feature": "PPL", "geonames_id": gid,
                "lat": lat, "lon": lon}  # fmt: skip

    cities = {
        "Finnerödja": [city("1860", "58.93", "14.43")],
        "Hasslerör": [city("1860", "58.95", "14.45")],
        "Björklinge": [city("0382", "60.03", "17.55")],  # kept against the postort's code
        "Ekeby": [city("0180", "59.3", "18.0"), city("1280", "55.6", "13.0")],
        "Fors": [city("2081", "60.2", "15.9")],
        "Horn": [city("0513", "57.90", "15.80")],  # Kinda, near Rimforsa
    }
    postal = {
        "Finnerödja": Counter({"1860": 3}),
        "Björklinge": Counter({"0380": 4}),
        "Gårdsjö": Counter({"1860": 1}),  # near Finnerödja and Hasslerör: kept
        "Rimforsa": Counter({"1860": 4}),  # far from every Laxå place: dropped
        "Jämshög": Counter({"1060": 2, "1272": 2}),  # split postort: dropped
        "Laxå": Counter({"1860": 9}),  # a municipality: found as one already
        "Lima": Counter({"2023": 2}),  # better known as Peru's capital
    }
    where = {
        "Finnerödja": (58.93, 14.43),
        "Björklinge": (60.03, 17.55),
        "Gårdsjö": (58.87, 14.32),
        "Rimforsa": (58.13, 15.68),
        "Jämshög": (56.24, 14.55),
        "Laxå": (58.98, 14.62),
    }
    rows, dropped = b.build(cities, postal, where, {"laxå"}, {"fors"})
    kept = {r["name"]: (r["code"], r["source"], r["common_word"]) for r in rows}
    assert kept == {
        "Finnerödja": ("1860", "cities500+postal", ""),
        "Hasslerör": ("1860", "cities500", ""),
        "Gårdsjö": ("1860", "postal", ""),
        "Fors": ("2081", "cities500", "1"),
        "Horn": ("0513", "cities500", ""),
        "Björklinge": ("0382", "cities500+postal", ""),
    }
    assert dropped == {
        "kept: GeoNames place whose postort has another kommunkod": 1,
        "dropped: places in more than one municipality (GeoNames)": 1,
        "dropped: postort split between municipalities": 1,
        "dropped: postort whose kommunkod the nearest GeoNames place contradicts": 1,
        "dropped: a municipality's name or alias": 1,
        "dropped: better known as a place abroad": 1,
    }
