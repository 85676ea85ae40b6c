"""Load: many people on the web interface while a crawl and a classification write.

    python benchmarks/load.py                          # 1,000,000 articles, 2,000 requests
    python benchmarks/load.py --articles 100000 --statements 300000 --requests 500

Starts the real server (`bevakning serve`, uvicorn + Datasette) on 127.0.0.1
over the benchmark database of benchmarks/datasette.py (generated once and
reused), then sends --requests requests, --concurrency at a time, over the
pages people open: the home page, the table pages, the canned queries and
(where it exists) the dashboard. Meanwhile two writers run against the same
file, as in production:

- a crawl writer that stores new articles in small transactions at about the
  crawler's measured rate (41 pages/s on 2 cores), through sqlite-utils as the
  store pipeline does;
- the real `bevakning classify`, rerun whenever it finishes, on what arrives.

Traffic stays on loopback and the run stops by itself. Target: p95 < 1 s.
"""

from __future__ import annotations

import argparse
import asyncio
import importlib.util
import os
import signal
import socket
import sqlite3
import statistics
import subprocess
import sys
import time
from pathlib import Path
from urllib.parse import quote

ROOT = Path(__file__).resolve().parent.parent
HERE = Path(__file__).resolve().parent
OUTPUT = HERE / "output"
TARGET_P95_MS = 1000
BIN = Path(sys.executable).parent


def _bench_module():
    """benchmarks/datasette.py, loaded by path (its name shadows the datasette package)."""
    spec = importlib.util.spec_from_file_location("bench_datasette", HERE / "datasette.py")
    module = importlib.util.module_from_spec(spec)
    assert spec.loader is not None
    spec.loader.exec_module(module)
    return module


def free_port() -> int:
    with socket.socket() as sock:
        sock.bind(("127.0.0.1", 0))
        return sock.getsockname()[1]


def pages(db_name: str) -> list[tuple[str, str]]:
    """(group, path) pairs: what a communications officer and a researcher open."""
    d = f"/{db_name}"
    q = "?lan=18&amne=transit"
    paths = [
        ("hem", "/"),
        ("databas", d),
        ("tabell uttalanden", f"{d}/statements"),
        ("tabell uttalanden", f"{d}/statements?conflict=1"),
        ("tabell artiklar", f"{d}/articles"),
        ("tabell kommuner", f"{d}/municipalities"),
        ("rad", f"{d}/statements/5"),
        ("fråga", f"{d}/senaste_flaggade"),
        ("fråga", f"{d}/senaste_flaggade{q}"),
        ("fråga", f"{d}/konflikt_per_manad_lan"),
        ("fråga", f"{d}/konflikt_per_kategori?lan=18"),
        ("fråga", f"{d}/konflikt_per_roll"),
        ("fråga", f"{d}/topp_kommuner?fran=2025-01-01&till=2025-06-30"),
        ("fråga", f"{d}/kommun?kommun={quote('Laxå')}"),
        ("fråga", f"{d}/sok_uttalanden?q={quote('hållplatsen')}"),
        ("fråga", f"{d}/karta?fran=2025-01-01&till=2025-12-31"),
        ("fråga", f"{d}/insamlingshalsa"),
        ("fråga", f"{d}/att_granska"),
        ("fråga", f"{d}/konflikter"),
        ("panel", "/-/dashboards/konfliktlaget"),
    ]
    return paths


def crawl_writer(db_path: str, stop_at: float, rate: float) -> int:
    """Store copies of existing articles as new ones, one transaction per article."""
    conn = sqlite3.connect(db_path, timeout=30, isolation_level=None)
    conn.execute("PRAGMA busy_timeout = 30000")
    cols = [r[1] for r in conn.execute("pragma table_info(articles)") if r[1] != "id"]
    keep = [c for c in cols if c not in ("url", "classified_at", "fetched_at", "content_hash")]
    n = 0
    row_id = 1
    while time.time() < stop_at:
        src = conn.execute(
            f"select {', '.join(keep)} from articles where id >= ? limit 1", (row_id,)
        ).fetchone()
        row_id += 97
        if src is None:
            row_id = 1
            continue
        values = dict(zip(keep, src, strict=True))
        values["url"] = f"http://load.example/{time.time_ns()}"
        values["fetched_at"] = time.strftime("%Y-%m-%dT%H:%M:%S+00:00", time.gmtime())
        values["content_hash"] = f"load-{time.time_ns()}"
        values["classified_at"] = None
        values["story_id"] = None
        names = ", ".join(values)
        marks = ", ".join("?" for _ in values)
        conn.execute("begin immediate")
        conn.execute(f"insert into articles ({names}) values ({marks})", list(values.values()))
        conn.execute("commit")
        n += 1
        time.sleep(1 / rate)
    conn.close()
    return n


