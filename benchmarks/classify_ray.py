"""`bevakning classify --engine ray` against the local engine, in the same run.

    python benchmarks/classify_ray.py --articles 1500 --base /tmp/bench-1500.db --rounds 3

Stores --articles distinct demo articles (benchmarks/warc.py's generator,
through import-warc; with --base, once, and reused by later runs). Then, per
round, classifies a fresh copy of that database five times: the local engine;
Ray writing to SQLite with 1 and 2 workers; Ray writing Parquet shards (--out)
with 1 and 2 workers. One local Ray instance with 2 CPUs, started once (its
start-up is reported apart; the local engine runs beside the idle instance).
For each run: articles/s, the load average (/proc/loadavg) before and after,
and where the time went (per worker: start-up, then read, classify, encode,
write in ms per article it handled; the driver: waiting, fetching results,
storing, cases, and the CPU of the driver and of Ray's own processes, in ms
per article). Then, over the rounds, the median and best of each: the Ray
overhead at 1 worker and the speed-up at 2 workers (targets: <= 15 % and
>= 1.7x), and the peak RSS of the driver and of each worker. On a shared
machine run it when the load is low; the load figures say what it was.
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
    ap.add_argument("--rounds", type=int, default=1, help="repeat the five runs (median, best)")
    args = ap.parse_args()

    import statistics

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
        copies = iter(range(10**6))

        def fresh() -> Path:
            path = tmpd / f"copy-{next(copies)}.db"
            shutil.copy(base, path)
            return path

        first = fresh()
        db = open_db(first)
        expected = classify_articles(db, load_model(None))
        db.close()
        n = expected.articles
        t0 = time.perf_counter()
        export_partitioned(first, "statements", tmpd / "exported")
        print(
            f"{n} articles, {expected.statements} statements, {expected.flagged} flagged; "
            f"export --format parquet --partition month: {time.perf_counter() - t0:.1f} s"
        )
        t0 = time.perf_counter()
        ray.init(num_cpus=2, include_dashboard=False, log_to_driver=False, logging_level="ERROR")
        print(f"ray start-up: {time.perf_counter() - t0:.1f} s (once per run, not counted below)")
        stop = threading.Event()
        peak: dict = {"driver": 0.0, "workers": {}}
        threading.Thread(target=_watch, args=(stop, peak), daemon=True).start()
        results: dict[str, list[float]] = {}
        configs = [("local", 0, False)] + [
            (f"ray {'--out' if out else 'sqlite'} {w}w", w, out)
            for out in (False, True)
            for w in (1, 2)
        ]
        for _ in range(args.rounds):
            for name, workers, out in configs:
                path = fresh()
                time.sleep(3)  # Ray replaces the last run's killed workers: not this run's cost
                before = _load()
                daemons, driver_cpu = _ray_daemons(), _cpu_self()
                times: dict = {}
                t0 = time.perf_counter()
                if not workers:
                    db = open_db(path)
                    rep = classify_articles(db, load_model(None))
                    db.close()
                else:
                    rep = classify_with_ray(
                        path,
                        None,
                        workers=workers,
                        batch_size=args.batch_size,
                        out=tmpd / f"shards-{next(copies)}" if out else None,
                        stage_times=times,
                    )
                t = time.perf_counter() - t0
                assert rep.statements == expected.statements, (rep, expected)
                results.setdefault(name, []).append(t)
                print(f"{name:14} {t:6.1f} s {n / t:6.1f} articles/s  load {before} -> {_load()}")
                if not workers:
                    continue
                after = _ray_daemons()
                mine = set(peak["workers"]) | {w["pid"] for w in times["workers"]}
                cpu = {
                    "driver": _cpu_self() - driver_cpu,
                    "ray daemons": sum(
                        after[p] - daemons[p] for p in after if p in daemons and p not in mine
                    ),
                }
                for w in times["workers"]:
                    up = w["ready_at"] - times["driver"]["created_at"]
                    stages = ", ".join(
                        f"{k} {1000 * w[k] / w['articles']:.2f}"
                        for k in ("read", "classify", "encode", "write")
                    )
                    print(
                        f"    worker {w['pid']}: {w['articles']} articles, ready {up:.1f} s after "
                        f"it was asked for (model load and warm-up {w['load']:.1f} s of that); "
                        f"ms per own article: {stages}; recomputed {w['recomputed']}"
                    )
                d = {k: v for k, v in times["driver"].items() if k != "created_at"}
                print(
                    "    driver, ms per article: "
                    + ", ".join(f"{k} {1000 * v / n:.2f}" for k, v in d.items())
                    + "; CPU ms per article: "
                    + ", ".join(f"{k} {1000 * v / n:.2f}" for k, v in cpu.items())
                )
        ray.shutdown()
        stop.set()
    print(f"summary over {args.rounds} round(s): median (best) articles/s")
    med = {k: statistics.median(v) for k, v in results.items()}
    best = {k: min(v) for k, v in results.items()}
    for k in results:
        print(f"  {k:14} {n / med[k]:6.1f} ({n / best[k]:6.1f})")
    for kind in ("sqlite", "--out"):
        one, two = f"ray {kind} 1w", f"ray {kind} 2w"
        print(
            f"ray {kind}: overhead at 1 worker {100 * (med[one] / med['local'] - 1):+.0f} % "
            f"(best {100 * (best[one] / best['local'] - 1):+.0f} %; target <= 15 %); speed-up at 2 "
            f"workers {med['local'] / med[two]:.2f}x over local (best {best['local'] / best[two]:.2f}x;"
            f" target >= 1.7x), {med[one] / med[two]:.2f}x over 1 worker "
            f"(best {best[one] / best[two]:.2f}x)"
        )
    rss = resource.getrusage(resource.RUSAGE_SELF).ru_maxrss / 1024
    workers_rss = ", ".join(f"{v:.0f}" for v in sorted(peak["workers"].values()))
    print(
        f"peak RSS: driver {peak['driver']:.0f} MiB during the runs ({rss:.0f} MiB over the whole "
        f"process); each worker: {workers_rss} MiB"
    )


if __name__ == "__main__":
    main()
