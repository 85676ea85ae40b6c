"""The shipped model against the demo's answer key (demo/sites/ANSWERS.json): figures.

Runs `bevakning demo --no-serve` into a temporary database (crawl of the three
fictional newspapers on 127.0.0.1, then classification) and compares:

- articles: positive articles with at least one flagged statement, and hard-negative
  articles with any flagged statement (the test suite holds a floor on these);
- statements: the answer key's conflict and non-conflict statements, matched to stored
  statements after lower-casing and dropping punctuation. A key statement may span
  several stored sentences (a quote of two sentences), so a stored sentence matches
  when one text contains the other; a key statement counts as flagged when any of its
  matching sentences is. Key statements with no matching sentence are counted apart.
- speaker roles: the role stored for the longest matching sentence against the key's
  `actor_role`, exactly and by side (municipal, regional, or the role itself).

Run: python benchmarks/demo_answers.py
"""

from __future__ import annotations

import json
import re
import sqlite3
import sys
import tempfile
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
ANSWERS = ROOT / "demo" / "sites" / "ANSWERS.json"
sys.path.insert(0, str(ROOT))  # the package, not benchmarks/classify.py beside this file


from classify.lexicon import MUNICIPAL_ROLES, REGIONAL_ROLES  # noqa: E402


def _norm(text: str) -> str:
    return re.sub(r"\W+", " ", text.lower()).strip()


def main() -> None:
    from demo.case_answers import build_demo

    answers = json.loads(ANSWERS.read_text(encoding="utf-8"))
    with tempfile.TemporaryDirectory() as tmp:
        db = Path(tmp) / "demo.db"
        build_demo(db)
        conn = sqlite3.connect(db)
        model = conn.execute("select distinct json_extract(evidence, '$.model') from statements")
        models = sorted(m for (m,) in model if m)
        stored = [
            (url.split("/artikel/")[1], _norm(text), bool(conflict))
            for url, text, conflict in conn.execute(
                "select a.url, s.text, s.conflict from statements s "
                "join articles a on a.id = s.article_id"
            )
        ]
        roles = [
            role
            for (role,) in conn.execute(
                "select s.actor_role from statements s join articles a on a.id = s.article_id"
            )
        ]
    flagged_articles = {slug for slug, _, c in stored if c}
    pos = [a for a in answers if a["kind"] == "positive"]
    neg = [a for a in answers if a["kind"] != "positive"]
    slug = lambda a: a["path"].split("/artikel/")[1]  # noqa: E731
    print(f"model: {', '.join(models)}")
    print(
        f"articles: {sum(slug(a) in flagged_articles for a in pos)} of {len(pos)} positive "
        f"flagged; {sum(slug(a) in flagged_articles for a in neg)} of {len(neg)} hard-negative "
        "flagged"
    )
    counts = {True: [0, 0, 0], False: [0, 0, 0]}  # flagged, not flagged, unmatched
    for a in answers:
        sentences = [(t, c) for s, t, c in stored if s == slug(a)]
        for st in a.get("statements", []):
            key = _norm(st["text"])
            hits = [c for t, c in sentences if t and (t in key or key in t)]
            bucket = counts[bool(st["conflict"])]
            bucket[0 if any(hits) else 1 if hits else 2] += 1
    exact = same_side = matched = 0
    for a in answers:
        for st in a.get("statements", []):
            key = _norm(st["text"])
            # The longest matching sentence: a subheading ("Ett steg bakåt") may be a
            # fragment of the key's quote without being said by its speaker.
            matches = [
                (len(t), roles[i])
                for i, (s, t, _) in enumerate(stored)
                if s == slug(a) and t and (t in key or key in t)
            ]
            if not matches:
                continue
            found = max(matches, key=lambda m: m[0])[1]
            matched += 1
            exact += found == st["actor_role"]
            same_side += _side(found) == _side(st["actor_role"])
    for label, name in ((True, "conflict"), (False, "non-conflict")):
        f, n, u = counts[label]
        print(
            f"key {name} statements: {f} of {f + n} matched ones flagged "
            f"({u} without a matching stored sentence)"
        )
    print(
        f"speaker roles of {matched} matched key statements: {exact / max(matched, 1):.3f} "
        f"exact, {same_side / max(matched, 1):.3f} on the right side"
    )


def _side(role: str | None) -> str:
    if role in MUNICIPAL_ROLES:
        return "municipal"
    return "regional" if role in REGIONAL_ROLES else role or "none"


if __name__ == "__main__":
    main()
