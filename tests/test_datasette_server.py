"""One real Datasette server: reviewer login and review, refused anonymous writes, Chromium.

The server runs in a thread (uvicorn on a free 127.0.0.1 port) over a small
populated database; httpx plays the reviewer, and a real headless Chromium
(Debian's /usr/bin/chromium) loads the pages people look at and saves
screenshots under test-output/.
"""

from __future__ import annotations

import re
import socket
import sqlite3
import threading
import time
from collections.abc import Iterator
from pathlib import Path

import httpx
import pytest
from test_datasette import XSS, populate

from bevakning.web import hash_password, make_datasette

CHROMIUM = "/usr/bin/chromium"
PASSWORD = "rätt-häst-batteri-häfta"
REVIEWER = "anna"


def _free_port() -> int:
    with socket.socket() as s:
        s.bind(("127.0.0.1", 0))
        return s.getsockname()[1]


@pytest.fixture(scope="module")
def server(tmp_path_factory) -> Iterator[tuple[str, Path]]:
    import uvicorn

    path = tmp_path_factory.mktemp("server") / "bevakning.db"
    populate(path)
    env = {
        "BEVAKNING_REVIEWER_PASSWORD_HASH": hash_password(PASSWORD),
        "BEVAKNING_REVIEWER": REVIEWER,
    }
    ds = make_datasette(path, environ=env)
    port = _free_port()
    config = uvicorn.Config(ds.app(), host="127.0.0.1", port=port, log_level="warning")
    srv = uvicorn.Server(config)
    thread = threading.Thread(target=srv.run, daemon=True)
    thread.start()
    deadline = time.monotonic() + 20
    while not srv.started:
        assert time.monotonic() < deadline, "Datasette did not start"
        time.sleep(0.05)
    yield f"http://127.0.0.1:{port}", path
    srv.should_exit = True
    thread.join(10)


def _csrf(html: str) -> str:
    match = re.search(r'name="csrftoken" value="([^"]+)"', html)
    assert match, "form has no CSRF token"
    return match.group(1)


def _login(client: httpx.Client, password: str = PASSWORD) -> httpx.Response:
    page = client.get("/-/login")
    return client.post(
        "/-/login",
        data={"username": REVIEWER, "password": password, "csrftoken": _csrf(page.text)},
    )


def _post_review(client: httpx.Client, statement_id: int, verdict: str, comment: str):
    """Submit the granska form as a signed-in reviewer would (with the form's CSRF token)."""
    form = client.get("/bevakning/granska")
    assert form.status_code == 200
    data = {"statement_id": str(statement_id), "verdict": verdict, "comment": comment}
    return client.post("/bevakning/granska", data={**data, "csrftoken": _csrf(form.text)})


def _reviews(path: Path) -> list[tuple]:
    with sqlite3.connect(path) as conn:
        return conn.execute(
            "select statement_id, verdict, comment, reviewer from reviews order by id"
        ).fetchall()


def test_signed_in_reviewer_records_a_verdict(server) -> None:
    base, path = server
    with httpx.Client(base_url=base) as client:
        login = _login(client)
        assert login.status_code == 302 and "ds_actor" in client.cookies
        response = _post_review(client, 1, "correct", "Stämmer, tydligt nej från KSO.")
        assert response.status_code == 302
        assert (1, "correct", "Stämmer, tydligt nej från KSO.", REVIEWER) in _reviews(path)
        # The verdict shows up in model health.
        health = client.get("/bevakning/modellhalsa.json?_shape=objects").json()["rows"]
        assert health[0]["granskningar"] >= 1 and health[0]["rätt"] >= 1


MISSED = "– Vi är inte nöjda med den nya tidtabellen för regionbussen, säger kommunalrådet."
SHOWN = "– Kommunen vill inte att regionbussen slutar stanna vid torget, säger kommunalrådet."


