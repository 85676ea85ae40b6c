"""Classifier: Swedish text processing, attribution, the default model, pipeline evidence,
training with reviewer verdicts, evaluation and bad input."""

from __future__ import annotations

import json
import sqlite3
from pathlib import Path

import pytest
from conftest import run_cli, write_sources

from classify.attribution import attribute_text
from classify.features import statement_features
from classify.model import load_model
from classify.pipeline import looks_swedish, walk_article
from classify.sentences import split_sentences
from db import open_db


@pytest.mark.parametrize(
    "text,expected",
    [
        (
            "Mötet börjar kl. 18 i Laxå. Det kom bl.a. 40 personer, t.ex. Anna Andersson (S). Hon var arg.",
            [
                "Mötet börjar kl. 18 i Laxå.",
                "Det kom bl.a. 40 personer, t.ex. Anna Andersson (S).",
                "Hon var arg.",
            ],
        ),
        (
            "Beslutet togs den 3 jan. 2025 av ca. 30 ledamöter m.fl. Sedan dess har inget hänt.",
            [
                "Beslutet togs den 3 jan. 2025 av ca. 30 ledamöter m.fl.",
                "Sedan dess har inget hänt.",
            ],
        ),
        ("Vi ses i jul. Det blir bra!", ["Vi ses i jul.", "Det blir bra!"]),
        (
            "Linje 705 kostar 2.5 mnkr. Det är 3. gången i år.",
            ["Linje 705 kostar 2.5 mnkr.", "Det är 3. gången i år."],
        ),
    ],
)
def test_swedish_sentence_splitting(text: str, expected: list[str]) -> None:
    assert split_sentences(text) == expected


