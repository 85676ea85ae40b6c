"""`bevakning classify --engine ray` on a local 2-CPU Ray cluster: the same statements as
`bevakning classify`. `make setup` installs the extra `scale` (ray[data]); under CI a missing
Ray fails the run, elsewhere these tests skip."""

from __future__ import annotations

import io
import json
import os
import re
import shutil
import sqlite3
from pathlib import Path

import pytest
from conftest import run_cli
from warcio.statusandheaders import StatusAndHeaders
from warcio.warcwriter import WARCWriter

# `make setup` installs the `scale` extra, so CI runs these; elsewhere they skip.
if os.environ.get("CI"):
    import ray
else:
    ray = pytest.importorskip("ray")

DEMO = Path(__file__).parent.parent / "demo" / "sites"


@pytest.fixture(scope="module")
def articles_db(tmp_path_factory: pytest.TempPathFactory) -> Path:
    """The demo outlets' articles, stored through import-warc (unclassified)."""
    from crawler.sources import load_sources
    from crawler.warc import WarcImporter

    tmp = tmp_path_factory.mktemp("ray")
    outlets = sorted(p.name for p in DEMO.iterdir() if (p / "artikel").is_dir())
    (tmp / "sources.toml").write_text(
        "".join(
            f'[[sources]]\nid = "{o}"\nname = "{o}"\nhomepage = "https://{o}.example/"\n'
            'lan = "06"\n\n'
            for o in outlets
        ),
        encoding="utf-8",
    )
    warc = tmp / "demo.warc.gz"
    with warc.open("wb") as fh:
        w = WARCWriter(fh, gzip=True)
        for o in outlets:
            for page in sorted((DEMO / o / "artikel").glob("*.html")):
                http = StatusAndHeaders(
                    "200 OK", [("Content-Type", "text/html; charset=utf-8")], protocol="HTTP/1.1"
                )
                w.write_record(
                    w.create_warc_record(
                        f"https://{o}.example/artikel/{page.name}",
                        "response",
                        payload=io.BytesIO(page.read_bytes()),
                        http_headers=http,
                    )
                )
    db = tmp / "articles.db"
    summary = WarcImporter(db, load_sources(tmp / "sources.toml")).run([warc])
    assert summary.total("kept") >= 30
    return db


@pytest.fixture(scope="module")
def cluster():
    """One local Ray instance with 2 CPUs for the module (its start-up is the slow part)."""
    ray.init(num_cpus=2, include_dashboard=False, log_to_driver=False, logging_level="ERROR")
    yield
    ray.shutdown()


COLUMNS = (
    "id, article_id, position, text, speaker, speaker_party, actor_role, municipality, "
    "municipality_code, region_lan_code, target, topic, quote_kind, conflict, score, model, "
    "evidence"
)


def _statements(db: Path) -> list[tuple]:
    con = sqlite3.connect(db)
    try:
        cols = {r[1] for r in con.execute("pragma table_info(statements)")}
        wanted = [c.strip() for c in COLUMNS.split(",") if c.strip() in cols]
        return con.execute(f"select {', '.join(wanted)} from statements order by id").fetchall()
    finally:
        con.close()


def test_ray_engine_stores_what_the_local_engine_stores(
    articles_db: Path, cluster, tmp_path: Path
) -> None:
    from classify.model import load_model
    from classify.pipeline import classify_articles
    from classify.ray_engine import classify_with_ray
    from db import open_db

    local, distributed = tmp_path / "local.db", tmp_path / "ray.db"
    shutil.copy(articles_db, local)
    shutil.copy(articles_db, distributed)
    db = open_db(local)
    expected = classify_articles(db, load_model(None))
    db.close()
    report = classify_with_ray(distributed, None, workers=2, batch_size=4)
    assert (report.articles, report.statements, report.flagged) == (
        expected.articles,
        expected.statements,
        expected.flagged,
    )
    assert expected.flagged > 0
    assert _statements(distributed) == _statements(local)
    # nothing left to classify: a second run is a no-op
    assert classify_with_ray(distributed, None, workers=2).articles == 0


def test_unreachable_address_is_one_line(tmp_path: Path) -> None:
    res = run_cli(
        "classify", "--db", str(tmp_path / "x.db"), "--engine", "ray", "--address", "127.0.0.1:1"
    )
    assert res.returncode == 2
    lines = res.stderr.strip().splitlines()
    assert len(lines) == 1 and "cannot reach the Ray cluster at 127.0.0.1:1" in lines[0], lines


