"""Classifier speed benchmarks (figures, not tests): statements/s on one core and whole
articles/s through `classify_articles`.

Run: python benchmarks/classify.py            speed only
     python benchmarks/classify.py --quality  also F1 on the held-out test split

The test split's F1 is printed only when asked for: every look at it is a chance to
tune on it, and the model card counts those looks (TEST_CONSULTATIONS). Choices are
made by cross-validation on the training split (benchmarks/classify_ceiling.py).
"""

from __future__ import annotations

import os

os.environ.setdefault("OMP_NUM_THREADS", "1")
os.environ.setdefault("MKL_NUM_THREADS", "1")
os.environ.setdefault("OPENBLAS_NUM_THREADS", "1")

import json  # noqa: E402
import sys  # noqa: E402
import tempfile  # noqa: E402
import time  # noqa: E402
from pathlib import Path  # noqa: E402

sys.path.insert(0, str(Path(__file__).resolve().parent.parent))

from classify.evaluate import evaluate_model  # noqa: E402
from classify.model import load_model  # noqa: E402
from classify.training import TEST_FILE, TRAIN_FILE, read_labelled  # noqa: E402


def main(argv: list[str] | None = None) -> None:
    quality = "--quality" in (sys.argv[1:] if argv is None else argv)
    model = load_model(None)
    rows = read_labelled(TRAIN_FILE) + read_labelled(TEST_FILE)
    texts = [r["text"] for r in rows]
    contexts = [r.get("context") or None for r in rows]
    from classify.lexicon import role_from_title

    model.predict(texts[:50], contexts[:50])  # load the gazetteer
    n = 0
    start = time.perf_counter()
    while time.perf_counter() - start < 5:
        # Real input does not repeat: every pass starts with an empty title cache.
        role_from_title.cache_clear()
        model.predict(texts, contexts)
        n += len(texts)
    rate = n / (time.perf_counter() - start)
    print(f"statements/s (one thread, {model.name}): {rate:,.0f}  (target >= 2,000)")

    figures: dict[str, float] = {"statements_per_s": round(rate)}
    if quality:
        test = [r for r in read_labelled(TEST_FILE) if r.get("origin") in ("real", "adapted")]
        result = evaluate_model(model, test)
        m = result["real"]
        print(
            f"F1 on {m['n']} held-out real/adapted sentences (statement rule, classify-text): "
            f"{m['f1']:.3f} (P {m['precision']:.3f}, R {m['recall']:.3f}; target >= 0.85)"
        )
        figures["real_f1"] = round(m["f1"], 3)
        if "article_real" in result:
            a = result["article_real"]
            print(
                f"F1 on the same sentences with the article rule (bevakning classify): "
                f"{a['f1']:.3f} (P {a['precision']:.3f}, R {a['recall']:.3f})"
            )

    from classify.pipeline import classify_articles
    from db import open_db

    # Articles built from the labelled texts: ten statements each, with a headline.
    articles = []
    for i in range(0, len(rows) - 10, 10):
        chunk = rows[i : i + 10]
        body = "\n".join(
            (f"{r['text']} {r['context']}" if r.get("context") else r["text"]) for r in chunk
        )
        articles.append({"title": chunk[0]["text"][:80], "text": body})
    with tempfile.TemporaryDirectory() as tmp:
        db = open_db(Path(tmp) / "bench.db")
        db["sources"].insert({"id": "bench", "name": "Bench", "homepage": "http://x/", "lan": "18"})
        for k, a in enumerate(articles):
            db["articles"].insert(
                {
                    "source_id": "bench",
                    "url": f"http://x/{k}",
                    "title": a["title"],
                    "text": a["text"],
                }
            )
        start = time.perf_counter()
        report = classify_articles(db, model)
        took = time.perf_counter() - start
    print(
        f"classify_articles: {report.articles / took:,.1f} articles/s "
        f"({report.statements} statements, one process; target >= 50 on 2 cores)"
    )
    figures["articles_per_s"] = round(report.articles / took, 1)
    print(json.dumps(figures))


if __name__ == "__main__":
    main()
