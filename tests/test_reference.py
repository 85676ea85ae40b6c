"""Reference data: CSV integrity, K-categories, loading into SQLite, the CLI."""

from __future__ import annotations

import csv
import shutil
from pathlib import Path

import pytest
from conftest import run_cli

from classify.gazetteer import default_gazetteer
from db import open_db
from db.reference import (
    REFERENCE_DIR,
    KOverride,
    ReferenceDataError,
    compute_k_categories,
    estimated_drive_minutes,
    haversine_km,
    load_reference,
    read_aliases,
    read_municipalities,
    read_overrides,
    read_regions,
    resolve_k_threshold,
)


@pytest.fixture(scope="module")
def munis() -> list[dict]:
    return read_municipalities()


def test_290_unique_municipalities(munis) -> None:
    codes = [m["code"] for m in munis]
    assert len(codes) == 290
    assert len(set(codes)) == 290
    assert len({m["name"] for m in munis}) == 290
    assert all(m["lat"] and m["lon"] for m in munis)
    assert all(55 < m["lat"] < 69.1 and 10.9 < m["lon"] < 24.2 for m in munis)


def test_21_regions_covering_every_municipality(munis) -> None:
    regions = read_regions()
    assert len(regions) == 21
    assert {m["lan_code"] for m in munis} == {r["lan_code"] for r in regions}


def test_every_population_has_year_and_source(munis) -> None:
    for m in munis:
        if m["population"] is not None:
            assert m["population_year"] in range(2020, 2026), m
            assert m["population_source"].startswith("http"), m
        else:
            assert m["population_year"] is None
            assert m["population_source"] == "not found"


def test_aliases_point_at_known_codes(munis) -> None:
    codes = {m["code"] for m in munis}
    assert all(a["code"] in codes for a in read_aliases())


def test_k1_is_most_populous_where_populations_are_known(munis) -> None:
    result = compute_k_categories(munis, overrides=read_overrides())
    assert len(result.k1_by_lan) == 21
    by_lan: dict[str, list[dict]] = {}
    for m in munis:
        by_lan.setdefault(m["lan_code"], []).append(m)
    checked = 0
    for lan, ms in by_lan.items():
        if all(m["population"] is not None for m in ms):
            largest = max(ms, key=lambda m: m["population"])
            assert result.k1_by_lan[lan] == largest["code"], lan
            checked += 1
        # Where some are unknown, a K1 with a known figure is still the largest known one.
        known = [m for m in ms if m["population"] is not None]
        k1 = next(m for m in ms if m["code"] == result.k1_by_lan[lan])
        if known and k1["population"] is not None:
            assert k1["population"] == max(m["population"] for m in known), lan
    assert checked >= 14
    names = {m["code"]: m["name"] for m in munis}
    assert names[result.k1_by_lan["01"]] == "Stockholm"
    assert names[result.k1_by_lan["06"]] == "Jönköping"
    assert names[result.k1_by_lan["18"]] == "Örebro"
    assert sum(1 for c, _ in result.categories.values() if c == "K1") == 21


def test_without_overrides_incomplete_counties_warn(munis) -> None:
    result = compute_k_categories(munis, overrides=[])
    assert any(w.startswith("län 01:") for w in result.warnings)


def test_k2_k3_follow_threshold(munis) -> None:
    overrides = read_overrides()
    strict = compute_k_categories(munis, threshold=4, overrides=overrides)
    loose = compute_k_categories(munis, threshold=500, overrides=overrides)
    assert {c for c, _ in strict.categories.values()} == {"K1", "K3"}
    assert {c for c, _ in loose.categories.values()} == {"K1", "K2"}
    default = compute_k_categories(munis, overrides=read_overrides())
    assert default.categories["1881"][0] == "K2"  # Kumla, ~20 min from Örebro
    assert default.categories["1863"][0] == "K3"  # Hällefors, over an hour


def test_override_wins(munis, tmp_path: Path) -> None:
    path = tmp_path / "k.csv"
    path.write_text(
        "code,k_category,reason\n1881,K3,test: Kumla forced to K3\n1860,K2,test\n",
        encoding="utf-8",
    )
    overrides = read_overrides(path)
    assert overrides == [
        KOverride("1881", "K3", "test: Kumla forced to K3"),
        KOverride("1860", "K2", "test"),
    ]
    result = compute_k_categories(munis, overrides=overrides)
    assert result.categories["1881"][0] == "K3"
    assert result.categories["1860"][0] == "K2"
    # A K1 override moves the county's reference point.
    path.write_text("code,k_category,reason\n1881,K1,test\n", encoding="utf-8")
    result = compute_k_categories(munis, overrides=read_overrides(path))
    assert result.k1_by_lan["18"] == "1881"
    assert result.categories["1880"][0] != "K1"
    assert result.categories["1881"] == ("K1", 0.0)


