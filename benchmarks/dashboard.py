"""How long the dashboard "Konfliktläget" takes at 1,000,000 articles (a figure, not a test).

Run: python benchmarks/dashboard.py [--db /tmp/dash_bench/bevakning.db]

The first run builds the database: the dashboard test's demo-like data (120
cases, four counties) plus 1,000,000 synthetic articles from 60 outlets in six
counties over two years (short texts, no full-text index: only the
(source_id, published) index is read), and 60,000 conflict cases over the same
two years (what 1M articles give, docs/cases.md). Each filter is then fetched through
Datasette's client twice: "cold" with the article counts not cached, "cached" with them.
Target (issue 14): queries answer in < 500 ms.
"""

from __future__ import annotations

import argparse
import asyncio
import datetime as dt
import random
import sqlite3
import sys
import time
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
# benchmarks/datasette.py would shadow the datasette package.
sys.path[:] = [p for p in sys.path if Path(p or ".").resolve() != ROOT / "benchmarks"]
sys.path.insert(0, str(ROOT / "tests"))
sys.path.insert(0, str(ROOT))

FILTERS = [
    {},
    {"lan": "Örebro län"},
    {"lan": "Örebro län", "kommun": "Laxå"},
    {"amne": "kollektivtrafik"},
    {"roll": "kommunalråd", "fran": "2025-01-01"},
]


def build(path: Path, n: int) -> None:
    """The test's demo-like database plus `n` synthetic articles."""
    from test_dashboard import populate_dashboard

    path.parent.mkdir(parents=True, exist_ok=True)
    populate_dashboard(path)
    conn = sqlite3.connect(path)
    for (name,) in conn.execute(
        "select name from sqlite_master where type = 'trigger' and tbl_name = 'articles'"
    ).fetchall():
        conn.execute(f"drop trigger {name}")  # the full-text index is not what is measured
    rng = random.Random(1)
    today = dt.date.today()
    sources = [f"b{i}" for i in range(60)]
    lans = ["18", "05", "06", "03", "01", "12"]
    conn.executemany(
        "insert into sources (id, name, lan) values (?, ?, ?)",
        [(s, s, lans[i % len(lans)]) for i, s in enumerate(sources)],
    )

    def rows():
        for i in range(n):
            day = today - dt.timedelta(days=rng.randrange(730))
            yield (10_000 + i, rng.choice(sources), f"http://x/{i}", "t", f"{day}T08:00:00+01:00")

    conn.executemany(
        "insert into articles (id, source_id, url, title, published, text) "
        "values (?, ?, ?, ?, ?, 'Text.')",
        rows(),
    )
    conn.commit()
    conn.close()


def add_cases(path: Path, n: int) -> None:
    """Copies of the test's cases with dates over two years: 59,163 cases at 1M articles
    is what benchmarks/datasette.py derives from its generated flags (docs/cases.md)."""
    conn = sqlite3.connect(path)
    have = conn.execute("select count(*) from conflict_cases").fetchone()[0]
    if have >= n:
        return
    rng = random.Random(2)
    today = dt.date.today()
    cols = [r[1] for r in conn.execute("pragma table_info(conflict_cases)") if r[1] != "id"]
    base = conn.execute(f"select {', '.join(cols)} from conflict_cases").fetchall()
    rows = []
    for i in range(n - have):
        row = dict(zip(cols, rng.choice(base), strict=True))
        day = today - dt.timedelta(days=rng.randrange(730))
        row.update(first_published=f"{day}T09:00:00+01:00", month=str(day)[:7])
        row["story_id"] = 1_000_000 + i
        rows.append(tuple(row[c] for c in cols))
    marks = ", ".join("?" for _ in cols)
    conn.executemany(f"insert into conflict_cases ({', '.join(cols)}) values ({marks})", rows)
    conn.commit()
    conn.close()


async def measure(path: Path) -> None:
    import bevakning.dashboard as dashboard
    from bevakning.web import make_datasette

    ds = make_datasette(path, environ={})
    await ds.client.get(dashboard.PATH)  # Datasette's first-request set-up
    for params in FILTERS:
        dashboard._denominator_cache.clear()
        t = time.perf_counter()
        response = await ds.client.get(dashboard.PATH, params=params)
        cold = time.perf_counter() - t
        t = time.perf_counter()
        await ds.client.get(dashboard.PATH, params=params)
        warm = time.perf_counter() - t
        print(
            f"{params or 'inga filter'}: {response.status_code}, "
            f"cold {cold * 1000:.0f} ms, cached counts {warm * 1000:.0f} ms"
        )


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--db", type=Path, default=Path("/tmp/dash_bench/bevakning.db"))
    parser.add_argument("--articles", type=int, default=1_000_000)
    parser.add_argument("--cases", type=int, default=60_000)
    args = parser.parse_args()
    if not args.db.exists():
        build(args.db, args.articles)
    add_cases(args.db, args.cases)
    asyncio.run(measure(args.db))


if __name__ == "__main__":
    main()
