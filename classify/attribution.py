"""Who says a statement, and for which municipality or region.

Swedish news names the speaker after the quote ("…, säger Anna Andersson (C),
kommunstyrelsens ordförande i Laxå.") and later only by surname or "hon"/"han",
so attribution walks an article in order, keeps the people it has met and
carries the speaker back over a pratminus paragraph and forward to
continuations.
"""

from __future__ import annotations

import contextlib
import re
from dataclasses import asdict, dataclass, replace

from classify.lexicon import (
    FIRST_PERSON,
    INSTITUTIONS,
    MEN_NAMES,
    MUNICIPAL_ROLES,
    PARTIES,
    PRONOUNS,
    REGIONAL_ROLES,
    SPEECH_VERBS,
    WOMEN_NAMES,
    role_from_title,
)
from classify.places import gazetteer
from classify.quotes import is_pratminus, quote_kind

_UP = "A-ZÅÄÖÉÜ"
_LOW = "a-zåäöéüøæ"
_WORD = rf"[{_UP}][{_LOW}]+(?:-[{_UP}][{_LOW}]+)?"
NAME = rf"{_WORD}(?: (?:af |von |de |van )?{_WORD}){{1,2}}"
PARTY = r"\s*\((?P<party>[A-ZÅÄÖa-zåäö]{1,5})\)"
_VERBS = (
    r"säger|sa|sade|menar|anser|tycker|konstaterar|påpekar|understryker|betonar|framhåller|"
    r"hävdar|skriver|förklarar|fortsätter|svarar|kommenterar|tillägger|berättar|uppger|"
    r"varnar|befarar|tror|frågar|suckar|replikerar|säger till \w+"
)
# "…, säger Karin Åström (C), kommunstyrelsens ordförande i Laxå."
# "…, säger Anna Ek." ("…, säger att …" is indirect speech: who speaks stands before it.)
AFTER_VERB = re.compile(rf"(?:^|,|–|—|:)\s*(?:{_VERBS})\s+(?!att\b)(?P<who>[^.!?]+?)\s*[.!?”\"]*$")
# "Kommunalrådet Kerstin Ek (S) …", "kommunstyrelsens ordförande Anna Berg (M) …"
TITLED_NAME = re.compile(rf"(?P<name>{NAME})(?:{PARTY})?")
NAME_PARTY = re.compile(rf"(?P<name>{NAME}){PARTY}")
SOM_AR = re.compile(rf"(?P<name>{NAME})(?:{PARTY})?, som är (?P<title>[^,.]+)")
VERB_INSTITUTION = re.compile(
    rf"\b(?:säger|skriver|anser|menar|tycker|kräver|konstaterar|framhåller|påpekar|betonar|"
    rf"understryker)"
    rf"(?: inte| heller| också)? (?P<inst>(?:[{_UP}][\w-]+ kommun|kommunen|kommunerna|kommunstyrelsen|"
    rf"kommunledningen|[{_UP}][\w-]+ kommuns? (?:ledning|styrelse)))\b(?! (?:och|med|till|om)\b)"
    # "… som Kungsbacka kommun nu tar …", "… faller inte i god jord hos Lomma kommun."
    rf"|\b(?:som|hos) (?P<inst2>[{_UP}][\w-]+ kommun(?:styrelse|ledning)?)\b(?! (?:och|med)\b)"
)
# Party groups by name ("Centerpartiet Tranemo"): a municipal voice when a municipality
# is named with them, and never the first word of a person's name.
PARTY_GROUP_NAMES = (
    "Socialdemokraterna",
    "Moderaterna",
    "Centerpartiet",
    "Liberalerna",
    "Kristdemokraterna",
    "Vänsterpartiet",
    "Miljöpartiet",
    "Sverigedemokraterna",
    "Folkpartiet",
)
# "Centerpartierna Karlskoga och Degerfors": the local groups of one party, plural.
PARTY_GROUP = re.compile(
    rf"\b(?:{'|'.join(PARTY_GROUP_NAMES)}|(?:{'|'.join(n[:-2] for n in PARTY_GROUP_NAMES if n.endswith('et'))})erna)\b"
)
ENLIGT = re.compile(rf"\b[Ee]nligt (?P<who>[{_UP}][{_LOW}]+(?: [{_UP}][{_LOW}]+)?)")
PRONOUN_SUBJECT = re.compile(
    r"^(?:[–—-]\s*)?(?:Men |Och |Då |Nu )?(?P<pron>[Hh]on|[Hh]an|[Hh]en)\b"
)
_SENTENCE_WORDS = {
    "Det",
    "Den",
    "Vi",
    "Jag",
    "Men",
    "Och",
    "Nu",
    "Då",
    "Här",
    "Där",
    "Enligt",
    "Regionen",
    "Kommunen",
    "Beslutet",
    "Linjen",
    "Bussen",
    "Han",
    "Hon",
    "Efter",
    "Under",
    "Sedan",
    "Om",
    "Region",
    "Landstinget",
    "Skrivelse",
    "Blogg",
    "Motion",
    "Ur",
    "Även",
    "Insändare",
    "Pressmeddelande",
    *PARTY_GROUP_NAMES,
}