@pytest.mark.parametrize(
    "text,context,name,party,role,municipality",
    [
        (
            "– Det här är ett svek mot Laxå.",
            "säger Anna Andersson (C), kommunstyrelsens ordförande i Laxå.",
            "Anna Andersson",
            "C",
            "kso",
            "Laxå",
        ),
        (
            "Kommunalrådet Kerstin Ek (S) i Hallsberg är kritisk till Länstrafiken.",
            None,
            "Kerstin Ek",
            "S",
            "kommunalrad",
            "Hallsberg",
        ),
        (
            "Oppositionsregionrådet Eva Lind (M) kritiserar beslutet.",
            None,
            "Eva Lind",
            "M",
            "regional_politician",
            None,
        ),
        (
            "Lars Berg, som är oppositionsråd i Region Örebro län, säger att RUS är bra.",
            None,
            "Lars Berg",
            None,
            "regional_politician",
            None,
        ),
        (
            "– Vi bryr oss inte om RUS, säger Kumlas kommundirektör Olle Ny.",
            None,
            "Olle Ny",
            None,
            "kommundirektor",
            "Kumla",
        ),
        (
            "Kommunen kräver att regionen river upp beslutet.",
            None,
            None,
            None,
            "municipality",
            None,
        ),
        # Municipalities as subject after an opening adverb, not the region of the context.
        (
            "Men Tranås, Aneby och Eksjö har sagt nej till förslaget.",
            "Region Jönköpings län vill samordna planeringen.",
            None,
            None,
            "municipality",
            "Tranås",
        ),
        # A municipality speaking mid-sentence ("säger X kommun att …").
        (
            "I ett remissvar till trafiknämnden säger Hallsbergs kommun att förslaget behöver "
            "ses över.",
            None,
            None,
            None,
            "municipality",
            "Hallsberg",
        ),
        # The chair of a municipal committee is a municipal politician.
        (
            "Eva Nord (S), ordförande i tekniska nämnden, menar att beslutet är fel.",
            None,
            "Eva Nord",
            "S",
            "municipal_politician",
            None,
        ),
        # The municipality as the opinion holder in the middle of a sentence.
        (
            "Men det tycker inte Askersunds kommun är en bra idé.",
            None,
            None,
            None,
            "municipality",
            "Askersund",
        ),
        (
            "Förslaget faller inte i god jord hos Nora kommun.",
            None,
            None,
            None,
            "municipality",
            "Nora",
        ),
        (
            "Det är i ett yttrande som Kumla kommun nu säger ifrån om trafiken.",
            None,
            None,
            None,
            "municipality",
            "Kumla",
        ),
        # Unusual word order of the KSO title; a blog post's author; a party group.
        (
            "– Vi är inte nöjda.",
            "säger kommunstyrelsens i Vetlanda ordförande, Eva Ek.",
            "Eva Ek",
            None,
            "kso",
            "Vetlanda",
        ),
        (
            "Detta är inte ok!",
            "Blogg av kommunstyrelsens ordförande i Sävsjö om länstrafiken",
            None,
            None,
            "kso",
            "Sävsjö",
        ),
        (
            "Vi vill ha bussen kvar.",
            "Centerpartiet Kristianstad om Skånetrafikens planer.",
            None,
            None,
            "municipal_politician",
            "Kristianstad",
        ),
        # A first-person statement naming the region is spoken by the context's named person.
        (
            "Regionen har lovat bättre trafik och det ska vi hålla dem till.",
            "Kommunalrådet Per Sten (M), Kumla, om de indragna turerna.",
            "Per Sten",
            "M",
            "kommunalrad",
            "Kumla",
        ),
        # A named speaker with a party, in an article about a municipality's politicians.
        (
            "– Att kunna pendla in till stan är en förutsättning, säger Raili Nilsson (C).",
            "Salempolitiker tar strid mot regionens planer att lägga ned busslinjerna.",
            "Raili Nilsson",
            "C",
            "municipal_politician",
            "Salem",
        ),
        (
            "– Men vad hjälper det om inte tågen går?, säger Tobias Eriksson (S), "
            "kommunstyrelsens 1:e vice ordförande i Sunne.",
            None,
            "Tobias Eriksson",
            "S",
            "municipal_politician",
            "Sunne",
        ),
        # A region mentioned further on does not make a municipal title regional.
        (
            "– Regionen måste vidta åtgärder, sa Niklas Säwén (S).",
            "Den politiska ledningen i Sundsvalls kommun kallade de ansvariga i regionen till ett möte.",
            "Niklas Säwén",
            "S",
            "municipality",
            "Sundsvall",
        ),
        # An institution the context merely mentions is not the named speaker's role.
        (
            "– De anser att trafiken är för dyr, säger Carina Schön.",
            "Hon anser att UL och landstinget vill slippa att trafikera sträckan.",
            "Carina Schön",
            None,
            None,
            None,
        ),
        # A party's local groups, plural, and a group by its letters.
        (
            "Vi i Centerpartierna Karlskoga och Degerfors accepterar inte sveket mot lasarettet.",
            None,
            None,
            None,
            "municipal_politician",
            "Karlskoga",
        ),
        (
            "(S) i Lysekil hoppas att Brastad vårdcentral blir kvar.",
            None,
            None,
            None,
            "municipal_politician",
            "Lysekil",
        ),
        # An ambiguous municipality name opening a sentence, before a verb of speech.
        (
            "Lund svarar Skånetrafiken: linjen måste vara kvar.",
            None,
            None,
            None,
            "municipality",
            "Lund",
        ),
        # The author of a blog named with party only; the group in the line says where.
        (
            "Vi blir provocerade av den ovilja vi upplever hos Region Västerbotten.",
            "Centerpartiet Skellefteå, blogg (Carina Sundbom (C))",
            "Carina Sundbom",
            "C",
            "municipal_politician",
            "Skellefteå",
        ),
        (
            "Tre kommuner – Varberg, Falkenberg och Halmstad – motsätter sig planerna.",
            None,
            None,
            None,
            "municipality",
            "Varberg",
        ),
        (
            "”Djupt besviken på landstinget”",
            "Matts Lundgren, socialdemokrat och ordförande i kommunförbundet",
            "Matts Lundgren",
            None,
            "municipal_politician",
            None,
        ),
        # Regional bodies and titles that look municipal.
        (
            "Stockholms regionledning: Fördelningen av vårdcentraler avspeglar behovet",
            None,
            None,
            None,
            "regional_politician",
            None,
        ),
        (
            "Den politiska ledningen i Region Örebro län säger nej till att ta hänsyn.",
            None,
            None,
            None,
            "regional_politician",
            None,
        ),
        (
            "Hälso- och sjukvårdsnämndens ordförande Tom Silverklo (C) säger att det finns planer.",
            None,
            "Tom Silverklo",
            "C",
            "regional_politician",
            None,
        ),
        (
            "– Beslutet är beklagligt, säger landstingsalliansens gruppledare Tomas Högström (M).",
            None,
            "Tomas Högström",
            "M",
            "regional_politician",
            None,
        ),
        # "Oppositionen" is the region's when the context says so, the municipality's when
        # a municipality is named with it.
        (
            "Oppositionen skriver i ett brev att man inte ser de ekonomiska fördelarna.",
            "Landstingets samtliga oppositionspartier.",
            None,
            None,
            "regional_politician",
            None,
        ),
        (
            "Oppositionen i Laxå kräver att Länstrafiken behåller linjen.",
            None,
            None,
            None,
            "municipality",
            "Laxå",
        ),
        # A letter's addressee is not its author; an author without a title is a citizen.
        (
            "Nedläggningen förstärker den negativa utvecklingen i Gullspångs kommun.",
            "Insändare av Hans-Göran Larsson, Gullspång, som svar till kommunalrådet Carina Gullberg.",
            "Hans-Göran Larsson",
            None,
            "citizen",
            "Gullspång",
        ),
        (
            "Naturligtvis behövs en vårdcentral i Dalum!",
            "Öppet brev från Arne Sjögren till kommunalråd och kommunchef i Ulricehamns kommun.",
            "Arne Sjögren",
            None,
            "citizen",
            None,
        ),
        # A former politician, an interest council, a party member in the regional assembly.
        (
            "Ett förslag av tidigare kommunpolitikern Börje Hansson (C) vill att Lund betalar.",
            None,
            "Börje Hansson",
            "C",
            "citizen",
            None,
        ),
        (
            "Sven är kritisk till att Kronobergs andel av anslaget har minskat.",
            "Sven Sunesson (C) i Region Kronobergs regionfullmäktige.",
            "Sven Sunesson",
            "C",
            "regional_politician",
            None,
        ),
        (
            "Detta löfte har socialdemokraterna svikit.",
            "Öppet brev till regionrådet Karin Engdahl (S) från Torbjörn Sjögren (m), "
            "ledamot Regionfullmäktige Västra Götaland.",
            "Torbjörn Sjögren",
            "M",
            "regional_politician",
            None,
        ),
        (
            "– Det är en lång process, säger regionala utvecklingsnämndens ordförande Elise Wikén (M).",
            None,
            "Elise Wikén",
            "M",
            "regional_politician",
            None,
        ),
        # "Ur X kommuns remissvar": an excerpt of the municipality's reply, not a person "Ur X".
        (
            "Säbyholm är utpekad i kommunens översiktsplan, detta tycks SL ha missat.",
            "Ur Upplands-Bro kommuns remissvar om linje 555.",
            None,
            None,
            "municipality",
            "Upplands-Bro",
        ),
        # The municipality's politicians named in the statement, beside a stance word,
        # outweigh the regional politician of the context line.
        (
            "Det var en mycket besviken samling ledande Ydrepolitiker som fick beskedet.",
            "Göran Gunnarsson (C), ordförande i trafiknämnden inom Region Östergötland.",
            None,
            None,
            "municipal_politician",
            "Ydre",
        ),
        # Staff named by their workplace: the region or its transit company, the
        # municipality (a job title before "i X kommun"; a resident is not staff).
        (
            "– Kumlastråket är belastat, säger Henrik Malmsten, trafikplanerare på Länstrafiken Örebro.",
            None,
            "Henrik Malmsten",
            None,
            "regional_official",
            None,
        ),
        (
            "– Nu vill vi se hur de fungerar, säger Niklas Holmén, projektledare på JLT.",
            None,
            "Niklas Holmén",
            None,
            "regional_official",
            None,
        ),
        (
            "– Vi behöver dra åt samma håll, säger Johan Lindahl, chef för regional utveckling "
            "i Region Jönköpings län.",
            None,
            "Johan Lindahl",
            None,
            "regional_official",
            None,
        ),
        (
            "– Larmen ligger inom våra mål, säger Mattias Gren, verksamhetschef för ambulanssjukvården.",
            None,
            "Mattias Gren",
            None,
            "regional_official",
            None,
        ),
        (
            "– Det är roligt, säger Maria Lundkvist, miljöstrateg i Eksjö kommun.",
            None,
            "Maria Lundkvist",
            None,
            "municipality",
            "Eksjö",
        ),
        (
            "– Bussen behövs, säger Eva Ek, pensionär i Laxå kommun.",
            None,
            "Eva Ek",
            None,
            "citizen",
            "Laxå",
        ),
        ("– Länstrafiken sviker oss, säger Eva Ek.", None, None, None, None, None),
        # A headline's "Place: ”quote”" is the municipality's; a place after "för" is not.
        (
            "Östhammar: ”UL kan inte bestämma över Gräsö”",
            None,
            None,
            None,
            "municipality",
            "Östhammar",
        ),
        ("Kalldusch för Åre: SJ drar in tre av fyra nattåg", None, None, None, None, None),
        # A title before the name, a workplace in the genitive, an unnamed speaker.
        (
            "Region Uppsalas regionala utvecklingsdirektör, Sofia Lagerkvist, säger att "
            "strategin är ett förslag.",
            None,
            "Sofia Lagerkvist",
            None,
            "regional_official",
            None,
        ),
        (
            "– Det blir bra, säger Anna Ek, JLT:s vd.",
            None,
            "Anna Ek",
            None,
            "regional_official",
            None,
        ),
        # A private person described by what they do is a citizen, unless a context line
        # or public work says otherwise.
        (
            "– Jag har tagit 05.42 varje dag, säger Mats Göransson som arbetar i Linköping.",
            None,
            "Mats Göransson",
            None,
            "citizen",
            "Linköping",
        ),
        (
            "– Det är fel, säger Anna Ek som sitter i kommunstyrelsen.",
            None,
            "Anna Ek",
            None,
            None,
            None,
        ),
        # Unions, associations and their members are citizens; kommunalförbundet is not one.
        (
            "– Nio procent är mycket pengar, säger Carina Sundqvist, ordförande i Kommunal "
            "Sektion Höglandet.",
            None,
            "Carina Sundqvist",
            None,
            "citizen",
            None,
        ),
        (
            "– Appen fungerar inte, säger Rune Axelsson från SPF Seniorerna.",
            None,
            "Rune Axelsson",
            None,
            "citizen",
            None,
        ),
        (
            "– Det är bedrövligt, säger Britt Söderlund, 74, som bor i Vendel.",
            None,
            "Britt Söderlund",
            None,
            "citizen",
            None,
        ),
        (
            "– Det är fel, säger Anna Ek, ordförande i kommunalförbundet.",
            None,
            "Anna Ek",
            None,
            "municipal_politician",
            None,
        ),
        (
            "– Då förstod jag att det behövs direktiv, säger Johan Örjes, som ringde runt.",
            "Regionråd Johan Örjes (C), andre vice ordförande i kollektivtrafiknämnden.",
            "Johan Örjes",
            "C",
            "regional_politician",
            None,
        ),
        (
            "– Folk flyttar härifrån, säger en undersköterska som inte vill framträda med namn.",
            None,
            None,
            None,
            "citizen",
            None,
        ),
        # Municipalities as a group: plural subjects, "Både …", and a county is no place.
        (
            "I uppropet skriver kommunerna att regionerna koncentrerar trafiken.",
            None,
            None,
            None,
            "municipality",
            None,
        ),
        (
            "Både majoriteten och oppositionen i Nässjö kräver att regionen backar.",
            None,
            None,
            None,
            "municipality",
            "Nässjö",
        ),
        (
            "Landsbygdskommuner i två län går samman mot busskärningarna",
            None,
            None,
            None,
            "municipality",
            None,
        ),
        (
            "Kommunerna i Jönköpings län enas mot busskärningarna.",
            None,
            None,
            None,
            "municipality",
            None,
        ),
        (
            "Små kommuner i Örebro och Jönköpings län enas mot busskärningar",
            None,
            None,
            None,
            "municipality",
            None,
        ),
    ],
)
def test_attribution(text, context, name, party, role, municipality) -> None:
    sp, _kind = attribute_text(text, context)
    if role is None:
        assert sp is None or sp.role is None
        return
    assert sp is not None
    assert (sp.name, sp.party, sp.role, sp.municipality) == (name, party, role, municipality)