def _uncertain_statements(path: Path) -> None:
    """Two unflagged statements just under the threshold, as the pipeline stores them."""
    evidence = (
        '{"score": %s, "threshold": 0.5, "gate": {"name": "strict", "regional_target": true, '
        '"passed": true}, "speaker": {"role": "kommunalrad"}, "stance_cues": []}'
    )
    with sqlite3.connect(path) as conn:
        conn.executemany(
            "insert or ignore into statements (id, article_id, position, text, actor_role, "
            "conflict, score, model, evidence) values (?, 4, ?, ?, 'kommunalrad', 0, ?, 'm', ?)",
            [(50, 50, MISSED, 0.46, evidence % 0.46), (51, 51, SHOWN, 0.41, evidence % 0.41)],
        )


def test_reviewer_records_a_missed_conflict_from_the_queue(server) -> None:
    from classify.training import review_rows

    base, path = server
    _uncertain_statements(path)
    with httpx.Client(base_url=base) as client:
        queue = client.get("/bevakning/att_granska.json?lan=&_shape=array").json()
        assert [r["statement_id"] for r in queue][:2] == [50, 51], "most uncertain first"
        assert queue[0]["varfor"] == "Inte flaggad, men nära gränsen"
        _login(client)
        # The queue links each statement to the review form with its id filled in.
        page = client.get("/bevakning/att_granska?lan=")
        assert '<a href="/bevakning/granska?statement_id=50">Granska 50</a>' in page.text
        form = client.get("/bevakning/granska?statement_id=50")
        assert re.search(r'<input[^>]*name="statement_id"[^>]*value="50"', form.text)
        response = _post_review(
            client, 50, "incorrect", "Missad konflikt: kommunalrådet säger emot regionen."
        )
        assert response.status_code == 302
        queue = client.get("/bevakning/att_granska.json?lan=&_shape=array").json()
        assert 50 not in [r["statement_id"] for r in queue] and 51 in [
            r["statement_id"] for r in queue
        ]
    rows = {r["text"]: r for r in review_rows(path)}
    assert rows[MISSED]["conflict"] == 1, "a wrong verdict on an unflagged statement is a conflict"


@pytest.mark.parametrize(
    "data,reason",
    [
        ({"statement_id": "1", "verdict": "kanske", "comment": ""}, "verdict outside the list"),
        ({"statement_id": "99999", "verdict": "incorrect", "comment": ""}, "unknown statement"),
    ],
)
def test_bad_review_is_refused_and_nothing_stored(server, data: dict, reason: str) -> None:
    base, path = server
    before = _reviews(path)
    with httpx.Client(base_url=base, follow_redirects=True) as client:
        _login(client)
        form = client.get("/bevakning/granska")
        response = client.post("/bevakning/granska", data={**data, "csrftoken": _csrf(form.text)})
        assert "kunde inte sparas" in response.text, reason
    assert _reviews(path) == before, reason


def test_wrong_password_does_not_log_in(server) -> None:
    base, _ = server
    with httpx.Client(base_url=base) as client:
        response = _login(client, password="fel")
        assert response.status_code == 200 and "ds_actor" not in client.cookies


def test_anonymous_cannot_write_or_run_sql(server) -> None:
    base, path = server
    before = _reviews(path)
    with httpx.Client(base_url=base) as client:
        assert client.get("/bevakning/granska").status_code == 403
        token = _csrf(client.get("/-/login").text)
        response = client.post(
            "/bevakning/granska",
            data={"statement_id": "1", "verdict": "incorrect", "comment": "", "csrftoken": token},
        )
        assert response.status_code == 403
        # Free SQL would bypass table permissions (subscribers' e-mail addresses).
        assert client.get("/bevakning.json?sql=select+*+from+subscriptions").status_code == 403
        assert client.get("/bevakning/subscriptions").status_code == 403
        # Reading stays open.
        assert client.get("/bevakning/senaste_flaggade").status_code == 200
    assert _reviews(path) == before


def test_csrf_protection_stays_on(server) -> None:
    base, path = server
    before = _reviews(path)
    with httpx.Client(base_url=base) as client:
        _login(client)
        response = client.post(
            "/bevakning/granska", data={"statement_id": "1", "verdict": "incorrect", "comment": ""}
        )
        assert response.status_code == 403
    assert _reviews(path) == before