async def fire(base: str, paths: list[tuple[str, str]], total: int, concurrency: int):
    import httpx

    results: list[tuple[str, int, float]] = []
    queue: asyncio.Queue[tuple[str, str]] = asyncio.Queue()
    for i in range(total):
        queue.put_nowait(paths[i % len(paths)])
    limits = httpx.Limits(max_connections=concurrency, max_keepalive_connections=concurrency)
    async with httpx.AsyncClient(base_url=base, limits=limits, timeout=60) as client:

        async def worker() -> None:
            while not queue.empty():
                group, path = queue.get_nowait()
                t0 = time.perf_counter()
                try:
                    status = (await client.get(path)).status_code
                except httpx.HTTPError:
                    status = 0
                results.append((group, status, (time.perf_counter() - t0) * 1000))

        await asyncio.gather(*(worker() for _ in range(concurrency)))
    return results


def pct(values: list[float], p: float) -> float:
    ordered = sorted(values)
    return ordered[min(len(ordered) - 1, int(round(p / 100 * (len(ordered) - 1))))]


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__.split("\n")[0])
    parser.add_argument("--articles", type=int, default=1_000_000)
    parser.add_argument("--statements", type=int, default=3_000_000)
    parser.add_argument("--requests", type=int, default=2000)
    parser.add_argument("--concurrency", type=int, default=20)
    parser.add_argument("--crawl-rate", type=float, default=41.0, help="Articles/s written.")
    parser.add_argument("--no-writers", action="store_true", help="Readers only.")
    args = parser.parse_args()

    bench = _bench_module()
    OUTPUT.mkdir(exist_ok=True)
    db_path = OUTPUT / f"bench_{args.articles}_{args.statements}.db"
    if not db_path.exists():
        print(f"generating {args.articles:,} articles → {db_path}", flush=True)
        bench.generate(db_path, args.articles, args.statements)
    subprocess.run([str(BIN / "bevakning"), "init", "--db", str(db_path)], check=True)
    port = free_port()
    base = f"http://127.0.0.1:{port}"
    server = subprocess.Popen(
        [str(BIN / "bevakning"), "serve", "--db", str(db_path), "--port", str(port)],
        stdout=subprocess.DEVNULL,
        stderr=subprocess.DEVNULL,
    )
    writers: list[subprocess.Popen] = []
    try:
        deadline = time.time() + 60
        while True:
            try:
                socket.create_connection(("127.0.0.1", port), timeout=1).close()
                break
            except OSError:
                if time.time() > deadline or server.poll() is not None:
                    raise SystemExit("the server did not start") from None
                time.sleep(0.3)
        all_paths = pages(db_path.stem)
        # Drop pages this version does not have (the dashboard before it exists).
        import httpx

        paths = [
            (g, p) for g, p in all_paths if httpx.get(base + p, timeout=120).status_code == 200
        ]
        missing = sorted({p for _, p in all_paths} - {p for _, p in paths})
        stop_at = time.time() + 3600
        if not args.no_writers:
            writers.append(
                subprocess.Popen(
                    [
                        sys.executable,
                        "-c",
                        "import sys; sys.path.insert(0, sys.argv[1]);"
                        "import load; print(load.crawl_writer(sys.argv[2], float(sys.argv[3]),"
                        " float(sys.argv[4])))",
                        str(HERE),
                        str(db_path),
                        str(stop_at),
                        str(args.crawl_rate),
                    ],
                    stdout=subprocess.DEVNULL,
                )
            )
            writers.append(
                subprocess.Popen(
                    [
                        "bash",
                        "-c",
                        f"while true; do '{BIN / 'bevakning'}' classify --db '{db_path}' "
                        ">/dev/null 2>&1 || echo classify-failed >&2; sleep 1; done",
                    ],
                    start_new_session=True,
                )
            )
            time.sleep(3)
        t0 = time.perf_counter()
        results = asyncio.run(fire(base, paths, args.requests, args.concurrency))
        elapsed = time.perf_counter() - t0
    finally:
        for proc in writers:
            try:
                os.killpg(proc.pid, signal.SIGTERM)
            except (ProcessLookupError, PermissionError):
                proc.terminate()
        server.terminate()
        server.wait(timeout=30)
    failed = [r for r in results if r[1] != 200]
    times = [r[2] for r in results]
    print(
        f"{len(results)} requests, {args.concurrency} concurrent, "
        f"{'with a crawl writer and classify running' if not args.no_writers else 'readers only'}"
        f", {elapsed:.1f} s ({len(results) / elapsed:.0f} req/s)"
    )
    print(f"{'page group':24} {'n':>5} {'p50 ms':>8} {'p95 ms':>8} {'max ms':>8}")
    for group in dict.fromkeys(g for g, _ in paths):
        ms = [r[2] for r in results if r[0] == group]
        print(
            f"{group:24} {len(ms):5d} {statistics.median(ms):8.0f} {pct(ms, 95):8.0f} {max(ms):8.0f}"
        )
    p95 = pct(times, 95)
    print(
        f"{'all':24} {len(times):5d} {statistics.median(times):8.0f} {p95:8.0f} {max(times):8.0f}"
    )
    if missing:
        print("not in this version (skipped): " + ", ".join(missing))
    if failed:
        print(f"{len(failed)} requests failed (status {sorted({r[1] for r in failed})})")
    ok = p95 < TARGET_P95_MS and not failed
    print(f"target p95 < {TARGET_P95_MS} ms: {'met' if ok else 'NOT met'}")
    return 0 if ok else 1


if __name__ == "__main__":
    sys.exit(main())
