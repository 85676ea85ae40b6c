"""Reclassifying keeps statement ids (reviews and digest links stay valid) and skips non-Swedish articles."""

from __future__ import annotations

from pathlib import Path

from conftest import run_cli

from classify.model import load_model
from classify.pipeline import classify_articles
from db import open_db

ARTICLE = (
    "Länstrafiken Örebro drar in linje 705 mellan Laxå och Hallsberg.\n"
    "– Det här är ett svek mot alla som pendlar från Laxå, säger Karin Åström (C), "
    "kommunstyrelsens ordförande i Laxå.\n"
    "– Vi kommer inte att acceptera att linjen läggs ned, säger hon."
)


def _db_with_articles(path: Path):
    db = open_db(path)
    db["sources"].insert({"id": "lb", "name": "Lokalbladet", "homepage": "http://x/", "lan": "18"})
    db["articles"].insert_all(
        [
            {
                "id": 1,
                "source_id": "lb",
                "url": "http://x/1",
                "title": "Laxå rasar mot regionen",
                "text": ARTICLE,
                "language": "sv",
            },
            {
                "id": 2,
                "source_id": "lb",
                "url": "http://x/2",
                "title": "Bus line cut in Laxå",
                "text": "The region cuts the bus line, the mayor says it is wrong.",
                "language": "en",
                "classified_at": "2026-11-01T00:00:00+00:00",
            },
        ]
    )
    return db


def test_refresh_keeps_ids_and_reviews(db_path: Path) -> None:
    db = _db_with_articles(db_path)
    model = load_model(None)
    first = classify_articles(db, model)
    assert first.articles == 1, "the non-Swedish article must not be classified"
    before = {r["position"]: r["id"] for r in db.query("select id, position from statements")}
    flagged = db.execute("select id from statements where conflict = 1 order by id").fetchone()
    target = flagged[0] if flagged else before[0]
    db["reviews"].insert(
        {
            "statement_id": target,
            "verdict": "correct",
            "reviewer": "anna",
            "at": "2026-11-27T10:00:00+00:00",
        }
    )

    again = classify_articles(db, model, refresh=True)
    assert again.articles == 1
    after = {r["position"]: r["id"] for r in db.query("select id, position from statements")}
    assert after == before
    assert (
        db.execute(
            "select count(*) from reviews r join statements s on s.id = r.statement_id"
        ).fetchone()[0]
        == 1
    )

    # The article shrinks: unreviewed positions past the end go, the reviewed one stays.
    db.execute("update articles set text = 'Kort notis.' where id = 1")
    classify_articles(db, model, refresh=True)
    ids = {r["id"] for r in db.query("select id from statements where article_id = 1")}
    assert target in ids
    assert len(ids) < len(before)


def test_refresh_through_cli_with_a_review(db_path: Path) -> None:
    db = _db_with_articles(db_path)
    classify_articles(db, load_model(None))
    sid = db.execute("select min(id) from statements").fetchone()[0]
    db["reviews"].insert(
        {
            "statement_id": sid,
            "verdict": "incorrect",
            "reviewer": "anna",
            "at": "2026-11-27T10:00:00+00:00",
        }
    )
    db.close()
    result = run_cli("classify", "--db", str(db_path), "--refresh")
    assert result.returncode == 0, result.stderr
    assert "classify done: 1 articles" in result.stdout


def _statements(db, article_id: int = 1) -> dict[str, int]:
    return {
        r["text"]: r["id"]
        for r in db.query("select id, text from statements where article_id = ?", [article_id])
    }


QUOTE = "– Vi kommer inte att acceptera att linjen läggs ned, säger hon."


def _classified_with_a_reviewed_quote(db_path: Path):
    """The article classified once, its statement ids by text, and QUOTE reviewed."""
    db = _db_with_articles(db_path)
    model = load_model(None)
    classify_articles(db, model)
    before = _statements(db)
    db["reviews"].insert(
        {"statement_id": before[QUOTE], "verdict": "correct", "reviewer": "anna", "at": "x"}
    )
    return db, model, before, QUOTE


def test_ids_follow_the_words_when_positions_shift(db_path: Path) -> None:
    db, model, before, quote = _classified_with_a_reviewed_quote(db_path)
    # A paragraph now opens the article: every sentence moves down, none changes.
    db.execute(
        "update articles set text = 'Beskedet kom i går kväll.' || char(10) || text where id = 1"
    )
    classify_articles(db, model, refresh=True)
    after = _statements(db)
    assert {t: after[t] for t in before} == before, "each sentence keeps its id"
    assert "Beskedet kom i går kväll." in after
    reviewed = db.execute(
        "select s.text from reviews r join statements s on s.id = r.statement_id"
    ).fetchone()[0]
    assert reviewed == quote, "the verdict still points at the sentence it judged"


def test_edited_sentence_keeps_its_id_unless_it_was_reviewed(db_path: Path) -> None:
    db, model, before, quote = _classified_with_a_reviewed_quote(db_path)
    first = "Länstrafiken Örebro drar in linje 705 mellan Laxå och Hallsberg."
    db.execute("update articles set text = replace(text, '705', '706') where id = 1")
    db.execute("update articles set text = replace(text, 'läggs ned', 'dras in') where id = 1")
    classify_articles(db, model, refresh=True)
    after = _statements(db)
    assert after[first.replace("705", "706")] == before[first], "an edit keeps the link alive"
    edited_quote = quote.replace("läggs ned", "dras in")
    assert after[edited_quote] != before[quote], "a judged sentence is not rewritten"
    assert after[quote] == before[quote], "the reviewed words stay, after the new ones"
    positions = [r[0] for r in db.execute("select position from statements where article_id = 1")]
    assert sorted(positions) == list(range(len(positions)))