def test_article_text_is_escaped(server) -> None:
    base, _ = server
    with httpx.Client(base_url=base) as client:
        for url in (
            "/bevakning/articles/4",
            "/bevakning/statements/4",
            "/bevakning/senaste_flaggade",
            "/bevakning/kommun?kommun=Örebro",
        ):
            html = client.get(url).text
            assert "<script>alert(1)</script>" not in html, url
            assert "<b>nej</b>" not in html, url
            assert "&lt;script&gt;alert(1)&lt;/script&gt;" in html, url


def test_chromium_pages(server, output_dir: Path) -> None:
    from playwright.sync_api import sync_playwright

    assert Path(CHROMIUM).exists(), f"{CHROMIUM} is missing: install Debian's chromium"
    base, _ = server
    with sync_playwright() as p:
        browser = p.chromium.launch(
            executable_path=CHROMIUM,
            args=[
                "--no-sandbox",
                "--disable-gpu",
                "--disable-background-networking",
                "--disable-component-update",
                "--disable-sync",
                "--no-first-run",
            ],
        )
        page = browser.new_page(viewport={"width": 1280, "height": 900})
        try:
            page.goto(f"{base}/")
            assert page.get_by_text(
                "Bevakning – kommuner mot regionala prioriteringar"
            ).first.is_visible()
            page.screenshot(path=output_dir / "home.png", full_page=True)

            page.goto(f"{base}/bevakning/senaste_flaggade?lan=18&amne=transit")
            assert page.locator("input[name=lan]").input_value() == "18"
            assert page.get_by_text("– Det här är ett svek mot Laxå.").first.is_visible()
            assert page.get_by_text(XSS).first.is_visible(), "escaped text is shown as text"
            assert page.locator("script:text('alert(1)')").count() == 0
            page.screenshot(path=output_dir / "latest_flagged.png", full_page=True)

            page.goto(
                f"{base}/bevakning/konflikt_per_manad_lan?fran=&till=&amne="
                "#g.mark=line&g.x_column=månad&g.x_type=ordinal&g.y_column=konflikter"
                "&g.y_type=quantitative&g.color_column=län"
            )
            chart = page.locator(".datasette-vega canvas, .datasette-vega svg, .vega-embed")
            chart.first.wait_for(state="visible", timeout=15000)
            page.screenshot(path=output_dir / "chart.png", full_page=True)
            # datasette-vega's English form reads in Swedish.
            assert page.get_by_text("Diagramval", exact=True).first.is_visible()
            assert "Charting options" not in page.locator("body").inner_text()
            page.goto(f"{base}/bevakning/konflikt_per_manad_lan?fran=&till=&amne=")
            page.get_by_role("button", name="Visa diagramval").wait_for(timeout=15000)

            _uncertain_statements(server[1])
            # A reviewer signs in, opens the queue and follows a statement's link.
            page.goto(f"{base}/-/login")
            page.fill("input[name=username]", REVIEWER)
            page.fill("input[name=password]", PASSWORD)
            page.locator("form input[type=submit], form button[type=submit]").first.click()
            page.wait_for_load_state()
            page.goto(f"{base}/bevakning/att_granska?lan=")
            assert page.get_by_text("Att granska: osäkra uttalanden").first.is_visible()
            assert page.get_by_text(SHOWN).first.is_visible()
            page.screenshot(path=output_dir / "review_queue.png", full_page=True)
            page.get_by_role("link", name="Granska 51").click()
            page.wait_for_url("**/granska?statement_id=51")
            assert page.locator("input[name=statement_id]").input_value() == "51"

            page.goto(f"{base}/bevakning/karta?fran=&till=")
            page.locator(".leaflet-container").first.wait_for(state="visible", timeout=15000)
            markers = page.locator(".leaflet-marker-icon")
            markers.first.wait_for(state="visible", timeout=15000)
            assert markers.count() >= 1
            page.screenshot(path=output_dir / "map.png", full_page=True)
        finally:
            browser.close()


