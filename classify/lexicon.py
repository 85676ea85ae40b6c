"""Role titles, institutions and stance words: the classifier's hand-kept Swedish lexicon.

Place names live in the gazetteer (classify/gazetteer.py); this module holds
what the gazetteer does not: who a title makes you, and how rejection sounds.
Order matters in ROLE_TITLES: regional titles that contain a municipal-looking
word ("oppositionsregionråd", "regionstyrelsens ordförande") come first.
"""

from __future__ import annotations

import re

MUNICIPAL_ROLES = frozenset(
    {
        "kso",
        "kommunalrad",
        "oppositionsrad",
        "kommundirektor",
        "municipal_politician",
        "municipality",
    }
)
REGIONAL_ROLES = frozenset({"regional_politician", "regional_official"})

# (pattern, role, scope) — scope says whether the title belongs to a municipality or a region.
_TITLE_SPECS: list[tuple[str, str, str]] = [
    (r"oppositionsregionråd\w*", "regional_politician", "region"),
    (r"regionråd\w*", "regional_politician", "region"),
    (r"landstingsråd\w*", "regional_politician", "region"),
    (r"regionstyrelsens (?:\w+ )?ordförande", "regional_politician", "region"),
    (r"regionfullmäktiges ordförande", "regional_politician", "region"),
    (
        r"(?:kollektivtrafik|trafik|regionutvecklings|regional utvecklings)nämndens (?:\w+ )?ordförande",
        "regional_politician",
        "region",
    ),
    (r"regionpolitiker\w*", "regional_politician", "region"),
    (r"regiondirektör\w*", "regional_official", "region"),
    (r"trafikdirektör\w*", "regional_official", "region"),
    (r"kollektivtrafikdirektör\w*", "regional_official", "region"),
    (r"kollektivtrafikchef\w*", "regional_official", "region"),
    (r"regionutvecklingsdirektör\w*", "regional_official", "region"),
    (
        r"(?:presschef|pressansvarig|trafikplanerare|kommunikatör|kommunikationschef|vd|marknadschef)"
        r"(?= (?:på|för|vid|hos) (?:länstrafik|region|\w*trafik|sl\b|ul\b|vl\b|jlt\b))",
        "regional_official",
        "region",
    ),
    (
        r"kommunstyrelsen?s ordförande|kommunstyrelseordförande|kso|kommunstyrelsens presidium",
        "kso",
        "municipality",
    ),
    (r"kommunråd\w*|kommunalråd\w*", "kommunalrad", "municipality"),
    (r"oppositionsråd\w*", "oppositionsrad", "municipality"),
    (r"kommundirektör\w*|kommunchef\w*|stadsdirektör\w*", "kommundirektor", "municipality"),
    (
        r"kommunstyrelsens (?:vice |förste vice |andre vice )ordförande",
        "municipal_politician",
        "municipality",
    ),
    (
        r"(?:kommunfullmäktiges|kommunfullmäktige\w*|byggnadsnämndens|tekniska nämndens|"
        r"samhällsbyggnadsnämndens|utbildningsnämndens|socialnämndens|\w+nämndens) (?:\w+ )?ordförande",
        "municipal_politician",
        "municipality",
    ),
    (
        r"gruppledare\w*|kommunpolitiker\w*|fullmäktigeledamot\w*|ledamot i kommunstyrelsen|"
        r"kommunstyrelseledamot\w*|oppositionsledare\w*",
        "municipal_politician",
        "municipality",
    ),
    (
        r"näringslivschef\w*|samhällsbyggnadschef\w*|planchef\w*|stadsarkitekt\w*|"
        r"kommunens (?:\w+)?chef\w*|översiktsplanerare",
        "municipality",
        "municipality",
    ),
    (
        r"trafikverket\w*|regeringen\w*|infrastrukturminister\w*|minister\w*|statssekreterare|"
        r"landshövding\w*|länsstyrelsen\w*",
        "state",
        "state",
    ),
    (
        r"resenär\w*|pendlare\w*|boende|invånare\w*|förälder|föräldrar|elev\w*|pensionär\w*|"
        r"insändarskribent\w*|bybor\w*|medborgare",
        "citizen",
        "citizen",
    ),
    (r"reporter\w*|journalist\w*|ledarskribent\w*|krönikör\w*|redaktör\w*", "journalist", "press"),
]
ROLE_TITLES = [
    (re.compile(rf"\b(?:{p})\b", re.IGNORECASE), role, scope) for p, role, scope in _TITLE_SPECS
]