LAXA = """Länstrafiken Örebro drar in linje 705 mellan Laxå och Hallsberg. Kommunledningen är kritisk.
– Det här är ett svek mot alla som pendlar från Laxå. Regionen har inte lyssnat på oss, säger Karin Åström (C), kommunstyrelsens ordförande i Laxå.
Enligt Åström har kommunen skickat två skrivelser. Hon menar att beslutet slår mot landsbygden.
– Vi kommer inte att acceptera att linjen läggs ned, säger hon.
Regionrådet Per Holm (S) försvarar beslutet.
– Vi måste använda skattepengarna där resenärerna finns, säger Per Holm."""


def test_attribution_carries_across_an_article() -> None:
    walked = walk_article("Laxå rasar mot indragen busslinje", LAXA)

    def units(prefix: str):
        return next(u.features for u in walked if u.text.startswith(prefix))

    first = units("– Det här är ett svek mo")
    assert first.quote_kind == "pratminus" and first.speaker.name == "Karin Åström"
    assert first.speaker.municipality_code == "1860" and first.speaker.role == "kso"
    assert units("Enligt Åström har kommune").speaker.name == "Karin Åström"
    assert units("Hon menar att beslutet sl").speaker.name == "Karin Åström"
    assert units("– Vi kommer inte att acce").speaker.party == "C"
    assert units("– Vi måste använda skatte").speaker.role == "regional_politician"
    assert units("Laxå rasar mot indragen b").quote_kind == "headline"


