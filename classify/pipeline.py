"""From stored articles (or JSON lines) to classified statements."""

from __future__ import annotations

import functools
import json
import re
from collections.abc import Callable, Iterable, Iterator
from dataclasses import dataclass

from sqlite_utils import Database

from classify.article_place import ArticlePlace, article_place, headline_place, representing_place
from classify.attribution import Attributor
from classify.features import StatementFeatures, find_targets, statement_features
from classify.lexicon import STATE_TARGETS
from classify.models.base import ConflictModel, Prediction
from classify.models.gates import passes_gate
from classify.sentences import split_paragraphs, split_sentences
from classify.textstream import MAX_LINE_BYTES, TooLongLine
from db.cases import rebuild_cases_for_articles
from db.store import articles_to_classify, count_to_classify, replace_statements

MAX_STATEMENT_CHARS = 5000
CASE_BATCH = 200  # articles classified between two rebuilds of their stories' cases


@dataclass
class ClassifyReport:
    articles: int = 0
    statements: int = 0
    flagged: int = 0
    cases: int = 0


@dataclass
class ArticleStatement:
    """One statement of an article with what the article walk learnt about it."""

    text: str
    context: str | None
    features: StatementFeatures


def walk_article(title: str | None, text: str | None) -> list[ArticleStatement]:
    """Statements in reading order, attributed across sentences and paragraphs.

    The article's headline and first paragraph name the regional target most
    often; a statement that names none itself inherits it (as context).
    """
    att = Attributor()
    units: list[tuple[str, str | None, object, str]] = []
    paragraphs = split_paragraphs(text or "")
    if title and title.strip():
        for sp, kind in att.paragraph([title.strip()], headline=True):
            units.append((title.strip(), None, sp, kind))
    previous: list[int] = []  # indices in units of the previous paragraph
    for para in paragraphs:
        sentences = split_sentences(para)
        start = len(units)
        for k, (sentence, (sp, kind)) in enumerate(
            zip(sentences, att.paragraph(sentences), strict=True)
        ):
            # The context is the rest of the paragraph, as in the labelled data.
            rest = " ".join(sentences[:k] + sentences[k + 1 :]) or None
            units.append((sentence, rest, sp, kind))
        _attribute_back(units, previous, start)
        previous = list(range(start, len(units)))
    lead = " ".join([title or ""] + paragraphs[:1])
    out = []
    for sentence, context, sp, kind in units:
        feats = statement_features(sentence, context, speaker=sp, quote_kind=kind)
        if all(t.kind == "decision" for t in feats.targets):
            inherited = [t for t in find_targets(lead, in_context=True) if t.kind != "decision"]
            feats.targets += inherited
            # A target taken from the lead comes with the lead's state actors: in "Östhammar
            # kräver att Trafikverket agerar" the complaint is the state's, as a state actor
            # in a statement's own context blocks the gate.
            if inherited and STATE_TARGETS.search(lead):
                feats.context_state = True
        out.append(ArticleStatement(sentence, context, feats))
    return out


# "Det säger Elin Vestberg (C), …" after a quote: the quote just before is hers.
SAID_BACK = re.compile(
    r"^(?:Det|Så)\s+(?:säger|sa|sade|skriver|menar|berättar|förklarar)\s+[A-ZÅÄÖ]"
)
_OWN_VERB = re.compile(r"\b(?:säger|sa|sade|skriver|menar|berättar|förklarar|fortsätter)\b")


def _attribute_back(units: list, previous: list[int], start: int) -> None:
    """Give a verb-less pratminus paragraph to the speaker of a following "Det säger X".

    The attributor carries the last quoted speaker into a new pratminus paragraph that has
    no verb of speech ("– JLT:s nya trafikplan tar bort …"); when the next paragraph opens
    with "Det säger Elin Vestberg", the quote was hers (the demo showed it as Laxå's chair).
    """
    if not previous or start >= len(units) or not SAID_BACK.match(units[start][0]):
        return
    speaker = units[start][2]
    if speaker is None or not getattr(speaker, "name", None):
        return
    prev = [units[i] for i in previous]
    if any(u[3] != "pratminus" for u in prev) or any(_OWN_VERB.search(u[0]) for u in prev):
        return
    for i in previous:
        sentence, context, _sp, kind = units[i]
        units[i] = (sentence, context, speaker, kind)