# Institutions that speak without a person: "Kommunen kräver …", "Regionen svarar …".
INSTITUTIONS: list[tuple[re.Pattern[str], str]] = [
    (
        re.compile(
            r"\b(?:region(?:en|s)?|landstinget|regionstyrelsen|regionledningen|"
            r"kollektivtrafikmyndigheten|trafiknämnden|kollektivtrafiknämnden|"
            r"regionens (?:politiker|ledning|företrädare))\b",
            re.IGNORECASE,
        ),
        "regional_official",
    ),
    (
        re.compile(
            r"\b(?:kommunen|kommunens ledning|kommunledningen|kommunstyrelsen|"
            r"kommunfullmäktige|kommunerna|kommunalförbundet|kommunförbundet|"
            r"kommunens politiker|styret|majoriteten|oppositionen|"
            r"\w+ kommun(?:s|en)?|kommunens företrädare|kommunpolitikerna|politikerna i \w+)\b",
            re.IGNORECASE,
        ),
        "municipality",
    ),
    (re.compile(r"\b(?:trafikverket|regeringen|staten)\b", re.IGNORECASE), "state"),
    (
        re.compile(
            r"\b(?:resenärer\w*|pendlare\w*|invånar\w*|boende|föräldrar|insändar\w*)\b",
            re.IGNORECASE,
        ),
        "citizen",
    ),
]

TRADE_UNION = re.compile(
    r"\bkommunal(?:s)? (?:avdelning|ordförande|ombudsman|fackförbund)|"
    r"fackförbundet kommunal\b",
    re.IGNORECASE,
)

# Regional targets the gazetteer may not know by name (generic words).
TRANSIT_WORDS = re.compile(
    r"\b(?:buss\w*|linje \d+\w*|linjen|linjer(?:na)?|busslinje\w*|hållplats\w*|turer(?:na)?|"
    r"turen|avgång\w*|tåg\w*|pendeltåg\w*|regionaltåg\w*|kollektivtrafik\w*|länstrafik\w*|"
    r"tidtabell\w*|busstabell\w*|turlist\w*|\w+turer(?:na)?|stoppstruktur\w*|\w*trafiken|trafikplan\w*|taxa\w*|zontaxa\w*|biljettpris\w*|"
    r"skolskjuts\w*|anropsstyrd\w*|närtrafik\w*|resecentrum|stationen|pendl\w*)\b",
    re.IGNORECASE,
)
RUS_WORDS = re.compile(
    r"\b(?:rus|rufs(?: 2050)?|regionala? utvecklingsstrategi\w*|utvecklingsstrategi\w*|"
    r"regionplan\w*|länstransportplan\w*|länsplan\w*|regional(?:a)? (?:plan\w*|strategi\w*|"
    r"utvecklingsplan\w*|tillväxtplan\w*)|strukturbild\w*|regionens (?:strategi|plan)\w*|"
    r"\w*strategin|regional fysisk planering)\b",
    re.IGNORECASE,
)
REGION_WORDS = re.compile(
    r"\b(?:region(?:en|ens|s)?|landsting\w*|regionstyrelsen|regionfullmäktige|"
    r"vårdcentral\w*|akutmottagning\w*|akuten|förlossning\w*|sjukhus\w*|"
    r"regional\w* (?:medel|pengar|tillväxtmedel|finansiering)|tillväxtmedel)\b",
    re.IGNORECASE,
)
STATE_TARGETS = re.compile(
    r"\b(?:trafikverket\w*|regeringen\w*|staten\w*|statens\w*)\b", re.IGNORECASE
)