_DOCUMENT = re.compile(
    r"(?:Pressmeddelande|Debattartikel|Insändare|Insänt|Öppet brev|Remissvar|Ur |Blogg|Skrivelse|"
    r"Yttrande|Brev|Mail|Krönika|Ledare|Debatt|Motion|Interpellation|Protokoll)",
)
_ADDRESSEE = re.compile(r",?\s*\b(?:som svar )?till\b[^.]*?(?=\bfrån\b|\.?\s*$)")
_LETTER = re.compile(r"(?:Insändare|Insänt|Öppet brev|Brev|Mail)\b")
_MUNICIPAL_MENTION = re.compile(
    r"\b(?:[A-ZÅÄÖ][\w-]+ kommun(?:s|en)?|kommunen|kommunstyrelsen|kommunledningen|"
    r"[A-ZÅÄÖ]\w*kommunerna|[A-ZÅÄÖ][\w-]+(?= (?:är )?(?:starkt |mycket )?kritisk)|"
    r"[A-ZÅÄÖ][\w-]+s politiker|[A-ZÅÄÖ][\w-]+politiker(?:na)?|[Kk]ommunens|"
    r"(?:[Aa]lla|[Ss]amtliga) (?:\w+)?partier(?:na)? i [A-ZÅÄÖ][\w-]+)\b"
)


def _any_stance(text: str) -> bool:
    from classify.lexicon import REJECT_CUES, STRONG_REJECT

    return bool(STRONG_REJECT.search(text) or REJECT_CUES.search(text))


_WEAK_HOWS = ("title", "institution", "sideless", "place_subject", "brand")
_ADVERBS = {
    "Nu",
    "Men",
    "Därför",
    "Samtidigt",
    "Även",
    "Dessutom",
    "Också",
    "Då",
    "Idag",
    "Här",
    "Både",
}


@dataclass
class Speaker:
    """A resolved speaker: person or institution, with whom they speak for."""

    name: str | None = None
    party: str | None = None
    role: str | None = None
    municipality: str | None = None
    municipality_code: str | None = None
    region_lan_code: str | None = None
    how: str = ""  # how attribution found it: verb, titled, som_ar, enligt, pronoun, …

    @property
    def surname(self) -> str | None:
        return self.name.split()[-1] if self.name else None

    @property
    def is_municipal(self) -> bool:
        return self.role in MUNICIPAL_ROLES

    @property
    def is_regional(self) -> bool:
        return self.role in REGIONAL_ROLES

    def as_dict(self) -> dict:
        return asdict(self)


def _set_municipality(speaker: Speaker, code: str) -> None:
    """Name, code and county of the municipality a speaker represents."""
    g = gazetteer()
    speaker.municipality, speaker.municipality_code = g.municipality_name(code), code
    speaker.region_lan_code = g.lan_of_municipality(code)


_SPEAKER_FIELDS = ("party", "role", "municipality", "municipality_code", "region_lan_code")


def _fill_missing(
    speaker: Speaker, other: Speaker, fields: tuple[str, ...] = _SPEAKER_FIELDS
) -> None:
    """Take from `other` what `speaker` does not know (a later mention, a context line)."""
    for name in fields:
        if getattr(speaker, name) is None:
            setattr(speaker, name, getattr(other, name))


def _place(phrase: str, speaker: Speaker, within: int | None = None) -> None:
    """Fill municipality or region from a role phrase ("… ordförande i Laxå"); with
    `within`, only a municipality named in the phrase's first `within` characters."""
    g = gazetteer()
    munis = [m for m in g.find_municipalities(phrase) if within is None or m.start < within]
    if munis and speaker.role not in REGIONAL_ROLES:
        m = munis[0]
        speaker.municipality, speaker.municipality_code = m.name, m.code
        with contextlib.suppress(KeyError):
            speaker.region_lan_code = g.lan_of_municipality(m.code)
        return
    targets = [t for t in g.find_regional_targets(phrase) if t.kind in ("region", "transit_brand")]
    if targets:
        speaker.region_lan_code = targets[0].lan_code


_REGION_SEAT = re.compile(
    r"\b(?:(?:i|för) (?:Region [A-ZÅÄÖ]|regionen\b|landstinget\b)|[Rr]egionfullmäktige|"
    r"[Ll]andstingsfullmäktige)"
)