def municipality_for(
    unit: ArticleStatement,
    headline: tuple[str, str] | None,
    article: Callable[[], ArticlePlace],
) -> tuple[str | None, str | None, str | None]:
    """The municipality a municipal speaker represents, and where it was found.

    Attribution finds it in "…, kommunstyrelsens ordförande i Laxå"; a speaker
    introduced only as "kommunstyrelsens ordförande" or "kommunen" represents
    the municipality the headline is about (local papers name it there and not
    again), else the one the sentence names as its own, else the one the article is
    about (dateline, lead, the municipality named most, localities: see
    classify/article_place.py). A destination ("pendla till Göteborg") never counts.
    `article` is called only when needed: reading the whole article costs time.
    """
    sp = unit.features.speaker
    if sp is None:
        return None, None, None
    if sp.municipality:
        return sp.municipality, sp.municipality_code, "speaker"
    if not sp.is_municipal:
        return None, None, None
    if headline:
        return headline[0], headline[1], "headline"
    if place := representing_place(unit.text):
        return place[0], place[1], "sentence"
    about = article()
    if about.code:
        return about.name, about.code, about.source
    return None, None, None


def _evidence(model: ConflictModel, pred: Prediction, feats: StatementFeatures):
    sp = feats.speaker
    gate = getattr(model, "gate", None)
    return {
        "model": model.name,
        "version": getattr(model, "version", None),
        "score": pred.score,
        "threshold": getattr(model, "threshold", None),
        "model_conflict": pred.conflict,
        "gate": {
            "name": gate,
            "municipal_speaker": bool(sp and sp.is_municipal),
            "regional_target": bool(feats.named_targets),
            "state_target": feats.state_target,
            "passed": passes_gate(feats, gate) if gate else None,
        },
        "speaker": sp.as_dict() if sp else None,
        "target": feats.target.name if feats.target else None,
        "target_kind": feats.target.kind if feats.target else None,
        "target_in_context": feats.target.in_context if feats.target else None,
        "stance_cues": feats.reject_cues,
        "stance": feats.stance,
        "drivers": pred.evidence,
    }


def statement_rows(model: ConflictModel, art: dict) -> list[dict]:
    """The statements of one article with the model's verdicts, ready for `replace_statements`.

    Pure (reads nothing, writes nothing), so `bevakning classify` and the Ray
    engine (classify/ray_engine.py) compute exactly the same rows.
    """
    units = walk_article(art["title"], art["text"])
    paragraphs = split_paragraphs(art["text"] or "")
    headline = headline_place(art["title"])
    about = functools.cache(functools.partial(article_place, art["title"], paragraphs))
    texts = [u.text for u in units]
    contexts = [u.context for u in units]
    if hasattr(model, "predict_features"):
        preds = (
            model.predict_features(texts, [u.features for u in units], contexts, article=True)
            if texts
            else []
        )
    else:
        preds = model.predict(texts, [u.context for u in units]) if texts else []
    rows = []
    for pos, (unit, pred) in enumerate(zip(units, preds, strict=True)):
        f = unit.features
        sp = f.speaker
        # The flag is the model's decision, nothing added: a municipal speaker and a
        # regional (not only state) target (the gate) and a rejection score at or
        # above the threshold chosen on the training data (`LinearConflictModel.decide`).
        target = f.target
        municipality, municipality_code, municipality_from = municipality_for(unit, headline, about)
        evidence = _evidence(model, pred, f)
        evidence["municipality_from"] = municipality_from
        rows.append(
            {
                "position": pos,
                "text": unit.text,
                "speaker": sp.name if sp else None,
                "speaker_party": sp.party if sp else None,
                "actor_role": sp.role if sp else None,
                "municipality": municipality,
                "municipality_code": municipality_code,
                "region_lan_code": (target.lan_code if target and target.lan_code else None)
                or (sp.region_lan_code if sp else None),
                "target": target.name if target else None,
                "topic": pred.topic if pred.topic != "none" else f.topic,
                "quote_kind": f.quote_kind,
                "conflict": int(pred.conflict),
                "score": pred.score,
                "model": model.name,
                "evidence": evidence,
            }
        )
    return rows


