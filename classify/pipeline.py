"""From stored articles (or JSON lines) to classified statements."""

from __future__ import annotations

import json
import re
from collections.abc import Callable, Iterable, Iterator
from dataclasses import dataclass

from sqlite_utils import Database

from classify.attribution import Attributor
from classify.features import StatementFeatures, find_targets, statement_features
from classify.lexicon import STATE_TARGETS
from classify.models.base import ConflictModel, Prediction
from classify.models.gates import passes_gate
from classify.places import gazetteer
from classify.sentences import split_paragraphs, split_sentences
from db.store import articles_to_classify, count_to_classify, replace_statements

MAX_STATEMENT_CHARS = 5000


@dataclass
class ClassifyReport:
    articles: int = 0
    statements: int = 0
    flagged: int = 0


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
    for para in paragraphs:
        sentences = split_sentences(para)
        for k, (sentence, (sp, kind)) in enumerate(
            zip(sentences, att.paragraph(sentences), strict=True)
        ):
            # The context is the rest of the paragraph, as in the labelled data.
            rest = " ".join(sentences[:k] + sentences[k + 1 :]) or None
            units.append((sentence, rest, sp, kind))
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


def _first_municipality(text: str | None) -> tuple[str, str] | None:
    """(name, code) of the first municipality named in a text, if any."""
    matches = gazetteer().find_municipalities(text or "") if text else []
    return (matches[0].name, matches[0].code) if matches else None


def municipality_for(
    unit: ArticleStatement,
    headline_place: tuple[str, str] | None,
    lead_place: tuple[str, str] | None,
) -> tuple[str | None, str | None, str | None]:
    """The municipality a municipal speaker represents, and where it was found.

    Attribution finds it in "…, kommunstyrelsens ordförande i Laxå"; a speaker
    introduced only as "kommunstyrelsens ordförande" or "kommunen" represents
    the municipality the headline is about (local papers name it there and not
    again), else the one the sentence or the lead names. A sentence often names
    other places ("skriven utifrån Örebros behov"), so the headline goes first.
    """
    sp = unit.features.speaker
    if sp is None:
        return None, None, None
    if sp.municipality:
        return sp.municipality, sp.municipality_code, "speaker"
    if not sp.is_municipal:
        return None, None, None
    for place, source in (
        (headline_place, "headline"),
        (_first_municipality(unit.text), "sentence"),
        (lead_place, "lead"),
    ):
        if place:
            return place[0], place[1], source
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
    for i, art in enumerate(articles_to_classify(db, refresh=refresh), 1):
        units = walk_article(art["title"], art["text"])
        headline_place = _first_municipality(art["title"])
        paragraphs = split_paragraphs(art["text"] or "")
        lead_place = _first_municipality(paragraphs[0] if paragraphs else None)
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
            municipality, municipality_code, municipality_from = municipality_for(
                unit, headline_place, lead_place
            )
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
        replace_statements(db, art["id"], rows)
        report.articles += 1
        report.statements += len(rows)
        report.flagged += sum(r["conflict"] for r in rows)
        if progress:
            progress(i, total)
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
        "ja",
        "ei",
        "og",
        "er",
    ]
)


def looks_swedish(text: str) -> bool:
    """A cheap language check: Swedish function words must not be outnumbered by foreign ones.

    Short texts (under four words) and texts with å/ä/ö pass; the point is to
    stop English or German press releases from reaching a Swedish model.
    """
    words = re.findall(r"[^\W\d_]+", text.lower())
    if len(words) < 4 or "å" in text.lower():
        return True
    sv = sum(w in _SV for w in words)
    foreign = sum(w in _FOREIGN for w in words)
    return not (foreign >= 2 and foreign > sv)


def _error(line_id: object, message: str) -> dict:
    return {"id": line_id, "error": message}


def classify_jsonl(
    lines: Iterable[str], model: ConflictModel, batch_size: int = 64
) -> Iterator[dict]:
    """The stable `classify-text` contract: one output object per input line, in order.

    Bad lines yield an error object instead of stopping the stream.
    """
    batch: list[tuple[int, object, str, str | None]] = []
    results: dict[int, dict] = {}
    next_out = 0

    def flush() -> None:
        if not batch:
            return
        preds = model.predict([b[2] for b in batch], [b[3] for b in batch])
        for (n, line_id, _text, _ctx), p in zip(batch, preds, strict=True):
            results[n] = {
                "id": line_id,
                "conflict": p.conflict,
                "score": p.score,
                "topic": p.topic,
                "actor_role": p.actor_role,
                "municipality": p.municipality,
            }
        batch.clear()

    for n, raw in enumerate(lines):
        raw = raw.strip()
        line_id: object = None
        if not raw:
            results[n] = _error(None, "empty line")
        else:
            try:
                obj = json.loads(raw)
            except json.JSONDecodeError as exc:
                results[n] = _error(None, f"invalid JSON: {exc.msg} at column {exc.colno}")
            else:
                if not isinstance(obj, dict):
                    results[n] = _error(None, "each line must be a JSON object")
                else:
                    line_id = obj.get("id")
                    text = obj.get("text")
                    context = obj.get("context")
                    if "id" not in obj:
                        results[n] = _error(None, "missing field: id")
                    elif not isinstance(text, str):
                        results[n] = _error(line_id, "missing or non-string field: text")
                    elif not text.strip():
                        results[n] = _error(line_id, "empty text")
                    elif len(text) > MAX_STATEMENT_CHARS:
                        results[n] = _error(
                            line_id,
                            f"text too long for one statement ({len(text)} > {MAX_STATEMENT_CHARS} characters)",
                        )
                    elif context is not None and not isinstance(context, str):
                        results[n] = _error(line_id, "field context must be a string")
                    elif not looks_swedish(text):
                        results[n] = _error(line_id, "text does not look Swedish (not classified)")
                    else:
                        batch.append((n, line_id, text, context))
                        if len(batch) >= batch_size:
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
