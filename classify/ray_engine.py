"""`bevakning classify --engine ray`: the same classification, spread over a Ray cluster.

The driver (this process) pages through the ids of the articles to classify
(`id > last order by id limit N`: memory for one page, whatever the archive's
size) and hands each id range to a pool of `ClassifyWorker` actors. Each
worker loads the model once (in its constructor), reads its range's articles
itself from a read-only SQLite connection (no read task, nothing shipped
through the driver) and runs `classify.pipeline.statement_rows`, the very
function the local engine runs. Ranges are handed out so that every worker has
one queued while it works on another; results are consumed in id order.

Two ways to store the result:

- **SQLite** (default): the rows come back (evidence already JSON-encoded by
  the worker) and this process, the single writer, stores them with
  `replace_statements` in article-id order, one transaction per range, and
  rebuilds the conflict cases as `bevakning classify` does. Statement ids,
  flags and scores equal those of `bevakning classify`.
- **Parquet** (`out=DIR`): the database is only read. A worker classifies a
  range, keeps the rows and returns their count; the driver, in id order,
  turns the counts into the first statement id of each range (the id
  `bevakning classify` would give: rowid max + 1 onward) and asks the same
  worker to write the range as one shard per month,
  `DIR/month=YYYY-MM/batch-<first article id>.parquet`, with the columns of
  `bevakning export statements --format parquet --partition month`. Shard
  names depend only on the range, and each file is written under a temporary
  name and renamed, so a range that runs again (its worker was killed)
  overwrites its shards: nothing lost, nothing doubled. A worker that lost
  its rows (restarted) classifies the range again before writing. Conflict
  cases are not built (they are computed from the statements in the
  database).

Actors restart when killed and their calls are retried
(`max_restarts=-1, max_task_retries=-1`). Needs the optional extra `scale`.
The database file (and with `out`, the output folder) must be at the same
path on every node: run the driver on the machine that holds the file, and
use a shared file system for `out` on a cluster of several machines.
"""

from __future__ import annotations

import json
import os
import re
import socket
import sqlite3
import time
from collections import deque
from collections.abc import Callable, Iterator
from pathlib import Path
from typing import Any

from classify.pipeline import CASE_BATCH, ClassifyReport, statement_rows

SHARD = re.compile(r"batch-\d+\.parquet")
TEMP_SHARD = re.compile(r"\.batch-\d+\.parquet\.tmp-\d+")
MARKER = "_classify.json"
WARM_UP = "– Vi säger nej, säger Anna Berg (S), kommunstyrelsens ordförande i Laxå."
DEPTH = 2  # ranges queued per worker: one being classified, one waiting


class RayUnavailable(Exception):
    """Ray is not installed, or the cluster at the given address cannot be reached."""


class OutDirError(Exception):
    """The --out folder cannot take the shards (not writable, holds other files)."""


def _connect(path: str) -> sqlite3.Connection:
    return sqlite3.connect(f"file:{path}?mode=ro", uri=True)


def check_address(address: str | None, timeout: float = 5.0) -> None:
    """Fail fast, in one line, when a host:port address does not answer.

    `ray.init` would otherwise retry for a minute or more before giving up.
    """
    if not address or address in ("auto", "local"):
        return
    hostport = address.removeprefix("ray://")
    host, _, port = hostport.rpartition(":")
    if not host or not port.isdigit():
        raise RayUnavailable(f"cannot reach the Ray cluster at {address}: not host:port")
    try:
        socket.create_connection((host, int(port)), timeout=timeout).close()
    except OSError as exc:
        raise RayUnavailable(
            f"cannot reach the Ray cluster at {address}: {exc.strerror or exc}"
        ) from None


def _own_files(out: Path) -> tuple[list[Path], Path | None]:
    """Files a previous `--out` run left in `out`, and the first file it did not write."""
    own: list[Path] = []
    for entry in sorted(out.iterdir()):
        if entry.name == MARKER and entry.is_file():
            own.append(entry)
        elif entry.is_dir() and entry.name.startswith("month="):
            for f in sorted(entry.iterdir()):
                if f.is_file() and (SHARD.fullmatch(f.name) or TEMP_SHARD.fullmatch(f.name)):
                    own.append(f)
                else:
                    return own, f
        else:
            return own, entry
    return own, None


