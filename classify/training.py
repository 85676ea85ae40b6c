"""Training data: the labelled JSON Lines files plus reviewers' verdicts from the database."""

from __future__ import annotations

import json
from pathlib import Path

LABELLED_DIR = Path(__file__).resolve().parent.parent / "data" / "labelled"
TRAIN_FILE = LABELLED_DIR / "train.jsonl"
TEST_FILE = LABELLED_DIR / "test.jsonl"
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
    """Reviewer verdicts as training rows: 'correct' keeps the model's label, 'incorrect' flips it.

    Skips quietly when the database has no reviews table (the review area's migration).
    The latest verdict per statement wins.
    """
    from db import open_db

    db = open_db(db_path)
    if "reviews" not in db.table_names():
        return []
    sql = """
        select s.id as statement_id, s.text, s.conflict, s.topic, s.actor_role, s.municipality,
               s.speaker, a.url, r.verdict, r.comment, r.reviewer, r.at
        from reviews r join statements s on s.id = r.statement_id
        join articles a on a.id = s.article_id
        where r.verdict in ('correct', 'incorrect')
        order by r.statement_id, r.at, r.id
    """
    latest: dict[int, dict] = {}
    for r in db.query(sql):
        latest[r["statement_id"]] = r
    out = []
    for r in latest.values():
        label = int(r["conflict"] or 0)
        if r["verdict"] == "incorrect":
            label = 1 - label
        out.append(
            {
                "id": f"review-{r['statement_id']}",
                "text": r["text"],
                "context": "",
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
    return out


def write_jsonl(rows: list[dict], path: str | Path) -> Path:
    """Write rows as JSON Lines (UTF-8, one object a line)."""
    path = Path(path)
    path.parent.mkdir(parents=True, exist_ok=True)
    with open(path, "w", encoding="utf-8") as fh:
        for row in rows:
            fh.write(json.dumps(row, ensure_ascii=False) + "\n")
    return path
