#!/usr/bin/env python3
"""Validate the labelled conflict data (train.jsonl, test.jsonl, optional reviews.jsonl).

Usage: python3 data/labelled/validate.py
Checks keys, label value sets, id uniqueness across files, duplicate texts, the
conflict/kind consistency and prints counts per kind, split, origin and topic.
Exits non-zero on any error.
"""

import collections
import json
import os
import sys

HERE = os.path.dirname(os.path.abspath(__file__))
KEYS = [
    "id",
    "text",
    "context",
    "conflict",
    "topic",
    "actor_role",
    "municipality",
    "speaker",
    "kind",
    "origin",
    "source_url",
    "note",
]
TOPICS = {"transit", "rus", "other_regional", "none"}
MUNICIPAL = {
    "kso",
    "kommunalrad",
    "oppositionsrad",
    "kommundirektor",
    "municipal_politician",
    "municipality",
}
ROLES = MUNICIPAL | {
    "regional_politician",
    "regional_official",
    "citizen",
    "state",
    "journalist",
    "other",
}
POS_KINDS = {
    "positive_transit": "transit",
    "positive_rus": "rus",
    "positive_other_regional": "other_regional",
}
NEG_KINDS = {
    "neg_municipal_support",
    "neg_regional_politician",
    "neg_citizen_group",
    "neg_state_or_other_municipality",
    "neg_neutral_news",
    "neg_internal",
    "neg_cannot_pay",
    "neg_other",
}
ORIGINS = {"real", "adapted", "synthetic", "review"}


def load(name):
    path = os.path.join(HERE, name)
    if not os.path.exists(path):
        return []
    rows = []
    with open(path, encoding="utf-8") as fh:
        for n, line in enumerate(fh, 1):
            if line.strip():
                rows.append((name, n, json.loads(line)))
    return rows


def main():
    errors = []
    data = {s: load(f"{s}.jsonl") for s in ("train", "test", "reviews")}
    ids, texts = {}, {}
    for split, rows in data.items():
        for name, n, r in rows:
            where = f"{name}:{n}"
            if split != "reviews" and list(r) != KEYS:
                errors.append(f"{where}: keys {list(r)}")
            if r.get("id") in ids:
                errors.append(f"{where}: duplicate id {r.get('id')} (also {ids[r['id']]})")
            ids[r.get("id")] = where
            t = (r.get("text") or "").strip()
            if not t:
                errors.append(f"{where}: empty text")
            if split != "reviews":
                key = t.lower()
                if key in texts:
                    errors.append(f"{where}: duplicate text (also {texts[key]})")
                texts[key] = where
            if r.get("conflict") not in (0, 1):
                errors.append(f"{where}: conflict={r.get('conflict')!r}")
            if r.get("topic") not in TOPICS:
                errors.append(f"{where}: topic={r.get('topic')!r}")
            # A review row's role is the model's attribution, empty when it found none.
            if r.get("actor_role") not in ROLES and not (
                split == "reviews" and r.get("actor_role") == ""
            ):
                errors.append(f"{where}: actor_role={r.get('actor_role')!r}")
            if r.get("origin") not in ORIGINS:
                errors.append(f"{where}: origin={r.get('origin')!r}")
            k = r.get("kind")
            if split != "reviews":
                if k in POS_KINDS:
                    if (
                        r["conflict"] != 1
                        or r["topic"] != POS_KINDS[k]
                        or r["actor_role"] not in MUNICIPAL
                    ):
                        errors.append(
                            f"{where}: inconsistent positive ({k}, {r['conflict']}, {r['topic']}, {r['actor_role']})"
                        )
                elif k in NEG_KINDS:
                    if r["conflict"] != 0:
                        errors.append(f"{where}: {k} with conflict=1")
                else:
                    errors.append(f"{where}: kind={k!r}")
                if r["origin"] in ("real", "adapted") and not r.get("source_url"):
                    errors.append(f"{where}: {r['origin']} row without source_url")
                if r["origin"] == "synthetic" and r.get("source_url"):
                    errors.append(f"{where}: synthetic row with source_url")
    test_texts = {r["text"].strip().lower() for _, _, r in data["test"]}
    for name, n, r in data["reviews"]:
        if (r.get("text") or "").strip().lower() in test_texts:
            errors.append(f"{name}:{n}: review row repeats a test.jsonl text (leak)")
    tr = [r for _, _, r in data["train"]]
    te = [r for _, _, r in data["test"]]
    allr = tr + te
    print(
        f"total={len(allr)} train={len(tr)} test={len(te)} ({len(te) / max(1, len(allr)):.1%}) reviews={len(data['reviews'])}"
    )
    print(
        f"conflict=1: {sum(r['conflict'] for r in allr)} (train {sum(r['conflict'] for r in tr)}, test {sum(r['conflict'] for r in te)})"
    )

    def table(title, key):
        c_all = collections.Counter(key(r) for r in allr)
        c_tr = collections.Counter(key(r) for r in tr)
        c_te = collections.Counter(key(r) for r in te)
        print(f"\n{title:<34}{'all':>6}{'train':>7}{'test':>6}")
        for k in sorted(c_all, key=lambda x: (-c_all[x], str(x))):
            print(f"{str(k):<34}{c_all[k]:>6}{c_tr[k]:>7}{c_te[k]:>6}")

    table("kind", lambda r: r["kind"])
    table("origin", lambda r: r["origin"])
    table("topic (conflict=1)", lambda r: r["topic"] if r["conflict"] else "-")
    table("actor_role", lambda r: r["actor_role"])
    urls = {r["source_url"] for r in allr if r["source_url"]}
    shared = {r["source_url"] for r in tr if r["source_url"]} & {
        r["source_url"] for r in te if r["source_url"]
    }
    print(f"\ndistinct source_url: {len(urls)}; shared between train and test: {len(shared)}")
    print(f"test real/adapted share: {sum(r['origin'] != 'synthetic' for r in te)}/{len(te)}")
    # requirements of the brief
    need = {
        "total>=700": len(allr) >= 700,
        "positives>=240": sum(r["conflict"] for r in allr) >= 240,
        "test>=175": len(te) >= 175,
        "each neg kind>=25": all(sum(r["kind"] == k for r in allr) >= 25 for k in NEG_KINDS),
    }
    print("requirements:", need)
    if not all(need.values()):
        errors.append(f"requirements not met: {need}")
    if errors:
        print(f"\n{len(errors)} ERROR(S):")
        for e in errors[:50]:
            print("  ", e)
        sys.exit(1)
    print("\nOK")


if __name__ == "__main__":
    main()
