"""Reference data: municipalities, regions, aliases and the K1/K2/K3 categories.

The CSV files in db/reference/ are the source of truth; `load_reference` copies
them into the database (upsert on natural keys) so every other part of the
project can join on municipality code and county code.
"""

from __future__ import annotations

import csv
import os
from dataclasses import dataclass
from pathlib import Path
from typing import Any

REFERENCE_DIR = Path(__file__).parent / "reference"
DEFAULT_K_THRESHOLD = 45.0
K_THRESHOLD_ENV = "BEVAKNING_K_THRESHOLD"

# Travel-time model (see docs/reference-data.md for the calibration).
DETOUR_FACTOR = 1.3
AVERAGE_SPEED_KMH = 75.0
OVERHEAD_MINUTES = 5.0

MUNICIPALITY_COLUMNS = [
    "code",
    "name",
    "lan_code",
    "lan_name",
    "population",
    "population_year",
    "population_source",
    "lat",
    "lon",
    "main_town",
]
REGION_COLUMNS = [
    "lan_code",
    "lan_name",
    "region_name",
    "transit_authority",
    "transit_brands",
    "rus_name",
    "rus_years",
]
ALIAS_COLUMNS = ["code", "alias", "kind"]
OVERRIDE_COLUMNS = ["code", "k_category", "reason"]
K_CATEGORIES = ("K1", "K2", "K3")


class ReferenceDataError(ValueError):
    """A reference file is missing, malformed or inconsistent; names the file and row."""


@dataclass(frozen=True)
class KOverride:
    code: str
    k_category: str
    reason: str


def _read_csv(path: Path, required: list[str]) -> list[dict[str, str]]:
    if not path.exists():
        raise ReferenceDataError(f"reference file not found: {path}")
    try:
        with path.open(encoding="utf-8", newline="") as fh:
            reader = csv.DictReader(fh)
            header = reader.fieldnames or []
            missing = [c for c in required if c not in header]
            if missing:
                raise ReferenceDataError(f"{path}: missing column(s) {', '.join(missing)}")
            rows = []
            for lineno, row in enumerate(reader, start=2):
                if None in row or any(v is None for v in row.values()):
                    raise ReferenceDataError(f"{path}, line {lineno}: wrong number of fields")
                rows.append({k: (v or "").strip() for k, v in row.items()})
            return rows
    except UnicodeDecodeError as exc:
        raise ReferenceDataError(f"{path}: not UTF-8 ({exc.reason})") from exc


def _int_or_none(value: str, path: Path, lineno: int, column: str) -> int | None:
    if value == "":
        return None
    try:
        return int(value)
    except ValueError:
        raise ReferenceDataError(
            f"{path}, line {lineno}: {column} must be an integer, got {value!r}"
        ) from None


def _float_or_none(value: str, path: Path, lineno: int, column: str) -> float | None:
    if value == "":
        return None
    try:
        return float(value)
    except ValueError:
        raise ReferenceDataError(
            f"{path}, line {lineno}: {column} must be a number, got {value!r}"
        ) from None


def read_municipalities(ref_dir: str | os.PathLike[str] | None = None) -> list[dict[str, Any]]:
    """The 290 municipalities with typed columns; rejects bad codes and duplicates."""
    path = Path(ref_dir or REFERENCE_DIR) / "municipalities.csv"
    rows = _read_csv(path, MUNICIPALITY_COLUMNS)
    seen: set[str] = set()
    out = []
    for lineno, row in enumerate(rows, start=2):
        code = row["code"]
        if not (len(code) == 4 and code.isdigit()):
            raise ReferenceDataError(f"{path}, line {lineno}: code must be 4 digits, got {code!r}")
        if code in seen:
            raise ReferenceDataError(f"{path}, line {lineno}: duplicate code {code}")
        if not row["name"]:
            raise ReferenceDataError(f"{path}, line {lineno}: empty name for {code}")
        if code[:2] != row["lan_code"]:
            raise ReferenceDataError(
                f"{path}, line {lineno}: code {code} does not start with lan_code {row['lan_code']!r}"
            )
        seen.add(code)
        out.append(
            {
                "code": code,
                "name": row["name"],
                "lan_code": row["lan_code"],
                "lan_name": row["lan_name"],
                "population": _int_or_none(row["population"], path, lineno, "population"),
                "population_year": _int_or_none(
                    row["population_year"], path, lineno, "population_year"
                ),
                "population_source": row["population_source"] or None,
                "lat": _float_or_none(row["lat"], path, lineno, "lat"),
                "lon": _float_or_none(row["lon"], path, lineno, "lon"),
                "main_town": row["main_town"] or row["name"],
            }
        )
    return out


def read_regions(ref_dir: str | os.PathLike[str] | None = None) -> list[dict[str, Any]]:
    """The 21 regions (one per county)."""
    path = Path(ref_dir or REFERENCE_DIR) / "regions.csv"
    rows = _read_csv(path, REGION_COLUMNS)
    seen: set[str] = set()
    for lineno, row in enumerate(rows, start=2):
        if not (len(row["lan_code"]) == 2 and row["lan_code"].isdigit()):
            raise ReferenceDataError(
                f"{path}, line {lineno}: lan_code must be 2 digits, got {row['lan_code']!r}"
            )
        if row["lan_code"] in seen:
            raise ReferenceDataError(f"{path}, line {lineno}: duplicate lan_code {row['lan_code']}")
        seen.add(row["lan_code"])
    return [{c: (row[c] or None) for c in REGION_COLUMNS} for row in rows]


def read_aliases(ref_dir: str | os.PathLike[str] | None = None) -> list[dict[str, str]]:
    """Old names, main towns and self-designations; inflected forms are generated elsewhere."""
    path = Path(ref_dir or REFERENCE_DIR) / "aliases.csv"
    rows = _read_csv(path, ALIAS_COLUMNS)
    return [{"alias": r["alias"], "code": r["code"], "kind": r["kind"]} for r in rows if r["alias"]]