def classify_articles(
    db: Database,
    model: ConflictModel,
    *,
    refresh: bool = False,
    progress: Callable[[int, int], None] | None = None,
) -> ClassifyReport:
    """Split every unclassified article into statements and store the model's verdicts."""
    report = ClassifyReport()
    total = count_to_classify(db, refresh=refresh) if progress else 0
    # Cases are rebuilt per batch of articles, for their stories, so an interrupted run
    # leaves the cases of every classified article current.
    pending: list[int] = []
    for i, art in enumerate(articles_to_classify(db, refresh=refresh), 1):
        rows = statement_rows(model, art)
        replace_statements(db, art["id"], rows)
        pending.append(art["id"])
        if len(pending) >= CASE_BATCH:
            report.cases += rebuild_cases_for_articles(db, pending)
            pending.clear()
        report.articles += 1
        report.statements += len(rows)
        report.flagged += sum(r["conflict"] for r in rows)
        if progress:
            progress(i, total)
    if pending:
        report.cases += rebuild_cases_for_articles(db, pending)
    return report


_SV = frozenset(
    [
        "och",
        "att",
        "det",
        "är",
        "som",
        "en",
        "på",
        "för",
        "med",
        "inte",
        "av",
        "till",
        "har",
        "vi",
        "jag",
        "den",
        "de",
        "om",
        "säger",
        "ett",
        "men",
        "så",
        "kan",
        "ska",
        "var",
        "vara",
        "från",
        "eller",
        "när",
        "sig",
        "också",
        "nu",
        "här",
        "hon",
        "han",
        "kommunen",
        "regionen",
        "mot",
        "inga",
        "efter",
        "i",
        "nej",
        "ja",
        "våra",
        "vår",
        "vårt",
        "måste",
        "ingen",
        "inget",
    ]
)
_FOREIGN = frozenset(
    [
        "the",
        "and",
        "is",
        "of",
        "to",
        "in",
        "that",
        "it",
        "for",
        "with",
        "are",
        "was",
        "this",
        "be",
        "by",
        "on",
        "not",
        "have",
        "from",
        "they",
        "we",
        "you",
        "der",
        "die",
        "das",
        "und",
        "ist",
        "nicht",
        "mit",
        "den",
        "ein",
        "le",
        "la",
        "les",
        "et",
        "est",
        "pas",
        "une",
        "des",
        "que",
    ]
)


