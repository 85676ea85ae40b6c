"""`bevakning classify --engine ray` against the local engine, in the same run.

    python benchmarks/classify_ray.py --articles 400

Stores --articles distinct demo articles (benchmarks/warc.py's generator,
through import-warc), then classifies a fresh copy of that database three
times: the local engine, Ray with 1 worker, Ray with 2 workers (one local Ray
instance with 2 CPUs, started once; its start-up is reported apart). Prints
articles/s, the Ray overhead at 1 worker and the speed-up at 2 workers
(targets: <= 15 % and >= 1.7x), and the peak RSS of the driver and of a worker.
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


def _watch_workers(stop: threading.Event, peak: dict) -> None:
    """Largest resident set of any Ray map worker (from /proc), sampled twice a second."""
    while not stop.wait(0.5):
        for proc in Path("/proc").iterdir():
            if not proc.name.isdigit():
                continue
            try:
                if b"MapWorker" not in (proc / "cmdline").read_bytes():
                    continue
                for line in (proc / "status").read_text().splitlines():
                    if line.startswith("VmRSS:"):
                        peak["worker"] = max(peak["worker"], int(line.split()[1]) / 1024)
            except OSError:
                continue


def main() -> None:
    ap = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawTextHelpFormatter)
    ap.add_argument("--articles", type=int, default=400)
    args = ap.parse_args()

    import ray
    from warc import build

    from classify.model import load_model
    from classify.pipeline import classify_articles
    from classify.ray_engine import classify_with_ray
    from crawler.sources import load_sources
    from crawler.warc import WarcImporter
    from db import open_db

    with tempfile.TemporaryDirectory() as tmp:
        tmpd = Path(tmp)
        toml, _ = build(tmpd / "a.warc.gz", args.articles, mix=False)
        (tmpd / "sources.toml").write_text(toml, encoding="utf-8")
        base = tmpd / "base.db"
        WarcImporter(base, load_sources(tmpd / "sources.toml")).run([tmpd / "a.warc.gz"])

        def fresh(name: str) -> Path:
            path = tmpd / name
            shutil.copy(base, path)
            return path

        db = open_db(fresh("local.db"))
        t0 = time.perf_counter()
        local = classify_articles(db, load_model(None))
        t_local = time.perf_counter() - t0
        db.close()
        t0 = time.perf_counter()
        ray.init(num_cpus=2, include_dashboard=False, log_to_driver=False, logging_level="ERROR")
        t_init = time.perf_counter() - t0
        stop = threading.Event()
        peak = {"worker": 0.0}
        threading.Thread(target=_watch_workers, args=(stop, peak), daemon=True).start()
        times = {}
        for workers in (1, 2):
            t0 = time.perf_counter()
            rep = classify_with_ray(fresh(f"ray{workers}.db"), None, workers=workers)
            times[workers] = time.perf_counter() - t0
            assert rep.statements == local.statements, (rep, local)
        ray.shutdown()
        stop.set()
    n = local.articles
    print(f"{n} articles, {local.statements} statements, {local.flagged} flagged")
    print(f"local engine:      {t_local:6.1f} s  {n / t_local:6.1f} articles/s")
    print(f"ray start-up:      {t_init:6.1f} s  (once per run, not counted below)")
    for w, t in times.items():
        print(f"ray, {w} worker(s):  {t:6.1f} s  {n / t:6.1f} articles/s")
    print(
        f"overhead at 1 worker: {100 * (times[1] / t_local - 1):+.0f} % (target <= 15 %); "
        f"speed-up at 2 workers: {t_local / times[2]:.2f}x (target >= 1.7x)"
    )
    rss = resource.getrusage(resource.RUSAGE_SELF).ru_maxrss / 1024
    print(f"peak RSS: driver {rss:.0f} MiB, one model worker {peak['worker']:.0f} MiB")


if __name__ == "__main__":
    main()