def test_client_errors_are_one_line_each_in_the_console(tmp_path: Path) -> None:
    """`bevakning serve`: a mistyped address is one log line, not a 160-line traceback."""
    import subprocess
    import sys

    path = tmp_path / "quiet.db"
    populate(path)
    port = _free_port()
    bevakning = Path(sys.executable).parent / "bevakning"
    proc = subprocess.Popen(
        [str(bevakning), "serve", "--db", str(path), "--port", str(port)],
        stdout=subprocess.PIPE,
        stderr=subprocess.PIPE,
        text=True,
    )
    try:
        base = f"http://127.0.0.1:{port}"
        deadline = time.monotonic() + 30
        while True:
            try:
                httpx.get(base + "/", timeout=2)
                break
            except httpx.HTTPError:
                assert time.monotonic() < deadline and proc.poll() is None, "server did not start"
                time.sleep(0.2)
        for missing in ("/finns-inte", f"/{path.stem}/finns_inte", f"/{path.stem}/finns_inte.json"):
            response = httpx.get(base + missing, timeout=10)
            assert response.status_code == 404
        page = httpx.get(base + "/finns-inte", timeout=10).text
        assert "Sidan finns inte" in page
    finally:
        proc.terminate()
        out, err = proc.communicate(timeout=20)
    console = (out + err).splitlines()
    assert "Traceback" not in out + err
    assert len([line for line in console if " 404 " in f" {line} "]) == 4, console
    assert len(console) < 12, console


def test_one_click_review_on_the_statement_page(server) -> None:
    """A signed-in reviewer marks a statement right from its own page; visitors are told to log in."""
    base, path = server
    with httpx.Client(base_url=base) as anonymous:
        page = anonymous.get("/bevakning/statements/2")
        assert page.status_code == 200
        assert "loggar in" in page.text and 'value="incorrect"' not in page.text
    with httpx.Client(base_url=base) as client:
        assert _login(client).status_code == 302
        page = client.get("/bevakning/statements/2")
        assert 'value="correct">Rätt</button>' in page.text
        assert 'value="incorrect">Fel</button>' in page.text
        response = client.post(
            "/bevakning/granska",
            data={
                "statement_id": "2",
                "verdict": "incorrect",
                "comment": "",
                "csrftoken": _csrf(page.text),
            },
        )
        assert response.status_code == 302
    assert (2, "incorrect", None, REVIEWER) in _reviews(path)


PAGES_PEOPLE_OPEN = [
    ("home", "/"),
    ("konflikter_orebro", "/bevakning/konflikter?lan=Örebro"),
    ("flaggade_i_ord", "/bevakning/senaste_flaggade?lan=Örebro&amne=kollektivtrafik"),
    ("uttalanden", "/bevakning/uttalanden"),
    ("uttalande", "/bevakning/statements/1"),
    ("artikel", "/bevakning/articles/1"),
    ("statements_table", "/bevakning/statements"),
    ("articles_table", "/bevakning/articles"),
    ("saknas_404", "/bevakning/finns_inte"),
    ("granska_403", "/bevakning/granska"),
]


def test_chromium_pages_people_open_are_swedish_short_and_reviewable(
    server, output_dir: Path
) -> None:
    """Each page a person opens, at 1,400 px: under 5,000 px tall, Swedish errors, a review click."""
    from playwright.sync_api import sync_playwright

    base, path = server
    with sync_playwright() as p:
        browser = p.chromium.launch(
            executable_path=CHROMIUM,
            args=["--no-sandbox", "--disable-gpu", "--disable-background-networking"],
        )
        page = browser.new_page(viewport={"width": 1400, "height": 900})
        try:
            heights = {}
            for name, address in PAGES_PEOPLE_OPEN:
                page.goto(base + address)
                page.screenshot(path=output_dir / f"{name}.png", full_page=True)
                heights[name] = page.evaluate("document.documentElement.scrollHeight")
                if name == "flaggade_i_ord":
                    # County and topic typed as words, not codes.
                    assert page.get_by_text("– Det här är ett svek mot Laxå.").first.is_visible()
                if name == "saknas_404":
                    assert page.get_by_role("heading", name="Sidan finns inte").is_visible()
                if name == "granska_403":
                    assert page.get_by_role("heading", name="Ingen behörighet").is_visible()
                    assert page.get_by_text("Granskare loggar in via menyn").first.is_visible()
            tall = {name: h for name, h in heights.items() if h >= 5000}
            assert not tall, tall

            # A reviewer signs in and marks a statement right with one click.
            page.goto(f"{base}/-/login")
            page.fill("input[name=username]", REVIEWER)
            page.fill("input[name=password]", PASSWORD)
            page.locator("form input[type=submit], form button[type=submit]").first.click()
            page.wait_for_load_state()
            page.goto(f"{base}/bevakning/statements/3")
            page.fill("#granska-kommentar", "Rätt läst i webbläsaren")
            page.get_by_role("button", name="Rätt").click()
            page.wait_for_load_state()
            page.screenshot(path=output_dir / "after_review.png", full_page=True)
            assert page.get_by_text("Tack! Granskningen är sparad.").first.is_visible()
        finally:
            browser.close()
    assert (3, "correct", "Rätt läst i webbläsaren", REVIEWER) in _reviews(path)