def test_a_quote_that_goes_on_keeps_its_speaker() -> None:
    """An institution inside a continued pratminus quote is its subject, not its speaker."""
    walked = walk_article(
        "Eksjö rasar",
        "Regionen drar in nattambulansen i Eksjö.\n"
        "– Det här är ett svek mot Eksjö, säger kommunstyrelsens ordförande Anna Berg (M).\n"
        "– Regionen räknar larm per natt. Men vi räknar minuter.\n"
        "– Tåget stannar vid stationen.",
    )
    speakers = [(u.features.speaker.name, u.features.speaker.role) for u in walked[2:]]
    assert speakers == [("Anna Berg", "kso")] * 4
    assert walked[1].features.speaker.role == "regional_official", "outside quotes it speaks"
    # A new speaker with a verb of speech still takes over.
    walked = walk_article(
        None,
        "– Det här är ett svek, säger kommunalrådet Per Ek (S) i Laxå.\n"
        "– Vi har inga pengar, säger regionrådet Eva Holm (M).",
    )
    assert walked[-1].features.speaker.role == "regional_politician"


def test_a_known_surname_after_the_verb_outweighs_what_follows_it() -> None:
    walked = walk_article(
        None,
        "– Det är fel, säger Ingela Strand (M), kommunstyrelsens ordförande i Eksjö.\n"
        "”Beslutet är fel i sak”, skriver Strand i ett brev som kommunen skickade till regionen.\n"
        "– Om vården flyttas flyttar folk, säger en undersköterska som inte vill framträda.",
    )
    got = [(u.features.speaker.name, u.features.speaker.role) for u in walked]
    assert got[1] == ("Ingela Strand", "kso"), "not 'kommunen' of the trailing clause"
    assert got[2] == (None, "citizen"), "an unnamed speaker does not continue the KSO's quote"