# Words that tell Finnish, Norwegian and Danish from Swedish. Finnish shares no function
# words with Swedish; Norwegian and Danish share many (det, som, på, med), so only
# their own forms count (og, er, ikke, jeg, fra, sier, også).
_FINNISH = frozenset(
    [
        "ja",
        "on",
        "ei",
        "se",
        "että",
        "oli",
        "hän",
        "ovat",
        "kun",
        "mutta",
        "myös",
        "tai",
        "kuin",
        "joka",
        "sekä",
        "ole",
        "mitä",
        "niin",
        "jo",
        "sen",
        "hänen",
        "vuonna",
        "kanssa",
        "tämä",
        "tämän",
        "nyt",
        "vain",
        "sitä",
        "jotka",
        "olla",
        "kunta",
        "kunnan",
        "kaupunki",
        "kaupungin",
        "mukaan",
        "ettei",
        "eikä",
        "jos",
        "koska",
        "mikä",
    ]
)
_NORDIC = frozenset(
    [
        "og",
        "er",
        "ikke",
        "ikkje",
        "jeg",
        "eg",
        "hun",
        "sier",
        "siger",
        "også",
        "etter",
        "fra",
        "til",
        "ble",
        "hadde",
        "havde",
        "nå",
        "hvor",
        "hva",
        "hvad",
        "hvis",
        "meget",
        "kun",
        "af",
        "mye",
        "at",
        "dette",
        "denne",
        "noen",
        "nogen",
        "mange",
        "være",
        "blir",
        "vil",
    ]
)
# Finnish word shapes that Swedish words (almost) never have: a final ä or a double vowel
# (ää, aa, yy, öö, uu, ii). Counted only in words written in lower case, so Swedish place
# names of that shape (Höör, Kaaresuvanto) and brands (Saab) do not count.
_FINNISH_SHAPE = re.compile(r"\w*ä$|\w*(?:ää|aa|ee|yy|öö|uu|ii)\w*$")
_WORDS = re.compile(r"[^\W\d_]+")


def _latin_share(letters: list[str]) -> float:
    import unicodedata

    latin = sum(unicodedata.name(c, "").startswith("LATIN") for c in letters)
    return latin / len(letters)


def language_problem(text: str) -> str | None:
    """Why a text is not Swedish enough to classify, or None when it may be Swedish.

    Cheap on purpose (no model, no dictionary): a text is refused only on
    positive evidence, so short Swedish statements ("Nej till nedläggningen!")
    pass. Refused: text without letters (emoji, digits, symbols); text mostly
    in another script (Chinese, Cyrillic, Arabic …); text where English, German,
    French, Finnish or Norwegian/Danish words (two or more) outnumber Swedish
    ones; and, with no Swedish word at all, text whose words are mostly
    Finnish-shaped. Norwegian and Danish are refused when their own forms win
    for the same reason the crawler stores them as non-Swedish (`nb`): the
    gazetteer, the actor lexicon and the model are Swedish.
    """
    letters = [c for c in text if c.isalpha()]
    if not letters:
        return "no letters (only digits, symbols or emoji)"
    if _latin_share(letters) < 0.8:
        return "mostly another script than Latin"
    written = _WORDS.findall(text)
    words = [w.lower() for w in written]
    sv = sum(w in _SV for w in words)
    finnish = sum(
        w.lower() in _FINNISH or (w.islower() and bool(_FINNISH_SHAPE.match(w))) for w in written
    )
    counts = {
        "English/German/French": sum(w in _FOREIGN for w in words),
        "Finnish": finnish,
        "Norwegian/Danish": sum(w in _NORDIC for w in words),
    }
    language, n = max(counts.items(), key=lambda kv: kv[1])
    if n >= 2 and n > sv:
        return f"looks {language}"
    if sv == 0 and counts["Finnish"] * 2 >= len(words) and "å" not in text.lower():
        return "looks Finnish"
    return None


def looks_swedish(text: str) -> bool:
    """Whether `language_problem` lets the text through to the Swedish model."""
    return language_problem(text) is None


def _error(line_id: object, message: str) -> dict:
    return {"id": line_id, "error": message}


def _reject_constant(name: str) -> object:
    raise ValueError(f"{name} is not valid JSON")


def _finite_float(text: str) -> float:
    value = float(text)
    if value != value or value in (float("inf"), float("-inf")):
        raise ValueError(f"number {text[:20]} is out of range")
    return value