def _describe(who: str, phrase_after: str = "", *, institutions: bool = True) -> Speaker:
    """A speaker from a noun phrase ("Karin Åström (C), kommunstyrelsens ordförande i Laxå").

    With institutions=False only a title or a party group gives a role: an institution
    the phrase merely mentions ("… att UL och landstinget vill …") is not a person's role.
    """
    sp = Speaker()
    m = re.search(rf"(?P<name>{NAME})(?:{PARTY})?", who)
    if m and m.group("name").split()[0] not in _SENTENCE_WORDS:
        sp.name = m.group("name")
        party = m.group("party")
        if party and party.upper() in PARTIES:
            sp.party = party.upper()
    rest = who if not sp.name else who[: m.start()] + " " + who[m.end() :]
    rest = f"{rest} {phrase_after}".strip()
    titled = role_from_title(rest)
    if titled and titled[0] in MUNICIPAL_ROLES:
        # The name may have swallowed "Region Kalmar" of "oppositionsråd i Region Kalmar".
        full = role_from_title(f"{who} {phrase_after}")
        if full and full[0] in REGIONAL_ROLES:
            titled = full
    if titled:
        sp.role = titled[0]
    elif not sp.name and institutions:
        # The institution named first is the one described ("kommunerna i Roslagen om
        # landstingets förslag").
        hits = [(m.start(), k) for k, (rx, _) in enumerate(INSTITUTIONS) if (m := rx.search(who))]
        if hits:
            sp.role = INSTITUTIONS[min(hits)[1]][1]
    _place(rest if rest else who, sp)
    if sp.role is None and sp.party and _REGION_SEAT.search(rest):
        # "Sven Sunesson (C) i Region Kronobergs regionfullmäktige"
        sp.role = "regional_politician"
    if sp.role is None and sp.party and sp.municipality:
        sp.role = "municipal_politician"
    if (
        sp.role is None
        and sp.municipality
        and PARTY_GROUP.search(rest or who)
        and not re.search(r"\b(?:[Rr]egion|[Ll]andsting)", rest or who)
    ):
        # "Centerpartiet Tranemo", "Moderaterna i Kävlinge": a municipal party group.
        sp.role = "municipal_politician"
    if sp.role is None and sp.name and _MUNICIPAL_WORKPLACE.search(rest):
        sp.role = "municipality"
    if sp.role is None and sp.name and (region := _regional_workplace(rest)) is not None:
        # "Henrik Malmsten, trafikplanerare på Länstrafiken Örebro", "Niklas Holmén på JLT",
        # "verksamhetschef för ambulanssjukvården": staff of the region or its transit company.
        sp.role = "regional_official"
        sp.region_lan_code = sp.region_lan_code or region or None
    return sp


def _private_person(description: str) -> bool:
    m = _PRIVATE_RELATIVE.search(description)
    return bool(m) and not _PUBLIC_WORDS.search(m.group(0))


_PRIVATE_RELATIVE = re.compile(
    r"^[\s,]*(?:\d{1,3},?\s*)?som (?!är\b|var\b|blir\b|leder\b|sitter\b)\w+.*"
)
_PUBLIC_WORDS = re.compile(
    r"(?i)\b(?:kommun\w*|region\w*|landsting\w*|politi\w*|parti\w*|nämnd\w*|styrelse\w*|"
    r"förvaltning\w*|fullmäktige|trafik(?:bolag|förvaltning)\w*|kollektivtrafik\w*|"
    r"nedskärning\w*|besparing\w*|budget\w*|beslut\w*)"
)
# A job title before the workplace: "trafikplanerare på", "chef för regional utveckling i".
_WORKPLACE_LEAD = re.compile(r"(?:^|,\s*)(?:[a-zåäö][\w-]*\s+){0,4}?(?:på|vid|hos|i|inom)\s+$")
_REGIONAL_CARE = re.compile(
    r"\b(?:chef|direktör|verksamhetschef|ansvarig|läkare|sjuksköterska)\w* "
    r"(?:för|på|vid|inom) (?:ambulanssjukvård|akutsjukvård|akutmottagning|sjukhus|lasarett|"
    r"hälso- och sjukvård|regionens)\w*"
)


def _regional_workplace(phrase: str) -> str | None:
    """The county code ("" when unknown) of a region or transit company named as the
    workplace in a person's description, else None."""
    if _REGIONAL_CARE.search(phrase):
        return ""
    for hit in gazetteer().find_regional_targets(phrase):
        if hit.kind not in ("region", "transit_brand"):
            continue
        # "trafikplanerare på Länstrafiken Örebro", or the genitive opening the title:
        # "Region Uppsalas regionala utvecklingsdirektör", "JLT:s vd".
        opens = not phrase[: hit.start].strip(" ,")
        genitive = (
            opens
            and hit.surface.endswith("s")
            and hit.surface != hit.name
            and re.match(r" \w", phrase[hit.end :])
        )
        if genitive or _WORKPLACE_LEAD.search(phrase[: hit.start]):
            return hit.lan_code or ""
    return None


