#!/usr/bin/env python3
"""Build the bundled demo sites (fictional Swedish local newspapers).

Run from anywhere:  python3 demo/sites/_build.py

Writes, next to this file:
  <site_id>/index.html, robots.txt, rss.xml, site.toml, admin/index.html,
  artikel/<slug>.html  (one per article)
  ANSWERS.md, ANSWERS.json  (the answer key)

All people are invented. Absolute links use the token __BASE_URL__, which
demo/server.py replaces with the site's own address when serving.
"""

from __future__ import annotations

import html
import json
import shutil
from datetime import datetime
from email.utils import format_datetime
from pathlib import Path
from xml.sax.saxutils import escape as xml_escape
from zoneinfo import ZoneInfo

HERE = Path(__file__).resolve().parent
TZ = ZoneInfo("Europe/Stockholm")  # +02:00 until 25 October 2026, +01:00 after
BANNER = "Fiktiv tidning – demomaterial för bevakning. Personer och händelser är påhittade."

SITES = {
    "bergslagsbladet": dict(
        name="Bergslagsbladet",
        tagline="Nyheter från Laxå, Hallsberg, Askersund och Ljusnarsberg",
        lan="18",
        lan_name="Örebro län",
        municipalities=["Laxå", "Hallsberg", "Askersund", "Ljusnarsberg", "Kumla"],
        color="#7a1f1f",
        editor="Gunilla Sandström",
        address="Storgatan 12, 695 30 Laxå (fiktiv adress)",
        group="Lokalmedia Mitt",
    ),
    "hoglandsposten": dict(
        name="Höglandsposten",
        tagline="Nyheter från Eksjö, Nässjö, Sävsjö, Aneby och Tranås",
        lan="06",
        lan_name="Jönköpings län",
        municipalities=["Eksjö", "Nässjö", "Sävsjö", "Aneby", "Tranås"],
        color="#1f4f7a",
        editor="Henrik Almgren",
        address="Norra Storgatan 7, 575 31 Eksjö (fiktiv adress)",
        group="Lokalmedia Mitt",
    ),
    "kustnytt": dict(
        name="Kustnytt",
        tagline="Nyheter från Östhammar, Tierp och Älvkarleby",
        lan="03",
        lan_name="Uppsala län",
        municipalities=["Östhammar", "Tierp", "Älvkarleby"],
        color="#1f6b5a",
        editor="Annika Westerlund",
        address="Hamngatan 3, 742 31 Östhammar (fiktiv adress)",
        group="Kustmedia",
    ),
}

ARTICLES: list[dict] = []


def L(text, conflict, topic, role, municipality, speaker):
    """One labelled statement. `text` must occur verbatim in the article."""
    return dict(
        text=text,
        conflict=conflict,
        topic=topic,
        actor_role=role,
        municipality=municipality,
        speaker=speaker,
    )


def A(
    site,
    slug,
    date,
    author,
    section,
    place,
    title,
    ingress,
    body,
    kind,
    summary,
    labels,
    neg_kind=None,
    syndicated_with=None,
    note=None,
):
    ARTICLES.append(
        dict(
            site=site,
            slug=slug,
            date=date,
            author=author,
            section=section,
            place=place,
            title=title,
            ingress=ingress,
            body=body,
            kind=kind,
            summary=summary,
            labels=labels,
            neg_kind=neg_kind,
            syndicated_with=syndicated_with,
            note=note,
        )
    )


# ======================================================================
# Bergslagsbladet – Örebro län (Region Örebro län, Länstrafiken Örebro)
# ======================================================================

A(
    "bergslagsbladet",
    "laxa-rasar-mot-indragna-kvallsturer",
    "2026-10-06T07:45",
    "Lena Öberg",
    "Nyheter",
    "Laxå",
    "Laxå rasar mot indragna kvällsturer",
    "Länstrafiken Örebro drar in samtliga kvällsturer på linje 702 mellan Laxå och Hallsberg från och med december. Kommunledningen i Laxå kallar beslutet ett svek och kräver att regionen river upp det.",
    [
        "Beslutet fattades av Region Örebro läns trafiknämnd i slutet av september och innebär att den sista bussen från Hallsberg mot Laxå går redan 18.10 på vardagar. I dag går den sista turen 22.40.",
        "Enligt Länstrafiken Örebro reser i genomsnitt färre än sex personer per kvällstur, och besparingen beräknas till drygt 2,1 miljoner kronor om året.",
        "– Det här är ett svek mot landsbygden, säger Anna Lindqvist (C), kommunstyrelsens ordförande i Laxå.",
        "Hon menar att regionen bara räknar resenärer och inte ser vilka som drabbas.",
        "– Det är undersköterskor som slutar sent, det är gymnasieungdomar som tränar i Hallsberg och det är äldre som inte har bil. Vi kommer inte att acceptera att regionen drar in kvällsturerna utan att ens ha pratat med oss, säger Lindqvist.",
        "## Kräver nytt beslut",
        "Kommunstyrelsen i Laxå beslutade i måndags att skicka en skrivelse till Region Örebro län. Kommunen kräver att regionen river upp beslutet och tar fram ett nytt underlag tillsammans med de berörda kommunerna.",
        "Även oppositionen i Laxå står bakom kravet.",
        "– Här finns ingen partipolitik. Linje 702 är en livlina för Laxå och regionen har fattat ett felaktigt beslut, säger Göran Hedström (S), oppositionsråd i Laxå.",
        "Jonas Bergkvist (S), regionråd med ansvar för kollektivtrafiken, försvarar neddragningen.",
        "– Vi har ett ansträngt läge i budgeten och måste lägga pengarna där resenärerna finns. Men vi för gärna en dialog med Laxå om alternativ som anropsstyrd trafik, säger han.",
        "Länstrafiken Örebro uppger att den nya tidtabellen börjar gälla den 13 december. Fram till dess ska bolaget informera resenärerna på hållplatserna och i appen.",
        "Anna Lindqvist säger att kommunen nu också undersöker om den egna färdtjänsten tillfälligt kan täcka en del av behovet för de äldre som drabbas hårdast.",
    ],
    "positive",
    "Länstrafiken Örebro drar in kvällsturerna på linje 702 Laxå–Hallsberg; Laxås KSO och oppositionsråd kräver att regionen river upp beslutet; regionrådet försvarar.",
    [
        L(
            "Laxå rasar mot indragna kvällsturer",
            1,
            "transit",
            "municipality",
            "Laxå",
            "(rubrik) kommunledningen i Laxå",
        ),
        L(
            "Kommunledningen i Laxå kallar beslutet ett svek och kräver att regionen river upp det.",
            1,
            "transit",
            "municipality",
            "Laxå",
            "kommunledningen i Laxå (journalistens referat)",
        ),
        L("Det här är ett svek mot landsbygden", 1, "transit", "kso", "Laxå", "Anna Lindqvist (C)"),
        L(
            "Hon menar att regionen bara räknar resenärer och inte ser vilka som drabbas.",
            1,
            "transit",
            "kso",
            "Laxå",
            "Anna Lindqvist (C) (referat, ”hon”)",
        ),
        L(
            "Det är undersköterskor som slutar sent, det är gymnasieungdomar som tränar i Hallsberg och det är äldre som inte har bil. Vi kommer inte att acceptera att regionen drar in kvällsturerna utan att ens ha pratat med oss",
            1,
            "transit",
            "kso",
            "Laxå",
            "Anna Lindqvist (C)",
        ),
        L(
            "Kommunen kräver att regionen river upp beslutet och tar fram ett nytt underlag tillsammans med de berörda kommunerna.",
            1,
            "transit",
            "municipality",
            "Laxå",
            "Laxå kommun (journalistens referat)",
        ),
        L(
            "Även oppositionen i Laxå står bakom kravet.",
            1,
            "transit",
            "municipal_politician",
            "Laxå",
            "oppositionen i Laxå (journalistens referat)",
        ),
        L(
            "Här finns ingen partipolitik. Linje 702 är en livlina för Laxå och regionen har fattat ett felaktigt beslut",
            1,
            "transit",
            "oppositionsrad",
            "Laxå",
            "Göran Hedström (S)",
        ),
        L(
            "Vi har ett ansträngt läge i budgeten och måste lägga pengarna där resenärerna finns. Men vi för gärna en dialog med Laxå om alternativ som anropsstyrd trafik",
            0,
            "transit",
            "regional_politician",
            "",
            "Jonas Bergkvist (S), regionråd",
        ),
    ],
)

A(
    "bergslagsbladet",
    "moderaterna-i-regionen-kritiserar-trafikplanen",
    "2026-10-08T14:20",
    "Tobias Rask",
    "Nyheter",
    "Örebro län",
    "M i regionen: Trafikplanen slår mot pendlarna",
    "Moderaterna i Region Örebro län riktar skarp kritik mot den nya trafikförsörjningsplanen. Den styrande majoriteten menar att planen är nödvändig för att få ekonomin i balans.",
    [
        "Trafikförsörjningsplanen, som ska gälla från 2027, pekar ut vilka stråk som ska prioriteras i länets kollektivtrafik. Flera mindre linjer föreslås få färre avgångar, samtidigt som trafiken på de stora pendlingsstråken mot Örebro förstärks.",
        "– Det är en plan skriven för Örebro stad. Pendlarna i resten av länet får betala priset, säger Karin Dahlgren (M), oppositionsregionråd i Region Örebro län.",
        "Hon anser att majoriteten har underskattat hur många som är beroende av bussen för att ta sig till jobbet.",
        "– Man kan inte bara titta på antalet påstigande per tur. Man måste också fråga sig vad som händer med en ort när bussen försvinner, säger Dahlgren.",
        "Regionrådet Jonas Bergkvist (S), som leder arbetet med kollektivtrafiken, tillbakavisar kritiken.",
        "– Vi lägger mer pengar på kollektivtrafik än någonsin. Men vi måste köra bussarna där människor faktiskt reser, och det gör vi nu, säger han.",
        "Han påpekar att planen har varit ute på remiss och att kommunerna har haft möjlighet att lämna synpunkter.",
        "– Vi har fått in många bra svar och vi har ändrat i planen på flera punkter. Det här är inte slutet på dialogen, säger Bergkvist.",
        "## Beslut i december",
        "Trafikförsörjningsplanen ska behandlas i regionfullmäktige den 8 december. Moderaterna har aviserat att de kommer att yrka återremiss.",
        "Enligt Länstrafiken Örebro görs i dag omkring 20 miljoner resor per år i länets kollektivtrafik. Andelen resor som görs på de tio största linjerna har ökat under flera år.",
        "Karin Dahlgren säger att Moderaterna i stället vill satsa mer på anropsstyrd trafik i glesbygden och på infartsparkeringar vid de större hållplatserna.",
        "– Vi vill att hela länet ska kunna leva, inte bara centralorten, säger hon.",
    ],
    "negative",
    "Oppositionsregionrådet (M) kritiserar regionens trafikförsörjningsplan; regionrådet (S) försvarar den. Inga kommunala aktörer.",
    [
        L(
            "M i regionen: Trafikplanen slår mot pendlarna",
            0,
            "transit",
            "regional_politician",
            "",
            "(rubrik) Moderaterna i regionen",
        ),
        L(
            "Det är en plan skriven för Örebro stad. Pendlarna i resten av länet får betala priset",
            0,
            "transit",
            "regional_politician",
            "",
            "Karin Dahlgren (M), oppositionsregionråd",
        ),
        L(
            "Man kan inte bara titta på antalet påstigande per tur. Man måste också fråga sig vad som händer med en ort när bussen försvinner",
            0,
            "transit",
            "regional_politician",
            "",
            "Karin Dahlgren (M), oppositionsregionråd",
        ),
        L(
            "Vi lägger mer pengar på kollektivtrafik än någonsin. Men vi måste köra bussarna där människor faktiskt reser, och det gör vi nu",
            0,
            "transit",
            "regional_politician",
            "",
            "Jonas Bergkvist (S), regionråd",
        ),
    ],
    neg_kind="regional_politician",
)

A(
    "bergslagsbladet",
    "askersund-rus-inte-relevant",
    "2026-10-13T06:30",
    "Hanna Wester",
    "Nyheter",
    "Askersund",
    "Askersund sågar regionens strategi: ”Inte relevant för oss”",
    "Askersunds kommun tänker inte rätta sig efter Region Örebro läns nya utvecklingsstrategi. I sitt remissvar skriver kommunen att strategin saknar förankring i de mindre kommunernas verklighet.",
    [
        "Regional utvecklingsstrategi för Örebro län, RUS, ska peka ut riktningen för länets utveckling fram till 2040. Strategin lyfter bland annat fram kompetensförsörjning, hållbara transporter och en tydligare tillväxtroll för Örebro som länets motor.",
        "Det sistnämnda är något som kommunledningen i Askersund inte accepterar.",
        "– RUS:en är inte relevant för oss. Den är skriven utifrån Örebros behov och vi känner inte igen Askersund i den, säger Per-Olof Grahn (M), kommunstyrelsens ordförande.",
        "Kommunen arbetar just nu med en ny översiktsplan, där bland annat nya bostadsområden vid Vättern och en utbyggd småbåtshamn finns med.",
        "– Vi följer vår egen översiktsplan. Det är den som fullmäktige har ställt sig bakom och det är den som gäller här, säger Grahn.",
        "## Tar det som passar",
        "Kommunalrådet Lena Sjöberg (KD) är något mer försiktig, men menar att kommunen bara ska ta till sig de delar av strategin som gynnar Askersund.",
        "– Det finns bra skrivningar om besöksnäring och landsbygd. Dem tar vi med oss. Men idén om att alla resurser ska koncentreras till Örebro köper vi inte, säger hon.",
        "På Region Örebro län säger Malin Forsgren, enhetschef för regional utveckling, att hon är förvånad över tonen i remissvaret.",
        "– Strategin är ett gemensamt dokument för hela länet och kommunerna har varit med och tagit fram den. Vi kommer att gå igenom alla remissvar noggrant, säger hon.",
        "Remisstiden gick ut den 9 oktober. Enligt regionen har samtliga tolv kommuner i länet svarat. Strategin väntas antas av regionfullmäktige i februari.",
        "Per-Olof Grahn säger att han gärna deltar i fortsatta samtal, men att Askersund inte kommer att ändra sina planer.",
        "– Regionen får gärna ha sina visioner. Vi har våra, säger han.",
    ],
    "positive",
    "Askersunds KSO avfärdar Region Örebro läns RUS som irrelevant och sätter kommunens egen översiktsplan först; kommunalrådet tar bara de delar som passar.",
    [
        L(
            "Askersund sågar regionens strategi: ”Inte relevant för oss”",
            1,
            "rus",
            "municipality",
            "Askersund",
            "(rubrik) Askersunds kommun",
        ),
        L(
            "Askersunds kommun tänker inte rätta sig efter Region Örebro läns nya utvecklingsstrategi.",
            1,
            "rus",
            "municipality",
            "Askersund",
            "Askersunds kommun (journalistens referat)",
        ),
        L(
            "I sitt remissvar skriver kommunen att strategin saknar förankring i de mindre kommunernas verklighet.",
            1,
            "rus",
            "municipality",
            "Askersund",
            "Askersunds kommun (remissvar, referat)",
        ),
        L(
            "Det sistnämnda är något som kommunledningen i Askersund inte accepterar.",
            1,
            "rus",
            "municipality",
            "Askersund",
            "kommunledningen i Askersund (journalistens referat)",
        ),
        L(
            "RUS:en är inte relevant för oss. Den är skriven utifrån Örebros behov och vi känner inte igen Askersund i den",
            1,
            "rus",
            "kso",
            "Askersund",
            "Per-Olof Grahn (M)",
        ),
        L(
            "Vi följer vår egen översiktsplan. Det är den som fullmäktige har ställt sig bakom och det är den som gäller här",
            1,
            "rus",
            "kso",
            "Askersund",
            "Per-Olof Grahn (M)",
        ),
        L(
            "Kommunalrådet Lena Sjöberg (KD) är något mer försiktig, men menar att kommunen bara ska ta till sig de delar av strategin som gynnar Askersund.",
            1,
            "rus",
            "kommunalrad",
            "Askersund",
            "Lena Sjöberg (KD) (referat)",
        ),
        L(
            "Det finns bra skrivningar om besöksnäring och landsbygd. Dem tar vi med oss. Men idén om att alla resurser ska koncentreras till Örebro köper vi inte",
            1,
            "rus",
            "kommunalrad",
            "Askersund",
            "Lena Sjöberg (KD)",
        ),
        L(
            "Strategin är ett gemensamt dokument för hela länet och kommunerna har varit med och tagit fram den. Vi kommer att gå igenom alla remissvar noggrant",
            0,
            "rus",
            "regional_official",
            "",
            "Malin Forsgren, Region Örebro län",
        ),
        L(
            "Per-Olof Grahn säger att han gärna deltar i fortsatta samtal, men att Askersund inte kommer att ändra sina planer.",
            1,
            "rus",
            "kso",
            "Askersund",
            "Per-Olof Grahn (M) (referat)",
        ),
        L(
            "Regionen får gärna ha sina visioner. Vi har våra",
            1,
            "rus",
            "kso",
            "Askersund",
            "Per-Olof Grahn (M)",
        ),
    ],
)

A(
    "bergslagsbladet",
    "insandare-ge-oss-bussen-tillbaka",
    "2026-10-15T10:00",
    "Insändare",
    "Åsikter",
    "Åmmeberg",
    "Insändare: Ge oss tillbaka bussen till Åmmeberg",
    "Sedan Länstrafiken Örebro glesade ut turerna är det nästan omöjligt att ta sig från Åmmeberg utan bil, skriver en pensionär i veckans insändare.",
    [
        "Jag har bott i Åmmeberg i snart fyrtio år. När jag flyttade hit gick bussen till Askersund varje timme, och man kunde ta sig till Örebro över dagen utan att planera veckor i förväg.",
        "I dag går det tre turer om dagen. Den sista bussen hem går tio i fem. Den som har en tid på lasarettet i Örebro efter lunch får helt enkelt ordna skjuts själv.",
        "Region Örebro län säger att det handlar om att pengarna ska räcka. Jag förstår att det finns en budget. Men jag förstår inte varför det alltid är vi som bor utanför centralorterna som ska stå för besparingarna.",
        "Länstrafiken Örebro skriver på sin webbplats att kollektivtrafiken ska vara ”ett attraktivt alternativ till bilen”. För oss i Åmmeberg är den inte ett alternativ över huvud taget.",
        "Jag vill att regionens politiker kommer hit och åker bussen en vanlig tisdag. Då ska de få se hur det ser ut. Vi är några stycken som står vid hållplatsen, och de flesta av oss är över sjuttio.",
        "Regionen har ansvaret för kollektivtrafiken i länet. Det är dags att den tar det ansvaret också för oss som bor vid Vättern och inte bara för dem som bor i Örebro.",
        "Ge oss tillbaka bussen. Det är inte för mycket begärt.",
        "Gunvor Ahlström, Åmmeberg",
        "## Svar från Länstrafiken",
        "Länstrafiken Örebro har fått möjlighet att svara. Trafikplaneraren Henrik Malmsten skriver att turutbudet på linjen anpassades efter resandeunderlaget inför förra årets tidtabellsskifte, och att anropsstyrd trafik finns som komplement i området. ”Vi förstår att förändringen har påverkat resenärerna och vi följer resandet noga”, skriver han.",
    ],
    "negative",
    "Insändare från en pensionär i Åmmeberg som kritiserar Länstrafiken Örebro och regionen; svar från Länstrafiken.",
    [
        L(
            "Men jag förstår inte varför det alltid är vi som bor utanför centralorterna som ska stå för besparingarna.",
            0,
            "transit",
            "citizen",
            "Askersund",
            "Gunvor Ahlström (insändarskribent)",
        ),
        L(
            "Det är dags att den tar det ansvaret också för oss som bor vid Vättern och inte bara för dem som bor i Örebro.",
            0,
            "transit",
            "citizen",
            "Askersund",
            "Gunvor Ahlström (insändarskribent)",
        ),
        L(
            "Vi förstår att förändringen har påverkat resenärerna och vi följer resandet noga",
            0,
            "transit",
            "regional_official",
            "",
            "Henrik Malmsten, Länstrafiken Örebro",
        ),
    ],
    neg_kind="citizen_letter",
)

A(
    "bergslagsbladet",
    "hallsberg-kritiserar-trafikverket-bangarden",
    "2026-10-20T09:10",
    "Erik Malmgren",
    "Nyheter",
    "Hallsberg",
    "Hallsbergs KSO: Trafikverket har glömt bangården",
    "Godstrafiken genom Hallsberg ökar, men Trafikverkets förslag till ny nationell plan skjuter upp upprustningen av rangerbangården i flera år. Kommunledningen är kraftigt kritisk.",
    [
        "Hallsbergs rangerbangård är en av landets viktigaste knutpunkter för godståg. Här sorteras varje dygn hundratals vagnar som ska vidare mot Göteborg, Stockholm och norra Sverige.",
        "I Trafikverkets förslag till nationell transportinfrastrukturplan har den stora upprustningen av bangården flyttats fram till perioden efter 2033.",
        "– Trafikverket har helt enkelt glömt bort Hallsberg. Man pratar om att flytta gods från väg till järnväg, men när det kommer till kritan prioriteras inte den nod som allt gods måste passera, säger Mikael Ståhlberg (S), kommunstyrelsens ordförande i Hallsberg.",
        "Han pekar på att bangården redan i dag har problem med slitna växlar och att förseningar i Hallsberg sprider sig i hela järnvägssystemet.",
        "– Det här är inte en lokal fråga. Det är en nationell fråga, och staten måste ta sitt ansvar, säger han.",
        "## Regionen på samma linje",
        "Region Örebro län har i sitt remissvar på den nationella planen också lyft fram bangården som en av länets viktigaste prioriteringar. Ståhlberg säger att samarbetet med regionen fungerar bra i frågan.",
        "– Här står kommunen och regionen sida vid sida. Vi har samma bild och driver frågan gemensamt mot departementet, säger han.",
        "Trafikverket skriver i en kommentar att myndigheten har tvingats göra svåra prioriteringar.",
        "– Vi har ett stort behov av underhåll i hela landet och ramarna räcker inte till allt. Hallsberg är viktigt, men andra objekt har bedömts ha större samhällsnytta i närtid, säger Annika Lövgren, planeringschef på Trafikverket.",
        "Remisstiden för den nationella planen går ut i november och regeringen väntas fatta beslut under våren.",
        "Mikael Ståhlberg säger att kommunen kommer att bjuda in infrastrukturministern till Hallsberg.",
        "– Ministern ska få se bangården med egna ögon. Det brukar göra skillnad, säger han.",
    ],
    "negative",
    "Hallsbergs KSO kritiserar Trafikverket och staten för att skjuta upp upprustningen av rangerbangården; säger att kommunen och regionen står sida vid sida.",
    [
        L(
            "Hallsbergs KSO: Trafikverket har glömt bangården",
            0,
            "none",
            "kso",
            "Hallsberg",
            "(rubrik) Mikael Ståhlberg (S)",
        ),
        L(
            "Trafikverket har helt enkelt glömt bort Hallsberg. Man pratar om att flytta gods från väg till järnväg, men när det kommer till kritan prioriteras inte den nod som allt gods måste passera",
            0,
            "none",
            "kso",
            "Hallsberg",
            "Mikael Ståhlberg (S)",
        ),
        L(
            "Det här är inte en lokal fråga. Det är en nationell fråga, och staten måste ta sitt ansvar",
            0,
            "none",
            "kso",
            "Hallsberg",
            "Mikael Ståhlberg (S)",
        ),
        L(
            "Här står kommunen och regionen sida vid sida. Vi har samma bild och driver frågan gemensamt mot departementet",
            0,
            "none",
            "kso",
            "Hallsberg",
            "Mikael Ståhlberg (S)",
        ),
        L(
            "Vi har ett stort behov av underhåll i hela landet och ramarna räcker inte till allt. Hallsberg är viktigt, men andra objekt har bedömts ha större samhällsnytta i närtid",
            0,
            "none",
            "state",
            "",
            "Annika Lövgren, Trafikverket",
        ),
    ],
    neg_kind="municipal_vs_state",
)

