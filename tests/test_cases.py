"""Conflict cases: one item per story, municipality and target (db/cases.py and where cases show)."""

from __future__ import annotations

import asyncio
import json
import sqlite3
from email import message_from_bytes, policy
from pathlib import Path

import pytest
from conftest import run_cli

from bevakning.analysis import load_cases
from bevakning.web import make_datasette
from classify.article_place import article_place, headline_place, representing_place
from classify.localities import find_localities
from crawler.extract import extract_article
from db import open_db
from db.cases import rebuild_cases
from db.reference import load_reference

WEEK = "2026-W47"


# --- test data: real rows through open_db -------------------------------------------------


def _source(db, sid: str, name: str, lan: str) -> None:
    db.execute(
        "insert into sources (id, name, homepage, lan) values (?, ?, ?, ?)",
        [sid, name, f"https://{sid}.example.se/", lan],
    )


def _article(db, source: str, slug: str, published: str | None, *, story_of: int | None = None):
    cur = db.execute(
        "insert into articles (source_id, url, title, published, text, fetched_at) "
        "values (?, ?, ?, ?, ?, ?)",
        [
            source,
            f"https://{source}.example.se/{slug}",
            f"Rubrik {slug}",
            published,
            "…",
            "2026-11-19T06:00:00+00:00",
        ],
    )
    aid = cur.lastrowid
    db.execute(
        "update articles set story_id = ?, story_first = ? where id = ?",
        [story_of or aid, 0 if story_of else 1, aid],
    )
    return aid


def _st(
    db,
    article: int,
    pos: int,
    text: str,
    municipality: str | None,
    *,
    kind: str = "pratminus",
    speaker: str | None = "Anna Lindqvist",
    role: str = "kso",
    topic: str = "transit",
    target: str | None = "Länstrafiken Örebro",
    target_kind: str = "transit_brand",
    score: float = 0.8,
    conflict: int = 1,
    code: str | None = None,
) -> int:
    evidence = {"target_kind": target_kind, "municipality_from": "speaker"}
    cur = db.execute(
        "insert into statements (article_id, position, text, speaker, actor_role, municipality, "
        "municipality_code, topic, target, quote_kind, conflict, score, model, evidence) "
        "values (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, 'test', ?)",
        [article, pos, text, speaker, role, municipality, code, topic, target, kind, conflict,
         score, json.dumps(evidence)],
    )  # fmt: skip
    return cur.lastrowid


HEADLINE = "Laxå rasar mot Länstrafiken"
QUOTE = "Vi accepterar inte att linje 302 mellan Laxå och Finnerödja läggs ned."
REPORTED = "Kommunen kräver att regionen river upp beslutet."


def build(path: Path) -> dict[str, int]:
    db = open_db(path)
    load_reference(db)
    ids: dict[str, int] = {}
    with db.atomic():
        _source(db, "lokalbladet", "Lokalbladet", "18")
        _source(db, "kustposten", "Kustposten", "18")
        a1 = _article(db, "lokalbladet", "laxa", "2026-11-17T07:30:00+01:00")
        ids["a1"] = a1
        ids["headline"] = _st(db, a1, 0, HEADLINE, "Laxå", kind="headline", speaker=None,
                              role="municipality", score=0.99, code="1860")  # fmt: skip
        ids["reported"] = _st(db, a1, 1, REPORTED, "Laxå", kind="indirect", speaker=None,
                              role="municipality", target="regionen", topic="other_regional",
                              target_kind="other_regional", score=0.95, code="1860")  # fmt: skip
        ids["quote"] = _st(db, a1, 2, QUOTE, "Laxå", score=0.7, code="1860")
        _st(db, a1, 3, "Bussen går klockan sju.", "Laxå", conflict=0, code="1860")
        # The syndicated copy on another template lost its lead, and with it the municipality.
        a2 = _article(db, "kustposten", "laxa", "2026-11-18T09:00:00+01:00", story_of=a1)
        ids["a2"] = a2
        ids["copy"] = _st(db, a2, 0, QUOTE, None, score=0.7)
        # No date at all, a municipality the reference data does not know.
        a3 = _article(db, "lokalbladet", "nyby", None)
        ids["a3"] = a3
        ids["nyby"] = _st(db, a3, 0, "Regionens strategi glömmer Nyby.", "Nyby", topic="rus",
                          target="RUS", target_kind="rus", kind="quote")  # fmt: skip
        # A story whose copies disagree about the municipality.
        a4 = _article(db, "lokalbladet", "tvist", "2026-11-20T08:00:00+01:00")
        a5 = _article(db, "kustposten", "tvist", "2026-11-20T10:00:00+01:00", story_of=a4)
        ids["a4"] = a4
        _st(db, a4, 0, "– Fel beslut av regionen, säger hon.", "Hallsberg", code="1861")
        _st(db, a5, 0, "– Fel beslut av regionen, säger hon.", "Askersund", code="1882")
    rebuild_cases(db)
    db.close()
    return ids


