"""Researcher exports: statements (the joined view), articles or conflict cases, streamed in batches.

Rows are read with ``fetchmany`` and written as they come, so an export of
millions of statements needs memory for one batch, not for the whole table.
The same query builder feeds ``bevakning.analysis.load_statements``, so the
CSV, JSON Lines, Parquet files and the DataFrame always have the same columns.
"""

from __future__ import annotations

import csv
import io
import json
import re
import sqlite3
import sys
from collections.abc import Callable, Iterator, Sequence
from dataclasses import dataclass, field
from datetime import date
from pathlib import Path
from typing import IO, Any

KINDS = ("statements", "articles", "cases")
FORMATS = ("csv", "jsonl", "parquet")
EXCEL_BOM = "\ufeff"
BATCH = 5000
PROGRESS_FROM = 10_000  # rows; smaller exports finish before a bar would help

# (column, SQL expression, Parquet type name) in export order.
STATEMENT_COLUMNS: list[tuple[str, str, str]] = [
    ("statement_id", "statement_id", "int64"),
    ("statement", "statement", "string"),
    ("speaker", "speaker", "string"),
    ("speaker_party", "speaker_party", "string"),
    ("role", "role", "string"),
    ("municipality", "municipality", "string"),
    ("municipality_code", "municipality_code", "string"),
    ("k_category", "k_category", "string"),
    ("lan_code", "lan_code", "string"),
    ("lan_name", "lan_name", "string"),
    ("topic", "topic", "string"),
    ("conflict", "conflict", "int64"),
    ("score", "score", "float64"),
    ("model", "model", "string"),
    ("quote_kind", "quote_kind", "string"),
    ("article_id", "article_id", "int64"),
    ("article_title", "article_title", "string"),
    ("outlet", "outlet", "string"),
    ("published", "published", "string"),
    ("url", "url", "string"),
    ("story", "story_key", "int64"),
]

# One row per conflict case (db/cases.py); list columns are JSON arrays.
CASE_COLUMNS: list[tuple[str, str, str]] = [
    (name, name, kind)
    for name, kind in (
        ("id", "int64"),
        ("story_id", "int64"),
        ("municipality", "string"),
        ("municipality_code", "string"),
        ("lan", "string"),
        ("lan_name", "string"),
        ("k_category", "string"),
        ("actor", "string"),
        ("actor_role", "string"),
        ("target", "string"),
        ("topic", "string"),
        ("quote", "string"),
        ("quote_kind", "string"),
        ("score", "float64"),
        ("first_published", "string"),
        ("outlets", "string"),
        ("urls", "string"),
        ("statement_ids", "string"),
        ("n_statements", "int64"),
        ("model", "string"),
        ("evidence", "string"),
    )
]

ARTICLE_COLUMNS: list[tuple[str, str, str]] = [
    ("article_id", "a.id", "int64"),
    ("source_id", "a.source_id", "string"),
    ("outlet", "s.name", "string"),
    ("lan_code", "s.lan", "string"),
    ("title", "a.title", "string"),
    ("published", "a.published", "string"),
    ("author", "a.author", "string"),
    ("section", "a.section", "string"),
    ("language", "a.language", "string"),
    ("paywalled", "a.paywalled", "int64"),
    ("lead", "a.lead", "string"),
    ("text", "a.text", "string"),
    ("url", "a.url", "string"),
    ("story", "coalesce(a.story_id, a.id)", "int64"),
    ("story_first", "coalesce(a.story_first, a.story_id is null or a.story_id = a.id)", "int64"),
]


class ExportError(ValueError):
    """A filter or format the export cannot honour; nothing has been written."""