A(
    "bergslagsbladet",
    "hallsberg-protesterar-mot-flyttad-hallplats",
    "2026-10-22T11:30",
    "Erik Malmgren",
    "Nyheter",
    "Hallsberg",
    "Kommunen kräver att busshållplatsen vid torget blir kvar",
    "Länstrafiken Örebro vill flytta alla regionbussar från centrum till Hallsbergs resecentrum. Kommunen säger nej och menar att det är kommunens planer för centrum som ska styra.",
    [
        "Förslaget innebär att hållplatsen Hallsberg Torget läggs ner när den nya tidtabellen börjar gälla i december. Bussarna ska i stället vända vid resecentrum, där de kan samordnas bättre med tågen.",
        "Länstrafiken Örebro motiverar beslutet med att restiden blir kortare och att bussarna slipper de trånga gatorna i centrum.",
        "Men kommunen är inte övertygad. I ett yttrande som kommunstyrelsens arbetsutskott antog i tisdags skriver Hallsbergs kommun att flytten ”strider mot kommunens centrumplan och försämrar tillgängligheten för äldre”.",
        "– Det är kommunen som planerar centrum, inte Länstrafiken. Vi har precis lagt miljontals kronor på att göra torget levande igen och då kan inte bussbolaget bestämma att bussarna ska försvinna därifrån, säger Eva Nordgren, kommundirektör i Hallsberg.",
        "Hon säger att kommunen har försökt få till ett möte med Länstrafiken i flera månader.",
        "– Vi har fått beskedet i stället för en dialog. Det är inte så samarbete ska se ut, säger Nordgren.",
        "## Handlarna oroliga",
        "Flera handlare runt torget är oroliga för att kunderna ska bli färre.",
        "– Många av våra kunder är äldre och kommer med bussen. Resecentrum ligger en bra bit bort, säger Sofia Nyberg som driver en klädbutik vid torget.",
        "Kommunstyrelsens ordförande Mikael Ståhlberg (S) ställer sig bakom kraven.",
        "– Vi accepterar inte att hållplatsen försvinner. Kommunen kräver att regionen river upp beslutet innan det börjar gälla, säger han.",
        "Henrik Malmsten, trafikplanerare på Länstrafiken Örebro, säger att bolaget har tagit del av kommunens synpunkter.",
        "– Vi tycker fortfarande att resecentrum är den bästa lösningen för resenärerna som helhet, men vi kommer att träffa kommunen innan något är definitivt, säger han.",
    ],
    "positive",
    "Länstrafiken Örebro vill flytta regionbussarnas hållplats från torget till resecentrum; Hallsbergs kommundirektör och KSO säger nej och hänvisar till kommunens centrumplan.",
    [
        L(
            "Kommunen kräver att busshållplatsen vid torget blir kvar",
            1,
            "transit",
            "municipality",
            "Hallsberg",
            "(rubrik) Hallsbergs kommun",
        ),
        L(
            "Kommunen säger nej och menar att det är kommunens planer för centrum som ska styra.",
            1,
            "transit",
            "municipality",
            "Hallsberg",
            "Hallsbergs kommun (journalistens referat)",
        ),
        L(
            "Men kommunen är inte övertygad.",
            1,
            "transit",
            "municipality",
            "Hallsberg",
            "Hallsbergs kommun (journalistens referat)",
        ),
        L(
            "I ett yttrande som kommunstyrelsens arbetsutskott antog i tisdags skriver Hallsbergs kommun att flytten ”strider mot kommunens centrumplan och försämrar tillgängligheten för äldre”.",
            1,
            "transit",
            "municipality",
            "Hallsberg",
            "Hallsbergs kommun (yttrande)",
        ),
        L(
            "Det är kommunen som planerar centrum, inte Länstrafiken. Vi har precis lagt miljontals kronor på att göra torget levande igen och då kan inte bussbolaget bestämma att bussarna ska försvinna därifrån",
            1,
            "transit",
            "kommundirektor",
            "Hallsberg",
            "Eva Nordgren, kommundirektör",
        ),
        L(
            "Vi har fått beskedet i stället för en dialog. Det är inte så samarbete ska se ut",
            1,
            "transit",
            "kommundirektor",
            "Hallsberg",
            "Eva Nordgren, kommundirektör",
        ),
        L(
            "Många av våra kunder är äldre och kommer med bussen. Resecentrum ligger en bra bit bort",
            0,
            "transit",
            "citizen",
            "Hallsberg",
            "Sofia Nyberg, handlare",
        ),
        L(
            "Kommunstyrelsens ordförande Mikael Ståhlberg (S) ställer sig bakom kraven.",
            1,
            "transit",
            "kso",
            "Hallsberg",
            "Mikael Ståhlberg (S) (referat)",
        ),
        L(
            "Vi accepterar inte att hållplatsen försvinner. Kommunen kräver att regionen river upp beslutet innan det börjar gälla",
            1,
            "transit",
            "kso",
            "Hallsberg",
            "Mikael Ståhlberg (S)",
        ),
        L(
            "Vi tycker fortfarande att resecentrum är den bästa lösningen för resenärerna som helhet, men vi kommer att träffa kommunen innan något är definitivt",
            0,
            "transit",
            "regional_official",
            "",
            "Henrik Malmsten, Länstrafiken Örebro",
        ),
    ],
)

A(
    "bergslagsbladet",
    "askersunds-ik-klart-for-kval",
    "2026-10-28T20:45",
    "Tobias Rask",
    "Sport",
    "Askersund",
    "Drömkväll för Askersunds IK – klart för kval",
    "Askersunds IK vände 0–2 till 3–2 mot Kumla i seriefinalen och är klart för kval till division 2. Matchhjälte blev 19-årige Elias Bodin med två mål.",
    [
        "Det såg länge mörkt ut för hemmalaget på Sjövallen. Kumla tog ledningen redan i den elfte minuten när en hörna nickades in vid bortre stolpen, och strax före paus gjorde gästerna 0–2 på en snabb kontring.",
        "– Vi var inte närvarande i första halvlek. I pausen sa vi till varandra att vi inte hade något att förlora, säger lagkaptenen Oscar Wahlund.",
        "Efter paus var det ett helt annat Askersund som klev ut på planen. I den 56:e minuten reducerade mittfältaren Noah Karlsson med ett distinkt skott från distans, och publiken på drygt 600 personer vaknade till liv.",
        "## Bodin avgjorde",
        "Sedan var det Elias Bodins tur. Först kvitterade han efter ett inlägg från vänsterkanten, och med sex minuter kvar av ordinarie tid avgjorde han matchen när han rundade Kumlas målvakt och rullade in 3–2.",
        "– Det är det största ögonblicket i min karriär hittills. Jag hörde knappt vad som hände efteråt, det var bara kaos, säger Elias Bodin.",
        "Tränaren Johan Friberg var rörd efter matchen.",
        "– Jag är så stolt över killarna. Vi har ett ungt lag och det här visar vad vi kan bli. Nu ska vi njuta i kväll och sedan ladda om inför kvalet, säger han.",
        "Kvalet spelas i två matcher mot tvåan i den närliggande serien. Första matchen spelas på bortaplan nästa söndag och returen på Sjövallen veckan därpå.",
        "Föreningen räknar med fullsatt läktare till returen och ordnar extra korvförsäljning och lotteri för att dra in pengar till ungdomsverksamheten.",
        "– Vi hoppas att hela Askersund kommer och stöttar. Det är tjugo år sedan vi senast var så här nära division 2, säger klubbens ordförande Ulla Berglund.",
    ],
    "negative",
    "Sport: Askersunds IK vinner seriefinalen mot Kumla och går till kval. Ingen regional fråga.",
    [
        L(
            "Vi hoppas att hela Askersund kommer och stöttar. Det är tjugo år sedan vi senast var så här nära division 2",
            0,
            "none",
            "citizen",
            "Askersund",
            "Ulla Berglund, klubbordförande",
        ),
    ],
    neg_kind="unrelated_sports",
)

A(
    "bergslagsbladet",
    "ljusnarsberg-valkomnar-narstrafiken",
    "2026-11-03T08:00",
    "Hanna Wester",
    "Nyheter",
    "Ljusnarsberg",
    "Ljusnarsberg välkomnar regionens nya närtrafik",
    "Från januari kan invånare i Ljusnarsbergs kommun beställa en buss hem till dörren. Kommunledningen är nöjd med Region Örebro läns satsning.",
    [
        "Närtrafiken, som är ett slags anropsstyrd kollektivtrafik, ska köras i hela den norra delen av länet. Resenären ringer eller bokar i en app senast två timmar före avresa och blir hämtad vid sin bostad eller vid en närliggande hållplats.",
        "Satsningen ingår i Region Örebro läns arbete med att förbättra kollektivtrafiken på landsbygden, ett av målen i den regionala utvecklingsstrategin.",
        "– Det här är precis vad vi har efterfrågat. Regionen har lyssnat på oss och jag tycker att det är en bra och genomtänkt lösning, säger Kent Åberg (S), kommunstyrelsens ordförande i Ljusnarsberg.",
        "Han säger att många äldre i byarna runt Kopparberg har haft svårt att ta sig till vårdcentralen och affären.",
        "– Nu får de en möjlighet att klara sig själva utan att behöva be grannen om skjuts. Det betyder mycket för livskvaliteten, säger Åberg.",
        "## Samma pris som bussen",
        "En resa med närtrafiken kostar lika mycket som en vanlig bussresa inom länet, och periodkort gäller.",
        "– Vi vill att det ska vara enkelt. Man ska inte behöva fundera på om det är närtrafik eller linjetrafik, det är samma biljett, säger Henrik Malmsten på Länstrafiken Örebro.",
        "Enligt Länstrafiken kommer trafiken att utvärderas efter ett år. Om den faller väl ut kan den utvidgas till fler delar av länet.",
        "Oppositionsrådet i Ljusnarsberg, Birgitta Fält (L), är också positiv, men efterlyser bättre information till invånarna.",
        "– Det är bra att regionen satsar. Nu gäller det att alla som behöver trafiken faktiskt får veta att den finns, säger hon.",
        "Kommunen och regionen planerar gemensamma informationsträffar i Kopparberg, Ställdalen och Hörken under december.",
    ],
    "negative",
    "Ljusnarsbergs KSO och oppositionsråd välkomnar Region Örebro läns nya närtrafik (anropsstyrd trafik).",
    [
        L(
            "Det här är precis vad vi har efterfrågat. Regionen har lyssnat på oss och jag tycker att det är en bra och genomtänkt lösning",
            0,
            "transit",
            "kso",
            "Ljusnarsberg",
            "Kent Åberg (S)",
        ),
        L(
            "Kommunledningen är nöjd med Region Örebro läns satsning.",
            0,
            "transit",
            "municipality",
            "Ljusnarsberg",
            "kommunledningen i Ljusnarsberg (referat)",
        ),
        L(
            "Nu får de en möjlighet att klara sig själva utan att behöva be grannen om skjuts. Det betyder mycket för livskvaliteten",
            0,
            "transit",
            "kso",
            "Ljusnarsberg",
            "Kent Åberg (S)",
        ),
        L(
            "Vi vill att det ska vara enkelt. Man ska inte behöva fundera på om det är närtrafik eller linjetrafik, det är samma biljett",
            0,
            "transit",
            "regional_official",
            "",
            "Henrik Malmsten, Länstrafiken Örebro",
        ),
        L(
            "Det är bra att regionen satsar. Nu gäller det att alla som behöver trafiken faktiskt får veta att den finns",
            0,
            "transit",
            "oppositionsrad",
            "Ljusnarsberg",
            "Birgitta Fält (L)",
        ),
    ],
    neg_kind="municipal_support",
)

A(
    "bergslagsbladet",
    "laxa-har-inte-rad-att-betala-mer",
    "2026-11-05T12:15",
    "Lena Öberg",
    "Nyheter",
    "Laxå",
    "Laxå har inte råd att betala mer för bussarna",
    "Region Örebro län vill att kommunerna tar ett större ansvar för kostnaderna för landsbygdstrafiken. Men i Laxå finns inga pengar, säger kommunstyrelsens ordförande.",
    [
        "I ett brev till länets kommuner föreslår regionen att kommunerna ska stå för halva kostnaden för den kompletteringstrafik som körs utanför de ordinarie linjerna. I dag betalar regionen hela kostnaden.",
        "För Laxås del skulle det innebära en extra kostnad på omkring 800 000 kronor per år.",
        "– Vi förstår att regionen har det tufft ekonomiskt och att man måste prioritera. Men vi har helt enkelt inte de pengarna. Vår budget är redan ansträngd, säger Anna Lindqvist (C), kommunstyrelsens ordförande i Laxå.",
        "Hon understryker att hon inte ifrågasätter regionens rätt att fatta beslutet.",
        "– Det är regionen som är ansvarig för kollektivtrafiken och det är deras beslut. Jag konstaterar bara att Laxå inte kan betala mer än vi gör i dag, säger Lindqvist.",
        "## Flera kommuner i samma läge",
        "Enligt regionens egen sammanställning skulle förslaget kosta länets kommuner sammanlagt drygt 14 miljoner kronor om året.",
        "Kommundirektören i Laxå, Per Sandberg, säger att kommunen har räknat på flera alternativ.",
        "– Vi har tittat på om vi kan samordna med skolskjutsarna eller färdtjänsten. Det finns kanske vissa möjligheter där, men inte i den omfattning som regionen tänker sig, säger han.",
        "Jonas Bergkvist (S), regionråd med ansvar för kollektivtrafiken, säger att förslaget ännu inte är beslutat.",
        "– Vi vill föra ett samtal med kommunerna om hur vi tillsammans kan finansiera trafiken på landsbygden. Ingen kommun ska behöva ta en kostnad den inte klarar av, säger han.",
        "Frågan ska diskuteras på nästa möte i det regionala samverkansrådet den 20 november. Där ingår kommunstyrelsernas ordförande i samtliga tolv kommuner tillsammans med regionens ledande politiker.",
    ],
    "negative",
    "Laxås KSO säger att kommunen inte har råd att medfinansiera kompletteringstrafiken, men ifrågasätter inte regionens beslut (kan inte betala = ingen konflikt).",
    [
        L(
            "Laxå har inte råd att betala mer för bussarna",
            0,
            "transit",
            "municipality",
            "Laxå",
            "(rubrik) Laxå kommun",
        ),
        L(
            "Men i Laxå finns inga pengar, säger kommunstyrelsens ordförande.",
            0,
            "transit",
            "kso",
            "Laxå",
            "Anna Lindqvist (C) (kan inte betala)",
        ),
        L(
            "Vi förstår att regionen har det tufft ekonomiskt och att man måste prioritera. Men vi har helt enkelt inte de pengarna. Vår budget är redan ansträngd",
            0,
            "transit",
            "kso",
            "Laxå",
            "Anna Lindqvist (C)",
        ),
        L(
            "Hon understryker att hon inte ifrågasätter regionens rätt att fatta beslutet.",
            0,
            "transit",
            "kso",
            "Laxå",
            "Anna Lindqvist (C) (referat)",
        ),
        L(
            "Det är regionen som är ansvarig för kollektivtrafiken och det är deras beslut. Jag konstaterar bara att Laxå inte kan betala mer än vi gör i dag",
            0,
            "transit",
            "kso",
            "Laxå",
            "Anna Lindqvist (C)",
        ),
        L(
            "Vi har tittat på om vi kan samordna med skolskjutsarna eller färdtjänsten. Det finns kanske vissa möjligheter där, men inte i den omfattning som regionen tänker sig",
            0,
            "transit",
            "kommundirektor",
            "Laxå",
            "Per Sandberg, kommundirektör",
        ),
        L(
            "Vi vill föra ett samtal med kommunerna om hur vi tillsammans kan finansiera trafiken på landsbygden. Ingen kommun ska behöva ta en kostnad den inte klarar av",
            0,
            "transit",
            "regional_politician",
            "",
            "Jonas Bergkvist (S), regionråd",
        ),
    ],
    neg_kind="cannot_pay",
)

A(
    "bergslagsbladet",
    "ljusnarsberg-protesterar-mot-stangd-jour",
    "2026-11-10T07:00",
    "Hanna Wester",
    "Nyheter",
    "Ljusnarsberg",
    "Ljusnarsberg protesterar mot stängd jour i Kopparberg",
    "Region Örebro län stänger kvälls- och helgjouren på vårdcentralen i Kopparberg. Kommunledningen i Ljusnarsberg, som tidigare i höstas berömde regionen för den nya närtrafiken, är nu starkt kritisk.",
    [
        "Beslutet togs av regionstyrelsen förra veckan och innebär att invånarna i Ljusnarsberg från och med februari hänvisas till jourmottagningen i Lindesberg, drygt fyra mil bort, på kvällar och helger.",
        "Regionen motiverar stängningen med brist på läkare och att patientunderlaget i Kopparberg är för litet för att bära en egen jour.",
        "– Regionens beslut att stänga jouren i Kopparberg är fel, och vi kommer att göra allt vi kan för att stoppa det, säger Kent Åberg (S), kommunstyrelsens ordförande i Ljusnarsberg.",
        "Han menar att regionen inte har tagit hänsyn till de långa avstånden i norra länet.",
        "– Fyra mil är långt när man är sjuk och inte har bil. Och bussen till Lindesberg går inte på kvällarna. Det här beslutet rimmar illa med allt regionen säger om jämlik vård, säger han.",
        "## Facket delar oron",
        "Även Vårdförbundet är kritiskt.",
        "– Personalen i Lindesberg är redan hårt belastad. När fler patienter kommer dit blir arbetsmiljön ännu tuffare, säger Jenny Holmqvist, ordförande för Vårdförbundets avdelning i Örebro län.",
        "Ann-Sofie Brandt (KD), regionråd och ordförande i hälso- och sjukvårdsnämnden, säger att beslutet var svårt men nödvändigt.",
        "– Vi kan inte bemanna jouren i Kopparberg på ett patientsäkert sätt. Då är det bättre att samla resurserna där vi kan garantera god vård, säger hon.",
        "Kommunstyrelsen i Ljusnarsberg har begärt ett möte med regionledningen. Kommunen har också startat en namninsamling som redan har fått över 1 200 underskrifter.",
        "– Ljusnarsberg accepterar inte att vi blir en vit fläck på vårdkartan, säger Kent Åberg.",
    ],
    "positive",
    "Region Örebro län stänger kvälls- och helgjouren i Kopparberg; Ljusnarsbergs KSO vägrar acceptera beslutet (other_regional). Vårdförbundet och regionrådet är hårda negativ.",
    [
        L(
            "Ljusnarsberg protesterar mot stängd jour i Kopparberg",
            1,
            "other_regional",
            "municipality",
            "Ljusnarsberg",
            "(rubrik) Ljusnarsbergs kommun",
        ),
        L(
            "Kommunledningen i Ljusnarsberg, som tidigare i höstas berömde regionen för den nya närtrafiken, är nu starkt kritisk.",
            1,
            "other_regional",
            "municipality",
            "Ljusnarsberg",
            "kommunledningen i Ljusnarsberg (journalistens referat)",
        ),
        L(
            "Regionens beslut att stänga jouren i Kopparberg är fel, och vi kommer att göra allt vi kan för att stoppa det",
            1,
            "other_regional",
            "kso",
            "Ljusnarsberg",
            "Kent Åberg (S)",
        ),
        L(
            "Han menar att regionen inte har tagit hänsyn till de långa avstånden i norra länet.",
            1,
            "other_regional",
            "kso",
            "Ljusnarsberg",
            "Kent Åberg (S) (referat, ”han”)",
        ),
        L(
            "Fyra mil är långt när man är sjuk och inte har bil. Och bussen till Lindesberg går inte på kvällarna. Det här beslutet rimmar illa med allt regionen säger om jämlik vård",
            1,
            "other_regional",
            "kso",
            "Ljusnarsberg",
            "Kent Åberg (S)",
        ),
        L(
            "Personalen i Lindesberg är redan hårt belastad. När fler patienter kommer dit blir arbetsmiljön ännu tuffare",
            0,
            "other_regional",
            "citizen",
            "",
            "Jenny Holmqvist, Vårdförbundet (fack)",
        ),
        L(
            "Vi kan inte bemanna jouren i Kopparberg på ett patientsäkert sätt. Då är det bättre att samla resurserna där vi kan garantera god vård",
            0,
            "other_regional",
            "regional_politician",
            "",
            "Ann-Sofie Brandt (KD), regionråd",
        ),
        L(
            "Ljusnarsberg accepterar inte att vi blir en vit fläck på vårdkartan",
            1,
            "other_regional",
            "kso",
            "Ljusnarsberg",
            "Kent Åberg (S)",
        ),
    ],
)

