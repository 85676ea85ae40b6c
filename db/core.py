"""Opening the database: path resolution, WAL mode and pending migrations."""

from __future__ import annotations

import contextlib
import os
import sqlite3
import time
from collections.abc import Iterator
from pathlib import Path

import sqlite_utils

from db.migrations import migrations

DEFAULT_DB = "bevakning.db"
# How long a writer waits for another process's write transaction (a crawl, a
# classification, a reviewer's form post) before giving up with "database is locked".
BUSY_TIMEOUT_MS = 30_000


class DatabaseError(Exception):
    """The database file cannot be opened or migrated (bad path, not SQLite, read-only)."""


class Database(sqlite_utils.Database):
    """sqlite-utils' Database whose transactions take the write lock when they begin.

    sqlite-utils opens transactions with a plain (deferred) ``BEGIN``: the first read
    takes a snapshot and the first write must then upgrade it to a write lock. When
    another process holds or has just committed a write, SQLite refuses that upgrade
    at once (SQLITE_BUSY, "database is locked") without consulting busy_timeout, so a
    classification died whenever a crawl or a reviewer committed. ``BEGIN IMMEDIATE``
    takes the write lock first, waiting under busy_timeout, and the snapshot read
    afterwards is always current. Every ``atomic()`` block is a writer here, and
    sqlite-utils' own inserts and upserts go through ``atomic()`` too.
    """

    @contextlib.contextmanager
    def atomic(self) -> Iterator[Database]:
        if self.conn.in_transaction:
            with super().atomic():  # a savepoint inside the open transaction
                yield self
            return
        self.conn.execute("BEGIN IMMEDIATE")
        try:
            yield self
        except BaseException:
            self.rollback()
            raise
        try:
            self.conn.execute("COMMIT")
        except BaseException:
            self.rollback()
            raise

    def begin(self) -> None:
        """Manual transactions write too: take the lock up front, as atomic() does."""
        self.execute("BEGIN IMMEDIATE")


def resolve_db_path(path: str | os.PathLike[str] | None = None) -> Path:
    """Flag beats environment beats default, as everywhere in the project."""
    return Path(path or os.environ.get("BEVAKNING_DB") or DEFAULT_DB)


def _enable_wal(conn: sqlite3.Connection) -> None:
    """Switch to WAL, retrying while another process holds the file.

    Changing the journal mode needs an exclusive lock, and SQLite can answer "database
    is locked" at once, without its busy handler, when processes open a new file in the
    same moment (seen in CI with four processes); so wait here as the writers do.
    """
    deadline = time.monotonic() + BUSY_TIMEOUT_MS / 1000
    delay = 0.01
    while True:
        try:
            if conn.execute("PRAGMA journal_mode").fetchone()[0].lower() != "wal":
                conn.execute("PRAGMA journal_mode=wal")
            return
        except sqlite3.OperationalError as exc:
            if "locked" not in str(exc) and "busy" not in str(exc):
                raise
            if time.monotonic() >= deadline:
                raise
            time.sleep(delay)
            delay = min(delay * 2, 0.2)


def open_db(path: str | os.PathLike[str] | None = None, *, migrate: bool = True) -> Database:
    """Open (and by default migrate) the database, refusing paths that cannot hold one.

    The checks run before SQLite touches anything, so a bad path never leaves
    an empty file behind.
    """
    db_path = resolve_db_path(path)
    if db_path.exists() and db_path.is_dir():
        raise DatabaseError(f"database path is a directory: {db_path}")
    parent = db_path.parent if str(db_path.parent) else Path(".")
    if not parent.exists():
        raise DatabaseError(f"database directory does not exist: {parent}")
    if db_path.exists():
        if not os.access(db_path, os.R_OK):
            raise DatabaseError(f"database file is not readable: {db_path}")
        with db_path.open("rb") as fh:
            header = fh.read(16)
        if header and header != b"SQLite format 3\x00":
            raise DatabaseError(f"not an SQLite database: {db_path}")
    elif not os.access(parent, os.W_OK):
        raise DatabaseError(f"cannot create database in read-only directory: {parent}")
    try:
        conn = sqlite3.connect(str(db_path), timeout=BUSY_TIMEOUT_MS / 1000)
        db = Database(conn)
        db.execute(f"PRAGMA busy_timeout = {BUSY_TIMEOUT_MS}")
        db.execute("PRAGMA foreign_keys = ON")
        if migrate:
            _enable_wal(conn)
            if migrations.pending(db):
                # Which steps are pending is decided again under the write lock: a process
                # opening the file at the same moment waits, then finds nothing to do.
                with db.atomic():
                    migrations.apply(db)
    except sqlite3.Error as exc:
        raise DatabaseError(f"cannot open database {db_path}: {exc}") from exc
    return db
