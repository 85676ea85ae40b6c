"""`bevakning export statements --format parquet --partition month --out DIR`: Hive-style shards."""

from __future__ import annotations

import io
from pathlib import Path

import pyarrow.dataset as pads
import pyarrow.parquet as pq
import pytest
from conftest import run_cli
from test_datasette import populate


@pytest.fixture(scope="module")
def populated(tmp_path_factory) -> Path:
    path = tmp_path_factory.mktemp("export_parts") / "bevakning.db"
    populate(path)
    return path


def test_month_partitions_hold_the_same_rows_as_one_file(populated: Path, tmp_path: Path) -> None:
    out = tmp_path / "statements"
    res = run_cli(
        "export", "statements", "--db", str(populated), "--format", "parquet",
        "--partition", "month", "--out", str(out),
    )  # fmt: skip
    assert res.returncode == 0, res.stderr
    flat = run_cli("export", "statements", "--db", str(populated), "--format", "parquet", "--out",
                   str(tmp_path / "flat.parquet"))  # fmt: skip
    assert flat.returncode == 0, flat.stderr
    expected = pq.read_table(tmp_path / "flat.parquet").to_pylist()
    assert expected, "the fixture database has statements"
    folders = sorted(p.name for p in out.iterdir())
    months = sorted({r["published"][:7] for r in expected if r["published"]})
    assert folders == [f"month={m}" for m in months] + (
        ["month=__HIVE_DEFAULT_PARTITION__"] if any(not r["published"] for r in expected) else []
    )
    table = pads.dataset(out, format="parquet", partitioning="hive").to_table()
    got = sorted(table.to_pylist(), key=lambda r: r["statement_id"])
    assert [{k: v for k, v in r.items() if k != "month"} for r in got] == expected
    for r in got:
        assert r["month"] == (r["published"][:7] if r["published"] else None)
    assert f"exported {len(expected)} statements to {out} in {len(folders)} month" in res.stderr
    # each shard is a plain Parquet file in statement order
    shard = next(out.glob("month=*/part-0.parquet"))
    ids = pq.read_table(io.BytesIO(shard.read_bytes())).column("statement_id").to_pylist()
    assert ids == sorted(ids)


@pytest.mark.parametrize(
    ("extra", "message"),
    [
        (["--format", "csv", "--out", "{tmp}/x"], "--partition needs --format parquet"),
        (["--format", "parquet"], "--partition needs --out DIR"),
        (
            ["--format", "parquet", "--out", "{tmp}/full"],
            "output directory exists and is not empty",
        ),
        (["--format", "parquet", "--out", "{tmp}/nope/x"], "parent does not exist"),
    ],
)
def test_partition_bad_input(populated: Path, tmp_path: Path, extra: list, message: str) -> None:
    (tmp_path / "full").mkdir()
    (tmp_path / "full" / "keep.txt").write_text("mine")
    args = [a.replace("{tmp}", str(tmp_path)) for a in extra]
    res = run_cli("export", "statements", "--db", str(populated), "--partition", "month", *args)
    assert res.returncode == 2
    assert message in res.stderr
    assert (tmp_path / "full" / "keep.txt").read_text() == "mine"
    assert not list(tmp_path.glob("*.part-*"))