def test_a_pronoun_does_not_take_a_person_of_the_other_gender() -> None:
    walked = walk_article(
        None,
        "– RUS:en är inte skriven för oss, säger Daniel Ek (M), oppositionsråd i Tierp.\n"
        "Karin Berg (C), kommunalråd, håller med.\n"
        "– Det är fel, säger hon.\n"
        "– Vi ger oss inte, säger han.\n"
        "Regionen svarar.\n"
        "– Vi lyssnar, säger hon.",
    )
    got = [(u.features.speaker.name, u.features.speaker.role) for u in walked]
    assert got[2] == ("Karin Berg", "kommunalrad")
    assert got[3] == ("Daniel Ek", "oppositionsrad"), "'han' skips the woman named last"
    # "hon" after the region spoke: Karin Berg is the only woman named, so it is she.
    assert got[5] == ("Karin Berg", "kommunalrad")
    walked = walk_article(
        None,
        "– Det är fel, säger Daniel Ek (M), oppositionsråd i Tierp.\n– Vi lyssnar, säger hon.",
    )
    sp = walked[-1].features.speaker
    assert sp.name is None and sp.role is None, "an unnamed woman, not Daniel Ek"


def test_named_subjects_and_indirect_speech_keep_their_speaker() -> None:
    walked = walk_article(
        None,
        "– Strategin är skriven för Örebro, säger kommunstyrelsens ordförande Per-Olof Grahn (M).\n"
        "Per-Olof Grahn säger att han gärna deltar i samtal.\n"
        "Lena Sjöberg (KD), kommunalråd, säger att majoriteten har tagit till sig av kritiken.\n"
        "– Vi förstår att det väcker känslor, säger hon.",
    )
    got = [(u.features.speaker.name, u.features.speaker.role) for u in walked]
    assert got[1] == ("Per-Olof Grahn", "kso"), "a known full name as subject"
    # "…, säger att majoriteten …": the speaker stands before the verb, not after it.
    assert got[2:] == [("Lena Sjöberg", "kommunalrad")] * 2


def test_a_quote_after_an_introduction_is_the_introduced_persons() -> None:
    walked = walk_article(
        None,
        "– Det är ett svek, säger Anna Berg (C), kommunstyrelsens ordförande i Laxå.\n"
        "Men enligt oppositionsrådet Daniel Ek (M) håller inte argumentet.\n"
        "– Tåget stannar vid stationen.\n"
        "Regionen har inte svarat.\n"
        "– Vi ger oss inte.\n"
        "Länstrafiken Örebro säger att förslaget utreds.\n"
        "– Inget är beslutat, säger Henrik Malmsten, trafikplanerare.\n"
        "På Region Örebro län säger Malin Forsgren, enhetschef för regional utveckling, att "
        "hon är förvånad.",
    )
    got = {u.text: (u.features.speaker.name, u.features.speaker.role) for u in walked}
    assert got["– Tåget stannar vid stationen."] == ("Daniel Ek", "oppositionsrad")
    # An institution named in between does not take over the quote; the quote goes on.
    assert got["– Vi ger oss inte."] == ("Daniel Ek", "oppositionsrad")
    # The transit company just named is the employer of the speaker who has no workplace.
    assert got["– Inget är beslutat, säger Henrik Malmsten, trafikplanerare."] == (
        "Henrik Malmsten",
        "regional_official",
    )
    assert got[walked[-1].text] == ("Malin Forsgren", "regional_official")