# "… på Kävlinge kommuns strategiska avdelning", "… vid kommunens planeringsavdelning",
# "miljöstrateg i Eksjö kommun" (a job title before "i X kommun"; residents are not staff).
_MUNICIPAL_WORKPLACE = re.compile(
    r"\b(?:på|vid|hos|i) (?:[A-ZÅÄÖ]\w+ kommuns?|kommunens) (?:\w+ )?(?:avdelning|förvaltning|"
    r"kontor|enhet)\w*|\b(?:på|vid|hos) [A-ZÅÄÖ]\w+ kommun\b|"
    r"(?:^|,\s*)(?!(?:pensionär|invånare|boende|bosatt|student|elev|förälder|mamma|pappa|"
    r"företagare|lantbrukare|pendlare|medborgare|resenär|privatperson)\w*\b)"
    r"[a-zåäö][\w-]*(?:ansvarig|strateg|chef|direktör|planerare|handläggare|samordnare|"
    r"utvecklare|ingenjör|arkitekt|sekreterare|controller|förvaltare|\w*strateg)\w* "
    r"(?:i|på|vid) [A-ZÅÄÖ][\w-]+ kommun\b"
)


_POLITICIAN_WORD = re.compile(r"\b[\w-]*politiker\w*\b")


def municipal_politicians(text: str) -> Speaker | None:
    """Politicians named by their municipality ("Salempolitiker", "Solnas politiker").

    A named speaker with a party but no title, in an article about a municipality's
    politicians, speaks for that municipality.
    """
    if "politiker" not in text:
        return None
    g = gazetteer()
    for m in _POLITICIAN_WORD.finditer(text):
        word = m.group(0)
        near = text[max(0, m.start() - 12) : m.end() + 20]
        if re.search(r"[Rr]egion|[Ll]andsting|[Rr]iksdag|EU-", near):
            continue
        prefix = word[: word.lower().find("politiker")].rstrip("-")
        code = None
        if prefix[:1].isupper():
            cands = (prefix, prefix[:-1]) if prefix.endswith(("s", "a")) else (prefix,)
            code = next((c for p in cands if (c := g.resolve_municipality(p))), None)
        if code is None and prefix.lower() in ("", "kommun", "topp", "lokal"):
            window = text[max(0, m.start() - 30) : m.end() + 25]
            munis = g.find_municipalities(window)
            code = munis[0].code if munis else None
        if code:
            sp = Speaker(role="municipal_politician", how="politicians_of")
            _set_municipality(sp, code)
            return sp
    return None


# "(S) i Lysekil hoppas …": a party's local group by its letters.
_PARTY_LETTERS = re.compile(r"\((?:S|M|C|V|L|KD|MP|SD)\)(?= i )")


# Bodies of a region named after its seat, and a municipal-looking body placed in a region.
_REGIONAL_BODY = re.compile(
    r"(?:regionledning|regionstyrelse|landstingsledning|landstingsstyrelse)\w*"
)
_IN_REGION = re.compile(
    rf"^\W*(?:\w+ ){{0,3}}\w+ i (?:Region [{_UP}]|regionen\b|[Ll]andstinget\b|\w+ läns landsting)"
)
_REGIONAL_SIDE = re.compile(
    r"\b(?:[Ll]andsting\w*|[Rr]egion(?:en|ens|fullmäktige\w*)?|Region [A-ZÅÄÖ])"
)
# Words for a political side that any assembly has: whose they are comes from the context.
_SIDELESS = re.compile(r"(?i)(?:oppositionen|majoriteten|styret|toppolitiker\w*)$")
_INSTITUTION_PLACE = re.compile(
    rf"^\W*(?:\w+ ){{0,3}}\w+ i (?P<place>[{_UP}][\w-]+(?: kommun)?)\b"
    rf"(?!\s+läns?\b|(?:,\s*[{_UP}][\w-]+)*\s+och\s+[{_UP}][\w-]+\s+läns?\b)"
)


