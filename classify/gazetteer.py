"""Finding municipalities and regional targets (regions, transit brands, RUS, plans) in text.

Swedish inflects place names (genitive "Laxås", "Laxå kommuns", "i Laxå") and several
municipality names are also ordinary words or personal names ("vara", "marken",
"Nora Svensson", "säger Lund"). The inflected forms are generated here from the
reference data, and the ambiguous names only count in a place context
("i Vara", "Marks kommun", "Skövde, Vara och Lidköping").

Usage::

    g = default_gazetteer()          # from db/reference/*.csv
    g = default_gazetteer(db)        # from the municipalities/regions/aliases tables
    g.find_municipalities("Kommunalrådet i Laxå säger nej.")
    g.resolve_municipality("Laxå kommuns")  # -> "1860"
"""

from __future__ import annotations

import re
import threading
from dataclasses import dataclass
from typing import Any

from db.reference import GENERATED_ALIAS_KINDS, genitive, municipality_forms

__all__ = ["GazMatch", "Gazetteer", "default_gazetteer", "genitive", "municipality_forms"]

# Names that are also common words, first names or surnames: only accepted with a
# place context. Chosen from the 290 names plus the main-town aliases.
AMBIGUOUS_NAMES = frozenset(
    {
        "Ale",  # "ale" (beer), a first name
        "Berg",  # "berg" (mountain), a very common surname
        "Boden",  # "boden" (the shed)
        "Dorotea",  # a first name
        "Eda",  # a first name
        "Kil",  # "kil" (wedge)
        "Klippan",  # "klippan" (the rock)
        "Köping",  # "köping" (market town)
        "Lund",  # "lund" (grove), a common surname
        "Mark",  # "mark" (ground), a first name
        "Nora",  # a first name
        "Norberg",  # a common surname
        "Salem",  # a biblical and foreign place name
        "Skara",  # "skara" (crowd)
        "Säter",  # "säter" (summer pasture)
        "Vara",  # "vara" (to be; a commodity)
        "Vilhelmina",  # a first name
        # main-town aliases
        "Ed",
        "Handen",
        "Hova",
        "Järpen",
        "Sälen",
    }
)
# Names that are also surnames: rejected when they stand in a person-name position
# ("Anna Falkenberg", "säger Falkenberg"), accepted otherwise.
SURNAME_LIKE = frozenset(
    {"Falkenberg", "Hallsberg", "Karlsborg", "Lekeberg", "Lindesberg", "Mora", "Sala", "Tanum"}
)

# Words that put the following capitalised word in a place context.
PLACE_PREPOSITIONS = frozenset(
    {
        "i",
        "från",
        "till",
        "mot",
        "kring",
        "runt",
        "utanför",
        "nära",
        "via",
        "genom",
        "om",  # "norr om Boden"
        "kommunen",
        "kommunerna",
        "orten",
        "tätorten",
        "staden",
        "centralorten",
        "samhället",
    }
)
# Words after which a capitalised name is probably a person's surname.
SPEECH_WORDS = frozenset(
    {
        "säger",
        "sa",
        "sade",
        "menar",
        "enligt",
        "tycker",
        "anser",
        "konstaterar",
        "berättar",
        "understryker",
        "påpekar",
        "fortsätter",
        "förklarar",
        "tillägger",
        "skriver",
        "svarar",
        "betonar",
        "framhåller",
        "hävdar",
        "poängterar",
        "kommenterar",
        "frågar",
        "uppger",
        "medger",
        "hälsar",
        "avslutar",
    }
)
LIST_SEPARATORS = frozenset({",", "och", "eller", "samt", "–", "-", "—", "/", "&"})
# Genitive of an ambiguous name counts when followed by one of these nouns.
PLACE_NOUNS_AFTER_GENITIVE = re.compile(
    r"\s+(?:kommun\w*|stad\w*|centrum|tätort\w*|station\w*|resecentrum|busstation\w*|"
    r"centralort\w*|invånare|landsbygd\w*|skolor|skola)\b"
)
# Municipality names that are also given names: "Nora tycker …" is a person.
GIVEN_NAMES = frozenset({"Nora", "Ale", "Mark", "Salem", "Vilhelmina", "Eda", "Mora", "Sala"})
# "Lund svarar Skånetrafiken", "Vara kräver …": an ambiguous name that opens a sentence
# and is followed by a verb of speech or protest is the place speaking.
SUBJECT_VERB_AFTER = re.compile(
    r"\s+(?:säger|svarar|kräver|protesterar|kritiserar|rasar|ifrågasätter|vägrar|anser|"
    r"menar|tycker|överklagar|varnar|sågar|vill inte|tar strid|tar upp kampen)\b"
)
KOMMUN_AFTER = re.compile(r"s?\s+(?:kommun\w*|stad|stads)\b")
LAN_AFTER = re.compile(r"\s+läns?\b")
# "Örebro och Jönköpings län", "Kalmar, Kronobergs och Blekinge län": counties in a list.
LAN_LIST_AFTER = re.compile(r"(?:,\s*[A-ZÅÄÖ][\w-]+)*\s+och\s+[A-ZÅÄÖ][\w-]+\s+läns?\b")
CAPITALISED_WORD_AFTER = re.compile(r"\s+([A-ZÅÄÖÉ][a-zåäöéü]+)")
WORD_BEFORE = re.compile(r"(\S+)\s*$")
NAME_WORD = re.compile(r"[A-ZÅÄÖÉ][\w-]*$")
SENTENCE_END = re.compile(r"(?:^\s*|[.!?:…”\"»]\s*|\n\s*|(?:^|[.!?:\n])\s*[–—-]\s*)$")