def parse_line(raw: str | bytes | TooLongLine, first: bool = False) -> dict | tuple:
    """One input line as (id, text, context), or the error object to answer it with.

    Never raises on bad input: invalid UTF-8, nesting too deep for the parser,
    numbers with thousands of digits, NaN/Infinity (which would be echoed back as
    invalid JSON) and lines over the size cap each get their own error.
    """
    if isinstance(raw, TooLongLine):
        return _error(None, f"line too long ({raw.size} bytes or more; at most {MAX_LINE_BYTES})")
    if isinstance(raw, bytes):
        try:
            raw = raw.decode("utf-8")
        except UnicodeDecodeError as exc:
            return _error(None, f"invalid UTF-8 at byte {exc.start} (line not read)")
    if first:
        raw = raw.removeprefix("\ufeff")
    raw = raw.strip()
    if not raw:
        return _error(None, "empty line")
    try:
        obj = json.loads(raw, parse_constant=_reject_constant, parse_float=_finite_float)
    except json.JSONDecodeError as exc:
        return _error(None, f"invalid JSON: {exc.msg} at column {exc.colno}")
    except RecursionError:
        return _error(None, "invalid JSON: nested too deeply")
    except ValueError as exc:  # NaN/Infinity, 1e999, integers over Python's digit limit
        return _error(None, f"invalid JSON: {str(exc).split(';')[0]}")
    if not isinstance(obj, dict):
        return _error(None, "each line must be a JSON object")
    line_id = obj.get("id")
    text = obj.get("text")
    context = obj.get("context")
    if "id" not in obj:
        return _error(None, "missing field: id")
    if not isinstance(text, str):
        return _error(line_id, "missing or non-string field: text")
    if not text.strip():
        return _error(line_id, "empty text")
    if len(text) > MAX_STATEMENT_CHARS:
        return _error(
            line_id,
            f"text too long for one statement ({len(text)} > {MAX_STATEMENT_CHARS} characters)",
        )
    if context is not None and not isinstance(context, str):
        return _error(line_id, "field context must be a string")
    if problem := language_problem(text):
        return _error(line_id, f"text does not look Swedish (not classified): {problem}")
    return (line_id, text, context)


def classify_jsonl(
    lines: Iterable[str | bytes | TooLongLine],
    model: ConflictModel,
    batch_size: int = 64,
    waiting: Callable[[], bool] | None = None,
) -> Iterator[dict]:
    """The stable `classify-text` contract: one output object per input line, in order.

    Bad lines yield an error object instead of stopping the stream. Lines are
    predicted in batches of `batch_size`; when `waiting` says no further input
    is ready, the batch is predicted at once, so a caller that writes one line
    and waits for its answer (a co-process) gets it.
    """
    batch: list[tuple[int, object, str, str | None]] = []
    results: dict[int, dict] = {}
    next_out = 0

    def verdict(line_id: object, p: Prediction) -> dict:
        return {
            "id": line_id,
            "conflict": p.conflict,
            "score": p.score,
            "topic": p.topic,
            "actor_role": p.actor_role,
            "municipality": p.municipality,
        }

    def flush() -> None:
        if not batch:
            return
        try:
            preds = model.predict([b[2] for b in batch], [b[3] for b in batch])
        except Exception:  # one bad statement must not cost the batch: retry one by one
            preds = []
            for _n, line_id, text, ctx in batch:
                try:
                    preds.append(model.predict([text], [ctx])[0])
                except Exception as exc:  # noqa: BLE001 - answered as this line's error
                    preds.append(_error(line_id, f"classification failed: {exc!r}"[:300]))
        for (n, line_id, _text, _ctx), p in zip(batch, preds, strict=True):
            results[n] = p if isinstance(p, dict) else verdict(line_id, p)
        batch.clear()

    for n, raw in enumerate(lines):
        parsed = parse_line(raw, first=n == 0)
        if isinstance(parsed, dict):
            results[n] = parsed
        else:
            batch.append((n, *parsed))
            if len(batch) >= batch_size or (waiting is not None and not waiting()):
                flush()
        if n in results or not batch:
            # Emit everything that is complete and in order.
            while next_out in results:
                yield results.pop(next_out)
                next_out += 1
    flush()
    while next_out in results:
        yield results.pop(next_out)
        next_out += 1