def cases(path: Path) -> list[dict]:
    conn = sqlite3.connect(path)
    conn.row_factory = sqlite3.Row
    rows = [dict(r) for r in conn.execute("select * from conflict_cases order by story_id, id")]
    conn.close()
    return rows


# --- building cases ---------------------------------------------------------------------------


def test_one_case_per_story_with_the_strongest_quote(db_path: Path) -> None:
    ids = build(db_path)
    laxa = [c for c in cases(db_path) if c["story_id"] == ids["a1"]]
    assert len(laxa) == 1, laxa
    case = laxa[0]
    # A direct quote by a named KSO beats reported speech and a headline with higher scores.
    assert case["quote"] == QUOTE and case["quote_kind"] == "quote"
    assert case["quote_statement_id"] == ids["quote"]
    assert case["actor"] == "Anna Lindqvist" and case["actor_role"] == "kso"
    assert case["municipality"] == "Laxå" and case["lan"] == "18" and case["lan_name"]
    assert case["k_category"] in {"K1", "K2", "K3"}
    assert case["target"] == "Länstrafiken Örebro: linje 302 Laxå–Finnerödja"
    assert case["first_published"] == "2026-11-17T07:30:00+01:00"
    assert json.loads(case["outlets"]) == ["Lokalbladet", "Kustposten"]
    assert json.loads(case["urls"]) == [
        "https://lokalbladet.example.se/laxa",
        "https://kustposten.example.se/laxa",
    ]
    # Every flagged statement of both copies; the copy's repeat counts once.
    assert json.loads(case["statement_ids"]) == sorted(
        [ids["headline"], ids["reported"], ids["quote"], ids["copy"]]
    )
    assert case["n_statements"] == 3 and case["score"] == pytest.approx(0.99)
    evidence = json.loads(case["evidence"])
    assert evidence["municipality_from"][str(ids["copy"])] == (
        f"inferred from the same sentence in article {ids['a1']}"
    )
    assert evidence["quote"]["why"] == "direct quote by a named municipal actor"


def test_quote_kind_falls_back_to_reported_then_headline(db_path: Path) -> None:
    ids = build(db_path)
    db = open_db(db_path)
    db.execute("update statements set conflict = 0 where id in (?, ?)", [ids["quote"], ids["copy"]])
    rebuild_cases(db, [ids["a1"]])
    (case,) = [c for c in cases(db_path) if c["story_id"] == ids["a1"]]
    assert case["quote"] == REPORTED and case["quote_kind"] == "reported"
    assert case["actor"] == "Laxå kommun"
    db.execute("update statements set conflict = 0 where id = ?", [ids["reported"]])
    rebuild_cases(db, [ids["a1"]])
    (case,) = [c for c in cases(db_path) if c["story_id"] == ids["a1"]]
    assert case["quote"] == HEADLINE and case["quote_kind"] == "headline"
    db.execute("update statements set conflict = 0 where id = ?", [ids["headline"]])
    rebuild_cases(db, [ids["a1"]])
    assert not [c for c in cases(db_path) if c["story_id"] == ids["a1"]], "no flag, no case"
    db.close()


