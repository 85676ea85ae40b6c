"""`bevakning classify --engine ray` against the local engine, in the same run.

    python benchmarks/classify_ray.py --articles 1500
    python benchmarks/classify_ray.py --articles 1500 --base /tmp/ray-bench.db   # keep the input

Stores --articles distinct demo articles (benchmarks/warc.py's generator,
through import-warc; with --base, once, and reused by later runs), then
classifies a fresh copy of that database with: the local engine; Ray writing
to SQLite with 1 and 2 workers; Ray writing Parquet shards (--out) with 1 and
2 workers; the local engine again (load on a shared machine drifts; the two
local runs show by how much). One local Ray instance with 2 CPUs, started
once; its start-up is reported apart. For each run: articles/s, the load
average (/proc/loadavg) before and after, and where the time went (per
worker: load, read, classify, encode, write; the driver: waiting for results,
storing, cases), in ms per article. Then the Ray overhead at 1 worker and the
speed-up at 2 workers (targets: <= 15 % and >= 1.7x) against the mean of the
two local runs, and the peak RSS of the driver and of each worker.
Needs the optional extra `scale`.
"""

from __future__ import annotations

import argparse
import resource
import shutil
import sys
import tempfile
import threading
import time
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT))
sys.path.insert(0, str(ROOT / "benchmarks"))


def _load() -> str:
    return " ".join(Path("/proc/loadavg").read_text().split()[:3])


def _rss(status: Path) -> float:
    for line in status.read_text().splitlines():
        if line.startswith("VmRSS:"):
            return int(line.split()[1]) / 1024
    return 0.0


def _watch(stop: threading.Event, peak: dict) -> None:
    """Largest resident set of each Ray classify worker and of this process, twice a second."""
    while not stop.wait(0.5):
        peak["driver"] = max(peak["driver"], _rss(Path("/proc/self/status")))
        for proc in Path("/proc").iterdir():
            if not proc.name.isdigit():
                continue
            try:
                if b"ray::ClassifyWorker" not in (proc / "cmdline").read_bytes():
                    continue
                pid = int(proc.name)
                peak["workers"][pid] = max(peak["workers"].get(pid, 0.0), _rss(proc / "status"))
            except OSError:
                continue


def _ray_daemons() -> dict[int, float]:
    """CPU seconds so far of this process's descendants that are not classify workers."""
    import os

    tick = os.sysconf("SC_CLK_TCK")
    parents: dict[int, int] = {}
    cpu: dict[int, float] = {}
    for proc in Path("/proc").iterdir():
        if not proc.name.isdigit():
            continue
        try:
            if b"ClassifyWorker" in (proc / "cmdline").read_bytes():
                continue
            fields = (proc / "stat").read_text().rsplit(")", 1)[1].split()
            parents[int(proc.name)] = int(fields[1])
            cpu[int(proc.name)] = (int(fields[11]) + int(fields[12])) / tick
        except (OSError, ValueError, IndexError):
            continue
    me, out = os.getpid(), {}
    for pid, t in cpu.items():
        p = parents.get(pid, 1)
        while p > 1 and p != me:
            p = parents.get(p, 1)
        if p == me:
            out[pid] = t
    return out


def _cpu_self() -> float:
    r = resource.getrusage(resource.RUSAGE_SELF)
    return r.ru_utime + r.ru_stime