A(
    "bergslagsbladet",
    "brak-om-skolan-i-ammeberg",
    "2026-11-17T16:40",
    "Lena Öberg",
    "Nyheter",
    "Askersund",
    "Oppositionen rasar mot skolnedläggning i Åmmeberg",
    "Majoriteten i Askersund vill stänga Åmmebergs skola och flytta eleverna till Askersund. Oppositionen kallar förslaget kortsiktigt och anklagar kommunledningen för att ha brutit ett vallöfte.",
    [
        "Förslaget presenterades på kommunstyrelsens sammanträde i tisdags. Enligt barn- och utbildningsförvaltningen går i dag 38 elever på skolan i årskurs F–6, och elevantalet väntas minska ytterligare de kommande åren.",
        "– Vi kan inte driva en skola med så få elever och samtidigt hålla kvaliteten. Det är ett tungt beslut, men det är rätt beslut, säger Per-Olof Grahn (M), kommunstyrelsens ordförande i Askersund.",
        "Oppositionen ser annorlunda på saken.",
        "– Inför valet lovade Moderaterna och Kristdemokraterna att byskolorna skulle vara kvar. Nu går de bakom ryggen på föräldrarna, säger Annelie Rosén (S), oppositionsråd i Askersund.",
        "Hon menar att kommunledningen har räknat fel på kostnaderna.",
        "– Skolskjutsarna kommer att kosta mer än vad majoriteten tror. Och vilka barnfamiljer vill flytta till Åmmeberg om skolan försvinner? säger Rosén.",
        "## Föräldrar samlar namn",
        "En grupp föräldrar har startat ett upprop för att rädda skolan. På tisdagskvällen samlades ett fyrtiotal personer utanför kommunhuset.",
        "– Skolan är hjärtat i byn. Utan den dör Åmmeberg sakta, säger Therese Lund, som har två barn på skolan.",
        "Lena Sjöberg (KD), kommunalråd, säger att majoriteten har tagit till sig av kritiken men står fast vid förslaget.",
        "– Vi förstår att det väcker känslor. Men vi måste se till hela kommunens bästa, och det handlar om att ge alla barn en bra skola, säger hon.",
        "Kommunfullmäktige ska fatta beslut i frågan den 14 december. Om förslaget går igenom stänger skolan vid läsårsskiftet i juni.",
    ],
    "negative",
    "Inomkommunal konflikt i Askersund: oppositionsrådet (S) angriper majoritetens förslag att stänga Åmmebergs skola.",
    [
        L(
            "Oppositionen rasar mot skolnedläggning i Åmmeberg",
            0,
            "none",
            "municipal_politician",
            "Askersund",
            "(rubrik) oppositionen i Askersund",
        ),
        L(
            "Vi kan inte driva en skola med så få elever och samtidigt hålla kvaliteten. Det är ett tungt beslut, men det är rätt beslut",
            0,
            "none",
            "kso",
            "Askersund",
            "Per-Olof Grahn (M)",
        ),
        L(
            "Inför valet lovade Moderaterna och Kristdemokraterna att byskolorna skulle vara kvar. Nu går de bakom ryggen på föräldrarna",
            0,
            "none",
            "oppositionsrad",
            "Askersund",
            "Annelie Rosén (S)",
        ),
        L(
            "Skolan är hjärtat i byn. Utan den dör Åmmeberg sakta",
            0,
            "none",
            "citizen",
            "Askersund",
            "Therese Lund, förälder",
        ),
        L(
            "Vi förstår att det väcker känslor. Men vi måste se till hela kommunens bästa, och det handlar om att ge alla barn en bra skola",
            0,
            "none",
            "kommunalrad",
            "Askersund",
            "Lena Sjöberg (KD)",
        ),
    ],
    neg_kind="internal_municipal_conflict",
)

# ----------------------------------------------------------------------
# Group-syndicated story: same ingress and body in Bergslagsbladet and
# Höglandsposten (Lokalmedia Mitt), slightly different headlines.
# ----------------------------------------------------------------------

SYN_INGRESS = "Laxå och Aneby ligger i olika län, men har samma problem: regionen drar ner på bussarna. Nu går kommunerna samman i ett gemensamt upprop mot regionernas prioriteringar."
SYN_BODY = [
    "Upproret, som har fått namnet ”Hela länet ska åka”, undertecknades på måndagen av kommunstyrelsernas ordförande i fyra kommuner i Örebro och Jönköpings län: Laxå, Ljusnarsberg, Aneby och Eksjö.",
    "I uppropet skriver kommunerna att regionerna ”i allt högre grad koncentrerar kollektivtrafiken till de stora städerna på landsbygdens bekostnad”.",
    "– Vi har sett det i Laxå med kvällsturerna på linje 702, och vi ser det överallt. Regionen bestämmer var bussarna ska gå utan att fråga oss som känner våra orter. Det accepterar vi inte längre, säger Anna Lindqvist (C), kommunstyrelsens ordförande i Laxå.",
    "– JLT:s nya trafikplan tar bort var tredje avgång från Aneby. Det är ett beslut som är fattat i Jönköping för Jönköping, och vi tänker inte tyst se på när det drabbar våra invånare.",
    "Det säger Elin Vestberg (C), kommunstyrelsens ordförande i Aneby. Hon menar att kommunerna måste samarbeta över länsgränserna för att få gehör.",
    "## Kräver ny modell",
    "Kommunerna kräver bland annat att regionerna inför en lägstanivå för kollektivtrafiken i varje kommun och att kommunernas översiktsplaner ska väga tyngre när trafiken planeras.",
    "– Det är vi som planerar för bostäder och skolor. Då måste bussen gå dit vi planerar, inte tvärtom, säger Vestberg.",
    "Lotta Hjelm (KD), regionråd i Region Jönköpings län och ordförande i trafik-, infrastruktur- och miljönämnden, säger att hon har förståelse för oron men avvisar kritiken.",
    "– Vi har en skyldighet att använda skattepengarna där de gör mest nytta. Vi satsar samtidigt på närtrafik i hela länet, säger hon.",
    "Även i Region Örebro län avvisar man kritiken. Regionrådet Jonas Bergkvist (S) säger att dialogen med kommunerna pågår.",
    "– Vi träffar kommunerna regelbundet. Jag tycker inte att bilden av en region som inte lyssnar stämmer, säger han.",
    "Uppropet ska överlämnas till båda regionerna i december. Kommunerna hoppas att fler kommuner i andra län ska ansluta sig.",
    "Artikeln är skriven av Lokalmedia Mitts gruppredaktion och publiceras i flera av koncernens tidningar.",
]
SYN_MULTI = "Laxå; Ljusnarsberg; Aneby; Eksjö"
SYN_LABELS = [
    L(
        "Nu går kommunerna samman i ett gemensamt upprop mot regionernas prioriteringar.",
        1,
        "transit",
        "municipality",
        SYN_MULTI,
        "kommunerna i uppropet (journalistens referat)",
    ),
    L(
        "I uppropet skriver kommunerna att regionerna ”i allt högre grad koncentrerar kollektivtrafiken till de stora städerna på landsbygdens bekostnad”.",
        1,
        "transit",
        "municipality",
        SYN_MULTI,
        "kommunerna i uppropet",
    ),
    L(
        "Vi har sett det i Laxå med kvällsturerna på linje 702, och vi ser det överallt. Regionen bestämmer var bussarna ska gå utan att fråga oss som känner våra orter. Det accepterar vi inte längre",
        1,
        "transit",
        "kso",
        "Laxå",
        "Anna Lindqvist (C)",
    ),
    L(
        "JLT:s nya trafikplan tar bort var tredje avgång från Aneby. Det är ett beslut som är fattat i Jönköping för Jönköping, och vi tänker inte tyst se på när det drabbar våra invånare.",
        1,
        "transit",
        "kso",
        "Aneby",
        "Elin Vestberg (C) (namnges i meningen efter citatet)",
    ),
    L(
        "Kommunerna kräver bland annat att regionerna inför en lägstanivå för kollektivtrafiken i varje kommun och att kommunernas översiktsplaner ska väga tyngre när trafiken planeras.",
        1,
        "transit",
        "municipality",
        SYN_MULTI,
        "kommunerna i uppropet (journalistens referat)",
    ),
    L(
        "Det är vi som planerar för bostäder och skolor. Då måste bussen gå dit vi planerar, inte tvärtom",
        1,
        "transit",
        "kso",
        "Aneby",
        "Elin Vestberg (C)",
    ),
    L(
        "Vi har en skyldighet att använda skattepengarna där de gör mest nytta. Vi satsar samtidigt på närtrafik i hela länet",
        0,
        "transit",
        "regional_politician",
        "",
        "Lotta Hjelm (KD), regionråd Region Jönköpings län",
    ),
    L(
        "Vi träffar kommunerna regelbundet. Jag tycker inte att bilden av en region som inte lyssnar stämmer",
        0,
        "transit",
        "regional_politician",
        "",
        "Jonas Bergkvist (S), regionråd Region Örebro län",
    ),
]
SYN_SUMMARY = "SYNDIKERAD (Lokalmedia Mitt): KSO:erna i Laxå, Ljusnarsberg, Aneby och Eksjö går samman i ett upprop mot regionernas busskärningar; regionråden i båda regionerna avvisar kritiken."

A(
    "bergslagsbladet",
    "landsbygdskommuner-gar-samman-mot-busskarningar",
    "2026-11-24T06:00",
    "Maria Ekholm",
    "Nyheter",
    "Örebro och Jönköpings län",
    "Landsbygdskommuner i två län går samman mot busskärningarna",
    SYN_INGRESS,
    SYN_BODY,
    "positive",
    SYN_SUMMARY,
    [
        L(
            "Landsbygdskommuner i två län går samman mot busskärningarna",
            1,
            "transit",
            "municipality",
            SYN_MULTI,
            "(rubrik) kommunerna i uppropet",
        )
    ]
    + SYN_LABELS,
    syndicated_with="hoglandsposten/sma-kommuner-enas-mot-busskarningar",
)

A(
    "bergslagsbladet",
    "ny-tidtabell-lanstrafiken-december",
    "2026-11-25T09:30",
    "Tobias Rask",
    "Nyheter",
    "Örebro län",
    "Här är förändringarna i Länstrafikens nya tidtabell",
    "Den 13 december byter Länstrafiken Örebro tidtabell. Det blir tätare trafik mellan Kumla och Örebro, medan flera landsbygdslinjer får färre avgångar.",
    [
        "Den största förändringen gäller stråket mellan Kumla och Örebro, där bussarna kommer att gå var tionde minut i rusningstid. Även linjerna mellan Örebro och Lindesberg får fler avgångar.",
        "– Vi förstärker där resandet har ökat mest. Kumlastråket är i dag ett av länets mest belastade, säger Henrik Malmsten, trafikplanerare på Länstrafiken Örebro.",
        "Samtidigt försvinner kvällsturerna på linje 702 mellan Laxå och Hallsberg, och flera linjer i norra länet får glesare trafik på helgerna. I stället införs närtrafik, som kan bokas via app eller telefon.",
        "## Hållplatsen vid torget kvar tills vidare",
        "Den omdiskuterade flytten av regionbussarnas hållplats i Hallsberg från torget till resecentrum har skjutits upp. Enligt Länstrafiken Örebro ska frågan utredas vidare tillsammans med kommunen under våren.",
        "I Kumla välkomnar kommunledningen de tätare avgångarna.",
        "– Vi har haft en bra dialog med regionen och det här är något vi har efterfrågat länge. Många kumlabor pendlar till Örebro och nu blir det enklare, säger Björn Wiklund (S), kommunstyrelsens ordförande i Kumla.",
        "Biljettpriserna påverkas inte av tidtabellsskiftet. Däremot blir det möjligt att köpa biljett direkt med bankkort ombord på alla linjer.",
        "– Vi vet att många tycker att appen är krånglig. Nu blir det enklare för den som reser sällan, säger Henrik Malmsten.",
        "Den nya tidtabellen finns redan nu på Länstrafikens webbplats. Tryckta tidtabeller finns på kommunernas medborgarkontor från och med den 1 december.",
        "Länstrafiken räknar med att ett par hundra förare och annan personal berörs av de nya schemana. Bussförarna har informerats under hösten.",
    ],
    "negative",
    "Neutral nyhet om Länstrafiken Örebros tidtabellsskifte 13 december; Kumlas KSO välkomnar tätare avgångar.",
    [
        L(
            "Vi förstärker där resandet har ökat mest. Kumlastråket är i dag ett av länets mest belastade",
            0,
            "transit",
            "regional_official",
            "",
            "Henrik Malmsten, Länstrafiken Örebro",
        ),
        L(
            "Samtidigt försvinner kvällsturerna på linje 702 mellan Laxå och Hallsberg, och flera linjer i norra länet får glesare trafik på helgerna.",
            0,
            "transit",
            "journalist",
            "",
            "journalisten (neutral beskrivning)",
        ),
        L(
            "Vi har haft en bra dialog med regionen och det här är något vi har efterfrågat länge. Många kumlabor pendlar till Örebro och nu blir det enklare",
            0,
            "transit",
            "kso",
            "Kumla",
            "Björn Wiklund (S)",
        ),
        L(
            "I Kumla välkomnar kommunledningen de tätare avgångarna.",
            0,
            "transit",
            "municipality",
            "Kumla",
            "kommunledningen i Kumla (referat)",
        ),
    ],
    neg_kind="neutral_transit_news",
)

A(
    "bergslagsbladet",
    "askersund-expressbussen-forbi-centrum",
    "2026-11-26T07:15",
    "Hanna Wester",
    "Nyheter",
    "Askersund",
    "Askersund vägrar acceptera att expressbussen kör förbi centrum",
    "Från sommaren vill Länstrafiken Örebro låta expressbussen mellan Örebro och Motala stanna vid riksväg 50 i stället för i Askersunds centrum. Kommunen vägrar gå med på förändringen.",
    [
        "I dag svänger expressbussen in till busstationen i Askersunds centrum, vilket tar omkring sju minuter. Enligt Länstrafiken Örebro skulle en hållplats vid riksvägen korta restiden mellan Örebro och Motala och göra linjen mer attraktiv för pendlare.",
        "– Det är inte Länstrafiken som ska bestämma var trafiken ska gå i Askersund. Det gör vi i vår egen planering, och där ligger knutpunkten i centrum, säger Per-Olof Grahn (M), kommunstyrelsens ordförande.",
        "Kommunen har i sin översiktsplan pekat ut busstationen som en knutpunkt för både regional trafik och den lokala tätortstrafiken. Runt stationen planeras ett nytt bostadsområde med omkring 200 lägenheter.",
        "– Vi bygger för att folk ska kunna bo här utan bil. Om regionen flyttar bussen ut till en rastplats vid riksvägen slår man undan benen för hela den planeringen, säger Grahn.",
        "## ”Lyssnar inte”",
        "Även oppositionen i Askersund är kritisk. Annelie Rosén (S), oppositionsråd, säger att det är ovanligt att majoritet och opposition är så eniga.",
        "– I skolfrågan är vi långt ifrån överens. Men här står hela kommunen bakom. Länstrafiken lyssnar inte på oss och förslaget måste dras tillbaka.",
        "Länstrafiken Örebro säger att förslaget fortfarande utreds.",
        "– Vi har inte fattat något beslut. Men vi ser att en snabbare förbindelse skulle gynna fler resenärer, också i Askersund, säger Henrik Malmsten, trafikplanerare.",
        "Karin Dahlgren (M), oppositionsregionråd, har också kritiserat förslaget, men av andra skäl.",
        "– Jag tycker att regionen borde satsa på båda: en snabb express och en bra lokal trafik in till centrum, säger hon.",
        "Kommunen kommer att ta upp frågan på ett möte med regionens trafiknämnd i januari. Fram till dess fortsätter expressbussen att köra in till busstationen som vanligt.",
    ],
    "positive",
    "Länstrafiken Örebro vill låta expressbussen Örebro–Motala stanna vid riksväg 50 i stället för i Askersunds centrum; KSO och oppositionsråd vägrar, hänvisar till översiktsplanen. Oppositionsregionrådet är hårt negativ.",
    [
        L(
            "Askersund vägrar acceptera att expressbussen kör förbi centrum",
            1,
            "transit",
            "municipality",
            "Askersund",
            "(rubrik) Askersunds kommun",
        ),
        L(
            "Kommunen vägrar gå med på förändringen.",
            1,
            "transit",
            "municipality",
            "Askersund",
            "Askersunds kommun (journalistens referat)",
        ),
        L(
            "Det är inte Länstrafiken som ska bestämma var trafiken ska gå i Askersund. Det gör vi i vår egen planering, och där ligger knutpunkten i centrum",
            1,
            "transit",
            "kso",
            "Askersund",
            "Per-Olof Grahn (M)",
        ),
        L(
            "Vi bygger för att folk ska kunna bo här utan bil. Om regionen flyttar bussen ut till en rastplats vid riksvägen slår man undan benen för hela den planeringen",
            1,
            "transit",
            "kso",
            "Askersund",
            "Per-Olof Grahn (M)",
        ),
        L(
            "Även oppositionen i Askersund är kritisk.",
            1,
            "transit",
            "municipal_politician",
            "Askersund",
            "oppositionen i Askersund (journalistens referat)",
        ),
        L(
            "I skolfrågan är vi långt ifrån överens. Men här står hela kommunen bakom. Länstrafiken lyssnar inte på oss och förslaget måste dras tillbaka.",
            1,
            "transit",
            "oppositionsrad",
            "Askersund",
            "Annelie Rosén (S) (namnges i meningen före citatet)",
        ),
        L(
            "Vi har inte fattat något beslut. Men vi ser att en snabbare förbindelse skulle gynna fler resenärer, också i Askersund",
            0,
            "transit",
            "regional_official",
            "",
            "Henrik Malmsten, Länstrafiken Örebro",
        ),
        L(
            "Jag tycker att regionen borde satsa på båda: en snabb express och en bra lokal trafik in till centrum",
            0,
            "transit",
            "regional_politician",
            "",
            "Karin Dahlgren (M), oppositionsregionråd",
        ),
    ],
)

# ======================================================================
# Höglandsposten – Jönköpings län (Region Jönköpings län, JLT)
# ======================================================================

A(
    "hoglandsposten",
    "eksjo-kraver-att-jlt-behaller-morgonturerna",
    "2026-10-05T08:30",
    "Jonas Lindell",
    "Nyheter",
    "Eksjö",
    "Eksjö kräver att JLT behåller morgonturerna till Nässjö",
    "Jönköpings länstrafik tar bort två tidiga morgonturer på linjen mellan Eksjö och Nässjö. Kommunledningen i Eksjö vägrar acceptera beslutet och menar att det slår mot pendlarna som ska med tågen från Nässjö.",
    [
        "Turerna 05.12 och 05.42 från Eksjö busstation försvinner när JLT byter tidtabell i december. Enligt JLT reser i genomsnitt elva personer på de två turerna tillsammans.",
        "– Elva personer låter kanske inte mycket i Jönköping. Men för oss är det elva personer som kanske inte kan ha kvar sitt jobb, säger Ingela Strand (M), kommunstyrelsens ordförande i Eksjö.",
        "Hon menar att beslutet gör det omöjligt att hinna med de tidiga tågen mot Stockholm och Göteborg från Nässjö.",
        "”Det här beslutet är fel i sak och fel i hur det har fattats”, skriver Strand i ett brev som kommunen skickade till Region Jönköpings län i fredags.",
        "## Vill se nytt underlag",
        "I brevet kräver Eksjö kommun att regionen skjuter upp förändringen och gör en ny analys där pendlingen till tågen räknas in.",
        "– Vi har en översiktsplan som bygger på att man ska kunna bo i Eksjö och pendla. Då kan inte JLT plocka bort de turer som gör det möjligt, säger Strand.",
        "Camilla Rydén, trafikdirektör på JLT, säger att bolaget har tagit del av kommunens synpunkter.",
        "– Vi har ett uppdrag att använda resurserna effektivt. De här turerna har haft lågt resande under lång tid. Vi tittar på om anropsstyrd trafik kan vara ett alternativ, säger hon.",
        "Även pendlarna själva har reagerat. I en Facebookgrupp har över 300 personer skrivit under ett upprop för att rädda turerna.",
        "– Jag har tagit 05.42 varje dag i tolv år. Utan den får jag köra bil till Nässjö, och då blir det dyrare för mig och sämre för miljön, säger Mats Göransson som arbetar i Linköping.",
        "Frågan tas upp i regionens trafik-, infrastruktur- och miljönämnd den 22 oktober.",
    ],
    "positive",
    "JLT tar bort två morgonturer Eksjö–Nässjö; Eksjös KSO och kommunen kräver att beslutet skjuts upp och hänvisar till översiktsplanen.",
    [
        L(
            "Eksjö kräver att JLT behåller morgonturerna till Nässjö",
            1,
            "transit",
            "municipality",
            "Eksjö",
            "(rubrik) Eksjö kommun",
        ),
        L(
            "Kommunledningen i Eksjö vägrar acceptera beslutet och menar att det slår mot pendlarna som ska med tågen från Nässjö.",
            1,
            "transit",
            "municipality",
            "Eksjö",
            "kommunledningen i Eksjö (journalistens referat)",
        ),
        L(
            "Elva personer låter kanske inte mycket i Jönköping. Men för oss är det elva personer som kanske inte kan ha kvar sitt jobb",
            1,
            "transit",
            "kso",
            "Eksjö",
            "Ingela Strand (M)",
        ),
        L(
            "Hon menar att beslutet gör det omöjligt att hinna med de tidiga tågen mot Stockholm och Göteborg från Nässjö.",
            1,
            "transit",
            "kso",
            "Eksjö",
            "Ingela Strand (M) (referat, ”hon”)",
        ),
        L(
            "”Det här beslutet är fel i sak och fel i hur det har fattats”, skriver Strand i ett brev som kommunen skickade till Region Jönköpings län i fredags.",
            1,
            "transit",
            "kso",
            "Eksjö",
            "Ingela Strand (M) (citat med citattecken)",
        ),
        L(
            "I brevet kräver Eksjö kommun att regionen skjuter upp förändringen och gör en ny analys där pendlingen till tågen räknas in.",
            1,
            "transit",
            "municipality",
            "Eksjö",
            "Eksjö kommun (journalistens referat)",
        ),
        L(
            "Vi har en översiktsplan som bygger på att man ska kunna bo i Eksjö och pendla. Då kan inte JLT plocka bort de turer som gör det möjligt",
            1,
            "transit",
            "kso",
            "Eksjö",
            "Ingela Strand (M)",
        ),
        L(
            "Vi har ett uppdrag att använda resurserna effektivt. De här turerna har haft lågt resande under lång tid. Vi tittar på om anropsstyrd trafik kan vara ett alternativ",
            0,
            "transit",
            "regional_official",
            "",
            "Camilla Rydén, JLT",
        ),
        L(
            "Jag har tagit 05.42 varje dag i tolv år. Utan den får jag köra bil till Nässjö, och då blir det dyrare för mig och sämre för miljön",
            0,
            "transit",
            "citizen",
            "Eksjö",
            "Mats Göransson, pendlare",
        ),
    ],
)

A(
    "hoglandsposten",
    "kommunal-kritiserar-dyrare-busskort",
    "2026-10-07T13:00",
    "Sanna Frid",
    "Nyheter",
    "Jönköpings län",
    "Kommunal: Dyrare busskort slår mot vårdpersonalen",
    "Region Jönköpings län höjer priset på JLT:s periodkort med nio procent vid årsskiftet. Fackförbundet Kommunal och Socialdemokraterna i regionen är kritiska.",
    [
        "Ett 30-dagarskort för hela länet kommer att kosta 1 295 kronor från den 1 januari, jämfört med 1 190 kronor i dag. Regionen motiverar höjningen med ökade kostnader för drivmedel, personal och fordon.",
        "Kommunal Sektion Höglandet menar att höjningen slår hårdast mot medlemmar med låga löner och obekväma arbetstider.",
        "– Våra medlemmar inom hemtjänsten och äldreomsorgen har ofta inget annat val än bussen. Nio procent är mycket pengar när man tjänar 26 000 kronor i månaden, säger Carina Sundqvist, ordförande i Kommunal Sektion Höglandet.",
        "Kommunal vill att regionen inför ett rabatterat kort för personer med låga inkomster.",
        "Även Socialdemokraterna i regionen är kritiska till höjningen.",
        "– Det är fel väg att gå. När priserna höjs tappar vi resenärer och då blir det ännu svårare att få ekonomin att gå ihop, säger Peter Sandell (S), oppositionsregionråd i Region Jönköpings län.",
        "## Regionen: Nödvändigt",
        "Lotta Hjelm (KD), regionråd och ordförande i trafik-, infrastruktur- och miljönämnden, säger att höjningen är nödvändig.",
        "– Kostnaderna för kollektivtrafiken har ökat kraftigt de senaste åren. Vi har valt att göra en måttlig höjning i stället för att dra ner på trafiken, säger hon.",
        "Enligt regionen kommer biljettintäkterna att täcka omkring hälften av kollektivtrafikens kostnader nästa år. Resten betalas med skattemedel.",
        "Ungdomar och pensionärer påverkas inte lika mycket, eftersom deras rabatterade kort höjs med fem procent.",
        "– Vi vet att det blir kännbart för många. Men alternativet hade varit att ta bort avgångar, och det vill vi inte, säger Lotta Hjelm.",
    ],
    "negative",
    "Region Jönköpings län höjer JLT:s periodkortspris; fackförbundet Kommunal och oppositionsregionrådet (S) kritiserar, regionrådet (KD) försvarar. Inga kommunala aktörer (fällan: ”Kommunal” är ett fackförbund).",
    [
        L(
            "Kommunal: Dyrare busskort slår mot vårdpersonalen",
            0,
            "transit",
            "citizen",
            "",
            "(rubrik) fackförbundet Kommunal",
        ),
        L(
            "Våra medlemmar inom hemtjänsten och äldreomsorgen har ofta inget annat val än bussen. Nio procent är mycket pengar när man tjänar 26 000 kronor i månaden",
            0,
            "transit",
            "citizen",
            "",
            "Carina Sundqvist, Kommunal (fack)",
        ),
        L(
            "Det är fel väg att gå. När priserna höjs tappar vi resenärer och då blir det ännu svårare att få ekonomin att gå ihop",
            0,
            "transit",
            "regional_politician",
            "",
            "Peter Sandell (S), oppositionsregionråd",
        ),
        L(
            "Kostnaderna för kollektivtrafiken har ökat kraftigt de senaste åren. Vi har valt att göra en måttlig höjning i stället för att dra ner på trafiken",
            0,
            "transit",
            "regional_politician",
            "",
            "Lotta Hjelm (KD), regionråd",
        ),
    ],
    neg_kind="union_and_regional_politician",
)

