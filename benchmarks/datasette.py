"""Time every canned query on a large generated database through Datasette's own client.

    python benchmarks/datasette.py                      # 1,000,000 articles, 3,000,000 statements
    python benchmarks/datasette.py --articles 100000 --statements 300000

The database is generated once into benchmarks/output/ (reused when it has
the requested size; --regenerate forces a new one): 290 real municipalities
with coordinates, 124 outlets, two years of dates, ~10 % syndicated copies,
~2 % flagged statements. Each query runs once to warm the page cache, then
--repeat times; the table shows the median and the slowest run. Target:
every query under 500 ms.
"""

from __future__ import annotations

import argparse
import asyncio
import csv
import json
import random
import sqlite3
import statistics
import sys
import time
from datetime import datetime, timedelta
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
# This file is called datasette.py: keep its folder off the path so that
# `import datasette` finds the package, not this script.
HERE = Path(__file__).resolve().parent
sys.path[:] = [p for p in sys.path if Path(p or ".").resolve() != HERE]
sys.path.insert(0, str(ROOT))

TARGET_MS = 500
WORDS = [
    "kommunen",
    "regionen",
    "busslinjen",
    "hållplatsen",
    "Länstrafiken",
    "tåget",
    "pendlare",
    "landsbygden",
    "beslut",
    "budget",
    "skolan",
    "vården",
    "planen",
    "strategin",
    "utvecklingsstrategi",
    "turerna",
    "kvällstrafiken",
    "kollektivtrafiken",
    "resenärer",
    "trafikförsörjningsprogrammet",
    "kommunstyrelsen",
    "ordförande",
    "oppositionsrådet",
    "bussarna",
    "tidtabellen",
    "linjen",
    "centrum",
    "stationen",
    "nämnden",
    "fullmäktige",
    "infrastruktur",
    "länstransportplanen",
    "vägen",
    "cykelbanan",
    "bostäder",
    "företagen",
    "arbetsplatser",
]
ROLES = [
    ("kso", 8),
    ("kommunalrad", 6),
    ("oppositionsrad", 4),
    ("kommundirektor", 2),
    ("municipal_politician", 10),
    ("municipality", 10),
    ("regional_politician", 8),
    ("regional_official", 5),
    ("citizen", 12),
    ("journalist", 30),
    ("other", 5),
]
TOPICS = [("transit", 15), ("rus", 5), ("other_regional", 10), ("none", 70)]
MODELS = ["provisional-keywords-v0", "tfidf-logreg 2026.1", "kb-bert-conflict 2026.2"]


def _weighted(pairs):
    names, weights = zip(*pairs, strict=True)
    return list(names), list(weights)


def load_reference(db) -> list[dict]:
    """Municipalities and regions from the project's reference CSVs, with K-categories."""
    ref = ROOT / "db" / "reference"
    with (ref / "regions.csv").open(encoding="utf-8") as fh:
        regions = list(csv.DictReader(fh))
    cols = set(db["regions"].columns_dict)
    db["regions"].insert_all(
        [{k: v for k, v in r.items() if k in cols} for r in regions], replace=True
    )
    with (ref / "municipalities.csv").open(encoding="utf-8") as fh:
        munis = list(csv.DictReader(fh))
    rng = random.Random(1)
    seen_lan: set[str] = set()
    rows = []
    for m in munis:
        row = {k: (v or None) for k, v in m.items() if k in db["municipalities"].columns_dict}
        if not row.get("k_category"):
            first = m["lan_code"] not in seen_lan
            seen_lan.add(m["lan_code"])
            row["k_category"] = "K1" if first else rng.choice(["K2", "K3"])
        rows.append(row)
    db["municipalities"].insert_all(rows, replace=True)
    return rows


