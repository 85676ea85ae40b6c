"""What building conflict cases and resolving the article's municipality cost inside
`classify_articles` (a figure, not a test; target: cases add <= 10 % to classify time).

Run: python benchmarks/cases.py

Articles are built from the labelled statements, ten to an article (as in
benchmarks/classify.py); every third article gets a syndicated copy, so stories have
several articles. The time spent in `rebuild_cases_for_articles` and in `article_place`
is measured by wrapping them and compared with the whole run.
"""

from __future__ import annotations

import os

os.environ.setdefault("OMP_NUM_THREADS", "1")

import json  # noqa: E402
import sys  # noqa: E402
import tempfile  # noqa: E402
import time  # noqa: E402
from pathlib import Path  # noqa: E402

sys.path.insert(0, str(Path(__file__).resolve().parent.parent))

import classify.pipeline as pipeline  # noqa: E402
from classify.model import load_model  # noqa: E402
from classify.training import TEST_FILE, TRAIN_FILE, read_labelled  # noqa: E402
from db import open_db  # noqa: E402
from db.reference import load_reference  # noqa: E402


def timed(name: str, fn, spent: dict[str, float]):
    def wrapper(*args, **kwargs):
        start = time.perf_counter()
        try:
            return fn(*args, **kwargs)
        finally:
            spent[name] = spent.get(name, 0.0) + time.perf_counter() - start

    return wrapper


def main() -> None:
    model = load_model(None)
    rows = read_labelled(TRAIN_FILE) + read_labelled(TEST_FILE)
    model.predict([r["text"] for r in rows[:50]], [None] * 50)  # load the gazetteer
    spent: dict[str, float] = {}
    pipeline.rebuild_cases_for_articles = timed("cases", pipeline.rebuild_cases_for_articles, spent)
    pipeline.article_place = timed("article_place", pipeline.article_place, spent)
    with tempfile.TemporaryDirectory() as tmp:
        db = open_db(Path(tmp) / "bench.db")
        load_reference(db)
        db["sources"].insert({"id": "bench", "name": "Bench", "homepage": "http://x/", "lan": "18"})
        k = 0
        for i in range(0, len(rows) - 10, 10):
            chunk = rows[i : i + 10]
            body = "\n".join(
                (f"{r['text']} {r['context']}" if r.get("context") else r["text"]) for r in chunk
            )
            first = None
            for copy in range(2 if i % 30 == 0 else 1):
                k += 1
                aid = (
                    db["articles"]
                    .insert(
                        {
                            "source_id": "bench",
                            "url": f"http://x/{k}",
                            "title": chunk[0]["text"][:80],
                            "text": body,
                            "published": f"2026-01-{1 + k % 28:02d}T08:00:00+01:00",
                        }
                    )
                    .last_pk
                )
                first = first or aid
                db.execute(
                    "update articles set story_id = ?, story_first = ? where id = ?",
                    [first, int(copy == 0), aid],
                )
        start = time.perf_counter()
        report = pipeline.classify_articles(db, model)
        took = time.perf_counter() - start
    figures = {
        "articles": report.articles,
        "flagged": report.flagged,
        "cases": report.cases,
        "classify_s": round(took, 2),
        "cases_s": round(spent.get("cases", 0.0), 3),
        "cases_share": round(spent.get("cases", 0.0) / took, 4),
        "article_place_s": round(spent.get("article_place", 0.0), 3),
        "article_place_share": round(spent.get("article_place", 0.0) / took, 4),
    }
    print(json.dumps(figures))


if __name__ == "__main__":
    main()