def _my_map_workers() -> list[int]:
    """Pids of the engine's Ray workers started by this test process (its descendants only)."""
    import os

    parents: dict[int, int] = {}
    names: dict[int, bytes] = {}
    for proc in Path("/proc").iterdir():
        if proc.name.isdigit():
            try:
                stat = (proc / "stat").read_text()
                parents[int(proc.name)] = int(stat.rsplit(")", 1)[1].split()[1])
                names[int(proc.name)] = (proc / "cmdline").read_bytes()
            except (OSError, ValueError, IndexError):
                continue
    me, found = os.getpid(), []
    for pid, name in names.items():
        if b"ray::ClassifyWorker" not in name:
            continue
        p = pid
        while p > 1 and p != me:
            p = parents.get(p, 1)
        if p == me:
            found.append(pid)
    return found


def test_a_worker_killed_mid_run_loses_nothing(articles_db: Path, cluster, tmp_path: Path) -> None:
    import os
    import signal

    from classify.model import load_model
    from classify.pipeline import classify_articles
    from classify.ray_engine import classify_with_ray
    from db import open_db

    local, distributed = tmp_path / "local.db", tmp_path / "ray.db"
    shutil.copy(articles_db, local)
    shutil.copy(articles_db, distributed)
    db = open_db(local)
    expected = classify_articles(db, load_model(None))
    db.close()
    killed: list[int] = []

    def progress(done: int, total: int) -> None:
        if not killed and done >= 2:
            pids = _my_map_workers()
            assert pids, "no map worker found"
            os.kill(pids[0], signal.SIGKILL)
            killed.append(pids[0])

    report = classify_with_ray(distributed, None, workers=2, batch_size=2, progress=progress)
    assert killed
    assert (report.articles, report.statements) == (expected.articles, expected.statements)
    assert _statements(distributed) == _statements(local)


# --- --out DIR: Parquet shards written by the workers ----------------------------------------


@pytest.fixture(scope="module")
def exported(articles_db: Path, tmp_path_factory: pytest.TempPathFactory) -> Path:
    """`bevakning classify` + `export statements --format parquet --partition month`."""
    from classify.model import load_model
    from classify.pipeline import classify_articles
    from db import open_db
    from db.export import export_partitioned

    tmp = tmp_path_factory.mktemp("exported")
    local = tmp / "local.db"
    shutil.copy(articles_db, local)
    db = open_db(local)
    assert classify_articles(db, load_model(None)).flagged > 0
    db.close()
    export_partitioned(local, "statements", tmp / "statements", partition="month")
    return tmp / "statements"


def _shard_rows(folder: Path) -> tuple[list[str], list[tuple]]:
    """Column names and rows (sorted by statement id) read back with pyarrow, month included."""
    import pyarrow.dataset as pads

    table = pads.dataset(folder, format="parquet", partitioning="hive").to_table()
    names = table.column_names
    rows = sorted(tuple(r.values()) for r in table.to_pylist())
    return names, rows


def _months(folder: Path) -> set[str]:
    return {p.name for p in folder.iterdir() if p.is_dir()}


def test_out_writes_the_shards_the_export_writes(
    articles_db: Path, exported: Path, cluster, tmp_path: Path
) -> None:
    from classify.ray_engine import MARKER, classify_with_ray

    db = tmp_path / "ray.db"
    shutil.copy(articles_db, db)
    out = tmp_path / "shards"
    report = classify_with_ray(db, None, workers=2, batch_size=4, out=out)
    names, rows = _shard_rows(out)
    want_names, want = _shard_rows(exported)
    assert names == want_names and "statement_id" in names and "month" in names
    assert len(rows) == report.statements and report.flagged > 0
    assert rows == want  # ids, flags, scores and every joined column
    assert _months(out) == _months(exported) and len(_months(out)) >= 2
    # one shard per range and month, named after the range's first article id
    assert all(p.name.startswith("batch-") for p in out.glob("month=*/*.parquet"))
    assert json.loads((out / MARKER).read_text())["statements"] == report.statements
    assert json.loads((out / MARKER).read_text())["model"].startswith("linear")
    # the database is only read: nothing classified there
    assert sqlite3.connect(db).execute("select count(*) from statements").fetchone()[0] == 0
    # a second run into the same folder replaces the first (no doubled rows), also when a
    # killed writer left its temporary file there
    month = sorted(_months(out))[0]
    (out / month / ".batch-0000000001.parquet.tmp-99").write_bytes(b"half")
    classify_with_ray(db, None, workers=2, batch_size=8, out=out)
    assert _shard_rows(out)[1] == want
    assert not list(out.glob("month=*/.*"))


