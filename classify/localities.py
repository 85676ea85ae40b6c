"""Localities (tätorter, villages, districts) → the municipality they lie in.

"Finnerödja" is in Laxå kommun: an article about the Finnerödja bus is about Laxå
even when it never names the municipality. The list is ``db/reference/localities.csv``
(GeoNames cities500 and GeoNames postorter, rebuilt by db/reference/build_localities.py;
see db/reference/SOURCES.md). Many locality names are also words or surnames ("Viken",
"Tobo"), so a name counts only in a place context: after a preposition of place
("i Finnerödja", "mellan Laxå och Finnerödja"), in a route ("Laxå–Finnerödja"), in a
compound ("Finnerödja-bussen") or in the genitive before a place noun ("Finnerödjas
skola"). A name that is also a common word (``common_word`` 1: "Skog", "Bro", "Kista")
needs a stronger context: a preposition of place right before it, or a list after one
("mellan Kolbäck och Skog", "i Färgelanda och Fristad").
A name listed for more than one municipality is ambiguous and never resolves.
"""

from __future__ import annotations

import csv
import functools
import re
from dataclasses import dataclass, field
from pathlib import Path

from classify.gazetteer import _trie_regex

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
# The contexts a common-word name ("Skog", "Bro") needs: "i Skog", "tätorten Bro".
STRONG_CONTEXT_WORDS = frozenset(
    ["i", "på", "från", "till", "mot", "via", "mellan", "utanför", "nära", "vid", "genom"]
    + ["orten", "tätorten", "samhället", "byn", "hållplatsen"]
)
_WORD_BEFORE = re.compile(r"([\wåäöÅÄÖ]+)[\s]+$")
# "mellan Kolbäck och Skog", "i Färgelanda och Fristad": a list after a preposition of place.
_LIST_AFTER_PREPOSITION = re.compile(
    r"\b(?:i|på|från|till|mot|via|mellan|utanför|nära|vid)\s+"
    r"[A-ZÅÄÖ][\wåäö-]*(?:\s+[A-ZÅÄÖ][\wåäö-]*)?\s+(?:och|eller)\s+$"
)
_DASH_BEFORE = re.compile(r"[A-ZÅÄÖ][\wåäö]+\s?[–—]\s?$")
_DASH_AFTER = re.compile(r"s?\s?[–—]\s?[A-ZÅÄÖ]")
_COMPOUND_AFTER = re.compile(r"-[a-zåäö]")  # "Finnerödja-bussen"
_NOUN_AFTER = re.compile(r"\s+(?:skola|station|centrum|busstation|hållplats|invånare)\b")
_CODE = re.compile(r"\d{4}")


class LocalityDataError(ValueError):
    """The locality list is malformed; the message names the file and line."""


@dataclass(frozen=True)
class Locality:
    name: str
    code: str  # the municipality's four-digit code
    start: int
    end: int


@dataclass
class LocalityTable:
    """The loaded list: unambiguous names, common-word names, names of several municipalities."""

    codes: dict[str, str] = field(default_factory=dict)
    common: set[str] = field(default_factory=set)
    ambiguous: dict[str, set[str]] = field(default_factory=dict)
    pattern: re.Pattern[str] | None = None


def load_localities(path: Path) -> LocalityTable:
    """Read and check a locality CSV (columns name, code, optional common_word).

    Why strict: a row with a missing or misspelt code would silently send articles to the
    wrong municipality, so a bad row stops the load with its file and line.
    """
    table = LocalityTable()
    seen: dict[str, set[str]] = {}
    with path.open(encoding="utf-8", newline="") as fh:
        reader = csv.DictReader(fh)
        missing = {"name", "code"} - set(reader.fieldnames or [])
        if missing:
            raise LocalityDataError(f"{path}:1: missing column(s) {', '.join(sorted(missing))}")
        for row in reader:
            line = reader.line_num
            if None in row or any(v is None for v in row.values()):
                raise LocalityDataError(f"{path}:{line}: wrong number of fields")
            name, code = row["name"].strip(), row["code"].strip()
            if not name or not name[0].isupper():
                raise LocalityDataError(f"{path}:{line}: name {name!r} must start with a capital")
            if not _CODE.fullmatch(code):
                raise LocalityDataError(
                    f"{path}:{line}: code {code!r} for {name!r} is not a four-digit kommunkod"
                )
            flag = (row.get("common_word") or "").strip()
            if flag not in {"", "0", "1"}:
                raise LocalityDataError(f"{path}:{line}: common_word {flag!r} must be 1 or empty")
            seen.setdefault(name, set()).add(code)
            if flag == "1":
                table.common.add(name)
    for name, codes in seen.items():
        if len(codes) == 1:
            table.codes[name] = next(iter(codes))
        else:
            table.ambiguous[name] = codes
    if table.codes:
        body = _trie_regex(set(table.codes))
        table.pattern = re.compile(rf"(?<![\wåäöÅÄÖ-])({body})(s)?(?![\wåäöÅÄÖ])")
    return table


@functools.lru_cache(maxsize=1)
def _table() -> LocalityTable:
    if not LOCALITIES_CSV.is_file():
        return LocalityTable()
    return load_localities(LOCALITIES_CSV)


def locality_names() -> dict[str, str]:
    """Every unambiguous locality name with its municipality code."""
    return dict(_table().codes)


def find_localities(text: str, table: LocalityTable | None = None) -> list[Locality]:
    """Localities named in a place context, in text order."""
    table = table or _table()
    if not text or table.pattern is None:
        return []
    out = []
    for m in table.pattern.finditer(text):
        name = re.sub(r"\s+", " ", m.group(1))
        code = table.codes.get(name)
        if code is None:
            continue
        if m.group(2):  # genitive: "Finnerödjas skola"
            if name not in table.common and _NOUN_AFTER.match(text, m.end()):
                out.append(Locality(name, code, m.start(), m.end(1)))
            continue
        before = text[max(0, m.start() - 40) : m.start()]
        word = _WORD_BEFORE.search(before)
        prev = word.group(1).casefold() if word else ""
        if name in table.common:
            placed = prev in STRONG_CONTEXT_WORDS or (
                prev in ("och", "eller") and _LIST_AFTER_PREPOSITION.search(before) is not None
            )
        else:
            placed = (
                prev in CONTEXT_WORDS
                or _DASH_BEFORE.search(before) is not None
                or _DASH_AFTER.match(text, m.end()) is not None
                or _COMPOUND_AFTER.match(text, m.end()) is not None
            )
        if placed:
            out.append(Locality(name, code, m.start(), m.end()))
    return out