def test_chromium_statements_read_in_swedish_and_headers_still_sort(
    server, output_dir: Path
) -> None:
    """Issue 14: the statements table's headers are Swedish labels, a click on one still sorts
    by the real column, the column menu is Swedish, and dates are typed as ÅÅÅÅ-MM-DD."""
    from playwright.sync_api import sync_playwright

    base, _ = server
    with sync_playwright() as p:
        browser = p.chromium.launch(
            executable_path=CHROMIUM,
            args=["--no-sandbox", "--disable-gpu", "--disable-background-networking"],
        )
        page = browser.new_page(viewport={"width": 1400, "height": 900}, locale="en-US")
        try:
            page.goto(f"{base}/bevakning/statements")
            heads = [
                h.replace("▲", "").replace("▼", "").strip()
                for h in page.locator("table.rows-and-columns thead th").all_inner_texts()
            ]
            assert {"citat", "talare", "roll", "ämne", "flaggad", "poäng"} <= set(heads), heads
            assert not {"text", "speaker", "actor_role", "topic", "conflict", "score"} & set(heads)
            page.screenshot(path=output_dir / "statements_swedish.png", full_page=True)

            def scores() -> list[float]:
                cells = page.locator("table.rows-and-columns td.col-score").all_inner_texts()
                return [float(c) for c in cells if c.strip()]

            page.get_by_role("link", name="poäng", exact=True).click()
            page.wait_for_url("**/statements?_sort=score")
            ascending = scores()
            assert len(ascending) >= 3 and ascending == sorted(ascending)
            page.get_by_role("link", name=re.compile(r"^poäng\W+▼$")).click()
            page.wait_for_url("**/statements?_sort_desc=score")
            assert scores() == sorted(ascending, reverse=True)
            assert "sorterade efter poäng fallande" in page.locator("h3").first.inner_text()

            page.locator("th[data-column=actor_role] .dropdown-menu-icon").click()
            assert page.get_by_text("Sortera stigande").is_visible()
            assert page.locator(".dropdown-column-type").inner_text().startswith("Typ: TEXT")
            page.screenshot(path=output_dir / "statements_sorted_menu.png", full_page=True)

            # An English-locale browser still shows ÅÅÅÅ-MM-DD, and the query takes it.
            page.goto(f"{base}/bevakning/konflikt_per_manad_lan")
            fran = page.locator("input[name=fran]")
            assert fran.get_attribute("type") == "text"
            assert fran.get_attribute("placeholder") == "ÅÅÅÅ-MM-DD"
            assert page.get_by_text("Från och med (ÅÅÅÅ-MM-DD)").is_visible()
            fran.fill("03/01/2025")
            assert not fran.evaluate("e => e.checkValidity()"), "mm/dd/yyyy is refused"
            fran.fill("2025-03-01")
            page.fill("input[name=till]", "2025-03-31")
            page.locator("form.sql input[type=submit]").click()
            page.wait_for_url("**fran=2025-03-01**")
            table = page.locator("table.rows-and-columns").inner_text()
            assert "2025-03" in table and "2025-04" not in table
            page.screenshot(path=output_dir / "dates_as_text.png", full_page=True)
        finally:
            browser.close()
