"""Training data: the labelled JSON Lines files plus reviewers' verdicts from the database."""

from __future__ import annotations

import hashlib
import json
from dataclasses import dataclass
from pathlib import Path

LABELLED_DIR = Path(__file__).resolve().parent.parent / "data" / "labelled"
TRAIN_FILE = LABELLED_DIR / "train.jsonl"
TEST_FILE = LABELLED_DIR / "test.jsonl"
REVIEWS_FILE = LABELLED_DIR / "reviews.jsonl"
REQUIRED = ("id", "text", "conflict")


class TrainingDataError(ValueError):
    """A labelled file is missing or has a bad line (the message names file and line)."""


def read_labelled(path: str | Path) -> list[dict]:
    """Rows of a labelled JSON Lines file; any bad line is an error naming the line."""
    path = Path(path)
    if not path.is_file():
        raise TrainingDataError(f"labelled file not found: {path}")
    rows = []
    for n, line in enumerate(path.read_text(encoding="utf-8").splitlines(), 1):
        if not line.strip():
            continue
        try:
            row = json.loads(line)
        except json.JSONDecodeError as exc:
            raise TrainingDataError(f"{path}:{n}: invalid JSON: {exc.msg}") from exc
        missing = [k for k in REQUIRED if k not in row] if isinstance(row, dict) else REQUIRED
        if missing:
            raise TrainingDataError(f"{path}:{n}: missing field(s): {', '.join(missing)}")
        if row["conflict"] not in (0, 1):
            raise TrainingDataError(f"{path}:{n}: conflict must be 0 or 1")
        rows.append(row)
    return rows


def review_rows(db_path: str | Path) -> list[dict]:
    """Reviewer verdicts as training rows: 'correct' keeps the flag the reviewer judged,
    'incorrect' flips it (the flag at review time, not the statement's current one).

    A verdict on an unflagged statement counts too: "incorrect" there marks a conflict the
    model missed. Each row gets the context the pipeline gave the statement (the rest of its
    paragraph, found by walking the stored article again), so retraining sees what the model
    saw. Skips quietly when the database has no reviews table (the review area's
    migration). The latest verdict per statement wins.
    """
    from db import open_db

    db = open_db(db_path)
    if "reviews" not in db.table_names():
        return []
    sql = """
        select s.id as statement_id, s.text, coalesce(r.model_conflict, s.conflict) as conflict,
               s.topic, s.actor_role, s.municipality,
               s.speaker, s.position, a.id as article_id, a.url, r.verdict, r.comment,
               r.reviewer, r.at
        from reviews r join statements s on s.id = r.statement_id
        join articles a on a.id = s.article_id
        where r.verdict in ('correct', 'incorrect')
        order by r.statement_id, r.at, r.id
    """
    latest: dict[int, dict] = {}
    for r in db.query(sql):
        latest[r["statement_id"]] = r
    walks: dict[int, list] = {}
    out = []
    for r in latest.values():
        if r["article_id"] not in walks:
            art = db["articles"].get(r["article_id"])
            walks[r["article_id"]] = _walk(art.get("title"), art.get("text"))
        label = int(r["conflict"] or 0)
        if r["verdict"] == "incorrect":
            label = 1 - label
        out.append(
            {
                "id": review_id(r["url"], r["text"]),
                "text": r["text"],
                "context": statement_context(walks[r["article_id"]], r["position"], r["text"]),
                "conflict": label,
                "topic": r["topic"] or "none",
                "actor_role": r["actor_role"] or "",
                "municipality": r["municipality"] or "",
                "speaker": r["speaker"] or "",
                "kind": "review",
                "origin": "review",
                "source_url": r["url"],
                "note": f"{r['verdict']} by {r['reviewer'] or 'unknown'} at {r['at']}"
                + (f": {r['comment']}" if r["comment"] else ""),
            }
        )
    db.close()
    return out


def review_id(url: str | None, text: str) -> str:
    """A review row's id from its article address and sentence, the same in every database
    (statement ids are local to one database)."""
    digest = hashlib.sha1(f"{url or ''}\n{text}".encode()).hexdigest()[:12]
    return f"review-{digest}"


def _walk(title: str | None, text: str | None) -> list[tuple[str, str]]:
    from classify.pipeline import walk_article

    return [(u.text, u.context or "") for u in walk_article(title, text)]


def statement_context(units: list[tuple[str, str]], position: int | None, text: str) -> str:
    """The context the pipeline gave a stored statement: the unit at its position, or, when
    the sentence splitter has changed since, the first unit with the same text; else none."""
    if position is not None and 0 <= position < len(units) and units[position][0] == text:
        return units[position][1]
    return next((ctx for sentence, ctx in units if sentence == text), "")


def _text_key(text: str) -> str:
    return " ".join((text or "").split()).lower()


def drop_test_texts(reviews: list[dict], test_rows: list[dict]) -> tuple[list[dict], int]:
    """Review rows whose sentence is in the fixed test split, removed (they would leak the
    test into training); returns the rows kept and how many were dropped."""
    test = {_text_key(r["text"]) for r in test_rows}
    kept = [r for r in reviews if _text_key(r["text"]) not in test]
    return kept, len(reviews) - len(kept)


def merge_reviews(*sources: list[dict]) -> list[dict]:
    """Review rows from several sources, one per id; a later source wins (the database's
    verdicts over the exported file)."""
    merged: dict[str, dict] = {}
    for rows in sources:
        for r in rows:
            merged[r["id"]] = r
    return [merged[k] for k in sorted(merged)]


@dataclass
class TrainingRows:
    """What `bevakning train` learns from, and what became of the reviewers' verdicts."""

    rows: list[dict]
    reviews: int
    dropped: int  # verdicts on sentences of the fixed test split, left out
    exported: Path | None = None


def training_rows(
    train_file: str | Path | None = None,
    reviews_db: str | Path | None = None,
    export: bool = False,
    *,
    reviews_file: str | Path = REVIEWS_FILE,
    test_file: str | Path = TEST_FILE,
) -> TrainingRows:
    """The labelled rows plus reviewers' verdicts, never one that repeats a test sentence.

    The default run (no train_file) also takes the verdicts exported earlier to
    reviews.jsonl, so the shipped model can be rebuilt from the repository alone; a run on
    an explicit train_file takes that file and the database's verdicts only. With export,
    the database's verdicts are merged into reviews.jsonl (they win over older copies).
    """
    rows = read_labelled(train_file or TRAIN_FILE)
    reviews_file = Path(reviews_file)
    stored = read_labelled(reviews_file) if reviews_file.is_file() else []
    test = read_labelled(test_file) if Path(test_file).is_file() else []
    fresh = review_rows(reviews_db) if reviews_db else []
    fresh, dropped = drop_test_texts(fresh, test)
    exported = None
    if export and fresh:
        exported = write_jsonl(merge_reviews(stored, fresh), reviews_file)
    reviews = merge_reviews(stored, fresh) if train_file is None else fresh
    reviews, leaked = drop_test_texts(reviews, test)
    return TrainingRows(rows + reviews, len(reviews), dropped + leaked, exported)


def write_jsonl(rows: list[dict], path: str | Path) -> Path:
    """Write rows as JSON Lines (UTF-8, one object a line)."""
    path = Path(path)
    path.parent.mkdir(parents=True, exist_ok=True)
    with open(path, "w", encoding="utf-8") as fh:
        for row in rows:
            fh.write(json.dumps(row, ensure_ascii=False) + "\n")
    return path
