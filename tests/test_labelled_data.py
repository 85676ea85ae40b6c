"""The labelled data passes its own checks (data/labelled/validate.py), reviews included."""

from __future__ import annotations

import shutil
import subprocess
import sys
from pathlib import Path

from test_reviews_training import QUOTE, _classified, _review

from classify.training import TEST_FILE, read_labelled, training_rows, write_jsonl

LABELLED = Path(__file__).resolve().parent.parent / "data" / "labelled"


def _validate(folder: Path) -> subprocess.CompletedProcess:
    return subprocess.run(
        [sys.executable, str(folder / "validate.py")], capture_output=True, text=True, timeout=120
    )


def _copy(tmp_path: Path) -> Path:
    folder = tmp_path / "labelled"
    folder.mkdir()
    for name in ("validate.py", "train.jsonl", "test.jsonl"):
        shutil.copy(LABELLED / name, folder / name)
    return folder


def test_shipped_labelled_data_is_valid() -> None:
    res = _validate(LABELLED)
    assert res.returncode == 0, res.stdout[-3000:]
    assert "requirements:" in res.stdout and res.stdout.rstrip().endswith("OK")


def test_exported_reviews_validate_and_a_leak_is_reported(tmp_path: Path, db_path: Path) -> None:
    folder = _copy(tmp_path)
    db = _classified(db_path, extra_text="Det är oklart vem som sa det här om Länstrafiken.")
    _review(db, QUOTE, "correct")
    _review(db, "Det är oklart vem som sa det här om Länstrafiken.", "incorrect")
    db.close()
    data = training_rows(
        folder / "train.jsonl", db_path, export=True, reviews_file=folder / "reviews.jsonl"
    )
    assert data.exported and data.reviews == 2
    res = _validate(folder)
    assert res.returncode == 0, res.stdout[-3000:]
    assert "reviews=2" in res.stdout

    leaked = read_labelled(folder / "reviews.jsonl")
    leaked.append({**leaked[0], "id": "review-leak", "text": read_labelled(TEST_FILE)[0]["text"]})
    write_jsonl(leaked, folder / "reviews.jsonl")
    res = _validate(folder)
    assert res.returncode == 1
    assert "review row repeats a test.jsonl text (leak)" in res.stdout


def _split_check(folder: Path, *args: str) -> subprocess.CompletedProcess:
    return subprocess.run(
        [sys.executable, str(LABELLED / "split_check.py"), "--folder", str(folder), *args],
        capture_output=True,
        text=True,
        timeout=60,
    )


def test_shipped_splits_share_no_page() -> None:
    """No source_url of test.jsonl is in train.jsonl (the exact-page half of split hygiene)."""
    res = _split_check(LABELLED)
    assert res.returncode == 0, res.stdout[-3000:]
    assert "pages in both: 0" in res.stdout


def test_split_check_fails_on_a_shared_page_and_lists_the_pair(tmp_path: Path) -> None:
    folder = _copy(tmp_path)
    train = read_labelled(folder / "train.jsonl")
    test = read_labelled(folder / "test.jsonl")
    page = next(r["source_url"] for r in train if r["source_url"])
    test.append({**test[0], "id": "leak-1", "text": "En ny mening.", "source_url": page})
    write_jsonl(test, folder / "test.jsonl")
    res = _split_check(folder, "--stories")
    assert res.returncode == 1
    assert f"PAGE IN BOTH SPLITS: {page}" in res.stdout
    assert "pages in both: 1" in res.stdout
    # The copied folder has no reviewed-pairs file, so every candidate story pair is shown.
    assert "candidate story pairs shown" in res.stdout
