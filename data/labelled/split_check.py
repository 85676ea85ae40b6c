#!/usr/bin/env python3
"""Check that train.jsonl and test.jsonl share no page and report pages that may share a story.

Usage: python3 data/labelled/split_check.py [--stories] [--min-score N] [--all]

Why: the held-out test split is only a fair measure if the classifier never saw the page, nor
the same event reported elsewhere (a sister paper's copy, a follow-up, the municipality's own
press release). An exact `source_url` shared by both splits is an error (exit status 1).
Shared stories cannot be decided by a script, so `--stories` lists candidate page pairs
(one training page, one test page) that share rare names, line numbers or years, scored by
how rare the shared tokens are; a person reads them and moves rows (see docs/annotation.md,
revision 8). Pairs a person already judged to be different stories are kept in
split_check_reviewed.tsv and left out of the report unless --all is given, so a rerun after new
rows arrive shows only new candidates. Standard library only.
"""

from __future__ import annotations

import argparse
import collections
import json
import math
import os
import re
import sys
from collections.abc import Iterable

HERE = os.path.dirname(os.path.abspath(__file__))

# Capitalised words that are common Swedish sentence starts or generic institutions; they carry
# no story identity even when rare in this corpus.
STOP = {
    "det", "den", "de", "vi", "men", "och", "att", "för", "som", "nu", "när", "han", "hon",
    "jag", "kommunen", "kommunstyrelsen", "regionen", "region", "landstinget", "länstrafiken",
    "enligt", "även", "dessutom", "samtidigt", "därför", "här", "där", "om", "i", "på", "till",
    "efter", "inte", "ett", "en", "sverige", "svenska", "socialdemokraterna", "moderaterna",
    "centerpartiet", "liberalerna", "vänsterpartiet", "miljöpartiet", "kristdemokraterna",
    "sverigedemokraterna", "insändare", "pressmeddelande", "blogginlägg", "läsarkommentar",
    "säger", "skriver", "ur", "trafikverket", "regeringen", "https", "http", "www", "se",
    "html", "artikel", "nyheter", "sida", "aspx", "programid",
}  # fmt: skip
WORD = re.compile(r"[A-ZÅÄÖÉ][a-zåäöéü]+(?:-[A-ZÅÄÖa-zåäöé]+)*")
NUMBER = re.compile(r"(?<![\d.,:/])\b(\d{2,4})(?::an|:ans|an)?\b(?![.,]\d)")

REVIEWED = "split_check_reviewed.tsv"


def load(name: str, folder: str = HERE) -> list[dict]:
    """Read one split; a missing file is an empty split (a fresh checkout may lack reviews)."""
    path = os.path.join(folder, name)
    if not os.path.exists(path):
        return []
    with open(path, encoding="utf-8") as fh:
        return [json.loads(line) for line in fh if line.strip()]


def reviewed_pairs(folder: str = HERE) -> set[tuple[str, str]]:
    """(training page, test page) pairs judged to be different stories, from REVIEWED."""
    path = os.path.join(folder, REVIEWED)
    if not os.path.exists(path):
        return set()
    out = set()
    with open(path, encoding="utf-8") as fh:
        for n, line in enumerate(fh, 1):
            if not line.strip() or line.startswith("#"):
                continue
            parts = line.rstrip("\n").split("\t")
            if len(parts) < 3 or parts[0] != "different":
                raise ValueError(
                    f"{REVIEWED}:{n}: expected 'different<TAB>train<TAB>test[<TAB>why]'"
                )
            out.add((parts[1], parts[2]))
    return out


def shared_pages(train: Iterable[dict], test: Iterable[dict]) -> set[str]:
    """Return every non-empty source_url that occurs in both splits (a page leak)."""
    tr = {r["source_url"] for r in train if r.get("source_url")}
    return tr & {r["source_url"] for r in test if r.get("source_url")}


def page_tokens(rows: Iterable[dict]) -> set[str]:
    """Tokens that can identify a story: rare-able capitalised words, line numbers, years."""
    out: set[str] = set()
    for r in rows:
        blob = " ".join(str(r.get(k) or "") for k in ("text", "context", "speaker", "municipality"))
        for w in WORD.findall(blob):
            if w.lower() not in STOP and len(w) > 2:
                out.add(w.lower())
        for n in NUMBER.findall(blob):
            out.add("#" + n)
    return out


def story_candidates(train: list[dict], test: list[dict], min_score: float = 6.0) -> list[tuple]:
    """Rank (train page, test page) pairs by the rarity of the tokens they share.

    A token's weight is log(pages / pages containing it); a pair needs two shared tokens and
    at least one of them rare (in at most 4 pages) to be listed. Why: the same event is
    reported with the same people, places, line numbers and years, while different events in
    one municipality share only the municipality's name.
    """
    by_page: dict[tuple[str, str], list[dict]] = collections.defaultdict(list)
    for split, rows in (("train", train), ("test", test)):
        for r in rows:
            by_page[(split, r.get("source_url") or "id:" + r["id"])].append(r)
    toks = {key: page_tokens(rows) for key, rows in by_page.items()}
    df = collections.Counter(t for ts in toks.values() for t in ts)
    n = len(toks)
    weight = {t: math.log(n / c) for t, c in df.items()}
    index: dict[str, list[tuple[str, str]]] = collections.defaultdict(list)
    for key, ts in toks.items():
        if key[0] == "test":
            for t in ts:
                index[t].append(key)
    out = []
    for key, ts in toks.items():
        if key[0] != "train":
            continue
        hits: dict[tuple[str, str], set[str]] = collections.defaultdict(set)
        for t in ts:
            if df[t] <= 12:
                for other in index.get(t, ()):
                    hits[other].add(t)
        for other, shared in hits.items():
            if len(shared) < 2 or min(df[t] for t in shared) > 4:
                continue
            score = sum(weight[t] for t in shared)
            if score >= min_score:
                out.append((score, key[1], other[1], sorted(shared, key=lambda t: df[t])))
    out.sort(key=lambda x: -x[0])
    return out


def main(argv: list[str] | None = None) -> int:
    """Exit 1 when a page is in both splits; with --stories, print candidate shared stories."""
    ap = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    ap.add_argument("--stories", action="store_true", help="list candidate shared stories")
    ap.add_argument("--min-score", type=float, default=6.0)
    ap.add_argument("--all", action="store_true", help="include pairs judged different")
    ap.add_argument("--folder", default=HERE)
    args = ap.parse_args(argv)
    train = load("train.jsonl", args.folder)
    test = load("test.jsonl", args.folder)
    shared = shared_pages(train, test)
    for url in sorted(shared):
        print(f"PAGE IN BOTH SPLITS: {url}")
    if args.stories:
        cands = story_candidates(train, test, args.min_score)
        done = set() if args.all else reviewed_pairs(args.folder)
        shown = 0
        for score, tr_url, te_url, toks in cands:
            if (tr_url, te_url) in done:
                continue
            shown += 1
            print(f"{score:5.1f}  train {tr_url}\n       test  {te_url}\n       shared {toks[:12]}")
        print(f"{shown} candidate story pairs shown (score >= {args.min_score})")
    print(
        f"train {len(train)} rows / {len({r['source_url'] for r in train if r['source_url']})} pages;"
        f" test {len(test)} rows / {len({r['source_url'] for r in test if r['source_url']})} pages;"
        f" pages in both: {len(shared)}"
    )
    return 1 if shared else 0


if __name__ == "__main__":
    sys.exit(main())