@dataclass(frozen=True)
class GazMatch:
    """One mention found in a text: a municipality (code set) or a regional target."""

    code: str | None
    name: str
    surface: str
    start: int
    end: int
    kind: str
    lan_code: str | None = None


def _trie_regex(words: set[str]) -> str:
    """A compact regex matching any of the words, preferring the longest."""
    trie: dict[str, Any] = {}
    for word in words:
        node = trie
        for ch in word:
            node = node.setdefault(ch, {})
        node[""] = True

    def render(node: dict[str, Any]) -> str:
        end = "" in node
        branches = []
        for ch in sorted(k for k in node if k):
            piece = r"\s+" if ch == " " else re.escape(ch)
            branches.append(piece + render(node[ch]))
        if not branches:
            return ""
        body = branches[0] if len(branches) == 1 else "(?:" + "|".join(branches) + ")"
        return f"(?:{body})?" if end else body

    return render(trie)


def _compile(words: set[str]) -> re.Pattern[str]:
    return re.compile(r"(?<![\w])(?:" + _trie_regex(words) + r")(?![\w])")


def _norm_space(text: str) -> str:
    return re.sub(r"\s+", " ", text).strip()


# Regional targets that are not in regions.csv: (surface, kind, lan_code, canonical name).
EXTRA_REGIONAL: list[tuple[str, str, str | None, str]] = [
    ("Storstockholms Lokaltrafik", "transit_brand", "01", "SL"),
    ("SL", "transit_brand", "01", "SL"),
    ("Upplands Lokaltrafik", "transit_brand", "03", "UL"),
    ("UL", "transit_brand", "03", "UL"),
    ("Upptåget", "transit_brand", "03", "Upptåget"),
    ("JLT", "transit_brand", "06", "JLT"),
    ("Jönköpings länstrafik", "transit_brand", "06", "JLT"),
    ("Jönköpings Länstrafik", "transit_brand", "06", "JLT"),
    ("KLT", "transit_brand", "08", "Kalmar länstrafik"),
    ("Pågatåg", "transit_brand", "12", "Pågatåg"),
    ("Pågatågen", "transit_brand", "12", "Pågatåg"),
    ("Västtågen", "transit_brand", "14", "Västtrafik"),
    ("Länstrafiken Örebro", "transit_brand", "18", "Länstrafiken Örebro"),
    ("Länstrafiken i Örebro län", "transit_brand", "18", "Länstrafiken Örebro"),
    ("VL", "transit_brand", "19", "VL"),
    ("Västmanlands Lokaltrafik", "transit_brand", "19", "VL"),
    ("Länstrafiken i Västerbotten", "transit_brand", "24", "Länstrafiken Västerbotten"),
    ("Länstrafiken i Norrbotten", "transit_brand", "25", "Länstrafiken Norrbotten"),
    ("Länstrafiken Kronoberg", "transit_brand", "07", "Länstrafiken Kronoberg"),
    ("Krösatåg", "transit_brand", None, "Krösatåg"),
    ("Krösatågen", "transit_brand", None, "Krösatåg"),
    ("Öresundståg", "transit_brand", None, "Öresundståg"),
    ("Mälartåg", "transit_brand", None, "Mälartåg"),
    ("Tåg i Bergslagen", "transit_brand", None, "Tåg i Bergslagen"),
    ("Norrtåg", "transit_brand", None, "Norrtåg"),
    ("Västra Götalandsregionen", "region", "14", "Västra Götalandsregionen"),
    ("VGR", "region", "14", "Västra Götalandsregionen"),
    ("RUFS", "rus", "01", "RUFS"),
    ("RUFS 2050", "rus", "01", "RUFS 2050"),
    ("Det öppna Skåne 2030", "rus", "12", "Det öppna Skåne 2030"),
    ("RUS", "rus", None, "RUS"),
    ("RUS:en", "rus", None, "RUS"),
    ("RUP", "rus", None, "RUS"),
]
# Common nouns (matched with either case on the first letter), lan unknown.
GENERIC_REGIONAL: list[tuple[str, str, str]] = [
    ("länstrafiken", "transit_brand", "Länstrafiken"),
    ("kollektivtrafikmyndigheten", "transit_brand", "kollektivtrafikmyndigheten"),
    ("regionala kollektivtrafikmyndigheten", "transit_brand", "kollektivtrafikmyndigheten"),
    ("trafikförvaltningen", "transit_brand", "trafikförvaltningen"),
    ("kollektivtrafiknämnden", "transit_brand", "kollektivtrafiknämnden"),
    ("trafiknämnden", "transit_brand", "trafiknämnden"),
    ("regionen", "region", "regionen"),
    ("regionstyrelsen", "region", "regionstyrelsen"),
    ("regionfullmäktige", "region", "regionfullmäktige"),
    ("regionledningen", "region", "regionledningen"),
    ("landstinget", "region", "landstinget"),
    ("regional utvecklingsstrategi", "rus", "regional utvecklingsstrategi"),
    ("regionala utvecklingsstrategin", "rus", "regional utvecklingsstrategi"),
    ("regionala utvecklingsstrategier", "rus", "regional utvecklingsstrategi"),
    ("regionala utvecklingsstrategierna", "rus", "regional utvecklingsstrategi"),
    ("den regionala utvecklingsstrategin", "rus", "regional utvecklingsstrategi"),
    ("utvecklingsstrategin", "rus", "regional utvecklingsstrategi"),
    ("regionalt utvecklingsprogram", "rus", "regional utvecklingsstrategi"),
    ("regionala utvecklingsprogrammet", "rus", "regional utvecklingsstrategi"),
    ("länstransportplan", "regional_plan", "länstransportplan"),
    ("länstransportplanen", "regional_plan", "länstransportplan"),
    ("länstransportplaner", "regional_plan", "länstransportplan"),
    ("länstransportplanerna", "regional_plan", "länstransportplan"),
    ("länsplanen", "regional_plan", "länstransportplan"),
    ("länsplan för regional transportinfrastruktur", "regional_plan", "länstransportplan"),
    ("regional transportplan", "regional_plan", "länstransportplan"),
    ("regionala transportplanen", "regional_plan", "länstransportplan"),
    ("regionplan", "regional_plan", "regionplan"),
    ("regionplanen", "regional_plan", "regionplan"),
    ("trafikförsörjningsprogram", "regional_plan", "trafikförsörjningsprogram"),
    ("trafikförsörjningsprogrammet", "regional_plan", "trafikförsörjningsprogram"),
    ("regionala trafikförsörjningsprogrammet", "regional_plan", "trafikförsörjningsprogram"),
]