def prepare_out_dir(out: str | Path) -> Path:
    """Check that `out` can take the shards and clear a previous run's; one-line errors.

    Refused: a path that is a file or below one, a folder this process cannot
    write, a folder holding anything but a previous run's shards (an export's
    `part-0.parquet` included), so nobody's files are overwritten or mixed in.
    A previous run's shards are removed: a new run replaces it whole (its ranges
    may differ, and old shards would double rows).
    """
    path = Path(out)
    if path.exists() and not path.is_dir():
        raise OutDirError(f"--out {path} is a file, not a folder")
    own: list[Path] = []
    if path.is_dir():
        own, foreign = _own_files(path)
        if foreign is not None:
            raise OutDirError(
                f"--out {path} is not empty and holds files not written by classify --out "
                f"(first: {foreign.relative_to(path)}); choose an empty or new folder"
            )
    try:
        path.mkdir(parents=True, exist_ok=True)
        probe = path / f".write-test-{os.getpid()}"
        probe.write_bytes(b"")
        probe.unlink()
    except OSError as exc:
        raise OutDirError(f"--out {path} is not writable: {exc.strerror or exc}") from None
    for f in own:
        f.unlink()
    for d in path.iterdir():
        if d.is_dir() and d.name.startswith("month=") and not any(d.iterdir()):
            d.rmdir()
    return path


def _json_values(rows: list[dict]) -> list[dict]:
    """Lists and dicts as the JSON text `replace_statements` stores (done on the worker)."""
    for row in rows:
        for k, v in row.items():
            if isinstance(v, list | dict):
                row[k] = json.dumps(v, ensure_ascii=False)
    return rows