def _institution_subject(sentence: str) -> Speaker | None:
    """An institution as grammatical subject: "Kommunen kräver …", "Laxå rasar mot …"."""
    g = gazetteer()
    head = re.sub(r"^[–—-]\s*", "", sentence)
    words = head.split()
    opening = " ".join(words[:4])
    # "Nu protesterar kommunen …": after an opening adverb the subject follows the verb.
    limit = len(" ".join(words[:2])) + 1 if words and words[0] in _ADVERBS else 1
    for rx, role in INSTITUTIONS:
        m = rx.search(opening)
        if m and m.start() <= limit:
            if role == "municipality" and _IN_REGION.match(head):
                # "Den politiska ledningen i Region Örebro län säger nej …"
                return Speaker(role="regional_politician", how="institution")
            sp = Speaker(role=role, how="institution")
            if role == "municipality" and _SIDELESS.match(m.group(0)):
                sp.how = "sideless"
            # The place read with the words after the opening: "… i Örebro län" is a county.
            _place(
                head[: len(opening) + 30], sp, within=len(head) - len(head.lstrip()) + len(opening)
            )
            if role == "municipality" and not sp.municipality_code:
                sp.municipality = None
                # "Den politiska ledningen i Sundsvalls kommun …": the place follows "i".
                if (where := _INSTITUTION_PLACE.match(head)) and (
                    code := g.resolve_municipality(where.group("place"))
                ):
                    _set_municipality(sp, code)
            return sp
    # "JLT anser …", "Västtrafik svarar …": the transit company or region speaks.
    brands = g.find_regional_targets(" ".join(words[:3]))
    if brands and brands[0].start == 0 and SPEECH_VERBS.search(" ".join(words[1:4])):
        return Speaker(role="regional_official", region_lan_code=brands[0].lan_code, how="brand")
    head = re.sub(r"^(?:Vi|vi) i ", "", head)  # "Vi i Centerpartierna Karlskoga …"
    if (pg := PARTY_GROUP.match(head) or _PARTY_LETTERS.match(head)) and (
        place := re.match(
            r"\s+(?:i\s+)?(?P<place>[A-ZÅÄÖ][\w-]+(?: [A-ZÅÄÖ][\w-]+)?)", head[pg.end() :]
        )
    ):
        # "Centerpartierna Karlskoga och Degerfors har …", "Moderaterna i Kävlinge vill …".
        code = g.resolve_municipality(place.group("place"))
        if code:
            sp = Speaker(role="municipal_politician", how="party_group")
            _set_municipality(sp, code)
            return sp
    if words and words[0] in _ADVERBS and len(words) > 2:
        # "Men Varberg, Falkenberg och Halmstad har fått kalla fötter."
        words = words[1:]
        head = " ".join(words)
    munis = g.find_municipalities(" ".join(words[:2]))
    listed = len(words) > 1 and words[0].endswith(",") and len(g.find_municipalities(head[:60])) > 1
    if munis and munis[0].start == 0 and len(words) > 1 and _REGIONAL_BODY.match(words[1]):
        # "Stockholms regionledning: …": the region's voice, named by its seat.
        return Speaker(role="regional_politician", how="institution")
    if munis and munis[0].start == 0 and len(words) > 1 and (words[1][:1].islower() or listed):
        m = munis[0]
        sp = Speaker(role="municipality", municipality=m.name, municipality_code=m.code)
        sp.how = "place_subject"
        with contextlib.suppress(KeyError):
            sp.region_lan_code = g.lan_of_municipality(m.code)
        return sp
    return None


_SPEAK = r"(?:säger|menar|anser|skriver|konstaterar|berättar|framhåller|påpekar|betonar|tycker)"
# A name with its title in apposition before or after a verb of speech, with the
# workplace perhaps opening the sentence.
NAME_APPOSITION = re.compile(
    rf"^\W*(?:(?:[Pp]å|[Hh]os|[Vv]id|[Ii]nom) (?P<org>[^,]+?) {_SPEAK} )?"
    rf"(?P<name>{NAME})(?:{PARTY})?, (?P<title>[^,]{{3,80}}),"
    rf"(?: (?:{_SPEAK})\b| att\b)"
)
# "Region Uppsalas regionala utvecklingsdirektör, Sofia Lagerkvist, säger att …"
TITLE_APPOSITION = re.compile(
    rf"^\W*(?P<title>[^,]{{3,80}}), (?P<name>{NAME})(?:{PARTY})?,(?: (?:{_SPEAK})\b| att\b)"
)
_PLACE_QUOTE = re.compile(rf"^(?P<place>[{_UP}][\w-]+(?: [{_UP}][\w-]+)?): [”\"«]")


def _gender(sp: Speaker) -> str | None:
    given = (sp.name or "").split()[:1]
    if not given:
        return None
    if given[0] in WOMEN_NAMES:
        return "f"
    return "m" if given[0] in MEN_NAMES else None


