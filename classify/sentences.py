"""Sentence splitting for Swedish news text.

A plain split on ". " breaks on abbreviations ("bl.a.", "t.ex.", "kl. 8"),
party letters and dates, so this splitter protects those first.
"""

from __future__ import annotations

import re

ABBREVIATIONS = {
    "bl.a",
    "t.ex",
    "ca",
    "kl",
    "m.fl",
    "m.m",
    "osv",
    "dvs",
    "s.k",
    "f.d",
    "t.o.m",
    "fr.o.m",
    "o.s.v",
    "d.v.s",
    "jfr",
    "resp",
    "st",
    "nr",
    "tel",
    "milj",
    "mdr",
    "kr",
    "p.g.a",
    "pga",
    "bl a",
    "ff",
    "f.ö",
    "enl",
    "ang",
    "inkl",
    "exkl",
    "max",
    "dir",
    "tf",
    "vd",
    "ordf",
    "prof",
    "dr",
    "doc",
    "fil",
    "mr",
}

# Month abbreviations end a sentence unless a day number precedes them ("i jul." vs "1 jul.").
MONTHS = {"jan", "feb", "mar", "apr", "jun", "jul", "aug", "sep", "sept", "okt", "nov", "dec"}

_SPLIT = re.compile(r"(?<=[.!?…”\"])\s+(?=[–—\-\"”«A-ZÅÄÖÉ0-9])")


def _last_word(chunk: str) -> str:
    return chunk.rsplit(None, 1)[-1].rstrip(".").lower() if chunk.split() else ""


def _ends_with_abbreviation(chunk: str) -> bool:
    tail = chunk.rsplit(None, 1)[-1] if chunk.split() else ""
    word = tail.rstrip(".").lower().lstrip('("”')
    if not tail.endswith("."):
        return False
    if word in ABBREVIATIONS:
        return True
    if word in MONTHS:
        words = chunk.split()
        return len(words) > 1 and words[-2].rstrip(".").isdigit()
    # Initials ("A. Andersson")
    return bool(re.fullmatch(r"[A-ZÅÄÖ]", tail.rstrip(".")))


# Abbreviations that often end a sentence: split after them when a capital follows.
SENTENCE_FINAL = {"m.fl", "m.m", "osv", "o.s.v", "etc", "kr", "st"}


def split_sentences(text: str) -> list[str]:
    """Split a paragraph into sentences, keeping abbreviations and initials intact."""
    text = re.sub(r"\s+", " ", text or "").strip()
    if not text:
        return []
    parts = _SPLIT.split(text)
    sentences: list[str] = []
    for part in parts:
        if (
            sentences
            and _ends_with_abbreviation(sentences[-1])
            and not (_last_word(sentences[-1]) in SENTENCE_FINAL and part[:1].isupper())
        ):
            sentences[-1] = f"{sentences[-1]} {part}"
        else:
            sentences.append(part)
    return [s.strip() for s in sentences if s.strip()]


def split_paragraphs(text: str) -> list[str]:
    """Paragraphs as the extractor left them (blank lines or single newlines)."""
    return [p.strip() for p in re.split(r"\n+", text or "") if p.strip()]
