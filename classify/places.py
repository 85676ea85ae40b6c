"""Access to the gazetteer, with a minimal stand-in built from db/reference.

The reference-data area owns classify/gazetteer.py (inflected and compound
forms, transit brands, RUS names). The classifier only needs its small API;
when that module is missing this stand-in offers the same calls on the plain
reference CSVs so the classifier still works (with fewer surface forms).
"""

from __future__ import annotations

import csv
import functools
import re
from dataclasses import dataclass
from pathlib import Path
from typing import Any

REFERENCE = Path(__file__).resolve().parent.parent / "db" / "reference"


@dataclass
class _Match:
    code: str | None
    name: str
    surface: str
    start: int
    end: int
    kind: str
    lan_code: str | None = None


class _FallbackGazetteer:
    """Municipality names and their genitive/"kommun" forms, regions, brands and RUS names."""

    def __init__(self) -> None:
        with open(REFERENCE / "municipalities.csv", encoding="utf-8") as fh:
            munis = list(csv.DictReader(fh))
        with open(REFERENCE / "regions.csv", encoding="utf-8") as fh:
            regions = list(csv.DictReader(fh))
        self._name = {m["code"]: m["name"] for m in munis}
        self._lan = {m["code"]: m["lan_code"] for m in munis}
        forms: dict[str, str] = {}
        for m in munis:
            n = m["name"]
            for f in (n, f"{n}s", f"{n} kommun", f"{n}s kommun", f"{n}s kommuns"):
                forms.setdefault(f.lower(), m["code"])
        with open(REFERENCE / "aliases.csv", encoding="utf-8") as fh:
            for a in csv.DictReader(fh):
                forms.setdefault(a["alias"].lower(), a["code"])
        self._forms = forms
        alts = sorted(forms, key=len, reverse=True)
        self._muni_rx = re.compile(
            r"(?<![\wåäöÅÄÖ])(" + "|".join(re.escape(a) for a in alts) + r")(?![\wåäöÅÄÖ])",
            re.IGNORECASE,
        )
        targets: list[tuple[str, str, str]] = []
        for r in regions:
            targets.append((r["region_name"], "region", r["lan_code"]))
            for b in filter(None, r["transit_brands"].split("|")):
                targets.append((b, "transit_brand", r["lan_code"]))
            if r["rus_name"]:
                targets.append((r["rus_name"], "rus", r["lan_code"]))
        self._targets = {t[0].lower(): t for t in targets}
        alts = sorted(self._targets, key=len, reverse=True)
        self._target_rx = re.compile(
            r"(?<![\wåäöÅÄÖ])(" + "|".join(re.escape(a) for a in alts) + r")(?![\wåäöÅÄÖ])",
            re.IGNORECASE,
        )

    def find_municipalities(self, text: str) -> list[_Match]:
        out = []
        for m in self._muni_rx.finditer(text):
            surface = m.group(1)
            if not surface[0].isupper():
                continue
            code = self._forms[surface.lower()]
            out.append(
                _Match(code, self._name[code], surface, m.start(1), m.end(1), "municipality")
            )
        return out

    def resolve_municipality(self, name_or_form: str) -> str | None:
        return self._forms.get(name_or_form.strip().lower())

    def municipality_name(self, code: str) -> str:
        return self._name[code]

    def lan_of_municipality(self, code: str) -> str:
        return self._lan[code]

    def find_regional_targets(self, text: str) -> list[_Match]:
        out = []
        for m in self._target_rx.finditer(text):
            name, kind, lan = self._targets[m.group(1).lower()]
            # Short brands (SL, UL, VL) only in capitals: "ul" is not a word, but be safe.
            if len(name) <= 3 and m.group(1) != name:
                continue
            out.append(_Match(None, name, m.group(1), m.start(1), m.end(1), kind, lan))
        return out


@functools.cache
def gazetteer() -> Any:
    """The shared gazetteer when it exists, else the stand-in (cached per process)."""
    try:
        from classify.gazetteer import default_gazetteer
    except ImportError:
        return _FallbackGazetteer()
    return default_gazetteer()