class Attributor:
    """Walks one article in reading order, remembering the people it has met."""

    def __init__(self) -> None:
        self.people: dict[str, Speaker] = {}
        self.last_person: Speaker | None = None
        self.last_quoted: Speaker | None = None
        self.mentions: list[Speaker] = []  # named people in the order they were met
        # The speaker the previous narrative paragraph named ("Men enligt oppositionsrådet
        # Daniel Ek (M) håller inte argumentet."): an unattributed quote after it is theirs.
        self.introduced: Speaker | None = None

    def _remember(self, sp: Speaker) -> Speaker:
        if sp.name:
            known = self.people.get(sp.surname or "")
            if known and known.name and known.name.endswith(sp.name.split()[-1]):
                _fill_missing(sp, known)  # what the earlier mention knew and this one does not
            self.people[sp.surname or ""] = sp
            self.last_person = sp
            self.mentions.append(sp)
        return sp

    def _person_for(self, pronoun: str) -> Speaker | None:
        """Whom "hon"/"han" refers to: the last person named, unless that person's given
        name says otherwise; then the latest one it fits ("säger hon" after a man)."""
        if self.last_person is None:
            return None
        want = PRONOUNS.get(pronoun)
        candidates = [self.last_person] + [
            sp for sp in reversed(self.mentions) if sp is not self.last_person
        ]
        for sp in candidates:
            if _gender(sp) in (None, want) or want == "n":
                return sp
        return None

    def _known(self, surname: str, how: str) -> Speaker | None:
        sp = self.people.get(surname)
        return replace(sp, how=how) if sp else None

    def find_in_sentence(self, sentence: str) -> Speaker | None:
        """The speaker a sentence names itself, if any (without carrying)."""
        if (m := _PLACE_QUOTE.match(sentence)) and (
            code := gazetteer().resolve_municipality(m.group("place"))
        ):
            # "Östhammar: ”UL kan inte bestämma över Gräsö”": the headline's quote is the
            # municipality's.
            sp = Speaker(role="municipality", how="place_subject")
            _set_municipality(sp, code)
            return sp
        if m := AFTER_VERB.search(sentence):
            who = m.group("who").strip()
            pron = who.split()[0].lower() if who.split() else ""
            if pron in PRONOUNS:
                person = self._person_for(pron)
                if person is None and self.last_person is not None:
                    # "säger hon" after only men: someone this article has not named,
                    # and not the last quote's speaker.
                    return Speaker(how="pronoun")
                return replace(person, how="pronoun") if person else None
            first = who.split()[0] if who.split() else ""
            if first in self.people and (len(who.split()) == 1 or who.split()[1][:1].islower()):
                # "…, skriver Strand i ett brev som kommunen skickade": a known surname,
                # whatever the rest of the phrase names.
                return self._known(first, "surname")
            if pron in ("en", "ett") and not re.match(rf"(?:en|ett) \w+ [{_UP}]", who):
                # "…, säger en undersköterska som inte vill framträda med namn": someone
                # new and unnamed (a citizen, as the annotation guideline has it), not the
                # speaker of the quote before. "en upprörd Magnus Ek" is a named person.
                sp = _describe(who)
                sp.name, sp.how = None, "verb"
                sp.role = sp.role if sp.role == "state" else "citizen"
                return sp
            sp = _describe(who)
            if sp.name and sp.role is None and (known := self._known(sp.surname or "", "surname")):
                return known
            if sp.name or sp.role:
                sp.how = "verb"
                if sp.role is None and _private_person(who[len(sp.name or "") :]):
                    # "…, säger Mats Göransson som arbetar i Linköping": a private person
                    # described by what they do, a citizen in the guideline's terms (unless a
                    # context line says otherwise: how "private" gives way to it).
                    sp.role, sp.how = "citizen", "private"
                return self._remember(sp)
        if m := VERB_INSTITUTION.search(sentence):
            # "… säger Arjeplogs kommun att programmet …", "…, skriver kommunen i remissvaret."
            sp = Speaker(role="municipality", how="verb")
            _place(m.group("inst") or m.group("inst2"), sp)
            return sp
        if m := SOM_AR.search(sentence):
            sp = _describe(
                m.group("name") + (f" ({m.group('party')})" if m.group("party") else ""),
                m.group("title"),
            )
            sp.how = "som_ar"
            return self._remember(sp)
        if (m := TITLE_APPOSITION.match(sentence)) and m.group("name").split()[0] not in (
            _SENTENCE_WORDS
        ):
            sp = _describe(
                m.group("name") + (f" ({m.group('party')})" if m.group("party") else ""),
                m.group("title"),
            )
            if sp.role:
                sp.how = "titled"
                return self._remember(sp)
        if m := NAME_APPOSITION.match(sentence):
            # "Sofia Lagerkvist, regional utvecklingsdirektör i Region Uppsala, säger att …",
            # "På Region Örebro län säger Malin Forsgren, enhetschef …, att …"
            org = m.group("org")
            sp = _describe(
                m.group("name") + (f" ({m.group('party')})" if m.group("party") else ""),
                m.group("title") + (f" på {org}" if org else ""),
            )
            if sp.role:
                sp.how = "titled"
                return self._remember(sp)
        titled = role_from_title(sentence)
        if titled:
            # "Kommunalrådet Kerstin Ek (S) …": the name right after the title.
            idx = sentence.lower().find(titled[2].lower())
            after = sentence[idx + len(titled[2]) :]
            before = sentence[:idx]
            m = re.match(
                rf"\s*(?:i [{_UP}]\w+(?: kommun)?,?\s*)?,?\s*(?P<name>{NAME})(?:{PARTY})?", after
            )
            if m and m.group("name").split()[0] not in _SENTENCE_WORDS:
                place = before[-40:] + " " + after[: m.end() + 40]
                sp = _describe(m.group(0), f"{titled[2]} {place}")
                if titled[0] == "citizen" and sp.role in MUNICIPAL_ROLES:
                    sp.role = "citizen"  # "tidigare kommunpolitikern X": a former politician
                sp.how = "titled"
                return self._remember(sp)
            m = NAME_PARTY.search(before[-60:])
            if m is None and idx < 80:
                # "Matts Lundgren, socialdemokrat och ordförande i kommunförbundet"
                m = re.match(rf"(?P<name>{NAME})(?:{PARTY})?,", before)
            if m and m.group("name").split()[0] not in _SENTENCE_WORDS:
                sp = _describe(m.group(0), f"{titled[2]} {after[:60]}")
                sp.how = "titled"
                return self._remember(sp)
        m = NAME_PARTY.search(sentence)
        if m and m.group("name").split()[0] not in _SENTENCE_WORDS and m.start() < 40:
            sp = _describe(m.group(0), sentence[m.end() : m.end() + 80])
            sp.how = "name_party"
            return self._remember(sp)
        if m := ENLIGT.search(sentence):
            surname = m.group("who").split()[-1]
            if known := self._known(surname, "enligt"):
                return known
            sp = _describe(m.group("who"))
            if sp.role:
                sp.how = "enligt"
                return sp
        if (m := PRONOUN_SUBJECT.match(sentence)) and (
            person := self._person_for(m.group("pron").lower())
        ):
            return replace(person, how="pronoun")
        # A known surname or full name as subject: "Åström menar att …", "Per-Olof Grahn
        # säger att …".
        opening = re.sub(r"^[–—-]\s*", "", sentence).split()[:2]
        if opening and opening[0] in self.people:
            return self._known(opening[0], "surname")
        known = self.people.get(opening[1]) if len(opening) == 2 else None
        if known is not None and known.name and known.name.split()[0] == opening[0]:
            return self._known(opening[1], "surname")
        if sp := _institution_subject(sentence):
            return sp
        if titled and titled[1] in ("municipality", "region"):
            # "… kräver nu toppolitiker i Lerums kommun …": a title without a name still
            # says whose voice the sentence reports.
            idx = sentence.lower().find(titled[2].lower())
            sp = Speaker(role=titled[0], how="title")
            _place(sentence[idx : idx + len(titled[2]) + 40], sp)
            return sp
        return None

    def paragraph(
        self, sentences: list[str], *, headline: bool = False
    ) -> list[tuple[Speaker | None, str]]:
        """Speakers and quote kinds for one paragraph's sentences."""
        dash = bool(sentences) and is_pratminus(sentences[0])
        found = [self.find_in_sentence(s) for s in sentences]
        kinds = [quote_kind(s, in_pratminus=dash, headline=headline) for s in sentences]
        if dash:
            # One voice speaks a pratminus paragraph: the attributed one, else the previous quote's.
            voice = next(
                (sp for sp in found if sp and sp.how in ("verb", "pronoun", "surname")), None
            )
            if voice is None:
                voice = next((sp for sp in found if sp), None)
                if voice is not None and voice.how in _WEAK_HOWS and self.last_quoted:
                    # "– Regionen räknar larm per natt.": a quote that goes on without a
                    # verb of speech is the last speaker's, and the institution or title
                    # inside it is what that speaker talks about.
                    voice = None
            if voice is None and self.introduced is not None and self.introduced.name:
                voice = replace(self.introduced, how="introduced")
            if voice is None and self.last_quoted:
                voice = replace(self.last_quoted, how="continued_quote")
            intro = self.introduced
            if voice is not None and voice.name and voice.role is None and intro and not intro.name:
                # "Länstrafiken Örebro säger att …" + "– …, säger Henrik Malmsten,
                # trafikplanerare.": the institution just named is the speaker's employer.
                voice = replace(voice)
                _fill_missing(voice, intro)
            self.introduced = None
            if voice is not None:
                self.last_quoted = voice
                if voice.name:
                    self.last_person = voice
            return [(voice, k) for k in kinds]
        out = []
        for sp, k in zip(found, kinds, strict=True):
            if sp is not None and k in ("quote", "indirect"):
                self.last_quoted = sp
            out.append((sp, k))
        if not headline:
            self.introduced = next((sp for sp in reversed(found) if sp), None)
        return out


