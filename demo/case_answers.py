"""Cases in a classified demo database against the demo's answer key (demo/sites/ANSWERS.json).

An expected case is a (story, municipality) pair with at least one conflict statement
in the answer key; syndicated copies (``syndicated_with``) are one story. A found case
is a row of ``conflict_cases``. Also: how many flagged statements carry the answer
key's municipality. Run: ``python -m demo.case_answers DB``.
"""

from __future__ import annotations

import json
import sqlite3
import subprocess
import sys
from pathlib import Path

ANSWERS = Path(__file__).parent / "sites" / "ANSWERS.json"
ROOT = Path(__file__).resolve().parent.parent


def story_of_answers(answers: list[dict]) -> dict[str, str]:
    """Each answer-key article ("site/slug") to its story: syndicated copies share one."""
    story_of: dict[str, str] = {}
    for a in answers:
        key = f"{a['site']}/{a['slug']}"
        other = a.get("syndicated_with")
        story_of[key] = min(key, other) if other else key
    return story_of


def build_demo(db: Path) -> None:
    """Crawl and classify the demo into `db` (`bevakning demo --no-serve`); exit on failure."""
    run = subprocess.run(
        [sys.executable, "-m", "bevakning", "demo", "--no-serve", "--db", str(db)],
        cwd=ROOT,
        capture_output=True,
        text=True,
    )
    if run.returncode != 0:
        sys.exit(f"bevakning demo failed:\n{run.stderr[-2000:]}")


def _norm(text: str) -> str:
    return " ".join(text.replace("–", "-").split()).strip(" -").casefold()


def case_agreement(db_path: str | Path) -> dict[str, object]:
    """Case precision/recall and municipality agreement of flagged statements."""
    answers = json.loads(ANSWERS.read_text(encoding="utf-8"))
    story_of = story_of_answers(answers)
    expected: set[tuple[str, str]] = set()
    muni_of_text: dict[tuple[str, str], str | None] = {}
    for a in answers:
        key = f"{a['site']}/{a['slug']}"
        for s in a["statements"]:
            muni_of_text[(key, _norm(s["text"]))] = s.get("municipality")
            if s["conflict"] and s.get("municipality"):
                # A joint statement ("Laxå; Ljusnarsberg; Aneby; Eksjö") is each one's case.
                for muni in s["municipality"].split(";"):
                    expected.add((story_of[key], muni.strip()))
    conn = sqlite3.connect(db_path)
    url_key = {
        url: f"{sid}/{url.rsplit('/', 1)[-1].removesuffix('.html')}"
        for sid, url in conn.execute("select source_id, url from articles")
    }
    conn_rows = conn.execute("select count(*) from conflict_cases").fetchone()[0]
    found: set[tuple[str, str]] = set()
    for urls, muni in conn.execute("select urls, municipality from conflict_cases"):
        keys = {story_of.get(url_key.get(u, ""), url_key.get(u, "")) for u in json.loads(urls)}
        found.add((min(keys), muni or "?"))
    right = wrong = 0
    for url, text, muni in conn.execute(
        "select a.url, s.text, s.municipality from statements s "
        "join articles a on a.id = s.article_id where s.conflict = 1"
    ):
        want = muni_of_text.get((url_key[url], _norm(text)))
        if want is None:
            continue
        right += muni in {w.strip() for w in want.split(";")}
        wrong += muni not in {w.strip() for w in want.split(";")}
    conn.close()
    hit = len(found & expected)
    return {
        "expected_cases": len(expected),
        "found_cases": len(found),
        "case_precision": round(hit / len(found), 3) if found else 0.0,
        "case_recall": round(hit / len(expected), 3) if expected else 0.0,
        "flagged_with_key_municipality": right + wrong,
        "municipality_agreement": round(right / (right + wrong), 3) if right + wrong else 0.0,
        "case_rows": conn_rows,
        "false_cases": sorted(f"{s} {m}" for s, m in found - expected),
        "missed_cases": sorted(f"{s} {m}" for s, m in expected - found),
    }


if __name__ == "__main__":
    print(json.dumps(case_agreement(sys.argv[1]), indent=2))
