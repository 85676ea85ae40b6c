"""From stored articles (or JSON lines) to classified statements."""

from __future__ import annotations

import json
from collections.abc import Callable, Iterable, Iterator
from dataclasses import dataclass

from sqlite_utils import Database

from classify.model import ConflictModel
from classify.sentences import split_paragraphs, split_sentences
from db.store import articles_to_classify, replace_statements

MAX_STATEMENT_CHARS = 5000


@dataclass
class ClassifyReport:
    articles: int = 0
    statements: int = 0
    flagged: int = 0


def article_statements(title: str | None, text: str | None) -> list[str]:
    """An article's statements in reading order: the headline first, then each sentence."""
    out = [title.strip()] if title and title.strip() else []
    for para in split_paragraphs(text or ""):
        out.extend(split_sentences(para))
    return out


def classify_articles(
    db: Database,
    model: ConflictModel,
    *,
    refresh: bool = False,
    progress: Callable[[int, int], None] | None = None,
) -> ClassifyReport:
    """Split every unclassified article into statements and store the model's verdicts."""
    report = ClassifyReport()
    todo = articles_to_classify(db, refresh=refresh)
    for i, art in enumerate(todo, 1):
        texts = article_statements(art["title"], art["text"])
        contexts = [texts[j + 1] if j + 1 < len(texts) else None for j in range(len(texts))]
        preds = model.predict(texts, contexts) if texts else []
        rows = []
        for pos, (text, pred) in enumerate(zip(texts, preds, strict=True)):
            rows.append(
                {
                    "position": pos,
                    "text": text,
                    "speaker": pred.speaker,
                    "actor_role": pred.actor_role,
                    "municipality": pred.municipality,
                    "topic": pred.topic,
                    "conflict": pred.conflict,
                    "score": pred.score,
                    "model": model.name,
                }
            )
        replace_statements(db, art["id"], rows)
        report.articles += 1
        report.statements += len(rows)
        report.flagged += sum(r["conflict"] for r in rows)
        if progress:
            progress(i, len(todo))
    return report


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