@dataclass
class Filters:
    """Which rows to export; empty means no restriction."""

    since: str | None = None  # YYYY-MM-DD, inclusive
    until: str | None = None  # YYYY-MM-DD, inclusive
    lans: Sequence[str] = field(default_factory=tuple)  # county codes, "18"
    flagged: bool = False  # statements only: conflict = 1
    municipality_codes: Sequence[str] = field(default_factory=tuple)
    topics: Sequence[str] = field(default_factory=tuple)

    def validate(self) -> None:
        for name in ("since", "until"):
            value = getattr(self, name)
            if value is None:
                continue
            try:
                date.fromisoformat(value)
            except ValueError:
                raise ExportError(f"--{name} must be a date YYYY-MM-DD, got {value!r}") from None
            if not re.fullmatch(r"\d{4}-\d{2}-\d{2}", value):
                raise ExportError(f"--{name} must be a date YYYY-MM-DD, got {value!r}")
        if self.since and self.until and self.since > self.until:
            raise ExportError(f"--since {self.since} is after --until {self.until}")
        for lan in self.lans:
            if not re.fullmatch(r"\d{2}", lan):
                raise ExportError(f"--lan takes a two-digit county code such as 18, got {lan!r}")
        for code in self.municipality_codes:
            if not re.fullmatch(r"\d{4}", code):
                raise ExportError(f"municipality code must have four digits, got {code!r}")


def build_query(kind: str, filters: Filters) -> tuple[str, list[Any], list[tuple[str, str, str]]]:
    """SQL, parameters and column spec for one export kind."""
    if kind not in KINDS:
        raise ExportError(f"unknown export {kind!r}; choose one of {', '.join(KINDS)}")
    filters.validate()
    where: list[str] = []
    params: list[Any] = []
    if kind == "statements":
        columns = STATEMENT_COLUMNS
        source = "statement_details"
        published, lan = "published", "lan_code"
        if filters.flagged:
            where.append("conflict = 1")
        if filters.municipality_codes:
            where.append(
                f"municipality_code in ({','.join('?' * len(filters.municipality_codes))})"
            )
            params.extend(filters.municipality_codes)
        if filters.topics:
            where.append(f"topic in ({','.join('?' * len(filters.topics))})")
            params.extend(filters.topics)
        order = "statement_id"
    elif kind == "cases":
        columns = CASE_COLUMNS
        source = "conflict_cases"
        published, lan = "first_published", "lan"
        if filters.municipality_codes:
            where.append(
                f"municipality_code in ({','.join('?' * len(filters.municipality_codes))})"
            )
            params.extend(filters.municipality_codes)
        if filters.topics:
            where.append(f"topic in ({','.join('?' * len(filters.topics))})")
            params.extend(filters.topics)
        order = "first_published, id"
    else:
        columns = ARTICLE_COLUMNS
        source = "articles a left join sources s on s.id = a.source_id"
        published, lan = "a.published", "s.lan"
        order = "a.id"
    if filters.since:
        where.append(f"{published} >= ?")
        params.append(filters.since)
    if filters.until:
        where.append(f"{published} < date(?, '+1 day')")
        params.append(filters.until)
    if filters.lans:
        where.append(f"{lan} in ({','.join('?' * len(filters.lans))})")
        params.extend(filters.lans)
    select = ", ".join(f"{expr} as [{name}]" for name, expr, _ in columns)
    sql = f"select {select} from {source}"
    if where:
        sql += " where " + " and ".join(where)
    return sql + f" order by {order}", params, columns


def connect_readonly(db_path: str | Path) -> sqlite3.Connection:
    """Open an existing, migrated database without writing to it."""
    from db import DatabaseError, open_db

    path = Path(db_path)
    if not path.is_file():
        raise DatabaseError(f"database not found: {path}")
    open_db(path).close()  # validates the file and applies pending migrations
    return sqlite3.connect(f"file:{path}?mode=ro", uri=True)


def iter_batches(
    conn: sqlite3.Connection, sql: str, params: Sequence[Any], batch: int = BATCH
) -> Iterator[list[tuple]]:
    """Rows in lists of ``batch``: the cursor is never read whole."""
    cursor = conn.execute(sql, params)
    while rows := cursor.fetchmany(batch):
        yield rows


