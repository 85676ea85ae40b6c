"""Reference data: municipalities, regions, aliases and the K1/K2/K3 categories.

The CSV files in db/reference/ are the source of truth; `load_reference` copies
them into the database (upsert on natural keys) so every other part of the
project can join on municipality code and county code.
"""

from __future__ import annotations

import csv
import math
import os
from collections.abc import Iterable
from dataclasses import dataclass
from pathlib import Path
from typing import Any

REFERENCE_DIR = Path(__file__).parent / "reference"
DEFAULT_K_THRESHOLD = 45.0
K_THRESHOLD_ENV = "BEVAKNING_K_THRESHOLD"

# Travel-time model (see docs/reference-data.md for the calibration).
DETOUR_FACTOR = 1.25
AVERAGE_SPEED_KMH = 80.0
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


DEMONYM_SUFFIXES = ("bo", "bon", "bor", "borna", "bornas", "bons")
# Alias kinds written by `load_reference` from generated forms (not curated).
GENERATED_ALIAS_KINDS = frozenset({"name", "inflected", "demonym"})


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


def genitive(name: str) -> str:
    """Swedish genitive: -s, except after s, x and z."""
    return name if name[-1].lower() in "sxz" else name + "s"


def _spelling_variants(name: str) -> set[str]:
    """ "Upplands-Bro" / "Upplands Bro", "Lilla Edet" / "Lilla-Edet"."""
    out = {name}
    if "-" in name:
        out.add(name.replace("-", " "))
    if " " in name:
        out.add(name.replace(" ", "-"))
    return out


def municipality_forms(name: str, *, demonyms: bool = True) -> dict[str, str]:
    """Every generated surface form of a municipality name mapped to its kind."""
    forms: dict[str, str] = {}
    for variant in _spelling_variants(name):
        gen = genitive(variant)
        forms.setdefault(variant, "name")
        forms.setdefault(gen, "name")
        for base in {variant, gen}:
            for suffix in (" kommun", " kommuns", " stad", " stads", " kommunkoncern"):
                forms.setdefault(base + suffix, "kommun")
        if demonyms and "-" not in variant and " " not in variant:
            for suffix in DEMONYM_SUFFIXES:
                forms.setdefault(variant + suffix, "demonym")
                forms.setdefault(variant + "-" + suffix, "demonym")
    return forms


def read_overrides(path: str | os.PathLike[str] | None = None) -> list[KOverride]:
    """Curated K-categories that win over the computed ones; each needs a reason."""
    explicit = path is not None
    p = Path(path) if path is not None else REFERENCE_DIR / "k_overrides.csv"
    if not p.exists() and not explicit:
        return []
    rows = _read_csv(p, OVERRIDE_COLUMNS)
    out = []
    seen: set[str] = set()
    for lineno, row in enumerate(rows, start=2):
        code, cat = row["code"], row["k_category"].upper()
        if not (len(code) == 4 and code.isdigit()):
            raise ReferenceDataError(f"{p}, line {lineno}: code must be 4 digits, got {code!r}")
        if cat not in K_CATEGORIES:
            raise ReferenceDataError(
                f"{p}, line {lineno}: k_category must be K1, K2 or K3, got {row['k_category']!r}"
            )
        if not row["reason"]:
            raise ReferenceDataError(f"{p}, line {lineno}: every override needs a reason")
        if code in seen:
            raise ReferenceDataError(f"{p}, line {lineno}: duplicate override for {code}")
        seen.add(code)
        out.append(KOverride(code, cat, row["reason"]))
    return out


def resolve_k_threshold(value: float | str | None = None) -> float:
    """Flag beats environment ($BEVAKNING_K_THRESHOLD) beats the 45-minute default."""
    raw: float | str | None = value
    if raw is None:
        raw = os.environ.get(K_THRESHOLD_ENV) or DEFAULT_K_THRESHOLD
    try:
        minutes = float(raw)
    except (TypeError, ValueError):
        raise ReferenceDataError(f"K threshold must be a number of minutes, got {raw!r}") from None
    if not (0 < minutes < 1000) or math.isnan(minutes):
        raise ReferenceDataError(f"K threshold must be between 0 and 1000 minutes, got {raw!r}")
    return minutes


