"""Which municipality an article is about, and which place in a sentence a speaker represents.

A bare municipal title ("…, säger Bo Rudolfsson (KD), kommunstyrelsens ordförande.")
names no municipality: the speaker represents the one the article is about, told by
the headline, the dateline, the lead, the municipality named most, and localities
("Finnerödja" lies in Laxå). A place someone speaks *about* ("pendla till Göteborg",
"bussen mot Örebro") is not the place they represent, so directional mentions never
decide.
"""

from __future__ import annotations

import re
from collections import Counter
from dataclasses import dataclass, field

from classify.localities import find_localities
from classify.places import gazetteer

# "pendla till Göteborg", "bussen mot Örebro", "via Hallsberg", "mellan Laxå och Örebro".
DIRECTIONAL = frozenset({"till", "mot", "via", "mellan", "förbi", "åt", "österut", "västerut"})
# "LAXÅ. Kommunen …", "Laxå: …", "ASKERSUND – …" at the start of the body.
DATELINE = re.compile(r"^\s*([A-ZÅÄÖ][A-ZÅÄÖa-zåäö -]{1,30}?)\s*(?:\.|:|\s[–—-])\s+\S")
_WORD_BEFORE = re.compile(r"([\wåäöÅÄÖ]+)\s+$")
_MELLAN_BEFORE = re.compile(r"\bmellan\s+\S+\s+och\s+$", re.IGNORECASE)
WEIGHTS = {"headline": 3, "dateline": 3, "lead": 2, "body": 1}


def is_about(text: str, start: int) -> bool:
    """True when the mention at `start` is a place spoken about, not one represented."""
    before = text[max(0, start - 60) : start]
    word = _WORD_BEFORE.search(before)
    if word and word.group(1).casefold() in DIRECTIONAL:
        return True
    return _MELLAN_BEFORE.search(before) is not None


@dataclass
class ArticlePlace:
    """The municipality an article is about, with the tally that chose it."""

    name: str | None = None
    code: str | None = None
    source: str | None = None  # e.g. "article: dateline; lead; locality Finnerödja"
    tally: dict[str, int] = field(default_factory=dict)


def representing_place(text: str | None) -> tuple[str, str] | None:
    """(name, code) of a municipality a sentence names as someone's own: not a destination."""
    if not text:
        return None
    for m in gazetteer().find_municipalities(text):
        if not is_about(text, m.start):
            return m.name, m.code
    return None


def headline_place(title: str | None) -> tuple[str, str] | None:
    """The headline's municipality (not a destination), else the municipality of a locality
    it names ("Bussen till Finnerödja dras in": Laxå)."""
    place = representing_place(title)
    if place or not title:
        return place
    for loc in find_localities(title):
        return gazetteer().municipality_name(loc.code), loc.code
    return None


def article_place(title: str | None, paragraphs: list[str]) -> ArticlePlace:
    """The municipality the article is about: weighted mentions, destinations left out.

    Headline and dateline weigh 3, the lead (first paragraph) 2, the rest 1; a municipality
    named as a destination does not count, a locality counts for its municipality (a
    village is news about its own municipality). Ties go to the earliest mention.
    """
    g = gazetteer()
    score: Counter[str] = Counter()
    first_seen: dict[str, int] = {}
    why: dict[str, list[str]] = {}
    order = 0
    parts: list[tuple[str, str]] = []
    if title:
        parts.append(("headline", title))
    if paragraphs:
        if m := DATELINE.match(paragraphs[0]):
            code = g.resolve_municipality(m.group(1).title())
            if code:
                score[code] += WEIGHTS["dateline"]
                first_seen.setdefault(code, order)
                why.setdefault(code, []).append("dateline")
        parts.append(("lead", paragraphs[0]))
        parts += [("body", p) for p in paragraphs[1:]]
    for kind, text in parts:
        for m in g.find_municipalities(text):
            order += 1
            if m.code is None or is_about(text, m.start):
                continue
            score[m.code] += WEIGHTS[kind]
            first_seen.setdefault(m.code, order)
            if kind not in why.setdefault(m.code, []):
                why[m.code].append(kind)
        for loc in find_localities(text):
            # A locality counts even as a destination: "the bus to Finnerödja" is news
            # about Finnerödja's municipality, whereas "pendla till Göteborg" is not.
            order += 1
            score[loc.code] += WEIGHTS[kind]
            first_seen.setdefault(loc.code, order)
            label = f"locality {loc.name}"
            if label not in why.setdefault(loc.code, []):
                why[loc.code].append(label)
    if not score:
        return ArticlePlace()
    code = min(score, key=lambda c: (-score[c], first_seen[c]))
    name = g.municipality_name(code)
    tally = {g.municipality_name(c): n for c, n in score.most_common(5)}
    return ArticlePlace(name, code, "article: " + "; ".join(why[code]), tally)