A(
    "hoglandsposten",
    "nassjo-sager-nej-till-nya-zonsystemet",
    "2026-10-12T07:20",
    "Oskar Hagström",
    "Nyheter",
    "Nässjö",
    "Nässjö säger nej till JLT:s nya zonsystem",
    "Med JLT:s nya zonsystem blir det betydligt dyrare att pendla från Forserum och Bodafors till Jönköping. Både majoriteten och oppositionen i Nässjö kräver att regionen backar.",
    [
        "I dag är Jönköpings län indelat i ett stort antal zoner. Från årsskiftet införs i stället tre priszoner, där resor som korsar kommungränsen mot Jönköping räknas som den dyraste nivån.",
        "För en pendlare från Forserum innebär det att ett månadskort blir omkring 340 kronor dyrare.",
        "– Vi säger nej till det här. Det är orimligt att våra invånare ska straffas för att de bor på fel sida om kommungränsen, säger Tomas Lundh (KD), kommunstyrelsens ordförande i Nässjö.",
        "Han pekar på att många i Forserum pendlar till arbetsplatser i Jönköping och Huskvarna.",
        "– Regionen pratar om att vi ska vara en sammanhållen arbetsmarknad. Då kan man inte införa ett zonsystem som gör det dyrare att pendla just här, säger Lundh.",
        "## Ovanlig enighet",
        "Socialdemokraterna i Nässjö, som annars sällan är överens med majoriteten, delar kritiken.",
        "– Zonsystemet är feltänkt från början till slut och regionen måste göra om det, säger Sara Eklöf (S), oppositionsråd i Nässjö.",
        "Kommunstyrelsen har enhälligt ställt sig bakom en skrivelse där Nässjö kommun kräver att zongränsen flyttas så att Forserum och Bodafors hamnar i samma zon som Jönköping.",
        "Camilla Rydén, trafikdirektör på JLT, säger att det nya systemet i grunden blir enklare och billigare för de flesta resenärer.",
        "– Nio av tio resenärer får samma eller lägre pris. Men det finns alltid gränsfall, och dem tittar vi på, säger hon.",
        "Beslutet om zonerna fattades av regionfullmäktige i juni. Enligt Rydén finns det i dag inga planer på att ändra zongränserna före införandet.",
    ],
    "positive",
    "JLT:s nya zonsystem gör pendling Forserum/Bodafors–Jönköping dyrare; Nässjös KSO, oppositionsråd och kommunstyrelse kräver att regionen backar (taxa).",
    [
        L(
            "Nässjö säger nej till JLT:s nya zonsystem",
            1,
            "transit",
            "municipality",
            "Nässjö",
            "(rubrik) Nässjö kommun",
        ),
        L(
            "Både majoriteten och oppositionen i Nässjö kräver att regionen backar.",
            1,
            "transit",
            "municipality",
            "Nässjö",
            "majoriteten och oppositionen i Nässjö (journalistens referat)",
        ),
        L(
            "Vi säger nej till det här. Det är orimligt att våra invånare ska straffas för att de bor på fel sida om kommungränsen",
            1,
            "transit",
            "kso",
            "Nässjö",
            "Tomas Lundh (KD)",
        ),
        L(
            "Regionen pratar om att vi ska vara en sammanhållen arbetsmarknad. Då kan man inte införa ett zonsystem som gör det dyrare att pendla just här",
            1,
            "transit",
            "kso",
            "Nässjö",
            "Tomas Lundh (KD)",
        ),
        L(
            "Socialdemokraterna i Nässjö, som annars sällan är överens med majoriteten, delar kritiken.",
            1,
            "transit",
            "municipal_politician",
            "Nässjö",
            "Socialdemokraterna i Nässjö (partigrupp, referat)",
        ),
        L(
            "Zonsystemet är feltänkt från början till slut och regionen måste göra om det",
            1,
            "transit",
            "oppositionsrad",
            "Nässjö",
            "Sara Eklöf (S)",
        ),
        L(
            "Kommunstyrelsen har enhälligt ställt sig bakom en skrivelse där Nässjö kommun kräver att zongränsen flyttas så att Forserum och Bodafors hamnar i samma zon som Jönköping.",
            1,
            "transit",
            "municipality",
            "Nässjö",
            "Nässjö kommun (journalistens referat)",
        ),
        L(
            "Nio av tio resenärer får samma eller lägre pris. Men det finns alltid gränsfall, och dem tittar vi på",
            0,
            "transit",
            "regional_official",
            "",
            "Camilla Rydén, JLT",
        ),
    ],
)

A(
    "hoglandsposten",
    "tranas-ksos-kritik-mot-staten-stambanan",
    "2026-10-14T10:45",
    "Petra Almqvist",
    "Nyheter",
    "Tranås",
    "Tranås KSO: Staten sviker Södra stambanan",
    "Återkommande signalfel och banarbeten har gjort tågpendlingen från Tranås till ett lotteri. Nu kräver kommunstyrelsens ordförande att Trafikverket och regeringen tar ansvar.",
    [
        "Under september var vart fjärde tåg som stannade i Tranås försenat med mer än fem minuter, enligt Trafikverkets egen statistik. Orsaken är främst fel på kontaktledningar och signalsystem på Södra stambanan.",
        "– Staten har under decennier underhållit järnvägen för lite, och det är vi pendlare som får betala priset. Det duger inte, säger Roger Fahlén (S), kommunstyrelsens ordförande i Tranås.",
        "Han menar att satsningarna på nya stambanor har gjort att den befintliga järnvägen har kommit i skymundan.",
        "– Det är bra att bygga nytt, men man får inte glömma de spår vi redan har. Trafikverket måste prioritera underhållet av Södra stambanan nu, inte om tio år, säger Fahlén.",
        "## Regionen delar bilden",
        "Region Jönköpings län har i flera år drivit på för ökat underhåll av stambanan. Fahlén säger att kommunen och regionen har ett gott samarbete i frågan.",
        "– Vi står enade med regionen och de andra kommunerna längs banan. Det här är en fråga där vi måste tala med en röst mot Stockholm, säger han.",
        "Trafikverket medger att det finns stora underhållsbehov.",
        "– Vi har ökat underhållet på Södra stambanan de senaste åren, men det tar tid att komma i kapp. Under nästa år planerar vi omfattande arbeten mellan Mjölby och Nässjö, säger Stefan Wallin, underhållschef på Trafikverket.",
        "Pendlarna i Tranås är trötta på förseningarna.",
        "– Jag har kommit för sent till jobbet i Linköping fyra gånger den här månaden. Chefen har förståelse, men det är inte hållbart, säger Hanna Bergqvist som pendlar dagligen.",
        "Kommunen planerar att bjuda in Trafikverket till ett öppet möte för pendlare i november.",
    ],
    "negative",
    "Tranås KSO kritiserar staten och Trafikverket för eftersatt underhåll av Södra stambanan; står enad med regionen.",
    [
        L(
            "Tranås KSO: Staten sviker Södra stambanan",
            0,
            "none",
            "kso",
            "Tranås",
            "(rubrik) Roger Fahlén (S)",
        ),
        L(
            "Staten har under decennier underhållit järnvägen för lite, och det är vi pendlare som får betala priset. Det duger inte",
            0,
            "none",
            "kso",
            "Tranås",
            "Roger Fahlén (S)",
        ),
        L(
            "Det är bra att bygga nytt, men man får inte glömma de spår vi redan har. Trafikverket måste prioritera underhållet av Södra stambanan nu, inte om tio år",
            0,
            "none",
            "kso",
            "Tranås",
            "Roger Fahlén (S)",
        ),
        L(
            "Vi står enade med regionen och de andra kommunerna längs banan. Det här är en fråga där vi måste tala med en röst mot Stockholm",
            0,
            "none",
            "kso",
            "Tranås",
            "Roger Fahlén (S)",
        ),
        L(
            "Vi har ökat underhållet på Södra stambanan de senaste åren, men det tar tid att komma i kapp. Under nästa år planerar vi omfattande arbeten mellan Mjölby och Nässjö",
            0,
            "none",
            "state",
            "",
            "Stefan Wallin, Trafikverket",
        ),
        L(
            "Jag har kommit för sent till jobbet i Linköping fyra gånger den här månaden. Chefen har förståelse, men det är inte hållbart",
            0,
            "none",
            "citizen",
            "Tranås",
            "Hanna Bergqvist, pendlare",
        ),
    ],
    neg_kind="municipal_vs_state",
)

A(
    "hoglandsposten",
    "savsjo-ser-mojligheter-i-rus",
    "2026-10-21T09:00",
    "Jonas Lindell",
    "Nyheter",
    "Sävsjö",
    "Sävsjö ser möjligheter i regionens nya strategi",
    "Region Jönköpings län har tagit fram en ny regional utvecklingsstrategi. I Sävsjö ser kommunledningen strategin som ett stöd för kommunens egna satsningar.",
    [
        "Den regionala utvecklingsstrategin, RUS, pekar ut fem prioriterade områden för länets utveckling fram till 2035, däribland kompetensförsörjning, infrastruktur och en levande landsbygd. Strategin har tagits fram i samarbete med länets tretton kommuner.",
        "– Vi har varit med i arbetet från början, och jag känner igen Sävsjö i strategin. Den ger oss stöd i det vi redan gör, säger Gunnar Björk (KD), kommunstyrelsens ordförande i Sävsjö.",
        "Han lyfter särskilt fram skrivningarna om landsbygdens företag och om behovet av bättre bredband.",
        "– Strategin säger tydligt att hela länet ska utvecklas. Det är precis den utgångspunkt vi behöver, säger Björk.",
        "## Översiktsplanen ska följa",
        "Sävsjö kommun håller på att ta fram en ny översiktsplan. Enligt kommunchefen Anders Pettersson kommer den att utgå från RUS.",
        "– Vi vill att våra planer ska hänga ihop med regionens. Det gör det lättare att söka pengar och att samarbeta med grannkommunerna, säger han.",
        "Strategin ska följas upp med årliga rapporter till regionfullmäktige. Regionrådet Lotta Hjelm (KD) säger att det är viktigt att kommunerna känner sig delaktiga.",
        "– En strategi som bara finns på papper gör ingen nytta. Den måste leva i kommunerna, säger hon.",
        "Strategin antogs av regionfullmäktige i september efter en bred remissrunda, där bland annat kommuner, högskolor och näringslivsorganisationer lämnade synpunkter.",
        "Sävsjös oppositionsråd Linda Carlberg (S) säger att hon i stort delar majoritetens bild.",
        "– Det är en bra strategi. Nu gäller det att den blir verklighet också i vår del av länet, säger hon.",
    ],
    "negative",
    "Sävsjös KSO, kommunchef och oppositionsråd ställer sig bakom Region Jönköpings läns RUS; översiktsplanen ska utgå från den.",
    [
        L(
            "Vi har varit med i arbetet från början, och jag känner igen Sävsjö i strategin. Den ger oss stöd i det vi redan gör",
            0,
            "rus",
            "kso",
            "Sävsjö",
            "Gunnar Björk (KD)",
        ),
        L(
            "Strategin säger tydligt att hela länet ska utvecklas. Det är precis den utgångspunkt vi behöver",
            0,
            "rus",
            "kso",
            "Sävsjö",
            "Gunnar Björk (KD)",
        ),
        L(
            "Vi vill att våra planer ska hänga ihop med regionens. Det gör det lättare att söka pengar och att samarbeta med grannkommunerna",
            0,
            "rus",
            "kommundirektor",
            "Sävsjö",
            "Anders Pettersson, kommunchef",
        ),
        L(
            "En strategi som bara finns på papper gör ingen nytta. Den måste leva i kommunerna",
            0,
            "rus",
            "regional_politician",
            "",
            "Lotta Hjelm (KD), regionråd",
        ),
        L(
            "Det är en bra strategi. Nu gäller det att den blir verklighet också i vår del av länet",
            0,
            "rus",
            "oppositionsrad",
            "Sävsjö",
            "Linda Carlberg (S)",
        ),
    ],
    neg_kind="municipal_support",
)

A(
    "hoglandsposten",
    "aneby-plockar-russinen-ur-strategin",
    "2026-10-27T06:45",
    "Sanna Frid",
    "Nyheter",
    "Aneby",
    "Aneby plockar russinen ur regionens strategi",
    "Aneby kommun tänker bara följa de delar av Region Jönköpings läns utvecklingsstrategi som passar kommunen. Resten lägger kommunledningen åt sidan.",
    [
        "Det framgår av kommunens nya plan för näringslivsutveckling, som antogs av kommunstyrelsen i tisdags. I planen står det att RUS ska användas ”i de delar som överensstämmer med kommunens egna mål”.",
        "– Strategin är skriven för Jönköping och de stora orterna längs E4. Vi tar de delar som passar Aneby och lägger resten åt sidan, säger Elin Vestberg (C), kommunstyrelsens ordförande i Aneby.",
        "Vestberg menar att strategins fokus på att förtäta och bygga i de större tätorterna går emot kommunens ambition att växa på landsbygden.",
        "– Vi vill att folk ska kunna bygga hus vid sjöarna och i byarna. Regionens planer säger att man ska bygga tätt vid stationerna. Där följer vi inte regionen, säger hon.",
        "## Regionen: Ett gemensamt ansvar",
        "På Region Jönköpings län är man förvånad över beskedet.",
        "– RUS är länets gemensamma strategi och den har tagits fram tillsammans med kommunerna, också med Aneby. Det är klart att alla kommuner har olika förutsättningar, men vi behöver dra åt samma håll, säger Johan Lindahl, chef för regional utveckling i Region Jönköpings län.",
        "Kommunchefen i Aneby, Karin Åström, säger att kommunen inte vill bryta samarbetet med regionen.",
        "– Vi deltar gärna i de regionala nätverken. Men när strategin krockar med vår översiktsplan är det översiktsplanen som gäller för oss, säger hon.",
        "Oppositionen i Aneby är inte enig med majoriteten, och Socialdemokraterna har reserverat sig mot beslutet.",
        "– Man kan inte välja och vraka i en gemensam strategi. Då blir den meningslös, säger Mikael Törnqvist (S), oppositionsråd i Aneby.",
        "Näringslivsplanen ska nu behandlas av kommunfullmäktige i december.",
    ],
    "positive",
    "Aneby kommun följer bara de delar av Region Jönköpings läns RUS som passar; KSO och kommunchef sätter översiktsplanen först. Oppositionsrådet (S) försvarar RUS (hård negativ i samma artikel).",
    [
        L(
            "Aneby plockar russinen ur regionens strategi",
            1,
            "rus",
            "municipality",
            "Aneby",
            "(rubrik) Aneby kommun",
        ),
        L(
            "Aneby kommun tänker bara följa de delar av Region Jönköpings läns utvecklingsstrategi som passar kommunen.",
            1,
            "rus",
            "municipality",
            "Aneby",
            "Aneby kommun (journalistens referat)",
        ),
        L(
            "Resten lägger kommunledningen åt sidan.",
            1,
            "rus",
            "municipality",
            "Aneby",
            "kommunledningen i Aneby (journalistens referat)",
        ),
        L(
            "I planen står det att RUS ska användas ”i de delar som överensstämmer med kommunens egna mål”.",
            1,
            "rus",
            "municipality",
            "Aneby",
            "Aneby kommun (näringslivsplanen)",
        ),
        L(
            "Strategin är skriven för Jönköping och de stora orterna längs E4. Vi tar de delar som passar Aneby och lägger resten åt sidan",
            1,
            "rus",
            "kso",
            "Aneby",
            "Elin Vestberg (C)",
        ),
        L(
            "Vestberg menar att strategins fokus på att förtäta och bygga i de större tätorterna går emot kommunens ambition att växa på landsbygden.",
            1,
            "rus",
            "kso",
            "Aneby",
            "Elin Vestberg (C) (referat)",
        ),
        L(
            "Vi vill att folk ska kunna bygga hus vid sjöarna och i byarna. Regionens planer säger att man ska bygga tätt vid stationerna. Där följer vi inte regionen",
            1,
            "rus",
            "kso",
            "Aneby",
            "Elin Vestberg (C)",
        ),
        L(
            "RUS är länets gemensamma strategi och den har tagits fram tillsammans med kommunerna, också med Aneby. Det är klart att alla kommuner har olika förutsättningar, men vi behöver dra åt samma håll",
            0,
            "rus",
            "regional_official",
            "",
            "Johan Lindahl, Region Jönköpings län",
        ),
        L(
            "Vi deltar gärna i de regionala nätverken. Men när strategin krockar med vår översiktsplan är det översiktsplanen som gäller för oss",
            1,
            "rus",
            "kommundirektor",
            "Aneby",
            "Karin Åström, kommunchef",
        ),
        L(
            "Oppositionen i Aneby är inte enig med majoriteten, och Socialdemokraterna har reserverat sig mot beslutet.",
            0,
            "rus",
            "municipal_politician",
            "Aneby",
            "oppositionen i Aneby (stöder RUS mot den egna majoriteten)",
        ),
        L(
            "Man kan inte välja och vraka i en gemensam strategi. Då blir den meningslös",
            0,
            "rus",
            "oppositionsrad",
            "Aneby",
            "Mikael Törnqvist (S) (kritiserar den egna kommunledningen, inte regionen)",
        ),
    ],
)

A(
    "hoglandsposten",
    "eksjo-kritiserar-nassjo-gymnasieavtalet",
    "2026-10-29T15:10",
    "Oskar Hagström",
    "Nyheter",
    "Eksjö",
    "Eksjö kritiserar Nässjö: ”Ni drar undan mattan för samarbetet”",
    "Nässjö kommun vill lämna det gemensamma gymnasieavtalet på Höglandet. Beskedet får Eksjös kommunledning att reagera kraftigt.",
    [
        "Sedan 2015 har Aneby, Eksjö, Nässjö, Sävsjö, Tranås och Vetlanda ett samverkansavtal som gör att elever fritt kan söka till gymnasieprogram i hela Höglandet. Nu vill Nässjö säga upp avtalet från 2028.",
        "– Det här är ett svek mot samarbetet på Höglandet. Nässjö drar undan mattan för de andra kommunerna utan att ens ha diskuterat det med oss först, säger Ingela Strand (M), kommunstyrelsens ordförande i Eksjö.",
        "Hon befarar att Eksjö gymnasium kan förlora elever om Nässjö börjar prioritera sina egna program.",
        "Nässjös kommunstyrelseordförande Tomas Lundh (KD) förstår inte kritiken.",
        "– Avtalet har kostat Nässjö mycket pengar eftersom vi tar emot fler elever än vi skickar. Vi vill förhandla fram ett nytt avtal som är mer rättvist, säger han.",
        "## Oro bland eleverna",
        "Bland niondeklassarna som ska söka till gymnasiet i vår väcker beskedet oro.",
        "– Jag vill kunna välja program utifrån vad jag vill bli, inte utifrån var jag bor, säger Alva Persson, som går i nian i Aneby.",
        "Sävsjös kommunstyrelseordförande Gunnar Björk (KD) hoppas att kommunerna kan hitta en lösning.",
        "– Jag tror att alla vill ha kvar ett samarbete. Vi får sätta oss ner och prata, säger han.",
        "Frågan kommer att diskuteras på nästa möte i Höglandets kommunalförbund den 12 november. Där ska kommunerna också gå igenom hur elevströmmarna mellan kommunerna har sett ut de senaste fem åren.",
        "Enligt kommunalförbundets siffror söker varje år omkring 400 elever till ett gymnasieprogram i en annan Höglandskommun än den egna.",
    ],
    "negative",
    "Eksjös KSO kritiserar grannkommunen Nässjö för att säga upp gymnasieavtalet (kommun mot kommun, ingen regional prioritering).",
    [
        L(
            "Eksjö kritiserar Nässjö: ”Ni drar undan mattan för samarbetet”",
            0,
            "none",
            "municipality",
            "Eksjö",
            "(rubrik) Eksjö kommun",
        ),
        L(
            "Det här är ett svek mot samarbetet på Höglandet. Nässjö drar undan mattan för de andra kommunerna utan att ens ha diskuterat det med oss först",
            0,
            "none",
            "kso",
            "Eksjö",
            "Ingela Strand (M)",
        ),
        L(
            "Avtalet har kostat Nässjö mycket pengar eftersom vi tar emot fler elever än vi skickar. Vi vill förhandla fram ett nytt avtal som är mer rättvist",
            0,
            "none",
            "kso",
            "Nässjö",
            "Tomas Lundh (KD)",
        ),
        L(
            "Jag vill kunna välja program utifrån vad jag vill bli, inte utifrån var jag bor",
            0,
            "none",
            "citizen",
            "Aneby",
            "Alva Persson, elev",
        ),
        L(
            "Jag tror att alla vill ha kvar ett samarbete. Vi får sätta oss ner och prata",
            0,
            "none",
            "kso",
            "Sävsjö",
            "Gunnar Björk (KD)",
        ),
    ],
    neg_kind="municipality_vs_municipality",
)