def main() -> None:
    ap = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawTextHelpFormatter)
    ap.add_argument("--articles", type=int, default=400)
    ap.add_argument("--batch-size", type=int, default=32, help="articles per range")
    ap.add_argument("--base", help="the input database: built there once, reused when present")
    args = ap.parse_args()

    import ray
    from warc import build

    from classify.model import load_model
    from classify.pipeline import classify_articles
    from classify.ray_engine import classify_with_ray
    from crawler.sources import load_sources
    from crawler.warc import WarcImporter
    from db import open_db
    from db.export import export_partitioned

    with tempfile.TemporaryDirectory() as tmp:
        tmpd = Path(tmp)
        base = Path(args.base) if args.base else tmpd / "base.db"
        if not base.exists():
            toml, _ = build(tmpd / "a.warc.gz", args.articles, mix=False)
            (tmpd / "sources.toml").write_text(toml, encoding="utf-8")
            WarcImporter(base, load_sources(tmpd / "sources.toml")).run([tmpd / "a.warc.gz"])

        def fresh(name: str) -> Path:
            path = tmpd / name
            shutil.copy(base, path)
            return path

        rows: list[tuple[str, float, str, str, dict | None]] = []

        def local(name: str) -> None:
            db = open_db(fresh(f"{name}.db"))
            before = _load()
            t0 = time.perf_counter()
            rep = classify_articles(db, load_model(None))
            rows.append((name, time.perf_counter() - t0, before, _load(), None))
            db.close()
            counts["local"] = rep

        counts: dict = {}
        local("local")
        before = _load()
        t0 = time.perf_counter()
        export_partitioned(tmpd / "local.db", "statements", tmpd / "exported")
        t_export = time.perf_counter() - t0
        print(f"export --format parquet --partition month after local: {t_export:.1f} s ({before})")
        t0 = time.perf_counter()
        ray.init(num_cpus=2, include_dashboard=False, log_to_driver=False, logging_level="ERROR")
        t_init = time.perf_counter() - t0
        stop = threading.Event()
        peak: dict = {"driver": 0.0, "workers": {}}
        threading.Thread(target=_watch, args=(stop, peak), daemon=True).start()
        for out in (False, True):
            for workers in (1, 2):
                name = f"ray {'--out' if out else 'sqlite'} {workers}w"
                db = fresh(f"ray-{int(out)}-{workers}.db")
                times: dict = {}
                time.sleep(
                    3
                )  # Ray replaces the killed workers of the last run: not this run's cost
                before = _load()
                daemons, driver_cpu = _ray_daemons(), _cpu_self()
                t0 = time.perf_counter()
                rep = classify_with_ray(
                    db,
                    None,
                    workers=workers,
                    batch_size=args.batch_size,
                    out=tmpd / f"shards-{workers}" if out else None,
                    stage_times=times,
                )
                rows.append((name, time.perf_counter() - t0, before, _load(), times))
                after = _ray_daemons()
                times["cpu"] = {
                    "driver": _cpu_self() - driver_cpu,
                    "ray daemons": sum(after[p] - daemons[p] for p in after if p in daemons),
                }
                assert rep.statements == counts["local"].statements, (rep, counts["local"])
        ray.shutdown()
        stop.set()
        local("local again")
    n = counts["local"].articles
    print(
        f"{n} articles, {counts['local'].statements} statements, {counts['local'].flagged} flagged"
    )
    print(f"ray start-up: {t_init:.1f} s (once per run, not counted below)")
    for name, t, before, after, times in rows:
        print(f"{name:16} {t:6.1f} s {n / t:6.1f} articles/s  load {before} -> {after}")
        if not times:
            continue
        for w in times["workers"]:
            stages = ", ".join(
                f"{k} {1000 * w[k] / n:.2f}" for k in ("read", "classify", "encode", "write")
            )
            up = w["ready_at"] - times["driver"]["created_at"]
            print(
                f"    worker {w['pid']}: {w['articles']} articles, ready {up:.1f} s after it was "
                f"asked for (model load and warm-up {w['load']:.1f} s of that); "
                f"ms per article of the run: {stages}; recomputed {w['recomputed']}"
            )
        d = {k: v for k, v in times["driver"].items() if k != "created_at"}
        print(
            "    driver, ms per article: "
            + ", ".join(f"{k} {1000 * v / n:.2f}" for k, v in d.items())
            + "; CPU ms per article: "
            + ", ".join(f"{k} {1000 * v / n:.2f}" for k, v in times["cpu"].items())
        )
    t_local = (rows[0][1] + rows[-1][1]) / 2
    by = {name: t for name, t, *_ in rows}
    for kind in ("sqlite", "--out"):
        t1, t2 = by[f"ray {kind} 1w"], by[f"ray {kind} 2w"]
        print(
            f"ray {kind}: overhead at 1 worker {100 * (t1 / t_local - 1):+.0f} % (target <= 15 %); "
            f"speed-up at 2 workers {t_local / t2:.2f}x over local (target >= 1.7x), "
            f"{t1 / t2:.2f}x over 1 worker"
        )
    rss = resource.getrusage(resource.RUSAGE_SELF).ru_maxrss / 1024
    workers_rss = ", ".join(f"{v:.0f}" for v in sorted(peak["workers"].values()))
    print(
        f"peak RSS: driver {peak['driver']:.0f} MiB during the Ray runs ({rss:.0f} MiB over the "
        f"whole process, local engine included); each worker: {workers_rss} MiB"
    )


if __name__ == "__main__":
    main()