# Stance cues, used as features and shown as evidence (the model weighs them).
REJECT_CUES = re.compile(
    r"\b(?:fel|felaktig\w*|svek\w*|sviker|protest\w*|kritik\w*|kritis\w*|orimlig\w*|oacceptab\w*|"
    r"motsätt\w*|rasar|ilsk\w*|upprörd\w*|acceptera\w*|struntar|irrelevant\w*|inte relevant|"
    r"river upp|riva upp|slår mot|drabbar|besvik\w*|nej till|säger nej|vägrar|avvisar|"
    r"överkör\w*|kör över|tvärtemot|går emot|ifrågasätt\w*|obegriplig\w*|skandal\w*|"
    r"katastrof\w*|stoppa|överklaga\w*|reagerar|struntar|glömt|glömmer|inte lyssnat|lyssnar inte|"
    r"inte bry\w*|bryr sig inte|egen väg|egna planer|vår egen|våra egna|inte styra|bestämmer själva|"
    r"hellre|kräver|krav|beklagar|tar avstånd|ställer oss inte|inte ställa|inte skriva under|"
    r"protesterar|förkastar|sågar|dömer ut|underkänner)\b",
    re.IGNORECASE,
)
SUPPORT_CUES = re.compile(
    r"\b(?:välkomna\w*|positiv\w*|glad\w*|bra beslut|ställer oss bakom|stöd(?:er|jer)|"
    r"samarbete\w*|tillsammans|gemensam\w*|nöjd\w*|tack\w*|förstår|rimligt)\b",
    re.IGNORECASE,
)
INDIRECT_SPEECH = re.compile(
    r"\b(?:menar|anser|tycker|säger|hävdar|påpekar|understryker|konstaterar|betonar|framhåller|"
    r"skriver|kräver|varnar|befarar|tror)\s+(?:också\s+|även\s+|dock\s+|nu\s+|vidare\s+)?att\b|"
    r"\benligt\s+(?:[A-ZÅÄÖ]\w+|kommun\w*|region\w*)",
)

_SPEECH_VERBS = (
    r"säger|sa|sade|menar|anser|tycker|konstaterar|påpekar|understryker|betonar|framhåller|"
    r"hävdar|skriver|förklarar|fortsätter|svarar|kommenterar|tillägger|berättar|uppger|"
    r"kräver|varnar|befarar|tror|frågar|suckar|säger till \w+"
)
SPEECH_VERBS = re.compile(rf"\b(?:{_SPEECH_VERBS})\b", re.IGNORECASE)

PARTIES = {
    "S",
    "M",
    "C",
    "V",
    "L",
    "KD",
    "MP",
    "SD",
    "FP",
    "NYD",
    "SPI",
    "FI",
    "VÄST",
    "SN",
}
PRONOUNS = {"hon": "f", "han": "m", "hen": "n"}


def role_from_title(text: str) -> tuple[str, str, str] | None:
    """The first role title in a phrase: (role, scope, matched title), or None."""
    best: tuple[int, str, str, str] | None = None
    for rx, role, scope in ROLE_TITLES:
        m = rx.search(text)
        if m and (best is None or m.start() < best[0]):
            best = (m.start(), role, scope, m.group(0))
    if best is None:
        return None
    if TRADE_UNION.search(text):
        return ("other", "union", "Kommunal")
    _, role, scope, title = best
    # "oppositionsråd i Region X" / "i regionen": the title sits in the region.
    if role in MUNICIPAL_ROLES and re.search(
        r"\b(?:i|för|inom) (?:region(?:en)?\b|landstinget|Region [A-ZÅÄÖ]|Västra Götalandsregionen)",
        text,
    ):
        role, scope = "regional_politician", "region"
    return (role, scope, title)
