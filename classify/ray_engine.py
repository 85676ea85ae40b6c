"""`bevakning classify --engine ray`: the same classification, spread over a Ray cluster.

Articles are read in blocks by Ray Data (`read_sql` on a read-only SQLite
connection), classified by an actor pool (each worker loads the model once,
in its constructor, not once per batch) with the very function the local
engine uses (`classify.pipeline.statement_rows`), and come back to this
process, the single writer, which stores them with `replace_statements` in
article-id order (`preserve_order`), so statement ids, flags and scores equal
those of `bevakning classify`. Needs the optional extra `scale` (ray[data]).

The database file must be readable at the same path on the node that runs
the read task (run the driver on the machine that holds the file).
"""

from __future__ import annotations

import functools
import pickle
import socket
import sqlite3
from collections.abc import Callable
from pathlib import Path
from typing import Any

from classify.pipeline import CASE_BATCH, ClassifyReport, statement_rows


class RayUnavailable(Exception):
    """Ray is not installed, or the cluster at the given address cannot be reached."""


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


class _Classifier:
    """One per Ray worker: holds one model, classifies batches of articles."""

    def __init__(self, model_name: str | None):
        from classify.model import load_model

        self.model = load_model(model_name)

    def __call__(self, batch: Any) -> Any:
        import pyarrow as pa

        from db.store import classified_text

        ids, blobs = [], []
        cols = {name: batch.column(name).to_pylist() for name in ("id", "title", "text", "lead")}
        for aid, title, text, lead in zip(
            cols["id"], cols["title"], cols["text"], cols["lead"], strict=True
        ):
            art = {"id": aid, "title": title, "text": classified_text(lead, text)}
            ids.append(aid)
            # pickled: the writer stores exactly the Python values the local engine would
            blobs.append(pickle.dumps(statement_rows(self.model, art)))
        return pa.table({"article_id": pa.array(ids, pa.int64()), "rows": pa.array(blobs)})


def classify_with_ray(
    db_path: str | Path,
    model_name: str | None = None,
    *,
    address: str | None = None,
    workers: int = 2,
    refresh: bool = False,
    batch_size: int = 16,
    progress: Callable[[int, int], None] | None = None,
) -> ClassifyReport:
    """Classify every unclassified article on Ray; this process writes (see module doc)."""
    try:
        import ray
        import ray.data
    except ImportError:
        raise RayUnavailable(
            "the Ray engine needs the optional extra: pip install 'bevakning[scale]'"
        ) from None
    from db import open_db
    from db.cases import rebuild_cases_for_articles
    from db.store import count_to_classify, replace_statements

    check_address(address)
    path = str(Path(db_path).resolve())
    db = open_db(path)
    started_here = not ray.is_initialized()
    if started_here:
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
            db.close()
            first = str(exc).strip().splitlines()[0] if str(exc).strip() else type(exc).__name__
            raise RayUnavailable(f"cannot reach the Ray cluster at {address}: {first}") from None
    report = ClassifyReport()
    pending: list[int] = []
    try:
        ctx = ray.data.DataContext.get_current()
        ctx.execution_options.preserve_order = True  # one writer, in id order: same ids
        ctx.enable_progress_bars = False
        total = count_to_classify(db, refresh=refresh)
        if total == 0:
            return report
        where = "(language is null or language = 'sv')"
        if not refresh:
            where += " and classified_at is null"
        sql = f"select id, title, text, lead from articles where {where} order by id"
        # The read takes no CPU slot: with every slot held by a model worker, a read task
        # needing one would wait for ever (2 CPUs, 2 workers).
        ds = ray.data.read_sql(sql, functools.partial(_connect, path), num_cpus=0)
        ds = ds.map_batches(
            _Classifier,
            fn_constructor_kwargs={"model_name": model_name},
            batch_size=batch_size,
            batch_format="pyarrow",
            compute=ray.data.ActorPoolStrategy(size=workers),
            num_cpus=1,
            max_restarts=-1,  # a killed worker is replaced; its batches run again
            max_task_retries=-1,
        )
        for batch in ds.iter_batches(batch_format="pyarrow", batch_size=None):
            for aid, blob in zip(
                batch.column("article_id").to_pylist(),
                batch.column("rows").to_pylist(),
                strict=True,
            ):
                rows = pickle.loads(blob)
                replace_statements(db, aid, rows)
                pending.append(aid)
                if len(pending) >= CASE_BATCH:
                    report.cases += rebuild_cases_for_articles(db, pending)
                    pending.clear()
                report.articles += 1
                report.statements += len(rows)
                report.flagged += sum(r["conflict"] for r in rows)
                if progress:
                    progress(report.articles, total)
        if pending:
            # Cases as `bevakning classify` builds them, by the same single writer.
            report.cases += rebuild_cases_for_articles(db, pending)
    finally:
        db.close()
        if started_here:
            ray.shutdown()
    return report