def count_rows(conn: sqlite3.Connection, sql: str, params: Sequence[Any]) -> int:
    return conn.execute(f"select count(*) from ({sql})", params).fetchone()[0]


def _write_csv(
    out: IO[bytes], names: list[str], batches: Iterator[list[tuple]], tick, excel: bool = False
) -> None:
    text = io.TextIOWrapper(out, encoding="utf-8", newline="", write_through=True)
    if excel:
        # Excel (Swedish locale) opens a file as UTF-8 only with a BOM, and
        # splits columns on ";" because "," is the decimal separator there.
        text.write(EXCEL_BOM)
    writer = csv.writer(text, delimiter=";" if excel else ",")
    writer.writerow(names)
    for rows in batches:
        writer.writerows(rows)
        tick(len(rows))
    text.flush()
    text.detach()


def _write_jsonl(out: IO[bytes], names: list[str], batches: Iterator[list[tuple]], tick) -> None:
    for rows in batches:
        chunk = "".join(
            json.dumps(dict(zip(names, row, strict=True)), ensure_ascii=False) + "\n"
            for row in rows
        )
        out.write(chunk.encode("utf-8"))
        tick(len(rows))


def _write_parquet(
    out: IO[bytes], columns: list[tuple[str, str, str]], batches: Iterator[list[tuple]], tick
) -> None:
    import pyarrow as pa
    import pyarrow.parquet as pq

    types = {"int64": pa.int64(), "float64": pa.float64(), "string": pa.string()}
    schema = pa.schema([(name, types[kind]) for name, _, kind in columns])
    sink = pa.PythonFile(out, mode="w")
    with pq.ParquetWriter(sink, schema, compression="zstd") as writer:
        wrote = False
        for rows in batches:
            arrays = [
                pa.array([row[i] for row in rows], type=schema.field(i).type)
                for i in range(len(columns))
            ]
            writer.write_table(pa.Table.from_arrays(arrays, schema=schema))
            tick(len(rows))
            wrote = True
        if not wrote:
            writer.write_table(schema.empty_table())
    out.flush()


def export(
    db_path: str | Path,
    kind: str,
    fmt: str,
    out: IO[bytes],
    filters: Filters | None = None,
    progress: bool | None = None,
    on_progress: Callable[[int], None] | None = None,
    excel: bool = False,
) -> int:
    """Write one export to a binary stream and return the number of rows.

    ``excel`` (CSV only): UTF-8 with a byte-order mark and ";" between fields,
    the dialect Excel opens correctly by double-click on a Swedish computer.
    ``progress`` None shows a tqdm bar on stderr only on an interactive terminal
    and for exports of at least PROGRESS_FROM rows.
    """
    if fmt not in FORMATS:
        raise ExportError(f"unknown format {fmt!r}; choose one of {', '.join(FORMATS)}")
    if excel and fmt != "csv":
        raise ExportError("--excel applies to --format csv only")
    filters = filters or Filters()
    sql, params, columns = build_query(kind, filters)
    conn = connect_readonly(db_path)
    try:
        bar = None
        # Counting runs the whole query once more, so only when someone watches:
        # asked for, or an interactive terminal (never in cron jobs or pipelines).
        if progress or (progress is None and sys.stderr.isatty()):
            total = count_rows(conn, sql, params)
            if progress or total >= PROGRESS_FROM:
                from tqdm import tqdm

                bar = tqdm(total=total, unit=" rows", file=sys.stderr, desc=f"export {kind}")
        done = 0

        def tick(n: int) -> None:
            nonlocal done
            done += n
            if bar is not None:
                bar.update(n)
            if on_progress is not None:
                on_progress(done)

        names = [name for name, _, _ in columns]
        batches = iter_batches(conn, sql, params)
        if fmt == "csv":
            _write_csv(out, names, batches, tick, excel=excel)
        elif fmt == "jsonl":
            _write_jsonl(out, names, batches, tick)
        else:
            _write_parquet(out, columns, batches, tick)
        if bar is not None:
            bar.close()
        return done
    finally:
        conn.close()