def test_bad_input_still_yields_cases_with_evidence(db_path: Path) -> None:
    ids = build(db_path)
    by_story: dict[int, list[dict]] = {}
    for c in cases(db_path):
        by_story.setdefault(c["story_id"], []).append(c)
    (nyby,) = by_story[ids["a3"]]
    assert nyby["municipality"] == "Nyby" and nyby["lan"] == "18"  # the outlet's county
    assert nyby["first_published"] == "2026-11-19T06:00:00+00:00"
    ev = json.loads(nyby["evidence"])
    assert ev["first_published_from"] == "fetched_at (no date)"
    assert ev["municipality_reference"] == "as attributed (no match)"
    assert ev["lan_from"] == "outlet lokalbladet (municipality unknown)"
    disagree = by_story[ids["a4"]]
    assert sorted(c["municipality"] for c in disagree) == ["Askersund", "Hallsberg"]


def test_case_ids_survive_rebuilds_and_reclassification(db_path: Path) -> None:
    build(db_path)
    before = {c["id"]: (c["story_id"], c["municipality"]) for c in cases(db_path)}
    db = open_db(db_path)
    db.execute("update statements set score = score * 0.9")
    rebuild_cases(db)
    db.close()
    assert {c["id"]: (c["story_id"], c["municipality"]) for c in cases(db_path)} == before


# --- where a case's municipality and target come from -----------------------------------------


def test_the_place_spoken_about_is_not_the_place_represented() -> None:
    sentence = (
        "Kommunalrådet Kerstin Gadde (S) är mycket upprörd och oroas över de många pendlare "
        "som nu får sämre möjligheter att pendla till Göteborg."
    )
    assert representing_place(sentence) is None
    assert article_place("Pendlare drabbas", [sentence]).code is None
    assert representing_place("Kommunalrådet i Orust är upprörd.") == ("Orust", "1421")
    assert headline_place("Buss till Göteborg dras in") is None


def test_localities_and_the_lead_decide_the_article_municipality() -> None:
    assert [loc.code for loc in find_localities("bussen mellan Laxå och Finnerödja")] == ["1860"]
    assert headline_place("Mittdagsturen till Finnerödja dras in") == ("Laxå", "1860")
    place = article_place(
        "Mittdagsturen dras in",
        [
            "Laxå kommun betalar själv för en extra tur.",
            "– Det är fel, säger Bo Rudolfsson (KD), kommunstyrelsens ordförande.",
        ],
    )
    assert (place.name, place.source) == ("Laxå", "article: lead")
    dateline = article_place("Nej till nya tabellen", ["ASKERSUND. Kommunen säger nej."])
    assert dateline.name == "Askersund" and "dateline" in (dateline.source or "")
    assert article_place(None, []).code is None  # no title, no text: nothing, no error


def test_classify_gives_a_bare_title_the_article_municipality(db_path: Path) -> None:
    db = open_db(db_path)
    _source(db, "lokalbladet", "Lokalbladet", "18")
    db.execute(
        "insert into articles (source_id, url, title, text, fetched_at, lead) "
        "values ('lokalbladet', 'https://lokalbladet.example.se/x', ?, ?, ?, null)",
        [
            "Mittdagsturen till Finnerödja dras in",
            "Länstrafiken drar in mitt på dagen-turen på linje 302.\n"
            "– Det här är ett svek mot landsbygden och vi accepterar det inte, säger "
            "Bo Rudolfsson (KD), kommunstyrelsens ordförande.",
            "2026-11-19T06:00:00+00:00",
        ],
    )
    db.close()
    result = run_cli("classify", "--db", str(db_path))
    assert result.returncode == 0, result.stderr[-2000:]
    assert "cases rebuilt" in result.stdout
    conn = sqlite3.connect(db_path)
    muni, source = conn.execute(
        "select municipality, json_extract(evidence, '$.municipality_from') from statements "
        "where speaker like 'Bo Rudolfsson%'"
    ).fetchone()
    assert (muni, source) == ("Laxå", "headline")
    flagged = conn.execute("select count(*) from statements where conflict = 1").fetchone()[0]
    n_cases = conn.execute("select count(*) from conflict_cases").fetchone()[0]
    assert (n_cases > 0) == (flagged > 0)
    conn.close()