def test_default_model_is_the_trained_one() -> None:
    model = load_model(None)
    assert model.name.startswith("linear-ngram-")
    assert load_model("provisional-keywords").name == "provisional-keywords-v0"
    preds = model.predict(
        [
            "– Vi kommer aldrig att acceptera att Länstrafiken lägger ned linje 705, det är ett svek mot Laxå.",
            "Nytt konstgräs på idrottsplatsen.",
        ],
        ["säger Karin Åström (C), kommunstyrelsens ordförande i Laxå.", None],
    )
    assert (
        preds[0].conflict == 1
        and preds[0].actor_role == "kso"
        and preds[0].municipality_code == "1860"
    )
    assert preds[1].conflict == 0
    assert any(e.startswith(("w:", "c:", "f:")) for e in preds[0].evidence)


def test_pipeline_stores_evidence(tmp_path: Path, db_path: Path, fixture_site) -> None:
    site = fixture_site("lokalbladet")
    sources = write_sources(tmp_path / "sources.toml", {"lokalbladet": site})
    assert (
        run_cli("crawl", "--db", str(db_path), "--sources", str(sources), "--fast").returncode == 0
    )
    result = run_cli("classify", "--db", str(db_path))
    assert result.returncode == 0, result.stderr
    conn = sqlite3.connect(db_path)
    conn.row_factory = sqlite3.Row
    flagged = conn.execute("select * from statements where conflict = 1").fetchall()
    assert flagged
    svek = next(r for r in flagged if "svek" in r["text"])
    assert svek["speaker"] == "Karin Åström" and svek["speaker_party"] == "C"
    assert svek["actor_role"] == "kso" and svek["municipality_code"] == "1860"
    assert svek["quote_kind"] == "pratminus" and svek["region_lan_code"] == "18"
    ev = json.loads(svek["evidence"])
    assert ev["model"].startswith("linear-ngram") and ev["gate"]["passed"] is True
    assert ev["drivers"] and ev["speaker"]["name"] == "Karin Åström"
    # The regional politician's defence is never flagged, whatever the model thinks.
    holm = conn.execute("select * from statements where speaker = 'Per Holm'").fetchall()
    assert holm and all(r["conflict"] == 0 for r in holm)


def test_train_is_deterministic_and_takes_reviews(tmp_path: Path, db_path: Path) -> None:
    train = tmp_path / "train.jsonl"
    rows = [
        json.loads(x)
        for x in (Path("data/labelled/train.jsonl")).read_text(encoding="utf-8").splitlines()
    ]
    train.write_text(
        "\n".join(json.dumps(r, ensure_ascii=False) for r in rows[:200]), encoding="utf-8"
    )
    # A database with one reviewed statement (the reviews table as the Datasette area creates it).
    db = open_db(db_path)
    db["sources"].insert({"id": "s", "name": "S", "homepage": "http://x/", "lan": "18"}, alter=True)
    db["articles"].insert(
        {"id": 1, "source_id": "s", "url": "http://x/1", "title": "t"}, alter=True
    )
    db["statements"].insert(
        {"id": 7, "article_id": 1, "position": 0, "text": "Kommunen sviker oss.", "conflict": 1},
        alter=True,
    )
    db["reviews"].insert(
        {
            "statement_id": 7,
            "verdict": "incorrect",
            "comment": "citizen",
            "reviewer": "r",
            "at": "2026-01-01",
        },
        alter=True,
    )
    db.close()
    outs = []
    for k in range(2):
        out = tmp_path / f"m{k}.joblib"
        res = run_cli(
            "train", "--train-file", str(train), "--out", str(out), "--reviews-from", str(db_path)
        )
        assert res.returncode == 0, res.stderr[-2000:]
        assert "1 reviews" in res.stdout
        outs.append(load_model(str(out)))
    probe = [r["text"] for r in rows[200:260]]
    a, b = (m.predict(probe) for m in outs)
    assert [(p.conflict, p.score) for p in a] == [(p.conflict, p.score) for p in b]
    # Two runs in two processes (different hash seeds) write the same bytes.
    assert (tmp_path / "m0.joblib").read_bytes() == (tmp_path / "m1.joblib").read_bytes()


def test_train_bad_file(tmp_path: Path) -> None:
    bad = tmp_path / "bad.jsonl"
    bad.write_text('{"id": 1, "text": "x", "conflict": 1}\n{nope\n', encoding="utf-8")
    res = run_cli("train", "--train-file", str(bad), "--out", str(tmp_path / "m.joblib"))
    assert res.returncode == 2 and "bad.jsonl:2: invalid JSON" in res.stderr
    assert not (tmp_path / "m.joblib").exists()


def test_evaluate_writes_model_card(tmp_path: Path) -> None:
    card = tmp_path / "card.md"
    res = run_cli("evaluate", "--card", str(card))
    assert res.returncode == 0, res.stderr[-2000:]
    text = card.read_text(encoding="utf-8")
    assert "provisional-keywords-v0" in text and "Confusion matrix" in text
    assert "`keyword-search-v0` F1 (P/R)" in text, "the looser search is the second baseline"
    assert "Per actor role" in text and "real and adapted" in text
    assert "| 95 % interval |" in text and "bootstrap over the test split's pages" in text
    assert "## Attribution on its own" in text and "| kso |" in text


