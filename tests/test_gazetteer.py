"""The gazetteer on real Swedish sentences: inflected forms, ambiguous names, regional targets."""

from __future__ import annotations

import pytest

from classify.gazetteer import GazMatch, default_gazetteer, genitive, municipality_forms


@pytest.fixture(scope="module")
def g():
    return default_gazetteer()


def names(g, text: str) -> list[str]:
    return [m.name for m in g.find_municipalities(text)]


def test_default_gazetteer_is_cached(g) -> None:
    assert default_gazetteer() is g


def test_genitive_rule() -> None:
    assert genitive("Laxå") == "Laxås"
    assert genitive("Borås") == "Borås"
    assert genitive("Kalix") == "Kalix"
    assert genitive("Berg") == "Bergs"


def test_forms_are_generated_not_listed() -> None:
    forms = municipality_forms("Laxå")
    for form in ["Laxå", "Laxås", "Laxå kommun", "Laxå kommuns", "Laxås kommun", "Laxåborna"]:
        assert form in forms
    assert "Boråss" not in municipality_forms("Borås")
    assert "Upplands Bro" in municipality_forms("Upplands-Bro")


@pytest.mark.parametrize(
    "form, code",
    [
        ("Laxå", "1860"),
        ("Laxås", "1860"),
        ("i Laxå", "1860"),
        ("Laxå kommun", "1860"),
        ("Laxå kommuns", "1860"),
        ("Laxås kommun", "1860"),
        ("Laxåborna", "1860"),
        ("från Örebro", "1880"),
        ("Borås", "1490"),
        ("Borås Stad", "1490"),
        ("Göteborgs Stad", "1480"),
        ("Malung", "2023"),  # old name of Malung-Sälen
        ("Malung-Sälen", "2023"),
        ("Upplands Bro", "0139"),
        ("Dals-Ed", "1438"),
        ("Marks kommun", "1463"),
        ("Kinna", "1463"),  # main town
        ("Visby", "0980"),
        ("Region Gotland", "0980"),
        ("1860", "1860"),
        ("  Laxå kommun. ", "1860"),
        ("Laxå kommunledning", "1860"),
    ],
)
def test_resolve_municipality(g, form: str, code: str) -> None:
    assert g.resolve_municipality(form) == code


@pytest.mark.parametrize("form", ["", None, "Atlantis", "kommun", "i", "9999"])
def test_resolve_unknown_gives_none(g, form) -> None:
    assert g.resolve_municipality(form) is None


def test_names_and_counties(g) -> None:
    assert g.municipality_name("1860") == "Laxå"
    assert g.lan_of_municipality("1860") == "18"
    assert g.lan_of_municipality("0680") == "06"
    assert len(g.municipality_codes()) == 290
    with pytest.raises(KeyError):
        g.municipality_name("9999")


def test_match_fields(g) -> None:
    text = "Kommunalrådet i Laxå kommun är arg."
    (m,) = g.find_municipalities(text)
    assert isinstance(m, GazMatch)
    assert (m.code, m.name, m.kind, m.lan_code) == ("1860", "Laxå", "kommun", "18")
    assert text[m.start : m.end] == m.surface == "Laxå kommun"


@pytest.mark.parametrize(
    "text",
    [
        "Det kan vara så att bussen blir sen.",
        "Vara eller inte vara, det är frågan.",
        "Vi står på marken och väntar på bussen.",
        "Mark Levengood var inbjuden till mötet.",
        "Nora Svensson (S) tycker att linjen behövs.",
        "Nora tycker att linjen behövs.",
        "De promenerade i lunden bakom skolan.",
        "– Det här är fel, säger Lund.",
        "Anna Lund (M) är kritisk.",
        "Enligt Berg är beslutet redan fattat.",
        "Lars Berg (C) vill ha fler turer.",
        "Han slog in en kil i stocken.",
        "Kil är ett verktyg.",
        "De drack en ale på puben.",
        "Boden vid hamnen säljer fisk.",
        "Vi hämtade cyklarna i boden.",
        "Klippan var brant och hal.",
        "En stor skara människor samlades.",
        "Eda Yilmaz är ny på redaktionen.",
        "– Vi ser fram emot det, säger Vilhelmina Andersson.",
        "Örebro län växer snabbast.",
        "Kommunerna i Örebro och Jönköpings län enas.",
        "Kalmar, Kronobergs och Blekinge län samarbetar.",
        "Region Örebro län drar in linjen.",
        "Länstrafiken Örebro ändrar tidtabellen.",
        "Jönköpings länstrafik ändrar tidtabellen.",
        "– Nej, säger Falkenberg.",
        "Mats Falkenberg (S) är kritisk.",
    ],
)
def test_no_false_matches_in_running_text(g, text: str) -> None:
    assert names(g, text) == []