@pytest.mark.parametrize(
    "markup",
    [
        '<article><p class="article__lead">{lead}</p><p>{body}</p></article>',
        '<main><div class="c-article__preamble">{lead}</div><p>{body}</p></main>',
        '<div class="story"><p class="articleLead">{lead}</p><p>{body}</p></div>',
        '<article><section class="ingress">{lead}</section><p>{body}</p></article>',
    ],
)
def test_lead_is_extracted_on_common_ingress_classes(markup: str) -> None:
    lead = "Laxå kommun betalar själv för turen till Finnerödja när regionen drar in den."
    body = " ".join(["Regionen har beslutat att dra in turen mitt på dagen."] * 8)
    html = (
        "<html lang='sv'><head><title>Turen dras in</title></head><body>"
        + markup.format(lead=lead, body=body)
        + "</body></html>"
    )
    assert extract_article(html, "https://example.se/a")["lead"] == lead


# --- where cases show -------------------------------------------------------------------------


def test_konflikter_query_filters_and_orders(db_path: Path) -> None:
    ids = build(db_path)
    ds = make_datasette(db_path, environ={})

    def rows(**params: str) -> list[dict]:
        full = {"lan": "", "kommun": "", "amne": "", "fran": "", "till": "", **params}
        r = asyncio.run(ds.client.get("/test/konflikter.json", params={**full, "_shape": "array"}))
        assert r.status_code == 200, r.text[:500]
        return r.json()

    everything = rows()
    assert len(everything) == 4 and everything[0]["datum"] == "2026-11-20"
    dates = [r["datum"] for r in everything]
    assert dates == sorted(dates, reverse=True)
    orebro = {"Laxå", "Hallsberg", "Askersund", "Nyby"}
    assert {r["kommun"] for r in rows(lan="18")} == orebro
    assert {r["kommun"] for r in rows(lan="Örebro län")} == orebro
    assert {r["kommun"] for r in rows(lan="Örebro")} == orebro
    assert rows(lan="06") == []
    (laxa,) = rows(kommun="Laxå")
    assert laxa["citat"] == QUOTE and laxa["antal_uttalanden"] == 3
    assert json.loads(laxa["uttalanden"])[0] == ids["headline"]
    assert [r["kommun"] for r in rows(amne="rus")] == ["Nyby"]
    assert {r["datum"] for r in rows(fran="2026-11-18", till="2026-11-19")} == {"2026-11-19"}
    meta = asyncio.run(ds.client.get("/test.json")).json()
    assert meta["queries"][0]["name"] == "konflikter"


def test_export_cases_and_load_cases(db_path: Path, tmp_path: Path) -> None:
    build(db_path)
    out = tmp_path / "cases.jsonl"
    result = run_cli(
        "export", "cases", "--db", str(db_path), "--format", "jsonl", "--out", str(out)
    )
    assert result.returncode == 0, result.stderr
    lines = [json.loads(line) for line in out.read_text(encoding="utf-8").splitlines()]
    assert len(lines) == len(cases(db_path)) == 4
    assert {"id", "quote", "quote_kind", "target", "urls", "evidence"} <= set(lines[0])
    df = load_cases(db_path, lan="18")
    assert sorted(df["municipality"].astype(str)) == ["Askersund", "Hallsberg", "Laxå", "Nyby"]
    laxa = df[df["municipality"] == "Laxå"].iloc[0]
    assert laxa["outlets"] == ["Lokalbladet", "Kustposten"] and laxa["n_statements"] == 3
    assert str(df["first_published"].dtype).startswith("datetime64")