PARTITIONS = ("month",)
NO_MONTH = "__HIVE_DEFAULT_PARTITION__"  # Hive's name for a NULL partition value


def _month(published: Any) -> str:
    """YYYY-MM of an ISO `published` value (the date as printed, offset ignored)."""
    if isinstance(published, str) and re.match(r"\d{4}-\d{2}", published):
        return published[:7]
    return NO_MONTH


def export_partitioned(
    db_path: str | Path,
    kind: str,
    out_dir: str | Path,
    filters: Filters | None = None,
    partition: str = "month",
    on_progress: Callable[[int], None] | None = None,
) -> dict[str, int]:
    """Write Parquet shards in Hive-style folders (`month=2026-11/part-0.parquet`).

    For archives too large for one file: DuckDB, Polars, Spark and pyarrow read
    the folder as one table with `month` as a column, and a query over a few
    months reads only their folders. Rows are streamed in batches (memory for
    one batch, not the table). The shards are written to a sibling folder and
    renamed into place at the end, so `out_dir` is either complete or absent.
    Returns rows per month.
    """
    import os
    import shutil

    import pyarrow as pa
    import pyarrow.dataset as pads

    if partition not in PARTITIONS:
        raise ExportError(f"unknown partition {partition!r}; choose one of {', '.join(PARTITIONS)}")
    target = Path(out_dir)
    if target.exists() and (not target.is_dir() or any(target.iterdir())):
        raise ExportError(f"output directory exists and is not empty: {target}")
    if not target.parent.is_dir():
        raise ExportError(f"output directory's parent does not exist: {target.parent}")
    filters = filters or Filters()
    sql, params, columns = build_query(kind, filters)
    names = [name for name, _, _ in columns]
    at = names.index("published")
    types = {"int64": pa.int64(), "float64": pa.float64(), "string": pa.string()}
    schema = pa.schema([*((n, types[k]) for n, _, k in columns), ("month", pa.string())])
    counts: dict[str, int] = {}
    done = 0
    connect_readonly(db_path).close()  # a missing or foreign file fails before any folder

    def batches() -> Iterator[pa.RecordBatch]:
        # pyarrow pulls the batches from its own thread: the connection is opened there
        conn = sqlite3.connect(f"file:{Path(db_path)}?mode=ro", uri=True)
        try:
            yield from _record_batches(conn)
        finally:
            conn.close()

    def _record_batches(conn: sqlite3.Connection) -> Iterator[pa.RecordBatch]:
        nonlocal done
        for rows in iter_batches(conn, sql, params):
            months = [_month(row[at]) for row in rows]
            for m in months:
                counts[m] = counts.get(m, 0) + 1
            arrays = [
                pa.array([row[i] for row in rows], type=schema.field(i).type)
                for i in range(len(columns))
            ]
            # NULL: pyarrow names the folder month=__HIVE_DEFAULT_PARTITION__, as Hive does
            arrays.append(pa.array([None if m == NO_MONTH else m for m in months], pa.string()))
            done += len(rows)
            if on_progress is not None:
                on_progress(done)
            yield pa.RecordBatch.from_arrays(arrays, schema=schema)

    partial = target.with_name(f"{target.name}.part-{os.getpid()}")
    shutil.rmtree(partial, ignore_errors=True)
    try:
        pads.write_dataset(
            batches(),
            partial,
            schema=schema,
            format="parquet",
            partitioning=pads.partitioning(pa.schema([("month", pa.string())]), flavor="hive"),
            basename_template="part-{i}.parquet",
            file_options=pads.ParquetFileFormat().make_write_options(compression="zstd"),
            use_threads=False,  # keeps each shard in statement order
            max_partitions=100_000,
        )
        if target.exists():
            target.rmdir()  # empty, checked above
        partial.replace(target)
    finally:
        shutil.rmtree(partial, ignore_errors=True)
    return dict(sorted(counts.items()))