def haversine_km(lat1: float, lon1: float, lat2: float, lon2: float) -> float:
    """Great-circle distance on a 6371 km sphere."""
    phi1, phi2 = math.radians(lat1), math.radians(lat2)
    dphi = phi2 - phi1
    dlam = math.radians(lon2 - lon1)
    a = math.sin(dphi / 2) ** 2 + math.cos(phi1) * math.cos(phi2) * math.sin(dlam / 2) ** 2
    return 2 * 6371.0 * math.asin(math.sqrt(a))


def estimated_drive_minutes(lat1: float, lon1: float, lat2: float, lon2: float) -> float:
    """Car travel time between two main towns: distance × detour ÷ speed + overhead.

    A coarse model, calibrated in docs/reference-data.md; 0 for the same town.
    """
    km = haversine_km(lat1, lon1, lat2, lon2)
    if km < 0.5:
        return 0.0
    return OVERHEAD_MINUTES + km * DETOUR_FACTOR / AVERAGE_SPEED_KMH * 60.0


@dataclass
class KResult:
    categories: dict[str, tuple[str, float | None]]  # code -> (k_category, minutes to K1)
    k1_by_lan: dict[str, str]
    warnings: list[str]


def compute_k_categories(
    municipalities: Iterable[dict[str, Any]],
    *,
    threshold: float = DEFAULT_K_THRESHOLD,
    overrides: Iterable[KOverride] = (),
) -> KResult:
    """K1 = the county's most populous municipality (or the curated K1), K2/K3 by drive time.

    An override naming a K1 decides the county's K1 (and so the point travel
    times are measured to); every override's category wins in the end.
    """
    by_lan: dict[str, list[dict[str, Any]]] = {}
    for m in municipalities:
        by_lan.setdefault(m["lan_code"], []).append(m)
    known_codes = {m["code"] for ms in by_lan.values() for m in ms}
    override_map = {o.code: o for o in overrides}
    warnings = [
        f"override for unknown municipality code {code} ignored"
        for code in sorted(override_map)
        if code not in known_codes
    ]
    categories: dict[str, tuple[str, float | None]] = {}
    k1_by_lan: dict[str, str] = {}
    for lan, ms in sorted(by_lan.items()):
        curated = [
            m
            for m in ms
            if m["code"] in override_map and override_map[m["code"]].k_category == "K1"
        ]
        with_pop = [m for m in ms if m.get("population") is not None]
        if len(curated) > 1:
            warnings.append(f"län {lan}: several K1 overrides, using {curated[0]['code']}")
        if curated:
            k1 = curated[0]
        elif with_pop:
            k1 = max(with_pop, key=lambda m: m["population"])
            if len(with_pop) < len(ms):
                warnings.append(
                    f"län {lan}: K1 {k1['name']} chosen from {len(with_pop)} of {len(ms)} "
                    "known populations; add a K1 override if it is not the largest"
                )
        else:
            warnings.append(f"län {lan}: no populations and no K1 override; no K-categories")
            for m in ms:
                categories[m["code"]] = (
                    (override_map[m["code"]].k_category, None)
                    if m["code"] in override_map
                    else (None, None)
                )  # type: ignore[assignment]
            continue
        k1_by_lan[lan] = k1["code"]
        for m in ms:
            if m["code"] == k1["code"]:
                minutes: float | None = 0.0
                cat = "K1"
            elif None in (m.get("lat"), m.get("lon"), k1.get("lat"), k1.get("lon")):
                minutes, cat = None, None
                warnings.append(f"{m['name']}: no coordinates, no K-category")
            else:
                minutes = round(
                    estimated_drive_minutes(m["lat"], m["lon"], k1["lat"], k1["lon"]), 1
                )
                cat = "K2" if minutes <= threshold else "K3"
            if m["code"] in override_map:
                cat = override_map[m["code"]].k_category
            categories[m["code"]] = (cat, minutes)  # type: ignore[assignment]
    return KResult(categories, k1_by_lan, warnings)


