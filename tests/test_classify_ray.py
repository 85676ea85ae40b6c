"""`bevakning classify --engine ray` on a local 2-CPU Ray cluster: the same statements as
`bevakning classify`. `make setup` installs the extra `scale` (ray[data]); under CI a missing
Ray fails the run, elsewhere these tests skip."""

from __future__ import annotations

import io
import os
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
    """Pids of the Ray map workers started by this test process (its descendants only)."""
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
        if b"MapWorker" not in name:
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
