#!/usr/bin/env python3
"""Build the bundled demo sites (fictional Swedish local newspapers).

Run from anywhere:  python3 demo/sites/_build.py

Reads the outlets and their articles from demo/articles/<site_id>.toml (one
file per outlet: add or edit an article there) and writes, next to this file:
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
import tomllib
from datetime import datetime
from email.utils import format_datetime
from pathlib import Path
from xml.sax.saxutils import escape as xml_escape
from zoneinfo import ZoneInfo

HERE = Path(__file__).resolve().parent
TZ = ZoneInfo("Europe/Stockholm")  # +02:00 until 25 October 2026, +01:00 after
BANNER = "Fiktiv tidning – demomaterial för bevakning. Personer och händelser är påhittade."

ARTICLES_DIR = HERE.parent / "articles"
ARTICLE_KEYS = (
    "slug",
    "date",
    "author",
    "section",
    "place",
    "title",
    "ingress",
    "body",
    "kind",
    "summary",
    "neg_kind",
    "syndicated_with",
    "note",
)


def load_articles(folder: Path = ARTICLES_DIR) -> tuple[dict[str, dict], list[dict]]:
    """The outlets and their articles, from one TOML file per outlet (content, not code).

    Files are read in name order and articles in file order: the order in which
    the sites list them.
    """
    sites: dict[str, dict] = {}
    articles: list[dict] = []
    for path in sorted(folder.glob("*.toml")):
        data = tomllib.loads(path.read_text(encoding="utf-8"))
        site_id = path.stem
        sites[site_id] = data["site"]
        for raw in data.get("article", []):
            unknown = set(raw) - set(ARTICLE_KEYS) - {"labels"}
            if unknown:
                raise ValueError(f"{path.name}: {raw.get('slug')}: unknown keys {sorted(unknown)}")
            article = {key: raw.get(key) for key in ARTICLE_KEYS}
            article["site"] = site_id
            article["labels"] = raw.get("labels", [])
            articles.append(article)
    return sites, articles


SITES, ARTICLES = load_articles()

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
        "Generated by `demo/sites/_build.py` from `demo/articles/*.toml` – edit those files, not this one. The same data is in `ANSWERS.json`.",
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