def attribute_text(text: str, context: str | None = None) -> tuple[Speaker | None, str]:
    """Speaker and quote kind of one statement, using its context for attribution.

    The context may hold the sentences around the statement (before or after);
    a speaker named there is carried to the statement when the statement names
    none itself (or only "hon"/"han").
    """
    att = Attributor()
    ctx_speaker = None
    if context:
        from classify.sentences import split_sentences

        for s in split_sentences(context):
            ctx_speaker = att.find_in_sentence(s) or ctx_speaker
    own = att.find_in_sentence(text)
    kind = quote_kind(text)
    if context and _DOCUMENT.match(context):
        # "Pressmeddelande från Ale kommun.", "Debattartikel av kommunstyrelseordförandena
        # …": the context names the author of the whole text; whom it is addressed to
        # ("… som svar till kommunalrådet X", "brev från Y till kommunchefen") is not.
        author = _describe(_ADDRESSEE.sub(" ", context))
        if author.role is None and author.name and _LETTER.match(context):
            author.role = "citizen"  # "Insändare av Hans-Göran Larsson, Gullspång"
        if author.role is not None and (own is None or own.how in _WEAK_HOWS):
            author.how = "context:author"
            return author, kind
        if ctx_speaker is not None and _ADDRESSEE.search(context):
            ctx_speaker = author if author.role is not None else None
    if (
        own is not None
        and own.how in _WEAK_HOWS
        and ctx_speaker is not None
        and ctx_speaker.how in ("verb", "titled", "som_ar", "name_party")
        and (kind in ("pratminus", "quote") or FIRST_PERSON.search(text))
    ):
        # "– … den politiska ledningen ska lyssna." + "säger X, oppositionsråd i Region Y.":
        # a title or institution inside a quote (or a first-person statement: "det ska vi
        # ställa krav på") is what the speaker talks about.
        own = None
    if own is not None and (own.role is None or own.how == "private") and context:
        # "…, säger Paul Lindvall." + "Kommunstyrelsens ordförande i Linköping.": the
        # context line says who the named speaker is.
        ctx = ctx_speaker
        if ctx is None or ctx.role is None:
            ctx = _describe(context, institutions=False)
        if ctx is None or ctx.role is None:
            ctx = municipal_politicians(context)
        if ctx is not None and ctx.role is not None:
            if own.how == "private":
                own.role = None  # the context's title outweighs the relative clause
            _fill_missing(own, ctx)
    if (
        own is not None
        and own.how == "sideless"
        and context
        and (
            (ctx_speaker is not None and ctx_speaker.is_regional)
            or (ctx_speaker is None and _REGIONAL_SIDE.search(context))
        )
    ):
        # "Landstingets samtliga oppositionspartier." + "Oppositionen skriver …"
        own = (
            replace(ctx_speaker, how="context:sideless")
            if ctx_speaker is not None
            else Speaker(role="regional_politician", how="context:sideless")
        )
    if own is None and _any_stance(text) and (named := municipal_politicians(text)):
        # "… en mycket besviken samling ledande Ydrepolitiker …"
        own = named
    if (
        own is None
        # A regional person named in the context speaks; a municipality the statement
        # mentions is then what they talk about.
        and not (ctx_speaker is not None and ctx_speaker.is_regional and ctx_speaker.name)
        and (m := _MUNICIPAL_MENTION.search(text))
        and _any_stance(text)
        and not role_from_title(text[: m.start()])
    ):
        # "Detta är Upplands-Bro starkt kritiska till", "… ifrågasätter Härryda kommun …":
        # a municipality named beside a stance word is the voice the journalist reports.
        own = Speaker(role="municipality", how="mention")
        _place(m.group(0), own)
    if own is not None:
        return own, kind
    if (
        ctx_speaker is None
        and context
        and (
            role_from_title(context)
            or any(rx.search(context) for rx, _ in INSTITUTIONS)
            or PARTY_GROUP.search(context)
        )
    ):
        # A bare description ("Kommunstyrelsens ordförande i Linköping.") names the voice.
        ctx_speaker = _describe(context)
        ctx_speaker.how = "description"
    if ctx_speaker is None and context:
        ctx_speaker = municipal_politicians(context)
    if ctx_speaker is not None and ctx_speaker.role is None and ctx_speaker.name and context:
        # "Centerpartiet Skellefteå, blogg (Carina Sundbom (C))": the named author's group
        # or a description in the same line says whom she speaks for.
        desc = _describe(context, institutions=False)
        if desc.role is None:
            desc = municipal_politicians(context) or desc
        _fill_missing(ctx_speaker, desc, _SPEAKER_FIELDS[1:])
    if ctx_speaker is not None:
        return replace(ctx_speaker, how=f"context:{ctx_speaker.how}"), kind
    return None, kind