def test_attribution_scores_per_role() -> None:
    """Role and municipality accuracy per labelled role; a missing municipality is wrong."""
    from classify.evaluate import attribution_scores
    from classify.models.base import Prediction

    rows = [
        {"actor_role": "kso", "municipality": "Laxå"},
        {"actor_role": "kso", "municipality": "Orust"},
        {"actor_role": "kso", "municipality": "Aneby"},
        {"actor_role": "regional_politician", "municipality": ""},
        {"actor_role": "journalist", "municipality": ""},
    ]
    preds = [
        Prediction(0, 0.0, actor_role="kso", municipality="Laxå kommun"),
        Prediction(0, 0.0, actor_role="kso", municipality="Göteborg"),  # spoken about
        Prediction(0, 0.0, actor_role="municipality", municipality=None),
        Prediction(0, 0.0, actor_role="regional_politician"),
        Prediction(0, 0.0, actor_role=None),
    ]
    got = attribution_scores(rows, preds)
    kso = got["attribution"]["kso"]
    assert (kso["n"], kso["role_right"], kso["municipality_n"], kso["municipality_right"]) == (
        3,
        2,
        3,
        1,
    )
    assert got["attribution"]["regional_politician"]["municipality_accuracy"] is None
    assert got["attribution"]["journalist"]["role_accuracy"] == 0.0
    assert got["municipality_accuracy"] == pytest.approx(1 / 3) and got["municipality_rows"] == 3


def test_keyword_baselines() -> None:
    quote = "– Det är ett svek att Länstrafiken drar in linjen, säger hon."
    rule, search = load_model("provisional-keywords"), load_model("keyword-search")
    assert search.name == "keyword-search-v0"
    # The search finds a target and a rejection word; the rule also wants a municipal word.
    assert [p.conflict for p in search.predict([quote, "Länstrafiken har ny tidtabell."])] == [1, 0]
    assert rule.predict([quote])[0].conflict == 0
    assert rule.predict([quote], ["säger kommunalrådet i Laxå."])[0].conflict == 1


def test_f1_interval_draws_pages() -> None:
    from classify.evaluate import f1_interval, prf

    y = [1, 1, 0, 1, 0, 0, 1, 0, 1, 1]
    p = [1, 0, 0, 1, 1, 0, 1, 0, 0, 1]
    pages = [f"p{i}" for i in range(10)]
    point = prf(y, p)["f1"]
    low, high = f1_interval(y, p, pages)
    assert low < point < high and (low, high) == f1_interval(y, p, pages), "seeded"
    # Ten times the pages: the same F1, a narrower interval.
    wide = f1_interval(y * 10, p * 10, [f"{g}-{k}" for k in range(10) for g in pages])
    assert high - low > wide[1] - wide[0] > 0
    # Sentences of one page move together: one page is always drawn whole.
    assert f1_interval(y, p, ["one"] * 10) == pytest.approx((point, point))
    assert f1_interval([1, 1, 0], [1, 1, 0], ["a", "b", "b"]) == (1.0, 1.0)


def test_bad_input_lines_including_non_swedish() -> None:
    assert not looks_swedish("The region cut the bus line and the municipality is angry about it.")
    assert not looks_swedish("Der Bus fährt nicht mehr, und die Gemeinde ist nicht froh.")
    assert looks_swedish("Vi tycker inte att linjen ska bort")
    lines = [
        json.dumps(
            {"id": 1, "text": "The region cut the bus line and the council is angry about it."}
        ),
        json.dumps({"id": 2, "text": "x" * 100_000}),
        "[1, 2]",
        json.dumps(
            {"id": 4, "text": "Kommunen säger nej till RUS.", "context": 5}, ensure_ascii=False
        ),
        json.dumps({"id": 5, "text": "Kommunen säger nej till RUS."}, ensure_ascii=False),
    ]
    res = run_cli("classify-text", input="\n".join(lines) + "\n")
    out = [json.loads(x) for x in res.stdout.splitlines()]
    assert res.returncode == 0 and len(out) == 5
    assert out[0]["id"] == 1
    assert out[0]["error"].startswith("text does not look Swedish (not classified): ")
    assert "too long" in out[1]["error"]
    assert out[2]["error"] == "each line must be a JSON object"
    assert out[3]["error"] == "field context must be a string"
    assert "conflict" in out[4]