def test_digest_lists_cases_through_smtp(db_path: Path, smtp_server) -> None:
    ids = build(db_path)
    db = open_db(db_path)
    # A story whose only flagged statement is its headline: shown as a headline.
    a = _article(db, "lokalbladet", "rubrik", "2026-11-19T08:00:00+01:00")
    _st(db, a, 0, "Degerfors vägrar följa regionens strategi", "Degerfors", kind="headline",
        speaker=None, role="municipality", topic="rus", target="RUS", target_kind="rus",
        code="1862")  # fmt: skip
    db.close()
    r = run_cli("subscribers", "add", "--db", str(db_path), "--email", "orebro@example.org",
                "--lan", "18")  # fmt: skip
    assert r.returncode == 0, r.stderr
    server = smtp_server()
    env = server.env(BEVAKNING_DATASETTE_URL="https://data.example.se/")
    result = run_cli("digest", "--db", str(db_path), "--week", WEEK, "--send", env=env)
    assert result.returncode == 0, result.stderr
    (msg,) = server.messages
    assert msg["Subject"] == "Bevakning vecka 47: 5 nya konflikter mot regionala prioriteringar"
    parsed = message_from_bytes(msg.raw, policy=policy.default)
    text = parsed.get_body(("plain",)).get_content()
    html = parsed.get_body(("html",)).get_content()
    assert f'"{QUOTE}"' in text and REPORTED not in text and text.count(QUOTE) == 1
    assert "[Länstrafiken Örebro: linje 302 Laxå–Finnerödja]" in text
    assert "Anna Lindqvist, kommunstyrelsens ordförande" in text
    assert "Artikel (Lokalbladet): https://lokalbladet.example.se/laxa" in text
    assert "Artikel (Kustposten): https://kustposten.example.se/laxa" in text
    statement_ids = ",".join(
        str(i) for i in sorted([ids["headline"], ids["reported"], ids["quote"], ids["copy"]])
    )
    assert f"3 uttalanden: https://data.example.se/test/statements?id__in={statement_ids}" in text
    assert "Rubrik: Degerfors vägrar följa regionens strategi" in text
    assert "”Degerfors vägrar" not in html and '"Degerfors vägrar' not in text
    assert 'class="headline"' in html and "Degerfors kommun" in text
    assert "Okänd talare" not in text
    assert "== Nyby (1) ==" in text  # unknown municipality, the outlet's county


def test_a_quote_followed_by_det_sager_is_that_speakers() -> None:
    from classify.pipeline import walk_article

    text = (
        "– Regionen bestämmer utan att fråga oss, säger Anna Lindqvist (C), "
        "kommunstyrelsens ordförande i Laxå.\n"
        "– JLT:s nya trafikplan tar bort var tredje avgång från Aneby. Det är ett beslut "
        "som är fattat i Jönköping för Jönköping.\n"
        "Det säger Elin Vestberg (C), kommunstyrelsens ordförande i Aneby.\n"
        "– Vi ger oss inte.\n"
    )
    units = {u.text: u.features.speaker for u in walk_article("Kommuner enas", text)}
    jonkoping = next(t for t in units if t.startswith("Det är ett beslut"))
    assert units[jonkoping].name == "Elin Vestberg" and units[jonkoping].municipality == "Aneby"
    laxa = next(t for t in units if t.startswith("– Regionen"))
    assert units[laxa].name == "Anna Lindqvist"


def test_counts_per_month_are_counted_in_cases(db_path: Path) -> None:
    build(db_path)
    ds = make_datasette(db_path, environ={})
    r = asyncio.run(
        ds.client.get(
            "/test/konflikter_per_manad.json",
            params={"lan": "18", "fran": "", "till": "", "_shape": "array"},
        )
    )
    assert r.status_code == 200, r.text[:300]
    rows = r.json()
    assert sum(x["konflikter"] for x in rows) == 4  # 4 cases, not 7 flagged statements
    assert sum(x["uttalanden"] for x in rows) == 6  # distinct statements behind them
    assert {x["månad"] for x in rows} == {"2026-11"}


def test_a_story_repointed_by_the_crawler_leaves_no_stale_case(db_path: Path) -> None:
    ids = build(db_path)
    db = open_db(db_path)
    # An earlier copy turns up: the crawler makes it the story's key (crawler/dedupe.py).
    early = _article(db, "kustposten", "laxa-tidig", "2026-11-16T06:00:00+01:00")
    db.execute(
        "update articles set story_id = ?, story_first = 0 where story_id = ?", [early, ids["a1"]]
    )
    db.execute("update articles set story_first = 1 where id = ?", [early])
    from db.cases import rebuild_cases_for_articles

    rebuild_cases_for_articles(db, [early])
    db.close()
    laxa = [c for c in cases(db_path) if c["municipality"] == "Laxå"]
    assert [c["story_id"] for c in laxa] == [early]
    assert json.loads(laxa[0]["urls"])[0] == "https://kustposten.example.se/laxa-tidig"