def _abbreviation(name: str) -> bool:
    return len(name) <= 4 and name.isupper()


def _regional_genitives(surface: str) -> list[str]:
    if _abbreviation(surface) or surface[-1].isdigit():
        return [surface, surface + ":s"]
    return [surface, genitive(surface)]


class Gazetteer:
    """Municipality and regional-target lookups built from the reference tables."""

    def __init__(
        self,
        municipalities: list[dict[str, Any]],
        regions: list[dict[str, Any]],
        aliases: list[dict[str, Any]] | None = None,
    ) -> None:
        self._municipalities = {m["code"]: dict(m) for m in municipalities}
        self._regions = {r["lan_code"]: dict(r) for r in regions}
        # surface form -> (code, kind, base name used for ambiguity checks)
        self._forms: dict[str, tuple[str, str, str]] = {}
        self._lookup: dict[str, str] = {}  # casefolded form -> code, for resolve_municipality
        for m in municipalities:
            ambiguous = m["name"] in AMBIGUOUS_NAMES
            for form, kind in municipality_forms(m["name"], demonyms=not ambiguous).items():
                self._forms.setdefault(form, (m["code"], kind, m["name"]))
                self._lookup.setdefault(form.casefold(), m["code"])
        for a in aliases or []:
            if a["code"] not in self._municipalities:
                continue
            if a["kind"] in GENERATED_ALIAS_KINDS:
                continue  # the database copy of forms generated here
            for form, kind in municipality_forms(a["alias"], demonyms=False).items():
                akind = a["kind"] if kind == "name" else kind
                self._forms.setdefault(form, (a["code"], akind, a["alias"]))
                self._lookup.setdefault(form.casefold(), a["code"])
        self._muni_re = _compile(set(self._forms))

        self._regional: dict[str, tuple[str, str | None, str]] = {}

        def add(surface: str, kind: str, lan: str | None, canonical: str) -> None:
            for s in _regional_genitives(surface):
                self._regional.setdefault(s, (kind, lan, canonical))

        for r in regions:
            lan = r["lan_code"]
            for brand in (r.get("transit_brands") or "").split("|"):
                if brand.strip():
                    add(brand.strip(), "transit_brand", lan, brand.strip())
                    if brand.strip().endswith("trafik"):
                        add(brand.strip() + "en", "transit_brand", lan, brand.strip())
            region_name = r.get("region_name") or ""
            if region_name:
                add(region_name, "region", lan, region_name)
                if region_name.endswith(" län"):
                    add(region_name[: -len(" län")], "region", lan, region_name)
                    # "Region Jönköpings län" -> "Region Jönköping"
                    short = region_name[: -len(" län")]
                    if short.endswith("s") and short[:-1].split()[-1] in {
                        m["name"] for m in municipalities
                    }:
                        add(short[:-1], "region", lan, region_name)
            for part in (r.get("rus_name") or "").split(" – "):
                part = part.strip()
                if part and part.casefold() != "regional utvecklingsstrategi":
                    add(part, "rus", lan, r.get("rus_name") or part)
                    add(part[0].lower() + part[1:], "rus", lan, r.get("rus_name") or part)
                    stripped = re.sub(r"\s+\d{4}[–-]\d{4}$", "", part)
                    if stripped != part:
                        add(stripped, "rus", lan, r.get("rus_name") or part)
                        add(stripped[0].lower() + stripped[1:], "rus", lan, r.get("rus_name"))
        for surface, kind, lan, canonical in EXTRA_REGIONAL:
            add(surface, kind, lan, canonical)
        for surface, kind, canonical in GENERIC_REGIONAL:
            add(surface, kind, None, canonical)
            add(surface[0].upper() + surface[1:], kind, None, canonical)
        self._regional_re = _compile(set(self._regional))

    # -- lookups -------------------------------------------------------------

    def municipality_name(self, code: str) -> str:
        """Official short name ("Laxå") for a 4-digit code; KeyError if unknown."""
        return self._municipalities[code]["name"]

    def lan_of_municipality(self, code: str) -> str:
        """Two-digit county code of a municipality; KeyError if unknown."""
        return self._municipalities[code]["lan_code"]

    def municipality_codes(self) -> list[str]:
        return sorted(self._municipalities)

    def resolve_municipality(self, name_or_form: str | None) -> str | None:
        """The 4-digit code for a name as it appears in text ("i Laxå", "Laxå kommuns")."""
        if not name_or_form:
            return None
        text = _norm_space(name_or_form).strip(" .,;:!?\"'()”»«")
        if text in self._municipalities:
            return text
        words = text.split(" ")
        while len(words) > 1 and words[0].casefold() in PLACE_PREPOSITIONS | {"norr", "söder"}:
            words = words[1:]
        text = " ".join(words)
        code = self._lookup.get(text.casefold())
        if code:
            return code
        # "Laxå kommunledning", "Laxå kommuns ledning"
        m = re.match(r"(.+?)s?\s+kommun\w*(?:\s.*)?$", text)
        if m:
            return self._lookup.get(m.group(1).casefold()) or self._lookup.get(
                (m.group(1)).casefold().rstrip("s")
            )
        return None

    # -- finding in text ------------------------------------------------------

    def find_municipalities(self, text: str) -> list[GazMatch]:
        """Municipality mentions in running text, with ambiguous names checked in context."""
        regional_spans = [
            (m.start, m.end, m.kind) for m in self.find_regional_targets(text) if m.kind != "rus"
        ]
        candidates: list[tuple[re.Match[str], str, str, str]] = []
        for m in self._muni_re.finditer(text):
            surface = _norm_space(m.group(0))
            code, kind, base = self._forms[surface]
            if kind == "name" and (
                LAN_AFTER.match(text, m.end()) or LAN_LIST_AFTER.match(text, m.end())
            ):
                continue  # "Örebro län" is the county, not the municipality
            if any(
                s < m.end() and m.start() < e and not (s == m.start() and e == m.end())
                for s, e, _k in regional_spans
            ):
                continue  # "Region Örebro län", "Länstrafiken Örebro", "Jönköpings länstrafik"
            candidates.append((m, code, kind, base))

        accepted: dict[int, bool] = {}
        pending: list[int] = []
        for i, (m, _code, kind, base) in enumerate(candidates):
            verdict = self._judge(text, m, kind, base)
            if verdict is None:
                pending.append(i)
            else:
                accepted[i] = verdict
        # Ambiguous names next to a confirmed municipality in a list: "Skövde, Vara och Lidköping".
        changed = True
        while changed and pending:
            changed = False
            for i in list(pending):
                m = candidates[i][0]
                if self._neighbour_confirmed(text, candidates, accepted, i, m):
                    accepted[i] = True
                    pending.remove(i)
                    changed = True
        out = []
        for i, (m, code, kind, _base) in enumerate(candidates):
            if accepted.get(i):
                out.append(
                    GazMatch(
                        code=code,
                        name=self._municipalities[code]["name"],
                        surface=m.group(0),
                        start=m.start(),
                        end=m.end(),
                        kind=kind,
                        lan_code=self._municipalities[code]["lan_code"],
                    )
                )
        return out

    def _judge(self, text: str, m: re.Match[str], kind: str, base: str) -> bool | None:
        """True/False when decided by the match itself, None when a list context may decide."""
        if kind in {"kommun", "demonym"}:
            return True
        if base not in AMBIGUOUS_NAMES and base not in SURNAME_LIKE:
            return True
        before = text[max(0, m.start() - 80) : m.start()]
        if m.start() <= 80:
            before = text[: m.start()]
        prev = WORD_BEFORE.search(before)
        prev_word = prev.group(1) if prev else ""
        at_sentence_start = bool(SENTENCE_END.search(before))
        after_cap = CAPITALISED_WORD_AFTER.match(text, m.end())
        followed_by_surname = bool(after_cap) and after_cap.group(1) not in self._first_words()
        if prev_word.casefold() in SPEECH_WORDS or followed_by_surname:
            return False  # "säger Lund", "Nora Svensson"
        after_first_name = (
            bool(NAME_WORD.match(prev_word))
            and not at_sentence_start
            and prev_word.casefold() not in PLACE_PREPOSITIONS
            and prev_word not in self._forms
        )
        if after_first_name:
            # "Anna Lund" -- unless a list of places says otherwise ("Linjen Boden–Luleå").
            return None if base in AMBIGUOUS_NAMES else False
        if base in SURNAME_LIKE:
            return True
        # Ambiguous: needs a place context.
        surface = _norm_space(m.group(0))
        is_genitive = surface != base and surface == genitive(base)
        if is_genitive:
            return bool(PLACE_NOUNS_AFTER_GENITIVE.match(text, m.end()))
        if KOMMUN_AFTER.match(text, m.end()):
            return True
        if prev_word.casefold() in PLACE_PREPOSITIONS:
            return True
        if (
            (at_sentence_start or not before.strip())
            and base not in GIVEN_NAMES
            and SUBJECT_VERB_AFTER.match(text, m.end())
        ):
            return True
        return None

    def _first_words(self) -> set[str]:
        cached = getattr(self, "_first_words_cache", None)
        if cached is None:
            cached = {f.split(" ")[0].split("-")[0] for f in self._forms}
            self._first_words_cache = cached
        return cached

    @staticmethod
    def _neighbour_confirmed(
        text: str,
        candidates: list[tuple[re.Match[str], str, str, str]],
        accepted: dict[int, bool],
        i: int,
        m: re.Match[str],
    ) -> bool:
        for j in (i - 1, i + 1):
            if not (0 <= j < len(candidates)) or not accepted.get(j):
                continue
            other = candidates[j][0]
            gap = text[other.end() : m.start()] if j < i else text[m.end() : other.start()]
            tokens = gap.split()
            if not tokens:
                tokens = [gap] if gap else []
            if tokens and all(t in LIST_SEPARATORS or t.strip(",") == "" for t in tokens):
                return True
            if len(tokens) == 1 and tokens[0].rstrip(",") in LIST_SEPARATORS:
                return True
        return False

    def find_regional_targets(self, text: str) -> list[GazMatch]:
        """Regions, transit brands, RUS and regional plans mentioned in the text."""
        out = []
        for m in self._regional_re.finditer(text):
            kind, lan, canonical = self._regional[_norm_space(m.group(0))]
            out.append(
                GazMatch(
                    code=None,
                    name=canonical,
                    surface=m.group(0),
                    start=m.start(),
                    end=m.end(),
                    kind=kind,
                    lan_code=lan,
                )
            )
        return out