def generate(path: Path, n_articles: int, n_statements: int) -> None:
    """Write the benchmark database: bulk inserts without FTS triggers, then one FTS rebuild."""
    from db import open_db

    for suffix in ("", "-wal", "-shm"):
        Path(str(path) + suffix).unlink(missing_ok=True)
    db = open_db(path)
    munis = load_reference(db)
    by_lan: dict[str, list[dict]] = {}
    for m in munis:
        by_lan.setdefault(m["lan_code"], []).append(m)
    lans = sorted(by_lan)
    rng = random.Random(42)
    sources = [
        {
            "id": f"outlet{i:03d}",
            "name": f"Tidning {i}",
            "homepage": f"http://t{i}.example/",
            "lan": lans[i % len(lans)],
        }
        for i in range(124)
    ]
    db["sources"].insert_all(sources)
    conn: sqlite3.Connection = db.conn
    triggers = [
        sql
        for (sql,) in conn.execute(
            "select sql from sqlite_master where type = 'trigger' and tbl_name in "
            "('articles', 'statements')"
        )
    ]
    names = [
        n
        for (n,) in conn.execute(
            "select name from sqlite_master where type = 'trigger' and tbl_name in "
            "('articles', 'statements')"
        )
    ]
    for name in names:
        conn.execute(f"drop trigger [{name}]")
    conn.execute("PRAGMA synchronous = OFF")
    conn.execute("PRAGMA journal_mode = OFF")
    conn.execute("PRAGMA cache_size = -400000")
    start = datetime(2024, 1, 1)
    span = 2 * 365 * 24 * 3600
    roles, role_w = _weighted(ROLES)
    topics, topic_w = _weighted(TOPICS)
    t0 = time.perf_counter()
    per_article = max(1, n_statements // n_articles)
    extra = n_statements - per_article * n_articles
    batch_a: list[tuple] = []
    batch_s: list[tuple] = []
    statement_id = 0
    published_of: list[str] = [""] * (n_articles + 1)

    def flush() -> None:
        conn.executemany(
            "insert into articles (id, source_id, url, title, published, text, fetched_at, "
            "content_hash, classified_at, story_id, story_first, language) "
            "values (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, 'sv')",
            batch_a,
        )
        conn.executemany(
            "insert into statements (id, article_id, position, text, speaker, actor_role, "
            "municipality, municipality_code, region_lan_code, topic, conflict, score, model, evidence) "
            "values (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?)",
            batch_s,
        )
        batch_a.clear()
        batch_s.clear()

    conn.execute("begin")
    for aid in range(1, n_articles + 1):
        source = sources[rng.randrange(len(sources))]
        syndicated = aid > 100 and rng.random() < 0.1
        story = rng.randrange(max(1, aid - 5000), aid) if syndicated else aid
        published = (
            published_of[story][:10] + "T12:00:00+01:00"
            if syndicated
            else (start + timedelta(seconds=rng.randrange(span))).strftime(
                "%Y-%m-%dT%H:%M:%S+01:00"
            )
        )
        published_of[aid] = published
        local = by_lan[source["lan"]]
        muni = local[rng.randrange(len(local))]
        title = f"{muni['name']}: " + " ".join(rng.choices(WORDS, k=6))
        text = " ".join(rng.choices(WORDS, k=25)) + f" i {muni['name']}."
        batch_a.append(
            (
                aid,
                source["id"],
                f"http://{source['id']}.example/a/{aid}",
                title,
                published,
                text,
                published,
                f"h{aid}",
                published,
                story,
                int(story == aid),
            )
        )
        count = per_article + (1 if extra > 0 and aid <= extra else 0)
        for pos in range(count):
            statement_id += 1
            m = muni if rng.random() < 0.8 else local[rng.randrange(len(local))]
            conflict = int(rng.random() < 0.02)
            role = (
                rng.choices(roles, role_w)[0]
                if not conflict
                else rng.choice(
                    ["kso", "kommunalrad", "oppositionsrad", "municipality", "municipal_politician"]
                )
            )
            topic = (
                rng.choices(topics, topic_w)[0]
                if not conflict
                else rng.choice(["transit", "transit", "rus", "other_regional"])
            )
            score = round(rng.random() * 0.5 + 0.5 * conflict, 3)
            # Evidence as the pipeline writes it, reduced to what the review queue reads:
            # about a third of statements pass the gate (as in the demo), a fifth carry a cue.
            passed = bool(conflict) or rng.random() < 0.3
            evidence = json.dumps(
                {
                    "model": "bench",
                    "score": score,
                    "threshold": 0.5,
                    "gate": {
                        "name": "strict",
                        "regional_target": passed or rng.random() < 0.3,
                        "passed": passed,
                    },
                    "speaker": {"role": role} if rng.random() < 0.8 else None,
                    "stance_cues": ["kritik"] if rng.random() < 0.2 else [],
                },
                separators=(",", ":"),
            )
            batch_s.append(
                (
                    statement_id,
                    aid,
                    pos,
                    "– " + " ".join(rng.choices(WORDS, k=12)) + f", säger hen i {m['name']}.",
                    f"Person {rng.randrange(5000)}",
                    role,
                    m["name"],
                    m["code"],
                    m["lan_code"],
                    topic,
                    conflict,
                    score,
                    MODELS[rng.randrange(len(MODELS))],
                    evidence,
                )
            )
        if len(batch_a) >= 20_000:
            flush()
            if aid % 200_000 == 0:
                print(
                    f"  {aid:,} articles, {statement_id:,} statements "
                    f"({time.perf_counter() - t0:.0f} s)",
                    file=sys.stderr,
                )
    flush()
    conn.execute("commit")
    print(
        f"  rows written in {time.perf_counter() - t0:.0f} s; rebuilding full-text indexes",
        file=sys.stderr,
    )
    conn.execute("insert into articles_fts(articles_fts) values ('rebuild')")
    conn.execute("insert into statements_fts(statements_fts) values ('rebuild')")
    for sql in triggers:
        conn.execute(sql)
    from db.migrations.m0005b_datasette import backfill

    backfill(db)  # the summary's triggers were off during the bulk load
    from db.cases import rebuild_cases

    t_cases = time.perf_counter()
    n_cases = rebuild_cases(db)  # what `bevakning classify` keeps current
    print(
        f"  {n_cases:,} conflict cases built in {time.perf_counter() - t_cases:.0f} s",
        file=sys.stderr,
    )
    # A few reviews and crawl runs so the health queries have something to join.
    flagged = [r[0] for r in conn.execute("select id from statements where conflict = 1 limit 500")]
    conn.executemany(
        "insert into reviews (statement_id, verdict, reviewer, at) values (?, ?, 'bench', ?)",
        [(sid, rng.choice(["correct", "incorrect"]), "2025-06-01T00:00:00Z") for sid in flagged],
    )
    conn.executemany(
        "insert into crawl_runs (started_at, ended_at, status, fetched, new, duplicates, errors) "
        "values (?, ?, 'finished', 500, 400, 100, 0)",
        [("2025-12-01T00:00:00Z", "2025-12-01T00:10:00Z")] * 200,
    )
    conn.commit()
    conn.execute("PRAGMA journal_mode = WAL")
    db.close()
    print(f"  generated in {time.perf_counter() - t0:.0f} s", file=sys.stderr)


# Parameters per query; queries not listed run with every field empty. Searches run
# for a rare word (one municipality) and for one in about a third of all texts.
CASES: dict[str, list[dict[str, str]]] = {
    "konflikter": [
        {},
        {"lan": "18"},
        {"lan": "Örebro län", "amne": "transit"},
        {"lan": "örebro", "amne": "kollektivtrafik", "roll": "KSO"},
        {"kommun": "Laxå"},
        {"fran": "2025-01-01", "till": "2025-03-31"},
    ],
    "senaste_flaggade": [
        {},
        {"lan": "18", "amne": "transit"},
        {"lan": "Örebro", "amne": "kollektivtrafik"},
        {"sida": "5"},
    ],
    "att_granska": [{}, {"lan": "18"}],
    "kommun": [{"kommun": "Laxå"}],
    "sok_uttalanden": [{"q": "Åtvidaberg"}, {"q": "hållplatsen"}],
    "sok_artiklar": [{"q": "Åtvidaberg"}, {"q": "Länstrafiken"}],
    "topp_kommuner": [{"fran": "2025-01-01", "till": "2025-06-30"}],
    "karta": [{"fran": "2025-01-01", "till": "2025-12-31"}],
    "konflikt_per_kategori": [{"lan": "18"}],
}


def time_queries(path: Path, repeat: int) -> list[tuple[str, int, float, float]]:
    """(query, rows, median ms, max ms) for every read-only canned query."""
    from bevakning.web import load_metadata, make_datasette

    queries = load_metadata()["databases"]["bevakning"]["queries"]
    ds = make_datasette(path, environ={})
    results = []

    async def run() -> None:
        for name, q in queries.items():
            if q.get("write"):
                continue
            for case in CASES.get(name, [{}]):
                params = {p: "" for p in q.get("params", [])}
                params.update(case)
                label = name + "".join(f" {k}={v}" for k, v in case.items())
                url = f"/{path.stem}/{name}.json"
                first = await ds.client.get(url, params={**params, "_shape": "objects"})
                if first.status_code != 200 or not first.json().get("ok", True):
                    raise SystemExit(f"{name} failed: {first.status_code} {first.text[:300]}")
                rows = len(first.json()["rows"])
                times = []
                for _ in range(repeat):
                    t = time.perf_counter()
                    r = await ds.client.get(url, params={**params, "_shape": "objects"})
                    times.append((time.perf_counter() - t) * 1000)
                    assert r.status_code == 200
                results.append((label, rows, statistics.median(times), max(times)))

    asyncio.run(run())
    return results


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--articles", type=int, default=1_000_000)
    parser.add_argument("--statements", type=int, default=3_000_000)
    parser.add_argument("--repeat", type=int, default=5)
    parser.add_argument("--db", type=Path, help="Database file (default under benchmarks/output/).")
    parser.add_argument("--regenerate", action="store_true", help="Generate even if it exists.")
    args = parser.parse_args()
    path = args.db or ROOT / "benchmarks" / "output" / f"bench_{args.articles}_{args.statements}.db"
    path.parent.mkdir(parents=True, exist_ok=True)
    if args.regenerate or not path.exists():
        print(
            f"generating {args.articles:,} articles, {args.statements:,} statements → {path}",
            file=sys.stderr,
        )
        generate(path, args.articles, args.statements)
    from db import open_db

    open_db(path).close()  # a database generated by an older version gets new migrations
    size = path.stat().st_size / 1e9
    print(f"database {path.name}: {size:.2f} GB")
    results = time_queries(path, args.repeat)
    print(f"{'query':<48}{'rows':>6}{'median ms':>12}{'max ms':>10}  verdict")
    slow = 0
    for name, rows, median, worst in results:
        ok = worst < TARGET_MS
        slow += not ok
        print(f"{name:<48}{rows:>6}{median:>12.1f}{worst:>10.1f}  {'ok' if ok else 'SLOW'}")
    print(f"{len(results) - slow}/{len(results)} queries under {TARGET_MS} ms")
    return 1 if slow else 0


if __name__ == "__main__":
    raise SystemExit(main())
