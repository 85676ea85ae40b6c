"""Opening the database: path resolution, WAL mode and pending migrations."""

from __future__ import annotations

import os
import sqlite3
from pathlib import Path

import sqlite_utils

from db.migrations import migrations

DEFAULT_DB = "bevakning.db"


class DatabaseError(Exception):
    """The database file cannot be opened or migrated (bad path, not SQLite, read-only)."""


def resolve_db_path(path: str | os.PathLike[str] | None = None) -> Path:
    """Flag beats environment beats default, as everywhere in the project."""
    return Path(path or os.environ.get("BEVAKNING_DB") or DEFAULT_DB)


def open_db(
    path: str | os.PathLike[str] | None = None, *, migrate: bool = True
) -> sqlite_utils.Database:
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
        conn = sqlite3.connect(str(db_path), timeout=30)
        db = sqlite_utils.Database(conn)
        db.execute("PRAGMA busy_timeout = 30000")
        db.execute("PRAGMA foreign_keys = ON")
        if migrate:
            db.enable_wal()
            migrations.apply(db)
    except sqlite3.Error as exc:
        raise DatabaseError(f"cannot open database {db_path}: {exc}") from exc
    return db