_lock = threading.Lock()
_cache: dict[Any, Gazetteer] = {}


def _db_key(db: Any) -> tuple[str, int, int]:
    path = ""
    for row in db.execute("PRAGMA database_list").fetchall():
        if row[1] == "main":
            path = row[2]
    counts = []
    for table in ("municipalities", "municipality_aliases"):
        try:
            counts.append(db.execute(f"SELECT count(*) FROM {table}").fetchone()[0])
        except Exception:  # table not created yet: fall back to the CSV files
            counts.append(-1)
    return (path, counts[0], counts[1])


def default_gazetteer(db: Any = None) -> Gazetteer:
    """The shared gazetteer: from the database tables when given a db, else from the CSVs.

    Cached, since building the patterns takes a noticeable fraction of a second.
    A database without loaded reference data falls back to the CSV files.
    """
    from db.reference import read_aliases, read_municipalities, read_regions

    key: Any = "csv"
    if db is not None:
        key = _db_key(db)
        if key[1] <= 0:
            key = "csv"
    with _lock:
        if key in _cache:
            return _cache[key]
        if key == "csv":
            g = Gazetteer(read_municipalities(), read_regions(), read_aliases())
        else:
            munis = [dict(r) for r in db.query("SELECT * FROM municipalities")]
            regions = [dict(r) for r in db.query("SELECT * FROM regions")]
            aliases = [
                dict(r) for r in db.query("SELECT alias, code, kind FROM municipality_aliases")
            ]
            g = Gazetteer(munis, regions, aliases)
        _cache[key] = g
        return g