@pytest.mark.parametrize(
    "text,topic",
    [
        ("Vi accepterar inte att ambulansen flyttas från Vänersborg.", "other_regional"),
        ("Akutsjukhuset i Sollefteå måste vara kvar.", "other_regional"),
        ("Rör inte våra tandkliniker i Storfors.", "other_regional"),
        ("Nedläggningen av NU-sjukvårdens mottagning är fel.", "other_regional"),
        ("Direktbussarna till Göteborg dras in.", "transit"),
        ("Morgontåget ska senareläggas en halvtimme.", "transit"),
        ("Förslaget är en försämring av trafikutbudet.", "transit"),
        # Home care (hemsjukvård) is the municipality's own: not a regional target.
        ("Kommunens hemsjukvård behöver fler sköterskor.", "none"),
    ],
)
def test_regional_health_and_transit_compounds_are_targets(text: str, topic: str) -> None:
    assert statement_features(text).topic == topic


def test_classified_text_reads_the_lead_first() -> None:
    from db.store import classified_text

    lead = "Kommunledningen i Laxå kallar beslutet ett svek."
    body = "Beslutet fattades i september.\nSista bussen går 18.10."
    assert classified_text(lead, body) == f"{lead}\n{body}"
    assert classified_text(lead, f"Beslutet fattades i september. {lead}") == (
        f"Beslutet fattades i september. {lead}"
    ), "a lead the body repeats is read once"
    cut = "Beslutet fattades i september. Sista bussen…"
    assert classified_text(cut, body) == body, "a description cut from the first paragraph"
    assert classified_text(f"  {lead} ", None) == lead, "a paywalled article: its teaser"
    assert classified_text(None, body) == body and classified_text("", body) == body
    assert classified_text(None, None) is None


def test_a_target_taken_from_the_lead_brings_its_state_actor() -> None:
    lead = "Tung trafik och ökande pendling. Nu kräver kommunen att Trafikverket agerar."
    units = walk_article(
        "Kommunen kräver åtgärder", f"{lead}\n– Det är inte acceptabelt, säger Norrman."
    )
    quote = units[-1].features
    assert [t.in_context for t in quote.targets] == [True], "the lead's target is inherited"
    assert quote.context_state, "with the lead's state actor"
    from classify.linear import passes_gate

    assert not passes_gate(quote, "strict")
    # A lead that names no state actor lends its target, and the gate passes.
    units = walk_article(
        "Kommunen kräver åtgärder",
        "Länstrafiken drar in linje 705. Kommunen protesterar.\n"
        "– Det är inte acceptabelt, säger kommunstyrelsens ordförande Eva Ek (S).",
    )
    assert passes_gate(units[-1].features, "strict")


def test_role_head_learns_who_speaks_where_the_rules_find_no_one() -> None:
    """The linear model's role head: chosen by out-of-fold accuracy, used for statements
    alone, never in whole articles (the walk's attribution is kept there)."""
    from classify.models.linear import train_linear

    places = ["Laxå", "Askersund", "Hallsberg", "Kumla", "Lekeberg", "Nora", "Lindesberg"]
    rows = []
    for i in range(70):
        place = places[i % len(places)]
        if i % 2:
            text = f"Regionstyrelsen beslutade i veckan att dra in linje {100 + i} till {place}."
            role = "regional_politician"
        else:
            text = f"Vårdcentralen i {place} får nya öppettider från vecka {i % 52 + 1}."
            role = "journalist"
        rows.append(
            {
                "id": f"x{i}",
                "text": text,
                "context": f"Nyheter från {places[i % 7]} och länet.",
                "conflict": 0,
                "topic": "transit" if i % 2 else "other_regional",
                "actor_role": role,
                "kind": "neg_neutral_news",
                "origin": "real",
                "source_url": f"http://example.org/{i // 2}",
            }
        )
    for i in range(12):
        rows.append(
            {
                "id": f"p{i}",
                "text": f"– Det är ett svek mot {places[i % 7]}, säger kommunstyrelsens "
                f"ordförande i {places[i % 7]} om Länstrafikens beslut att dra in linje {i}.",
                "context": f"Nyheter från {places[i % 7]} och länet.",
                "conflict": 1,
                "topic": "transit",
                "actor_role": "kso",
                "kind": "positive_transit",
                "origin": "real",
                "source_url": f"http://example.org/p{i}",
            }
        )
    model, info = train_linear(rows, folds=3)
    assert info["role_source"] in ("head", "rule_then_head")
    acc = json.loads(info["role_accuracy_out_of_fold"])
    assert acc[info["role_source"]] > acc["rule"]
    text = "Regionstyrelsen beslutade i går att dra in linje 999 till Örebro."
    assert model.predict([text])[0].actor_role == "regional_politician"
    feats = [statement_features(text)]
    article = model.predict_features([text], feats, [None], article=True)[0]
    assert article.actor_role != "regional_politician", "articles keep the rules' reading"
