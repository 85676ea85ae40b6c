"""Writers wait for each other: a second process committing never kills a classification.

Every check here runs real processes against one SQLite file, because the fault is
between processes: SQLite refuses to upgrade a read transaction to a write while
another connection holds the write lock, and does so at once, whatever busy_timeout
says.
"""

from __future__ import annotations

import sqlite3
import subprocess
import sys
import time
from pathlib import Path

from conftest import run_cli

from db import open_db

ARTICLE = (
    "Länstrafiken Örebro drar in linje 705 mellan Laxå och Hallsberg.\n"
    "– Det här är ett svek mot alla som pendlar från Laxå, säger Karin Åström (C), "
    "kommunstyrelsens ordförande i Laxå.\n"
    "– Vi kommer inte att acceptera att linjen läggs ned, säger hon."
)

# A second writer, as a crawl or a reviewer's form post is: it takes the write lock,
# writes, holds the transaction open for a while, commits, pauses, and again, until
# the stop file appears (or after `cycles` rounds).
HOLDER = """
import os, sqlite3, sys, time
path, cycles, hold, pause = sys.argv[1], int(sys.argv[2]), float(sys.argv[3]), float(sys.argv[4])
conn = sqlite3.connect(path, isolation_level=None, timeout=60)
for n in range(cycles):
    if n and os.path.exists(path + ".stop"):
        break
    conn.execute("BEGIN IMMEDIATE")
    conn.execute(
        "insert into sources (id, name, homepage, lan) values (?, 'Hållare', 'http://h/', '18')",
        [f"holder{n}"],
    )
    print(f"locked {time.time()}", flush=True)
    time.sleep(hold)
    conn.execute("COMMIT")
    print(f"committed {time.time()}", flush=True)
    time.sleep(pause)
"""


def _start_holder(db: Path, cycles: int, hold: float, pause: float) -> subprocess.Popen:
    """Start the second writer and return once it holds the write lock."""
    proc = subprocess.Popen(
        [sys.executable, "-c", HOLDER, str(db), str(cycles), str(hold), str(pause)],
        stdout=subprocess.PIPE,
        stderr=subprocess.PIPE,
        text=True,
    )
    first = proc.stdout.readline()
    assert first.startswith("locked"), proc.stderr.read()
    return proc


def test_classify_waits_for_another_writer_process(db_path: Path) -> None:
    db = open_db(db_path)
    db["sources"].insert({"id": "lb", "name": "Lokalbladet", "homepage": "http://x/", "lan": "18"})
    db["articles"].insert_all(
        {"id": n, "source_id": "lb", "url": f"http://x/{n}", "title": "Laxå", "text": ARTICLE}
        for n in range(1, 41)
    )
    db.close()

    holder = _start_holder(db_path, cycles=60, hold=1.0, pause=0.3)
    started = time.time()
    result = run_cli("classify", "--db", str(db_path), timeout=120)
    Path(f"{db_path}.stop").touch()
    out, err = holder.communicate(timeout=60)
    assert holder.returncode == 0, err

    assert "locked" not in result.stderr, result.stderr[-2000:]
    assert result.returncode == 0, result.stderr[-2000:]
    assert "classify done: 40 articles" in result.stdout
    conn = sqlite3.connect(db_path)
    assert (
        conn.execute("select count(*) from articles where classified_at is null").fetchone()[0] == 0
    )
    holds = out.count("committed")
    assert (
        conn.execute("select count(*) from sources where id like 'holder%'").fetchone()[0] == holds
    )
    # The classification really overlapped held locks (else the test proves nothing).
    assert holds >= 3, out
    assert started < float(out.splitlines()[1].split()[1])


def test_processes_opening_a_new_database_at_once_migrate_it_once(db_path: Path) -> None:
    """Pending migrations are a write too: the cron job and a person at the terminal may
    open a fresh (or just upgraded) database in the same second."""
    code = "import sys; from db import open_db; open_db(sys.argv[1]).close()"
    procs = [
        subprocess.Popen(
            [sys.executable, "-c", code, str(db_path)],
            stdout=subprocess.PIPE,
            stderr=subprocess.PIPE,
            text=True,
        )
        for _ in range(4)
    ]
    for proc in procs:
        _, err = proc.communicate(timeout=120)
        assert proc.returncode == 0, err[-2000:]
    conn = sqlite3.connect(db_path)
    names = [r[0] for r in conn.execute("select name from _sqlite_migrations")]
    assert len(names) == len(set(names)) > 5