A(
    "hoglandsposten",
    "kulturnatt-i-tranas",
    "2026-11-04T18:00",
    "Petra Almqvist",
    "Kultur",
    "Tranås",
    "Tusentals besökare när Tranås firade kulturnatt",
    "Konst, körsång och eldshow. Trots novemberkylan strömmade tusentals besökare till Tranås centrum under lördagens kulturnatt.",
    [
        "För femte året i rad arrangerades Kulturnatten i Tranås, och enligt arrangörerna var det det bäst besökta året hittills. Omkring 4 000 personer beräknas ha rört sig mellan de över trettio programpunkterna.",
        "På stadsbiblioteket läste lokala författare ur sina böcker, och i Tranås kyrka sjöng tre körer tillsammans inför fullsatta bänkar.",
        "– Det är fantastiskt att se så mycket folk. Kulturnatten har blivit en tradition som tranåsborna verkligen tycker om, säger Emma Lindholm, en av arrangörerna från kulturföreningen Sommenbygdens konstvänner.",
        "I Storgatans skyltfönster hade ett tjugotal konstnärer ställt ut verk, och flera butiker höll öppet till sent på kvällen.",
        "– Vi har sålt mer i kväll än på en vanlig lördag. Det här är bra för hela centrum, säger Ali Hassan som driver en bokhandel på Storgatan.",
        "## Eldshow i parken",
        "Kvällens höjdpunkt var eldshowen i Stadsparken, där artistgruppen Flamma från Linköping uppträdde framför flera hundra åskådare.",
        "– Jag har aldrig sett något liknande. Barnen var helt tagna, säger Johanna Ek som var där med sina två döttrar.",
        "För de yngsta fanns en sagovandring genom parken med lyktor och teater, och i Kulturhuset kunde besökare prova på keramik och måleri.",
        "Arrangörerna säger att de redan har börjat planera nästa års kulturnatt.",
        "– Vi vill gärna bli ännu större. Det finns många konstnärer och musiker här som förtjänar en publik, säger Emma Lindholm.",
    ],
    "negative",
    "Kultur: Kulturnatten i Tranås lockade tusentals besökare. Ingen regional fråga.",
    [
        L(
            "Det är fantastiskt att se så mycket folk. Kulturnatten har blivit en tradition som tranåsborna verkligen tycker om",
            0,
            "none",
            "citizen",
            "Tranås",
            "Emma Lindholm, arrangör",
        ),
    ],
    neg_kind="unrelated_culture",
)

A(
    "hoglandsposten",
    "tranas-rasar-mot-farre-krosatag",
    "2026-11-09T07:30",
    "Jonas Lindell",
    "Nyheter",
    "Tranås",
    "Tranås rasar mot färre tåg: ”Ett beslut fattat över våra huvuden”",
    "Region Jönköpings län halverar antalet Krösatåg mellan Tranås och Nässjö under helgerna. Kommunledningen i Tranås kräver att beslutet stoppas.",
    [
        "Förändringen gäller från tidtabellsskiftet i december. I stället för ett tåg i timmen kommer det att gå ett tåg varannan timme på lördagar och söndagar. Regionen beräknar att spara omkring fem miljoner kronor per år.",
        "– Det här är ett beslut som är fattat över våra huvuden. Ingen har frågat Tranås, och det accepterar vi inte, säger Roger Fahlén (S), kommunstyrelsens ordförande i Tranås.",
        "Han pekar på att helgtrafiken är viktig både för besöksnäringen och för de studenter som åker hem från Jönköping över helgerna.",
        "– Vi marknadsför Tranås som en plats där man kan bo och ta tåget. Då kan inte regionen halvera trafiken så fort det blir ont om pengar, säger Fahlén.",
        "## Krav från båda sidor",
        "– Regionens beslut är kortsiktigt. Man sparar några miljoner i dag men förlorar resenärer i flera år framåt. Vi kräver att regionen tänker om.",
        "Det säger Malin Nyquist (M), oppositionsråd i Tranås. Hon och Fahlén brukar sällan vara överens, men i tågfrågan står de på samma sida.",
        "Kommunstyrelsen har beslutat att skicka en skrivelse till Region Jönköpings län där kommunen kräver att helgtrafiken behålls i nuvarande omfattning.",
        "Peter Sandell (S), oppositionsregionråd, håller med om att neddragningen är olycklig, men lägger skulden på den styrande majoriteten i regionen.",
        "– Det här är en konsekvens av en budget som inte håller. Vi socialdemokrater ville prioritera tågtrafiken, säger han.",
        "Lotta Hjelm (KD), regionråd med ansvar för kollektivtrafiken, försvarar beslutet.",
        "– På helgerna åker ofta färre än tjugo personer med tågen. Vi satsar i stället på att förstärka vardagstrafiken, där pendlarna finns, säger hon.",
    ],
    "positive",
    "Region Jönköpings län halverar helgtrafiken med Krösatågen Tranås–Nässjö; Tranås KSO, oppositionsråd och kommunstyrelse kräver att beslutet stoppas. Oppositionsregionrådet är hård negativ.",
    [
        L(
            "Tranås rasar mot färre tåg: ”Ett beslut fattat över våra huvuden”",
            1,
            "transit",
            "municipality",
            "Tranås",
            "(rubrik) Tranås kommun",
        ),
        L(
            "Kommunledningen i Tranås kräver att beslutet stoppas.",
            1,
            "transit",
            "municipality",
            "Tranås",
            "kommunledningen i Tranås (journalistens referat)",
        ),
        L(
            "Det här är ett beslut som är fattat över våra huvuden. Ingen har frågat Tranås, och det accepterar vi inte",
            1,
            "transit",
            "kso",
            "Tranås",
            "Roger Fahlén (S)",
        ),
        L(
            "Vi marknadsför Tranås som en plats där man kan bo och ta tåget. Då kan inte regionen halvera trafiken så fort det blir ont om pengar",
            1,
            "transit",
            "kso",
            "Tranås",
            "Roger Fahlén (S)",
        ),
        L(
            "Regionens beslut är kortsiktigt. Man sparar några miljoner i dag men förlorar resenärer i flera år framåt. Vi kräver att regionen tänker om.",
            1,
            "transit",
            "oppositionsrad",
            "Tranås",
            "Malin Nyquist (M) (namnges i meningen efter citatet)",
        ),
        L(
            "Kommunstyrelsen har beslutat att skicka en skrivelse till Region Jönköpings län där kommunen kräver att helgtrafiken behålls i nuvarande omfattning.",
            1,
            "transit",
            "municipality",
            "Tranås",
            "Tranås kommun (journalistens referat)",
        ),
        L(
            "Det här är en konsekvens av en budget som inte håller. Vi socialdemokrater ville prioritera tågtrafiken",
            0,
            "transit",
            "regional_politician",
            "",
            "Peter Sandell (S), oppositionsregionråd",
        ),
        L(
            "På helgerna åker ofta färre än tjugo personer med tågen. Vi satsar i stället på att förstärka vardagstrafiken, där pendlarna finns",
            0,
            "transit",
            "regional_politician",
            "",
            "Lotta Hjelm (KD), regionråd",
        ),
    ],
)

A(
    "hoglandsposten",
    "jlt-testar-elbussar-i-eksjo",
    "2026-11-12T11:00",
    "Sanna Frid",
    "Nyheter",
    "Eksjö",
    "JLT testar eldrivna bussar i Eksjö",
    "Från och med måndag rullar två eldrivna bussar i stadstrafiken i Eksjö. Det är en del av JLT:s försök att ta reda på hur elbussar fungerar i mindre tätorter.",
    [
        "Bussarna kommer att köra på stadslinjerna 1 och 2 under ett halvår. Därefter ska JLT utvärdera bland annat räckvidd, laddtider och hur bussarna klarar vinterkylan.",
        "– Vi vet redan att elbussar fungerar bra i Jönköping. Nu vill vi se hur de fungerar i en mindre stad med andra förutsättningar, säger Niklas Holmén, projektledare på JLT.",
        "Bussarna laddas över natten i ett nybyggt depåutrymme och kan även snabbladdas vid busstationen under dagen. Laddplatsen vid busstationen har Eksjö kommun byggt som en del av ett gemensamt projekt med regionen.",
        "– Vi har bidragit med marken och med elanslutningen. Det har varit ett smidigt samarbete och vi tycker att det är roligt att Eksjö får vara med, säger Maria Lundkvist, miljöstrateg i Eksjö kommun.",
        "## Tystare och renare",
        "Förarna har redan hunnit provköra bussarna under ett par veckor.",
        "– Det är en helt annan känsla att köra. Det är tyst och mjukt, och resenärerna märker skillnad direkt, säger busschauffören Leif Arvidsson.",
        "Enligt JLT kan elbussarna minska koldioxidutsläppen med omkring 90 procent jämfört med dieselbussar, beroende på hur elen är producerad.",
        "Försöket finansieras delvis med statliga medel från Klimatklivet. Om det faller väl ut kan fler mindre orter i länet få elbussar när nästa trafikavtal upphandlas 2028.",
        "Resenärerna behöver inte göra något annorlunda. Biljetterna och tidtabellerna är desamma som tidigare.",
        "– Det enda man märker är att det blir lite tystare i stan, säger Niklas Holmén.",
    ],
    "negative",
    "Neutral nyhet: JLT provkör elbussar i Eksjös stadstrafik; kommunens miljöstrateg beskriver samarbetet positivt.",
    [
        L(
            "Vi vet redan att elbussar fungerar bra i Jönköping. Nu vill vi se hur de fungerar i en mindre stad med andra förutsättningar",
            0,
            "transit",
            "regional_official",
            "",
            "Niklas Holmén, JLT",
        ),
        L(
            "Vi har bidragit med marken och med elanslutningen. Det har varit ett smidigt samarbete och vi tycker att det är roligt att Eksjö får vara med",
            0,
            "transit",
            "municipality",
            "Eksjö",
            "Maria Lundkvist, miljöstrateg i Eksjö kommun",
        ),
        L(
            "Det är en helt annan känsla att köra. Det är tyst och mjukt, och resenärerna märker skillnad direkt",
            0,
            "transit",
            "citizen",
            "",
            "Leif Arvidsson, busschaufför",
        ),
    ],
    neg_kind="neutral_transit_news",
)

A(
    "hoglandsposten",
    "vrigstad-bybor-lamnar-namnlista",
    "2026-11-18T14:30",
    "Oskar Hagström",
    "Nyheter",
    "Sävsjö",
    "Bybor i Vrigstad lämnar namnlista för bussen",
    "Över 900 personer har skrivit under för att rädda busslinjen mellan Vrigstad och Sävsjö. På onsdagen överlämnades listorna till Region Jönköpings län.",
    [
        "Linjen hotas av nedläggning sedan JLT i somras föreslog att den ska ersättas med anropsstyrd trafik. Beslutet är ännu inte fattat, men byborna i Vrigstad vill inte vänta.",
        "– Vi har sett vad som händer på andra håll. När bussen försvinner flyttar ungdomarna och sedan stänger affären. Regionen ser bara siffror, inte människor, säger Birgitta Nord, ordförande i Vrigstads byalag.",
        "Byalaget har samlat namn i affären, på biblioteket och vid höstmarknaden. Sammanlagt blev det 934 underskrifter, vilket är mer än hälften av ortens invånare.",
        "Även pensionärsorganisationen SPF Seniorerna i Sävsjö står bakom uppropet.",
        "– För många av våra medlemmar är bussen det enda sättet att ta sig till vårdcentralen. Anropsstyrd trafik fungerar inte för den som inte kan hantera en app, säger Rune Axelsson från SPF Seniorerna.",
        "## Regionrådet lovar att lyssna",
        "Namnlistorna överlämnades till regionrådet Lotta Hjelm (KD) vid en kort ceremoni i Jönköping.",
        "– Jag tar det här på stort allvar. Vi kommer att väga in synpunkterna innan vi fattar något beslut, säger hon.",
        "Sävsjös kommunstyrelseordförande Gunnar Björk (KD) var också på plats.",
        "– Det är regionen som beslutar om busslinjerna, men det är viktigt att invånarnas röst hörs. Jag har lovat byalaget att se till att listorna kommer fram, säger han.",
        "Beslut om linjens framtid väntas i början av nästa år. Fram till dess går bussen enligt den nuvarande tidtabellen.",
    ],
    "negative",
    "Byalaget i Vrigstad och SPF lämnar namnlista mot hotad busslinje; Sävsjös KSO förmedlar neutralt, regionrådet lovar att lyssna.",
    [
        L(
            "Vi har sett vad som händer på andra håll. När bussen försvinner flyttar ungdomarna och sedan stänger affären. Regionen ser bara siffror, inte människor",
            0,
            "transit",
            "citizen",
            "Sävsjö",
            "Birgitta Nord, Vrigstads byalag (intresseorganisation)",
        ),
        L(
            "För många av våra medlemmar är bussen det enda sättet att ta sig till vårdcentralen. Anropsstyrd trafik fungerar inte för den som inte kan hantera en app",
            0,
            "transit",
            "citizen",
            "Sävsjö",
            "Rune Axelsson, SPF Seniorerna",
        ),
        L(
            "Jag tar det här på stort allvar. Vi kommer att väga in synpunkterna innan vi fattar något beslut",
            0,
            "transit",
            "regional_politician",
            "",
            "Lotta Hjelm (KD), regionråd",
        ),
        L(
            "Det är regionen som beslutar om busslinjerna, men det är viktigt att invånarnas röst hörs. Jag har lovat byalaget att se till att listorna kommer fram",
            0,
            "transit",
            "kso",
            "Sävsjö",
            "Gunnar Björk (KD)",
        ),
    ],
    neg_kind="citizens_interest_group",
)

A(
    "hoglandsposten",
    "sma-kommuner-enas-mot-busskarningar",
    "2026-11-24T06:00",
    "Maria Ekholm",
    "Nyheter",
    "Örebro och Jönköpings län",
    "Små kommuner i Örebro och Jönköpings län enas mot busskärningar",
    SYN_INGRESS,
    SYN_BODY,
    "positive",
    SYN_SUMMARY,
    [
        L(
            "Små kommuner i Örebro och Jönköpings län enas mot busskärningar",
            1,
            "transit",
            "municipality",
            SYN_MULTI,
            "(rubrik) kommunerna i uppropet",
        )
    ]
    + SYN_LABELS,
    syndicated_with="bergslagsbladet/landsbygdskommuner-gar-samman-mot-busskarningar",
)

A(
    "hoglandsposten",
    "eksjo-nej-till-flytt-fran-hoglandssjukhuset",
    "2026-11-26T06:30",
    "Petra Almqvist",
    "Nyheter",
    "Eksjö",
    "Eksjö säger nej till flytt av operationer från Höglandssjukhuset",
    "Region Jönköpings län vill samla planerade ortopediska operationer på Länssjukhuset Ryhov i Jönköping. Eksjö kommun säger bestämt nej.",
    [
        "Enligt förslaget, som presenterades för regionens hälso- och sjukvårdsnämnd i veckan, ska operationer av höft- och knäleder flyttas från Höglandssjukhuset i Eksjö till Ryhov från och med hösten 2027. Regionen vill på så sätt korta köerna och använda operationssalarna mer effektivt.",
        "– Vi säger nej. Höglandssjukhuset är navet i vården för hela östra länet, och varje verksamhet som flyttas därifrån gör sjukhuset svagare, säger Ingela Strand (M), kommunstyrelsens ordförande i Eksjö.",
        "Hon befarar att flytten är början på en större nedmontering.",
        "– Först är det ortopedin, sedan är det något annat. Regionen har lovat att Höglandssjukhuset ska finnas kvar som akutsjukhus, men det här går åt helt fel håll, säger Strand.",
        "## Personalen oroas",
        "Sjukhuset är en av kommunens största arbetsgivare med omkring 1 500 anställda.",
        "– Många av oss har valt att bo och jobba här för att sjukhuset finns. Om verksamheter flyttas kommer folk att söka sig därifrån, säger en undersköterska som inte vill framträda med namn.",
        "Regiondirektörens stab säger i en skriftlig kommentar att förslaget handlar om att ”ge patienterna kortare väntetider” och att Höglandssjukhuset ska behålla akutsjukvården.",
        "Oppositionsregionrådet Peter Sandell (S) kritiserar också förslaget.",
        "– Vi socialdemokrater i regionen kommer att rösta nej. Det här är inte genomtänkt, säger han.",
        "Eksjö kommun har bjudit in regionledningen till ett möte i december. Även Höglandets kommunalförbund ska behandla frågan.",
        "– Vi vill ha ett besked om att Höglandssjukhuset får behålla sina verksamheter. Vi kommer inte att ge oss, säger Ingela Strand.",
    ],
    "positive",
    "Region Jönköpings län vill flytta planerade ortopedoperationer från Höglandssjukhuset i Eksjö till Ryhov; Eksjös KSO säger nej (other_regional). Oppositionsregionrådet är hård negativ.",
    [
        L(
            "Eksjö säger nej till flytt av operationer från Höglandssjukhuset",
            1,
            "other_regional",
            "municipality",
            "Eksjö",
            "(rubrik) Eksjö kommun",
        ),
        L(
            "Eksjö kommun säger bestämt nej.",
            1,
            "other_regional",
            "municipality",
            "Eksjö",
            "Eksjö kommun (journalistens referat)",
        ),
        L(
            "Vi säger nej. Höglandssjukhuset är navet i vården för hela östra länet, och varje verksamhet som flyttas därifrån gör sjukhuset svagare",
            1,
            "other_regional",
            "kso",
            "Eksjö",
            "Ingela Strand (M)",
        ),
        L(
            "Hon befarar att flytten är början på en större nedmontering.",
            1,
            "other_regional",
            "kso",
            "Eksjö",
            "Ingela Strand (M) (referat, ”hon”)",
        ),
        L(
            "Först är det ortopedin, sedan är det något annat. Regionen har lovat att Höglandssjukhuset ska finnas kvar som akutsjukhus, men det här går åt helt fel håll",
            1,
            "other_regional",
            "kso",
            "Eksjö",
            "Ingela Strand (M)",
        ),
        L(
            "Många av oss har valt att bo och jobba här för att sjukhuset finns. Om verksamheter flyttas kommer folk att söka sig därifrån",
            0,
            "other_regional",
            "citizen",
            "Eksjö",
            "anonym undersköterska",
        ),
        L(
            "Vi socialdemokrater i regionen kommer att rösta nej. Det här är inte genomtänkt",
            0,
            "other_regional",
            "regional_politician",
            "",
            "Peter Sandell (S), oppositionsregionråd",
        ),
        L(
            "Vi vill ha ett besked om att Höglandssjukhuset får behålla sina verksamheter. Vi kommer inte att ge oss",
            1,
            "other_regional",
            "kso",
            "Eksjö",
            "Ingela Strand (M)",
        ),
    ],
)

# ======================================================================
# Kustnytt – Uppsala län (Region Uppsala, UL, Upptåget)
# ======================================================================

A(
    "kustnytt",
    "osthammar-ul-kan-inte-bestamma-over-graso",
    "2026-10-06T09:00",
    "Karl Sundström",
    "Nyheter",
    "Östhammar",
    "Östhammar: ”UL kan inte bestämma över Gräsö”",
    "UL vill lägga ner busslinjen till Gräsöfärjan i Öregrund och ersätta den med anropsstyrd trafik. Östhammars kommun vägrar godta beslutet.",
    [
        "Linje 847 går i dag mellan Östhammar, Öregrund och färjeläget till Gräsö sju gånger per vardag. Enligt UL:s förslag ska linjen ersättas av anropsstyrd närtrafik från och med juni.",
        "Region Uppsala motiverar förändringen med att resandet är lågt utanför sommarmånaderna.",
        "– UL kan inte bestämma över Gräsö. Det är kommunen som vet hur människor här lever och reser, och vi godtar inte att linjen läggs ner, säger Lars-Erik Norrman (C), kommunstyrelsens ordförande i Östhammar.",
        "Han betonar att Gräsö har omkring 800 bofasta och att ön lockar tusentals besökare på somrarna.",
        "– Vi har i vår översiktsplan pekat ut Gräsö som ett område där fler ska kunna bo året runt. Det går inte ihop med att UL drar in bussen, säger Norrman.",
        "## ”Ett steg bakåt”",
        "Även kommunalrådet Helena Wiik (S) är kritisk.",
        "– Anropsstyrd trafik är bra som komplement, men det är ett steg bakåt om det ersätter en fast linje. Regionen måste tänka om, säger hon.",
        "Ylva Bergman (MP), regionråd och ordförande i Region Uppsalas kollektivtrafiknämnd, säger att förslaget fortfarande är på remiss.",
        "– Vi vill ha kollektivtrafik på Gräsö även i framtiden. Frågan är bara i vilken form. Anropsstyrd trafik kan faktiskt ge fler avgångar än i dag, säger hon.",
        "Fredrik Tornberg, trafikdirektör på UL, säger att det i genomsnitt åker fyra resenärer per tur under vinterhalvåret.",
        "– Vi ser över alla linjer med lågt resande. Det här handlar inte om att lämna Gräsö, utan om att hitta rätt trafiklösning, säger han.",
        "Remisstiden går ut den 30 oktober. Östhammars kommun kommer att lämna ett yttrande där kommunen kräver att linjen behålls.",
    ],
    "positive",
    "UL föreslår att linje 847 till Gräsöfärjan ersätts med anropsstyrd trafik; Östhammars KSO och kommunalråd vägrar godta det och hänvisar till översiktsplanen.",
    [
        L(
            "Östhammar: ”UL kan inte bestämma över Gräsö”",
            1,
            "transit",
            "municipality",
            "Östhammar",
            "(rubrik) Östhammars kommun",
        ),
        L(
            "Östhammars kommun vägrar godta beslutet.",
            1,
            "transit",
            "municipality",
            "Östhammar",
            "Östhammars kommun (journalistens referat)",
        ),
        L(
            "UL kan inte bestämma över Gräsö. Det är kommunen som vet hur människor här lever och reser, och vi godtar inte att linjen läggs ner",
            1,
            "transit",
            "kso",
            "Östhammar",
            "Lars-Erik Norrman (C)",
        ),
        L(
            "Vi har i vår översiktsplan pekat ut Gräsö som ett område där fler ska kunna bo året runt. Det går inte ihop med att UL drar in bussen",
            1,
            "transit",
            "kso",
            "Östhammar",
            "Lars-Erik Norrman (C)",
        ),
        L(
            "Även kommunalrådet Helena Wiik (S) är kritisk.",
            1,
            "transit",
            "kommunalrad",
            "Östhammar",
            "Helena Wiik (S) (referat)",
        ),
        L(
            "Anropsstyrd trafik är bra som komplement, men det är ett steg bakåt om det ersätter en fast linje. Regionen måste tänka om",
            1,
            "transit",
            "kommunalrad",
            "Östhammar",
            "Helena Wiik (S)",
        ),
        L(
            "Vi vill ha kollektivtrafik på Gräsö även i framtiden. Frågan är bara i vilken form. Anropsstyrd trafik kan faktiskt ge fler avgångar än i dag",
            0,
            "transit",
            "regional_politician",
            "",
            "Ylva Bergman (MP), regionråd",
        ),
        L(
            "Vi ser över alla linjer med lågt resande. Det här handlar inte om att lämna Gräsö, utan om att hitta rätt trafiklösning",
            0,
            "transit",
            "regional_official",
            "",
            "Fredrik Tornberg, UL",
        ),
        L(
            "Östhammars kommun kommer att lämna ett yttrande där kommunen kräver att linjen behålls.",
            1,
            "transit",
            "municipality",
            "Östhammar",
            "Östhammars kommun (journalistens referat)",
        ),
    ],
)

