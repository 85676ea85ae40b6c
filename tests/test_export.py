"""Researcher exports (CSV, JSON Lines, Parquet), load_statements, and the web commands' bad input."""

from __future__ import annotations

import csv
import io
import json
from pathlib import Path

import pandas as pd
import pyarrow.parquet as pq
import pytest
from conftest import run_cli
from test_datasette import XSS, populate

from bevakning.analysis import load_statements
from db.export import STATEMENT_COLUMNS, ExportError, Filters, export

NAMES = [name for name, _, _ in STATEMENT_COLUMNS]


@pytest.fixture(scope="module")
def populated(tmp_path_factory) -> Path:
    path = tmp_path_factory.mktemp("export") / "bevakning.db"
    populate(path)
    return path


def _read(fmt: str, data: bytes) -> list[dict]:
    if fmt == "csv":
        return list(csv.DictReader(io.StringIO(data.decode("utf-8"))))
    if fmt == "jsonl":
        return [json.loads(line) for line in data.decode("utf-8").splitlines()]
    return pq.read_table(io.BytesIO(data)).to_pylist()


@pytest.mark.parametrize("fmt", ["csv", "jsonl", "parquet"])
def test_statement_export_round_trips(populated: Path, fmt: str) -> None:
    out = io.BytesIO()
    assert export(populated, "statements", fmt, out, progress=False) == 5
    rows = _read(fmt, out.getvalue())
    assert list(rows[0]) == NAMES
    by_id = {int(r["statement_id"]): r for r in rows}
    assert by_id[4]["statement"] == XSS  # text comes back byte for byte
    assert by_id[1]["municipality"] == "Laxå" and by_id[1]["k_category"] == "K3"
    assert by_id[1]["lan_name"] == "Örebro län" and by_id[1]["outlet"] == "Nerikes Tidning"
    assert int(by_id[2]["story"]) == 1, "a syndicated copy carries its story's key"
    assert float(by_id[1]["score"]) == pytest.approx(0.93)


def test_filters(populated: Path) -> None:
    def ids(**kw) -> list[int]:
        out = io.BytesIO()
        export(populated, "statements", "jsonl", out, Filters(**kw), progress=False)
        return [r["statement_id"] for r in _read("jsonl", out.getvalue())]

    assert ids(lans=["05"]) == [3]
    assert ids(since="2025-04-01") == [3, 4, 5]
    assert ids(until="2025-03-04") == [1], "--until is inclusive"
    assert ids(since="2025-04-11", until="2025-04-11") == [4, 5]
    assert ids(flagged=True) == [1, 2, 3, 4]


def test_article_export(populated: Path) -> None:
    out = io.BytesIO()
    assert export(populated, "articles", "csv", out, Filters(lans=["18"]), progress=False) == 2
    rows = _read("csv", out.getvalue())
    assert [r["article_id"] for r in rows] == ["1", "4"]
    assert rows[1]["text"] == XSS and rows[0]["story_first"] == "1"


def test_cli_export_to_file_and_stdout(populated: Path, tmp_path: Path) -> None:
    target = tmp_path / "ut.parquet"
    result = run_cli(
        "export", "statements", "--db", str(populated), "--format", "parquet", "--out", str(target)
    )
    assert result.returncode == 0, result.stderr
    assert "exported 5 statements" in result.stderr
    assert pq.read_table(target).num_rows == 5
    assert not list(tmp_path.glob("*.part"))
    result = run_cli(
        "export", "statements", "--db", str(populated), "--format", "csv", "--lan", "18",
        "--flagged", "--progress",
    )  # fmt: skip
    assert result.returncode == 0, result.stderr
    assert len(list(csv.DictReader(io.StringIO(result.stdout)))) == 3
    assert "export statements" in result.stderr, "--progress shows a tqdm bar on stderr"


@pytest.mark.parametrize(
    "args,message",
    [
        (["--since", "2025-13-01"], "--since must be a date"),
        (["--until", "igår"], "--until must be a date"),
        (["--since", "2025-05-01", "--until", "2025-01-01"], "is after --until"),
        (["--lan", "Örebro"], "two-digit county code"),
    ],
)
def test_cli_export_bad_input(populated: Path, tmp_path: Path, args: list, message: str) -> None:
    target = tmp_path / "ut.csv"
    result = run_cli(
        "export", "statements", "--db", str(populated), "--format", "csv", "--out", str(target),
        *args,
    )  # fmt: skip
    assert result.returncode == 2
    assert message in result.stderr and len(result.stderr.strip().splitlines()) == 1
    assert not target.exists() and not list(tmp_path.iterdir())


def test_cli_export_missing_database(tmp_path: Path) -> None:
    missing = tmp_path / "finns-inte.db"
    result = run_cli("export", "articles", "--db", str(missing), "--format", "jsonl")
    assert result.returncode == 2 and "database not found" in result.stderr
    assert not missing.exists()


def test_load_statements_dtypes(populated: Path) -> None:
    df = load_statements(populated)
    assert list(df.columns) == NAMES and len(df) == 5
    assert isinstance(df["published"].dtype, pd.DatetimeTZDtype)
    for col in ("role", "municipality", "k_category", "lan_name", "topic", "model", "outlet"):
        assert isinstance(df[col].dtype, pd.CategoricalDtype), col
    assert df["conflict"].dtype == "boolean" and df["score"].dtype == "float64"
    assert df.loc[df.statement_id == 1, "published"].iloc[0] == pd.Timestamp("2025-03-04T06:30Z")
    # The docs' example: conflict per month x K-category, a syndicated story counted once.
    flagged = load_statements(populated, flagged=True)
    table = (
        flagged.assign(month=flagged["published"].dt.strftime("%Y-%m"))
        .drop_duplicates(["story", "statement"])
        .pivot_table(
            index="month", columns="k_category", values="story", aggfunc="nunique", observed=True
        )
    )
    assert table.loc["2025-03", "K3"] == 1 and table.loc["2025-04", "K1"] == 1
    assert len(load_statements(populated, lan="05", topic=["rus"])) == 1


def test_load_statements_bad_filter(populated: Path) -> None:
    with pytest.raises(ExportError, match="must be a date"):
        load_statements(populated, since="förra veckan")


def test_empty_database_exports_header_only(db_path: Path) -> None:
    from db import open_db

    open_db(db_path).close()
    out = io.BytesIO()
    assert export(db_path, "statements", "parquet", out, progress=False) == 0
    assert pq.read_table(io.BytesIO(out.getvalue())).column_names == NAMES
    assert len(load_statements(db_path)) == 0


def test_serve_refuses_public_address_without_flag(tmp_path: Path) -> None:
    db = tmp_path / "x.db"
    result = run_cli("serve", "--db", str(db), "--host", "0.0.0.0")
    assert result.returncode == 2 and "--public" in result.stderr
    assert not db.exists()


def test_reviewer_hash_verifies() -> None:
    from bevakning.reviewer_auth import verify_password

    result = run_cli("reviewer-hash", "--password-stdin", input="hemligt-lösen\n")
    assert result.returncode == 0, result.stderr
    assert verify_password("hemligt-lösen", result.stdout.strip())
    empty = run_cli("reviewer-hash", "--password-stdin", input="\n")
    assert empty.returncode == 2 and "empty password" in empty.stderr