class ClassifyWorker:
    """One per Ray worker: holds one model, reads and classifies ranges of article ids."""

    def __init__(self, db_path: str, model_name: str | None, where: str, out: str | None):
        from classify.model import load_model

        t0 = time.perf_counter()
        self.model = load_model(model_name)
        # Warm-up (the gazetteer compiles on first use): start-up is measured apart from work.
        statement_rows(self.model, {"id": 0, "title": "Laxå kommun", "text": WARM_UP})
        self.db_path, self.where, self.out = db_path, where, out
        self.con = _connect(db_path)
        self.cache: dict[int, tuple[list, list]] = {}
        self.times = {"load": time.perf_counter() - t0, "ready_at": time.time()}
        self.times |= {"read": 0.0, "classify": 0.0}
        self.times |= {"encode": 0.0, "write": 0.0, "articles": 0, "recomputed": 0}
        if out:
            self.places = {
                r[0]: r[1:]
                for r in self.con.execute(
                    "select code, name, k_category, lan_code, lan_name from municipalities"
                )
            }
            self.regions = dict(self.con.execute("select lan_code, lan_name from regions"))

    def _read(self, lo: int, hi: int) -> list[tuple]:
        t0 = time.perf_counter()
        extra = ", a.url, a.published, coalesce(a.story_id, a.id), src.name" if self.out else ""
        arts = self.con.execute(
            f"select a.id, a.title, a.text, a.lead{extra} from articles a "
            "left join sources src on src.id = a.source_id "
            f"where a.id between ? and ? and {self.where} order by a.id",
            (lo, hi),
        ).fetchall()
        self.times["read"] += time.perf_counter() - t0
        return arts

    def _classify(self, arts: list[tuple]) -> list[list[dict]]:
        from db.store import classified_text

        t0 = time.perf_counter()
        out = [
            statement_rows(
                self.model, {"id": a[0], "title": a[1], "text": classified_text(a[3], a[2])}
            )
            for a in arts
        ]
        self.times["classify"] += time.perf_counter() - t0
        self.times["articles"] += len(arts)
        return out

    def rows(self, lo: int, hi: int) -> list[tuple[int, list[dict]]]:
        """SQLite mode: the statement rows of every article in [lo, hi], for the writer."""
        arts = self._read(lo, hi)
        rows = self._classify(arts)
        t0 = time.perf_counter()
        out = [(a[0], _json_values(r)) for a, r in zip(arts, rows, strict=True)]
        self.times["encode"] += time.perf_counter() - t0
        return out

    def _existing(self, article_ids: list[int]) -> dict[int, tuple[list[dict], set[int]]]:
        """Stored statements (and reviewed ids) of these articles: --refresh keeps their ids."""
        marks = ",".join("?" * len(article_ids))
        got: dict[int, tuple[list[dict], set[int]]] = {}
        for sid, aid, pos, text in self.con.execute(
            f"select id, article_id, position, text from statements where article_id in ({marks}) "
            "order by article_id, position",
            article_ids,
        ):
            got.setdefault(aid, ([], set()))[0].append({"id": sid, "position": pos, "text": text})
        if got:
            for sid, aid in self.con.execute(
                "select distinct r.statement_id, s.article_id from reviews r join statements s "
                f"on s.id = r.statement_id where s.article_id in ({marks})",
                article_ids,
            ):
                if aid in got:
                    got[aid][1].add(sid)
        return got

    def _compute(self, lo: int, hi: int) -> tuple[list, list]:
        from db.store import _match_statements

        arts = self._read(lo, hi)
        rows = self._classify(arts)
        existing = self._existing([a[0] for a in arts]) if arts else {}
        ids = []
        for a, r in zip(arts, rows, strict=True):
            for n, row in enumerate(r):
                row.setdefault("position", n)
            old = existing.get(a[0])
            ids.append(_match_statements(old[0], r, old[1]) if old else [None] * len(r))
        return arts, [(r, i) for r, i in zip(rows, ids, strict=True)]

    def count(self, lo: int, hi: int) -> dict[str, int]:
        """Parquet mode, step 1: classify [lo, hi], keep the rows, say how many new ids."""
        arts, rows = self._compute(lo, hi)
        self.cache[lo] = (arts, rows)
        return {
            "articles": len(arts),
            "statements": sum(len(r) for r, _ in rows),
            "flagged": sum(s["conflict"] for r, _ in rows for s in r),
            "new_ids": sum(sid is None for _, ids in rows for sid in ids),
            "model": self.model.name,
        }

    def write(self, lo: int, hi: int, first_id: int) -> dict[str, int]:
        """Parquet mode, step 2: give the new statements ids from `first_id` on, write shards."""
        import pyarrow as pa
        import pyarrow.parquet as pq

        from db.export import NO_MONTH, STATEMENT_COLUMNS, _month

        if lo in self.cache:
            arts, rows = self.cache.pop(lo)
        else:  # this worker was restarted after classifying the range: classify it again
            arts, rows = self._compute(lo, hi)
            self.times["recomputed"] += 1
        t0 = time.perf_counter()
        by_month: dict[str, list[dict]] = {}
        next_id = first_id
        for a, (r, ids) in zip(arts, rows, strict=True):
            aid, title, _text, _lead, url, published, story, outlet = a
            month = _month(published)
            for s, sid in zip(r, ids, strict=True):
                if sid is None:
                    sid, next_id = next_id, next_id + 1
                place = self.places.get(s["municipality_code"]) or (None,) * 4
                by_month.setdefault(month, []).append(
                    {
                        "statement_id": sid,
                        "statement": s["text"],
                        "speaker": s["speaker"],
                        "speaker_party": s["speaker_party"],
                        "role": s["actor_role"],
                        "municipality": place[0] or s["municipality"],
                        "municipality_code": s["municipality_code"],
                        "k_category": place[1],
                        "lan_code": place[2] or s["region_lan_code"],
                        "lan_name": place[3] or self.regions.get(s["region_lan_code"]),
                        "topic": s["topic"],
                        "conflict": s["conflict"],
                        "score": s["score"],
                        "model": s["model"],
                        "quote_kind": s["quote_kind"],
                        "article_id": aid,
                        "article_title": title,
                        "outlet": outlet,
                        "published": published,
                        "url": url,
                        "story": story,
                    }
                )
        types = {"int64": pa.int64(), "float64": pa.float64(), "string": pa.string()}
        schema = pa.schema([(name, types[kind]) for name, _, kind in STATEMENT_COLUMNS])
        written = {}
        for month, recs in by_month.items():
            recs.sort(key=lambda rec: rec["statement_id"])
            folder = Path(self.out) / f"month={month}"  # NO_MONTH: Hive's NULL partition
            folder.mkdir(parents=True, exist_ok=True)
            name = f"batch-{lo:010d}.parquet"
            tmp = folder / f".{name}.tmp-{os.getpid()}"
            pq.write_table(pa.Table.from_pylist(recs, schema=schema), tmp, compression="zstd")
            os.replace(tmp, folder / name)
            written[month if month != NO_MONTH else None] = len(recs)
        self.times["write"] += time.perf_counter() - t0
        return {"shards": len(written), "rows": sum(written.values())}

    def timings(self) -> dict[str, float]:
        """Seconds spent per stage in this worker (for benchmarks/classify_ray.py)."""
        return dict(self.times, pid=os.getpid())