@pytest.mark.parametrize(
    "body, message",
    [
        ("code,k_category,reason\n1881,K4,x\n", "K1, K2 or K3"),
        ("code,k_category,reason\n18,K2,x\n", "4 digits"),
        ("code,k_category,reason\n1881,K2,\n", "needs a reason"),
        ("code,k_category\n1881,K2\n", "missing column"),
        ("code,k_category,reason\n1881,K2,a\n1881,K3,b\n", "duplicate"),
    ],
)
def test_bad_override_file_is_rejected(tmp_path: Path, body: str, message: str) -> None:
    path = tmp_path / "k.csv"
    path.write_text(body, encoding="utf-8")
    with pytest.raises(ReferenceDataError, match=message):
        read_overrides(path)


def test_missing_explicit_override_file_is_an_error(tmp_path: Path) -> None:
    with pytest.raises(ReferenceDataError, match="not found"):
        read_overrides(tmp_path / "nope.csv")


@pytest.mark.parametrize("value", ["abc", "-5", "0", "nan"])
def test_bad_threshold(value: str) -> None:
    with pytest.raises(ReferenceDataError):
        resolve_k_threshold(value)


def test_threshold_from_environment(monkeypatch) -> None:
    monkeypatch.setenv("BEVAKNING_K_THRESHOLD", "30")
    assert resolve_k_threshold() == 30.0
    assert resolve_k_threshold(60) == 60.0


def test_travel_time_model_matches_calibration(munis) -> None:
    by_code = {m["code"]: m for m in munis}
    errors = []
    with (REFERENCE_DIR / "drive_time_calibration.csv").open(encoding="utf-8") as fh:
        for row in csv.DictReader(fh):
            a, b = by_code[row["from_code"]], by_code[row["to_code"]]
            est = estimated_drive_minutes(a["lat"], a["lon"], b["lat"], b["lon"])
            errors.append(abs(est - float(row["approx_minutes"])))
    assert len(errors) >= 8
    assert sum(errors) / len(errors) < 8
    assert max(errors) < 20
    assert haversine_km(59.2741, 15.2066, 59.2741, 15.2066) == 0


def test_init_loads_and_rerun_keeps_counts(db_path: Path) -> None:
    db = open_db(db_path)
    first = load_reference(db)
    counts = {t: db[t].count for t in ("municipalities", "regions", "municipality_aliases")}
    assert counts["municipalities"] == 290 and counts["regions"] == 21
    assert counts["municipality_aliases"] == first.aliases > 290
    second = load_reference(db)
    assert {t: db[t].count for t in counts} == counts
    assert second.k_counts == first.k_counts
    laxa = db["municipalities"].get("1860")
    assert (laxa["name"], laxa["lan_code"], laxa["k_category"]) == ("Laxå", "18", "K3")
    assert db.execute(
        "select code from municipality_aliases where alias = 'Laxå kommuns'"
    ).fetchone() == ("1860",)
    # The gazetteer reads the same tables.
    g = default_gazetteer(db)
    assert g.resolve_municipality("i Laxå") == "1860"
    assert [m.code for m in g.find_municipalities("Marks kommun protesterar.")] == ["1463"]


def test_bad_reference_file_leaves_database_untouched(db_path: Path, tmp_path: Path) -> None:
    db = open_db(db_path)
    load_reference(db)
    before = db["municipalities"].get("1860")
    ref = tmp_path / "ref"
    shutil.copytree(REFERENCE_DIR, ref)
    text = (ref / "municipalities.csv").read_text(encoding="utf-8")
    (ref / "municipalities.csv").write_text(text + text.splitlines()[1] + "\n", encoding="utf-8")
    with pytest.raises(ReferenceDataError, match="duplicate code"):
        load_reference(db, ref_dir=ref)
    assert db["municipalities"].count == 290
    assert db["municipalities"].get("1860") == before


def test_cli_init_twice_and_show(db_path: Path) -> None:
    r1 = run_cli("init", "--db", str(db_path))
    assert r1.returncode == 0, r1.stderr
    assert "290 municipalities, 21 regions" in r1.stdout
    r2 = run_cli("init", "--db", str(db_path), "--k-threshold", "30")
    assert r2.returncode == 0, r2.stderr
    assert "threshold 30 min" in r2.stdout
    db = open_db(db_path)
    assert db["municipalities"].count == 290
    assert db["municipalities"].get("1884")["k_category"] == "K3"  # Nora: 32 min > 30
    shown = run_cli("reference", "show", "--db", str(db_path), "--lan", "18")
    assert shown.returncode == 0, shown.stderr
    assert "Örebro" in shown.stdout and "K1" in shown.stdout
    assert "12 kommuner" in shown.stdout
    assert "Jönköping" not in shown.stdout


def test_cli_bad_inputs(db_path: Path, tmp_path: Path) -> None:
    bad = run_cli("init", "--db", str(db_path), "--k-threshold", "-1")
    assert bad.returncode == 2 and "threshold" in bad.stderr
    missing = run_cli("init", "--db", str(db_path), "--k-overrides", str(tmp_path / "no.csv"))
    assert missing.returncode == 2 and "not found" in missing.stderr
    unknown = run_cli("reference", "show", "--db", str(db_path), "--lan", "99")
    assert unknown.returncode == 2 and "unknown county" in unknown.stderr
