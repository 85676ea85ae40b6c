"""Localities (tätorter, villages, districts) → the municipality they lie in.

"Finnerödja" is in Laxå kommun: an article about the Finnerödja bus is about Laxå
even when it never names the municipality. The list is ``db/reference/localities.csv``
(GeoNames cities500; see db/reference/SOURCES.md). Many locality names are also
words or surnames ("Viken", "Tobo"), so a name counts only in a place context: after a
preposition of place ("i Finnerödja", "mellan Laxå och Finnerödja"), in a route
("Laxå–Finnerödja"), in a compound ("Finnerödja-bussen") or in the genitive before a
place noun.
"""

from __future__ import annotations

import csv
import functools
import re
from dataclasses import dataclass
from pathlib import Path

LOCALITIES_CSV = Path(__file__).resolve().parent.parent / "db" / "reference" / "localities.csv"
CONTEXT_WORDS = frozenset(
    [
        "i",
        "på",
        "från",
        "till",
        "mot",
        "via",
        "mellan",
        "och",
        "utanför",
        "nära",
        "genom",
        "kring",
        "runt",
        "vid",
        "norr",
        "söder",
        "öster",
        "väster",
        "om",
        "orten",
        "tätorten",
        "samhället",
        "byn",
        "hållplatsen",
    ]
)
_WORD_BEFORE = re.compile(r"([\wåäöÅÄÖ]+)[\s]+$")
_DASH_BEFORE = re.compile(r"[A-ZÅÄÖ][\wåäö]+\s?[–—]\s?$")
_DASH_AFTER = re.compile(r"s?\s?[–—]\s?[A-ZÅÄÖ]")
_COMPOUND_AFTER = re.compile(r"-[a-zåäö]")  # "Finnerödja-bussen"
_NOUN_AFTER = re.compile(r"s\s+(?:skola|station|centrum|busstation|hållplats|invånare)")


@dataclass(frozen=True)
class Locality:
    name: str
    code: str  # the municipality's four-digit code
    start: int
    end: int


@functools.lru_cache(maxsize=1)
def _table() -> tuple[dict[str, str], re.Pattern[str] | None]:
    """name → municipality code, and one pattern for all names (genitive -s allowed)."""
    names: dict[str, str] = {}
    if LOCALITIES_CSV.is_file():
        with LOCALITIES_CSV.open(encoding="utf-8", newline="") as fh:
            for row in csv.DictReader(fh):
                if row.get("name") and row.get("code"):
                    names[row["name"]] = row["code"]
    if not names:
        return names, None
    alternation = "|".join(re.escape(n) for n in sorted(names, key=len, reverse=True))
    return names, re.compile(rf"(?<![\wåäöÅÄÖ-])({alternation})(?![\wåäöÅÄÖ])")


def locality_names() -> dict[str, str]:
    """Every known locality name with its municipality code."""
    return dict(_table()[0])


def find_localities(text: str) -> list[Locality]:
    """Localities named in a place context, in text order."""
    names, pattern = _table()
    if not text or pattern is None:
        return []
    out = []
    for m in pattern.finditer(text):
        before = text[max(0, m.start() - 40) : m.start()]
        word = _WORD_BEFORE.search(before)
        placed = (
            (word is not None and word.group(1).casefold() in CONTEXT_WORDS)
            or _DASH_BEFORE.search(before) is not None
            or _DASH_AFTER.match(text, m.end()) is not None
            or _NOUN_AFTER.match(text, m.end()) is not None
            or _COMPOUND_AFTER.match(text, m.end()) is not None
        )
        if placed:
            out.append(Locality(m.group(1), names[m.group(1)], m.start(), m.end()))
    return out