def _ranges(con: sqlite3.Connection, where: str, size: int) -> Iterator[tuple[int, int, int]]:
    """(first id, last id, articles) of each run of `size` articles to classify, in id order."""
    last = -(2**63)
    while True:
        ids = [
            r[0]
            for r in con.execute(
                f"select id from articles a where {where} and id > ? order by id limit ?",
                (last, size),
            )
        ]
        if not ids:
            return
        yield ids[0], ids[-1], len(ids)
        last = ids[-1]


def _init_ray(ray: Any, address: str | None, workers: int) -> None:
    try:
        if address and address != "local":
            ray.init(address=address, log_to_driver=False, logging_level="ERROR")
        else:
            ray.init(
                num_cpus=workers,
                include_dashboard=False,
                log_to_driver=False,
                logging_level="ERROR",
            )
    except (ConnectionError, RuntimeError) as exc:
        first = str(exc).strip().splitlines()[0] if str(exc).strip() else type(exc).__name__
        raise RayUnavailable(f"cannot reach the Ray cluster at {address}: {first}") from None


def classify_with_ray(
    db_path: str | Path,
    model_name: str | None = None,
    *,
    address: str | None = None,
    workers: int = 2,
    refresh: bool = False,
    batch_size: int | None = None,
    out: str | Path | None = None,
    progress: Callable[[int, int], None] | None = None,
    stage_times: dict | None = None,
) -> ClassifyReport:
    """Classify every unclassified article on Ray (see the module doc).

    `out`: write Parquet shards there instead of the database (cases not
    built). `batch_size`: articles per range; by default 32 for up to 2 workers,
    growing with the pool (16 per worker, at most 1,000) so that the driver, which
    handles one result per range, keeps up with hundreds of workers. `stage_times`,
    when given, is filled with the seconds each worker
    and the driver spent per stage.
    """
    try:
        import ray
    except ImportError:
        raise RayUnavailable(
            "the Ray engine needs the optional extra: pip install 'bevakning[scale]'"
        ) from None
    from db import open_db
    from db.cases import rebuild_cases_for_articles
    from db.store import replace_statements

    if workers < 1:
        raise ValueError(f"workers must be at least 1, not {workers}")
    check_address(address)
    path = str(Path(db_path).resolve())
    out_dir = prepare_out_dir(out) if out is not None else None
    # Opening for writing applies pending migrations, also in --out mode (then only read).
    db = open_db(path)
    where = "(a.language is null or a.language = 'sv')"
    if not refresh:
        where += " and a.classified_at is null"
    reader = _connect(path)
    total = reader.execute(f"select count(*) from articles a where {where}").fetchone()[0]
    first_id = (reader.execute("select max(id) from statements").fetchone()[0] or 0) + 1
    if out_dir is not None:
        db.close()
    report = ClassifyReport()
    if total == 0:
        reader.close()
        if out_dir is None:
            db.close()
        else:
            _finish(out_dir, report, model_name)
        return report
    started_here = not ray.is_initialized()
    if started_here:
        try:
            _init_ray(ray, address, workers)
        except RayUnavailable:
            reader.close()
            if out_dir is None:
                db.close()
            raise
    driver = {"wait": 0.0, "get": 0.0, "store": 0.0, "cases": 0.0}
    actors: list[Any] = []
    try:
        remote = ray.remote(ClassifyWorker).options(
            num_cpus=1,
            max_restarts=-1,  # a killed worker is replaced ...
            max_task_retries=-1,  # ... and its calls run again
            scheduling_strategy="SPREAD",
        )
        outs = str(out_dir.resolve()) if out_dir is not None else None  # workers: other cwd
        driver["created_at"] = time.time()
        actors = [remote.remote(path, model_name, where, outs) for _ in range(workers)]
        size = batch_size or min(1000, max(32, 16 * workers))
        ranges = _ranges(reader, where, size)
        busy = [0] * workers
        queue: deque[tuple[int, int, Any, int]] = deque()  # (lo, hi, ref, worker), id order
        ready: set[Any] = set()
        owner: dict[Any, int] = {}
        writes: list[Any] = []
        next_id = first_id

        def refill() -> None:
            while len(queue) < 2 * DEPTH * workers:
                free = [i for i in range(workers) if busy[i] < DEPTH]
                if not free:
                    return
                rng = next(ranges, None)
                if rng is None:
                    return
                i = min(free, key=busy.__getitem__)
                actor = actors[i]
                ref = (actor.count if out_dir else actor.rows).remote(rng[0], rng[1])
                busy[i] += 1
                owner[ref] = i
                queue.append((rng[0], rng[1], ref, i))

        refill()
        pending: list[int] = []
        model_used = model_name
        while queue:
            lo, hi, ref, i = queue[0]
            if ref not in ready:
                t0 = time.perf_counter()
                done, _ = ray.wait([q[2] for q in queue if q[2] not in ready], num_returns=1)
                driver["wait"] += time.perf_counter() - t0
                for r in done:
                    ready.add(r)
                    busy[owner.pop(r)] -= 1
                refill()
                continue
            queue.popleft()
            ready.discard(ref)
            t0 = time.perf_counter()
            result = ray.get(ref)  # ready: this is the transfer and unpickling
            driver["get"] += time.perf_counter() - t0
            refill()
            t0 = time.perf_counter()
            if out_dir is not None:
                writes.append(actors[i].write.remote(lo, hi, next_id))
                next_id += result["new_ids"]
                report.articles += result["articles"]
                report.statements += result["statements"]
                report.flagged += result["flagged"]
                model_used = result["model"]
                if len(writes) > 4 * workers:  # harvest: errors surface early, memory stays flat
                    finished, writes = ray.wait(writes, num_returns=len(writes), timeout=0)
                    ray.get(finished)
            else:
                with db.atomic():  # one transaction per range
                    for aid, rows in result:
                        replace_statements(db, aid, rows)
                        pending.append(aid)
                        report.articles += 1
                        report.statements += len(rows)
                        report.flagged += sum(r["conflict"] for r in rows)
                driver["store"] += time.perf_counter() - t0
                if len(pending) >= CASE_BATCH:
                    t1 = time.perf_counter()
                    report.cases += rebuild_cases_for_articles(db, pending)
                    driver["cases"] += time.perf_counter() - t1
                    pending.clear()
            if progress:
                progress(report.articles, total)
        if pending:
            # Cases as `bevakning classify` builds them, by the same single writer.
            t1 = time.perf_counter()
            report.cases += rebuild_cases_for_articles(db, pending)
            driver["cases"] += time.perf_counter() - t1
        if writes:
            t0 = time.perf_counter()
            ray.get(writes)
            driver["wait"] += time.perf_counter() - t0
        if out_dir is not None:
            _finish(out_dir, report, model_used)
        if stage_times is not None:
            stage_times["workers"] = ray.get([a.timings.remote() for a in actors])
            stage_times["driver"] = driver
    finally:
        reader.close()
        if out_dir is None:
            db.close()
        for a in actors:
            ray.kill(a)
        if started_here:
            ray.shutdown()
    return report


def _finish(out_dir: Path, report: ClassifyReport, model_name: str | None) -> None:
    """The marker a reader can check: the run finished, with what it wrote.

    A worker killed while writing leaves its hidden temporary file (its range was
    written again under the shard's name): removed here.
    """
    from db.store import now_iso

    for tmp in out_dir.glob("month=*/.batch-*"):
        if TEMP_SHARD.fullmatch(tmp.name):
            tmp.unlink()

    (out_dir / MARKER).write_text(
        json.dumps(
            {
                "articles": report.articles,
                "statements": report.statements,
                "flagged": report.flagged,
                "model": model_name,
                "finished": now_iso(),
            }
        )
        + "\n",
        encoding="utf-8",
    )
