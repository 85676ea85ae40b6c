"""Conflict cases on real articles the classifier never saw (data/cases/real_articles.jsonl).

    python benchmarks/cases_real.py [--model NAME_OR_PATH]

Each article is stored as its own story in a fresh SQLite file, classified with
the real pipeline (`classify_articles`, which also builds `conflict_cases`),
and its cases are compared with the expected ones:

- a found case is right when its article expects a case and, where the expected
  case names a municipality, the found case names the same one (a joint
  statement with no single municipality matches any municipal case);
- case precision = right found cases / found cases; recall = expected cases met /
  expected cases; municipality and actor-role accuracy are over found cases in
  articles that expect one. Intervals: 95 % bootstrap over articles.

Targets (issue 13): precision >= 0.90, recall >= 0.80, municipality right for
>= 0.95 of found cases.
"""

from __future__ import annotations

import argparse
import json
import random
import sys
import tempfile
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT))
ARTICLES = ROOT / "data" / "cases" / "real_articles.jsonl"


def load(path: Path = ARTICLES) -> list[dict]:
    return [json.loads(line) for line in path.read_text(encoding="utf-8").splitlines() if line]


def classify_all(articles: list[dict], model_name: str | None) -> dict[int, list[dict]]:
    """Found cases per article index, from the real pipeline on a fresh database."""
    from classify.model import load_model
    from classify.pipeline import classify_articles
    from db import open_db

    tmp = Path(tempfile.mkdtemp()) / "cases-real.db"
    db = open_db(tmp)
    outlets = sorted({a["outlet"] for a in articles})
    db["sources"].insert_all(
        [{"id": f"o{i}", "name": name, "homepage": ""} for i, name in enumerate(outlets)]
    )
    source_of = {name: f"o{i}" for i, name in enumerate(outlets)}
    columns = set(db["articles"].columns_dict)
    rows = []
    for i, a in enumerate(articles, 1):
        row = {
            "id": i,
            "source_id": source_of[a["outlet"]],
            "url": a["url"],
            "title": a.get("title") or "",
            "lead": a.get("lead") or None,
            "text": a.get("text") or "",
            "published": a.get("published"),
            "fetched_at": "2026-12-01T00:00:00+00:00",
            "content_hash": f"real-{i}",
            "story_id": i,
            "story_first": 1,
            "language": "sv",
        }
        rows.append({k: v for k, v in row.items() if k in columns})
    db["articles"].insert_all(rows)
    classify_articles(db, load_model(model_name))
    found: dict[int, list[dict]] = {}
    for row in db.query(
        "select story_id, municipality, actor_role, topic, target from conflict_cases"
    ):
        found.setdefault(row["story_id"] - 1, []).append(row)
    db.close()
    return found


def score(articles: list[dict], found: dict[int, list[dict]], idx: list[int]) -> dict[str, float]:
    n_found = n_right = n_expected = n_met = 0
    muni_right = muni_n = role_right = role_n = 0
    for i in idx:
        expected = articles[i]["expected_cases"]
        cases = found.get(i, [])
        n_found += len(cases)
        n_expected += len(expected)
        for exp in expected:
            want = exp.get("municipality") or ""
            if any(not want or c["municipality"] == want for c in cases):
                n_met += 1
        for c in cases:
            match = next(
                (
                    e
                    for e in expected
                    if not e.get("municipality") or e["municipality"] == c["municipality"]
                ),
                None,
            )
            n_right += match is not None
            if expected:
                muni_n += 1
                muni_right += any(
                    not e.get("municipality") or e["municipality"] == c["municipality"]
                    for e in expected
                )
                role_n += 1
                role_right += any(e.get("actor_role") == c["actor_role"] for e in expected)
    p = n_right / n_found if n_found else 0.0
    r = n_met / n_expected if n_expected else 0.0
    return {
        "precision": p,
        "recall": r,
        "f1": 2 * p * r / (p + r) if p + r else 0.0,
        "municipality": muni_right / muni_n if muni_n else 0.0,
        "role": role_right / role_n if role_n else 0.0,
        "found": n_found,
        "expected": n_expected,
    }


def interval(articles, found, key: str, n: int = 1000) -> tuple[float, float]:
    rng = random.Random(0)
    values = sorted(
        score(articles, found, [rng.randrange(len(articles)) for _ in articles])[key]
        for _ in range(n)
    )
    return values[int(0.025 * n)], values[int(0.975 * n) - 1]


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__.split("\n")[0])
    parser.add_argument("--model", help="Model name or path (default: the shipped default).")
    args = parser.parse_args()
    articles = load()
    found = classify_all(articles, args.model)
    result = score(articles, found, list(range(len(articles))))
    print(
        f"{len(articles)} real articles, {result['expected']} expected cases, "
        f"{result['found']} found"
    )
    for key in ("precision", "recall", "f1", "municipality", "role"):
        low, high = interval(articles, found, key)
        print(f"{key:13} {result[key]:.3f}  (95 % {low:.3f}–{high:.3f})")
    for i, a in enumerate(articles):
        cases = found.get(i, [])
        if bool(cases) != bool(a["expected_cases"]) or (
            cases
            and a["expected_cases"]
            and not any(
                not e.get("municipality") or e["municipality"] == c["municipality"]
                for e in a["expected_cases"]
                for c in cases
            )
        ):
            want = [(e.get("municipality"), e.get("actor_role")) for e in a["expected_cases"]]
            got = [(c["municipality"], c["actor_role"], c["target"]) for c in cases]
            print(f"  miss: {a['url'][:70]}  expected {want}  found {got}")
    return 0


if __name__ == "__main__":
    sys.exit(main())