A(
    "kustnytt",
    "regionradet-forsvarar-upptagets-tidtabell",
    "2026-10-09T12:00",
    "Ida Hellberg",
    "Nyheter",
    "Uppsala län",
    "Regionrådet försvarar ändringarna i Upptågets tidtabell",
    "Moderaterna i Region Uppsala kallar de nya tidtabellerna för Upptåget ett misslyckande. Regionrådet Ylva Bergman (MP) menar att förändringarna ger bättre anslutningar i Uppsala.",
    [
        "Sedan augusti går Upptåget mellan Uppsala och Gävle enligt en ny tidtabell. Avgångarna har flyttats för att passa bättre mot fjärrtågen söderut, men samtidigt har flera pendlare fått längre väntetider.",
        "– Det här är ett misslyckande. Pendlare som har åkt samma tåg i tio år står nu och väntar en halvtimme på perrongen i Tierp, säger Magnus Kjell (M), oppositionsregionråd i Region Uppsala.",
        "Moderaterna har lämnat en interpellation till regionfullmäktige och kräver att tidtabellen ses över inför nästa tidtabellsskifte.",
        "– Majoriteten har inte lyssnat på resenärerna. Det har vi sagt från början, säger Kjell.",
        "## ”Fler får bättre resor”",
        "Ylva Bergman (MP), regionråd och ordförande i kollektivtrafiknämnden, försvarar förändringen.",
        "– Vi har fattat ett avvägt beslut. Fler resenärer får bättre anslutningar mot Stockholm och Arlanda, även om vissa får det sämre. Så blir det alltid när man ändrar en tidtabell, säger hon.",
        "Enligt UL har antalet resor med Upptåget ökat med fyra procent sedan augusti jämfört med samma period i fjol.",
        "– Siffrorna visar att förändringen har tagits emot väl av de flesta. Men vi följer utvecklingen och tar till oss av synpunkterna, säger Fredrik Tornberg, trafikdirektör på UL.",
        "Bland resenärerna på Tierps station på torsdagsmorgonen var åsikterna delade.",
        "– För mig har det blivit bättre, jag hinner med tåget till Stockholm utan att stressa. Men jag vet att kollegorna som åker norrut är irriterade, säger Elin Mårtensson som pendlar till Solna.",
        "Interpellationen ska besvaras på regionfullmäktiges möte den 17 november.",
    ],
    "negative",
    "Oppositionsregionrådet (M) kallar Upptågets nya tidtabell ett misslyckande; regionrådet (MP) och UL försvarar. Inga kommunala aktörer.",
    [
        L(
            "Det här är ett misslyckande. Pendlare som har åkt samma tåg i tio år står nu och väntar en halvtimme på perrongen i Tierp",
            0,
            "transit",
            "regional_politician",
            "",
            "Magnus Kjell (M), oppositionsregionråd",
        ),
        L(
            "Majoriteten har inte lyssnat på resenärerna. Det har vi sagt från början",
            0,
            "transit",
            "regional_politician",
            "",
            "Magnus Kjell (M), oppositionsregionråd",
        ),
        L(
            "Vi har fattat ett avvägt beslut. Fler resenärer får bättre anslutningar mot Stockholm och Arlanda, även om vissa får det sämre. Så blir det alltid när man ändrar en tidtabell",
            0,
            "transit",
            "regional_politician",
            "",
            "Ylva Bergman (MP), regionråd",
        ),
        L(
            "Siffrorna visar att förändringen har tagits emot väl av de flesta. Men vi följer utvecklingen och tar till oss av synpunkterna",
            0,
            "transit",
            "regional_official",
            "",
            "Fredrik Tornberg, UL",
        ),
        L(
            "För mig har det blivit bättre, jag hinner med tåget till Stockholm utan att stressa. Men jag vet att kollegorna som åker norrut är irriterade",
            0,
            "transit",
            "citizen",
            "Tierp",
            "Elin Mårtensson, pendlare",
        ),
    ],
    neg_kind="regional_politician",
)

A(
    "kustnytt",
    "alvkarleby-kraver-att-upptaget-stannar-i-skutskar",
    "2026-10-14T07:00",
    "Amir Haddad",
    "Nyheter",
    "Älvkarleby",
    "Älvkarleby kräver att Upptåget fortsätter stanna i Skutskär",
    "Region Uppsala vill att varannan avgång med Upptåget ska köra förbi Skutskär utan att stanna. Kommunledningen i Älvkarleby kallar förslaget oacceptabelt.",
    [
        "Förslaget ingår i Region Uppsalas plan för att korta restiden mellan Uppsala och Gävle. Genom att hoppa över de mindre stationerna kan restiden för snabbtågen minska med upp till tolv minuter.",
        "– Det här är oacceptabelt. Skutskär är den största orten mellan Tierp och Gävle och regionen vill göra oss till en plats som tågen bara susar förbi, säger Stefan Lindén (S), kommunstyrelsens ordförande i Älvkarleby.",
        "Enligt kommunen pendlar omkring 600 personer dagligen från Skutskärs station, de flesta till Gävle men också till Uppsala.",
        "– Vi har byggt nya bostäder nära stationen just för att folk ska kunna ta tåget. Regionen river nu upp grunden för vår planering, säger Lindén.",
        "## Kommunen vill se andra lösningar",
        "Kommunchefen Jenny Sundin säger att kommunen har lämnat ett remissvar där man avvisar förslaget i sin helhet.",
        "– Vi föreslår i stället att regionen ser över andra sätt att korta restiden, exempelvis genom bättre tidtabellsplanering. Men att ta bort stopp i Skutskär säger vi nej till, säger hon.",
        "X-trafik i Gävleborg, som också berörs av förändringen, har ännu inte kommenterat förslaget.",
        "Ylva Bergman (MP), regionråd, säger att förslaget är ett sätt att göra tåget mer attraktivt för fler.",
        "– Vi måste kunna erbjuda snabba resor mellan Uppsala och Gävle. Men inget är bestämt, och vi lyssnar på Älvkarleby, säger hon.",
        "Beslut väntas i kollektivtrafiknämnden i januari. Om förslaget går igenom börjar den nya trafiken gälla vid tidtabellsskiftet i juni.",
    ],
    "positive",
    "Region Uppsala vill låta varannan avgång med Upptåget passera Skutskär; Älvkarlebys KSO och kommunchef avvisar förslaget.",
    [
        L(
            "Älvkarleby kräver att Upptåget fortsätter stanna i Skutskär",
            1,
            "transit",
            "municipality",
            "Älvkarleby",
            "(rubrik) Älvkarleby kommun",
        ),
        L(
            "Kommunledningen i Älvkarleby kallar förslaget oacceptabelt.",
            1,
            "transit",
            "municipality",
            "Älvkarleby",
            "kommunledningen i Älvkarleby (journalistens referat)",
        ),
        L(
            "Det här är oacceptabelt. Skutskär är den största orten mellan Tierp och Gävle och regionen vill göra oss till en plats som tågen bara susar förbi",
            1,
            "transit",
            "kso",
            "Älvkarleby",
            "Stefan Lindén (S)",
        ),
        L(
            "Vi har byggt nya bostäder nära stationen just för att folk ska kunna ta tåget. Regionen river nu upp grunden för vår planering",
            1,
            "transit",
            "kso",
            "Älvkarleby",
            "Stefan Lindén (S)",
        ),
        L(
            "Kommunchefen Jenny Sundin säger att kommunen har lämnat ett remissvar där man avvisar förslaget i sin helhet.",
            1,
            "transit",
            "kommundirektor",
            "Älvkarleby",
            "Jenny Sundin, kommunchef (referat)",
        ),
        L(
            "Vi föreslår i stället att regionen ser över andra sätt att korta restiden, exempelvis genom bättre tidtabellsplanering. Men att ta bort stopp i Skutskär säger vi nej till",
            1,
            "transit",
            "kommundirektor",
            "Älvkarleby",
            "Jenny Sundin, kommunchef",
        ),
        L(
            "Vi måste kunna erbjuda snabba resor mellan Uppsala och Gävle. Men inget är bestämt, och vi lyssnar på Älvkarleby",
            0,
            "transit",
            "regional_politician",
            "",
            "Ylva Bergman (MP), regionråd",
        ),
    ],
)

A(
    "kustnytt",
    "insandare-lat-inte-grasobussen-forsvinna",
    "2026-10-19T10:30",
    "Insändare",
    "Åsikter",
    "Gräsö",
    "Insändare: Låt inte Gräsöbussen försvinna",
    "UL:s förslag att ersätta linjen till Gräsöfärjan med anropsstyrd trafik oroar en Gräsöbo, som skriver i veckans insändare.",
    [
        "Jag har bott på Gräsö i hela mitt liv. Jag har sett skolan stänga, affären byta ägare tre gånger och postkontoret försvinna. Nu vill Region Uppsala ta bort bussen också.",
        "UL säger att det bara åker fyra personer per tur på vintern. Men de fyra personerna är ofta samma människor varje dag. Det är min granne som ska till dialysen. Det är ungdomarna som går på gymnasiet inne på fastlandet. Det är jag, som inte längre får köra bil efter min stroke.",
        "Anropsstyrd trafik låter bra på papperet. Men den som har försökt boka en resa två timmar i förväg en mörk januarimorgon vet att det inte är samma sak som en buss som går på bestämd tid.",
        "Jag förstår att Region Uppsala måste spara pengar. Men det är märkligt att besparingarna alltid ska tas där det redan finns minst. I Uppsala går bussarna var femte minut. Här ute handlar det om sju turer om dagen, och nu ska de bort.",
        "Politikerna i regionen pratar gärna om att hela länet ska leva. Då måste de också ge oss möjlighet att bo kvar. En buss till färjan är inte en lyx. Det är en förutsättning.",
        "Jag vill uppmana alla som bor på Gräsö och i Öregrund att skriva ett remissvar till Region Uppsala innan den 30 oktober. Det går att göra på regionens webbplats.",
        "Låt inte Gräsöbussen försvinna.",
        "Karin Öhman, Gräsö",
    ],
    "negative",
    "Insändare från en Gräsöbo mot UL:s förslag att ersätta linjen till Gräsöfärjan.",
    [
        L(
            "Men det är märkligt att besparingarna alltid ska tas där det redan finns minst.",
            0,
            "transit",
            "citizen",
            "Östhammar",
            "Karin Öhman (insändarskribent)",
        ),
        L(
            "En buss till färjan är inte en lyx. Det är en förutsättning.",
            0,
            "transit",
            "citizen",
            "Östhammar",
            "Karin Öhman (insändarskribent)",
        ),
    ],
    neg_kind="citizen_letter",
)

A(
    "kustnytt",
    "tierp-regionens-strategi-har-glomt-norra-lanet",
    "2026-10-23T08:15",
    "Frida Norén",
    "Nyheter",
    "Tierp",
    "Tierp: ”Regionens strategi har glömt norra länet”",
    "Region Uppsala har skickat ut sin nya regionala utvecklingsstrategi på remiss. Tierps kommun är kritisk och tänker hålla fast vid sin egen översiktsplan.",
    [
        "Strategin, som ska gälla fram till 2050, beskriver hur Uppsala län ska utvecklas när befolkningen växer. En central del är en så kallad strukturbild, som pekar ut var bostäder, arbetsplatser och kollektivtrafik ska koncentreras.",
        "Enligt strukturbilden ska den största delen av tillväxten ske i Uppsala och längs stråken mot Stockholm och Enköping.",
        "– Regionens strategi har glömt norra länet. Tierp nämns knappt, och när vi nämns är det som en plats man pendlar ifrån, säger Åsa Forsberg (S), kommunstyrelsens ordförande i Tierp.",
        "Tierps kommun planerar för 3 000 nya invånare till 2040, bland annat genom nya bostadsområden i Tierp, Örbyhus och Söderfors.",
        "– Vi följer vår egen översiktsplan. Den är antagen av fullmäktige och den utgår från Tierps behov, inte från en strukturbild som har ritats i Uppsala, säger Forsberg.",
        "## Oppositionen håller med",
        "Även oppositionen i Tierp är kritisk till strategin.",
        "– För en gångs skull är vi helt eniga med majoriteten. RUS:en är inte skriven för oss och vi ska inte låtsas att den är det, säger Daniel Ek (M), oppositionsråd i Tierp.",
        "Region Uppsalas regionala utvecklingsdirektör, Sofia Lagerkvist, säger att strategin är ett förslag och att alla remissvar kommer att beaktas.",
        "– Vi vill ha en strategi för hela länet. Om Tierp inte känner igen sig vill vi veta det, och det är just därför vi har en remiss, säger hon.",
        "Remisstiden går ut den 15 november. Regionfullmäktige väntas anta strategin under våren.",
    ],
    "positive",
    "Tierps KSO och oppositionsråd avfärdar Region Uppsalas RUS/strukturbild och håller fast vid kommunens översiktsplan.",
    [
        L(
            "Tierp: ”Regionens strategi har glömt norra länet”",
            1,
            "rus",
            "municipality",
            "Tierp",
            "(rubrik) Tierps kommun",
        ),
        L(
            "Tierps kommun är kritisk och tänker hålla fast vid sin egen översiktsplan.",
            1,
            "rus",
            "municipality",
            "Tierp",
            "Tierps kommun (journalistens referat)",
        ),
        L(
            "Regionens strategi har glömt norra länet. Tierp nämns knappt, och när vi nämns är det som en plats man pendlar ifrån",
            1,
            "rus",
            "kso",
            "Tierp",
            "Åsa Forsberg (S)",
        ),
        L(
            "Vi följer vår egen översiktsplan. Den är antagen av fullmäktige och den utgår från Tierps behov, inte från en strukturbild som har ritats i Uppsala",
            1,
            "rus",
            "kso",
            "Tierp",
            "Åsa Forsberg (S)",
        ),
        L(
            "Även oppositionen i Tierp är kritisk till strategin.",
            1,
            "rus",
            "municipal_politician",
            "Tierp",
            "oppositionen i Tierp (journalistens referat)",
        ),
        L(
            "För en gångs skull är vi helt eniga med majoriteten. RUS:en är inte skriven för oss och vi ska inte låtsas att den är det",
            1,
            "rus",
            "oppositionsrad",
            "Tierp",
            "Daniel Ek (M)",
        ),
        L(
            "Vi vill ha en strategi för hela länet. Om Tierp inte känner igen sig vill vi veta det, och det är just därför vi har en remiss",
            0,
            "rus",
            "regional_official",
            "",
            "Sofia Lagerkvist, Region Uppsala",
        ),
    ],
)

A(
    "kustnytt",
    "osthammar-kraver-att-staten-rustar-upp-vag-76",
    "2026-10-28T13:30",
    "Karl Sundström",
    "Nyheter",
    "Östhammar",
    "Östhammar kräver att staten rustar upp väg 76",
    "Tunga transporter till Forsmark och ökande pendling har gjort väg 76 till en av länets farligaste vägar. Nu kräver kommunledningen i Östhammar att Trafikverket agerar.",
    [
        "Väg 76 passerar genom Östhammars kommun och är huvudstråket för transporterna till Forsmarks kärnkraftverk och byggarbetsplatsen för slutförvaret av använt kärnbränsle.",
        "Enligt Trafikverkets mätningar har den tunga trafiken ökat med över 30 procent på fem år.",
        "– Staten har ett särskilt ansvar här. Det är staten som har beslutat om slutförvaret, och då måste staten också se till att vägen klarar trafiken. Trafikverket har dragit benen efter sig i åratal, säger Lars-Erik Norrman (C), kommunstyrelsens ordförande i Östhammar.",
        "Han pekar på att sträckan mellan Östhammar och Forsmark saknar mitträcke och har flera farliga korsningar.",
        "– Vi har haft tre dödsolyckor på den här sträckan de senaste fem åren. Det är inte acceptabelt, säger Norrman.",
        "## Regionen stöttar",
        "Region Uppsala har i länstransportplanen avsatt pengar för trafiksäkerhetsåtgärder på väg 76, men de stora investeringarna kräver nationella medel.",
        "– Regionen har gjort vad den kan inom ramen för länsplanen, och det är vi tacksamma för. Men det räcker inte. Nu måste regeringen och Trafikverket ta över, säger Norrman.",
        "Trafikverket säger att myndigheten är medveten om problemen.",
        "– Väg 76 finns med i vår planering, men vi har begränsade resurser och måste prioritera mellan många angelägna objekt i hela landet, säger Maria Sjödin, planeringsdirektör på Trafikverket.",
        "Östhammars kommun har tillsammans med Region Uppsala bett om ett möte med infrastrukturministern. Något datum är ännu inte bestämt.",
    ],
    "negative",
    "Östhammars KSO kritiserar staten och Trafikverket för väg 76; tackar regionen för insatserna i länstransportplanen.",
    [
        L(
            "Östhammar kräver att staten rustar upp väg 76",
            0,
            "none",
            "municipality",
            "Östhammar",
            "(rubrik) Östhammars kommun",
        ),
        L(
            "Nu kräver kommunledningen i Östhammar att Trafikverket agerar.",
            0,
            "none",
            "municipality",
            "Östhammar",
            "kommunledningen i Östhammar (mot staten)",
        ),
        L(
            "Staten har ett särskilt ansvar här. Det är staten som har beslutat om slutförvaret, och då måste staten också se till att vägen klarar trafiken. Trafikverket har dragit benen efter sig i åratal",
            0,
            "none",
            "kso",
            "Östhammar",
            "Lars-Erik Norrman (C)",
        ),
        L(
            "Vi har haft tre dödsolyckor på den här sträckan de senaste fem åren. Det är inte acceptabelt",
            0,
            "none",
            "kso",
            "Östhammar",
            "Lars-Erik Norrman (C)",
        ),
        L(
            "Regionen har gjort vad den kan inom ramen för länsplanen, och det är vi tacksamma för. Men det räcker inte. Nu måste regeringen och Trafikverket ta över",
            0,
            "none",
            "kso",
            "Östhammar",
            "Lars-Erik Norrman (C)",
        ),
        L(
            "Väg 76 finns med i vår planering, men vi har begränsade resurser och måste prioritera mellan många angelägna objekt i hela landet",
            0,
            "none",
            "state",
            "",
            "Maria Sjödin, Trafikverket",
        ),
    ],
    neg_kind="municipal_vs_state",
)

A(
    "kustnytt",
    "premiarseger-for-tierps-bk",
    "2026-11-02T19:30",
    "Amir Haddad",
    "Sport",
    "Tierp",
    "Premiärseger för Tierps BK efter rysare",
    "Tierps BK inledde bandysäsongen med en dramatisk 5–4-seger hemma mot Gävle BA. Det avgörande målet kom med bara två minuter kvar.",
    [
        "Drygt 400 åskådare hade letat sig till den konstfrusna banan vid Tierps sporthall för säsongens första hemmamatch, och de fick se en match som böljade fram och tillbaka.",
        "Tierp tog ledningen efter åtta minuter genom lagkaptenen Viktor Engström, men gästerna vände till 1–2 före paus efter två hörnmål.",
        "– Vi var lite nervösa i början och gav bort för många hörnor. Det var det vi pratade om i pausen, säger tränaren Maria Ljungqvist.",
        "## Ung målskytt",
        "I andra halvlek tog hemmalaget över. 18-årige Hugo Palm gjorde två mål på fem minuter och gav Tierp ledningen med 3–2. Gästerna kvitterade, Tierp gick upp till 4–3, och med tio minuter kvar stod det åter lika.",
        "Sedan kom avgörandet. Efter en snabb omställning fick Viktor Engström bollen framför mål och slog in sitt andra mål för kvällen.",
        "– Jag såg bara målet och sköt. Det är en underbar känsla att vinna premiären inför egen publik, säger Engström.",
        "Hugo Palm, som gjorde sina första mål i A-laget, var överlycklig.",
        "– Jag har drömt om det här sedan jag var liten och stod på läktaren. Att göra två mål i premiären är helt galet, säger han.",
        "Tränaren är nöjd men inte helt tillfreds med försvarsspelet.",
        "– Vi släpper in för många mål. Det måste vi jobba med, men en seger är en seger, säger Maria Ljungqvist.",
        "Nästa match spelas på lördag på bortais.",
    ],
    "negative",
    "Sport: Tierps BK vinner bandypremiären. Ingen regional fråga.",
    [
        L(
            "Jag såg bara målet och sköt. Det är en underbar känsla att vinna premiären inför egen publik",
            0,
            "none",
            "citizen",
            "Tierp",
            "Viktor Engström, lagkapten",
        ),
    ],
    neg_kind="unrelated_sports",
)

A(
    "kustnytt",
    "regionala-pengar-till-stationsomradet-i-skutskar",
    "2026-11-06T10:00",
    "Ida Hellberg",
    "Nyheter",
    "Älvkarleby",
    "Regionala pengar ska lyfta stationsområdet i Skutskär",
    "Region Uppsala beviljar 4,2 miljoner kronor ur sina regionala utvecklingsmedel till ett projekt som ska utveckla området kring Skutskärs station. Kommunen välkomnar beskedet.",
    [
        "Projektet ska pågå i tre år och omfattar bland annat en ny cykelparkering, bättre belysning och planering för bostäder och service nära stationen. Älvkarleby kommun bidrar med lika mycket egna medel.",
        "– Det här är ett kvitto på att vi och regionen arbetar mot samma mål. Stationsområdet är viktigt för hela kommunens utveckling, säger Jenny Sundin, kommunchef i Älvkarleby.",
        "Satsningen ligger i linje med den regionala utvecklingsstrategin, som pekar ut stationsnära bostäder som ett sätt att öka det hållbara resandet.",
        "– Regionen har lyssnat på oss och vi ser fram emot att komma igång. Det visar att samarbetet fungerar när vi drar åt samma håll, säger Stefan Lindén (S), kommunstyrelsens ordförande i Älvkarleby.",
        "## Del av större satsning",
        "Projektet är ett av sju som beviljas stöd i årets utlysning av regionala utvecklingsmedel. Sammanlagt fördelas drygt 18 miljoner kronor.",
        "– Vi vill stödja projekt som gör det lättare att bo och arbeta i hela länet. Skutskär har goda förutsättningar med sitt läge vid järnvägen, säger Anders Hägg (C), regionråd med ansvar för regional utveckling.",
        "Arbetet ska inledas med en medborgardialog under våren, där invånarna får tycka till om hur stationsområdet ska utvecklas.",
        "– Vi vill att de som använder stationen varje dag ska vara med och forma den, säger Jenny Sundin.",
        "Första spadtaget för cykelparkeringen väntas tas under hösten 2027. Belysningen längs gångvägarna till stationen ska vara på plats redan nästa vinter.",
    ],
    "negative",
    "Region Uppsala beviljar regionala utvecklingsmedel till Skutskärs stationsområde; Älvkarlebys kommunchef och KSO välkomnar samarbetet.",
    [
        L(
            "Det här är ett kvitto på att vi och regionen arbetar mot samma mål. Stationsområdet är viktigt för hela kommunens utveckling",
            0,
            "rus",
            "kommundirektor",
            "Älvkarleby",
            "Jenny Sundin, kommunchef",
        ),
        L(
            "Kommunen välkomnar beskedet.",
            0,
            "rus",
            "municipality",
            "Älvkarleby",
            "Älvkarleby kommun (referat)",
        ),
        L(
            "Regionen har lyssnat på oss och vi ser fram emot att komma igång. Det visar att samarbetet fungerar när vi drar åt samma håll",
            0,
            "rus",
            "kso",
            "Älvkarleby",
            "Stefan Lindén (S)",
        ),
        L(
            "Vi vill stödja projekt som gör det lättare att bo och arbeta i hela länet. Skutskär har goda förutsättningar med sitt läge vid järnvägen",
            0,
            "rus",
            "regional_politician",
            "",
            "Anders Hägg (C), regionråd",
        ),
    ],
    neg_kind="municipal_support",
)