def test_out_with_a_worker_killed_mid_run_loses_and_doubles_nothing(
    articles_db: Path, exported: Path, cluster, tmp_path: Path
) -> None:
    import os
    import signal

    from classify.ray_engine import classify_with_ray

    db = tmp_path / "ray.db"
    shutil.copy(articles_db, db)
    killed: list[int] = []
    times: dict = {}

    def progress(done: int, total: int) -> None:
        # After the first range's count came back and its write was asked for: kill every
        # worker, so that write (and the ranges in flight) run on a restarted one.
        if not killed:
            pids = _my_map_workers()
            assert len(pids) == 2, pids
            for pid in pids:
                os.kill(pid, signal.SIGKILL)
            killed.extend(pids)

    out = tmp_path / "shards"
    classify_with_ray(
        db, None, workers=2, batch_size=2, out=out, progress=progress, stage_times=times
    )
    assert killed
    assert _shard_rows(out)[1] == _shard_rows(exported)[1]
    # a restarted worker classified again the ranges its predecessor had kept in memory
    assert sum(w["recomputed"] for w in times["workers"]) >= 1
    assert not {w["pid"] for w in times["workers"]} & set(killed)
    assert not list(out.glob("month=*/.*"))  # no temporary file left behind


def test_out_with_refresh_keeps_the_ids_classify_keeps(
    articles_db: Path, cluster, tmp_path: Path
) -> None:
    """Over a classified database, --refresh gives unchanged sentences their stored ids."""
    from classify.model import load_model
    from classify.pipeline import classify_articles
    from classify.ray_engine import classify_with_ray
    from db import open_db
    from db.export import export_partitioned

    classified = tmp_path / "classified.db"
    shutil.copy(articles_db, classified)
    db = open_db(classified)
    classify_articles(db, load_model(None))
    # one article's stored statements moved up by 1,000: the refresh must keep those ids
    db.execute(
        "update statements set id = id + 1000 where article_id = "
        "(select min(article_id) from statements)"
    )
    db.conn.commit()
    db.close()
    local, ray_db = tmp_path / "local.db", tmp_path / "ray.db"
    shutil.copy(classified, local)
    shutil.copy(classified, ray_db)
    db = open_db(local)
    classify_articles(db, load_model(None), refresh=True)
    db.close()
    export_partitioned(local, "statements", tmp_path / "exported")
    classify_with_ray(ray_db, None, workers=2, batch_size=8, refresh=True, out=tmp_path / "out")
    rows = _shard_rows(tmp_path / "out")[1]
    assert rows == _shard_rows(tmp_path / "exported")[1]
    assert max(r[0] for r in rows) > 1000


@pytest.mark.parametrize(
    "case",
    ["foreign file", "export folder", "a file", "not writable"],
)
def test_a_bad_out_folder_is_one_line(case: str, tmp_path: Path) -> None:
    from classify.ray_engine import OutDirError, prepare_out_dir

    out = tmp_path / "out"
    if case == "foreign file":
        out.mkdir()
        (out / "notes.txt").write_text("mine")
        expect = "not written by classify --out (first: notes.txt)"
    elif case == "export folder":
        (out / "month=2025-03").mkdir(parents=True)
        (out / "month=2025-03" / "part-0.parquet").write_bytes(b"PAR1")
        expect = "not written by classify --out"
    elif case == "a file":
        out.write_text("x")
        expect = "is a file, not a folder"
    else:
        out = Path("/sys/bevakning-out")  # read-only even for root
        expect = "is not writable"
    with pytest.raises(OutDirError, match=re.escape(expect)) as err:
        prepare_out_dir(out)
    assert "\n" not in str(err.value)
    if case == "foreign file":
        assert (out / "notes.txt").read_text() == "mine"  # nothing touched


def test_out_bad_folder_cli_is_one_line_before_ray_starts(tmp_path: Path) -> None:
    out = tmp_path / "out"
    out.mkdir()
    (out / "notes.txt").write_text("mine")
    res = run_cli("classify", "--db", str(tmp_path / "x.db"), "--engine", "ray", "--out", str(out))
    assert res.returncode == 2
    lines = res.stderr.strip().splitlines()
    assert len(lines) == 1 and "holds files not written by classify --out" in lines[0], lines
    assert not (tmp_path / "x.db").exists()  # failed before touching the database


@pytest.mark.parametrize(
    ("args", "expect"),
    [
        (("--out", "shards"), "--out needs --engine ray"),
        (("--engine", "ray", "--workers", "0"), "Invalid value for '--workers'"),
    ],
)
def test_classify_cli_refuses_bad_ray_options(args: tuple, expect: str, tmp_path: Path) -> None:
    res = run_cli("classify", "--db", str(tmp_path / "x.db"), *args)
    assert res.returncode == 2 and expect in res.stderr, res.stderr
    assert not (tmp_path / "x.db").exists() and not (tmp_path / "shards").exists()