def alias_rows(
    municipalities: Iterable[dict[str, Any]], aliases: Iterable[dict[str, str]]
) -> list[dict[str, str]]:
    """Curated aliases plus the generated forms, one row per (alias, code)."""
    rows: dict[tuple[str, str], dict[str, str]] = {}
    for a in aliases:
        rows.setdefault((a["alias"], a["code"]), dict(a))
    for m in municipalities:
        for form, kind in municipality_forms(m["name"]).items():
            db_kind = (
                "name" if form == m["name"] else ("demonym" if kind == "demonym" else "inflected")
            )
            rows.setdefault((form, m["code"]), {"alias": form, "code": m["code"], "kind": db_kind})
    return list(rows.values())


@dataclass
class LoadReport:
    municipalities: int
    regions: int
    aliases: int
    threshold: float
    k_counts: dict[str, int]
    warnings: list[str]

    def line(self) -> str:
        ks = ", ".join(f"{k} {self.k_counts.get(k, 0)}" for k in K_CATEGORIES)
        return (
            f"reference data: {self.municipalities} municipalities, {self.regions} regions, "
            f"{self.aliases} aliases; {ks} (threshold {self.threshold:g} min)"
        )


def load_reference(
    db: Any,
    *,
    ref_dir: str | os.PathLike[str] | None = None,
    overrides_path: str | os.PathLike[str] | None = None,
    threshold: float | str | None = None,
) -> LoadReport:
    """Copy the reference CSVs into the database, computing K-categories; safe to rerun.

    Everything is read and validated before the first write, and the writes
    happen in one transaction, so a bad file leaves the database untouched.
    """
    minutes = resolve_k_threshold(threshold)
    munis = read_municipalities(ref_dir)
    regions = read_regions(ref_dir)
    aliases = read_aliases(ref_dir)
    if overrides_path is None and ref_dir is not None:
        candidate = Path(ref_dir) / "k_overrides.csv"
        overrides = read_overrides(candidate) if candidate.exists() else []
    else:
        overrides = read_overrides(overrides_path)
    codes = {m["code"] for m in munis}
    lans = {r["lan_code"] for r in regions}
    for m in munis:
        if m["lan_code"] not in lans:
            raise ReferenceDataError(
                f"municipality {m['code']} has unknown lan_code {m['lan_code']}"
            )
    for a in aliases:
        if a["code"] not in codes:
            raise ReferenceDataError(f"alias {a['alias']!r} points at unknown code {a['code']}")
    k = compute_k_categories(munis, threshold=minutes, overrides=overrides)
    muni_rows = []
    for m in munis:
        cat, mins = k.categories.get(m["code"], (None, None))
        muni_rows.append({**m, "k_category": cat, "travel_minutes_to_k1": mins})
    arows = alias_rows(munis, aliases)
    with db.conn:
        db["municipality_aliases"].delete_where()
        stale = [
            r["code"] for r in db.query("SELECT code FROM municipalities") if r["code"] not in codes
        ]
        for code in stale:
            db["municipalities"].delete(code)
        db["regions"].delete_where(
            "lan_code NOT IN ({})".format(",".join("?" * len(lans))), list(lans)
        )
        db["regions"].upsert_all(regions, pk="lan_code")
        db["municipalities"].upsert_all(muni_rows, pk="code")
        db["municipality_aliases"].insert_all(arows, pk=("alias", "code"))
    counts: dict[str, int] = {}
    for row in muni_rows:
        if row["k_category"]:
            counts[row["k_category"]] = counts.get(row["k_category"], 0) + 1
    return LoadReport(len(munis), len(regions), len(arows), minutes, counts, k.warnings)


def ensure_reference(db: Any) -> LoadReport | None:
    """Load the reference data into a database that has none yet (a fresh file).

    Every command then has municipalities, regions and K-categories to join
    against; `bevakning init` reloads them with other settings.
    """
    if db["municipalities"].exists() and db["municipalities"].count:
        return None
    return load_reference(db)