@pytest.mark.parametrize(
    "text, expected",
    [
        ("Det gäller i Vara kommun.", ["Vara"]),
        ("Vara kommun säger nej till regionens förslag.", ["Vara"]),
        ("Marks kommun protesterar mot Västtrafik.", ["Mark"]),
        ("Kommunalrådet i Lund är kritisk.", ["Lund"]),
        ("Hon har bott i Boden i tjugo år.", ["Boden"]),
        ("Bussen från Nora går inte längre.", ["Nora"]),
        ("Ale kommun och Kils kommun", ["Ale", "Kil"]),
        ("I Berg är man besviken.", ["Berg"]),
        ("Skövde, Vara och Lidköping drabbas av neddragningen.", ["Skövde", "Vara", "Lidköping"]),
        ("Linjen Boden–Luleå läggs ned.", ["Boden", "Luleå"]),
        ("Bodens kommunalråd är kritisk.", ["Boden"]),
        ("Lunds centrum får färre bussar.", ["Lund"]),
        ("Falkenberg säger nej till bussplanen.", ["Falkenberg"]),
        ("Laxå kommuns ordförande och Laxåborna", ["Laxå", "Laxå"]),
        ("Örebro kommun och Region Örebro län", ["Örebro"]),
        (
            "Malung-Sälen, Upplands-Bro och Lilla Edet",
            ["Malung-Sälen", "Upplands-Bro", "Lilla Edet"],
        ),
        ("Tåget mellan Örebro-Kumla stannar.", ["Örebro", "Kumla"]),
        ("Bussen till Kinna är inställd.", ["Mark"]),
        ("Kommunen i\nLaxå\nkommun", ["Laxå"]),
    ],
)
def test_true_mentions_match(g, text: str, expected: list[str]) -> None:
    assert names(g, text) == expected


@pytest.mark.parametrize(
    "text, kind, lan",
    [
        ("Länstrafiken Örebro drar in linje 500.", "transit_brand", "18"),
        ("JLT:s nya tidtabell", "transit_brand", "06"),
        ("Jönköpings länstrafik", "transit_brand", "06"),
        ("Västtrafik ändrar", "transit_brand", "14"),
        ("UL lägger ned", "transit_brand", "03"),
        ("SL-kortet blir dyrare", "transit_brand", "01"),
        ("Skånetrafikens beslut", "transit_brand", "12"),
        ("X-trafik", "transit_brand", "21"),
        ("Din Tur", "transit_brand", "22"),
        ("Region Örebro län", "region", "18"),
        ("Region Jönköpings läns beslut", "region", "06"),
        ("Västra Götalandsregionen", "region", "14"),
        ("regionen vill spara", "region", None),
        ("Regionen vill spara", "region", None),
        ("RUS", "rus", None),
        ("RUFS", "rus", "01"),
        ("den regionala utvecklingsstrategin", "rus", None),
        ("Regional utvecklingsstrategi för Örebro län", "rus", "18"),
        ("länstransportplanen", "regional_plan", None),
        ("regionplanen", "regional_plan", None),
    ],
)
def test_regional_targets(g, text: str, kind: str, lan: str | None) -> None:
    found = g.find_regional_targets(text)
    assert found, text
    assert (found[0].kind, found[0].lan_code) == (kind, lan)
    assert found[0].code is None
    assert text[found[0].start : found[0].end] == found[0].surface


@pytest.mark.parametrize("text", ["Regionalt sett är det bra.", "Rusa inte.", "Slutet", "ul"])
def test_no_false_regional_targets(g, text: str) -> None:
    assert g.find_regional_targets(text) == []