A(
    "kustnytt",
    "tierp-vagrar-acceptera-uls-nya-linjedragning",
    "2026-11-11T07:45",
    "Frida Norén",
    "Nyheter",
    "Tierp",
    "Tierp vägrar acceptera UL:s nya linjedragning",
    "UL vill att linje 821 mellan Tierp och Uppsala ska gå direkt på E4 i stället för via Tobo och Vendel. Kommunen menar att det är kommunens planer, inte UL:s, som ska styra var trafiken går.",
    [
        "UL motiverar förändringen med att restiden mellan Tierp och Uppsala kortas med nästan tjugo minuter, vilket enligt bolaget kan locka fler bilister att börja åka buss. Hållplatserna i Tobo och Vendel försvinner från linjen i juni.",
        "Men i Tierp är reaktionerna hårda.",
        "– Vi har i flera år planerat för att Tobo ska växa. Vi har gjort detaljplaner för nya bostäder och byggt ut förskolan. Och så bestämmer UL att bussen inte ska stanna där längre, säger Åsa Forsberg (S), kommunstyrelsens ordförande i Tierp.",
        "– Det är inte UL som ska bestämma var människor i Tierps kommun ska bo. Vi kräver att linjen fortsätter att gå via Tobo, fortsätter hon.",
        "Tierps kommun har skickat en skrivelse till Region Uppsala där kommunen begär att beslutet omprövas.",
        "## Tåget räcker inte",
        "UL hänvisar till att Tobo redan har en station för Upptåget.",
        "– Resenärerna i Tobo har redan Upptåget som går varje timme till Uppsala. Vi vill inte köra parallellt med tåget, säger Fredrik Tornberg, trafikdirektör på UL.",
        "Men enligt oppositionsrådet Daniel Ek (M) håller inte argumentet.",
        "– Tåget stannar vid stationen. Bussen stannar mitt i byn, vid skolan och vid affären. Det är två helt olika saker, och UL:s beslut är helt enkelt fel, säger Ek.",
        "Vendel, med omkring 300 invånare, saknar tågförbindelse och blir helt utan linjetrafik om förändringen genomförs. Där kommer invånarna i stället att hänvisas till anropsstyrd trafik.",
        "– Det är bedrövligt. Vi som bor här ute räknas inte, säger Britt Söderlund, 74, som bor i Vendel.",
        "Ylva Bergman (MP), regionråd, säger att frågan kommer att tas upp i kollektivtrafiknämnden i december.",
    ],
    "positive",
    "UL drar om linje 821 Tierp–Uppsala till E4 och stryker Tobo och Vendel; Tierps KSO, oppositionsråd och kommunen kräver att linjen går via Tobo (UL bestämmer var trafiken går).",
    [
        L(
            "Tierp vägrar acceptera UL:s nya linjedragning",
            1,
            "transit",
            "municipality",
            "Tierp",
            "(rubrik) Tierps kommun",
        ),
        L(
            "Kommunen menar att det är kommunens planer, inte UL:s, som ska styra var trafiken går.",
            1,
            "transit",
            "municipality",
            "Tierp",
            "Tierps kommun (journalistens referat)",
        ),
        L(
            "Men i Tierp är reaktionerna hårda.",
            1,
            "transit",
            "municipality",
            "Tierp",
            "Tierps kommun (journalistens referat)",
        ),
        L(
            "Vi har i flera år planerat för att Tobo ska växa. Vi har gjort detaljplaner för nya bostäder och byggt ut förskolan. Och så bestämmer UL att bussen inte ska stanna där längre",
            1,
            "transit",
            "kso",
            "Tierp",
            "Åsa Forsberg (S)",
        ),
        L(
            "Det är inte UL som ska bestämma var människor i Tierps kommun ska bo. Vi kräver att linjen fortsätter att gå via Tobo",
            1,
            "transit",
            "kso",
            "Tierp",
            "Åsa Forsberg (S) (”fortsätter hon”)",
        ),
        L(
            "Tierps kommun har skickat en skrivelse till Region Uppsala där kommunen begär att beslutet omprövas.",
            1,
            "transit",
            "municipality",
            "Tierp",
            "Tierps kommun (journalistens referat)",
        ),
        L(
            "Resenärerna i Tobo har redan Upptåget som går varje timme till Uppsala. Vi vill inte köra parallellt med tåget",
            0,
            "transit",
            "regional_official",
            "",
            "Fredrik Tornberg, UL",
        ),
        L(
            "Men enligt oppositionsrådet Daniel Ek (M) håller inte argumentet.",
            1,
            "transit",
            "oppositionsrad",
            "Tierp",
            "Daniel Ek (M) (referat)",
        ),
        L(
            "Tåget stannar vid stationen. Bussen stannar mitt i byn, vid skolan och vid affären. Det är två helt olika saker, och UL:s beslut är helt enkelt fel",
            1,
            "transit",
            "oppositionsrad",
            "Tierp",
            "Daniel Ek (M)",
        ),
        L(
            "Det är bedrövligt. Vi som bor här ute räknas inte",
            0,
            "transit",
            "citizen",
            "Tierp",
            "Britt Söderlund, Vendel",
        ),
    ],
)

A(
    "kustnytt",
    "oppositionen-kritiserar-nya-skolskjutsreglerna",
    "2026-11-16T17:00",
    "Karl Sundström",
    "Nyheter",
    "Östhammar",
    "Oppositionen kritiserar nya skolskjutsreglerna i Östhammar",
    "Från januari måste fler elever i Östhammars kommun gå eller cykla längre till skolbussen. Moderaterna kallar förändringen ett hot mot barnens säkerhet, men majoriteten står fast.",
    [
        "Det är kommunens egna regler för skolskjuts som ändras. Avståndet som berättigar till skolskjuts höjs från två till tre kilometer för elever i årskurs 4–6. Förändringen väntas spara omkring 1,5 miljoner kronor per år.",
        "Skolskjutsen upphandlas av kommunen och är skild från UL:s linjetrafik, även om en del elever också åker med de vanliga bussarna.",
        "– Det här är ett beslut som sätter pengar före barnens säkerhet. Många av vägarna på landsbygden saknar gång- och cykelbana och är mörka på vintern, säger Jonas Sahlin (M), oppositionsråd i Östhammar.",
        "Han anklagar majoriteten för att ha drivit igenom beslutet utan att lyssna på föräldrarna.",
        "– Vi föreslog att kommunen skulle göra en trafiksäkerhetsbedömning av varje sträcka först. Det röstade majoriteten ner, säger Sahlin.",
        "## Majoriteten: Rimligt",
        "Kommunalrådet Helena Wiik (S) försvarar förändringen.",
        "– Vi ligger i dag betydligt över vad de flesta kommuner erbjuder. Tre kilometer är en rimlig gräns, och där vägen bedöms som farlig gör vi undantag, säger hon.",
        "Föräldrar i Österbybruk har startat en Facebookgrupp mot de nya reglerna.",
        "– Min dotter är tio år. Jag vill inte att hon ska gå tre kilometer längs en väg utan belysning i januari, säger Petra Lundin, som bor utanför Österbybruk.",
        "Beslutet fattades i kommunstyrelsen med röstsiffrorna 7–6. Moderaterna och Sverigedemokraterna reserverade sig.",
        "Barn- och utbildningsförvaltningen ska nu gå igenom alla skolvägar och meddela berörda familjer före jul.",
    ],
    "negative",
    "Inomkommunal konflikt i Östhammar om kommunens egna skolskjutsregler; oppositionsrådet (M) mot kommunalrådet (S). Inte regional trafik.",
    [
        L(
            "Det här är ett beslut som sätter pengar före barnens säkerhet. Många av vägarna på landsbygden saknar gång- och cykelbana och är mörka på vintern",
            0,
            "none",
            "oppositionsrad",
            "Östhammar",
            "Jonas Sahlin (M)",
        ),
        L(
            "Vi föreslog att kommunen skulle göra en trafiksäkerhetsbedömning av varje sträcka först. Det röstade majoriteten ner",
            0,
            "none",
            "oppositionsrad",
            "Östhammar",
            "Jonas Sahlin (M)",
        ),
        L(
            "Vi ligger i dag betydligt över vad de flesta kommuner erbjuder. Tre kilometer är en rimlig gräns, och där vägen bedöms som farlig gör vi undantag",
            0,
            "none",
            "kommunalrad",
            "Östhammar",
            "Helena Wiik (S)",
        ),
        L(
            "Min dotter är tio år. Jag vill inte att hon ska gå tre kilometer längs en väg utan belysning i januari",
            0,
            "none",
            "citizen",
            "Östhammar",
            "Petra Lundin, förälder",
        ),
    ],
    neg_kind="internal_municipal_conflict",
)

A(
    "kustnytt",
    "alvkarleby-far-forhalla-sig-till-regionens-beslut",
    "2026-11-19T09:45",
    "Amir Haddad",
    "Nyheter",
    "Älvkarleby",
    "Älvkarleby: ”Vi får förhålla oss till regionens beslut”",
    "Region Uppsala kortar öppettiderna för närtrafiken i norra länet. I Älvkarleby konstaterar kommunledningen att kommunen inte har råd att köpa till extra trafik.",
    [
        "Från och med januari kan närtrafiken bara bokas för resor mellan klockan 8 och 18 på vardagar, mot i dag 6 till 21. På helgerna upphör närtrafiken helt i Älvkarleby, Tierp och Östhammar.",
        "Region Uppsala har erbjudit kommunerna att själva betala för att behålla de längre öppettiderna. För Älvkarlebys del skulle det kosta omkring 600 000 kronor per år.",
        "– Regionen har fattat sitt beslut och vi får förhålla oss till det. Vi har helt enkelt inte råd att köpa till extra trafik när vi samtidigt ska klara skolan och äldreomsorgen, säger Stefan Lindén (S), kommunstyrelsens ordförande i Älvkarleby.",
        "Han säger att kommunen i stället ska informera invånarna om de nya tiderna.",
        "– Det viktigaste nu är att ingen blir stående utan att veta vad som gäller. Vi kommer att skicka ut information till alla hushåll, säger Lindén.",
        "## Regionen: Lågt utnyttjande",
        "Enligt UL är närtrafiken sällan bokad före klockan 8 och efter klockan 18. Under helgerna görs i genomsnitt färre än tre resor per dag i hela norra länet.",
        "– Vi vill använda pengarna där de gör mest nytta. Den som behöver resa kvällstid kan i många fall använda den ordinarie busstrafiken, säger Fredrik Tornberg, trafikdirektör på UL.",
        "Kommunchefen Jenny Sundin säger att kommunen har sett över om färdtjänsten kan täcka en del av behovet.",
        "– Färdtjänsten är ett komplement för dem som har rätt till det, men den kan inte ersätta närtrafiken för alla. Vi följer hur förändringen påverkar invånarna, säger hon.",
        "Pensionärsföreningen PRO Skutskär har däremot protesterat och skickat ett brev till regionen.",
        "– Det är de äldre som drabbas. Man kan inte ta bort helgtrafiken och tro att det inte får konsekvenser, säger Gun-Britt Holm, ordförande i PRO Skutskär.",
    ],
    "negative",
    "Region Uppsala kortar närtrafikens tider; Älvkarlebys KSO och kommunchef beskriver beslutet och konstaterar att kommunen inte kan betala mer (ingen konflikt). PRO protesterar (intresseorganisation).",
    [
        L(
            "Älvkarleby: ”Vi får förhålla oss till regionens beslut”",
            0,
            "transit",
            "municipality",
            "Älvkarleby",
            "(rubrik) Älvkarleby kommun",
        ),
        L(
            "I Älvkarleby konstaterar kommunledningen att kommunen inte har råd att köpa till extra trafik.",
            0,
            "transit",
            "municipality",
            "Älvkarleby",
            "kommunledningen i Älvkarleby (kan inte betala)",
        ),
        L(
            "Regionen har fattat sitt beslut och vi får förhålla oss till det. Vi har helt enkelt inte råd att köpa till extra trafik när vi samtidigt ska klara skolan och äldreomsorgen",
            0,
            "transit",
            "kso",
            "Älvkarleby",
            "Stefan Lindén (S)",
        ),
        L(
            "Det viktigaste nu är att ingen blir stående utan att veta vad som gäller. Vi kommer att skicka ut information till alla hushåll",
            0,
            "transit",
            "kso",
            "Älvkarleby",
            "Stefan Lindén (S)",
        ),
        L(
            "Vi vill använda pengarna där de gör mest nytta. Den som behöver resa kvällstid kan i många fall använda den ordinarie busstrafiken",
            0,
            "transit",
            "regional_official",
            "",
            "Fredrik Tornberg, UL",
        ),
        L(
            "Färdtjänsten är ett komplement för dem som har rätt till det, men den kan inte ersätta närtrafiken för alla. Vi följer hur förändringen påverkar invånarna",
            0,
            "transit",
            "kommundirektor",
            "Älvkarleby",
            "Jenny Sundin, kommunchef",
        ),
        L(
            "Det är de äldre som drabbas. Man kan inte ta bort helgtrafiken och tro att det inte får konsekvenser",
            0,
            "transit",
            "citizen",
            "Älvkarleby",
            "Gun-Britt Holm, PRO Skutskär",
        ),
    ],
    neg_kind="cannot_pay",
)

A(
    "kustnytt",
    "osthammar-kraver-att-ambulansen-i-gimo-blir-kvar",
    "2026-11-23T08:00",
    "Karl Sundström",
    "Nyheter",
    "Östhammar",
    "Östhammar kräver att ambulansen i Gimo blir kvar",
    "Region Uppsala vill dra in en av de två ambulanser som nattetid är stationerade i Östhammars kommun. Kommunledningen kräver att regionen backar.",
    [
        "I dag finns två ambulanser i kommunen dygnet runt, en i Östhammar och en i Gimo. Enligt regionens förslag ska ambulansen i Gimo bara vara bemannad dagtid från och med april.",
        "Region Uppsala motiverar förändringen med att antalet larm nattetid är lågt och att resurserna behövs bättre i Uppsala, där larmen ökar.",
        "– Det här är ett farligt förslag och vi kommer att bekämpa det med alla medel. Avstånden i vår kommun är enorma, och när en ambulans är ute på ett uppdrag kan det ta över en timme innan nästa är på plats, säger Lars-Erik Norrman (C), kommunstyrelsens ordförande i Östhammar.",
        "Han påminner om att kommunen har ett kärnkraftverk och ett av landets största industribyggen inom sina gränser.",
        "– Regionen räknar larm per natt. Vi räknar minuter när det gäller liv. Förslaget måste dras tillbaka, säger Norrman.",
        "## Enig kommunstyrelse",
        "Kommunalrådet Helena Wiik (S) säger att hela kommunstyrelsen står bakom kravet.",
        "– Det här är inte en partipolitisk fråga. Tryggheten för dem som bor i Gimo och Österbybruk är inte förhandlingsbar, och regionen måste lyssna, säger hon.",
        "Kommunstyrelsen i Östhammar antog på tisdagen ett yttrande där kommunen kräver att båda ambulanserna behålls dygnet runt.",
        "Ambulanssjukvården i Region Uppsala säger att förslaget bygger på en noggrann analys.",
        "– Vi har tittat på var och när larmen kommer. Det här handlar om att ha ambulanser där de behövs mest, och responstiderna i Östhammars kommun kommer fortfarande att ligga inom våra mål, säger Mattias Gren, verksamhetschef för ambulanssjukvården.",
        "Oppositionsregionrådet Magnus Kjell (M) vill att förslaget skjuts upp.",
        "– Jag tycker att regionen ska utreda frågan mer innan man fattar beslut, säger han.",
        "Hälso- och sjukvårdsnämnden ska fatta beslut den 10 december.",
    ],
    "positive",
    "Region Uppsala vill dra in nattambulansen i Gimo; Östhammars KSO, kommunalråd och kommunstyrelse kräver att regionen backar (other_regional).",
    [
        L(
            "Östhammar kräver att ambulansen i Gimo blir kvar",
            1,
            "other_regional",
            "municipality",
            "Östhammar",
            "(rubrik) Östhammars kommun",
        ),
        L(
            "Kommunledningen kräver att regionen backar.",
            1,
            "other_regional",
            "municipality",
            "Östhammar",
            "kommunledningen i Östhammar (journalistens referat)",
        ),
        L(
            "Det här är ett farligt förslag och vi kommer att bekämpa det med alla medel. Avstånden i vår kommun är enorma, och när en ambulans är ute på ett uppdrag kan det ta över en timme innan nästa är på plats",
            1,
            "other_regional",
            "kso",
            "Östhammar",
            "Lars-Erik Norrman (C)",
        ),
        L(
            "Regionen räknar larm per natt. Vi räknar minuter när det gäller liv. Förslaget måste dras tillbaka",
            1,
            "other_regional",
            "kso",
            "Östhammar",
            "Lars-Erik Norrman (C)",
        ),
        L(
            "Kommunalrådet Helena Wiik (S) säger att hela kommunstyrelsen står bakom kravet.",
            1,
            "other_regional",
            "kommunalrad",
            "Östhammar",
            "Helena Wiik (S) (referat)",
        ),
        L(
            "Det här är inte en partipolitisk fråga. Tryggheten för dem som bor i Gimo och Österbybruk är inte förhandlingsbar, och regionen måste lyssna",
            1,
            "other_regional",
            "kommunalrad",
            "Östhammar",
            "Helena Wiik (S)",
        ),
        L(
            "Kommunstyrelsen i Östhammar antog på tisdagen ett yttrande där kommunen kräver att båda ambulanserna behålls dygnet runt.",
            1,
            "other_regional",
            "municipality",
            "Östhammar",
            "Östhammars kommun (journalistens referat)",
        ),
        L(
            "Vi har tittat på var och när larmen kommer. Det här handlar om att ha ambulanser där de behövs mest, och responstiderna i Östhammars kommun kommer fortfarande att ligga inom våra mål",
            0,
            "other_regional",
            "regional_official",
            "",
            "Mattias Gren, Region Uppsala",
        ),
        L(
            "Jag tycker att regionen ska utreda frågan mer innan man fattar beslut",
            0,
            "other_regional",
            "regional_politician",
            "",
            "Magnus Kjell (M), oppositionsregionråd",
        ),
    ],
)

A(
    "kustnytt",
    "region-uppsala-bjuder-in-till-moten-om-strategin",
    "2026-11-26T10:15",
    "Ida Hellberg",
    "Nyheter",
    "Uppsala län",
    "Region Uppsala bjuder in till möten om utvecklingsstrategin",
    "Under december och januari reser Region Uppsala runt i länet för att prata med invånarna om den nya regionala utvecklingsstrategin. Först ut är Skutskär.",
    [
        "Mötena är en del av arbetet med den regionala utvecklingsstrategin, RUS, som ska antas av regionfullmäktige under våren. Remisstiden gick ut i mitten av november och regionen har fått in drygt 60 svar från kommuner, myndigheter och organisationer.",
        "– Vi vill att strategin ska vara förankrad i hela länet. Därför åker vi ut och lyssnar, både på det som är bra och på det som behöver bli bättre, säger Sofia Lagerkvist, regional utvecklingsdirektör i Region Uppsala.",
        "Det första mötet hålls i Folkets hus i Skutskär den 3 december. Därefter följer möten i Tierp, Östhammar, Heby, Enköping och Knivsta.",
        "Strategin handlar bland annat om bostadsbyggande, kompetensförsörjning, klimatomställning och hur kollektivtrafiken ska utvecklas i länet.",
        "## Kommunen positiv",
        "I Älvkarleby välkomnar kommunledningen att regionen kommer på besök.",
        "– Det är bra att regionen kommer ut i kommunerna. Många invånare vet inte vad en regional utvecklingsstrategi är, men den påverkar faktiskt deras vardag, säger Stefan Lindén (S), kommunstyrelsens ordförande i Älvkarleby.",
        "Mötena är öppna för alla och det behövs ingen föranmälan. Den som inte kan komma kan lämna synpunkter via regionens webbplats fram till den 31 januari.",
        "Enligt regionen kommer synpunkterna från mötena att sammanställas och redovisas för regionstyrelsen i februari. Därefter tar regionfullmäktige ställning till den slutliga strategin.",
        "– Vi lovar inte att alla synpunkter kommer att leda till ändringar. Men vi lovar att alla blir lästa, säger Sofia Lagerkvist.",
    ],
    "negative",
    "Neutral nyhet om Region Uppsalas medborgarmöten om RUS; Älvkarlebys KSO välkomnar.",
    [
        L(
            "Vi vill att strategin ska vara förankrad i hela länet. Därför åker vi ut och lyssnar, både på det som är bra och på det som behöver bli bättre",
            0,
            "rus",
            "regional_official",
            "",
            "Sofia Lagerkvist, Region Uppsala",
        ),
        L(
            "Det är bra att regionen kommer ut i kommunerna. Många invånare vet inte vad en regional utvecklingsstrategi är, men den påverkar faktiskt deras vardag",
            0,
            "rus",
            "kso",
            "Älvkarleby",
            "Stefan Lindén (S)",
        ),
        L(
            "I Älvkarleby välkomnar kommunledningen att regionen kommer på besök.",
            0,
            "rus",
            "municipality",
            "Älvkarleby",
            "kommunledningen i Älvkarleby (referat)",
        ),
    ],
    neg_kind="neutral_rus_news",
)


# ======================================================================
# Rendering
# ======================================================================

MONTHS = [
    "januari",
    "februari",
    "mars",
    "april",
    "maj",
    "juni",
    "juli",
    "augusti",
    "september",
    "oktober",
    "november",
    "december",
]
WEEKDAYS = ["måndag", "tisdag", "onsdag", "torsdag", "fredag", "lördag", "söndag"]


def esc(s: str) -> str:
    return html.escape(s, quote=True)


def dt(a) -> datetime:
    return datetime.fromisoformat(a["date"]).replace(tzinfo=TZ)


def iso(a) -> str:
    return dt(a).isoformat(timespec="seconds")


def human(a) -> str:
    d = dt(a)
    return f"{WEEKDAYS[d.weekday()]} {d.day} {MONTHS[d.month - 1]} {d.year} kl. {d:%H.%M}"


def url(a) -> str:
    return f"__BASE_URL__/artikel/{a['slug']}.html"


def article_text(a) -> str:
    return "\n".join([a["title"], a["ingress"], *[p.lstrip("# ") for p in a["body"]]])


def word_count(a) -> int:
    return len(" ".join([a["ingress"], *a["body"]]).split())


