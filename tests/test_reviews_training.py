"""Reviewers' verdicts as training rows: the pipeline's context, missed conflicts, no test leaks."""

from __future__ import annotations

import json
from pathlib import Path

from conftest import run_cli

from classify.features import statement_features
from classify.model import load_model
from classify.pipeline import classify_articles, walk_article
from classify.training import (
    TEST_FILE,
    read_labelled,
    review_id,
    review_rows,
    statement_context,
    training_rows,
    write_jsonl,
)
from db import open_db

# The quote names its speaker only as "hon"; who she is stands earlier in the paragraph.
ARTICLE = (
    "Länstrafiken Örebro drar in linje 705 mellan Laxå och Hallsberg.\n"
    "Karin Åström (C), kommunstyrelsens ordförande i Laxå, har läst beslutet. "
    "– Vi kommer inte att acceptera att linjen läggs ned, säger hon.\n"
    "Regionen ska fatta beslut om trafiken i december."
)
QUOTE = "– Vi kommer inte att acceptera att linjen läggs ned, säger hon."


def _classified(path: Path, extra_text: str | None = None):
    db = open_db(path)
    db["sources"].insert({"id": "lb", "name": "Lokalbladet", "homepage": "http://x/", "lan": "18"})
    text = ARTICLE + (f"\n{extra_text}" if extra_text else "")
    db["articles"].insert(
        {
            "id": 1,
            "source_id": "lb",
            "url": "http://x/1",
            "title": "Linje 705 dras in",
            "text": text,
        }
    )
    classify_articles(db, load_model(None))
    return db


def _review(db, text: str, verdict: str, at: str = "2026-11-20T10:00:00Z") -> int:
    sid = db.execute("select id from statements where text = ?", [text]).fetchone()[0]
    db["reviews"].insert({"statement_id": sid, "verdict": verdict, "reviewer": "anna", "at": at})
    db.conn.commit()
    return sid


def test_review_rows_carry_the_pipelines_context(db_path: Path) -> None:
    db = _classified(db_path)
    _review(db, QUOTE, "correct")
    db.close()
    (row,) = review_rows(db_path)
    units = {u.text: u.context for u in walk_article("Linje 705 dras in", ARTICLE)}
    assert row["context"] == units[QUOTE]
    assert row["context"].startswith("Karin Åström (C)")
    # The context is what lets training see the municipal speaker, as the pipeline did.
    assert statement_features(QUOTE, row["context"]).actor == "municipal"
    assert statement_features(QUOTE, "").actor != "municipal"
    assert row["id"] == review_id("http://x/1", QUOTE)
    assert row["origin"] == "review" and row["source_url"] == "http://x/1"


def test_wrong_verdict_on_an_unflagged_statement_is_a_missed_conflict(db_path: Path) -> None:
    db = _classified(db_path)
    neutral = "Regionen ska fatta beslut om trafiken i december."
    assert db.execute("select conflict from statements where text = ?", [neutral]).fetchone() == (
        0,
    )
    _review(db, neutral, "correct", at="2026-11-20T10:00:00Z")
    _review(db, neutral, "incorrect", at="2026-11-21T10:00:00Z")  # the later verdict wins
    flagged = db.execute("select text from statements where conflict = 1").fetchone()[0]
    _review(db, flagged, "incorrect")
    db.close()
    labels = {r["text"]: r["conflict"] for r in review_rows(db_path)}
    assert labels == {neutral: 1, flagged: 0}


def test_statement_context_survives_a_changed_splitter() -> None:
    units = [("A.", "B."), ("B.", "A."), ("C.", "")]
    assert statement_context(units, 1, "B.") == "A."
    assert statement_context(units, 0, "B.") == "A.", "found by text when positions moved"
    assert statement_context(units, 7, "D.") == ""
    assert statement_context(units, None, "C.") == ""


def test_training_rows_leave_out_test_sentences_and_merge_exports(
    tmp_path: Path, db_path: Path
) -> None:
    test_text = read_labelled(TEST_FILE)[0]["text"]
    db = _classified(db_path, extra_text=test_text)
    _review(db, QUOTE, "correct")
    _review(db, test_text, "incorrect")
    db.close()
    train = tmp_path / "train.jsonl"
    write_jsonl(read_labelled(TEST_FILE)[1:4], train)  # any valid rows will do here
    stored = tmp_path / "reviews.jsonl"
    old = {
        "id": review_id("http://x/1", QUOTE),
        "text": QUOTE,
        "context": "",
        "conflict": 0,
        "origin": "review",
    }
    other = {**old, "id": "review-fromanotherdb", "text": "Bussen är bra.", "conflict": 0}
    write_jsonl([old, other], stored)

    data = training_rows(train, db_path, export=True, reviews_file=stored)
    assert data.dropped == 1, "the test sentence's verdict never reaches training"
    assert data.reviews == 1 and all(r["text"] != test_text for r in data.rows)
    assert data.exported == stored
    exported = {r["id"]: r for r in read_labelled(stored)}
    assert set(exported) == {old["id"], other["id"]}
    assert exported[old["id"]]["conflict"] == 1, "the database's verdict replaces the old copy"
    assert test_text not in {r["text"] for r in exported.values()}

    # An explicit training file takes the database's verdicts only; the default run also
    # takes the exported file, so the shipped model can be rebuilt from the repository.
    assert {r["id"] for r in data.rows if r.get("origin") == "review"} == {old["id"]}
    default = training_rows(None, None, reviews_file=stored)
    assert {r["id"] for r in default.rows if r.get("origin") == "review"} == set(exported)
    assert default.reviews == 2


def test_train_command_reports_left_out_reviews(tmp_path: Path, db_path: Path) -> None:
    test_text = read_labelled(TEST_FILE)[0]["text"]
    db = _classified(db_path, extra_text=test_text)
    _review(db, test_text, "correct")
    _review(db, QUOTE, "correct")
    db.close()
    rows = [json.loads(x) for x in Path("data/labelled/train.jsonl").read_text().splitlines()]
    train = tmp_path / "train.jsonl"
    write_jsonl(rows[:150], train)
    out = tmp_path / "m.joblib"
    res = run_cli(
        "train", "--train-file", str(train), "--out", str(out), "--reviews-from", str(db_path)
    )
    assert res.returncode == 0, res.stderr[-2000:]
    assert "left out 1 review(s) of sentences in the fixed test split" in res.stdout
    assert "1 reviews" in res.stdout


def test_verdict_keeps_the_flag_it_judged_after_reclassification(db_path: Path) -> None:
    db = _classified(db_path)
    flagged = db.execute("select text from statements where conflict = 1").fetchone()[0]
    sid = _review(db, flagged, "incorrect")  # "this flag is wrong": not a conflict
    assert db.execute("select model_conflict from reviews").fetchone() == (1,)
    # A later model no longer flags it; the verdict still says "no conflict".
    db.execute("update statements set conflict = 0 where id = ?", [sid])
    db.conn.commit()
    db.close()
    (row,) = review_rows(db_path)
    assert row["conflict"] == 0