CSS = """
*{box-sizing:border-box}
body{margin:0;font-family:Georgia,'Times New Roman',serif;color:#222;background:#f4f2ee}
a{color:inherit}
.fiktiv-banner{background:#ffd84d;color:#222;font:bold 14px/1.4 Arial,sans-serif;text-align:center;padding:6px 10px;border-bottom:2px solid #222}
.cookie{font:12px Arial,sans-serif;background:#eee;padding:4px 12px;color:#555}
.site-header{background:var(--c);color:#fff;padding:14px 20px}
.site-header .logo{font-size:34px;font-weight:bold;text-decoration:none;letter-spacing:1px}
.site-header .tagline{display:block;font:13px Arial,sans-serif;opacity:.85}
.site-header nav{margin-top:8px;font:14px Arial,sans-serif}
.site-header nav a{margin-right:14px;text-decoration:none}
.wrap{max-width:1060px;margin:0 auto;padding:16px;display:flex;gap:24px;flex-wrap:wrap}
main{flex:1 1 640px;background:#fff;padding:20px 26px}
aside.sidebar{flex:0 0 280px}
.ad{background:repeating-linear-gradient(45deg,#ddd,#ddd 10px,#e8e8e8 10px,#e8e8e8 20px);color:#777;font:11px Arial,sans-serif;text-transform:uppercase;text-align:center;padding:40px 0;margin:12px 0}
.ad-top{max-width:1060px;margin:12px auto}
.kicker{font:bold 12px Arial,sans-serif;text-transform:uppercase;color:var(--c)}
h1{font-size:32px;line-height:1.15;margin:6px 0 10px}
.byline{font:13px Arial,sans-serif;color:#555}
.ingress{font-weight:bold;font-size:19px;line-height:1.45}
.article-body p{font-size:17px;line-height:1.6}
.article-body h2{font:bold 17px Arial,sans-serif;margin-top:22px}
.share{font:13px Arial,sans-serif;color:#777;border-top:1px solid #ddd;padding-top:8px}
.las-ocksa,.mest-last,.tips{background:#fff;padding:14px 18px;margin-bottom:16px;font-family:Arial,sans-serif}
.las-ocksa h2,.mest-last h2,.tips h2{font-size:15px;text-transform:uppercase;border-bottom:3px solid var(--c);padding-bottom:4px}
.las-ocksa li,.mest-last li{margin:8px 0;font-size:14px}
.teaser{border-bottom:1px solid #e2e2e2;padding:12px 0}
.teaser h2{margin:4px 0;font-size:22px}
.teaser p{margin:4px 0;font-size:15px}
.teaser .meta{font:12px Arial,sans-serif;color:#777}
footer{background:#2b2b2b;color:#ccc;font:13px Arial,sans-serif;padding:20px;margin-top:24px}
footer a{color:#fff}
"""


def header(site_id: str, current: str = "") -> str:
    s = SITES[site_id]
    return f"""<div class="fiktiv-banner" role="note">{esc(BANNER)}</div>
<div class="cookie">Den här demosajten använder inga kakor och inga externa resurser.</div>
<header class="site-header">
  <a class="logo" href="/index.html">{esc(s["name"])}</a>
  <span class="tagline">{esc(s["tagline"])} · {esc(s["lan_name"])}</span>
  <nav aria-label="Huvudmeny">
    <a href="/index.html">Nyheter</a>
    <a href="/index.html#sport">Sport</a>
    <a href="/index.html#kultur">Kultur</a>
    <a href="/index.html#asikter">Åsikter</a>
    <a href="/rss.xml">RSS</a>
  </nav>
</header>
<div class="ad ad-top" aria-hidden="true">Annons</div>"""


def footer(site_id: str) -> str:
    s = SITES[site_id]
    return f"""<footer>
  <p><strong>{esc(s["name"])}</strong> – en del av {esc(s["group"])} (fiktiv mediegrupp).
  Ansvarig utgivare: {esc(s["editor"])} (påhittad person). {esc(s["address"])}.</p>
  <p>{esc(BANNER)}</p>
  <p><a href="/index.html">Startsida</a> · <a href="/rss.xml">RSS-flöde</a> · <a href="/admin/">Redaktionsinloggning</a></p>
  <p>© 2026 {esc(s["name"])}. Demomaterial – får fritt användas i tester.</p>
</footer>"""


def page(site_id: str, title: str, head_extra: str, body: str) -> str:
    s = SITES[site_id]
    return f"""<!DOCTYPE html>
<html lang="sv">
<head>
<meta charset="utf-8">
<meta name="viewport" content="width=device-width, initial-scale=1">
<title>{esc(title)}</title>
<link rel="alternate" type="application/rss+xml" title="{esc(s["name"])} – RSS" href="__BASE_URL__/rss.xml">
{head_extra}
<style>:root{{--c:{s["color"]}}}{CSS}</style>
</head>
<body>
{header(site_id)}
{body}
{footer(site_id)}
</body>
</html>
"""


def related(a, site_articles: list[dict], n: int = 3) -> list[dict]:
    others = [b for b in site_articles if b is not a]
    others.sort(key=lambda b: (abs((dt(b) - dt(a)).total_seconds()), b["slug"]))
    return others[:n]


def most_read(site_articles: list[dict]) -> list[dict]:
    # Deterministic pseudo "mest läst": every third article, newest first.
    return sorted(site_articles, key=lambda b: b["date"], reverse=True)[::3][:5]


def render_article(a, site_articles) -> str:
    s = SITES[a["site"]]
    ld = {
        "@context": "https://schema.org",
        "@type": "NewsArticle",
        "headline": a["title"],
        "description": a["ingress"],
        "datePublished": iso(a),
        "dateModified": iso(a),
        "inLanguage": "sv-SE",
        "articleSection": a["section"],
        "author": {"@type": "Person", "name": a["author"]},
        "publisher": {"@type": "Organization", "name": s["name"]},
        "mainEntityOfPage": {"@type": "WebPage", "@id": url(a)},
        "url": url(a),
    }
    ld_json = json.dumps(ld, ensure_ascii=False, indent=1).replace("</", "<\\/")
    head = f"""<meta name="description" content="{esc(a["ingress"])}">
<meta name="author" content="{esc(a["author"])}">
<link rel="canonical" href="{url(a)}">
<meta property="og:type" content="article">
<meta property="og:site_name" content="{esc(s["name"])}">
<meta property="og:title" content="{esc(a["title"])}">
<meta property="og:description" content="{esc(a["ingress"])}">
<meta property="og:url" content="{url(a)}">
<meta property="og:locale" content="sv_SE">
<meta property="article:published_time" content="{iso(a)}">
<meta property="article:section" content="{esc(a["section"])}">
<script type="application/ld+json">
{ld_json}
</script>"""
    paras = []
    for p in a["body"]:
        if p.startswith("## "):
            paras.append(f"    <h2>{esc(p[3:])}</h2>")
        else:
            paras.append(f"    <p>{esc(p)}</p>")
    byline_name = "Insändare" if a["author"] == "Insändare" else a["author"]
    rel = "\n".join(
        f'    <li><a href="/artikel/{b["slug"]}.html">{esc(b["title"])}</a></li>'
        for b in related(a, site_articles)
    )
    mr = "\n".join(
        f'    <li><a href="/artikel/{b["slug"]}.html">{esc(b["title"])}</a></li>'
        for b in most_read(site_articles)
    )
    body = f"""<div class="wrap">
<main>
<article>
  <p class="kicker">{esc(a["section"])} · {esc(a["place"])}</p>
  <h1>{esc(a["title"])}</h1>
  <p class="byline">Av <span class="author">{esc(byline_name)}</span> · Publicerad <time datetime="{iso(a)}">{esc(human(a))}</time></p>
  <p class="ingress">{esc(a["ingress"])}</p>
  <div class="article-body">
{chr(10).join(paras)}
  </div>
  <p class="share">Dela artikeln: <a href="#">E-post</a> · <a href="#">Kopiera länk</a> · <a href="#">Skriv ut</a></p>
</article>
<div class="ad ad-mid" aria-hidden="true">Annons</div>
</main>
<aside class="sidebar">
  <section class="las-ocksa">
  <h2>Läs också</h2>
  <ul>
{rel}
  </ul>
  </section>
  <div class="ad ad-side" aria-hidden="true">Annons</div>
  <section class="mest-last">
  <h2>Mest läst</h2>
  <ol>
{mr}
  </ol>
  </section>
  <section class="tips">
  <h2>Tipsa oss</h2>
  <p>Har du en nyhet från {esc(", ".join(s["municipalities"]))}? Ring eller mejla nyhetsdesken (fiktiv).</p>
  </section>
</aside>
</div>"""
    return page(a["site"], f"{a['title']} | {s['name']}", head, body)


SECTION_ANCHOR = {"Nyheter": "nyheter", "Sport": "sport", "Kultur": "kultur", "Åsikter": "asikter"}


def render_index(site_id: str, site_articles: list[dict]) -> str:
    s = SITES[site_id]
    arts = sorted(site_articles, key=lambda b: b["date"], reverse=True)
    sections = []
    for sec in ["Nyheter", "Sport", "Kultur", "Åsikter"]:
        items = [b for b in arts if b["section"] == sec]
        if not items:
            continue
        teasers = "\n".join(
            f"""  <div class="teaser">
    <span class="meta">{esc(b["place"])} · <time datetime="{iso(b)}">{esc(human(b))}</time></span>
    <h2><a href="/artikel/{b["slug"]}.html">{esc(b["title"])}</a></h2>
    <p>{esc(b["ingress"])}</p>
  </div>"""
            for b in items
        )
        sections.append(
            f'<section id="{SECTION_ANCHOR[sec]}">\n  <h2 class="kicker">{sec}</h2>\n{teasers}\n</section>\n<div class="ad ad-feed" aria-hidden="true">Annons</div>'
        )
    mr = "\n".join(
        f'    <li><a href="/artikel/{b["slug"]}.html">{esc(b["title"])}</a></li>'
        for b in most_read(site_articles)
    )
    head = f"""<meta name="description" content="{esc(s["name"])} – {esc(s["tagline"])}. Fiktiv demotidning.">
<link rel="canonical" href="__BASE_URL__/">"""
    body = f"""<div class="wrap">
<main>
<h1>{esc(s["name"])}</h1>
<p class="byline">Senaste nyheterna från {esc(", ".join(s["municipalities"]))}. {esc(BANNER)}</p>
{chr(10).join(sections)}
</main>
<aside class="sidebar">
  <section class="mest-last">
  <h2>Mest läst</h2>
  <ol>
{mr}
  </ol>
  </section>
  <div class="ad ad-side" aria-hidden="true">Annons</div>
  <section class="tips">
  <h2>Prenumerera</h2>
  <p>Följ oss via <a href="/rss.xml">RSS</a>.</p>
  </section>
</aside>
</div>"""
    return page(site_id, f"{s['name']} – {s['tagline']}", head, body)


def render_admin(site_id: str) -> str:
    s = SITES[site_id]
    head = '<meta name="robots" content="noindex, nofollow">'
    body = f"""<div class="wrap"><main>
<h1>Redaktionssystem – inloggning</h1>
<p>ADMIN-SIDA: Den här sidan är spärrad i robots.txt (Disallow: /admin/). En artig crawler ska aldrig hämta den.</p>
<p>Om den här texten finns i databasen har crawlern brutit mot robots.txt. Markör: BEVAKNING-ADMIN-FORBJUDEN-{site_id}</p>
<form><label>Användarnamn <input name="u"></label> <label>Lösenord <input name="p" type="password"></label> <button type="button">Logga in</button></form>
<p>Utkast i kö: ”Kommunen rasar mot regionen” (opublicerat utkast, ska inte indexeras).</p>
</main></div>"""
    return page(site_id, f"Admin – {s['name']}", head, body)


def render_rss(site_id: str, site_articles: list[dict]) -> str:
    s = SITES[site_id]
    arts = sorted(site_articles, key=lambda b: b["date"], reverse=True)
    items = []
    for b in arts:
        items.append(f"""  <item>
    <title>{xml_escape(b["title"])}</title>
    <link>{url(b)}</link>
    <guid isPermaLink="true">{url(b)}</guid>
    <pubDate>{format_datetime(dt(b))}</pubDate>
    <dc:creator>{xml_escape(b["author"])}</dc:creator>
    <category>{xml_escape(b["section"])}</category>
    <description>{xml_escape(b["ingress"])}</description>
  </item>""")
    last = format_datetime(dt(arts[0]))
    return f"""<?xml version="1.0" encoding="UTF-8"?>
<rss version="2.0" xmlns:atom="http://www.w3.org/2005/Atom" xmlns:dc="http://purl.org/dc/elements/1.1/">
<channel>
  <title>{xml_escape(s["name"])}</title>
  <link>__BASE_URL__/</link>
  <atom:link href="__BASE_URL__/rss.xml" rel="self" type="application/rss+xml"/>
  <description>{xml_escape(s["tagline"])} ({xml_escape(s["lan_name"])}). {xml_escape(BANNER)}</description>
  <language>sv-se</language>
  <lastBuildDate>{last}</lastBuildDate>
  <generator>bevakning demo/_build.py</generator>
{chr(10).join(items)}
</channel>
</rss>
"""


ROBOTS = "User-agent: *\nAllow: /\nDisallow: /admin/\nCrawl-delay: 0\n"


def render_site_toml(site_id: str) -> str:
    s = SITES[site_id]
    munis = ", ".join(f'"{m}"' for m in s["municipalities"])
    return (
        "# Metadata for demo/server.py (demo_sources_toml). Fictional outlet.\n"
        f'name = "{s["name"]}"\n'
        f'lan = "{s["lan"]}"\n'
        f'lan_name = "{s["lan_name"]}"\n'
        f"municipalities = [{munis}]\n"
        f"fictional = true\n"
    )


# ======================================================================
# Answer key
# ======================================================================

NEG_KIND_TEXT = {
    "regional_politician": "regionpolitiker kritiserar/försvarar regionens beslut",
    "citizen_letter": "insändare från medborgare",
    "municipal_vs_state": "kommunal aktör kritiserar staten/Trafikverket",
    "unrelated_sports": "orelaterad lokalnyhet (sport)",
    "unrelated_culture": "orelaterad lokalnyhet (kultur)",
    "municipal_support": "kommunal aktör stöder regionens arbete",
    "cannot_pay": "kommunal aktör: kan inte betala mer / beskriver utan att avvisa",
    "internal_municipal_conflict": "konflikt inom en kommun",
    "neutral_transit_news": "neutral nyhet om kollektivtrafik",
    "neutral_rus_news": "neutral nyhet om RUS",
    "union_and_regional_politician": "fackförbund (Kommunal) och regionpolitiker kritiserar regionen",
    "municipality_vs_municipality": "kommun kritiserar annan kommun",
    "citizens_interest_group": "medborgare/intresseorganisationer kritiserar regionen",
}


def md_cell(s: str) -> str:
    return s.replace("|", "\\|").replace("\n", " ")


def render_answers(arts: list[dict]) -> tuple[str, list[dict]]:
    arts = sorted(arts, key=lambda b: (b["date"], b["site"]))
    pos = [a for a in arts if a["kind"] == "positive"]
    neg = [a for a in arts if a["kind"] == "negative"]
    flagged = sum(1 for a in arts for lab in a["labels"] if lab["conflict"] == 1)
    lines = [
        "# Demo answer key (ANSWERS.md)",
        "",
        "Generated by `demo/sites/_build.py` – edit the script, not this file. The same data is in `ANSWERS.json`.",
        "",
        "All outlets, people and events are **fictional**. Municipality, region and transit-company names are real.",
        "",
        "## Sites",
        "",
        "| site_id | name | län (code) | municipalities | regional actors | articles |",
        "|---|---|---|---|---|---|",
    ]
    actors = {
        "bergslagsbladet": "Region Örebro län, Länstrafiken Örebro, RUS för Örebro län",
        "hoglandsposten": "Region Jönköpings län, JLT (Jönköpings länstrafik), Krösatågen, RUS",
        "kustnytt": "Region Uppsala, UL, Upptåget, RUS/strukturbild",
    }
    for sid, s in SITES.items():
        n = sum(1 for a in arts if a["site"] == sid)
        lines.append(
            f"| {sid} | {s['name']} | {s['lan_name']} ({s['lan']}) | {', '.join(s['municipalities'])} | {actors[sid]} | {n} |"
        )
    lines += [
        "",
        f"**Totals:** {len(arts)} article pages ({len(arts) - 1} unique stories; one story is syndicated to two sites), "
        f"{len(pos)} positive pages ({len(pos) - 1} unique positive stories) and {len(neg)} hard-negative pages. "
        f"{flagged} labelled statements with `conflict = 1` (counting the syndicated story on both sites).",
        "",
        "## Conventions",
        "",
        "- URL of an article: `<site base>/artikel/<slug>.html`; the feed `<site base>/rss.xml` lists every article.",
        "- `statement` is copied verbatim from the article. For dash quotes (pratminus) it is the quoted words without the leading `– ` and without the `, säger …` attribution; headlines are marked `(rubrik)` in the speaker column; other rows are whole sentences (journalist's report of a municipal stance, ”…” quotes).",
        "- `conflict = 1` only where the speaker is a municipal actor, the target a regional priority and the stance rejection (DOMAIN.md). For `conflict = 0` rows the `topic` column gives the subject for information; a classifier may output `none` there.",
        "- `municipality` for joint statements (the syndicated appeal) lists several municipalities separated by `;`.",
        "- Every sentence that clearly carries a stance is listed, including the journalist's reports of a municipal stance (”Även oppositionen i Laxå står bakom kravet.”). Sentences not listed are neutral background or the reporter's own description and are expected `conflict = 0`; a few purely connective sentences (e.g. ”Hon och Fahlén brukar sällan vara överens, men i tågfrågan står de på samma sida.”) are borderline and best left unscored.",
        '- Boilerplate traps: every article page carries "Läs också" and "Mest läst" boxes with headlines of *other* articles (some of them positive headlines), ad placeholders, a cookie line and a fictional banner; these must not become statements of the page they appear on. `/admin/` is disallowed in robots.txt and carries the marker `BEVAKNING-ADMIN-FORBJUDEN-<site_id>`.',
        "- Dates: Swedish local time (`+02:00` until 25 October, `+01:00` after), 2026-10-05 … 2026-11-26, ISO weeks 41–48; week 48 (23–26 Nov) has 7 article pages.",
        "- Syndication: `bergslagsbladet/landsbygdskommuner-gar-samman-mot-busskarningar` and `hoglandsposten/sma-kommuner-enas-mot-busskarningar` share ingress and body (same author, same time), with different headlines.",
        "",
        "## All articles",
        "",
        "| # | date | site | slug | kind | summary |",
        "|---|---|---|---|---|---|",
    ]
    for i, a in enumerate(arts, 1):
        kind = (
            "**POSITIVE**"
            if a["kind"] == "positive"
            else f"negative: {NEG_KIND_TEXT[a['neg_kind']]}"
        )
        if a["syndicated_with"]:
            kind += " (syndicated)"
        lines.append(
            f"| {i} | {a['date'].replace('T', ' ')} | {a['site']} | `{a['slug']}` | {kind} | {md_cell(a['summary'])} |"
        )
    lines += ["", "## Labelled statements per article", ""]
    for i, a in enumerate(arts, 1):
        n1 = sum(1 for lab in a["labels"] if lab["conflict"] == 1)
        kind = (
            "POSITIVE"
            if a["kind"] == "positive"
            else f"hard negative – {NEG_KIND_TEXT[a['neg_kind']]}"
        )
        lines += [
            f"### {i}. {a['site']} / {a['slug']}",
            "",
            f"- URL path: `/artikel/{a['slug']}.html` · published {iso(a)} · author {a['author']}",
            f"- Headline: {a['title']}",
            f"- Kind: **{kind}** · flagged statements (conflict = 1): {n1}",
        ]
        if a["syndicated_with"]:
            lines.append(f"- Syndicated: same body as `{a['syndicated_with']}`")
        lines += [
            "",
            "| conflict | topic | actor_role | municipality | speaker | statement |",
            "|---|---|---|---|---|---|",
        ]
        for lab in a["labels"]:
            c = "**1**" if lab["conflict"] else "0"
            lines.append(
                f"| {c} | {lab['topic']} | {lab['actor_role']} | {md_cell(lab['municipality']) or '–'} | {md_cell(lab['speaker'])} | {md_cell(lab['text'])} |"
            )
        lines.append("")
    data = []
    for a in arts:
        data.append(
            dict(
                site=a["site"],
                slug=a["slug"],
                path=f"/artikel/{a['slug']}.html",
                published=iso(a),
                title=a["title"],
                author=a["author"],
                section=a["section"],
                kind=a["kind"],
                negative_kind=a["neg_kind"],
                syndicated_with=a["syndicated_with"],
                summary=a["summary"],
                statements=a["labels"],
            )
        )
    return "\n".join(lines) + "\n", data


# ======================================================================
# Checks and main
# ======================================================================


def check(arts: list[dict]) -> None:
    seen = set()
    for a in arts:
        key = (a["site"], a["slug"])
        assert key not in seen, key
        seen.add(key)
        text = article_text(a)
        for lab in a["labels"]:
            assert lab["text"] in text, f"{a['slug']}: label not verbatim: {lab['text']!r}"
            assert lab["topic"] in {"transit", "rus", "other_regional", "none"}, lab
            assert lab["actor_role"] in {
                "kso",
                "kommunalrad",
                "oppositionsrad",
                "kommundirektor",
                "municipal_politician",
                "municipality",
                "regional_politician",
                "regional_official",
                "citizen",
                "state",
                "journalist",
                "other",
            }, lab
            if lab["conflict"]:
                assert lab["topic"] != "none" and lab["municipality"], lab
        if a["kind"] == "positive":
            assert any(lab["conflict"] for lab in a["labels"]), a["slug"]
        else:
            assert not any(lab["conflict"] for lab in a["labels"]), a["slug"]
            assert a["neg_kind"] in NEG_KIND_TEXT, a["slug"]
        wc = word_count(a)
        assert 200 <= wc <= 500, f"{a['slug']}: {wc} words"
        assert "2026-10-05" <= a["date"][:10] <= "2026-11-26", a["slug"]
        for ch in '"<>':
            assert ch not in text, f"{a['slug']}: raw {ch!r} in text"
    for sid in SITES:
        assert sum(1 for a in arts if a["site"] == sid) >= 12, sid


def main(out: Path = HERE) -> None:
    """Write every site and the answer key below `out` (this folder by default)."""
    check(ARTICLES)
    for sid in SITES:
        root = out / sid
        if root.exists():
            shutil.rmtree(root)
        (root / "artikel").mkdir(parents=True)
        (root / "admin").mkdir()
        site_articles = [a for a in ARTICLES if a["site"] == sid]
        for a in site_articles:
            (root / "artikel" / f"{a['slug']}.html").write_text(
                render_article(a, site_articles), encoding="utf-8"
            )
        (root / "index.html").write_text(render_index(sid, site_articles), encoding="utf-8")
        (root / "rss.xml").write_text(render_rss(sid, site_articles), encoding="utf-8")
        (root / "robots.txt").write_text(ROBOTS, encoding="utf-8")
        (root / "admin" / "index.html").write_text(render_admin(sid), encoding="utf-8")
        (root / "site.toml").write_text(render_site_toml(sid), encoding="utf-8")
    md, data = render_answers(ARTICLES)
    (out / "ANSWERS.md").write_text(md, encoding="utf-8")
    (out / "ANSWERS.json").write_text(
        json.dumps(data, ensure_ascii=False, indent=1) + "\n", encoding="utf-8"
    )
    pos = sum(1 for a in ARTICLES if a["kind"] == "positive")
    print(f"{len(ARTICLES)} article pages, {pos} positive, {len(ARTICLES) - pos} negative")
    for sid in SITES:
        print(sid, sum(1 for a in ARTICLES if a["site"] == sid))


if __name__ == "__main__":
    main()
